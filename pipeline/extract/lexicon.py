"""Word lists the extractor reasons with: event triggers, weapon cues, actors and demonyms.

These are the vocabulary of a careful event coder, written from ACLED's definitions, not from any corpus.
Triggers are lemmas (spaCy's); multi-word cues are matched on the lower-cased sentence.
"""

from __future__ import annotations

import re

# --- Event triggers: lemma -> the event family it reports -------------------------------------------------
# Families are resolved to ACLED sub-types in classify.py using the parse (who acts on whom) and cues.
TRIGGERS: dict[str, str] = {}


def _add(family: str, words: str) -> None:
    for w in words.split():
        TRIGGERS[w] = family


_add("attack", "attack assault raid ambush storm strike hit target bombard")
_add("kill", "kill murder slay execute behead massacre slaughter assassinate shoot gun stab hack lynch "
     "die dead death killing")  # fmt: skip
_add("wound", "wound injure")
_add("attack", "fire beat thrash torture")  # "fired at", "opened fire on", "beat up"; checked in mentions.py
_add("clash", "clash scuffle fight battle skirmish firefight gunfight exchange engage repel repulse "
     "offensive counteroffensive counterattack")  # fmt: skip
_add("seize", "seize capture overrun take overtake conquer occupy fall")
_add("retake", "retake recapture liberate regain reclaim")
_add("withdraw", "withdraw withdrawal retreat evacuate")
_add("airstrike", "airstrike air-strike warplane")
_add("shell", "shell shelling mortar artillery rocket missile")
_add("explode", "explode explosion blast detonate bombing bomb")
_add("abduct", "abduct kidnap abduction kidnapping hostage")
_add("sexual", "rape raped rapes raping molest")  # the small model lemmatizes "raped" as "rap"
_add("protest", "protest demonstrate demonstration rally march picket sit-in strike protester protestor "
     "demonstrator gather")  # fmt: skip
_add("disperse", "disperse")
_add("riot", "riot rioting vandalize vandalise torch burn loot ransack plunder pillage raze smash tear")
_add("pelt", "pelt")  # stones, bricks, bottles thrown by a crowd; checked in classify.py
_add("block", "block barricade")  # roads blocked by a crowd; checked in classify.py
_add("arrest", "arrest detain apprehend")
_add("agreement", "ceasefire truce accord")
_add("disrupt", "defuse dismantle intercept")
# A grenade or a bomb thrown is an attack, stones or bottles a riot ("pelt"): mentions._family decides.
_add("throw", "throw hurl lob")
_add("base", "headquarters")
# Families below report an ACLED event only with the right object or actor; classify.py checks which.
# weapons found -> disrupted weapons use
_add("find", "find discover uncover recover confiscate unearth identify")
_add("establish", "establish set build open")  # a base or post set up -> headquarters established
_add("change", "defect defection reinforce reinforcement deploy redeploy dispatch mobilize mobilise fortify "
     "merge")  # fmt: skip
_add("agree", "agree sign surrender swap deal talk")
_add("destroy", "destroy destruction damage demolish")

# Lemmas that only report an event with a violent object or context; alone they are too vague.
WEAK_TRIGGERS = frozenset({"hit", "target", "take", "fall", "strike", "march", "exchange", "engage", "burn",
                           "occupy", "gun", "death", "dead", "storm", "offensive", "gather", "protester",
                           "protestor", "demonstrator", "damage", "talk", "deal", "set", "open", "build",
                           "find", "recover", "dispatch", "deploy"})  # fmt: skip
# Strategic developments that are background to whatever else a report tells: they never speak for it.
SECONDARY_SUB_TYPES = frozenset({"Change to group/activity", "Headquarters or base established"})

# --- Weapon and manner cues (lower-cased substrings / regexes of the sentence) -----------------------------
CUES: dict[str, re.Pattern[str]] = {
    name: re.compile(pattern, re.IGNORECASE)
    for name, pattern in {
        "chemical": r"\b(chemical (weapon|attack|agent|munition)s?|chlorine|sarin|mustard gas|nerve agent|"
        r"sul(f|ph)ur mustard|mustard agent|novichok|phosgene|"
        r"toxic gas|poison(ous)? gas)\b",
        "suicide": r"\b(suicide (bomb(er|ing)?s?|attack(er)?s?|vest|car|truck|blast|bulldozer)s?|"
        r"(blew|blow|blows|blowing) (himself|herself|themselves) up|kamikazes?|self-immolat|"
        r"explosive-laden .{0,40}suicide|"
        r"driven by (a )?suicide)",
        "air": r"\b(air ?strikes?|air-strikes?|air raids?|aerial (bombardment|attack|strike)s?|"
        r"drone strikes?|drones?|warplanes?|war planes?|fighter jets?|jets?|aircraft|helicopter gunships?|"
        r"helicopters?|(b-?\d+|tu-?\d+|su-?\d+|strategic|stealth|heavy) bombers?|"
        r"bomber (jets?|planes?|aircraft)|air force|airstrike|bombed from the air)\b",
        "shelling": r"\b((?<!tear gas )(?<!tear smoke )(?<!tear-gas )shell(s|ed|ing)?|"
        r"artillery|mortars?|rockets?(?!-propelled)|missiles?|katyusha|"
        r"howitzers?|bombard(ed|ment)?|projectiles?|tank fire|drone-dropped)\b",
        "ied": r"\b(ieds?|improvised explosive|roadside bomb|landmines?|land mines?|mines?|car bombs?|"
        r"booby[- ]trap|explosive devices?|bomb (blast|explosion)s?|bombs? (exploded|went off|detonated)|"
        r"(exploded|went off|detonated)|blasts?|explosions?|vbieds?|explosives?|sticky bomb|parcel bomb)\b",
        "grenade": r"\b(?<!propelled )(?<!propelled-)grenades?\b(?! launcher)",
        "firearm": r"\b(shot|shoot(ing|s)?|gunfire|gunmen|opened fire|fired (on|at|upon)|bullets?|"
        r"rifles?|machine guns?|live (ammunition|rounds|fire))\b",
        "tear_gas": r"\b(tear ?gas|water cannons?|rubber bullets?|batons?|baton[- ]charged?|"
        r"dispersed|disperse|pepper spray|stun grenades?)\b",
        "live_fire": r"\b(live (ammunition|rounds|fire|bullets)|opened fire on (the )?(protesters|"
        r"demonstrators|crowd)|shot (dead )?(protesters|demonstrators))\b",
        "mob": r"\b(mob|lynch(ed|ing)?|vigilantes?(?! (force|group|militia|committee|member|unit|corps))|"
        r"angry (residents|villagers|crowd)|beat(en)? to death|"
        r"set (him|her|them) (on fire|ablaze)|mob justice)\b",
        "property": r"\b(loot(ed|ing)?|torch(ed|ing)?|set (fire|ablaze)|burn(ed|t|ing) down|razed?|"
        r"destroy(ed|ing)?|demolish(ed|ing)?|vandali[sz](ed|ing)?|ransack(ed|ing)?|plunder(ed|ing)?|arson)\b",
        "sexual": r"\b(rap(ed|es|ing)|rapes?|sexual(ly)? (assault(ed)?|abuse[ds]?|violence|slavery|tortured?|"
        r"harass(ed|ment)?)|gang-?raped?|sex slaves?|molest(ed|ing)?|stripped(?! of)|naked)\b",
        "accident": r"\b(accident(al(ly)?)?|crash(ed|es)?|collided|collision|earthquake|floods?|flooding|"
        r"landslides?|mudslides?|storm|cyclone|hurricane|typhoon|gas (leak|cylinder)|cylinder|boiler|"
        r"short[- ]circuit|(chemical|fertili[sz]er|industrial|power) plant|factory|warehouse|mine collapse|"
        r"poisoning|overdose|drown(ed|ing)?|heat ?wave|disease|outbreak|epidemic|covid|virus|"
        r"(nuclear|hydrogen|missile) tests?|tested|industrial|"
        r"(storage|cold[- ]storage|fuel|oil|gas) (tank|container|depot|bunker)s?|containers?|solvents?|"
        r"fireworks?|plunged|overturned|capsized|derailed|(building|house|roof|bridge|wall)s? collapsed|"
        r"(struck|hit|rammed) by an? (\w+ ){0,3}(carrier|ship|vessel|tanker|truck|lorry|bus|train|boat)\b"
        r"(?! bomb))\b",
        "robbery": r"\b(rob(bed|bery|beries|bers?|bing)?|steal(ing|s)?|stole(n)?|burglar\w*|mugg(ed|ing|er)|"
        r"thie(f|ves)|shoplift\w*|carjack\w*)\b",
        "protest_violence": r"\b(stones?|rocks?|bricks?|brickbat(s|ting)?|petrol bombs?|molotov|"
        r"(burn(ed|t|ing)?|torch(ed|ing)?|set fire to|set alight|ignit(ed|ing)) ([\w'-]+ ){0,3}(tyres|tires|"
        r"cars?|vehicles?|buildings?|offices?|shops?|police|stations?|headquarters)|"
        r"(tyres|tires) (on fire|alight|ablaze)|"
        r"burning (tyres|tires)|set ([\w'-]+ ){1,4}(on fire|ablaze|alight)|"
        r"(?<!tried to )(?<!attempted to )(?<!attempt to )"
        r"block(ed|ing)? ([\w'-]+ ){0,2}(roads?|streets?|highways?)|"
        r"roadblocks?|barricad\w*|"
        r"(cut|clos(ed|ing))( off)? ([\w'-]+ ){0,2}(roads?|streets?|highways?)|"
        r"clash(ed|es|ing)? with (the )?(\w+ )?(police|security|troops|soldiers|forces|officers)|"
        r"clash(ed|es)? (broke out |erupted )?between (\w+ ){0,3}(police|security|troops|soldiers|forces)|"
        r"stormed|ransack\w*|forc(e|ed|ing) (their way|(an )?entry)|"
        r"attack(ed|ing)? (the )?([\w'-]+ ){0,3}(offices?|buildings?|headquarters|premises|station|"
        r"police station|detachment|checkpoint)|"
        r"(threw|throwing|hurl(ed|ing)?|pelt(ed|ing)?) ([\w'-]+ ){0,2}(stones?|rocks?|bricks?|bottles?|"
        r"projectiles?|objects)|(stones?|rocks?|bricks?|projectiles?|bottles?) (were )?(thrown|hurled)|"
        r"stone[- ]pelt\w*|pelted|scuffles?|"
        r"vandali[sz]\w*|smash(ed|ing)?|tore down|tear(ing)? down|turned violent|went on the rampage|"
        r"rioting|violent (protest|demonstration)s?)\b",
        # What forces did to a crowd; a crowd "dispersing peacefully" or "no arrests" is no intervention.
        "intervention": r"\b(dispersed (the |a |an )?(\w+ )?"
        r"(protest|crowd|demonstrat|march|rally|sit-in|them|"
        r"gathering|people|students|workers)\w*|dispersed (on \w+ )?(a |the )?(sit-in|protest|demonstration)|"
        r"(was|were|been) dispersed|to disperse|dispersal|dispersing (the |a )?(\w+ )?"
        r"(protest|crowd|demonstrat|march|rally|sit-in|them|gathering|people)\w*|tear ?gas|"
        r"pepper[- ]spray(ed)?|suppress(ed|ing)?|crack(ed)? down|crackdown|evict(ed|ing)?|"
        r"chas(e|ed|ing) (away |off )?(the )?(protesters|demonstrators|crowds?|marchers|them)|"
        r"halt(ed|ing)? (the )?([\w-]+ ){0,2}(protest|march|rally|event|demonstration|sit-in)|"
        r"drag(ged)? (them|protesters|demonstrators)|"
        r"(block|prevent|stop)(ed|ped|ing)? (any |the )?(further |more )?(protesters|demonstrators|marchers|"
        r"march|rally|protest)|"
        r"water cannons?|rubber bullets?|batons?|baton[- ]charg\w*|lathi[- ]?charg\w*|lathis|pepper spray|"
        r"stun grenades?|(?<!no )arrest(ed|s)?|detained|detaining|"
        r"rounded up|intervened|broke up|cleared|prevented|blocked (the )?(protesters|demonstrators|march)|"
        r"fired (shots|warning shots|live rounds|bullets)? ?(in|into) the air|beat(en)?|assaulted|"
        r"(fired|shot|opened fire) (at|on|upon) (the )?(protesters|demonstrators|crowd))\b",
        "lethal_force": r"\b(live (ammunition|rounds|fire|bullets)|open(ed|ing)? (gun ?)?fire|"
        r"fired (at|on|upon|into)|"
        r"shot (at|dead)|shooting (at|into)|firing (at|on|into)|gunfire|bullets?|killed|died|dead)\b",
        "unknown_fate": r"\b(unknown (location|locations|destination|place)|whereabouts|secret (location|"
        r"prison|place)s?|forcibly disappeared|disappeared)\b",
    }.items()
}

# --- Actors ------------------------------------------------------------------------------------------------
# Named organisations: alias (lower-case, matched on word boundaries) -> (canonical name, category).
# Categories: state (a state's forces), police, pro_gov (allied militias/regional forces), rebel (named
# non-state armed group), militia, unidentified, civilians, protesters, rioters, government.
NAMED_GROUPS: dict[str, tuple[str, str]] = {}


def _group(name: str, category: str, aliases: str) -> None:
    for alias in aliases.split("|"):
        NAMED_GROUPS[alias.strip().lower()] = (name, category)


_group("Islamic State", "rebel", "isis|isil|is|islamic state|daesh|da'esh|islamic state in iraq and syria|"
       "islamic state of iraq and the levant|islamic state group|is militants|is fighters")  # fmt: skip
_group("Islamic State West Africa Province", "rebel", "iswap|islamic state west africa province|"
       "islamic state west africa")  # fmt: skip
_group("Boko Haram", "rebel", "boko haram|jas|jama'atu ahlis sunna")
_group("Al Shabaab", "rebel", "al-shabaab|al shabaab|al-shabab|al shabab|shabaab|shabab")
_group("Taliban", "rebel", "taliban")
_group("Tehrik-i-Taliban Pakistan", "rebel", "ttp|tehrik-i-taliban pakistan|pakistani taliban")
_group("Houthis (Ansar Allah)", "rebel", "houthi|houthis|ansar allah|houthi rebels")
_group("Hezbollah", "rebel", "hezbollah|hizbollah|hizballah")
_group("Hamas", "rebel", "hamas|qassam brigades|al-qassam brigades")
_group("Palestinian Islamic Jihad", "rebel", "islamic jihad|al-quds brigades")
_group("PKK: Kurdistan Workers Party", "rebel", "pkk|kurdistan workers' party|kurdistan workers party")
_group("SDF: Syrian Democratic Forces", "rebel", "sdf|qsd|syrian democratic forces")
_group("YPG: People's Protection Units", "rebel", "ypg|people's protection units|peoples protection units")
_group(
    "HTS: Hayat Tahrir al-Sham",
    "rebel",
    "hts|hayat tahrir al-sham|hayat tahrir al sham|tahrir al-sham|"
    "tahrir al sham|nusra front|al-nusra front|jabhat al-nusra|jabhat fateh al-sham|jabhat fateh al sham",
)
_group("Jaysh al Islam", "rebel", "jaysh al islam|jaysh al-islam|jaish al-islam|jaish al islam")
_group("Asayish", "rebel", "asayish|asayesh")
_group("Badr Organization", "pro_gov", "badr organization|badr organisation|badr brigades")
_group("Asaib Ahl al-Haq", "pro_gov", "asaib ahl al-haq|asa'ib ahl al-haq")
_group("Security Belt Forces", "pro_gov", "security belt")
_group("FDLR: Democratic Forces for the Liberation of Rwanda", "rebel", "fdlr|fdlr-rud|"
       "democratic forces for the "
       "liberation of rwanda")  # fmt: skip
_group("Hizbul Mujahideen", "rebel", "hizbul mujahideen|hizb-ul-mujahideen")
_group("ZANU-PF", "militia", "zanu-pf|zanu pf")
_group("Free Syrian Army", "rebel", "free syrian army|fsa|syrian national army|sna")
_group("Al Qaeda", "rebel", "al-qaeda|al qaeda|al-qaida|al qaida|aqap|aqim")
_group("JNIM", "rebel", "jnim|jama'at nusrat al-islam wal-muslimin|nusrat al-islam")
_group("FARC dissidents", "rebel", "farc|farc dissidents|revolutionary armed forces of colombia")
_group("ELN: National Liberation Army", "rebel", "eln|national liberation army")
_group("NPA: New People's Army", "rebel", "npa|new people's army")
_group("Abu Sayyaf", "rebel", "abu sayyaf")
_group("M23: March 23 Movement", "rebel", "m23|march 23 movement")
_group("ADF: Allied Democratic Forces", "rebel", "adf|allied democratic forces")
_group("CODECO", "militia", "codeco")
_group("RSF: Rapid Support Forces", "rebel", "rsf|rapid support forces|janjaweed")
_group("Arakan Army", "rebel", "arakan army")
_group("KIA: Kachin Independence Army", "rebel", "kachin independence army|kia")
_group("PDF: People's Defence Force", "rebel", "people's defence force|people's defense force|pdf")
_group("Ambazonian Separatists", "rebel", "ambazonian|ambazonia|amba boys|anglophone separatists")
_group("Fulani Ethnic Militia", "militia", "fulani militia|fulani gunmen|fulani herdsmen|herdsmen|fulani")
_group("Naxalites (Maoists)", "rebel", "naxal|naxals|naxalite|naxalites|maoists|maoist")
_group("Lashkar-e-Taiba", "rebel", "lashkar-e-taiba|let")
_group("Jaish-e-Mohammed", "rebel", "jaish-e-mohammed|jem")
_group("Baloch Liberation Army", "rebel", "baloch liberation army|bla")
_group("Wagner Group", "pro_gov", "wagner|wagner group|africa corps")
_group("Popular Mobilization Forces", "pro_gov", "popular mobilization forces|popular mobilisation forces|"
       "popular mobilization units|pmf|pmu|hashd|hashd al-shaabi|shiite militias|shia militias")  # fmt: skip
_group("Peshmerga", "pro_gov", "peshmerga|kurdish peshmerga|kurdish forces")
_group("Anti-Balaka", "militia", "anti-balaka")
_group("Seleka", "rebel", "seleka|ex-seleka")
_group("TPLF: Tigray People's Liberation Front", "rebel", "tplf|tigray forces|tigrayan forces")
_group("OLA: Oromo Liberation Army", "rebel", "ola|oromo liberation army")
_group("Fano Militia", "militia", "fano")
_group("Mai-Mai Militia", "militia", "mai-mai|mai mai")
_group("Tatmadaw", "state", "tatmadaw|junta forces|junta troops")

# Where a named group fights: an article that names it is, failing better evidence, about that country.
GROUP_COUNTRY: dict[str, str] = {
    "Islamic State West Africa Province": "NG", "Boko Haram": "NG", "Al Shabaab": "SO", "Taliban": "AF",
    "Tehrik-i-Taliban Pakistan": "PK", "Houthis (Ansar Allah)": "YE", "Hezbollah": "LB", "Hamas": "PS",
    "Palestinian Islamic Jihad": "PS", "SDF: Syrian Democratic Forces": "SY",
    "YPG: People's Protection Units": "SY",
    "HTS: Hayat Tahrir al-Sham": "SY", "Free Syrian Army": "SY", "Jaysh al Islam": "SY", "Asayish": "SY",
    "FARC dissidents": "CO", "ELN: National Liberation Army": "CO", "NPA: New People's Army": "PH",
    "Abu Sayyaf": "PH", "M23: March 23 Movement": "CD", "ADF: Allied Democratic Forces": "CD", "CODECO": "CD",
    "RSF: Rapid Support Forces": "SD", "Arakan Army": "MM", "KIA: Kachin Independence Army": "MM",
    "PDF: People's Defence Force": "MM", "Ambazonian Separatists": "CM", "Naxalites (Maoists)": "IN",
    "Baloch Liberation Army": "PK", "Popular Mobilization Forces": "IQ", "Peshmerga": "IQ",
    "Badr Organization": "IQ", "Asaib Ahl al-Haq": "IQ", "Security Belt Forces": "YE", "Anti-Balaka": "CF",
    "Seleka": "CF", "TPLF: Tigray People's Liberation Front": "ET", "OLA: Oromo Liberation Army": "ET",
    "Fano Militia": "ET", "Mai-Mai Militia": "CD", "Tatmadaw": "MM", "Hizbul Mujahideen": "IN",
    "FDLR: Democratic Forces for the Liberation of Rwanda": "CD", "ZANU-PF": "ZW",
}  # fmt: skip
# Groups that fight in several countries, and where most of their fighting is: a weak hint for an article
# that names no country ("IS militants kidnapped 12 people near Rawa").
GROUP_THEATRES: dict[str, tuple[str, ...]] = {
    "Islamic State": ("IQ", "SY"), "JNIM": ("ML", "BF"),
}  # fmt: skip

# Generic nouns (lemma) -> category. "forces" needs a state/armed modifier, handled in actors.py.
GENERIC_ACTORS: dict[str, str] = {}
for _cat, _words in {
    "state": "army soldier troop military force serviceman airforce navy marine commando paratrooper "
    "warplane jet aircraft helicopter drone gunship battalion brigade regiment unit legionnaire trooper "
    "sapper ranger peacekeeper",
    "police": "police policeman policemen gendarme gendarmerie officer constable cop guard jailer warder",
    "rebel": "militant insurgent jihadist extremist rebel terrorist fighter guerrilla separatist combatant "
    "jihadi islamist",
    "unidentified": "gunman gunmen assailant attacker bandit raider kidnapper abductor sniper",
    "militia": "militia militiaman militiamen vigilante tribesman tribesmen",
    "civilians": "civilian resident villager people man men woman women child children boy girl student "
    "worshipper farmer passenger shopper trader journalist reporter teacher pupil family pilgrim "
    "mourner prisoner inmate detainee recruit volunteer herder fisherman miner worker driver "
    "refugee patient doctor nurse employee person bystander youth teenager supporter "
    "citizen individual idp local",
    "protesters": "protester protestor demonstrator marcher activist",
    "rioters": "rioter mob looter",
    "government": "government authority official ministry administration",
}.items():
    for _w in _words.split():
        GENERIC_ACTORS[_w] = _cat

ARMED_CATEGORIES = frozenset({"state", "police", "pro_gov", "rebel", "militia", "unidentified"})
STATE_CATEGORIES = frozenset({"state", "police", "pro_gov", "government"})

# Demonyms and short country names -> ISO 3166 alpha-2 code (common conflict reporting).
DEMONYMS: dict[str, str] = {}
for _code, _words in {
    "IQ": "iraqi iraq",
    "SY": "syrian syria",
    "TR": "turkish turkey türkiye turkiye",
    "IR": "iranian iran",
    "US": "u.s. american america united-states",
    "GB": "british uk u.k. britain",
    "FR": "french france",
    "RU": "russian russia",
    "UA": "ukrainian ukraine",
    "IL": "israeli israel",
    "PS": "palestinian palestine",
    "LB": "lebanese lebanon",
    "JO": "jordanian jordan",
    "SA": "saudi saudi-arabia",
    "YE": "yemeni yemen",
    "EG": "egyptian egypt",
    "LY": "libyan libya",
    "TN": "tunisian tunisia",
    "DZ": "algerian algeria",
    "MA": "moroccan morocco",
    "SD": "sudanese sudan",
    "SS": "south-sudanese",
    "ET": "ethiopian ethiopia",
    "ER": "eritrean eritrea",
    "SO": "somali somalia",
    "KE": "kenyan kenya",
    "UG": "ugandan uganda",
    "TZ": "tanzanian tanzania",
    "RW": "rwandan rwanda",
    "BI": "burundian burundi",
    "CD": "congolese drc",
    "CF": "centrafrican",
    "CM": "cameroonian cameroon",
    "NG": "nigerian nigeria",
    "NE": "nigerien niger",
    "ML": "malian mali",
    "BF": "burkinabe burkinabé",
    "TD": "chadian chad",
    "MZ": "mozambican mozambique",
    "ZW": "zimbabwean zimbabwe",
    "ZA": "south-african",
    "AF": "afghan afghanistan",
    "PK": "pakistani pakistan",
    "IN": "indian india",
    "BD": "bangladeshi bangladesh",
    "LK": "sri-lankan",
    "NP": "nepali nepalese nepal",
    "MM": "myanmar burmese burma",
    "TH": "thai thailand",
    "PH": "philippine filipino philippines",
    "ID": "indonesian indonesia",
    "MY": "malaysian malaysia",
    "CN": "chinese china",
    "CO": "colombian colombia",
    "MX": "mexican mexico",
    "VE": "venezuelan venezuela",
    "BR": "brazilian brazil",
    "PE": "peruvian peru",
    "HT": "haitian haiti",
    "AZ": "azerbaijani azerbaijan",
    "AM": "armenian armenia",
    "GE": "georgian",
    "KR": "south-korean",
    "KP": "north-korean",
}.items():
    for _w in _words.split():
        DEMONYMS[_w.replace("-", " ")] = _code

# --- Modality: words that make a statement hypothetical, planned, feared or denied -------------------------
MODAL_AUX = frozenset({"will", "would", "could", "may", "might", "should", "shall", "can", "must", "'ll",
                       "wo", "ca"})  # fmt: skip
IRREALIS_HEADS = frozenset({
    "plan", "threaten", "prepare", "vow", "intend", "aim", "seek", "want", "fear", "warn", "expect", "hope",
    "promise", "pledge", "deny", "refuse", "consider", "propose", "call", "urge", "demand", "mull", "weigh",
    "risk", "avoid", "prevent", "foil", "thwart", "plot", "predict", "forecast", "rumor", "rumour", "allege",
    "need", "decide", "ready", "able", "likely", "possible", "unlikely", "ask", "authorize", "approve",
    "reject", "debate", "discuss", "study", "if", "test",
})  # fmt: skip
NEGATIONS = frozenset({"not", "never", "no", "n't", "neither", "nor", "without"})

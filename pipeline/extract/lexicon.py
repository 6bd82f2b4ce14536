"""The words the extractor reasons with: event triggers, weapon cues, actors and demonyms.

The words themselves are data (``pipeline/extract/data/``, read by ``lexicon_loader``); this module gives
them the shapes the rules use. The vocabulary of a careful event coder, written from ACLED's definitions, not
from any corpus. Triggers are lemmas (spaCy's). The weapon and manner cues stay regular expressions here:
they are grammar (inflections, word order, look-arounds), matched on the lower-cased sentence.
"""

from __future__ import annotations

import re

from pipeline.extract.lexicon_loader import lexicon

_LEXICON = lexicon()

# --- Event triggers: lemma -> the event family it reports (data/triggers.csv) ------------------------------
# Families are resolved to ACLED sub-types in classify.py using the parse (who acts on whom) and cues.
TRIGGERS: dict[str, str] = {t.lemma: t.family for t in _LEXICON.triggers}
# Lemmas that only report an event with a violent object or context; alone they are too vague.
WEAK_TRIGGERS = frozenset(t.lemma for t in _LEXICON.triggers if t.weak)
# Strategic developments that are background to whatever else a report tells: they never speak for it.
SECONDARY_SUB_TYPES = _LEXICON.background_sub_types

# "torched an effigy", "set fire to the flag": a protest's symbol (data/word_sets.csv), no property destroyed.
_SYMBOL = r"(?:[\w'-]+ ){0,2}(?:" + "|".join(sorted(_LEXICON.words("symbolic_nouns"))) + r")"

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
        "property": r"\b(loot(ed|ing)?|torch(ed|ing)?(?! "
        + _SYMBOL
        + ")|set (fire|ablaze)(?! to "
        + _SYMBOL
        + ")|"
        r"burn(ed|t|ing) down|razed?|"
        r"destroy(ed|ing)?|demolish(ed|ing)?|vandali[sz](ed|ing)?|ransack(ed|ing)?|plunder(ed|ing)?|arson)\b",
        "sexual": r"\b(rap(ed|es|ing)|rapes?|sexual(ly)? (assault(ed)?|abuse[ds]?|violence|slavery|tortured?|"
        r"harass(ed|ment)?)|gang-?raped?|sex slaves?|molest(ed|ing)?|stripped(?! of)|naked)\b",
        "accident": r"\b(accident(al(ly)?)?|crash(ed|es)?|collided|collision|earthquake|floods?|flooding|"
        r"landslides?|mudslides?|storms?|cyclone|hurricane|typhoon|gas (leak|cylinder)|cylinder|boiler|"
        r"avalanches?|blizzards?|snow ?storms?|tornado(e?s)?|tsunamis?|(volcanic )?eruptions?|wild ?fires?|"
        r"bush ?fires?|forest fires?|lightning|droughts?|famine|cold (snap|wave|spell)|extreme cold|"
        r"smog|haze|(dust|sand) ?storms?|air pollution|"
        r"heavy (rains?|rainfall|snow|snowfall|precipitation)|"
        r"short[- ]circuit|malfunction(s|ed|ing)?|technical (fault|failure|problem|glitch)s?|"
        r"(chemical|fertili[sz]er|industrial|power|nuclear) (power )?(plant|station)|factory|warehouse|"
        r"mine collapse|"
        r"poisoning|overdose|drown(ed|ing)?|heat ?wave|disease|outbreak|epidemic|covid|virus|"
        r"(nuclear|hydrogen|missile) tests?|tested|industrial|"
        r"(storage|cold[- ]storage|fuel|oil|gas) (tank|container|depot|bunker)s?|containers?|solvents?|"
        r"fireworks?|plunged|overturned|capsized|derailed|"
        r"(building|house|roof|bridge|wall|balcony|balconies|ceiling|floor|stage|stand|grandstand|scaffolding|"
        r"tower|float|structure|stadium)s? collapsed|"
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
        # A protest told (not "march", which is also a month): the story a crowd gathering next belongs to.
        "protest": r"\b(protest\w*|demonstrat(ion|ions|ors?|ed|ing)|rall(y|ies|ied)|marchers|sit-ins?)\b",
    }.items()
}

# --- Actors (data/armed_groups.csv, data/generic_actors.csv) ---------------------------------------------
# Named armed groups: alias (lower-case, matched on word boundaries) -> (canonical name, category).
# Categories: state (a state's forces), police, pro_gov (allied militias/regional forces), rebel (named
# non-state armed group), militia, unidentified, civilians, protesters, rioters, government.
NAMED_GROUPS: dict[str, tuple[str, str]] = {
    alias: (group.name, group.category) for group in _LEXICON.armed_groups for alias in group.aliases
}
# Where a named group fights: an article that names it is, failing better evidence, about that country.
GROUP_COUNTRY: dict[str, str] = {
    group.name: group.country for group in _LEXICON.armed_groups if group.country
}
# Groups that fight in several countries, and where most of their fighting is: a weak hint for an article
# that names no country ("IS militants kidnapped 12 people near Rawa").
GROUP_THEATRES: dict[str, tuple[str, ...]] = {
    group.name: group.theatres for group in _LEXICON.armed_groups if group.theatres
}
# Generic nouns (lemma) -> category. "forces" needs a state/armed modifier, handled in actors.py.
GENERIC_ACTORS: dict[str, str] = dict(_LEXICON.generic_actors)

ARMED_CATEGORIES = frozenset({"state", "police", "pro_gov", "rebel", "militia", "unidentified"})
STATE_CATEGORIES = frozenset({"state", "police", "pro_gov", "government"})

# Demonyms and short country names -> ISO 3166 alpha-2 code (data/demonyms.csv, in its order: the first
# word found in a phrase wins).
DEMONYMS: dict[str, str] = dict(_LEXICON.demonyms)

# --- Modality: words that make a statement hypothetical, planned, feared or denied -------------------------
MODAL_AUX = _LEXICON.cues("modal_aux")
IRREALIS_HEADS = _LEXICON.cues("irrealis_heads")
NEGATIONS = _LEXICON.cues("negations")

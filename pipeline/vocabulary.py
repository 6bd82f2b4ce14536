"""ACLED's event taxonomy: the exact strings every mention and event uses."""

from __future__ import annotations

EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": (
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
    ),
    "Explosions/Remote violence": (
        "Air/drone strike",
        "Shelling/artillery/missile attack",
        "Suicide bomb",
        "Remote explosive/landmine/IED",
        "Grenade",
        "Chemical weapon",
    ),
    "Violence against civilians": (
        "Attack",
        "Abduction/forced disappearance",
        "Sexual violence",
    ),
    "Protests": (
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
    ),
    "Riots": (
        "Violent demonstration",
        "Mob violence",
    ),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}

SUB_EVENT_TYPES: dict[str, str] = {sub: typ for typ, subs in EVENT_TYPES.items() for sub in subs}

VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})

DATE_PRECISIONS = ("day", "week", "month", "year", "unknown")
GEO_PRECISIONS = ("place", "near_place", "admin2", "admin1", "country", "unknown")
PUBLISHED_AT_SOURCES = ("metadata", "text", "unknown")


def event_type_of(sub_event_type: str) -> str:
    """The event type a sub-event type belongs to."""
    return SUB_EVENT_TYPES[sub_event_type]


# Why a place was chosen (``geo_evidence``), strongest first.
GEO_EVIDENCE = {
    "sentence": "named in the event's own sentence (the name nearest the trigger in the parse)",
    "town_nearby": "a town named in the sentences around it, inside the region its own sentence names",
    "nearby_sentence": "named in the sentences around it; its own sentence names no place",
    "dateline": "the city the report was filed from (the lead only); no sentence near it names a place",
    "article_country": "only the country: the one the article's places and datelines vote for",
    "unknown": "no place at all",
}
# Why a mention or an event has its date (``date_evidence``): the dates an analyst can trust first are those
# the text tells; an undated report is only dated to the days before its article.
DATE_EVIDENCE = {
    "sentence": "told in the event's own sentence (a day, a week, a month, a year, or counted from one)",
    "story": 'counted from an event the article told before ("a day after the attack")',
    "publication": "none told: the days before the article's publication (the date is the day before it)",
    "unknown": "none told and no publication date",
}

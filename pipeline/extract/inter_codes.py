"""ACLED's actor types (``inter1`` / ``inter2``) from actor names, for mentions, events and the ACLED export.

1 state forces, 2 rebel groups, 3 political militias (unidentified armed groups, party militias,
pro-government militias), 4 identity militias (communal, ethnic), 5 rioters, 6 protesters, 7 civilians,
8 external or other forces (a state's forces acting in another country). Read from the generic names ACLED
gives actors ("Police Forces of Kenya", "Rioters (India)") and the categories of the named groups and parties
the extractor knows. Needs no gazetteer: dedup calls it for every event.
"""

from __future__ import annotations

import re
from functools import cache

INTER_TYPES = {
    1: "state forces",
    2: "rebel groups",
    3: "political militias",
    4: "identity militias",
    5: "rioters",
    6: "protesters",
    7: "civilians",
    8: "external/other forces",
}

# The generic names ACLED gives actors, and their type.
INTER_BY_PREFIX = (
    ("Military Forces of", 1), ("Police Forces of", 1), ("Government of", 1), ("Military Forces", 1),
    ("Police Forces", 1), ("Unidentified Armed Group", 3), ("Pro-Government Militia", 3),
    ("Unidentified Communal Militia", 4), ("Rioters", 5), ("Protesters", 6), ("Civilians", 7),
)  # fmt: skip
INTER_BY_CATEGORY = {"state": 1, "police": 1, "rebel": 2, "pro_gov": 3, "militia": 4, "party": 3}
_STATE_OF = re.compile(r"^(?:Military|Police) Forces of (?:the )?(.+?)(?: \(|$)")


@cache
def _categories() -> dict[str, str]:
    """Actor name -> category of every named armed group (armed_groups.csv) and party (parties.csv)."""
    from pipeline.extract.lexicon_loader import lexicon

    table = {party.name: "party" for party in lexicon().parties}
    table.update({group.name: group.category for group in lexicon().armed_groups})
    return table


def inter_code(actor: str | None, country_code: str | None = None) -> int | None:
    """ACLED's actor type of an actor name (see ``INTER_TYPES``); None when we cannot tell. With the event's
    country, a state's forces acting outside their own country are external forces (8)."""
    if not actor:
        return None
    category = _categories().get(actor)
    if category in INTER_BY_CATEGORY:
        code = INTER_BY_CATEGORY[category]
    elif "Communal Militia" in actor or "Ethnic Militia" in actor:
        code = 4
    else:
        code = next((code for prefix, code in INTER_BY_PREFIX if actor.startswith(prefix)), None)
    if code == 1 and country_code:
        state = _STATE_OF.match(actor)
        from pipeline.extract.actors import geonames_country_names  # the names actor names are built from

        here = geonames_country_names().get(country_code)
        if state and here and state.group(1) != here:
            return 8
    return code

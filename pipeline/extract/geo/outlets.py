"""The country an outlet reports from, as weak evidence of where an article's events happen.

Reads an article's outlet field (a name such as "Radio Okapi" or "Daily Star (Bangladesh)", or the web host
the clean stage took from its URL); decides a country code or None. A national or local outlet listed in
``data/outlets.csv`` gives its country; an outlet not listed gives one only when it says its country in
brackets ("Nation (Thailand)"). International outlets are in neither, so they give none. A place in an
outlet's name is not enough: "Lake Chad Monitor" or "Sahel Courier" may report from any country around it.
"""

from __future__ import annotations

import re
from functools import cache

from pipeline.extract.geo.gazetteer import gazetteer
from pipeline.extract.lexicon import DEMONYMS
from pipeline.extract.lexicon_loader import lexicon, outlet_keys

_BRACKET = re.compile(r"[(\[]([^)\]]+)[)\]]")


@cache
def outlet_country(outlet: str | None) -> str | None:
    """The country ``outlet`` reports from, or None when it is unknown or international."""
    if not outlet or not outlet.strip():
        return None
    table = lexicon().outlets
    for key in outlet_keys(outlet):
        if key in table:
            return table[key]
    for inside in _BRACKET.findall(outlet):
        country = gazetteer().country(inside.strip())
        code = DEMONYMS.get(inside.strip().lower()) or (country.country_code if country else None)
        if code:
            return code
    return None

"""The prefilter: a cheap regex test that lets most sentences skip the parser. A sentence passes when it
holds the stem of a trigger word (``lexicon.TRIGGERS``), an irregular form of one, a word a multi-word sense
in ``senses`` starts from, or a chemical-weapon cue. It may pass sentences that report nothing (the steps
drop them); it must never drop one that ``senses`` would read as a trigger.
"""

from __future__ import annotations

import re
from functools import cache

from pipeline.extract.lexicon import CUES, TRIGGERS

IRREGULAR_FORMS = ("beat", "beaten", "took", "taken", "fell", "fallen", "fought", "shot", "slain", "slew",
                   "died", "dead", "death", "struck", "overran", "blew", "hit", "stormed", "held", "seized",
                   "razed", "found", "built", "withdrew", "retook", "overtook", "threw",
                   "thrown", "tore", "torn", "rallied", "rallies", "baton", "lathi")  # fmt: skip


@cache
def _prefilter() -> re.Pattern[str]:
    stems = set()
    for lemma in TRIGGERS:
        stem = lemma[:-1] if lemma.endswith("e") and len(lemma) > 4 else lemma
        stems.add(re.escape(stem))
    stems.update(IRREGULAR_FORMS)
    stems.update(("gain", "push", "drove", "drive", "dislodg"))  # territory gained or pushed out of: senses
    stems.update(("forward", "sent", "send"))  # forces moved: senses (_forces_moved)
    stems.update(("leav", "left", "abandon", "vacat"))  # ground left by armed forces: senses (_armed_left)
    return re.compile(r"\b(" + "|".join(sorted(stems, key=len, reverse=True)) + r")", re.IGNORECASE)


def might_report_event(text: str) -> bool:
    """Cheap test that lets most sentences skip the parser."""
    return bool(_prefilter().search(text) or CUES["chemical"].search(text))

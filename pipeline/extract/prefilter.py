"""The prefilter: a cheap regex test that lets most sentences skip the parser. A sentence passes when it
holds the stem of a trigger word (``lexicon.TRIGGERS``), an irregular form of one, a word a multi-word sense
in ``senses`` starts from (both listed in ``data/trigger_forms.csv``), or a chemical-weapon cue. It may pass
sentences that report nothing (the steps drop them); it must never drop one that ``senses`` would read as a
trigger.
"""

from __future__ import annotations

import re
from functools import cache

from pipeline.extract.lexicon import CUES, TRIGGERS
from pipeline.extract.lexicon_loader import lexicon

# Spellings the stems of triggers miss, from data/trigger_forms.csv: irregular forms of triggers ("fought",
# "slew") and the starts of words multi-word senses read as triggers ("sent" reinforcements, "abandoned").
IRREGULAR_FORMS = lexicon().trigger_forms["irregular"]
SENSE_STEMS = lexicon().trigger_forms["sense"]


@cache
def _prefilter() -> re.Pattern[str]:
    stems = set()
    for lemma in TRIGGERS:
        stem = lemma[:-1] if lemma.endswith("e") and len(lemma) > 4 else lemma
        stems.add(re.escape(stem))
    stems.update(IRREGULAR_FORMS)
    stems.update(SENSE_STEMS)
    return re.compile(r"\b(" + "|".join(sorted(stems, key=len, reverse=True)) + r")", re.IGNORECASE)


def might_report_event(text: str) -> bool:
    """Cheap test that lets most sentences skip the parser."""
    return bool(_prefilter().search(text) or CUES["chemical"].search(text))

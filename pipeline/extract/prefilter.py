"""The prefilter: which sentences reach the parser. Two cheap tests, both before any model runs:

1. ``might_report_event``, a regex: the sentence holds the stem of a trigger word (``lexicon.TRIGGERS``), an
   irregular form of one, a word a multi-word sense in ``senses`` starts from (both listed in
   ``data/trigger_forms.csv``), or a chemical-weapon cue. Sentences it passes are the *candidates*: their cues
   count for the sentences after them ("these strikes"), parsed or not.
2. ``might_hold_trigger``, on the tokenizer's words: one word of the sentence can take the lemma of a trigger
   or of a sense (``senses.SENSE_LEMMAS``) under some part of speech. The stems of test 1 let through
   "fireworks", "protestant" and "first"; only sentences that pass this test too are parsed.

Both may pass sentences that report nothing (the steps drop them); neither may drop one that ``senses`` would
read as a trigger. Test 2 guarantees this by construction: it inverts the model's own lemmatizer (rules,
exceptions, and the attribute ruler's fixed lemmas), so it holds every word form any tag could lemmatize to
such a lemma, whatever the parse.
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


def might_hold_trigger(doc) -> bool:
    """Whether a tokenized (not yet parsed) sentence has a word that can be read as a trigger."""
    forms = trigger_word_forms()
    return forms is None or any(tok.lower_ in forms for tok in doc)


@cache
def trigger_word_forms() -> frozenset[str] | None:
    """Every lower-case word the model's lemmatizer can turn into a trigger's or a sense's lemma (None: the
    model lemmatizes in a way we cannot invert, so every candidate is parsed)."""
    from pipeline.extract.nlp import load_nlp
    from pipeline.extract.senses import NEVER_TRIGGER_WORDS, SENSE_LEMMAS, SENSE_WORDS

    nlp = load_nlp()
    lemmas = {lemma.lower() for lemma in (*TRIGGERS, *SENSE_LEMMAS)}
    forms = set(lemmas) | set(SENSE_WORDS)  # the word itself (base forms, proper nouns, unknown tags)
    lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
    if lemmatizer is None or getattr(lemmatizer, "mode", None) != "rule":
        return None
    rules = lemmatizer.lookups.get_table("lemma_rules", {})
    exceptions = lemmatizer.lookups.get_table("lemma_exc", {})
    for pos in ("noun", "verb", "adj", "adv", "propn", "aux", "pron", "num", "adp", "det", "cconj", "sconj",
                "part", "intj", "punct", "sym", "x"):  # fmt: skip
        # A suffix rule (old -> new) makes lemma L of any word L[:-len(new)] + old.
        for old, new in rules.get(pos, []):
            forms.update(lemma[: len(lemma) - len(new)] + old for lemma in lemmas if lemma.endswith(new))
        exceptional = exceptions.get(pos, {}).items()
        forms.update(word for word, found in exceptional if lemmas & {f.lower() for f in found})
    if "attribute_ruler" in nlp.pipe_names:
        for pattern in nlp.get_pipe("attribute_ruler").patterns:
            lemma = pattern["attrs"].get("LEMMA")
            if lemma is None or lemma.lower() not in lemmas:
                continue
            for tokens in pattern["patterns"]:
                word = tokens[pattern["index"]].get("LOWER") if isinstance(tokens, list) else None
                if not isinstance(word, str):
                    return None  # a fixed lemma for words we cannot list
                forms.add(word)
    return frozenset(forms - NEVER_TRIGGER_WORDS)

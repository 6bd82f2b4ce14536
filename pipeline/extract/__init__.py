"""Extract stage: event mentions from sentences (see ``mentions.extract_mentions``).

Modules, in the order a sentence meets them: ``nlp`` (spaCy), ``lexicon`` (trigger and actor words, read
from ``data/`` by ``lexicon_loader``), ``modality`` (did it happen?), ``actors``, ``places``, ``dates``,
``numbers`` (casualties), ``classify`` (ACLED sub-type), ``mentions`` (assembly).
"""

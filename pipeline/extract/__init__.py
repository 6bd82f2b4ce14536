"""Extract stage: event mentions from sentences (see ``mentions.extract_mentions`` and ``README.md``).

Modules, in the order a sentence meets them: ``prefilter``, ``nlp`` (spaCy), ``article`` (facts of the
article and of each sentence), ``senses`` (what a trigger means), ``modality`` (did it happen?), ``geo``
(where), ``roles`` and ``actors`` (who), ``classify`` (ACLED sub-type), ``history`` and ``dates`` (when),
``numbers`` (casualties), ``selection`` (one per place), ``assembly`` (rows, ids, confidence),
``discourse`` (passes over the article). ``model`` holds the data between steps, ``settings`` the numbers,
``lexicon`` the word lists (read from ``data/`` by ``lexicon_loader``).
"""

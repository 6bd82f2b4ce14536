"""Where: the geography steps of the extract stage.

``gazetteer`` (the place index, built in ``pipeline/extract/places.py``), ``names`` (how place names are
normalized and compared, shared by every index), ``mapped`` (the indexes as memory-mapped files), ``words``
(what text says of a
capitalized name), ``containers`` (where the text says a place lies), ``scan`` (places named in plain text),
``units`` (geoBoundaries sub-districts, for names the gazetteer lacks), ``country`` (the article's country, by
vote), ``event_place`` (the place of one event) and ``distance``
(the one great-circle distance).
"""

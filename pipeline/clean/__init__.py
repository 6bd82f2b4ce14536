"""Clean stage: one article's text or HTML page -> main text, metadata and sentences.

What it guarantees for every article, whatever comes in (it never raises):

- ``body`` is the main text only: paragraphs joined by a blank line, Unicode NFKC-normalized, without
  control or zero-width characters, curly quotes or runs of spaces. Page furniture (navigation,
  promos, video titles, photo credits, tags, related links, notices, weather alerts, date lines,
  bylines) and exactly repeated paragraphs are dropped, and counted in ``removed_lines``. The dateline
  stays in the body ("BAGHDAD, Iraq (CNN) — ..."); the headline does not.
- ``published_at`` is naive (the publisher's wall-clock time; a date alone is midnight);
  ``published_at_source`` says whether it came from metadata (the
  caller's or the page's), from the text (a "Posted ..." line or the dateline), or is unknown.
- ``sentences`` are in order, never cross a paragraph, and ``body[char_start:char_end] == text``.
- An article whose body is empty after cleaning has no sentences; the caller quarantines it.
"""

from pipeline.clean.article import CleanArticle, Sentence, clean_article

__all__ = ["CleanArticle", "Sentence", "clean_article"]

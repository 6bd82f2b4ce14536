"""Clean stage: one article's text or HTML page -> main text, metadata and sentences.

What it guarantees for every article, whatever comes in (it never raises):

- ``body`` is the main text only: paragraphs joined by a blank line, Unicode NFKC-normalized, without
  control or zero-width characters, curly quotes or runs of spaces. Page furniture (navigation,
  promos, video titles, photo captions and credits, tags, related links, notices, weather alerts,
  timestamp lines, bylines) and repeated paragraphs are dropped, and counted in ``removed_lines``.
  A real paragraph is never dropped as furniture: one of more than 50 words (``LONG_PARAGRAPH_WORDS``),
  one signed with editors' initials and an agency credit ("ab/cd (AFP)"), or an article's only paragraph
  carrying a photo credit keeps its text, and credits and taglines glued to its ends (agency credits,
  reporter sign-offs, "Read more", share bars, newsletter prompts, copyright lines, photo credits) are
  trimmed instead (``taglines.py``). Every removal is listed in ``removals`` with its rule, which
  ``python -m pipeline.clean.audit CORPUS.jsonl`` sums over a corpus.
  The dateline stays in the body ("BAGHDAD, Iraq (CNN) — ..."); the headline does not.
- ``published_at`` is naive, in the publisher's wall-clock time (a date alone is midnight).
  ``published_at_source`` says where it came from: "metadata" (the caller's, else the page's meta
  tags), "text" (a "Posted ..." line, else the dateline, else an "Updated ..." line) or "unknown".
- ``sentences`` are in order, never cross a paragraph, and ``body[char_start:char_end] == text``.
- An article whose body is empty after cleaning has no sentences; the caller quarantines it.
"""

from pipeline.clean.article import CleanArticle, Sentence, clean_article

__all__ = ["CleanArticle", "Sentence", "clean_article"]

"""History: when an event happened, and whether that makes it history rather than today's news. The date is
the DATE entity nearest the trigger in the parse; a trigger dated after publication is told as future, an
undated one inside a past period ("during the war"), a "since" clause or a time told from another past event
("two months later") is history, and an undated one gets the days before publication.

Reads the trigger token, the parsed sentence and the publication date; decides a ``DateSpan`` (or drops the
reading) and, at assembly, the mention's date window and background flag. Whether a trigger is told as
planned, feared or denied is ``modality``'s.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from spacy.tokens import Doc, Token

from pipeline.extract.dates import (
    NUMERIC_DAY,
    DateSpan,
    duration_days,
    is_calendar_word,
    only_time_of_day,
    resolve_date,
)
from pipeline.extract.lexicon_loader import lexicon
from pipeline.extract.model import ArticleFacts, Mention, Reading, Refusal, SentenceFacts
from pipeline.extract.settings import BACKGROUND_AFTER_DAYS, UNDATED_WINDOW_DAYS
from pipeline.extract.settings import DETECT_HISTORY_DAYS as HISTORY_DAYS
from pipeline.extract.settings import DETECT_LEAD_SENTENCES as LEAD_SENTENCES
from pipeline.extract.syntax import DATELINE_RE, compared_since, doc_text, past_time_clause, tree_distance

_LEXICON = lexicon()  # the word sets below are data/word_sets.csv, each with why it exists


def date_step(reading: Reading, sentence: SentenceFacts, article: ArticleFacts) -> Reading | Refusal:
    """Sentence step: the date told for the trigger; refused when it is told as future or as history."""
    tok, doc, published = reading.trigger, sentence.doc, article.published
    when = event_date(tok, doc, published)
    evidence = "sentence"
    after = _days_after_an_event(tok, doc) if when is None else None
    if after is not None and sentence.violence_before is not None:
        # "One day after the attack, activists staged a protest": the attack's day told before, plus one.
        shift, told = dt.timedelta(days=after), sentence.violence_before
        when, evidence = DateSpan(told.start + shift, told.end + shift, told.precision), "story"
    before = _days_before(tok) if after is None else None  # (the trigger is not the earlier event)
    if when is not None and before is not None:
        # "On Thursday, a week after the attack": the attack was a week before the day the sentence tells.
        shift = dt.timedelta(days=before)
        when = DateSpan(when.start - shift, when.end - shift, when.precision)
    elif before is not None and published is not None:
        # "The move comes two weeks after the killing": counted back from the time of writing.
        when = _counted_back(before, tok, published)
    if when is not None and published is not None and when.start > published:
        return Refusal("future")  # told as future
    if _remembered(tok):
        return Refusal("history")  # "a ceremony for the 50th anniversary of the battle"
    if when is None and (_during_a_past_period(doc) or _since_clause(tok) or _story_time(doc)):
        # "1,300 soldiers killed there during the war", "since the rebels seized Goma", "two months later, a
        # gunman killed ...": history
        return Refusal("past_period")
    if (
        when is None
        and sentence.index >= LEAD_SENTENCES
        and sentence.story_in_the_past
        and not _present_perfect(tok)
        and not _HOURS_OR_DAYS_FROM.search(sentence.lower)
    ):
        # "The battle of Kidal, on 27 January 1904, lasted an hour. Thirty sailors were killed.": an
        # undated sentence outside the lead is told at the time the story last named
        return Refusal("past_period")
    return replace(reading, when=when, when_evidence=evidence)


def _remembered(tok: Token) -> bool:
    """The trigger is what an anniversary is of ("the 50th anniversary of the battle"): at least a year
    old, whatever day the anniversary is marked (a memorial service may be for last week's dead). Read from
    the words, not the parse, which often hangs the event on the marking's verb."""
    doc = tok.doc
    for i in range(tok.i - 1, max(tok.i - 7, -1), -1):
        word = doc[i]
        if word.lemma_.lower() == "anniversary":
            return i + 1 < tok.i and doc[i + 1].lower_ in ("of", "since")
        if word.pos_ in ("VERB", "AUX", "PUNCT", "PRON"):
            return False
    return False


# A time a sentence names, found without the parser: a weekday, a relative day, week, month or year, a
# calendar date, "in 2014". Months are capitalised ("may" and "march" are verbs too).
_MONTH_NAME = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|March|April|May|June|July|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?"
    r"|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_NAMED_TIME = re.compile(
    r"\b(?:(?:[Ll]ast|[Tt]his)\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    r"|\b(?:[Yy]esterday|[Tt]oday|[Tt]onight|(?:[Ll]ast|[Tt]his)\s+(?:night|week|month|year))\b"
    r"|\b\d{1,2}\s+" + _MONTH_NAME + r"(?:,?\s+(?:19|20)\d\d)?\b"
    r"|\b" + _MONTH_NAME + r"(?:\s+\d{1,2}\b)?(?:,?\s+(?:19|20)\d\d\b)?"
    r"|\b(?:in|of|from|during|until|by)\s+(?:early\s+|late\s+|mid-)?(?:19|20)\d\d\b"
)


def named_time(text: str, published: dt.date | None) -> DateSpan | None:
    """The last time a text names (``_NAMED_TIME``), as a span of days; None when it names none."""
    if published is None:
        return None
    times = [resolve_date(m.group(0), published) for m in _NAMED_TIME.finditer(text)]
    times = [t for t in times if t is not None]
    return times[-1] if times else None


def in_the_past(story_time: DateSpan | None, published: dt.date | None) -> bool:
    """Whether a story told at ``story_time`` is history (older than ``HISTORY_DAYS``)."""
    return (
        story_time is not None and published is not None and (published - story_time.end).days > HISTORY_DAYS
    )


class StoryTime:
    """The time each article's story is told at, sentence by sentence: the latest time its sentences name
    (parsed or not), until an event of today is told."""

    def __init__(self) -> None:
        self._time: dict[str, DateSpan | None] = {}
        self._read_to: dict[str, int] = {}

    def in_the_past(self, article: ArticleFacts, index: int) -> bool:
        """Whether the story is told in the past just before sentence ``index`` (sentences in order)."""
        article_id = article.context.article_id
        for before in range(self._read_to.get(article_id, -1) + 1, index):
            self._name(article, before)
        self._read_to[article_id] = index - 1
        return in_the_past(self._time.get(article_id), article.published)

    def told(self, article: ArticleFacts, index: int, found: list[Mention]) -> None:
        """Sentence ``index`` was read and told ``found``: an event of today brings the story back to now."""
        self._name(article, index)
        self._read_to[article.context.article_id] = index
        if any(not m.is_background for m in found):
            self._time[article.context.article_id] = None

    def _name(self, article: ArticleFacts, index: int) -> None:
        time = named_time(article.texts.get(index, ""), article.published)
        if time is not None:
            self._time[article.context.article_id] = time


def _present_perfect(tok: Token) -> bool:
    """ "Forces have battled for weeks": told from now, whatever time the story told before."""
    for t in (tok, *tok.ancestors):
        if any(c.dep_ == "aux" and c.lower_ in ("have", "has", "'ve") for c in t.children):
            return True
        if t.dep_ in ("ROOT", "ccomp", "parataxis"):
            return False
    return False


def date_window(
    when: DateSpan | None, published: dt.date | None
) -> tuple[dt.date | None, dt.date | None, dt.date | None, str, bool]:
    """(event date, window start, window end, precision, is background) of a mention: the date told, else
    the days before publication; background when it ended more than a week before publication."""
    if when is not None:
        start, end, date_precision = when.start, when.end, when.precision
        day = start
    elif published is not None:
        start, end, date_precision = published - dt.timedelta(days=UNDATED_WINDOW_DAYS), published, "week"
        day = published - dt.timedelta(days=1)
    else:
        start = end = day = None
        date_precision = "unknown"
    background = bool(published and end and (published - end).days > BACKGROUND_AFTER_DAYS)
    return day, start, end, date_precision, background


# "during the civil war", "during the occupation": a period, mostly a past one; an undated event told inside
# it is history, not the day's news.
PERIOD_NOUNS = _LEXICON.words("period_nouns")


def _since_clause(tok: Token) -> bool:
    """ "the worst loss since the rebels seized Goma": the clause dates the loss by an older event."""
    for t in (tok, *tok.ancestors):
        if any(c.dep_ == "mark" and c.lower_ == "since" for c in t.children) and t.tag_ in ("VBD", "VBN"):
            return True
        if t.dep_ in ("ROOT", "ccomp", "relcl"):
            return False
    return False


# "Two months later", "a year earlier": a time told from another past event, not from the day of the report:
# a narrative of the past (days and weeks later may still be this week's news). "Two months before" counts
# only on its own ("two months before, ..."): "two months before a presidential election" is told from that
# election, which may still be ahead.
# "That March", "that year": a month or year named back from a past time the story told before.
_STORY_TIME = re.compile(
    r"\b(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|a few|few|some|\d+)\s+"
    r"(?:months?|years?|decades?)\s+(?:later|earlier|afterwards?|before(?=\s*(?:[,.;:]|$)))\b|"
    r"\bthat\s+(?:year|summer|winter|spring|autumn|january|february|march|april|may|june|july|august|"
    r"september|october|november|december)\b",
    re.IGNORECASE,
)


def _days_before(tok: Token) -> int | None:
    """ "two days after the bombing", "a week after a bomb killed 20": how many days the trigger's event came
    before the time its sentence tells (None: not told so). The trigger lies under "after" within two
    steps."""
    below = tok
    for head in [tok, *list(tok.ancestors)[:3]]:
        # "after the bombing" (a preposition above the trigger) or "after a bomb killed" (the clause's mark)
        marks = [c for c in head.children if c.dep_ == "mark" and c.lower_ in ("after", "following")]
        prep = (
            head if head is not tok and head.lower_ in ("after", "following") and below.i > head.i else None
        )
        for word in [*marks, *([prep] if prep is not None else [])]:
            # the length hangs from "after", or from the clause it opens ("a week after a bomb killed")
            lengths = [c for c in (*word.children, *head.children) if c.dep_ == "npadvmod" and c.i < word.i]
            return (
                duration_days(" ".join(t.text for t in lengths[0].subtree if t.i < word.i))
                if lengths
                else None
            )
        below = head
    return None


def _counted_back(days: int, tok: Token, published: dt.date) -> DateSpan | None:
    """The day (or, for whole weeks, the week) ``days`` before publication, when the sentence tells its own
    time in the present ("the move comes two weeks after"); None when it tells it in the past or the future
    ("the march came three days after", "the airport will reopen ten days after"): a time it does not name."""
    main = tok.sent.root
    if not (
        main.tag_ in ("VBZ", "VBP")
        or any(c.dep_ == "aux" and c.tag_ in ("VBZ", "VBP") for c in main.children)
    ):
        return None
    weeks, rest = divmod(days, 7)
    return resolve_date(f"{weeks} weeks ago" if weeks and not rest else f"{days} days ago", published)


def _date_of_when_clause(tok: Token, doc: Doc, published: dt.date | None) -> DateSpan | None:
    """ "The deadliest since December 2014, when fighters assaulted a school": a relative clause opened by
    "when" tells an event of the date it hangs from, also after "since"."""
    clause = past_time_clause(tok)
    if clause is None:
        return None
    ent = next((e for e in doc.ents if e.start <= clause.head.i < e.end), None)
    return resolve_date(ent.text, published) if ent is not None else None


# "One day after the attack", "two days after the bombing", "the day after the blast": a time counted from a
# violent event the article has told.
_AFTER_AN_EVENT = re.compile(
    r"\b(?P<count>the|a|an|one|two|three|four|five|six|seven|\d{1,2})\s+(?P<unit>days?|weeks?)\s+"
    r"(?:after|following)\s+(?:the|this|that|[\w']+'s)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:attacks?|bombings?|blasts?|explosions?|shootings?|killings?|massacre|raid|assault|ambush|"
    r"(?:air\s?)?strikes?|clashes)\b",
    re.IGNORECASE,
)


def _days_after_an_event(tok: Token, doc: Doc) -> int | None:
    """How many days after a violent event told before the trigger's event came, when its sentence counts
    its time from one ("one day after the attack, ... staged a protest"); None when it does not, or when the
    trigger is that event's own word (``_days_before`` reads those)."""
    for match in _AFTER_AN_EVENT.finditer(doc_text(doc)):
        if match.start() <= tok.idx < match.end():
            continue
        count = "1" if match["count"].lower() in ("the", "a", "an") else match["count"]
        return duration_days(f"{count} {match['unit']}")
    return None


# "Days before the king's arrival", "hours after the vote": the sentence tells its own time, next to another
# event of its own, not the time the story last named.
_HOURS_OR_DAYS_FROM = re.compile(r"\b(?:hours|days|minutes|moments)\s+(?:before|after|ahead of)\s+[a-z]")


def _story_time(doc: Doc) -> bool:
    return bool(_STORY_TIME.search(doc_text(doc)))


# "In recent months", "over the past few weeks": a stretch of time, not a day; an undated event told in it is
# one of many or a trend, no one occurrence of this week.
_VAGUE_PERIOD = re.compile(
    r"\b(?:in|over|during|throughout)\s+(?:the\s+)?(?:recent|past|last|previous)\s+"
    r"(?:few\s+|several\s+|couple\s+of\s+|many\s+)?(?:weeks|months|years|decades)\b",
    re.IGNORECASE,
)


def _during_a_past_period(doc: Doc) -> bool:
    if _VAGUE_PERIOD.search(doc_text(doc)):
        return True
    return any(
        t.lower_ == "during"
        and any(c.dep_ == "pobj" and c.lemma_.lower() in PERIOD_NOUNS for c in t.children)
        for t in doc
    )


def _dates_another_noun(ent, tok: Token) -> bool:
    """The date is part of another noun's name ("a February 2 arrest", "the March 3 election", "last week's
    raid") in a branch of the sentence apart from the trigger: it says when that happened. Not when the noun
    is the trigger, holds it ("the January 29 raid that killed 16") or lies inside its phrase ("a beating
    during a February 2 arrest"), nor a time's noun ("Sunday afternoon")."""
    root = ent.root
    if root.dep_ not in ("nmod", "compound", "poss", "amod", "nummod"):
        return False
    noun = root.head
    if noun.pos_ not in ("NOUN", "PROPN") or noun.ent_type_ in ("DATE", "TIME"):
        return False
    if is_calendar_word(noun.lower_):
        return False
    return noun != tok and not noun.is_ancestor(tok) and not tok.is_ancestor(noun)


def event_date(tok: Token, doc: Doc, published: dt.date | None) -> DateSpan | None:
    """The date the trigger's event happened, from the DATE entity closest to it in the parse (or the one
    a "when" clause holding the trigger hangs from)."""
    when = _date_of_when_clause(tok, doc, published)
    if when is not None:
        return when
    options = []
    dateline = DATELINE_RE.match(doc_text(doc))
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        if dateline is not None and ent.start_char < dateline.end():
            continue
        since = ent[0] if ent[0].lower_ == "since" else doc[ent.start - 1] if ent.start else None
        if since is not None and since.lower_ == "since" and compared_since(since):
            continue  # "the first attack since 2014": not when this one happened
        if _dates_another_noun(ent, tok):
            continue  # "angry over a beating during a February 2 arrest": the arrest's day, not the anger's
        text = ent.text
        if (
            ent.start <= tok.i < ent.end
        ):  # "staged a march yesterday" tagged as one DATE: the march is no month
            text = " ".join(t.text for t in ent if t.i != tok.i)
        span = resolve_date(text, published) if text else None
        if span is not None:
            options.append((only_time_of_day(text), tree_distance(tok, ent.root), span))
    # "on Sunday afternoon": the afternoon is Sunday's, not the day of writing.
    if options:
        return min(options, key=lambda o: o[:2])[2]
    # "on 08.02.2017": a day in numbers, which the small model calls a number. In brackets before a teaser
    # ("(08.02.2017) Thousands have protested in ..."), it is when that piece was published: its events are
    # of the week before, as an undated report's are of the week before its article.
    text = doc_text(doc)
    numeric = NUMERIC_DAY.search(text, dateline.end() if dateline is not None else 0)
    day = resolve_date(numeric.group(0), published) if numeric is not None else None
    if day is not None and text[numeric.end() : numeric.end() + 1] == ")":
        return DateSpan(day.start - dt.timedelta(days=UNDATED_WINDOW_DAYS), day.end, "week")
    return day

"""Dedup stage: merge event mentions, within and across articles, into one row per real-world event.

Two mentions are the same event when their places agree (same gazetteer place, within ``NEARBY_KM``, or one
is a region that contains the other), their date windows overlap given each one's precision, their types are
compatible and their actors do not contradict each other. Mentions are taken in an order defined by the
articles themselves, not by when they arrived (``report_order``: publication time, then article key, then
the sentence), so the events are a function of the set of current article versions: loading the same
batches in any order, or replaying the log, gives the same events with the same ids. Each event is named
after its first mention in that order (the article's key, not its version, with the mention's place and
sub-type), so an ``event_id`` does not change when a later report arrives or when the first article is
corrected; it changes only when a report published earlier than every other one of the event arrives, or
the first report is retracted. Fatalities are reconciled as ACLED does: the lowest credible figure in
``fatalities``, the highest in ``fatalities_max``.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from pipeline.event_score import judge
from pipeline.extract.actors import default_actor1
from pipeline.extract.geo.distance import km  # the one great-circle distance (also imported from here)
from pipeline.extract.inter_codes import inter_code
from pipeline.vocabulary import VIOLENT_TYPES

NEARBY_KM = 25.0
DAY_SLACK = dt.timedelta(days=1)  # outlets disagree by a day on when night-time events happened
GENERIC_SUB_TYPES = frozenset({"Armed clash", "Attack", "Other"})
TERRITORIAL = frozenset({"Non-state actor overtakes territory", "Government regains territory"})
# A district (admin2) is about as precise as "near a town".
PLACE_RANK = {"place": 0, "near_place": 1, "admin2": 1, "admin1": 2, "country": 3, "unknown": 4}
DATE_RANK = {"day": 0, "week": 1, "month": 2, "year": 3, "unknown": 4}


@dataclass
class _Cluster:
    event_id: str
    members: list[dict] = field(default_factory=list)
    best_place: dict | None = None
    best_date: dict | None = None

    def add(self, m: dict) -> None:
        self.members.append(m)
        if self.best_place is None or _place_rank(m) < _place_rank(self.best_place):
            self.best_place = m
        if self.best_date is None or _date_rank(m) < _date_rank(self.best_date):
            self.best_date = m


def _place_rank(m: dict) -> int:
    return PLACE_RANK.get(m.get("geo_precision") or "unknown", 4)


def _date_rank(m: dict) -> int:
    return DATE_RANK.get(m.get("date_precision") or "unknown", 4)


def places_agree(a: dict, b: dict) -> bool:
    """Same place, a nearby place, or a region that contains the other's place."""
    if a.get("geonameid") is not None and a.get("geonameid") == b.get("geonameid"):
        return True
    ra, rb = _place_rank(a), _place_rank(b)
    if ra <= 1 and rb <= 1:
        if None in (a.get("latitude"), b.get("latitude")):
            return False
        return km(a["latitude"], a["longitude"], b["latitude"], b["longitude"]) <= NEARBY_KM
    if ra == 4 or rb == 4:
        return a.get("country_code") is not None and a.get("country_code") == b.get("country_code")
    if a.get("country_code") != b.get("country_code"):
        return False
    if ra == 3 or rb == 3:
        return True
    return (a.get("admin1") or "").lower() == (b.get("admin1") or "").lower()


def dates_agree(a: dict, b: dict) -> bool:
    """The two date windows overlap (day-precise ones widened by a day)."""
    if a.get("date_start") is None or b.get("date_start") is None:
        return a.get("date_start") is None and b.get("date_start") is None
    a0, a1 = a["date_start"], a["date_end"]
    b0, b1 = b["date_start"], b["date_end"]
    if a.get("date_precision") == "day":
        a0, a1 = a0 - DAY_SLACK, a1 + DAY_SLACK
    return a0 <= b1 and b0 <= a1


def _undated(m: dict) -> bool:
    """Told with no date: dated by its article's publication (``date_evidence``; the window
    ``history.date_window`` gives it is the days before publication), not by a day or week the text names."""
    return m.get("date_evidence") == "publication"


def types_agree(a: dict, b: dict) -> bool:
    sa, sb = a["sub_event_type"], b["sub_event_type"]
    if sa == sb:
        return True
    if a["event_type"] == b["event_type"] and (sa in GENERIC_SUB_TYPES or sb in GENERIC_SUB_TYPES):
        return True
    # "The attack", "the fighting": generic reports of a violent event told more precisely elsewhere, and a
    # takeover reported with the fighting that led to it.
    both_violent = a["event_type"] in VIOLENT_TYPES and b["event_type"] in VIOLENT_TYPES
    return both_violent and bool({sa, sb} & GENERIC_SUB_TYPES)


def actors_agree(a: dict, b: dict) -> bool:
    a1, b1 = a.get("actor1"), b.get("actor1")
    if a1 is None or b1 is None or a1 == b1:
        return True
    return a1 == b.get("actor2") or b1 == a.get("actor2")


def _compatible(m: dict, c: _Cluster, retelling: bool = False) -> bool:
    """``retelling``: ``m`` is told with no date, and ``c`` is an event its own report has dated (the dates
    need not agree: ``cluster_mentions`` asks this only when no event of agreeing dates takes ``m``)."""
    if not places_agree(m, c.best_place):
        return False
    opening = next((o for o in c.members if o.get("article_id") == m.get("article_id")), None)
    if retelling:
        if opening is None or _undated(opening):
            return False
    elif not dates_agree(m, c.best_date):
        return False
    # Within one report, one place and day, two sub-types of one event type are one event told twice ("a
    # suicide bomber struck ... the explosion", "protesters marched ... police dispersed them"); across
    # reports they may be two (two bombings in one city on one day). Strategic developments are not one
    # kind of event (an arrest and a weapons seizure are two).
    told_twice = (
        opening is not None
        and m["event_type"] != "Strategic developments"
        and all(o["event_type"] == m["event_type"] for o in c.members[:20])
    )
    if not all((told_twice or types_agree(m, o)) and actors_agree(m, o) for o in c.members[:20]):
        return False
    if opening is not None:
        return not _tolls_differ(m, opening) and not told_as_another(m)
    # Across reports, time must be known: two undated reports of a suicide bombing in Maiduguri are as likely
    # two bombings as one, and a false merge loses an event for good while a split only counts it twice.
    if m.get("date_start") is None or c.best_date.get("date_start") is None:
        return False
    coarse, fine = sorted((_place_rank(m), _place_rank(c.best_place)), reverse=True)
    # A report that names only the region or the country says little that ties it to one event told with
    # its town: "in Syria, this week" may be any of that week's events there. A country's needs the day on
    # both sides; a region's on one side at least ("in Florida at the weekend" is not another outlet's
    # undated protest in a Florida town; "in Diyala" the day after is the Baqubah bombing of that day).
    days = (m.get("date_precision") == "day") + (c.best_date.get("date_precision") == "day")
    if fine < coarse and ((coarse >= 3 and days < 2) or (coarse == 2 and days < 1)):
        return False
    # A mention that says only "in Syria" is the same event only when it tells the same kind of event:
    # otherwise every vague report of a country would join its first event. Told on the same day, an attack
    # and a clash, or an attack and the suicide bombing it was, are one kind (``types_agree``, checked above):
    # "the raid in Yemen on Sunday" is the raid another outlet places in al-Bayda. A country's mention that
    # fits several events still joins none (``cluster_mentions``).
    if coarse >= 3 and days < 2:
        return any(o["sub_event_type"] == m["sub_event_type"] for o in c.members)
    return True


# "In another attack", "other attacks on Tuesday", "a separate bombing", "fresh clashes": the report tells its
# event as not the one its article told before. ("A second blast" is not: twin blasts are one event.)
_ANOTHER = re.compile(
    r"\b(?:another|other|separate|earlier|fresh)\s+(?:[\w-]+\s+){0,2}(?:attacks?|bombings?|blasts?|"
    r"explosions?|incidents?|clash(?:es)?|(?:air\s?)?strikes?|airstrikes?|raids?|protests?|demonstrations?|"
    r"shootings?|assaults?|ambush(?:es)?)\b",
    re.IGNORECASE,
)


def told_as_another(m: dict) -> bool:
    """Within one article, a mention whose sentence tells its event as another one than those before it
    never joins them."""
    return _tells_another(m.get("sentence") or "")


@functools.lru_cache(maxsize=4096)
def _tells_another(sentence: str) -> bool:
    # asked once per event a mention is compared with: the search runs once per sentence
    return bool(_ANOTHER.search(sentence))


def _tolls_differ(m: dict, opening: dict) -> bool:
    """Within one article, "76 killed when militants attacked a convoy" and "four killed in a shelling" are
    two events: an article keeps one toll per event (updates say "rose to"), so a count far from the toll of
    the sentence that opened the event in this article (``opening``) is another event. Tolls of later
    sentences do not decide ("they executed a girl" told inside the fall of a city). Across outlets early
    and late tolls differ too much to tell."""
    mine, theirs = m.get("fatalities"), opening.get("fatalities")
    if not mine or not theirs or _vague_toll(m) or _vague_toll(opening):
        return False
    return max(mine, theirs) > 3 * min(mine, theirs) and abs(mine - theirs) > 3


# "Killed scores of worshippers", "dozens dead": a toll in words of that kind is a floor, not a count to
# compare ("scores" stands for 20, the "75 killed" told next is the same bombing).
_VAGUE_TOLL = re.compile(
    r"\b(?:tens|dozens|scores|hundreds|thousands|several|many|numerous)\b", re.IGNORECASE
)


def _vague_toll(m: dict) -> bool:
    """The mention's sentence gives its count in words of quantity and no figure."""
    sentence = m.get("sentence") or ""
    return bool(_VAGUE_TOLL.search(sentence)) and not re.search(r"\d", sentence)


def report_order(m: dict) -> tuple:
    """Where a mention comes in dedup: by its article's publication time (undated articles last), then the
    article's key and version, then its place in the article. Content alone decides, never arrival."""
    published = m.get("published_at")
    return (
        published is None,
        published or dt.datetime.min,
        m.get("article_key") or "",
        m.get("article_id") or "",
        m["sentence_index"],
        m["mention_id"],
    )


def cluster_mentions(mentions: list[dict]) -> tuple[list[dict], list[dict]]:
    """(events, members) for the current mentions, in any order (dicts with the ``core.mentions`` columns
    plus ``outlet``, ``published_at``, ``article_key`` and ``n_sentences``). Each event carries its
    ``event_score`` and whether it is ``withheld`` (``pipeline.event_score``)."""
    events, members = [], []
    for row, reports in reported_events(mentions):
        row["event_score"], row["withheld"] = judge(row, reports)
        events.append(row)
        members += [{"mention_id": m["mention_id"], "event_id": row["event_id"]} for m in reports]
    return events, members


def reported_events(mentions: list[dict]) -> list[tuple[dict, list[dict]]]:
    """Each event row with the mentions that report it, before it is judged."""
    return [(_event_row(c), c.members) for c in _clusters(mentions)]


def _clusters(mentions: list[dict]) -> list[_Cluster]:
    ordered = sorted(mentions, key=report_order)
    clusters: list[_Cluster] = []
    taken: set[str] = set()
    by_country: dict[str | None, _DateIndex] = defaultdict(_DateIndex)
    for m in ordered:
        index = by_country[m.get("country_code")]
        options = [c for c in index.overlapping(m) if _compatible(m, c)]
        if not options and _undated(m):
            # Within one report, an event told with no date at the place of one it has dated ("Kim was killed
            # by a nerve agent", after "killed at the airport on 13 February") is that one, rather than a new
            # event of the days before publication (kinds and actors must still agree).
            own = index.of_article.get(m.get("article_id"), {}).values()
            options = [c for c in sorted(own, key=lambda c: index.order[id(c)]) if _compatible(m, c, True)]
        if _place_rank(m) >= 3 and len(options) > 1:
            options = []  # a vague mention that fits several events joins none of them
        if options:
            target = min(options, key=lambda c: _closeness(m, c))
        else:
            target = _Cluster(event_id=_new_event_id(m, taken))
            clusters.append(target)
        before = target.best_date
        target.add(m)
        index.of_article[m.get("article_id")][id(target)] = target
        if target.best_date is not before:
            index.place(target, before)
    return clusters


class _DateIndex:
    """The events of one country by the stretches of time their date window covers, so that a mention is
    compared only with events whose window can overlap its own (``dates_agree``), not with every event of the
    country: dedup time grows with the mentions, not with their square. ``overlapping`` returns a superset of
    the events whose dates agree, in the order they were made, so ``cluster_mentions`` decides exactly as if
    it had compared every event."""

    # (days per bucket, most buckets a window is filed under): weeks for day-to-year windows, then blocks of
    # about a year; a longer window (undated "over the past decades") is compared with every mention.
    SCALES = ((7, 60), (364, 30))

    def __init__(self) -> None:
        self.order: dict[int, int] = {}  # id(event) -> when it was made
        self.undated: dict[int, _Cluster] = {}
        self.always: dict[int, _Cluster] = {}
        self.buckets: dict[tuple[int, int], dict[int, _Cluster]] = defaultdict(dict)
        # the events each article has told so far: an undated retelling may join one of another date
        self.of_article: dict[str | None, dict[int, _Cluster]] = defaultdict(dict)

    def overlapping(self, m: dict) -> list[_Cluster]:
        if m.get("date_start") is None:
            found = dict(self.undated)  # dates_agree: undated only with undated
        else:
            found = dict(self.always)
            window = _window(m)
            for days, _ in self.SCALES:
                for bucket in _spanned(window, days):
                    found.update(self.buckets.get((days, bucket), {}))
        return sorted(found.values(), key=lambda c: self.order[id(c)])

    def place(self, c: _Cluster, before: dict | None) -> None:
        """File a new event, or file it again after its best date changed from ``before``."""
        key = id(c)
        self.order.setdefault(key, len(self.order))
        if before is not None:
            for bucket in self._filed_under(before):
                bucket.pop(key, None)
        for bucket in self._filed_under(c.best_date):
            bucket[key] = c

    def _filed_under(self, d: dict) -> list[dict[int, _Cluster]]:
        if d.get("date_start") is None:
            return [self.undated]
        window = _window(d)
        for days, most in self.SCALES:
            spanned = _spanned(window, days)
            if len(spanned) <= most:
                return [self.buckets[(days, b)] for b in spanned]
        return [self.always]


def _spanned(window: tuple[dt.date, dt.date], days: int) -> range:
    return range(window[0].toordinal() // days, window[1].toordinal() // days + 1)


def _window(d: dict) -> tuple[dt.date, dt.date]:
    """The days a dated mention's window covers, widened by the slack ``dates_agree`` gives a day."""
    start, end = d["date_start"], d.get("date_end") or d["date_start"]
    return start - DAY_SLACK, end + DAY_SLACK


def _new_event_id(m: dict, taken: set[str]) -> str:
    key = "|".join(str(m.get(k) or "") for k in ("article_key", "location", "sub_event_type"))
    for n in range(1000):
        event_id = hashlib.sha256(f"{key}|{n}".encode()).hexdigest()[:24]
        if event_id not in taken:
            taken.add(event_id)
            return event_id
    raise RuntimeError("event id space exhausted")  # pragma: no cover


def _closeness(m: dict, c: _Cluster) -> tuple:
    """Which of several compatible events a mention joins (smallest first).

    A mention with a stated day joins the event nearest that day. A vaguer one ("500 people were left dead",
    dated only by its article's week) cannot choose by date: it joins the event told most precisely and most
    often, the main event of the place, rather than whichever event happened to be reported first."""
    same_place = m.get("geonameid") is not None and m.get("geonameid") == c.best_place.get("geonameid")
    same_type = m["sub_event_type"] == c.members[0]["sub_event_type"]
    if m.get("date_precision") == "day" and m.get("date_start") and c.best_date.get("date_start"):
        gap = abs((m["date_start"] - c.best_date["date_start"]).days)
        return (not same_place, gap, not same_type, -len(c.members))
    return (not same_place, _date_rank(c.best_date), not same_type, -len(c.members))


def _vote(members: list[dict], key: str) -> str | None:
    votes: Counter = Counter()
    for m in members:
        if m.get(key) is not None:
            votes[m[key]] += m.get("confidence") or 0.1
    if not votes:
        return None
    return max(votes.items(), key=lambda kv: (kv[1], kv[0]))[0]


def _event_row(c: _Cluster) -> dict:
    members = c.members
    sub = _vote([m for m in members if m["sub_event_type"] in TERRITORIAL], "sub_event_type") or _vote(
        [m for m in members if m["sub_event_type"] not in GENERIC_SUB_TYPES], "sub_event_type"
    )
    sub = sub or _vote(members, "sub_event_type")
    typ = next(m["event_type"] for m in members if m["sub_event_type"] == sub)
    place, when = c.best_place, c.best_date
    day_dates = sorted(
        m["event_date"]
        for m in members
        if m.get("event_date") is not None and m.get("date_precision") == when.get("date_precision")
    )
    event_date = Counter(day_dates).most_common(1)[0][0] if day_dates else when.get("event_date")
    figures = [m["fatalities"] for m in members if m.get("fatalities") is not None]
    # The lowest credible figure: competing estimates of one toll rarely differ tenfold, so a figure below
    # a tenth of the highest is a smaller incident told with the event ("500 killed", "executed a girl").
    figures = [f for f in figures if f * 10 >= max(figures)] if figures else figures
    injured = [m["injured"] for m in members if m.get("injured") is not None]
    outlets = {m.get("outlet") or f"article:{m['article_id']}" for m in members}
    confidence = 1.0
    for m in members:
        confidence *= 1 - (m.get("confidence") or 0.0)
    published = [m["published_at"] for m in members if m.get("published_at") is not None]
    actor1 = _vote(members, "actor1") or default_actor1(typ, sub, place.get("country_code"))
    actor2 = _vote(members, "actor2")
    return {
        "event_id": c.event_id,
        "event_date": event_date,
        "date_start": when.get("date_start"),
        "date_end": when.get("date_end"),
        "date_precision": when.get("date_precision") or "unknown",
        "event_type": typ,
        "sub_event_type": sub,
        "actor1": actor1,
        "actor2": actor2,
        # who each actor belongs to, as the reports naming that actor say
        "assoc_actor_1": _vote([m for m in members if m.get("actor1") == actor1], "assoc_actor_1"),
        "assoc_actor_2": _vote([m for m in members if m.get("actor2") == actor2], "assoc_actor_2"),
        "inter1": inter_code(actor1, place.get("country_code")),
        "inter2": inter_code(actor2, place.get("country_code")),
        "location": place.get("location"),
        "admin1": place.get("admin1"),
        "country_code": place.get("country_code"),
        "latitude": place.get("latitude"),
        "longitude": place.get("longitude"),
        "geo_precision": place.get("geo_precision") or "unknown",
        "geo_evidence": place.get("geo_evidence") or "unknown",
        "date_evidence": when.get("date_evidence") or "unknown",
        # ACLED's convention: 0 when no report states a toll (a mention keeps NULL: its sentence said none).
        "fatalities": min(figures) if figures else 0,
        "fatalities_max": max(figures) if figures else 0,
        "injured": min(injured) if injured else None,
        "num_mentions": len(members),
        "num_articles": len({m["article_id"] for m in members}),
        "num_sources": len(outlets),
        "first_reported_at": min(published) if published else None,
        "confidence": round(min(0.99, 1 - confidence), 3),
    }

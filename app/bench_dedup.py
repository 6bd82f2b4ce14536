"""Dedup at scale: ``pipeline.dedup.cluster_mentions`` on synthetic mentions, 100,000 at a time up to a
million (``python -m pipeline.bench --dedup-scale 1000000``).

The mentions imitate a growing archive: a fixed number of reports a day (``PER_DAY``) in 40 countries, so a
million mentions span more days rather than crowding the same ones; each event is reported one to four times
(other articles, other outlets, a day apart, a drifting toll), with the mixture of place and date precisions
the news corpus gives (mostly towns and weeks, many country-level reports, a few undated ones). Printed for
each size: the seconds of the clustering alone (no warehouse: the domain step), the seconds per 100,000
mentions, and the events found. Sizes: 100k, 200k, 500k and 1M (each from scratch; every 100k would take
the sum of them all).
"""

from __future__ import annotations

import datetime as dt
import random
import time

from pipeline.dedup import cluster_mentions

PER_DAY = 1000  # mentions a day across all countries: about ACLED's 400 events a day, 2.5 reports each
SIZES = (100_000, 200_000, 500_000, 1_000_000)  # each clustered from scratch
TYPES = (
    ("Battles", "Armed clash"), ("Explosions/Remote violence", "Air/drone strike"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Violence against civilians", "Attack"),
    ("Protests", "Peaceful protest"), ("Riots", "Violent demonstration"),
    ("Strategic developments", "Arrests"),
)  # fmt: skip
ACTORS = ("Military Forces", "Police Forces", "Unidentified Armed Group", "Protesters", "Rioters", None)
PRECISIONS = (("place", 55), ("country", 35), ("admin1", 7), ("near_place", 2), ("unknown", 1))
DATE_PRECISIONS = (("week", 78), ("day", 15), ("month", 3), ("year", 3), ("unknown", 1))
START = dt.date(2020, 1, 1)


def synthetic_mentions(n: int, seed: int = 13) -> list[dict]:
    """``n`` mentions: the ``core.mentions`` columns dedup reads, and outlet, published_at, article_key."""
    rng = random.Random(seed)
    countries = [f"C{i:02d}" for i in range(40)]
    towns = {c: [(10_000 * i + t, rng.uniform(-30, 30), rng.uniform(-30, 30)) for t in range(60)]
             for i, c in enumerate(countries)}  # fmt: skip
    mentions: list[dict] = []
    while len(mentions) < n:
        day = START + dt.timedelta(days=len(mentions) // PER_DAY)
        country = rng.choice(countries)
        geonameid, lat, lon = rng.choice(towns[country])
        event_type, sub = rng.choice(TYPES)
        actor = rng.choice(ACTORS)
        toll = rng.choice((None, None, 1, 2, 5, 12))
        for report in range(rng.randint(1, 4)):
            if len(mentions) == n:
                break
            i = len(mentions)
            geo = _pick(rng, PRECISIONS)
            date_precision = _pick(rng, DATE_PRECISIONS)
            published = day + dt.timedelta(days=report)
            start, end = _window(day, date_precision)
            town = geo in ("place", "near_place")
            mentions.append({
                "mention_id": f"m{i:08d}", "article_id": f"a{i // 3:08d}",
                "article_key": f"feed/{i // 3:08d}",
                "sentence_index": i % 3, "outlet": f"Outlet {rng.randrange(50)}",
                "published_at": dt.datetime.combine(published, dt.time(12)),
                "event_type": event_type, "sub_event_type": sub, "actor1": actor, "actor2": None,
                "location": f"Town {geonameid}" if town else country, "admin1": f"{country}.{geonameid % 7}",
                "country_code": country,
                "latitude": lat if town else None, "longitude": lon if town else None,
                "geo_precision": geo, "geonameid": geonameid if town else None,
                "event_date": start, "date_start": start, "date_end": end, "date_precision": date_precision,
                "fatalities": None if toll is None else toll + report, "injured": None,
                "confidence": rng.choice((0.5, 0.7, 0.9)),
            })  # fmt: skip
    return mentions


def _pick(rng: random.Random, weighted: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([k for k, _ in weighted], [w for _, w in weighted])[0]


def _window(day: dt.date, precision: str) -> tuple[dt.date | None, dt.date | None]:
    if precision == "day":
        return day, day
    if precision == "week":
        monday = day - dt.timedelta(days=day.weekday())
        return monday, monday + dt.timedelta(days=6)
    if precision == "month":
        first = day.replace(day=1)
        return first, (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    if precision == "year":
        return day.replace(month=1, day=1), day.replace(month=12, day=31)
    return None, None


def dedup_scaling(up_to: int, sizes: tuple[int, ...] = SIZES) -> str:
    """Time the clustering at each size up to ``up_to`` (and at ``up_to``); prints each row as it is done
    (a million mentions take minutes) and returns the printout."""
    lines = [f"dedup (pipeline.dedup.cluster_mentions), synthetic mentions, {PER_DAY} a day in 40 countries",
             f"{'mentions':>10}{'seconds':>10}{'s per 100k':>12}{'events':>10}"]  # fmt: skip
    print("\n".join(lines), flush=True)
    everything = synthetic_mentions(up_to)
    for n in sorted({s for s in sizes if s < up_to} | {up_to}):
        mentions = everything[:n]
        started = time.perf_counter()
        events, _ = cluster_mentions(mentions)
        seconds = time.perf_counter() - started
        lines.append(f"{n:>10,}{seconds:>10.1f}{seconds * 100_000 / n:>12.2f}{len(events):>10,}")
        print(lines[-1], flush=True)
    return "\n".join(lines)

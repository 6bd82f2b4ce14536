"""Dedup: vague mentions of different reports merge only when they tell the same kind of event; undated
ones of different reports never merge."""

import datetime as dt

from pipeline.dedup import cluster_mentions


def mention(mid: str, article: str, sub: str, event_type: str = "Violence against civilians", **kw) -> dict:
    row = {
        "mention_id": mid, "article_id": article, "sentence_index": 0, "log_seq": int(mid[-1]),
        "event_type": event_type, "sub_event_type": sub, "actor1": None, "actor2": None,
        "location": "Syria", "admin1": None, "country_code": "SY", "latitude": 35.0, "longitude": 38.0,
        "geo_precision": "country", "geonameid": 163843, "event_date": None, "date_start": None,
        "date_end": None, "date_precision": "unknown", "fatalities": None, "injured": None,
        "confidence": 0.5, "outlet": article, "published_at": None,
    }  # fmt: skip
    row.update(kw)
    return row


def test_vague_reports_of_different_kinds_stay_apart():
    events, _ = cluster_mentions([
        mention("m1", "a", "Attack"),
        mention("m2", "b", "Chemical weapon", event_type="Explosions/Remote violence"),
    ])  # fmt: skip
    assert len(events) == 2


WEEK = {"date_start": dt.date(2024, 3, 5), "date_end": dt.date(2024, 3, 12), "date_precision": "week",
        "event_date": dt.date(2024, 3, 11)}  # fmt: skip


def test_vague_reports_of_the_same_kind_merge():
    events, _ = cluster_mentions([mention("m1", "a", "Attack", **WEEK), mention("m2", "b", "Attack", **WEEK)])
    assert len(events) == 1


def test_a_vague_report_of_the_week_does_not_take_another_reports_place():
    town = {
        "geo_precision": "place",
        "geonameid": 7,
        "location": "Tal Verde",
        "latitude": 36.0,
        "longitude": 40.7,
    }
    events, _ = cluster_mentions(
        [mention("m1", "a", "Attack", **WEEK, **town), mention("m2", "b", "Attack", **WEEK)]
    )
    assert len(events) == 2
    day = dt.date(2024, 3, 11)
    on_the_day = {"date_start": day, "date_end": day, "date_precision": "day", "event_date": day}
    events, _ = cluster_mentions(
        [mention("m1", "a", "Attack", **on_the_day, **town), mention("m2", "b", "Attack", **on_the_day)]
    )
    assert len(events) == 1


def test_undated_reports_of_the_same_place_and_kind_stay_apart():
    # Two articles without any date: one bombing or two, nothing tells; within one article they merge.
    town = {"geo_precision": "place", "geonameid": 7, "location": "Maiduguri"}
    events, _ = cluster_mentions(
        [mention("m1", "a", "Suicide bomb", **town), mention("m2", "b", "Suicide bomb", **town)]
    )
    assert len(events) == 2
    events, _ = cluster_mentions(
        [mention("m1", "a", "Suicide bomb", **town), mention("m2", "a", "Suicide bomb", **town)]
    )
    assert len(events) == 1


def test_precise_reports_merge_a_generic_with_a_specific_sub_type():
    day = dt.date(2024, 3, 12)
    precise = {"geo_precision": "place", "geonameid": 1, "event_date": day, "date_start": day,
               "date_end": day, "date_precision": "day"}  # fmt: skip
    bombing = mention(
        "m2", "b", "Remote explosive/landmine/IED", event_type="Explosions/Remote violence", **precise
    )
    events, _ = cluster_mentions([mention("m1", "a", "Attack", **precise), bombing])
    assert len(events) == 1


def test_one_article_telling_two_tolls_at_one_place_tells_two_events():
    town = {"geo_precision": "place", "geonameid": 7, "location": "Hilla", **WEEK}
    convoy = mention("m1", "a", "Attack", fatalities=76, **town)
    shelling = mention(
        "m2",
        "a",
        "Shelling/artillery/missile attack",
        event_type="Explosions/Remote violence",
        fatalities=4,
        **town,
    )
    update = mention("m3", "a", "Attack", fatalities=80, **town)
    events, members = cluster_mentions([convoy, shelling, update])
    assert len(events) == 2
    event_of = {m["mention_id"]: m["event_id"] for m in members}
    assert event_of["m1"] == event_of["m3"] != event_of["m2"]
    # Across outlets, an early toll and a late one are still one event.
    events, _ = cluster_mentions([convoy, {**shelling, "article_id": "b", "outlet": "b"}])
    assert len(events) == 1


def test_an_undated_retelling_in_the_same_report_is_the_event_it_dated():
    town = {"geo_precision": "place", "geonameid": 7, "location": "Hilla"}
    dated = mention(
        "m1",
        "a",
        "Attack",
        date_start=dt.date(2024, 3, 1),
        date_end=dt.date(2024, 3, 1),
        date_precision="day",
        event_date=dt.date(2024, 3, 1),
        **town,
    )
    # no date told: dated by publication (12 March), the six days before it
    undated = {
        "date_start": dt.date(2024, 3, 6),
        "date_end": dt.date(2024, 3, 12),
        "date_precision": "week",
        "event_date": dt.date(2024, 3, 11),
        "date_evidence": "publication",
    }
    events, _ = cluster_mentions([dated, mention("m2", "a", "Attack", **undated, **town)])
    assert len(events) == 1 and events[0]["event_date"] == dt.date(2024, 3, 1)
    # another report's undated attack there may be another attack; so may a week the text names
    assert len(cluster_mentions([dated, mention("m2", "b", "Attack", **undated, **town)])[0]) == 2
    named_week = {**undated, "event_date": dt.date(2024, 3, 6), "date_evidence": "sentence"}
    assert len(cluster_mentions([dated, mention("m2", "a", "Attack", **named_week, **town)])[0]) == 2


def test_an_event_says_whether_its_date_was_told_by_the_report_that_dates_it():
    town = {"geo_precision": "place", "geonameid": 7, "location": "Hilla"}
    day = dt.date(2024, 3, 1)
    told = {"date_start": day, "date_end": day, "date_precision": "day", "event_date": day}
    undated = {"date_start": dt.date(2024, 3, 6), "date_end": dt.date(2024, 3, 12), "date_precision": "week",
               "event_date": dt.date(2024, 3, 11), "date_evidence": "publication"}  # fmt: skip
    events, _ = cluster_mentions([
        mention("m1", "a", "Attack", **told, **town, date_evidence="sentence"),
        mention("m2", "a", "Attack", **undated, **town, sentence_index=1),  # "the attack" told again
    ])  # fmt: skip
    assert [(e["event_date"], e["date_evidence"]) for e in events] == [(day, "sentence")]
    events, _ = cluster_mentions([mention("m1", "a", "Attack", **undated, **town)])
    assert events[0]["date_evidence"] == "publication"
    assert cluster_mentions([mention("m1", "a", "Attack", **told)])[0][0]["date_evidence"] == "unknown"


def test_a_toll_told_in_words_of_quantity_is_no_other_toll():
    town = {"geo_precision": "place", "geonameid": 7, "location": "Hilla", **WEEK}
    opening = mention(
        "m1",
        "a",
        "Suicide bomb",
        event_type="Explosions/Remote violence",
        fatalities=20,
        sentence="A suicide bomber killed scores of pilgrims at the shrine.",
        **town,
    )
    figure = mention(
        "m2",
        "a",
        "Suicide bomb",
        event_type="Explosions/Remote violence",
        fatalities=75,
        sentence="Police said at least 75 people were killed in the blast.",
        **town,
    )
    events, _ = cluster_mentions([opening, figure])
    assert len(events) == 1
    # stated as figures, the two tolls are two events
    events, _ = cluster_mentions([{**opening, "sentence": "A suicide bomber killed 20 pilgrims."}, figure])
    assert len(events) == 2


def test_a_small_incident_told_inside_an_event_neither_splits_it_nor_sets_its_toll():
    town = {"geo_precision": "place", "geonameid": 7, "location": "Ramadi", **WEEK}
    takeover = mention("m1", "a", "Non-state actor overtakes territory", event_type="Battles", **town)
    execution = mention("m2", "a", "Attack", fatalities=1, **town)
    toll = mention("m3", "a", "Attack", fatalities=500, **town)
    events, _ = cluster_mentions([takeover, execution, toll])
    assert len(events) == 1
    assert (events[0]["fatalities"], events[0]["fatalities_max"]) == (500, 500)


def test_one_report_telling_one_event_with_two_sub_types_of_its_type_tells_one_event():
    # "A suicide bomber struck the market ... the explosion killed ten": one bombing; across reports, two
    # bombings in one town on one day stay apart.
    town = {"geo_precision": "place", "geonameid": 7, "location": "Hilla", **WEEK}
    remote = {"event_type": "Explosions/Remote violence"}
    suicide = mention("m1", "a", "Suicide bomb", **remote, **town)
    blast = mention("m2", "a", "Remote explosive/landmine/IED", **remote, **town)
    assert len(cluster_mentions([suicide, blast])[0]) == 1
    assert len(cluster_mentions([suicide, {**blast, "article_id": "b", "outlet": "b"}])[0]) == 2
    # A protest told twice in one report, once with the police's intervention, is one protest.
    march = mention("m3", "a", "Peaceful protest", event_type="Protests", **town)
    dispersed = mention("m4", "a", "Protest with intervention", event_type="Protests", **town)
    assert len(cluster_mentions([march, dispersed])[0]) == 1
    # Strategic developments are no one kind of event: an arrest and a weapons seizure stay two.
    strategic = {"event_type": "Strategic developments"}
    arrest = mention("m5", "a", "Arrests", **strategic, **town)
    seizure = mention("m6", "a", "Disrupted weapons use", **strategic, **town)
    assert len(cluster_mentions([arrest, seizure])[0]) == 2


def test_a_report_of_a_region_in_some_week_does_not_join_another_reports_town():
    # "a rally in Florida at the weekend" is not the protest another outlet places in a Florida town.
    region = {"geo_precision": "admin1", "geonameid": 70, "location": "Nordica", "admin1": "Nordica", **WEEK}
    town = {"geo_precision": "place", "geonameid": 7, "location": "Onhava", "admin1": "Nordica", **WEEK}
    protest = {"event_type": "Protests"}
    vague = mention("m1", "a", "Peaceful protest", **protest, **region)
    precise = mention("m2", "b", "Peaceful protest", **protest, **town)
    assert len(cluster_mentions([vague, precise])[0]) == 2
    day = dt.date(2024, 3, 11)
    on_the_day = {"date_start": day, "date_end": day, "date_precision": "day", "event_date": day}
    assert len(cluster_mentions([{**vague, **on_the_day}, {**precise, **on_the_day}])[0]) == 1
    assert len(cluster_mentions([vague, {**precise, **on_the_day}])[0]) == 1  # the town's day is known


def test_events_do_not_depend_on_the_order_reports_arrive():
    """Issue 10: the events (and their ids) are a function of the set of current reports."""
    import itertools

    town = {"geo_precision": "place", "geonameid": 7, "location": "Tal Verde", "latitude": 36.0,
            "longitude": 40.7}  # fmt: skip

    def on(day: int, precision: str = "day") -> dict:
        start = dt.date(2024, 3, day)
        end = start + dt.timedelta(days=6 if precision == "week" else 0)
        return {"date_start": start, "date_end": end, "date_precision": precision, "event_date": start}

    def report(mid: str, article: str, key: str, published: int, **when) -> dict:
        return mention(mid, article, "Attack", article_key=key, published_at=dt.datetime(2024, 3, published),
                       **when, **town)  # fmt: skip

    reports = [
        report("m1", "a", "wire/1", 11, **on(10)),
        report("m2", "b", "post/1", 13, **on(12)),
        report("m3", "c", "desk/7", 16, **on(9, "week")),
        report("m4", "d", "wire/9", 20, **on(19)),
    ]
    outcomes = set()
    for order in itertools.permutations(reports):
        arrived = [{**m, "log_seq": seq} for seq, m in enumerate(order, start=1)]  # the log's arrival order
        events, members = cluster_mentions(arrived)
        outcomes.add((
            tuple(sorted(tuple(sorted(e.items(), key=repr)) for e in events)),
            tuple(sorted((m["mention_id"], m["event_id"]) for m in members)),
        ))  # fmt: skip
    assert len(outcomes) == 1


def test_the_date_index_decides_as_comparing_every_event(monkeypatch):
    """The index only narrows which events a mention is compared with: the events are those of comparing each
    mention with every event of its country (synthetic mentions: every place and date precision)."""
    from app.bench_dedup import synthetic_mentions
    from pipeline import dedup

    mentions = synthetic_mentions(3000, seed=5)
    indexed = cluster_mentions(mentions)
    everything = lambda index, m: sorted(  # noqa: E731 - the reference: every event filed so far
        {
            **index.undated,
            **index.always,
            **{k: c for b in index.buckets.values() for k, c in b.items()},
        }.values(),
        key=lambda c: index.order[id(c)],
    )
    monkeypatch.setattr(dedup._DateIndex, "overlapping", everything)
    assert cluster_mentions(mentions) == indexed
    assert len(indexed[0]) < len(mentions)  # reports of one event merged: the test compares real decisions


def test_a_report_told_as_another_attack_does_not_join_its_articles_earlier_event():
    town = {"geo_precision": "place", "geonameid": 7, "location": "Hilla"}
    lead = mention(
        "m1", "a", "Remote explosive/landmine/IED", event_type="Explosions/Remote violence", fatalities=48,
        sentence="A car bomb killed 48 people in Hilla.", **town, **WEEK,
    )  # fmt: skip
    other = mention(
        "m2", "a", "Remote explosive/landmine/IED", event_type="Explosions/Remote violence", fatalities=20,
        sentence="At least 20 people were killed in other attacks on Tuesday.", **town,
        event_date=dt.date(2024, 3, 5), date_start=dt.date(2024, 3, 5), date_end=dt.date(2024, 3, 5),
        date_precision="day",
    )  # fmt: skip
    events, members = cluster_mentions([lead, other])
    event_of = {m["mention_id"]: m["event_id"] for m in members}
    assert event_of["m1"] != event_of["m2"]
    # The same report without the word: one event told twice (a toll within three times the other).
    same = {**other, "sentence": "At least 20 people were killed in the attack on Tuesday."}
    events, members = cluster_mentions([lead, same])
    assert len(events) == 1

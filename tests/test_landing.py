"""Landing: every file and record becomes an article or a quarantine entry with a reason."""

from __future__ import annotations

import json

from pipeline.landing import batch_signature, list_batches, read_batch


def write(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


def test_batches_are_top_level_files_and_folders(tmp_path):
    write(tmp_path / "a.txt", "Gunmen attacked a checkpoint.")
    write(tmp_path / "drop-2026-11-01" / "b.html", "<p>Hello</p>")
    write(tmp_path / ".hidden.txt", "ignored while being written")
    write(tmp_path / "notes.docx", b"PK\x03\x04")
    assert list_batches(tmp_path) == ["a.txt", "drop-2026-11-01"]
    folder = read_batch(tmp_path, "drop-2026-11-01")
    assert [a.source_path for a in folder.articles] == ["drop-2026-11-01/b.html"]
    assert folder.articles[0].content_is_html


def test_text_file_becomes_one_article_keyed_by_its_path(tmp_path):
    write(tmp_path / "report.txt", "Police arrested two men in Kano on Monday.")
    batch = read_batch(tmp_path, "report.txt")
    (article,) = batch.articles
    assert article.source_id == "report.txt"
    assert article.article_key == "report.txt"
    assert article.format == "txt" and not article.content_is_html
    assert len(article.content_hash) == 64


def test_bad_files_are_quarantined_with_reasons(tmp_path):
    write(tmp_path / "b" / "empty.txt", "")
    write(tmp_path / "b" / "blank.txt", "   \n\n ")
    write(tmp_path / "b" / "binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    write(tmp_path / "b" / "latin1.txt", "Soldats bless\xe9s \xe0 Gao".encode("latin-1"))
    write(tmp_path / "b" / "ok.txt", "Soldiers clashed with rebels near Gao.")
    batch = read_batch(tmp_path, "b")
    reasons = {q.source_path.split("/")[-1]: q.reason for q in batch.quarantined}
    assert reasons["empty.txt"] == "empty file"
    assert "whitespace" in reasons["blank.txt"]
    assert reasons["binary.txt"].startswith("binary content")
    assert "not valid UTF-8" in reasons["latin1.txt"] and "offset" in reasons["latin1.txt"]
    assert [a.source_id for a in batch.articles] == ["ok.txt"]


def test_jsonl_records_bad_lines_and_wrong_types(tmp_path):
    lines = [
        json.dumps(
            {"id": "a1", "outlet": "Wire", "published_at": "2026-03-02", "text": "Troops shelled a town."}
        ),
        '{"id": "a2", "text": "truncated',
        json.dumps({"id": "a3", "title": "No body"}),
        json.dumps({"id": "a4", "text": 42}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": 7, "html": "<p>Rebels seized a village.</p>"}),
        json.dumps({"id": "a1", "retract": True}),
        json.dumps({"id": "a5", "text": "ok", "published_at": 20260302}),
    ]
    write(tmp_path / "feed.jsonl", "\n".join(lines) + "\n")
    batch = read_batch(tmp_path, "feed.jsonl")
    assert [(a.source_id, a.record_index) for a in batch.articles] == [("a1", 1), ("7", 6)]
    assert batch.articles[1].content_is_html
    reasons = {q.record_index: q.reason for q in batch.quarantined}
    assert reasons[2].startswith("malformed JSON on line 2")
    assert reasons[3] == "record has neither 'text' nor 'html' content"
    assert reasons[4] == "field 'text' must be a string, got int"
    assert reasons[5] == "record is a JSON list, not an object"
    assert "published_at" in reasons[8]
    assert [(r.article_key, r.record_index) for r in batch.retractions] == [("a1", 7)]
    assert batch.quarantined[0].raw_content == '{"id": "a2", "text": "truncated'


def test_huge_file_is_quarantined_without_reading_it_all(tmp_path, monkeypatch):
    import pipeline.landing as landing

    monkeypatch.setattr(landing, "MAX_FILE_BYTES", 1000)
    write(tmp_path / "big.txt", "x" * 5000)
    batch = read_batch(tmp_path, "big.txt")
    (q,) = batch.quarantined
    assert q.reason.startswith("file too large: 5,000 bytes")
    assert q.content_bytes == 5000 and len(q.raw_content) <= 5000


def test_same_content_hashes_alike_whatever_the_file_name(tmp_path):
    write(tmp_path / "one.txt", "Militants ambushed a convoy.")
    write(tmp_path / "two.txt", "Militants ambushed a convoy.")
    (a,) = read_batch(tmp_path, "one.txt").articles
    (b,) = read_batch(tmp_path, "two.txt").articles
    assert a.content_hash == b.content_hash
    assert a.article_key != b.article_key


def test_signature_changes_when_a_file_changes(tmp_path):
    path = write(tmp_path / "d" / "a.txt", "one")
    first = batch_signature(tmp_path, "d")
    write(path, "two, longer")
    assert batch_signature(tmp_path, "d") != first
    assert batch_signature(tmp_path, "d")[1:] == (1, len("two, longer"))


# --- issue 10: bad records, links, encodings, archives, batch identity ----------------------------------


def test_a_record_nested_too_deep_is_quarantined_and_the_rest_is_read(tmp_path):
    deep = '{"id": "d1", "text": "x", "extra": ' + "[" * 100_000 + "]" * 100_000 + "}"
    good = json.dumps({"id": "g1", "text": "Gunmen attacked a convoy near Gao."})
    write(tmp_path / "feed.jsonl", deep + "\n" + good + "\n")
    batch = read_batch(tmp_path, "feed.jsonl")
    assert [a.source_id for a in batch.articles] == ["g1"]
    (q,) = batch.quarantined
    assert q.record_index == 1 and "nested too deeply" in q.reason


def test_a_lone_surrogate_is_quarantined_as_invalid_unicode(tmp_path):
    lines = [
        '{"id": "bad\\ud800", "text": "Rebels seized a town."}',
        json.dumps({"id": "ok", "text": "Troops left."}),
    ]
    write(tmp_path / "feed.jsonl", "\n".join(lines))
    batch = read_batch(tmp_path, "feed.jsonl")
    assert [a.source_id for a in batch.articles] == ["ok"]
    (q,) = batch.quarantined
    assert "field 'id' is not valid Unicode" in q.reason
    q.raw_content.encode("utf-8")  # storable


def test_links_out_of_the_landing_folder_are_quarantined_without_their_content(tmp_path):
    landing, elsewhere = tmp_path / "landing", tmp_path / "elsewhere"
    write(elsewhere / "secrets.txt", "db_password=hunter2 and other things nobody should ingest")
    write(elsewhere / "dir" / "more.txt", "another secret line")
    write(landing / "inside.txt", "Police arrested two men in Kano on Monday.")
    (landing / "leak.txt").symlink_to(elsewhere / "secrets.txt")
    (landing / "leakdir").symlink_to(elsewhere / "dir")
    write(landing / "drop" / "ok.txt", "Soldiers clashed with rebels near Gao.")
    (landing / "drop" / "leak.txt").symlink_to(elsewhere / "secrets.txt")
    (landing / "drop" / "alias.txt").symlink_to(landing / "inside.txt")  # stays inside: read
    assert list_batches(landing) == ["drop", "inside.txt", "leak.txt", "leakdir"]
    for batch_id in ("leak.txt", "leakdir"):
        (q,) = read_batch(landing, batch_id).quarantined
        assert q.reason.startswith("symbolic link to a location outside the landing folder")
        assert (q.raw_content, q.content_bytes) == ("", 0)
    drop = read_batch(landing, "drop")
    assert sorted(a.source_path for a in drop.articles) == ["drop/alias.txt", "drop/ok.txt"]
    assert [(q.source_path, q.raw_content) for q in drop.quarantined] == [("drop/leak.txt", "")]
    assert all("hunter2" not in a.content for a in drop.articles)


def test_utf16_with_a_byte_order_mark_is_decoded(tmp_path):
    text = "Des soldats ont été blessés à Gao. Soldiers were wounded near Gao on Monday."
    write(tmp_path / "le.txt", text.encode("utf-16"))  # BOM + little-endian, as Windows tools write it
    write(tmp_path / "be.txt", b"\xfe\xff" + text.encode("utf-16-be"))
    for name in ("le.txt", "be.txt"):
        batch = read_batch(tmp_path, name)
        assert not batch.quarantined
        assert batch.articles[0].content == text
    write(tmp_path / "nobom.txt", text.encode("utf-16-le"))
    (q,) = read_batch(tmp_path, "nobom.txt").quarantined
    assert q.reason.startswith("UTF-16LE text without a byte-order mark")


def test_gzip_and_zip_files_are_read_member_by_member(tmp_path):
    import gzip
    import zipfile

    record = {"id": "z1", "outlet": "Zip Wire", "text": "Militants attacked a police post near Diffa."}
    write(tmp_path / "feed.jsonl.gz", gzip.compress((json.dumps(record) + "\n").encode("utf-8")))
    with zipfile.ZipFile(tmp_path / "drop.zip", "w") as archive:
        archive.writestr("reports/one.txt", "Troops shelled a village near Kidal on Sunday.")
        archive.writestr("reports/two.html", "<p>Protesters marched in Niamey on Friday.</p>")
        archive.writestr("notes.docx", b"PK")
        archive.writestr("inner.zip", b"PK")
    write(tmp_path / "broken.txt.gz", b"not gzip at all")
    write(tmp_path / "old.tar.gz", gzip.compress(b"tar"))
    assert list_batches(tmp_path) == ["broken.txt.gz", "drop.zip", "feed.jsonl.gz", "old.tar.gz"]
    (article,) = read_batch(tmp_path, "feed.jsonl.gz").articles
    assert (article.article_key, article.source_path) == ("zip wire/z1", "feed.jsonl.gz")
    drop = read_batch(tmp_path, "drop.zip")
    assert [a.source_path for a in drop.articles] == ["drop.zip/reports/one.txt", "drop.zip/reports/two.html"]
    reasons = {q.source_path: q.reason for q in drop.quarantined}
    assert reasons == {
        "drop.zip/inner.zip": "archive inside an archive: not read",
        "drop.zip/notes.docx": "unsupported file type '.docx'",
    }
    (q,) = read_batch(tmp_path, "broken.txt.gz").quarantined
    assert q.reason.startswith("not a readable gzip file")
    (q,) = read_batch(tmp_path, "old.tar.gz").quarantined
    assert q.reason == "compressed file of unsupported type '.tar' (tar archives are not read)"


def test_signature_follows_content_not_times_or_paths(tmp_path):
    import os
    import shutil

    path = write(tmp_path / "a" / "d" / "a.txt", "Gunmen attacked a checkpoint.")
    first = batch_signature(tmp_path / "a", "d")
    os.utime(path, (1_000_000_000, 1_000_000_000))  # touched: same content, another time
    assert batch_signature(tmp_path / "a", "d") == first
    shutil.copytree(tmp_path / "a", tmp_path / "moved", copy_function=shutil.copyfile)  # new times too
    assert batch_signature(tmp_path / "moved", "d") == first
    write(path, "Gunmen attacked a checkpoint on Monday.")
    assert batch_signature(tmp_path / "a", "d") != first


def test_article_key_is_source_and_id_else_canonical_url_else_path(tmp_path):
    lines = [
        {"id": "1", "outlet": "Coast Wire", "text": "Gunmen attacked a boat."},
        {"id": "1", "outlet": "Delta  Post", "text": "Troops shelled a village."},
        {"id": "2", "text": "Police arrested a man."},
        {"url": "https://www.example.org/news/item/?utm_source=x#top", "text": "Rebels took a town."},
        {"text": "Riots broke out in a market."},
    ]
    write(tmp_path / "desk-2026-11-01.jsonl", "\n".join(json.dumps(r) for r in lines))
    keys = [a.article_key for a in read_batch(tmp_path, "desk-2026-11-01.jsonl").articles]
    assert keys == [
        "coast wire/1", "delta post/1", "desk/2", "example.org/news/item", "desk-2026-11-01.jsonl:5"
    ]  # fmt: skip

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

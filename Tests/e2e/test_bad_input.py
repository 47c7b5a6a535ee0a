"""Hostile and broken input: nothing crashes the server or changes what was stored."""
import json
import sqlite3

from conftest import curl, envelope


def stored(server):
    with sqlite3.connect(server.data_dir / "tiengnoi.sqlite") as db:
        return db.execute("SELECT id, voice, answers FROM submissions ORDER BY seq").fetchall()


def test_broken_bodies_are_refused_and_change_nothing(server, tmp_path):
    url = server.url + "/api/v1/submissions"
    assert curl(url, *server.auth, body=envelope())[0] == 201
    before = stored(server)

    invalid_utf8 = envelope().encode("utf-8").replace("Cháu".encode("utf-8"), b"Ch\xff\xfeu")
    status, body = curl(url, *server.auth, body=invalid_utf8)
    assert status == 400 and body["error"] == "malformed_json" and "UTF-8" in body["message_en"]

    raw_nul = envelope().encode("utf-8").replace(b"Ch", b"C\x00h", 1)
    assert curl(url, *server.auth, body=raw_nul)[0] == 400

    escaped_nul = envelope(text="xin\\u0000chào").replace("\\\\u0000", "\\u0000")
    status, body = curl(url, *server.auth, body=escaped_nul)
    assert status == 422 and body["errors"][0]["code"] == "invalid_text"

    ten_megabytes = tmp_path / "big.json"
    ten_megabytes.write_bytes(b'{"form": "' + b"a" * (10 * 1024 * 1024) + b'"}')
    status, body = curl(url, *server.auth, "--data-binary", f"@{ten_megabytes}")
    assert status == 413
    status, body = curl(server.url + "/api/v1/submissions/batch", *server.auth, "--data-binary", f"@{ten_megabytes}")
    assert status == 413

    batch = tmp_path / "batch.json"
    batch.write_text(json.dumps({"submissions": [json.loads(envelope())] * 10_000}, ensure_ascii=False))
    status, body = curl(server.url + "/api/v1/submissions/batch", *server.auth, "--data-binary", f"@{batch}")
    assert status == 422 and body["error"] == "too_many_items"

    deep = "[" * 30_000 + "]" * 30_000
    status, body = curl(url, *server.auth, body=deep)
    assert status == 400 and "nested" in body["message_en"]

    for bad in ["", "null", "[]", '"text"', "{", '{"form": 1e999}', '{"answers": {"text": "\\ud800"}}']:
        status, _ = curl(url, *server.auth, body=bad)
        assert status in (400, 422), bad

    assert stored(server) == before
    assert server.get_json("/health") == (200, {"status": "ok"})


def test_markup_and_sql_are_stored_verbatim(server):
    text = "<script>alert('xin chào')</script> <b>in đậm</b> '); DROP TABLE submissions; -- \" & ; SELECT * FROM schools"
    status, body = curl(server.url + "/api/v1/submissions", *server.auth, body=envelope(text=text))
    assert status == 201
    rows = stored(server)
    assert rows[-1][1] == text
    assert json.loads(rows[-1][2])["text"] == text
    with sqlite3.connect(server.data_dir / "tiengnoi.sqlite") as db:
        assert db.execute("SELECT count(*) FROM schools").fetchone()[0] == 18

"""Every status code of the submission API, from the real release binary, posted with curl."""
import json
import signal
import sqlite3
import uuid

from conftest import curl, envelope


def test_every_status_code(server):
    url = server.url + "/api/v1/submissions"
    entry_id = str(uuid.uuid4())

    status, body = curl(url, *server.auth, body=envelope(entry_id))
    assert status == 201 and body["id"] == entry_id

    status, body = curl(url, *server.auth, body=envelope(entry_id))
    assert status == 200 and body["status"] == "duplicate"

    status, body = curl(url, *server.auth, body=envelope(entry_id, text="một ý kiến khác"))
    assert status == 409 and body["error"] == "id_conflict"

    status, body = curl(url, *server.auth, body=envelope(kind="complaint", grade=99))
    assert status == 422
    assert {e["field"]: e["code"] for e in body["errors"]} == {"kind": "unknown_choice", "grade": "out_of_range"}
    assert all(e["message_vi"] and e["message_en"] for e in body["errors"])

    status, body = curl(url, *server.auth, body=envelope(school="KHONG-CO"))
    assert status == 422 and body["errors"][0]["code"] == "unknown_school"

    status, body = curl(url, *server.auth, body=json.dumps({"form": "khong-co", "formVersion": 1, "answers": {}}))
    assert status == 422 and body["errors"][0]["field"] == "form"

    status, body = curl(url, *server.auth, body=envelope().replace('"formVersion": 1', '"formVersion": 5'))
    assert status == 422 and body["errors"][0]["field"] == "formVersion"

    status, body = curl(url, *server.auth, body='{"form": "dien-dan-tre-em",\n "answers": {"text": "abc"}')
    assert status == 400 and body["line"] == 2 and "dòng 2" in body["message_vi"]

    status, body = curl(url, *server.auth, body=envelope(text="a" * 70_000))
    assert status == 413 and body["error"] == "body_too_large"

    status, body = curl(url, *server.auth, body="text=xin chào", content_type="text/plain")
    assert status == 415 and body["error"] == "unsupported_media_type"

    status, body = curl(server.url + "/api/v1/submissions/batch", *server.auth,
                        body=json.dumps({"submissions": [json.loads(envelope()), {"form": 1}]}))
    assert status == 200 and [r["status"] for r in body["results"]] == [201, 422]

    with sqlite3.connect(server.data_dir / "tiengnoi.sqlite") as db:
        assert db.execute("SELECT count(*) FROM submissions").fetchone()[0] == 2
        assert db.execute("SELECT count(*) FROM submissions WHERE id = ?", (entry_id,)).fetchone()[0] == 1


def test_reading_routes(server):
    status, forms = server.get_json("/api/v1/forms")
    assert status == 200 and forms["forms"][0]["id"] == "dien-dan-tre-em"
    status, health = server.get_json("/health")
    assert status == 200 and health == {"status": "ok"}
    status, spec = server.get("/openapi.yaml")
    assert status == 200 and spec.startswith(b"openapi: 3.1.0")
    curl(server.url + "/api/v1/submissions", *server.auth, body=envelope())
    status, metrics = server.get("/metrics")
    assert b"tiengnoi_submissions_stored 1" in metrics
    assert b'http_response_status_code="201"' in metrics


def test_sigterm_exits_cleanly(server):
    assert curl(server.url + "/api/v1/submissions", *server.auth, body=envelope())[0] == 201
    assert server.stop(signal.SIGTERM) == 0


def test_sigint_exits_cleanly(server):
    assert server.stop(signal.SIGINT) == 0

"""Safeguarding end to end: a child who writes that they are being hurt reaches a person, not a
tally. The entry is flagged at intake by the detector, the child is shown the 111 hotline first,
only staff with the safeguarding permission read it, and it is in no summary, report or dashboard
(only counted). The release binary on 127.0.0.1."""
import json
import sqlite3
import urllib.parse
import urllib.request

from conftest import curl, envelope, run_cli, staff_token
from test_access import NoRedirect, request

SCHOOL = "TH-AN-BINH"
DISCLOSURE = "Bố cháu say rượu về là đánh cháu bằng roi, người cháu toàn vết bầm, cháu sợ về nhà lắm."
ORDINARY = "Cháu mong trường có thêm sân chơi và cây xanh."


def flags(data_dir):
    with sqlite3.connect(data_dir / "tiengnoi.sqlite") as db:
        return dict(db.execute("SELECT voice, safeguarding FROM submissions").fetchall())


def test_a_disclosure_goes_to_safeguarding_staff_only(server):
    url = server.url + "/api/v1/submissions"
    status, held = curl(url, *server.auth, body=envelope(text=DISCLOSURE))
    assert status == 201 and held.get("hotline") == "111", held
    status, plain = curl(url, *server.auth, body=envelope(text=ORDINARY))
    assert status == 201 and "hotline" not in plain, plain
    # A retry of the held entry is still one entry and still tells the child about 111.
    retry_id = held["id"]
    status, again = curl(url, *server.auth, body=json.dumps({**json.loads(envelope(text=DISCLOSURE)), "id": retry_id},
                                              ensure_ascii=False))
    assert status == 200 and again.get("hotline") == "111"
    assert flags(server.data_dir) == {DISCLOSURE: 1, ORDINARY: 0}

    # In no summary, report or tally — only counted.
    summary = run_cli("aggregate", "--format", "json", "--data", server.data_dir, check=True).stdout
    assert json.loads(summary)["totals"]["safeguardingHeld"] == 1
    assert json.loads(summary)["totals"]["entries"] == 1
    for fmt in ("json", "md", "csv"):
        report = run_cli("aggregate", "--format", fmt, "--data", server.data_dir, check=True).stdout
        assert "roi" not in report and "vết bầm" not in report, fmt

    viewer = staff_token(server.data_dir, "quan-doan", "viewer")
    plain_admin = staff_token(server.data_dir, "admin", "admin")
    officer = staff_token(server.data_dir, "can-bo-bvte", "viewer", "--safeguarding")
    status, _, page = request(server.url + "/dashboard", headers={"Authorization": f"Bearer {viewer}"})
    assert status == 200 and "vết bầm" not in page.decode("utf-8")
    status, _, body = request(server.url + "/api/v1/summary", headers={"Authorization": f"Bearer {viewer}"})
    assert status == 200 and "vết bầm" not in body.decode("utf-8")

    # The queue: 401 without sign-in, 403 for staff without the permission (an admin included).
    assert request(server.url + "/api/v1/safeguarding")[0] == 401
    status, _, body = request(server.url + "/api/v1/safeguarding", headers={"Authorization": f"Bearer {plain_admin}"})
    assert status == 403 and json.loads(body)["message_vi"]
    status, _, body = request(server.url + "/api/v1/safeguarding", headers={"Authorization": f"Bearer {officer}"})
    assert status == 200
    queue = json.loads(body)
    assert [entry["text"] for entry in queue["entries"]] == [DISCLOSURE]
    assert queue["entries"][0]["reasons"] and queue["hotline"] == "111"
    # The kind of harm and what held it, in Vietnamese for the officer, beside the stored codes.
    entry = queue["entries"][0]
    assert entry["category"] == "physical_abuse" and entry["categoryLabel"] == "bạo lực thân thể", entry
    assert entry["reasons"].startswith("kind:physical_abuse") and "bạo lực — chính người viết" in entry["cues"], entry
    with sqlite3.connect(server.data_dir / "tiengnoi.sqlite") as db:
        actions = [row[0] for row in db.execute("SELECT action FROM audit_log WHERE actor = 'can-bo-bvte'")]
    assert actions, "reading the queue is audited"


def test_a_kind_the_model_guessed_is_shown_as_a_guess(server):
    """An entry held with no harm word the rules know gets the kind it most resembles, and the
    officer reads that it is a guess; a kind the rules found is shown plainly (above)."""
    text = "Em chỉ muốn ngủ một giấc thật dài và không bao giờ dậy nữa."
    status, held = curl(server.url + "/api/v1/submissions", *server.auth, body=envelope(text=text))
    assert status == 201 and held.get("hotline") == "111", held
    officer = staff_token(server.data_dir, "can-bo-bvte", "viewer", "--safeguarding")
    status, _, body = request(server.url + "/api/v1/safeguarding", headers={"Authorization": f"Bearer {officer}"})
    assert status == 200
    entry = json.loads(body)["entries"][0]
    assert entry["category"] == "self_harm_suicide", entry
    assert entry["categoryLabel"] == "tự làm hại bản thân, ý nghĩ tự tử — đoán theo lời viết, chưa chắc", entry
    assert entry["reasons"].startswith("kind:self_harm_suicide, kind_guess"), entry


def test_the_child_form_shows_111_first_after_a_disclosure(server):
    link = run_cli("schools", "link", SCHOOL, "--base-url", server.url, "--data", server.data_dir,
                   check=True).stdout.strip()
    status, _, form_page = request(link)
    assert status == 200
    page = form_page.decode("utf-8")
    fields = {"_form": "dien-dan-tre-em", "_version": "1", "kind": "opinion", "grade": "6", "gender": "nam"}
    assert 'name="_id"' in page and "111" in page  # the hotline is on the form itself, too

    def post(text, new_id):
        body = urllib.parse.urlencode({**fields, "_id": new_id, "text": text}).encode()
        return request(link, data=body, headers={"Content-Type": "application/x-www-form-urlencoded"},
                       opener=urllib.request.build_opener(NoRedirect()))

    status, headers, _ = post(DISCLOSURE, "6d1c0000-0000-4000-8000-000000000001")
    assert status == 303, status
    thanks = headers["Location"]
    assert "goi=111" in thanks
    status, _, body = request(server.url + thanks)
    text = body.decode("utf-8")
    assert status == 200 and 'class="hotline-first"' in text and "Em hãy gọi ngay" in text

    status, headers, _ = post(ORDINARY, "6d1c0000-0000-4000-8000-000000000002")
    assert status == 303 and "goi=111" not in headers["Location"]
    status, _, body = request(server.url + headers["Location"])
    assert 'class="hotline-first"' not in body.decode("utf-8")
    assert flags(server.data_dir) == {DISCLOSURE: 1, ORDINARY: 0}

"""A child's disclosure reaches only staff with the safeguarding permission, by every path.

One entry is held with a unique marker in the child's words, answered (draft, then published) by a
safeguarding officer, and then every GET route the server describes in /openapi.yaml, and every staff
page, is requested as each role without the permission: the marker is in none of the answers. The
officer does see it, and that read is audited. The release binary on 127.0.0.1."""
import json
import re
import sqlite3
import urllib.parse

import yaml

from conftest import curl, envelope, run_cli, staff_token
from test_access import request

SCHOOL = "TH-AN-BINH"
MARKER = "DAU-HIEU-9X2K"
DISCLOSURE = f"Bố cháu say rượu về là đánh cháu bằng roi, người cháu toàn vết bầm, cháu sợ về nhà lắm {MARKER}."
ORDINARY = "Cháu mong trường có thêm sân chơi và cây xanh."


def put(url, token, body):
    return curl(url, "-X", "PUT", "-H", f"Authorization: Bearer {token}",
                body=json.dumps(body, ensure_ascii=False))


def every_get_url(server, ids):
    """Each GET path of the server's own OpenAPI description, its parameters filled with every value
    that could matter (the held entry's id, each issue's id, the school), plus the query variants
    that change what a list shows."""
    status, spec = server.get("/openapi.yaml")
    assert status == 200
    paths = yaml.safe_load(spec)["paths"]
    values = {"id": ids, "code": [SCHOOL], "school": [SCHOOL], "name": ["child.css", "child.js", "dashboard.css"]}
    urls = []
    for template, operations in paths.items():
        if "get" not in operations:
            continue
        names = re.findall(r"{(\w+)}", template)
        filled = [template]
        for name in names:
            filled = [path.replace("{" + name + "}", urllib.parse.quote(value, safe=""))
                      for path in filled for value in values.get(name, ["x"])]
        for path in filled:
            urls.append(path)
            if path.startswith("/api/v1/answers/"):
                urls += [path + "?overdue=true", path + f"?school={SCHOOL}", path + "?limit=5000"]
    return urls


def test_a_held_entry_reaches_no_one_without_the_permission(server):
    url = server.url + "/api/v1/submissions"
    status, held = curl(url, *server.auth, body=envelope(text=DISCLOSURE, kind="question"))
    assert status == 201 and held["hotline"] == "111"
    assert curl(url, *server.auth, body=envelope(text=ORDINARY, kind="question"))[0] == 201
    run_cli("aggregate", "--format", "json", "--out", "/dev/null", "--data", server.data_dir, check=True)

    officer = staff_token(server.data_dir, "can-bo-bvte", "admin", "--safeguarding")
    roles = {
        "viewer": staff_token(server.data_dir, "quan-doan", "viewer"),
        "responder": staff_token(server.data_dir, "phong-gd", "responder", "--office", "Phòng GD&ĐT quận"),
        "coordinator": staff_token(server.data_dir, "tpt-an-binh", "coordinator", "--school", SCHOOL),
        "admin": staff_token(server.data_dir, "quan-tri", "admin"),
    }
    answer_url = server.url + f"/api/v1/answers/entries/{held['id']}"
    reply = {"status": "answered", "text": "Cô phụ trách đã gặp em.", "office": "Phòng GD&ĐT quận", "draft": True}
    # Without the permission nobody may answer it — not even an admin.
    for role, token in roles.items():
        status, body = put(answer_url, token, reply)
        assert status == 403, (role, body)
    status, draft = put(answer_url, officer, reply)
    assert status == 200, draft

    with sqlite3.connect(server.data_dir / "tiengnoi.sqlite") as db:
        issues = [row[0] for row in db.execute("SELECT id FROM issues")]
    ids = [held["id"], draft["answer"]["id"], *issues]
    pages = ["/dashboard", f"/schools/{SCHOOL}/answers", "/login", f"/f/{SCHOOL}"]

    def assert_nowhere(stage):
        for role, token in roles.items():
            for path in every_get_url(server, ids) + pages:
                status, _, body = request(server.url + path, headers={"Authorization": f"Bearer {token}"})
                assert MARKER not in body.decode("utf-8", "replace"), f"{stage}: {role} sees it at {path} ({status})"

    assert_nowhere("draft")
    status, published = curl(server.url + f"/api/v1/answers/drafts/{draft['answer']['id']}/publish",
                             "-H", f"Authorization: Bearer {officer}")
    assert status == 200 and published["answer"]["draft"] is False
    assert_nowhere("published")

    # The officer reads it in the queue, and that read is on the record.
    status, _, body = request(server.url + "/api/v1/safeguarding", headers={"Authorization": f"Bearer {officer}"})
    assert status == 200 and MARKER in body.decode("utf-8")
    with sqlite3.connect(server.data_dir / "tiengnoi.sqlite") as db:
        audited = [row[0] for row in db.execute("SELECT action FROM audit_log WHERE actor = 'can-bo-bvte'")]
    assert "safeguarding.read" in audited and "answer.publish" in audited
    for fmt in ("json", "md", "csv"):
        report = run_cli("aggregate", "--format", fmt, "--data", server.data_dir, check=True).stdout
        assert MARKER not in report, fmt

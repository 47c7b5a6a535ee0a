"""Staff accounts from the command line, login with a session cookie, tokens, and 401/403."""
import http.cookiejar
import json
import sqlite3
import urllib.error
import urllib.parse
import urllib.request

from conftest import add_user, run_cli


def request(url, data=None, headers=None, opener=None):
    req = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        response = (opener or urllib.request.build_opener(NoRedirect())).open(req, timeout=10)
        return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_login_sets_a_strict_cookie_and_opens_staff_routes(server, tmp_path):
    password = add_user(server.data_dir, tmp_path, "quan-doan", "admin")
    status, _, body = request(server.url + "/api/v1/me")
    assert status == 401 and json.loads(body)["error"] == "unauthenticated"

    wrong = urllib.parse.urlencode({"username": "quan-doan", "password": "sai"}).encode()
    status, _, body = request(server.url + "/login", data=wrong)
    assert status == 401 and "không đúng" in body.decode()

    form = urllib.parse.urlencode({"username": "quan-doan", "password": password, "next": "/api/v1/me"}).encode()
    status, headers, _ = request(server.url + "/login", data=form)
    assert status == 303 and headers["Location"] == "/api/v1/me"
    cookie = headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/" in cookie
    assert "Secure" not in cookie  # plain HTTP on loopback
    session = cookie.split(";")[0]
    status, _, body = request(server.url + "/api/v1/me", headers={"Cookie": session})
    assert status == 200 and json.loads(body)["role"] == "admin"

    status, headers, _ = request(server.url + "/login", data=form, headers={"X-Forwarded-Proto": "https"})
    assert "Secure" in headers["Set-Cookie"]

    request(server.url + "/logout", data=b"", headers={"Cookie": session})
    assert request(server.url + "/api/v1/me", headers={"Cookie": session})[0] == 401

    with sqlite3.connect(server.data_dir / "tiengnoi.sqlite") as db:
        actions = [row[0] for row in db.execute("SELECT action FROM audit_log ORDER BY id")]
    assert actions.count("login") == 2 and "login.failed" in actions and "user.add" in actions


def test_coordinator_token_sees_only_its_school(server, tmp_path):
    add_user(server.data_dir, tmp_path, "tpt-an-binh", "coordinator", "--school", "TH-AN-BINH")
    token = run_cli("users", "token", "tpt-an-binh", "--label", "máy tính bảng", "--data", server.data_dir,
                    check=True).stdout.strip()
    auth = {"Authorization": f"Bearer {token}"}
    assert request(server.url + "/api/v1/schools/TH-AN-BINH/summary", headers=auth)[0] == 200
    status, _, body = request(server.url + "/api/v1/schools/TH-LE-LOI/summary", headers=auth)
    assert status == 403 and json.loads(body)["message_vi"]
    assert request(server.url + "/api/v1/summary", headers=auth)[0] == 403
    with sqlite3.connect(server.data_dir / "tiengnoi.sqlite") as db:
        stored = db.execute("SELECT token_hash FROM api_tokens").fetchone()[0]
    assert token not in stored and len(stored) == 64

    run_cli("users", "disable", "tpt-an-binh", "--data", server.data_dir, check=True)
    assert request(server.url + "/api/v1/schools/TH-AN-BINH/summary", headers=auth)[0] == 401
    listing = run_cli("users", "list", "--data", server.data_dir, check=True).stdout
    assert "tpt-an-binh" in listing and "$2" not in listing


def test_password_rules(data_dir, tmp_path):
    short = tmp_path / "short"
    short.write_text("ngan\n")
    result = run_cli("users", "add", "x", "--role", "viewer", "--password-file", short, "--data", data_dir)
    assert result.returncode != 0 and "10" in result.stderr
    result = run_cli("users", "add", "y", "--role", "coordinator", "--data", data_dir,
                     env={"TIENGNOI_PASSWORD": "mot-mat-khau-dai", "PATH": "/usr/bin:/bin"})
    assert result.returncode != 0 and "--school" in result.stderr

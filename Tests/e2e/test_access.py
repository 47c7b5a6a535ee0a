"""Staff accounts from the command line, login with a session cookie, tokens, and 401/403."""
import http.cookiejar
import json
import re
import sqlite3
import urllib.error
import urllib.parse
import urllib.request

from conftest import add_user, run_cli, staff_token


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


def login_form(url):
    """GET /login as a browser would: the form's token and the cookie it must come back with."""
    status, headers, body = request(url + "/login")
    assert status == 200
    token = re.search(r'name="csrf" value="([0-9a-f]+)"', body.decode()).group(1)
    cookie = headers["Set-Cookie"].split(";")[0]
    assert cookie == f"tn_login={token}"
    return token, cookie


def sign_in(url, username, password, next=None, headers=None):
    """Posts the sign-in form the way the page does; returns (status, headers, body)."""
    token, cookie = login_form(url)
    fields = {"username": username, "password": password, "csrf": token}
    if next is not None:
        fields["next"] = next
    return request(url + "/login", data=urllib.parse.urlencode(fields).encode(),
                   headers={"Cookie": cookie, **(headers or {})})


def test_login_sets_a_strict_cookie_and_opens_staff_routes(server, tmp_path):
    password = add_user(server.data_dir, tmp_path, "quan-doan", "admin")
    status, _, body = request(server.url + "/api/v1/me")
    assert status == 401 and json.loads(body)["error"] == "unauthenticated"

    status, _, body = sign_in(server.url, "quan-doan", "sai")
    assert status == 401 and "không đúng" in body.decode()
    assert 'value="quan-doan"' in body.decode(), "the name typed is kept on the page"

    status, headers, _ = sign_in(server.url, "quan-doan", password, next="/api/v1/me")
    assert status == 303 and headers["Location"] == "/api/v1/me"
    cookie = headers.get_all("Set-Cookie")[0]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/" in cookie
    assert "Secure" not in cookie  # plain HTTP on loopback
    session = cookie.split(";")[0]
    status, _, body = request(server.url + "/api/v1/me", headers={"Cookie": session})
    assert status == 200 and json.loads(body)["role"] == "admin"

    status, headers, _ = sign_in(server.url, "quan-doan", password, headers={"X-Forwarded-Proto": "https"})
    assert "Secure" in headers.get_all("Set-Cookie")[0]

    # Signing out needs the session's CSRF token (another site cannot sign staff out).
    assert request(server.url + "/logout", data=b"", headers={"Cookie": session})[0] == 403
    assert request(server.url + "/api/v1/me", headers={"Cookie": session})[0] == 200
    status, _, page = request(server.url + "/dashboard", headers={"Cookie": session})
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', page.decode()).group(1)
    status, _, _ = request(server.url + "/logout", data=f"csrf={csrf}".encode(),
                           headers={"Cookie": session, "Content-Type": "application/x-www-form-urlencoded"})
    assert status == 303
    assert request(server.url + "/api/v1/me", headers={"Cookie": session})[0] == 401

    with sqlite3.connect(server.data_dir / "tiengnoi.sqlite") as db:
        actions = [row[0] for row in db.execute("SELECT action FROM audit_log ORDER BY id")]
    assert actions.count("login") == 2 and "login.failed" in actions and "user.add" in actions and "logout" in actions


def test_sign_in_refuses_forged_posts_and_backs_off_per_account(server, tmp_path):
    password = add_user(server.data_dir, tmp_path, "phong-gd", "responder", "--office", "Phòng GD&ĐT quận")
    fields = urllib.parse.urlencode({"username": "phong-gd", "password": password}).encode()
    # A form posted from another site has neither the page's token nor its cookie.
    assert request(server.url + "/login", data=fields)[0] == 403
    token, cookie = login_form(server.url)
    forged = urllib.parse.urlencode({"username": "phong-gd", "password": password, "csrf": token}).encode()
    assert request(server.url + "/login", data=forged,
                   headers={"Cookie": cookie, "Origin": "https://evil.example"})[0] == 403
    # Five wrong passwords: the account waits, even for the right one, and says so.
    for _ in range(5):
        assert sign_in(server.url, "phong-gd", "khong-dung-mat-khau")[0] == 401
    status, headers, body = sign_in(server.url, "phong-gd", password)
    assert status == 429 and int(headers["Retry-After"]) >= 1 and "thử lại sau" in body.decode()


def test_no_redirect_away_after_sign_in(server, tmp_path):
    password = add_user(server.data_dir, tmp_path, "quan", "viewer")
    for payload in ["https://evil.com", "//evil.com", "/\\evil.com", "/%5Cevil.com", "/%09/evil.com", "/\t/evil.com",
                    "/%2F%2Fevil.com", "\\\\evil.com"]:
        status, headers, _ = sign_in(server.url, "quan", password, next=payload)
        assert status == 303 and headers["Location"] == "/dashboard", payload
        status, _, page = request(server.url + "/login?next=" + urllib.parse.quote(payload, safe=""))
        assert "evil.com" not in page.decode(), payload
    status, headers, _ = sign_in(server.url, "quan", password, next="/schools/TH-AN-BINH/answers")
    assert headers["Location"] == "/schools/TH-AN-BINH/answers"


def test_every_page_carries_the_security_headers(server, tmp_path):
    token = staff_token(server.data_dir, "quan-doan", "admin")
    link = run_cli("schools", "link", "TH-AN-BINH", "--base-url", server.url, "--data", server.data_dir,
                   check=True).stdout.strip()
    auth = {"Authorization": f"Bearer {token}"}
    for url, headers in [(server.url + "/login", {}), (link, {}), (server.url + "/dashboard", auth),
                         (server.url + "/schools/TH-AN-BINH/answers", auth)]:
        status, got, _ = request(url, headers=headers)
        assert status == 200, url
        assert "frame-ancestors 'none'" in got["Content-Security-Policy"], url
        assert got["X-Content-Type-Options"] == "nosniff" and got["Referrer-Policy"], url
    for path in ["/health", "/api/v1/forms", "/api/v1/me", "/no-such-page"]:
        assert request(server.url + path)[1]["X-Content-Type-Options"] == "nosniff", path


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
    short.chmod(0o600)
    result = run_cli("users", "add", "x", "--role", "viewer", "--password-file", short, "--data", data_dir)
    assert result.returncode != 0 and "10" in result.stderr
    result = run_cli("users", "add", "y", "--role", "coordinator", "--data", data_dir,
                     env={"TIENGNOI_PASSWORD": "mot-mat-khau-dai", "PATH": "/usr/bin:/bin"})
    assert result.returncode != 0 and "--school" in result.stderr
    # A role is one of four names; anything else is refused with the list (ExpressibleByArgument).
    result = run_cli("users", "add", "z", "--role", "boss", "--data", data_dir,
                     env={"TIENGNOI_PASSWORD": "mot-mat-khau-dai", "PATH": "/usr/bin:/bin"})
    assert result.returncode != 0 and "'coordinator'" in result.stderr and "'viewer'" in result.stderr

"""Summaries pushed from a school instance to a district instance: real processes from the release
binary on 127.0.0.1, faults injected by a proxy in front of the real district. Every test is bounded
in time (push --max-wait, subprocess timeouts) and counts the requests it caused."""
import hashlib
import hmac
import json
import re
import signal
import subprocess
import time

import pytest

from conftest import BIN, DEMO_SCHOOLS, curl, envelope, run_cli
from forwarding import (district, district_dir, port_of, secret_file,  # noqa: F401 (fixtures)
                        DISTRICT, INTAKE, LOOPBACK_ENV, SCHOOL, FaultProxy, Instance, StubReceiver, doc_block,
                        free_port, make_secret, outbox_rows, prepared_data, push, wait_until)

UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"


@pytest.fixture
def school(tmp_path):
    """The school instance, running, with three entries: one named child, one group of 6, one other school."""
    instance = Instance(prepared_data(tmp_path / "school")).start()
    url = instance.url + "/api/v1/submissions"
    assert curl(url, *instance.auth, body=envelope(text="Cháu mong có lớp dạy bơi", name="Nguyễn Văn A", theme="injury_accident"))[0] == 201
    assert curl(url, *instance.auth, body=envelope(text="Cổng trường đông xe quá", participants=6, kind="opinion"))[0] == 201
    assert curl(url, *instance.auth, body=envelope(text="Thư viện cần thêm sách", school="TH-BINH-MINH", gender="nam"))[0] == 201
    yield instance
    instance.ensure_stopped()


def delivered_id(result):
    assert result.returncode == 0, result.stdout + result.stderr
    match = re.search(rf"delivered summary ({UUID})", result.stdout)
    assert match, result.stdout
    return match.group(1)


def assert_school_totals(payload):
    assert payload["unit"] == SCHOOL and payload["schema"] == "tiengnoi.summary/1"
    assert payload["totals"]["entries"] == 3
    assert payload["totals"]["consultations"] == 8
    assert payload["tallies"]["school"] == {"TH-AN-BINH": {"entries": 2, "consultations": 7},
                                            "TH-BINH-MINH": {"entries": 1, "consultations": 1}}


def test_push_reaches_the_district_once_and_its_latest_summary_is_kept(school, district, secret_file):
    started = time.time()
    first = delivered_id(push(school.data_dir, district.url + INTAKE, secret_file))
    received = district.received()
    assert [(sender, key) for sender, key, _ in received] == [(SCHOOL, first)]
    assert_school_totals(received[0][2])
    assert outbox_rows(school.data_dir) == [(first, "delivered", 1, 201, None)]

    # More entries, a second push: a second row; the view keeps only the newest per sender.
    assert curl(school.url + "/api/v1/submissions", *school.auth, body=envelope(text="Cần gờ giảm tốc"))[0] == 201
    second = delivered_id(push(school.data_dir, district.url + INTAKE, secret_file))
    assert second != first
    with district.db() as db:
        latest = db.execute("SELECT idempotency_key, json_extract(payload, '$.totals.entries') "
                            "FROM latest_received_summaries WHERE sender = ?", (SCHOOL,)).fetchall()
    assert latest == [(second, 4)]
    assert len(district.received()) == 2
    listing = run_cli("outbox", "--data", school.data_dir)
    assert listing.returncode == 0 and listing.stdout.count("\tdelivered\t1\tHTTP 201\t") == 2
    assert time.time() - started < 20


def test_a_district_summary_adds_its_schools_and_goes_one_level_up(tmp_path, school, district, secret_file):
    """school → district → province with the same binary: the district's push carries its own
    entries plus the school's latest summary, under the district's code."""
    delivered_id(push(school.data_dir, district.url + INTAKE, secret_file))
    assert curl(district.url + "/api/v1/submissions", *district.auth, body=envelope(text="Ý kiến gửi thẳng lên quận",
                                                                   school="TH-CAU-TRE"))[0] == 201
    district_secret = make_secret(tmp_path / "district.secret")
    province = Instance(prepared_data(tmp_path / "province", senders=[(DISTRICT, district_secret, "--units-file", DEMO_SCHOOLS)])).start()
    try:
        delivered_id(push(district.data_dir, province.url + INTAKE, district_secret, sender=DISTRICT))
        [(sender, _, payload)] = province.received()
        assert sender == DISTRICT and payload["unit"] == DISTRICT
        assert payload["totals"]["entries"] == 4 and payload["totals"]["consultations"] == 9
        assert payload["tallies"]["school"]["TH-CAU-TRE"] == {"entries": 1, "consultations": 1}
        assert payload["tallies"]["school"]["TH-AN-BINH"] == {"entries": 2, "consultations": 7}
        assert [unit["unit"] for unit in payload["includes"]] == [SCHOOL]
    finally:
        province.ensure_stopped()


def test_district_down_when_the_push_starts(school, district_dir, secret_file):
    port = free_port()
    started = time.time()
    pusher = subprocess.Popen(
        [*push_command(school.data_dir, f"http://127.0.0.1:{port}{INTAKE}", secret_file)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=LOOPBACK_ENV)
    try:
        time.sleep(2.5)
        assert pusher.poll() is None, "push gave up while the district was down"
        district = Instance(district_dir, port=port).start()
        try:
            out, err = pusher.communicate(timeout=40)
            assert pusher.returncode == 0, out + err
            [(row_id, status, tries, last_status, _)] = outbox_rows(school.data_dir)
            assert status == "delivered" and last_status == 201
            assert 2 <= tries <= 8  # at least one refused connection, then backoff, not a hammering loop
            received = district.received()
            assert [key for _, key, _ in received] == [row_id]
            assert_school_totals(received[0][2])
            assert time.time() - started < 30
        finally:
            district.ensure_stopped()
    finally:
        if pusher.poll() is None:
            pusher.kill()


def push_command(data_dir, upstream, secret_file):
    return [BIN, "push", "--wait", "--upstream", upstream, "--sender", SCHOOL, "--secret-file", str(secret_file),
            "--data", str(data_dir), "--max-wait", "40"]


def test_district_answering_500_then_200(school, district, secret_file):
    proxy = FaultProxy(port_of(district), ["500", "500"], retry_after=1)
    try:
        started = time.time()
        row_id = delivered_id(push(school.data_dir, proxy.url, secret_file))
        assert [action for action, _, _ in proxy.requests] == ["500", "500", "forward"]
        # Every attempt: the same key and the same frozen bytes, each signed afresh.
        keys = {re.search(rb"(?im)^idempotency-key:\s*(\S+)", head).group(1).decode() for _, head, _ in proxy.requests}
        assert keys == {row_id}
        assert len({body for _, _, body in proxy.requests}) == 1
        assert [key for _, key, _ in district.received()] == [row_id]
        assert outbox_rows(school.data_dir)[0][1:4] == ("delivered", 3, 201)
        assert time.time() - started < 15
    finally:
        proxy.close()


def test_district_hanging_past_the_timeout(school, district, secret_file):
    proxy = FaultProxy(port_of(district), ["hang"], hang_seconds=8)
    try:
        started = time.time()
        row_id = delivered_id(push(school.data_dir, proxy.url, secret_file, "--request-timeout", "1"))
        elapsed = time.time() - started
        assert [action for action, _, _ in proxy.requests] == ["hang", "forward"]
        assert [key for _, key, _ in district.received()] == [row_id]
        assert elapsed < 6, f"the 1 s timeout did not cut the hanging request short ({elapsed:.1f} s)"
    finally:
        proxy.close()


def test_connection_dropped_mid_response(school, district, secret_file):
    """The district stores the summary but its answer is cut: the retry gets 200 'duplicate', and the
    district still holds the summary exactly once."""
    proxy = FaultProxy(port_of(district), ["drop"])
    try:
        row_id = delivered_id(push(school.data_dir, proxy.url, secret_file))
        assert [action for action, _, _ in proxy.requests] == ["drop", "forward"]
        assert [key for _, key, _ in district.received()] == [row_id]
        assert outbox_rows(school.data_dir)[0][1:4] == ("delivered", 2, 200)
    finally:
        proxy.close()


def signed_post(url, body: bytes, secret: str, sender=SCHOOL, timestamp=None, key="k-1"):
    """Signs as docs/upstream.md says, with nothing but hmac and hashlib, and posts with curl."""
    timestamp = str(int(time.time()) if timestamp is None else timestamp)
    message = f"tiengnoi-v2\n{sender}\n{key}\n{timestamp}\n".encode() + body
    signature = "v2=" + hmac.new(secret.strip().encode(), message, hashlib.sha256).hexdigest()
    return curl(url, "-H", f"Idempotency-Key: {key}", "-H", f"X-TiengNoi-Sender: {sender}",
                "-H", f"X-TiengNoi-Timestamp: {timestamp}", "-H", f"X-TiengNoi-Signature: {signature}", body=body)


def a_summary(unit=SCHOOL, **fields):
    return json.dumps({"schema": "tiengnoi.summary/1", "unit": unit, "generatedAt": "2025-06-15T08:00:00Z",
                       "forms": [], "totals": {"entries": 2, "consultations": 2, "activeSchools": 1,
                                               "registeredSchools": 1, "safeguardingHeld": 0},
                       "tallies": {}, "issues": [], "includes": [], **fields}, ensure_ascii=False).encode()


def test_forged_stale_and_unknown_requests_are_refused_and_nothing_is_stored(district, secret_file, tmp_path):
    url = district.url + INTAKE
    secret = secret_file.read_text()
    body = a_summary()
    cases = [
        (signed_post(url, body, "somebody-elses-secret-value"), 401, "bad_signature"),
        (signed_post(url, body, secret, timestamp=int(time.time()) - 600), 401, "stale_timestamp"),
        (signed_post(url, a_summary("TH-LA"), secret, sender="TH-LA"), 401, "unknown_sender"),
        (signed_post(url, a_summary("TH-BINH-MINH"), secret), 422, "unit_mismatch"),
        (signed_post(url, b'{"schema": "tiengnoi.summary/1", "unit": "TH-AN-BINH"}', secret), 422, "invalid_summary"),
    ]
    for (status, answer), expected_status, code in cases:
        assert status == expected_status and answer["error"] == code, answer
        assert answer["message_vi"] and answer["message_en"]
    # A signed body altered on the way fails too.
    status, answer = curl(url, "-H", "Idempotency-Key: k-2", "-H", f"X-TiengNoi-Sender: {SCHOOL}",
                          "-H", f"X-TiengNoi-Timestamp: {int(time.time())}", "-H", "X-TiengNoi-Signature: v2=" + "0" * 64,
                          body=body)
    assert status == 401 and answer["error"] == "bad_signature"
    # A version 1 signature (timestamp and body only) is refused with a message saying to upgrade.
    timestamp = str(int(time.time()))
    old = "sha256=" + hmac.new(secret.strip().encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    status, answer = curl(url, "-H", "Idempotency-Key: k-3", "-H", f"X-TiengNoi-Sender: {SCHOOL}",
                          "-H", f"X-TiengNoi-Timestamp: {timestamp}", "-H", f"X-TiengNoi-Signature: {old}", body=body)
    assert status == 401 and answer["error"] == "signature_version"
    assert district.received() == []

    # The same, properly signed, is stored once; a replay is answered 200 and not stored again.
    assert signed_post(url, body, secret)[0] == 201
    assert signed_post(url, body, secret)[0] == 200
    assert len(district.received()) == 1


def replay(url, captured_headers, body, new_key):
    """Sends a captured push again under a new Idempotency-Key, every other header as captured."""
    args = []
    for name, value in captured_headers.items():
        if name.lower().startswith("x-tiengnoi-"):
            args += ["-H", f"{name}: {value}"]
    return curl(url, "-H", f"Idempotency-Key: {new_key}", *args, body=body)


def test_a_captured_push_replayed_under_a_new_key_is_refused(district, secret_file):
    url = district.url + INTAKE
    body = a_summary()
    timestamp = str(int(time.time()))
    message = f"tiengnoi-v2\n{SCHOOL}\nk-original\n{timestamp}\n".encode() + body
    headers = {"X-TiengNoi-Sender": SCHOOL, "X-TiengNoi-Timestamp": timestamp,
               "X-TiengNoi-Signature": "v2=" + hmac.new(secret_file.read_text().strip().encode(), message,
                                                          hashlib.sha256).hexdigest()}
    assert replay(url, headers, body, "k-original")[0] == 201
    status, answer = replay(url, headers, body, "k-replayed")
    assert status == 401 and answer["error"] == "bad_signature"
    assert len(district.received()) == 1


def test_a_school_cannot_speak_for_another_school(district, secret_file):
    """99,999 entries and words in another school's name: refused whole, nothing stored, so nothing
    reaches that school's answer sheet or the district's summary upward."""
    url = district.url + INTAKE
    secret = secret_file.read_text()
    other = "TH-LE-LOI"  # not registered below the school (TH-BINH-MINH is)
    forged = [
        a_summary(tallies={"school": {other: {"entries": 99_999, "consultations": 99_999}}}),
        a_summary(issues=[{"id": "f0rged-1", "theme": "other", "representative": "Lời giả của trường khác",
                           "entries": 1, "participants": 1, "schools": [other], "origin": SCHOOL}]),
        a_summary(issues=[{"id": "f0rged-2", "theme": "other", "representative": "x", "entries": 1,
                           "participants": 1, "schools": [SCHOOL], "origin": other}]),
        a_summary(includes=[{"unit": other, "generatedAt": "2025-06-15T08:00:00Z", "receivedAt": "2025-06-15T08:00:00Z"}]),
    ]
    for index, body in enumerate(forged):
        status, answer = signed_post(url, body, secret, key=f"forged-{index}")
        assert status == 422 and answer["error"] == "foreign_units", answer
        assert any(other in problem for problem in answer["problems"]), answer
    assert district.received() == []
    report = run_cli("aggregate", "--format", "json", "--data", district.data_dir, check=True).stdout
    assert "99999" not in report and "Lời giả" not in report


def test_a_receiver_written_from_the_doc_verifies_what_push_sends(school, secret_file):
    """A Python receiver using only the verify() snippet of docs/upstream.md (hmac, hashlib)."""
    namespace = {}
    exec(doc_block("verify-example"), namespace)
    secret = secret_file.read_text()
    stub = StubReceiver(status=200, check=lambda headers, raw: namespace["verify"](secret, headers, raw))
    try:
        row_id = delivered_id(push(school.data_dir, stub.url, secret_file))
        [(headers, raw, verified)] = stub.requests
        assert verified is True
        assert headers["Content-Type"] == "application/json"
        assert headers["Idempotency-Key"] == row_id and headers["X-TiengNoi-Sender"] == SCHOOL
        # And with a wrong secret the same snippet says no.
        assert namespace["verify"]("not-the-secret-at-all", headers, raw) is False
        assert namespace["verify"](secret, headers, raw + b" ") is False

        # No `name` ever travels upstream: not as a key, not as a value.
        assert "Nguyễn Văn A".encode() not in raw
        assert b"Nguy" not in raw and b"\\u" not in raw  # not even escaped

        def keys(value):
            if isinstance(value, dict):
                for key, inner in value.items():
                    yield key
                    yield from keys(inner)
            elif isinstance(value, list):
                for inner in value:
                    yield from keys(inner)
        payload = json.loads(raw)
        assert "name" not in set(keys(payload))
        assert_school_totals(payload)
    finally:
        stub.close()


def test_the_doc_curl_and_openssl_example_is_accepted(district, secret_file, tmp_path):
    body = tmp_path / "summary.json"
    body.write_bytes(a_summary())
    env = {**LOOPBACK_ENV, "URL": district.url + INTAKE, "SENDER": SCHOOL, "SECRET_FILE": str(secret_file),
           "BODY": str(body), "KEY": "doc-example-1"}
    result = subprocess.run(["sh", "-c", doc_block("sign-example")], capture_output=True, text=True, env=env, timeout=30)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["status"] == "stored"
    assert [key for _, key, _ in district.received()] == ["doc-example-1"]


def test_a_refused_summary_fails_at_once_and_is_delivered_after_retry_by_a_restarted_server(
        tmp_path, school, district, secret_file):
    refusing = StubReceiver(status=422, body=b'{"error":"unit_mismatch","message_en":"not yours"}')
    try:
        started = time.time()
        result = push(school.data_dir, refusing.url, secret_file)
        assert result.returncode == 1 and "not yours" in result.stderr
        assert len(refusing.requests) == 1 and time.time() - started < 10
    finally:
        refusing.close()
    [(row_id, status, tries, last_status, _)] = outbox_rows(school.data_dir)
    assert (status, tries, last_status) == ("failed", 1, 422)
    listing = run_cli("outbox", "--data", school.data_dir)
    assert f"{row_id}\tfailed\t1\tHTTP 422" in listing.stdout

    retried = run_cli("outbox", "retry", "--all", "--data", school.data_dir)
    assert retried.returncode == 0 and retried.stdout.split() == [row_id]
    # The school server restarts with --upstream and delivers the re-queued row from its database.
    school.stop()
    restarted = Instance(school.data_dir, extra=["--upstream", district.url + INTAKE, "--sender", SCHOOL,
                                                 "--secret-file", secret_file, "--push-interval", "3600"]).start()
    try:
        wait_until(lambda: district.received(), timeout=15)
        time.sleep(1.5)  # time for a mistaken second push to show; the data did not change, so none is due
        assert [key for _, key, _ in district.received()] == [row_id]
        assert outbox_rows(school.data_dir)[0][1:4] == ("delivered", 1, 201)
        assert restarted.stop() == 0
    finally:
        restarted.ensure_stopped()


def test_serve_pushes_on_its_interval_only_when_data_changed(tmp_path, district, secret_file):
    school = Instance(prepared_data(tmp_path / "school2"),
                      extra=["--upstream", district.url + INTAKE, "--sender", SCHOOL, "--secret-file", secret_file,
                             "--push-interval", "1"]).start()
    try:
        # Nothing to report yet: nothing pushed.
        time.sleep(1.5)
        assert district.received() == []
        assert curl(school.url + "/api/v1/submissions", *school.auth, body=envelope(name="Nguyễn Văn A"))[0] == 201
        wait_until(lambda: len(district.received()) == 1, timeout=10)
        time.sleep(2.5)  # two more intervals, no new data
        assert len(district.received()) == 1
        assert curl(school.url + "/api/v1/submissions", *school.auth, body=envelope(text="Thêm một ý kiến"))[0] == 201
        wait_until(lambda: len(district.received()) == 2, timeout=10)
        assert [payload["totals"]["entries"] for _, _, payload in district.received()] == [1, 2]
        _, metrics = school.get("/metrics")
        assert b'tiengnoi_outbox_rows{status="delivered"} 2' in metrics
        assert b'tiengnoi_outbox_rows{status="failed"} 0' in metrics
        stopped_at = time.time()
        assert school.stop(signal.SIGTERM) == 0 and time.time() - stopped_at < 5
        log = school.log.read_text(encoding="utf-8")
        assert secret_file.read_text().strip() not in log
        assert "Nguyễn" not in log
    finally:
        school.ensure_stopped()


def test_secret_is_never_taken_from_the_command_line(school):
    result = run_cli("push", "--help")
    assert "--secret-file" in result.stdout and "--secret " not in result.stdout
    result = run_cli("push", "--wait", "--upstream", "http://127.0.0.1:9" + INTAKE, "--sender", SCHOOL,
                     "--data", school.data_dir, env={k: v for k, v in LOOPBACK_ENV.items()
                                                     if k != "TIENGNOI_UPSTREAM_SECRET"})
    assert result.returncode == 1 and "TIENGNOI_UPSTREAM_SECRET" in result.stderr
    assert outbox_rows(school.data_dir) == []


def test_senders_list_shows_a_fingerprint_not_the_secret(district_dir, secret_file):
    result = run_cli("senders", "list", "--data", district_dir)
    secret = secret_file.read_text().strip()
    assert result.returncode == 0 and result.stdout.startswith(SCHOOL + "\t")
    assert secret not in result.stdout
    assert result.stdout.split("\t")[2].strip() == hashlib.sha256(secret.encode()).hexdigest()[:8]
    assert result.stdout.split("\t")[3].strip() == "TH-BINH-MINH", "the units registered below it"

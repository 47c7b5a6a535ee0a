"""Answers flowing down: a district instance answers an issue a school instance reported, and the
school pulls it — through the faults of the forwarding tests (district down, 500 then 200, a hang
past the timeout, a response dropped mid-way). Every answer must appear exactly once on the
school's answer sheet. Real processes from the release binary on 127.0.0.1; every test is bounded
in time (pull --max-wait, subprocess timeouts) and counts the requests it caused."""
import json
import sqlite3
import subprocess
import time
import urllib.request

import pytest

from conftest import BIN, curl, envelope, run_cli, staff_token
from forwarding import (district, district_dir, port_of, secret_file,  # noqa: F401 (fixtures)
                        INTAKE, LOOPBACK_ENV, SCHOOL, FaultProxy, Instance, free_port, make_secret, prepared_data,
                        push, wait_until)

SWIM = "Cháu mong có lớp dạy bơi miễn phí vào mùa hè cho học sinh"
ANSWER = "Hè này phường mở lớp dạy bơi miễn phí ở nhà văn hoá cho các em."
OFFICE = "Phòng GD&ĐT quận"


@pytest.fixture
def school(tmp_path):
    """The school instance with two copies of one request (a question and a recommendation) and an opinion."""
    instance = Instance(prepared_data(tmp_path / "school")).start()
    url = instance.url + "/api/v1/submissions"
    assert curl(url, *instance.auth, body=envelope(text=SWIM, kind="question", theme="injury_accident"))[0] == 201
    assert curl(url, *instance.auth, body=envelope(text=SWIM, theme="injury_accident"))[0] == 201
    assert curl(url, *instance.auth, body=envelope(text="Cổng trường đông xe quá", kind="opinion"))[0] == 201
    yield instance
    instance.ensure_stopped()


def reported_swim_issue(school, district_url, secret_file):
    """Pushes the school's summary to the district; returns the id of the swimming issue in it."""
    result = push(school.data_dir, district_url + INTAKE, secret_file)
    assert result.returncode == 0, result.stdout + result.stderr
    return swim_issue_at(school.data_dir)


def swim_issue_at(data_dir):
    with sqlite3.connect(data_dir / "tiengnoi.sqlite") as db:
        [(issue,)] = db.execute("SELECT DISTINCT a.issue_id FROM analyses a JOIN submissions s ON s.seq = a.seq "
                                "WHERE s.voice = ?", (SWIM,)).fetchall()
    return issue


def answer_at(data_dir, issue, *extra, status="implemented", text=ANSWER):
    """`tiengnoi answers set` at an instance, as district staff run it."""
    result = run_cli("answers", "set", issue, "--status", status, "--text", text, "--office", OFFICE,
                     "--data", data_dir, *extra)
    assert result.returncode == 0, result.stderr
    return result


def pull(data_dir, upstream, secret_file, *extra, timeout=90):
    return subprocess.run(
        [BIN, "answers", "pull", "--upstream", upstream, "--sender", SCHOOL, "--secret-file", str(secret_file),
         "--data", str(data_dir), "--max-wait", "40", *map(str, extra)],
        capture_output=True, text=True, timeout=timeout, env=LOOPBACK_ENV)


def pulled_ok(result, new):
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"received {new} new answers" in result.stdout, result.stdout


def answer_rows(data_dir):
    with sqlite3.connect(data_dir / "tiengnoi.sqlite") as db:
        return db.execute("SELECT id, target_id, status, text, source FROM answers ORDER BY published_seq").fetchall()


def sheet(school):
    """The school's printable answer sheet, opened by its staff (it shows children's words)."""
    if not hasattr(school, "token"):
        school.token = staff_token(school.data_dir)
    request = urllib.request.Request(school.url + f"/schools/{SCHOOL}/answers",
                                     headers={"Authorization": f"Bearer {school.token}"})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200
        return response.read().decode("utf-8")


def assert_once_on_the_sheet(school, issue, text=ANSWER):
    rows = answer_rows(school.data_dir)
    assert [(target, source) for _, target, _, _, source in rows] == [(issue, "upstream")]
    page = sheet(school)
    assert page.count(text) == 1, page
    assert page.count(SWIM) == 2  # the question and the recommendation, each once, under their issue
    assert "Cổng trường đông xe quá" not in page  # an opinion is not on the sheet
    assert "Phòng GD&amp;ĐT quận" in page and "Đã được đáp ứng, thực hiện" in page


def test_an_answer_set_at_the_district_appears_once_on_the_school_sheet(school, district, secret_file):
    issue = reported_swim_issue(school, district.url, secret_file)
    auth = ("-H", f"Authorization: Bearer {staff_token(district.data_dir)}")
    # District staff write a draft through the JSON API: nothing goes down until it is published.
    status, draft = curl(district.url + f"/api/v1/answers/issues/{issue}", "-X", "PUT", *auth,
                         body=json.dumps({"status": "implemented", "text": ANSWER, "office": OFFICE, "draft": True},
                                         ensure_ascii=False))
    assert status == 200 and draft["answer"]["draft"] is True, draft
    pulled_ok(pull(school.data_dir, district.url + INTAKE, secret_file), 0)
    assert answer_rows(school.data_dir) == []
    assert ANSWER not in sheet(school) and "Đang chờ trả lời" in sheet(school)

    status, published = curl(district.url + f"/api/v1/answers/drafts/{draft['answer']['id']}/publish", *auth)
    assert status == 200 and published["answer"]["publishedAt"], published
    pulled_ok(pull(school.data_dir, district.url + INTAKE, secret_file), 1)
    assert_once_on_the_sheet(school, issue)
    # Pulling again brings nothing new.
    pulled_ok(pull(school.data_dir, district.url + INTAKE, secret_file), 0)
    assert_once_on_the_sheet(school, issue)

    # The answered share at the school, in its aggregate and target …
    summary = json.loads(run_cli("aggregate", "--unit", SCHOOL, "--data", school.data_dir, check=True).stdout)
    assert summary["answers"]["asked"] == 2 and summary["answers"]["answered"] == 2
    assert summary["answers"]["byStatus"] == {"implemented": 2}
    [target] = [t for t in summary["targets"] if t["metric"] == "answered_share"]
    assert target["current"] == 100 and target["onTrack"] is True
    # … and at the district, once the school pushes again.
    assert push(school.data_dir, district.url + INTAKE, secret_file).returncode == 0
    rolled = json.loads(run_cli("aggregate", "--unit", "Q-HOA-SEN", "--data", district.data_dir, check=True).stdout)
    assert rolled["answers"]["answered"] == 2 and rolled["answers"]["school"][SCHOOL] == {"asked": 2, "answered": 2}
    share = run_cli("answers", "share", "--data", district.data_dir, check=True).stdout
    assert "2/2" in share


def test_district_down_when_the_pull_starts(school, district_dir, secret_file):
    port = free_port()
    district = Instance(district_dir, port=port).start()
    try:
        issue = reported_swim_issue(school, district.url, secret_file)
        answer_at(district_dir, issue)
    finally:
        district.stop()
    started = time.time()
    puller = subprocess.Popen(
        [BIN, "answers", "pull", "--upstream", f"http://127.0.0.1:{port}{INTAKE}", "--sender", SCHOOL,
         "--secret-file", str(secret_file), "--data", str(school.data_dir), "--max-wait", "40"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=LOOPBACK_ENV)
    try:
        time.sleep(2.5)
        assert puller.poll() is None, "the pull gave up while the district was down"
        assert answer_rows(school.data_dir) == []
        district = Instance(district_dir, port=port).start()
        try:
            out, err = puller.communicate(timeout=40)
            pulled_ok(subprocess.CompletedProcess([], puller.returncode, out, err), 1)
            assert_once_on_the_sheet(school, issue)
            assert time.time() - started < 30
        finally:
            district.ensure_stopped()
    finally:
        if puller.poll() is None:
            puller.kill()


def test_district_answering_500_then_200(school, district, secret_file):
    issue = reported_swim_issue(school, district.url, secret_file)
    answer_at(district.data_dir, issue)
    proxy = FaultProxy(port_of(district), ["500", "500"], retry_after=1)
    try:
        started = time.time()
        pulled_ok(pull(school.data_dir, proxy.url, secret_file), 1)
        assert [action for action, _, _ in proxy.requests] == ["500", "500", "forward"]
        assert all(head.startswith(b"GET /api/v1/answers?since=0&limit=100 ") for _, head, _ in proxy.requests)
        assert_once_on_the_sheet(school, issue)
        assert time.time() - started < 15
    finally:
        proxy.close()


def test_district_hanging_past_the_timeout(school, district, secret_file):
    issue = reported_swim_issue(school, district.url, secret_file)
    answer_at(district.data_dir, issue)
    proxy = FaultProxy(port_of(district), ["hang"], hang_seconds=8)
    try:
        started = time.time()
        pulled_ok(pull(school.data_dir, proxy.url, secret_file, "--request-timeout", "1"), 1)
        elapsed = time.time() - started
        assert [action for action, _, _ in proxy.requests] == ["hang", "forward"]
        assert_once_on_the_sheet(school, issue)
        assert elapsed < 6, f"the 1 s timeout did not cut the hanging request short ({elapsed:.1f} s)"
    finally:
        proxy.close()


def test_connection_dropped_mid_response_then_a_lost_cursor(school, district, secret_file):
    """The district sends the page but the answer is cut: the school stores nothing, retries, and
    stores the answer once. Even with its cursor lost, pulling everything again adds nothing."""
    issue = reported_swim_issue(school, district.url, secret_file)
    answer_at(district.data_dir, issue)
    proxy = FaultProxy(port_of(district), ["drop"])
    try:
        pulled_ok(pull(school.data_dir, proxy.url, secret_file), 1)
        assert [action for action, _, _ in proxy.requests] == ["drop", "forward"]
        assert_once_on_the_sheet(school, issue)
        with sqlite3.connect(school.data_dir / "tiengnoi.sqlite") as db:
            db.execute("UPDATE answer_pulls SET cursor = 0")
        pulled_ok(pull(school.data_dir, proxy.url, secret_file), 0)
        assert len(proxy.requests) == 3
        assert_once_on_the_sheet(school, issue)
    finally:
        proxy.close()


def test_a_follow_up_replaces_the_answer_on_the_sheet(school, district, secret_file):
    issue = reported_swim_issue(school, district.url, secret_file)
    answer_at(district.data_dir, issue, status="under_consideration", text="Quận đang tìm bể bơi cho các em.")
    pulled_ok(pull(school.data_dir, district.url + INTAKE, secret_file), 1)
    assert "Đang được xem xét, thực hiện" in sheet(school)
    answer_at(district.data_dir, issue)
    pulled_ok(pull(school.data_dir, district.url + INTAKE, secret_file), 1)
    page = sheet(school)
    assert page.count(ANSWER) == 1 and "Quận đang tìm bể bơi" not in page
    assert [status for _, _, status, _, _ in answer_rows(school.data_dir)] == ["under_consideration", "implemented"]


def test_serve_pulls_answers_and_pushes_the_answered_share_back_up(tmp_path, district, secret_file):
    school = Instance(prepared_data(tmp_path / "school2"),
                      extra=["--upstream", district.url + INTAKE, "--sender", SCHOOL, "--secret-file", secret_file,
                             "--push-interval", "1", "--answers-interval", "1"]).start()
    try:
        assert curl(school.url + "/api/v1/submissions", *school.auth, body=envelope(text=SWIM, kind="question"))[0] == 201
        wait_until(lambda: district.received(), timeout=15)
        issue = swim_issue_at(school.data_dir)
        answer_at(district.data_dir, issue)
        wait_until(lambda: ANSWER in sheet(school), timeout=15)
        # The school's next push carries its answered share up.
        wait_until(lambda: (district.received()[-1][2].get("answers") or {}).get("answered") == 1, timeout=15)
        time.sleep(1.5)  # more intervals: the answer is still stored once
        assert len(answer_rows(school.data_dir)) == 1 and sheet(school).count(ANSWER) == 1
        assert school.stop() == 0
        log = school.log.read_text(encoding="utf-8")
        assert secret_file.read_text().strip() not in log
        assert SWIM not in log and ANSWER not in log  # no child's words, nor answers, in the log
    finally:
        school.ensure_stopped()


def test_status_rules_and_the_overdue_list_per_office(school, district, secret_file):
    issue = reported_swim_issue(school, district.url, secret_file)
    refused = run_cli("answers", "set", issue[:8], "--status", "cannot_implement", "--text", "Chưa làm được",
                      "--office", OFFICE, "--data", district.data_dir)
    assert refused.returncode == 1
    assert "nguyên nhân" in refused.stderr and "reason" in refused.stderr and "solution" in refused.stderr
    assert answer_rows(district.data_dir) == []

    # Assigned to an office with a due date long past: overdue, listed under that office.
    answer_at(district.data_dir, issue[:8], "--due", "2020-01-31", status="unanswered", text="")
    listing = run_cli("answers", "list", "--overdue", "--data", district.data_dir, check=True).stdout
    assert listing.splitlines()[0] == f"== {OFFICE}: 1 quá hạn — overdue =="
    assert listing.splitlines()[1].startswith(f"{issue}\tissue\tunanswered\t{OFFICE}\thạn 2020-01-31 QUÁ HẠN")
    assert run_cli("answers", "list", "--overdue", "--office", "Phòng khác", "--data", district.data_dir,
                   check=True).stdout == ""

    accepted = answer_at(district.data_dir, issue, "--reason", "Trường chưa có đất xây bể",
                         "--solution", "Học bơi miễn phí ở bể của quận", status="cannot_implement",
                         text="Năm nay chưa xây được bể bơi.")
    assert "published answer" in accepted.stdout
    assert run_cli("answers", "list", "--overdue", "--data", district.data_dir, check=True).stdout == ""
    pulled_ok(pull(school.data_dir, district.url + INTAKE, secret_file), 2)
    page = sheet(school)
    assert "Chưa thể thực hiện" in page and "Nguyên nhân: Trường chưa có đất xây bể" in page
    assert "Giải pháp đề xuất: Học bơi miễn phí ở bể của quận" in page

"""The staff workspace in a real browser (headless Chromium, the release binary): the first run's
one-time password, a responder answering from the queue, a refusal shown beside the field, a
safeguarding officer following up a disclosure, each page at 390 px without sideways scrolling.
Screenshots go to TIENGNOI_SCREENSHOTS when it is set (docs/screens/ was made that way)."""
import re
import sqlite3
import subprocess
import time
import urllib.error
import urllib.request

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import BIN, DEMO_SCHOOLS, FORMS, Server, envelope, run_cli
from test_browser import LAPTOP, PHONE, browser, screenshot, shots, wait  # noqa: F401 (fixtures)

SWIM = "Cháu mong phường mở lớp dạy bơi miễn phí vào dịp hè cho học sinh."
HURT = "Bố cháu say rượu về là đánh cháu bằng roi, người cháu toàn vết bầm, cháu sợ về nhà lắm."
PASSWORD = "mật-khẩu-đủ-dài-2026"


def submit(server, text, school="TH-AN-BINH"):
    request = urllib.request.Request(f"{server.url}/api/v1/submissions", data=envelope(text=text, school=school).encode(),
                                     headers={"Content-Type": "application/json", **server.auth_header})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 201


def wait_for_analysis(data_dir, text, timeout=30):
    """The background analysis puts each entry into an issue within a few seconds."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        with sqlite3.connect(data_dir / "tiengnoi.sqlite") as db:
            row = db.execute("SELECT a.issue_id FROM analyses a JOIN submissions s ON s.seq = a.seq "
                             "WHERE s.voice = ?", (text,)).fetchone()
        if row and row[0]:
            return row[0]
        time.sleep(0.3)
    raise AssertionError(f"no issue for {text!r} after {timeout} s")


def sign_in(chrome, url, username, password=PASSWORD):
    chrome.get(url + "/login")
    chrome.find_element(By.ID, "username").send_keys(username)
    chrome.find_element(By.ID, "password").send_keys(password)
    chrome.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait(chrome, lambda: "/login" not in chrome.current_url, message=f"{username} could not sign in")


def field_error(chrome, field_id):
    return chrome.find_element(By.ID, field_id).text


def test_first_run_prints_a_one_time_password_that_must_be_changed(tmp_path, browser, shots):  # noqa: F811
    """As scripts/serve does: demo schools on an empty folder, then `serve`; it prints the first
    admin's one-time password and the real addresses (PORT=0 too)."""
    data = tmp_path / "data"
    run_cli("schools", "import", DEMO_SCHOOLS, "--data", data, check=True)
    process = subprocess.Popen([BIN, "serve", "--port", "0", "--data", str(data), "--forms", str(FORMS)],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        lines = []
        deadline = time.time() + 20
        while time.time() < deadline and not any("/f/" in line for line in lines):
            line = process.stdout.readline()
            if not line:
                break
            lines.append(line)
        printed = "".join(lines)
        password = re.search(r"mật khẩu dùng một lần: (\S+)", printed).group(1)
        url = re.search(r"Trang cán bộ: (http://127\.0\.0\.1:\d+)/login", printed).group(1)
        assert ":0/" not in printed and ":0\n" not in printed, printed
        form = re.search(r"(http://127\.0\.0\.1:\d+/f/[\w-]+\?k=\S+)", printed).group(1)
        with urllib.request.urlopen(form, timeout=10) as response:
            assert response.status == 200

        sign_in(browser, url, "quantri", password)
        wait(browser, lambda: browser.current_url.endswith("/account/password"), message="not sent to change the password")
        assert "chỉ dùng một lần" in browser.page_source
        browser.get(url + "/dashboard")
        assert browser.current_url.endswith("/account/password"), "the dashboard opened before the change"
        screenshot(browser, shots, "account-password", PHONE)
        browser.find_element(By.ID, "p-current").send_keys(password)
        browser.find_element(By.ID, "p-new").send_keys("ngắn")
        browser.find_element(By.ID, "p-again").send_keys("ngắn")
        browser.find_element(By.CSS_SELECTOR, "main button[type=submit]").click()
        wait(browser, lambda: browser.find_elements(By.ID, "e-new"), message="a short password is not refused beside the field")
        assert "10" in field_error(browser, "e-new")
        browser.find_element(By.ID, "p-current").send_keys(password)
        browser.find_element(By.ID, "p-new").send_keys(PASSWORD)
        browser.find_element(By.ID, "p-again").send_keys(PASSWORD)
        browser.find_element(By.CSS_SELECTOR, "main button[type=submit]").click()
        wait(browser, lambda: browser.current_url.endswith("/dashboard"), message="the change did not lead to the dashboard")
        assert "Bảng theo dõi" in browser.page_source
        # The one-time password no longer opens anything.
        browser.delete_all_cookies()
        browser.get(url + "/login")
        browser.find_element(By.ID, "username").send_keys("quantri")
        browser.find_element(By.ID, "password").send_keys(password)
        browser.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        assert "/login" in browser.current_url
    finally:
        process.kill()
        process.wait(timeout=10)


@pytest.fixture
def workspace(tmp_path):
    data = tmp_path / "data"
    run_cli("schools", "import", DEMO_SCHOOLS, "--data", data, check=True)
    (tmp_path / "pw").write_text(PASSWORD + "\n", encoding="utf-8")
    (tmp_path / "pw").chmod(0o600)
    for name, role, extra in [("phong-gd", "responder", ["--office", "Phòng GD&ĐT quận"]),
                              ("co-an-binh", "coordinator", ["--school", "TH-AN-BINH"]),
                              ("bvte", "viewer", ["--safeguarding"]),
                              ("xem", "viewer", [])]:
        run_cli("users", "add", name, "--role", role, "--password-file", tmp_path / "pw", "--data", data, *extra,
                check=True)
    server = Server(data).start()
    submit(server, SWIM)
    submit(server, HURT)
    issue = wait_for_analysis(data, SWIM)
    yield server, issue
    if server.process.poll() is None:
        server.kill()


def test_a_responder_answers_from_the_queue_and_the_school_sheet_shows_it(workspace, browser, shots):  # noqa: F811
    server, issue = workspace
    sign_in(browser, server.url, "phong-gd")
    browser.get(server.url + "/staff/answers")
    assert SWIM in browser.page_source and HURT not in browser.page_source
    screenshot(browser, shots, "staff-answers", PHONE)
    screenshot(browser, shots, "staff-answers", LAPTOP)
    browser.find_element(By.CSS_SELECTOR, f'a[href="/staff/answers/issue/{issue}"]').click()
    wait(browser, lambda: browser.current_url.endswith(f"/staff/answers/issue/{issue}"))

    # "Chưa thể thực hiện" without a reason: refused beside the field, the typed answer kept.
    Select(browser.find_element(By.ID, "a-status")).select_by_value("cannot_implement")
    browser.find_element(By.ID, "a-text").send_keys("Năm nay chưa có bể bơi gần trường")
    browser.find_element(By.CSS_SELECTOR, 'button[value="publish"]').click()
    wait(browser, lambda: browser.find_elements(By.ID, "e-reason"), message="no message beside the reason")
    assert "nguyên nhân" in field_error(browser, "e-reason").lower()
    assert browser.find_element(By.ID, "a-text").get_attribute("value") == "Năm nay chưa có bể bơi gần trường"
    screenshot(browser, shots, "staff-answer-refused", PHONE)

    browser.find_element(By.ID, "a-reason").send_keys("Phường chưa có bể bơi")
    browser.find_element(By.ID, "a-solution").send_keys("Học bơi ở bể của quận vào thứ bảy")
    browser.find_element(By.CSS_SELECTOR, 'button[value="publish"]').click()
    wait(browser, lambda: "saved=publish" in browser.current_url, message="the answer was not published")
    assert "Đã công bố câu trả lời" in browser.page_source
    screenshot(browser, shots, "staff-answer", LAPTOP)
    screenshot(browser, shots, "staff-answer", PHONE)

    browser.delete_all_cookies()
    sign_in(browser, server.url, "co-an-binh")
    browser.get(server.url + "/schools/TH-AN-BINH/answers")
    page = browser.page_source
    assert "Năm nay chưa có bể bơi gần trường" in page and "Học bơi ở bể của quận vào thứ bảy" in page
    assert HURT not in page
    screenshot(browser, shots, "school-answers", PHONE)

    # The children, from their form's link, see the published answer and nobody's own entry.
    link = run_cli("schools", "link", "TH-AN-BINH", "--base-url", server.url, "--data", server.data_dir, check=True)
    browser.delete_all_cookies()
    browser.get(link.stdout.strip().replace("?k=", "/tra-loi?k="))
    page = browser.page_source
    assert "Năm nay chưa có bể bơi gần trường" in page and "Phường chưa có bể bơi" in page
    assert HURT not in page
    screenshot(browser, shots, "child-answers", PHONE)


RIVER = "Hè này bọn em đi bơi ở sông nhiều lắm, mong phường cử người trông các bạn khi bơi."


def test_a_responder_merges_an_issue_into_the_one_it_suggests(workspace, browser, shots):  # noqa: F811
    """An issue's page names the issues worded most like it, each with its own merge button."""
    server, issue = workspace
    submit(server, RIVER)
    river = wait_for_analysis(server.data_dir, RIVER)
    assert river != issue, "the test needs two issues"
    sign_in(browser, server.url, "phong-gd")
    browser.get(server.url + f"/staff/answers/issue/{issue}")
    suggestion = browser.find_element(By.CSS_SELECTOR, f'#suggestions a[href="/staff/answers/issue/{river}"]')
    assert "trông các bạn" in suggestion.text
    screenshot(browser, shots, "staff-issue-suggestions", PHONE)
    item = suggestion.find_element(By.XPATH, "./ancestor::li")
    item.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait(browser, lambda: browser.current_url.endswith(f"/staff/answers/issue/{river}?saved=merged"),
         message="the merge did not lead to the suggested issue")
    children = browser.find_element(By.ID, "children").text
    assert SWIM in children and RIVER in children


def test_a_viewer_reads_every_page_without_a_form_that_changes_anything(workspace, browser, shots):  # noqa: F811
    server, issue = workspace
    sign_in(browser, server.url, "xem")
    pages = {"/dashboard": "dashboard", "/staff/answers": "staff-answers-viewer", f"/staff/answers/issue/{issue}": "staff-issue-viewer",
             "/schools/TH-AN-BINH/answers": "school-answers-viewer", "/staff/review": "staff-review", "/staff/below": "staff-below",
             "/schools/TH-AN-BINH/entries": "school-entries-viewer", "/schools/TH-AN-BINH/dashboard": "school-dashboard-viewer",
             "/staff/reports": "staff-reports"}
    for path, name in pages.items():
        browser.get(server.url + path)
        assert "500" not in browser.title
        screenshot(browser, shots, name, PHONE)
        forms = [f.get_attribute("action") or "" for f in browser.find_elements(By.CSS_SELECTOR, 'form[method="post"]')]
        assert all(action.endswith("/logout") or action.endswith("/account/password") for action in forms), (path, forms)
        assert HURT not in browser.page_source
    browser.get(server.url + "/staff/cases")
    assert HURT not in browser.page_source


def test_a_safeguarding_officer_records_a_referral_and_closes_the_case(workspace, browser, shots):  # noqa: F811
    server, _ = workspace
    sign_in(browser, server.url, "bvte")
    browser.get(server.url + "/staff/cases")
    screenshot(browser, shots, "staff-cases", PHONE)
    browser.find_element(By.CSS_SELECTOR, 'a[href^="/staff/cases/"]').click()
    wait(browser, lambda: HURT in browser.page_source, message="the case page does not show the child's words")

    Select(browser.find_element(By.ID, "c-status")).select_by_value("referred")
    browser.find_element(By.ID, "c-note").send_keys("Đã gọi Tổng đài 111 và cô chủ nhiệm")
    browser.find_element(By.CSS_SELECTOR, "main button[type=submit]").click()
    wait(browser, lambda: browser.find_elements(By.ID, "e-referral"), message="no message beside 'chuyển tới'")
    assert browser.find_element(By.ID, "c-note").get_attribute("value") == "Đã gọi Tổng đài 111 và cô chủ nhiệm"

    Select(browser.find_element(By.ID, "c-referral")).select_by_value("hotline_111")
    browser.find_element(By.ID, "c-next").send_keys("Hỏi lại cô chủ nhiệm")
    browser.find_element(By.CSS_SELECTOR, "main button[type=submit]").click()
    wait(browser, lambda: "Đã ghi lại" in browser.page_source, message="the referral was not recorded")
    assert "Tổng đài 111" in browser.page_source
    screenshot(browser, shots, "staff-case", PHONE)

    Select(browser.find_element(By.ID, "c-status")).select_by_value("closed")
    browser.find_element(By.ID, "c-note").send_keys("Em đã được đưa về nhà bà ngoại, an toàn")
    browser.find_element(By.CSS_SELECTOR, "main button[type=submit]").click()
    wait(browser, lambda: "Đã ghi lại" in browser.page_source and "Đã đóng" in browser.page_source)
    with sqlite3.connect(server.data_dir / "tiengnoi.sqlite") as db:
        actions = [row[0] for row in db.execute("SELECT action FROM audit_log WHERE actor = 'bvte' ORDER BY id")]
    assert sum("case" in action for action in actions) >= 2, actions


def test_an_admin_adds_a_coordinator_who_then_signs_in(workspace, browser, shots, tmp_path):  # noqa: F811
    server, _ = workspace
    run_cli("users", "add", "quan-tri", "--role", "admin", "--password-file", tmp_path / "pw", "--data", server.data_dir,
            check=True)
    sign_in(browser, server.url, "quan-tri")
    browser.get(server.url + "/dashboard")
    browser.find_element(By.CSS_SELECTOR, 'nav a[href="/staff/users"]').click()
    wait(browser, lambda: browser.current_url.endswith("/staff/users"))
    browser.find_element(By.ID, "u-name").send_keys("co-hoa")
    Select(browser.find_element(By.ID, "u-role")).select_by_value("coordinator")
    browser.find_element(By.CSS_SELECTOR, "main form.stack button[type=submit]").click()
    wait(browser, lambda: browser.find_elements(By.ID, "e-school"), message="no message beside the school")
    assert browser.find_element(By.ID, "u-name").get_attribute("value") == "co-hoa"
    Select(browser.find_element(By.ID, "u-school")).select_by_value("TH-AN-BINH")
    browser.find_element(By.CSS_SELECTOR, "main form.stack button[type=submit]").click()
    wait(browser, lambda: browser.find_elements(By.CSS_SELECTOR, "code.secret"), message="no one-time password shown")
    password = browser.find_element(By.CSS_SELECTOR, "code.secret").text
    screenshot(browser, shots, "staff-users", PHONE)
    screenshot(browser, shots, "staff-users", LAPTOP)

    browser.delete_all_cookies()
    sign_in(browser, server.url, "co-hoa", password)
    wait(browser, lambda: browser.current_url.endswith("/account/password"))
    browser.find_element(By.ID, "p-current").send_keys(password)
    browser.find_element(By.ID, "p-new").send_keys(PASSWORD)
    browser.find_element(By.ID, "p-again").send_keys(PASSWORD)
    browser.find_element(By.CSS_SELECTOR, "main button[type=submit]").click()
    wait(browser, lambda: browser.current_url.endswith("/schools/TH-AN-BINH/dashboard"), message="the coordinator did not reach their school")
    assert SWIM in browser.page_source and HURT not in browser.page_source
    # The coordinator's navigation offers no admin page, and the page itself refuses.
    assert not browser.find_elements(By.CSS_SELECTOR, 'nav a[href="/staff/users"]')
    browser.get(server.url + "/staff/users")
    assert "co-hoa" not in browser.find_element(By.TAG_NAME, "main").text


def test_a_coordinator_uploads_paper_forms_and_downloads_the_refused_rows(workspace, browser, shots, tmp_path):  # noqa: F811
    server, _ = workspace
    sheet = tmp_path / "phieu-giay.csv"
    sheet.write_text("\ufeffSTT;Em muốn gửi điều gì?;Điều em muốn nói;Em học lớp mấy?;Giới tính\n"
                     "1;recommendation;Em mong trường có thêm ghế đá dưới gốc bàng.;4;nu\n"
                     "2;question;Bao giờ trường mình có phòng máy tính mới?;15;nam\n"
                     "3;recommendation;Em muốn có tiết học kỹ năng thoát hiểm khi cháy.;5;nu\n", encoding="utf-8")
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    browser.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    sign_in(browser, server.url, "co-an-binh")
    browser.find_element(By.CSS_SELECTOR, 'nav a[href="/schools/TH-AN-BINH/import"]').click()
    wait(browser, lambda: browser.find_elements(By.ID, "i-file"))
    screenshot(browser, shots, "school-import", PHONE)
    before = count(server.data_dir)
    browser.get(server.url + "/schools/TH-AN-BINH/dashboard")
    shown_before = int(browser.find_element(By.CSS_SELECTOR, '[data-total="entries"]').get_attribute("data-value"))
    browser.find_element(By.CSS_SELECTOR, 'nav a[href="/schools/TH-AN-BINH/import"]').click()
    wait(browser, lambda: browser.find_elements(By.ID, "i-file"))
    browser.find_element(By.ID, "i-file").send_keys(str(sheet))
    browser.find_element(By.CSS_SELECTOR, "main form.stack button[type=submit]").click()
    wait(browser, lambda: "2 dòng hợp lệ, 1 dòng lỗi" in browser.page_source, message="no preview")
    assert "Dòng 3" in browser.find_element(By.ID, "rejects").text
    assert count(server.data_dir) == before, "the preview stored something"
    screenshot(browser, shots, "school-import-preview", PHONE)

    browser.find_element(By.CSS_SELECTOR, 'button[value="rejects"]').click()
    wait(browser, lambda: list(downloads.glob("*.csv")), message="the rejects file was not downloaded")
    rejected = next(downloads.glob("*.csv")).read_text(encoding="utf-8-sig")
    assert "phòng máy tính mới" in rejected and "ghế đá" not in rejected

    browser.find_element(By.CSS_SELECTOR, 'button[value="store"]').click()
    wait(browser, lambda: "Đã nhập 2 phiếu mới" in browser.page_source, message="not stored")
    assert count(server.data_dir) == before + 2
    # The same file again adds nothing.
    browser.find_element(By.ID, "i-file").send_keys(str(sheet))
    browser.find_element(By.CSS_SELECTOR, "main form.stack button[type=submit]").click()
    wait(browser, lambda: 'value="store"' in browser.page_source)
    browser.find_element(By.CSS_SELECTOR, 'button[value="store"]').click()
    wait(browser, lambda: "Đã nhập 0 phiếu mới" in browser.page_source)
    assert count(server.data_dir) == before + 2

    # The school's dashboard counts the two new entries, and shows them among its issues.
    browser.find_element(By.CSS_SELECTOR, 'nav a[href="/schools/TH-AN-BINH/dashboard"]').click()
    wait(browser, lambda: browser.find_elements(By.CSS_SELECTOR, '[data-total="entries"]'))
    assert int(browser.find_element(By.CSS_SELECTOR, '[data-total="entries"]').get_attribute("data-value")) == shown_before + 2
    issues = browser.find_element(By.ID, "issues").text
    assert "ghế đá dưới gốc bàng" in issues and "thoát hiểm khi cháy" in issues
    assert HURT not in browser.page_source
    screenshot(browser, shots, "school-dashboard", PHONE)
    screenshot(browser, shots, "school-dashboard", LAPTOP)

    # The new entries are on the school's page of entries, the disclosure never.
    browser.find_element(By.CSS_SELECTOR, 'nav a[href="/schools/TH-AN-BINH/entries"]').click()
    wait(browser, lambda: browser.find_elements(By.ID, "entries"))
    listed = browser.find_element(By.ID, "entries").text
    assert "ghế đá dưới gốc bàng" in listed and "thoát hiểm khi cháy" in listed and SWIM in listed
    assert HURT not in browser.page_source
    screenshot(browser, shots, "school-entries", PHONE)

    # The printable poster: the form's link with its key, as a QR code.
    browser.find_element(By.CSS_SELECTOR, 'nav a[href="/schools/TH-AN-BINH/poster"]').click()
    wait(browser, lambda: browser.find_elements(By.CSS_SELECTOR, ".poster-qr svg path"))
    link = run_cli("schools", "link", "TH-AN-BINH", "--base-url", server.url, "--data", server.data_dir, check=True)
    assert link.stdout.strip() in browser.find_element(By.CSS_SELECTOR, ".poster-link").text
    screenshot(browser, shots, "school-poster", PHONE)


def test_an_admin_keeps_schools_senders_forms_and_accounts(workspace, browser, shots, tmp_path):  # noqa: F811
    server, _ = workspace
    run_cli("users", "add", "quan-tri-2", "--role", "admin", "--password-file", tmp_path / "pw", "--data", server.data_dir,
            check=True)
    sign_in(browser, server.url, "quan-tri-2")

    # Schools: a registry upload with one bad row; the good row is added, the bad one named.
    registry = tmp_path / "truong.csv"
    registry.write_text("code,name,ward,district,level\nTHCS-MOI,Trường THCS Mới,Phường Mới,Quận Hoa Sen (demo),THCS\n"
                        "TH-LOI,,Phường Mới,Quận Hoa Sen (demo),primary\n", encoding="utf-8")
    browser.get(server.url + "/dashboard")
    browser.find_element(By.CSS_SELECTOR, 'nav a[href="/staff/schools"]').click()
    wait(browser, lambda: browser.find_elements(By.ID, "s-file"))
    browser.find_element(By.ID, "s-file").send_keys(str(registry))
    browser.find_element(By.CSS_SELECTOR, "main form.stack button[type=submit]").click()
    wait(browser, lambda: "Đã thêm 1 trường" in browser.page_source, message="the registry was not uploaded")
    assert "dòng 3" in browser.find_element(By.CSS_SELECTOR, ".rejects").text
    screenshot(browser, shots, "staff-schools", PHONE)
    # Edit it: a blank name (spaces pass the browser's own check) is refused beside the field with
    # the rest kept; then saved.
    browser.find_element(By.CSS_SELECTOR, 'a[href="/staff/schools/THCS-MOI"]').click()
    wait(browser, lambda: browser.find_elements(By.ID, "s-name"))
    browser.find_element(By.ID, "s-name").clear()
    browser.find_element(By.ID, "s-name").send_keys("   ")
    browser.find_element(By.ID, "s-ward").clear()
    browser.find_element(By.ID, "s-ward").send_keys("Phường Ngọc Hà")
    browser.find_element(By.CSS_SELECTOR, 'button[value="save"]').click()
    wait(browser, lambda: browser.find_elements(By.ID, "e-name"), message="no message beside the name")
    assert browser.find_element(By.ID, "s-ward").get_attribute("value") == "Phường Ngọc Hà"
    browser.find_element(By.ID, "s-name").clear()
    browser.find_element(By.ID, "s-name").send_keys("Trường THCS Mới")
    browser.find_element(By.CSS_SELECTOR, 'button[value="save"]').click()
    wait(browser, lambda: "Đã lưu thông tin trường" in browser.page_source)
    screenshot(browser, shots, "staff-school", PHONE)
    # Deactivate: its form stops taking entries.
    browser.find_element(By.CSS_SELECTOR, 'button[value="deactivate"]').click()
    wait(browser, lambda: "ngừng hoạt động" in browser.page_source)
    request = urllib.request.Request(f"{server.url}/api/v1/submissions",
                                     data=envelope(text="Em muốn có thêm cây xanh.", school="THCS-MOI").encode(),
                                     headers={"Content-Type": "application/json", **server.auth_header})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 422

    # Senders: register a ward below; its secret shows once.
    browser.find_element(By.CSS_SELECTOR, 'nav a[href="/staff/senders"]').click()
    wait(browser, lambda: browser.find_elements(By.ID, "d-code"))
    browser.find_element(By.ID, "d-code").send_keys("PHUONG-AN-BINH")
    browser.find_element(By.ID, "d-units").send_keys("TH-AN-BINH, Phường An Bình")
    browser.find_element(By.CSS_SELECTOR, "main form.stack button[type=submit]").click()
    wait(browser, lambda: browser.find_elements(By.CSS_SELECTOR, "code.secret"), message="no secret shown")
    secret = browser.find_element(By.CSS_SELECTOR, "code.secret").text
    assert re.fullmatch(r"[0-9a-f]{64}", secret)
    listed = run_cli("senders", "list", "--data", server.data_dir, check=True).stdout
    assert "PHUONG-AN-BINH" in listed and secret not in listed
    screenshot(browser, shots, "staff-senders", PHONE)

    # Forms: what is loaded, and the folder's check.
    browser.find_element(By.CSS_SELECTOR, 'nav a[href="/staff/forms"]').click()
    wait(browser, lambda: "Mọi tệp đều hợp lệ" in browser.page_source, message="the forms check is not shown")
    assert "dien-dan-tre-em" in browser.page_source
    screenshot(browser, shots, "staff-forms", PHONE)

    # An account: the viewer becomes a safeguarding officer too; then every session and token ends.
    browser.find_element(By.CSS_SELECTOR, 'nav a[href="/staff/users"]').click()
    browser.find_element(By.CSS_SELECTOR, 'a[href="/staff/users/xem"]').click()
    wait(browser, lambda: browser.find_elements(By.ID, "u-role"))
    browser.find_element(By.CSS_SELECTOR, 'input[name="safeguarding"]').click()
    browser.find_element(By.CSS_SELECTOR, 'button[value="update"]').click()
    wait(browser, lambda: "Đã lưu tài khoản xem" in browser.page_source)
    browser.find_element(By.CSS_SELECTOR, 'button[value="revoke"]').click()
    wait(browser, lambda: "Đã chấm dứt" in browser.page_source)
    screenshot(browser, shots, "staff-user", PHONE)
    with sqlite3.connect(server.data_dir / "tiengnoi.sqlite") as db:
        assert db.execute("SELECT safeguarding FROM users WHERE username = 'xem'").fetchone()[0] == 1
        actions = [row[0] for row in db.execute("SELECT action FROM audit_log WHERE actor = 'quan-tri-2' ORDER BY id")]
    for action in ["school.import", "school.edit", "school.deactivate", "sender.add", "user.change", "user.revoke"]:
        assert action in actions, (action, actions)


def count(data_dir):
    with sqlite3.connect(data_dir / "tiengnoi.sqlite") as db:
        return db.execute("SELECT COUNT(*) FROM submissions").fetchone()[0]

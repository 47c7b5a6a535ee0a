"""The children's form and the staff dashboard in a real browser: headless Chromium driven by
Selenium against the release binary on 127.0.0.1."""
import base64
import json
import os
import shutil
import sqlite3
import time
import urllib.request
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import FORMS, Server, curl, envelope, run_cli

# The project's own corpus of children's writing (written apart from the training examples); the
# development set beside the repository feeds only `scripts/bench classify`, never a test.
DEV = Path(__file__).resolve().parents[1] / "corpora/evaluation/themes-eval.jsonl"
SCHOOL = "TH-AN-BINH"
PHONE = (390, 844)
LAPTOP = (1280, 800)


def chromium_paths():
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if not browser or not driver:
        pytest.fail("Chromium and chromedriver are needed: scripts/test installs them (Debian chromium, chromium-driver)")
    return browser, driver


def make_browser(profile, javascript=True):
    browser, driver = chromium_paths()
    options = Options()
    options.binary_location = browser
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--lang=vi", f"--user-data-dir={profile}", "--window-size=%d,%d" % LAPTOP]:
        options.add_argument(argument)
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    chrome = webdriver.Chrome(service=Service(driver), options=options)
    chrome.set_page_load_timeout(30)
    chrome.set_script_timeout(10)
    return chrome


@pytest.fixture
def browser(tmp_path):
    chrome = make_browser(tmp_path / "profile")
    yield chrome
    chrome.quit()


@pytest.fixture
def browser_without_js(tmp_path):
    chrome = make_browser(tmp_path / "profile-nojs", javascript=False)
    yield chrome
    chrome.quit()


@pytest.fixture
def shots(tmp_path):
    """Where screenshots go: TIENGNOI_SCREENSHOTS to keep them, the test's tmp folder otherwise."""
    folder = Path(os.environ.get("TIENGNOI_SCREENSHOTS") or tmp_path / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def wait(chrome, condition, timeout=15, message=""):
    return WebDriverWait(chrome, timeout, poll_frequency=0.2).until(lambda _: condition(), message)


def viewport(chrome, size):
    """Lays the page out exactly at `size` CSS pixels, as a phone or a laptop would."""
    width, height = size
    chrome.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})


def screenshot(chrome, folder, name, size):
    """Screenshots of the whole page at `size`, one per screenful (name-WxH-1.png, -2, …), and the
    layout fact a reader would notice first: nothing sticks out sideways."""
    viewport(chrome, size)
    time.sleep(0.2)
    metrics = chrome.execute_script("""
        const doc = document.documentElement;
        return {scrollWidth: doc.scrollWidth, innerWidth: window.innerWidth, height: doc.scrollHeight};""")
    width, height = size
    for part, top in enumerate(range(0, min(metrics["height"], 12 * height), height), start=1):
        page = chrome.execute_cdp_cmd("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": top, "width": width, "height": min(height, metrics["height"] - top), "scale": 1}})
        (folder / f"{name}-{width}x{height}-{part}.png").write_bytes(base64.b64decode(page["data"]))
    assert metrics["scrollWidth"] <= metrics["innerWidth"], f"{name} overflows at {size}: {metrics}"


def choose(chrome, field, code):
    chrome.find_element(By.CSS_SELECTOR, f'#field-{field} input[value="{code}"]').click()


def type_into(chrome, field, text):
    box = chrome.find_element(By.CSS_SELECTOR, f'#field-{field} input, #field-{field} textarea')
    box.clear()
    box.send_keys(text)


def fill(chrome, text, kind="recommendation", theme="injury_accident", grade="5", gender="nu"):
    choose(chrome, "kind", kind)
    choose(chrome, "theme", theme)
    type_into(chrome, "text", text)
    type_into(chrome, "grade", grade)
    choose(chrome, "gender", gender)


def send(chrome):
    chrome.find_element(By.CSS_SELECTOR, "#child-form button[type=submit]").click()


def form_link(server):
    """The school's form address with its key, as a coordinator gets it from `tiengnoi schools link`."""
    printed = run_cli("schools", "link", SCHOOL, "--base-url", server.url, "--data", server.data_dir, check=True)
    return printed.stdout.strip()


def stored(data_dir):
    with sqlite3.connect(data_dir / "tiengnoi.sqlite") as db:
        return db.execute("SELECT id, school_code, voice, grade, gender FROM submissions ORDER BY seq").fetchall()


def outbox(chrome):
    return chrome.execute_script("return JSON.parse(localStorage.getItem('tiengnoi.outbox.v1') || '[]');")


def test_the_form_sends_its_school_key_when_the_api_requires_one(data_dir, browser):
    """serve --require-submission-key: the page's script sends the key it was opened with, so the
    entry goes through the API (source "api"), not the plain-post fallback."""
    keyed = Server(data_dir).start()  # the default: the API wants the school's key or a token
    try:
        browser.get(form_link(keyed))
        fill(browser, "Em mong có thêm cây xanh ở sân trường.")
        send(browser)
        wait(browser, lambda: f"/f/{SCHOOL}/cam-on?k=" in browser.current_url, message="no thank-you page")
        with sqlite3.connect(data_dir / "tiengnoi.sqlite") as db:
            assert db.execute("SELECT source FROM submissions").fetchall() == [("api",)]
        # The same API without the key: refused, nothing more stored.
        status, body = curl(keyed.url + "/api/v1/submissions", body=envelope(text="Một người lạ gửi"))
        assert status == 401 and body["error"] == "school_key"
        assert len(stored(data_dir)) == 1
    finally:
        keyed.kill()


def test_a_disclosure_sent_by_the_script_opens_the_hotline_page(server, browser, data_dir):
    browser.get(form_link(server))
    fill(browser, "Bố cháu say rượu về là đánh cháu bằng roi, người cháu toàn vết bầm, cháu sợ về nhà lắm.")
    send(browser)
    wait(browser, lambda: "goi=111" in browser.current_url, message="no hotline thank-you page")
    assert "Em hãy gọi ngay" in browser.find_element(By.CSS_SELECTOR, ".hotline-first").text
    with sqlite3.connect(data_dir / "tiengnoi.sqlite") as db:
        assert db.execute("SELECT source, safeguarding FROM submissions").fetchall() == [("api", 1)]


def test_valid_entry_thanks_and_is_stored(server, browser, shots, data_dir):
    browser.get(form_link(server))
    assert "Trường Tiểu học An Bình" in browser.find_element(By.CSS_SELECTOR, ".school-name").text
    assert "111" in browser.find_element(By.CSS_SELECTOR, ".hotline").text
    theme_text = browser.find_element(By.ID, "field-theme").text
    assert "đuối nước" in theme_text and "học bơi, đội mũ bảo hiểm" in theme_text  # the child-friendly sentence

    # For children: large type and big targets on a phone.
    viewport(browser, PHONE)
    sizes = browser.execute_script("""
        const px = el => parseFloat(getComputedStyle(el).fontSize);
        return {body: px(document.body), textarea: px(document.querySelector('textarea')),
                choice: Math.min(...[...document.querySelectorAll('.choice')].map(el => el.getBoundingClientRect().height)),
                button: document.querySelector('button[type=submit]').getBoundingClientRect().height};""")
    assert sizes["body"] >= 18 and sizes["textarea"] >= 18, sizes
    assert sizes["choice"] >= 48 and sizes["button"] >= 48, sizes
    screenshot(browser, shots, "form", PHONE)
    screenshot(browser, shots, "form", LAPTOP)

    text = "Cháu mong trường có lớp dạy bơi miễn phí vào mùa hè ạ."
    fill(browser, text)
    send(browser)
    wait(browser, lambda: f"/f/{SCHOOL}/cam-on?k=" in browser.current_url, message="no thank-you page")
    assert "Cảm ơn em" in browser.find_element(By.TAG_NAME, "h1").text
    screenshot(browser, shots, "thanks", PHONE)

    rows = stored(data_dir)
    assert len(rows) == 1
    _, school, voice, grade, gender = rows[0]
    assert (school, voice, grade, gender) == (SCHOOL, text, 5, "nu")

    browser.find_element(By.LINK_TEXT, "Viết thêm ý kiến").click()
    wait(browser, lambda: browser.current_url == form_link(server))
    assert browser.find_element(By.CSS_SELECTOR, "textarea").get_attribute("value") == ""
    assert browser.find_element(By.NAME, "_id").get_attribute("value") != rows[0][0]


def test_refused_entry_shows_the_error_beside_the_field_and_keeps_the_text(server, browser, shots, data_dir):
    browser.get(form_link(server))
    choose(browser, "kind", "question")
    type_into(browser, "grade", "40")
    type_into(browser, "name", "Lan <b>& Mai</b>")
    send(browser)
    error = wait(browser, lambda: browser.find_elements(By.CSS_SELECTOR, "#field-text .field-error"),
                 message="no error beside the text field")[0]
    assert "Chưa điền «Điều em muốn nói»" in error.text
    grade_error = browser.find_element(By.CSS_SELECTOR, "#field-grade .field-error").text
    assert "ngoài khoảng cho phép" in grade_error
    # What the child typed is still there, as text.
    assert browser.find_element(By.CSS_SELECTOR, "#field-grade input").get_attribute("value") == "40"
    assert browser.find_element(By.CSS_SELECTOR, "#field-name input").get_attribute("value") == "Lan <b>& Mai</b>"
    assert browser.find_element(By.CSS_SELECTOR, '#field-kind input[value="question"]').is_selected()
    assert browser.find_elements(By.CSS_SELECTOR, ".error-summary a")
    screenshot(browser, shots, "form-errors", PHONE)
    assert stored(data_dir) == []

    # Corrected, the same page is sent and stored once.
    type_into(browser, "text", "Em muốn hỏi vì sao sân trường hay bị ngập ạ?")
    type_into(browser, "grade", "4")
    send(browser)
    wait(browser, lambda: "/cam-on?k=" in browser.current_url)
    assert [row[2] for row in stored(data_dir)] == ["Em muốn hỏi vì sao sân trường hay bị ngập ạ?"]


def test_form_works_without_javascript(server, browser_without_js, data_dir):
    chrome = browser_without_js
    chrome.get(form_link(server))
    choose(chrome, "kind", "opinion")
    send(chrome)
    # The refused post comes back as a new page: wait for it rather than read the old one.
    wait(chrome, lambda: chrome.find_elements(By.CSS_SELECTOR, "#field-text .field-error"),
         message="the refused entry did not come back with its error")
    assert "Chưa điền «Điều em muốn nói»" in chrome.find_element(By.CSS_SELECTOR, "#field-text .field-error").text
    type_into(chrome, "text", "Em thích thư viện mới của trường.")
    send(chrome)
    wait(chrome, lambda: "/cam-on?k=" in chrome.current_url)
    assert "Cảm ơn em" in chrome.find_element(By.TAG_NAME, "h1").text
    assert [row[2] for row in stored(data_dir)] == ["Em thích thư viện mới của trường."]


def test_entries_made_offline_arrive_once_when_the_server_returns(server, browser, shots, data_dir):
    browser.get(form_link(server))
    server.stop()

    texts = ["Ở gần nhà em có cái ao không có rào, em sợ các em nhỏ bị ngã xuống.",
             "Em đề nghị có đèn giao thông ở cổng trường vì xe chạy nhanh quá."]
    for count, text in enumerate(texts, start=1):
        fill(browser, text, grade=str(3 + count))
        send(browser)
        wait(browser, lambda: len(outbox(browser)) == count, message=f"entry {count} was not kept on the device")
        status = browser.find_element(By.ID, "outbox-status")
        assert "đã lưu trên máy, sẽ gửi khi có mạng" in status.text
        assert f"Có {count} ý kiến đang chờ gửi" in status.text
        # The form is clear for the next entry, under a new id.
        assert browser.find_element(By.CSS_SELECTOR, "textarea").get_attribute("value") == ""
    waiting_ids = [item["envelope"]["id"] for item in outbox(browser)]
    assert len(set(waiting_ids)) == 2
    screenshot(browser, shots, "form-saved-offline", PHONE)
    assert stored(data_dir) == []

    server.start()  # the same port: the page still points at it
    try:
        wait(browser, lambda: outbox(browser) == [], timeout=40, message="the waiting entries were not sent")
    except TimeoutException:
        pytest.fail(f"still waiting on the device: {outbox(browser)}")
    wait(browser, lambda: "Đã gửi xong 2 ý kiến" in browser.find_element(By.ID, "outbox-status").text)
    screenshot(browser, shots, "form-sent-when-back-online", PHONE)
    rows = stored(data_dir)
    assert sorted(row[0] for row in rows) == sorted(waiting_ids)
    assert sorted(row[2] for row in rows) == sorted(texts)

    # A retry with the same id, and a reload while nothing waits, add nothing.
    envelope = {"id": waiting_ids[0], "form": "dien-dan-tre-em", "formVersion": 1,
                "answers": {"school": SCHOOL, "kind": "recommendation", "theme": "injury_accident",
                            "text": texts[0], "grade": 4, "gender": "nu"}}
    request = urllib.request.Request(f"{server.url}/api/v1/submissions", data=json.dumps(envelope).encode(),
                                     headers={"Content-Type": "application/json", **server.auth_header})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200 and json.load(response)["status"] == "duplicate"
    browser.refresh()
    time.sleep(1)
    assert len(stored(data_dir)) == 2


def seed(server):
    """The development set, spread over six schools, a few as discussion groups."""
    schools = ["TH-AN-BINH", "TH-BINH-MINH", "THCS-PHU-MY", "THCS-TAN-THANH", "TH-LE-LOI", "THCS-QUANG-TRUNG"]
    rows = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines()]
    items = [{"form": "dien-dan-tre-em", "formVersion": 1,
              "answers": {"school": schools[i % len(schools)], "kind": row["kind"], "text": row["text"],
                          "grade": row["grade"], "gender": row["gender"], "participants": 1 + i % 4}}
             for i, row in enumerate(rows)]
    request = urllib.request.Request(f"{server.url}/api/v1/submissions/batch",
                                     data=json.dumps({"submissions": items}).encode(),
                                     headers={"Content-Type": "application/json", **server.auth_header})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert json.load(response)["created"] == len(items)
    return len(items)


def number(text):
    return int(text.replace(".", "").split("/")[0])


def sign_in(chrome, data_dir, tmp_path, url):
    """A district viewer account from the command line; the browser asks for the dashboard, is sent
    to the login page, signs in and comes back."""
    password = "mật-khẩu-đủ-dài-2024"
    (tmp_path / "viewer.pw").write_text(password + "\n", encoding="utf-8")
    (tmp_path / "viewer.pw").chmod(0o600)
    run_cli("users", "add", "quan-doan", "--role", "viewer", "--password-file", tmp_path / "viewer.pw",
            "--data", data_dir, check=True)
    chrome.get(url)
    wait(chrome, lambda: "/login" in chrome.current_url, message="the dashboard did not ask for a login")
    chrome.find_element(By.ID, "username").send_keys("quan-doan")
    chrome.find_element(By.ID, "password").send_keys(password)
    chrome.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait(chrome, lambda: chrome.current_url == url, message="the login did not lead back to the dashboard")


def test_dashboard_totals_equal_the_json_aggregate(server, browser, shots, data_dir, tmp_path):
    seeded = seed(server)
    sign_in(browser, data_dir, tmp_path, f"{server.url}/dashboard")
    assert browser.find_element(By.TAG_NAME, "h1").text.startswith("Ý kiến trẻ em")
    summary = json.loads(run_cli("aggregate", "--format", "json", "--data", data_dir, "--forms", FORMS,
                                 check=True).stdout)
    # Entries the detector held for safeguarding staff are counted apart, never in the tallies.
    assert summary["totals"]["entries"] + summary["totals"]["safeguardingHeld"] == seeded

    tiles = {tile.get_attribute("data-total"): tile for tile in browser.find_elements(By.CSS_SELECTOR, "[data-total]")}
    for key in ["entries", "consultations", "activeSchools", "safeguardingHeld"]:
        assert int(tiles[key].get_attribute("data-value")) == summary["totals"][key], key
        # What staff read is the same number, written the Vietnamese way (1.234).
        assert number(tiles[key].find_element(By.CLASS_NAME, "tile-value").text) == summary["totals"][key], key

    themes = {row.get_attribute("data-key"): row for row in browser.find_elements(By.CSS_SELECTOR, "#themes .bar-row")}
    for code, count in summary["tallies"]["theme"].items():
        assert int(themes[code].get_attribute("data-consultations")) == count["consultations"], code
        assert number(themes[code].find_element(By.CSS_SELECTOR, ".bar-value strong").text) == count["consultations"]
    schools = {row.get_attribute("data-school"): row for row in browser.find_elements(By.CSS_SELECTOR, "tr[data-school]")}
    for code, count in summary["tallies"]["school"].items():
        assert int(schools[code].get_attribute("data-entries")) == count["entries"], code
    silent = {code for code, row in schools.items() if "silent" in (row.get_attribute("class") or "")}
    assert silent == set(schools) - set(summary["tallies"]["school"])
    assert silent, "the demo registry has schools without entries"
    genders = {item.get_attribute("data-gender"): int(item.get_attribute("data-consultations"))
               for item in browser.find_elements(By.CSS_SELECTOR, "[data-gender]")}
    assert genders == {code: count["consultations"] for code, count in summary["tallies"]["gender"].items()}
    targets = {item.get_attribute("data-target") for item in browser.find_elements(By.CSS_SELECTOR, "[data-target]")}
    assert targets == {target["id"] for target in summary["targets"]}
    top = browser.find_elements(By.CSS_SELECTOR, "#issues .issue-theme")
    assert top and all(theme.find_elements(By.CSS_SELECTOR, "tbody tr") for theme in top)

    screenshot(browser, shots, "dashboard", LAPTOP)
    screenshot(browser, shots, "dashboard", PHONE)
    # The print stylesheet: the charts are SVG, which print; the hint about printing does not.
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    assert not browser.find_element(By.CLASS_NAME, "print-hint").is_displayed()
    screenshot(browser, shots, "dashboard-print", LAPTOP)

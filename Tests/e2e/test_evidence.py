"""A school's forum with its attendance, delegates and three photos, pushed to the district: real
processes from the release binary on 127.0.0.1, the push passing through a recording proxy so what
travels is read on the wire. Photos are real JPEGs made with Pillow, carrying a GPS position."""
import io
import json
import re
import sqlite3
import urllib.error
import urllib.request
import uuid

import pytest
from PIL import Image

from conftest import run_cli, staff_token
from forwarding import (district, district_dir, secret_file,  # noqa: F401 (fixtures)
                        LOOPBACK_ENV, SCHOOL, FaultProxy, Instance, prepared_data, push)

GPS_IFD = 0x8825
ORIENTATION = 0x0112
DELEGATE_NAMES = ["Phạm Thị Xuân Mai", "Lò Văn Khánh", "Hoàng Thị Nguyệt", "Đinh Công Bảo"]


def phone_photo(colour):
    """A JPEG as a phone writes it: orientation, maker and a GPS position in EXIF, and a comment."""
    exif = Image.Exif()
    exif[ORIENTATION] = 6
    exif[0x010F] = "DienThoaiCuaCo"
    exif[GPS_IFD] = {1: "N", 2: (21.0, 1.0, 42.6), 3: "E", 4: (105.0, 51.0, 15.1)}
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(buffer, "JPEG", exif=exif.tobytes(), comment=b"chup o nha ban Lan")
    return buffer.getvalue()


def request(method, url, token, body=None, content_type=None):
    headers = {"Authorization": f"Bearer {token}", "Accept": "text/html"}
    if content_type:
        headers["Content-Type"] = content_type
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(urllib.request.Request(url, data=body, method=method, headers=headers), timeout=20) as answer:
            return answer.status, answer.read(), dict(answer.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers)


def upload(instance, token, event, photo, consent):
    """The event page's upload form, as a phone's browser posts it."""
    boundary = "----tiengnoi" + uuid.uuid4().hex
    parts = [f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"IMG_0001.jpg\"\r\n"
             "Content-Type: image/jpeg\r\n\r\n".encode() + photo + b"\r\n"]
    if consent:
        parts.append(f"--{boundary}\r\nContent-Disposition: form-data; name=\"consent\"\r\n\r\n1\r\n".encode())
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    return request("POST", f"{instance.url}/staff/events/{event}/evidence", token, body,
                   f"multipart/form-data; boundary={boundary}")


@pytest.fixture
def school(tmp_path):
    instance = Instance(prepared_data(tmp_path / "school")).start()
    yield instance
    instance.ensure_stopped()


def test_a_schools_forum_with_photos_reaches_the_district_without_names_or_unconsented_photos(
        tmp_path, school, district, secret_file):
    coordinator = staff_token(school.data_dir, "co-an-binh", "coordinator", "--school", SCHOOL)
    forum = {"kind": "school_forum", "unit": SCHOOL, "heldOn": "2026-11-20", "place": "Hội trường trường An Bình",
             "attendance": {"girls": 41, "boys": 39, "from12to16": 80, "specialCircumstances": 3},
             "leaders": [{"name": "Nguyễn Văn Minh", "office": "UBND phường An Bình"}]}
    status, body, _ = request("POST", school.url + "/api/v1/events", coordinator,
                              json.dumps(forum, ensure_ascii=False).encode(), "application/json")
    assert status == 201, body
    event = json.loads(body)["id"]

    # The forum's delegates, registered at the school.
    register = tmp_path / "dai-bieu.csv"
    register.write_text("ten,truong,tuoi,gioi_tinh,hoan_canh_dac_biet\n" + "".join(
        f"{name},{SCHOOL},{13 + i},{'nu' if i % 2 == 0 else 'nam'},{'co' if i == 0 else 'khong'}\n"
        for i, name in enumerate(DELEGATE_NAMES)), encoding="utf-8")
    result = run_cli("events", "delegates", event, register, "--data", school.data_dir)
    assert "4 delegates registered" in result.stdout, result.stdout + result.stderr  # stored, though 4 is short of 25

    # Three photos from the coordinator's phone: two the school may share, one it may not.
    photos = [phone_photo(c) for c in [(200, 30, 30), (30, 200, 30), (30, 30, 200)]]
    for photo, consent in zip(photos, [True, True, False]):
        status, page, _ = upload(school, coordinator, event, photo, consent)
        assert status == 201, page.decode()[:500]
        assert "Đã xoá thông tin vị trí" in page.decode()
    status, page, _ = request("GET", f"{school.url}/staff/events/{event}", coordinator)
    listed = re.findall(r'data-evidence="([0-9a-f]{64})" data-consent="(true|false)"', page.decode())
    assert status == 200 and [consent for _, consent in listed] == ["true", "true", "false"]
    kept = {}
    for sha, _ in listed:
        status, stored, headers = request("GET", f"{school.url}/staff/events/{event}/evidence/{sha}", coordinator)
        assert status == 200 and headers["Content-Type"] == "image/jpeg"
        image = Image.open(io.BytesIO(stored))
        image.load()  # still a picture a browser can show
        assert dict(image.getexif().get_ifd(GPS_IFD)) == {} and image.getexif().get(0x010F) is None
        assert image.getexif().get(ORIENTATION) == 6, "the phone's orientation is kept"
        assert b"nha ban Lan" not in stored
        kept[sha] = stored
    withheld = listed[2][0]

    # Pushed through a proxy that records every request on the wire.
    proxy = FaultProxy(int(district.url.rsplit(":", 1)[1]), script=[])
    result = push(school.data_dir, proxy.url, secret_file)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "evidence files: 2 sent" in result.stdout, result.stdout
    heads = [head.decode("latin-1").split("\r\n", 1)[0] for _, head, _ in proxy.requests]
    assert heads[0].startswith("POST /api/v1/intake/summaries")
    assert sorted(heads[1:]) == sorted(f"PUT /api/v1/intake/evidence/{sha} HTTP/1.1" for sha, _ in listed[:2])
    for _, head, body in proxy.requests:
        wire = head + body
        for name in DELEGATE_NAMES + ["Nguyễn Văn Minh", "Hội trường"]:
            assert name.encode() not in wire, f"{name} went upward"
        assert kept[withheld] not in wire and photos[2] not in wire, "the photo without consent travelled"
    summary = json.loads(proxy.requests[0][2])
    school_events = summary["events"]["unit"][SCHOOL]
    assert school_events["photos"] == 3 and school_events["delegates"] == 4 and school_events["children"] == 80
    assert [ref["consent"] for ref in summary["events"]["evidence"][SCHOOL]] == [True, True, False]
    assert withheld in [ref["sha256"] for ref in summary["events"]["evidence"][SCHOOL]], "its checksum still goes"

    # The district counts the event, the children present and the three photos for that school,
    # and holds the two files it was allowed.
    viewer = staff_token(district.data_dir, "xem-quan", "viewer")
    status, page, _ = request("GET", district.url + "/dashboard", viewer)
    row = page.decode().split(f'data-school="{SCHOOL}"', 1)[1].split("</tr>", 1)[0]
    assert status == 200
    assert 'data-events="1"' in row and 'data-event-children="80"' in row and 'data-photos="3"' in row, row
    with sqlite3.connect(district.data_dir / "tiengnoi.sqlite") as db:
        held = {sha: data for sha, data in db.execute("SELECT sha256, data FROM received_evidence")}
    assert set(held) == {sha for sha, _ in listed[:2]}
    assert all(held[sha] == kept[sha] for sha in held)

    # A second push sends the summary again but not the files the district already holds.
    proxy.requests.clear()
    result = push(school.data_dir, proxy.url, secret_file)
    assert result.returncode == 0 and "evidence" not in result.stdout, result.stdout
    assert all(not head.startswith(b"PUT") for _, head, _ in proxy.requests)

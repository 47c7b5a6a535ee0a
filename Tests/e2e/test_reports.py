"""The campaign year's reports, end to end with the release binary: entries over two periods (paper
forms with the day each was written), some answered; every report in every format, opened with
LibreOffice headless (DOCX to text, XLSX to CSV) to check that the Vietnamese headings keep their
diacritics and that the totals equal the JSON aggregate of the same period; a school of three
that missed the deadline is listed as late, with the day it finally reported."""
import csv
import io
import json
import os
import re
import shutil
import subprocess
import urllib.request

import pytest

from conftest import FORMS, Server, run_cli, staff_token

CALENDAR = """
start: 2026-01-01
answers:
  due_days: 30
  kinds: [question, recommendation]
calendar:
  school_year: {start: 2025-09-01, end: 2026-08-31}
  periods:
    - {id: thang-5, label: Tháng 5, from: 2026-05-01, to: 2026-05-31}
    - {id: thang-6, label: Tháng 6, from: 2026-06-01, to: 2026-06-30}
  deadlines:
    - id: y-kien-truong
      label: Mỗi trường có ý kiến của trẻ em
      level: school
      what: opinions
      count: 1
      from: 2026-05-01
      due: 2026-05-25
targets:
  - id: consultations
    label: {vi: Lượt trẻ em được lấy ý kiến}
    metric: consultations
    goal: 100
    deadline: 2026-08-31
"""

SCHOOLS = """code,name,ward,district,level
TH-AN-BINH,Trường Tiểu học An Bình,Phường An Bình,Quận thử,primary
TH-LE-LOI,Trường Tiểu học Lê Lợi,Phường Lê Lợi,Quận thử,primary
THCS-HOA-SEN,Trường THCS Hoa Sen,Phường Hoa Sen,Quận thử,lower_secondary
"""

# Two periods: May (An Bình, Lê Lợi on time) and June (Hoa Sen's first entry, after the deadline).
ROWS = """school;Em muốn gửi điều gì?;Điều em muốn nói;Em học lớp mấy?;Giới tính;Ngày viết
TH-AN-BINH;recommendation;Cháu mong phường mở lớp dạy bơi miễn phí vào hè cho học sinh.;4;nu;10/05/2026
TH-AN-BINH;recommendation;Em mong trường có thêm ghế đá dưới gốc bàng.;5;nam;11/05/2026
TH-LE-LOI;question;Bao giờ cổng trường có đèn cho người đi bộ ạ?;5;nu;2026-05-12
TH-LE-LOI;recommendation;Em muốn thư viện mở cửa cả giờ ra chơi.;3;nam;2026-06-03
THCS-HOA-SEN;recommendation;Chúng em cần thêm sân bóng rổ cho học sinh.;7;nam;02/06/2026
THCS-HOA-SEN;question;Bao giờ trường có phòng tư vấn tâm lý ạ?;8;nu;05/06/2026
"""

HEADINGS = {
    "followup": ["BÁO CÁO KẾT QUẢ TRẢ LỜI, GIẢI QUYẾT CÂU HỎI, KIẾN NGHỊ CỦA TRẺ EM", "Đã được đáp ứng, thực hiện",
                 "Đang được xem xét, thực hiện", "Chưa thể thực hiện", "Chưa trả lời", "Theo cơ quan trả lời"],
    "recommendations": ["TỔNG HỢP CÂU HỎI, KIẾN NGHỊ CỦA TRẺ EM", "Tổng hợp theo chủ đề"],
    "yearly": ["BÁO CÁO KẾT QUẢ LẤY Ý KIẾN, KIẾN NGHỊ CỦA TRẺ EM", "Kết quả thực hiện các chỉ tiêu", "Theo giới tính",
               "Các đơn vị thực hiện đúng hạn và chậm hạn", "Những vấn đề trẻ em quan tâm nhiều nhất"],
}


def convert(path, target, outdir):
    """LibreOffice headless: DOCX to UTF-8 text, XLSX to UTF-8 CSV (every sheet's first is enough)."""
    subprocess.run(["soffice", "--headless", "-env:UserInstallation=file://" + str(outdir / "profile"),
                    "--convert-to", target, "--outdir", str(outdir), str(path)],
                   check=True, capture_output=True, timeout=180)
    converted = outdir / (path.stem + "." + target.split(":")[0])
    return converted if target == "pdf" else converted.read_text(encoding="utf-8-sig")


@pytest.fixture(scope="module")
def year(tmp_path_factory):
    root = tmp_path_factory.mktemp("year")
    forms = root / "forms"
    forms.mkdir()
    shutil.copy(FORMS / "dien-dan-tre-em.yaml", forms)
    (forms / "targets.yaml").write_text(CALENDAR, encoding="utf-8")
    (root / "truong.csv").write_text(SCHOOLS, encoding="utf-8")
    (root / "phieu.csv").write_text(ROWS, encoding="utf-8")
    data = root / "data"
    run_cli("schools", "import", root / "truong.csv", "--data", data, check=True)
    run_cli("import", root / "phieu.csv", "--form", "dien-dan-tre-em", "--data", data, "--forms", forms, check=True)
    run_cli("aggregate", "--data", data, "--forms", forms, check=True)
    listed = run_cli("answers", "list", "--data", data, "--forms", forms, check=True).stdout
    ids = {}
    for line, wording in zip(listed.splitlines()[::2], listed.splitlines()[1::2]):
        ids[wording.strip()] = line.split("\t")[0]
    swim = next(i for w, i in ids.items() if "dạy bơi" in w)
    bench = next(i for w, i in ids.items() if "ghế đá" in w)
    court = next(i for w, i in ids.items() if "bóng rổ" in w)
    run_cli("answers", "set", swim, "--status", "cannot_implement", "--text", "Phường chưa có bể bơi công cộng.",
            "--office", "UBND phường", "--reason", "Chưa có bể bơi", "--solution", "Liên kết bể bơi trường THCS từ hè 2027",
            "--data", data, check=True)
    run_cli("answers", "set", bench, "--status", "implemented", "--text", "Trường đã đặt 4 ghế đá.", "--office", "Trường TH An Bình",
            "--data", data, check=True)
    run_cli("answers", "set", court, "--status", "under_consideration", "--text", "Quận đang tìm quỹ đất.", "--office", "UBND quận",
            "--data", data, check=True)
    return root, forms, data


def aggregate(year, period):
    root, forms, data = year
    return json.loads(run_cli("aggregate", "--period", period, "--data", data, "--forms", forms, check=True).stdout)


def test_every_report_in_every_format_keeps_its_headings_and_totals(year, tmp_path):
    root, forms, data = year
    for period in ["thang-5", "thang-6"]:
        summary = aggregate(year, period)
        asked = summary["answers"]["asked"]
        for kind, headings in HEADINGS.items():
            for fmt in ["html", "docx", "xlsx"]:
                out = tmp_path / f"{kind}-{period}.{fmt}"
                run_cli("report", kind, "--period", period, "--format", fmt, "--out", out, "--unit-name", "Quận thử",
                        "--data", data, "--forms", forms, check=True)
                if fmt == "html":
                    text = re.sub(r"<[^>]+>", "\n", out.read_text(encoding="utf-8"))
                elif fmt == "docx":
                    text = convert(out, "txt:Text (encoded):UTF8", tmp_path)
                else:
                    text = convert(out, "csv:Text - txt - csv (StarCalc):44,34,76,1", tmp_path)
                for heading in headings:
                    assert heading in text, (kind, fmt, period, heading)
                assert "Kỳ báo cáo: Tháng" in text or "Kỳ báo cáo: từ" in text, (kind, fmt)
                if fmt == "xlsx":
                    rows = list(csv.reader(io.StringIO(text)))
                    if kind == "followup":
                        # «Tổng cộng» of the summary table: questions and recommendations, children's entries.
                        total = next(r for r in rows if r and r[0] == "Tổng cộng")
                        assert int(total[2]) == asked, (period, total, summary["answers"])
                        groups = {r[0]: int(r[2]) for r in rows if r and r[0] in ("Chưa thể thực hiện", "Chưa trả lời")}
                        assert groups["Chưa trả lời"] == summary["answers"]["byStatus"].get("unanswered", 0)
                        assert groups["Chưa thể thực hiện"] == summary["answers"]["byStatus"].get("cannot_implement", 0)
                    if kind == "yearly":
                        genders = [r for r in rows if r and r[0] == "Tổng cộng"]
                        # The first «Tổng cộng» is the gender table's: entries and consultations.
                        assert int(genders[0][1]) == summary["totals"]["entries"], (period, genders, summary["totals"])
                        assert int(genders[0][2]) == summary["totals"]["consultations"]


@pytest.mark.skipif(not os.environ.get("TIENGNOI_REPORT_PAGES") or shutil.which("pdftoppm") is None,
                    reason="set TIENGNOI_REPORT_PAGES=docs/reports to redraw the pictures of docs/reports.md")
def test_draw_the_first_page_of_each_report(year, tmp_path):
    """docs/reports.md's pictures: each report as Word, through LibreOffice's PDF, page 1 as PNG."""
    root, forms, data = year
    target = os.path.abspath(os.environ["TIENGNOI_REPORT_PAGES"])
    os.makedirs(target, exist_ok=True)
    for kind, period in [("followup", "thang-5"), ("recommendations", "thang-6"), ("yearly", None)]:
        out = tmp_path / f"{kind}.docx"
        run_cli("report", kind, *(["--period", period] if period else []), "--format", "docx", "--out", out,
                "--unit-name", "Quận thử (dữ liệu mẫu)", "--data", data, "--forms", forms, check=True)
        convert(out, "pdf", tmp_path)
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "2", str(tmp_path / f"{kind}.pdf"),
                        os.path.join(target, kind)], check=True, timeout=60)


def test_the_school_that_missed_the_deadline_is_late_on_the_dashboard_and_in_the_yearly_report(year, tmp_path):
    root, forms, data = year
    out = tmp_path / "yearly.docx"
    run_cli("report", "yearly", "--format", "docx", "--out", out, "--data", data, "--forms", forms, check=True)
    text = convert(out, "txt:Text (encoded):UTF8", tmp_path)
    late = text[text.index("Mỗi trường có ý kiến của trẻ em: đơn vị chậm hoặc chưa có"):]
    assert "Trường THCS Hoa Sen" in late and "Chậm 8 ngày (đến 02/06/2026)" in late
    assert "Trường Tiểu học An Bình" not in late[:400] and "Trường Tiểu học Lê Lợi" not in late[:400]

    server = Server(data, forms_dir=forms).start()
    try:
        token = staff_token(data, "quan", "viewer")
        request = urllib.request.Request(server.url + "/dashboard", headers={"Authorization": f"Bearer {token}", "Accept": "text/html"})
        with urllib.request.urlopen(request, timeout=20) as response:
            page = response.read().decode()
        assert 'data-unit="THCS-HOA-SEN" data-state="late"' in page and "Chậm 8 ngày (đến 02/06/2026)" in page
        assert 'data-unit="TH-AN-BINH" data-state=' not in page
        # The staff reports page gives the same file as the command line.
        request = urllib.request.Request(server.url + "/staff/reports/file?kind=followup&format=xlsx&period=thang-5",
                                         headers={"Authorization": f"Bearer {token}"})
        with urllib.request.urlopen(request, timeout=60) as response:
            assert response.headers["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
            (tmp_path / "web.xlsx").write_bytes(response.read())
        rows = list(csv.reader(io.StringIO(convert(tmp_path / "web.xlsx", "csv:Text - txt - csv (StarCalc):44,34,76,1", tmp_path))))
        total = next(r for r in rows if r and r[0] == "Tổng cộng")
        assert int(total[2]) == aggregate(year, "thang-5")["answers"]["asked"]
    finally:
        server.stop()

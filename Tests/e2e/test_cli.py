"""The command line as a coordinator uses it: checking forms, importing schools and paper forms."""
import json
import re
import shutil
import sqlite3

from conftest import FORMS, Server, curl, envelope, run_cli


def test_forms_check_accepts_the_default_form():
    result = run_cli("forms", "check", FORMS)
    assert result.returncode == 0, result.stderr


def test_forms_check_names_the_line_of_a_mistake(tmp_path):
    text = (FORMS / "dien-dan-tre-em.yaml").read_text(encoding="utf-8")
    lines = text.splitlines()
    target = next(i for i, line in enumerate(lines) if line.strip() == "type: longtext")
    lines[target] = lines[target].replace("longtext", "paragraph")
    broken = tmp_path / "broken.yaml"
    broken.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_cli("forms", "check", broken)
    assert result.returncode != 0
    assert f"{broken}:{target + 1}:" in result.stderr
    assert "paragraph" in result.stderr


def test_forms_show_lists_the_themes():
    result = run_cli("forms", "show", "dien-dan-tre-em", "--forms", FORMS)
    assert result.returncode == 0
    for code in ["violence_abuse", "injury_accident", "online_safety", "climate_disaster_epidemic",
                 "child_labour", "other"]:
        assert code in result.stdout


def test_paper_import_twice_adds_nothing(data_dir, tmp_path):
    sheet = tmp_path / "giay.csv"
    sheet.write_text("\ufeffSTT;Trường của em;Em muốn gửi điều gì?;Điều em muốn nói\n"
                     "1;TH-AN-BINH;Câu hỏi;Bao giờ có bể bơi ạ?\n"
                     "2;TH-AN-BINH;Ý kiến;Cổng trường đông xe quá\n"
                     "3;TH-AN-BINH;;Thiếu loại ý kiến\n", encoding="utf-8")
    first = run_cli("import", sheet, "--form", "dien-dan-tre-em", "--data", data_dir, "--forms", FORMS)
    assert first.returncode != 0 and "Nhập mới 2" in first.stdout
    rejects = (tmp_path / "giay.rejects.csv").read_text(encoding="utf-8-sig")
    assert rejects.splitlines()[1].startswith("4;")
    second = run_cli("import", sheet, "--form", "dien-dan-tre-em", "--data", data_dir, "--forms", FORMS)
    assert "Nhập mới 0, đã có từ trước 2" in second.stdout
    with sqlite3.connect(data_dir / "tiengnoi.sqlite") as db:
        assert db.execute("SELECT count(*) FROM submissions WHERE source = 'import'").fetchone()[0] == 2


def test_server_refuses_a_changed_form_whose_version_was_not_raised(data_dir, tmp_path):
    forms = tmp_path / "forms"
    shutil.copytree(FORMS, forms)
    server = Server(data_dir, forms).start()
    assert curl(server.url + "/api/v1/submissions", *server.auth, body=envelope())[0] == 201
    assert server.stop() == 0
    path = forms / "dien-dan-tre-em.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("maxLength: 2000", "maxLength: 1500"), encoding="utf-8")
    result = run_cli("serve", "--port", "0", "--data", data_dir, "--forms", forms)
    assert result.returncode == 1
    assert "dien-dan-tre-em" in result.stderr and "version" in result.stderr


def test_server_refuses_a_broken_delegate_quota_with_its_line(data_dir, tmp_path):
    forms = tmp_path / "forms"
    shutil.copytree(FORMS, forms)
    path = forms / "targets.yaml"
    text = path.read_text(encoding="utf-8")
    assert "  gender_tolerance: 0.1\n" in text
    path.write_text(text.replace("  gender_tolerance: 0.1\n", "  gender_tolerance: 3\n"), encoding="utf-8")
    result = run_cli("serve", "--port", "0", "--data", data_dir, "--forms", forms)
    assert result.returncode != 0
    line = text[: text.index("delegates:\n")].count("\n") + 2  # the block's first key
    assert f"targets.yaml:{line}:" in result.stderr and "gender_tolerance" in result.stderr, result.stderr


def _jsonl(path, rows):
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    return path


def test_classify_eval_prints_safeguarding_just_before_the_last_line(tmp_path):
    rows = [
        {"text": "Em mong trường có lớp dạy bơi vào mùa hè.", "theme": "injury_accident", "safeguarding": False},
        {"text": "Tối nào bố em say rượu về cũng đánh em, em sợ lắm.", "theme": "violence_abuse", "safeguarding": True},
        # No "safeguarding" field: counted for themes, not for safeguarding.
        {"text": "Em mong có thêm cây xanh ở sân trường.", "theme": "climate_disaster_epidemic"},
    ]
    result = run_cli("classify", "--eval", _jsonl(tmp_path / "eval.jsonl", rows), "--forms", FORMS)
    assert result.returncode == 0, result.stderr
    out = result.stdout.splitlines()
    assert re.fullmatch(r"macro_f1=\d\.\d{4} accuracy=\d\.\d{4}", out[-1])
    assert out[-2] == "safeguarding recall=1.0000 precision=1.0000"
    assert "n=2 " in out[-3]
    # Counts only: a child's words never reach the output.
    assert "đánh" not in result.stdout + result.stderr


def test_classify_eval_without_the_field_prints_no_safeguarding_line(tmp_path):
    rows = [{"text": "Em mong trường có lớp dạy bơi vào mùa hè.", "theme": "injury_accident"}]
    result = run_cli("classify", "--eval", _jsonl(tmp_path / "eval.jsonl", rows), "--forms", FORMS)
    assert result.returncode == 0, result.stderr
    assert "safeguarding" not in result.stdout
    assert result.stdout.splitlines()[-1].startswith("macro_f1=")


def test_classify_eval_of_a_safeguarding_corpus_prints_recall_per_category(tmp_path):
    """A corpus written for the detector (no theme): recall per harm category, false alarms per kind
    of hard negative, then the line scripts parse; counts only."""
    rows = [
        {"text": "Tối nào bố em say rượu về cũng đánh em, em sợ lắm.", "safeguarding": True, "category": "physical_abuse"},
        {"text": "Chú hàng xóm bắt em sờ vào người chú, chú dặn không được kể với ai.", "safeguarding": True,
         "category": "sexual_abuse"},
        {"text": "Em mong trường có lớp dạy bơi vào mùa hè.", "safeguarding": False, "negative": "prevention_idea"},
    ]
    result = run_cli("classify", "--eval", _jsonl(tmp_path / "sg.jsonl", rows), "--forms", FORMS)
    assert result.returncode == 0, result.stderr
    out = result.stdout.splitlines()
    assert re.fullmatch(r"safeguarding recall=\d\.\d{4} precision=\d\.\d{4}", out[-1])
    assert "n=3 " in out[0] and "positives=2 " in out[0]
    # Each held disclosure is also given its kind of harm, as the officer's case page shows it.
    assert re.fullmatch(r"  physical_abuse: tìm thấy 1/1 — recall 1\.000 · đúng loại 1/1 — category named 1/1", out[1])
    assert re.fullmatch(r"  sexual_abuse: tìm thấy 1/1 — recall 1\.000 · đúng loại 1/1 — category named 1/1", out[2])
    assert re.fullmatch(r"  not harm: prevention_idea: báo nhầm [01]/1 — false alarms [01]\.000", out[3])
    assert out[-2] == "Loại đúng — category named right for 2 of 2 held disclosures", out
    assert "macro_f1" not in result.stdout and "đánh" not in result.stdout + result.stderr


def test_classify_eval_names_a_safeguarding_field_that_is_not_a_boolean(tmp_path):
    rows = [{"text": "Em mong trường có lớp dạy bơi.", "theme": "injury_accident", "safeguarding": "true"}]
    result = run_cli("classify", "--eval", _jsonl(tmp_path / "eval.jsonl", rows), "--forms", FORMS)
    assert result.returncode == 1
    assert ":1:" in result.stderr and "safeguarding" in result.stderr
    assert "bơi" not in result.stderr


def test_classify_themes_cv_reports_the_classifier_no_worse_than_naive_bayes_alone():
    """The cross-validation that chose the classifier's settings: the combined model (naive Bayes
    and logistic regression averaged) must do at least as well as naive Bayes alone on the
    project's own entries, or combining them is not worth its cost."""
    result = run_cli("classify", "--themes-cv", "--forms", FORMS)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    alone = re.fullmatch(r"naive Bayes alone: macro_f1=([\d.]+)", lines[1])
    combined = re.fullmatch(r"classifier: macro_f1=([\d.]+)", lines[-1])
    assert alone and combined, result.stdout
    assert float(combined.group(1)) >= float(alone.group(1)) > 0.8, result.stdout
    review = re.search(r"below review threshold 0.5: (\d+) \(right ([\d.]+)\) · above: (\d+) \(right ([\d.]+)\)", result.stdout)
    assert review, result.stdout
    # Entries marked for review are the doubtful ones: right far less often than the rest.
    assert float(review.group(2)) < float(review.group(4)), result.stdout
    # Each other writer's entries, classified by a model that never saw them: learning the other
    # writers' entries must help on a writer not seen, or they are not worth bundling.
    held = re.findall(r"held-out writer (\S+) n=(\d+): macro_f1=([\d.]+), without marks ([\d.]+) "
                      r"\(trained on the project's entries alone: ([\d.]+)\)", result.stdout)
    assert len(held) >= 2 and {"writer-a", "writer-b"} <= {w for w, *_ in held}, result.stdout
    for writer, n, with_others, without_marks, alone in held:
        assert int(n) >= 700 and float(with_others) >= float(alone) > 0.8, (writer, result.stdout)
        # Many children type without Vietnamese input: the same entries with every mark removed
        # must be read nearly as well.
        assert float(without_marks) >= float(with_others) - 0.03, (writer, result.stdout)
    folded = re.search(r"classifier, every mark removed: macro_f1=([\d.]+)", result.stdout)
    assert folded and float(folded.group(1)) >= float(combined.group(1)) - 0.03, result.stdout
    # The figures that choose settings must not move between two runs of one build.
    again = run_cli("classify", "--themes-cv", "--forms", FORMS)
    assert again.stdout == result.stdout, (result.stdout, again.stdout)


def test_classify_safeguarding_cv_reports_the_tuned_thresholds_and_writing_without_marks():
    """The cross-validation that chose the detector's thresholds: the thresholds in use are the
    ones its rule picks (a change of examples that moves the rule's choice must retune them), and
    the same held-out disclosures written without marks, as many children type, are still found."""
    result = run_cli("classify", "--safeguarding-cv")
    assert result.returncode == 0, result.stderr
    tuned = re.search(r"tuned thresholds: model=\S+ confirmation=\S+ recall=([\d.]+) precision=([\d.]+)", result.stdout)
    plain = re.search(r"every mark removed, tuned thresholds: recall=([\d.]+) precision=([\d.]+)", result.stdout)
    rule = re.search(r"by the rule .*: model=\S+ confirmation=\S+(.*)", result.stdout)
    assert tuned and plain and rule, result.stdout
    assert rule.group(1) == "", result.stdout
    assert float(tuned.group(1)) >= 0.95, result.stdout
    assert float(plain.group(1)) >= float(tuned.group(1)) - 0.03, result.stdout
    assert float(plain.group(2)) >= 0.6, result.stdout
    # The kind of harm: the model names an entry the rules leave unnamed at the floor its rule picks,
    # and there it is right at least as often as the rules are.
    kinds = re.search(r"the rules name right=(\d+) wrong=(\d+) unnamed=(\d+) \(right among named ([\d.]+)\)", result.stdout)
    in_use = re.search(r"floor [\d.]+: right=(\d+) wrong=(\d+) unnamed=(\d+) \(right among named ([\d.]+)\)  ← in use", result.stdout)
    floor = re.search(r"kind floor by the rule[^:]*: ([\d.]+)(.*)", result.stdout)
    assert kinds and in_use and floor, result.stdout
    assert floor.group(2) == "", result.stdout
    assert float(in_use.group(4)) >= float(kinds.group(4)), result.stdout
    assert int(in_use.group(1)) > 0 and int(in_use.group(3)) < int(kinds.group(3)), result.stdout


def test_classify_takes_one_mode_at_a_time():
    result = run_cli("classify", "--themes-cv", "--safeguarding-cv", "--forms", FORMS)
    assert result.returncode != 0
    assert "--themes-cv" in result.stderr


def test_issues_eval_scores_grouping_in_pairs(tmp_path):
    """Three wordings of one request and an unrelated one: the line scripts parse says how many of
    the people's pairs landed in one issue, with no entry quoted."""
    rows = [
        {"text": "Cháu mong có lớp dạy bơi miễn phí mùa hè", "group": "swim", "theme": "injury_accident"},
        {"text": "Mở lớp học bơi không mất tiền cho tụi em nha", "group": "swim", "theme": "injury_accident"},
        {"text": "em muon duoc hoc boi mien phi o truong", "group": "swim", "theme": "injury_accident"},
        {"text": "Đề nghị sửa dây điện thõng xuống ở đầu ngõ", "group": None, "theme": "injury_accident"},
    ]
    result = run_cli("issues", "--eval", _jsonl(tmp_path / "groups.jsonl", rows), "--forms", FORMS)
    assert result.returncode == 0, result.stderr
    last = result.stdout.splitlines()[-1]
    match = re.fullmatch(r"grouping pairwise_recall=([\d.]+) pairwise_precision=([\d.]+) issues=(\d+) entries=4 pairs=(\d)/3", last)
    assert match, last
    # The three wordings share one issue and the wire stays apart.
    assert match.group(1) == "1.0" and match.group(2) == "1.0" and match.group(3) == "2", last
    assert "bơi" not in result.stdout + result.stderr


def test_issues_eval_names_the_line_without_a_theme(tmp_path):
    rows = [{"text": "Em mong trường có lớp dạy bơi.", "group": "g1"}]
    result = run_cli("issues", "--eval", _jsonl(tmp_path / "groups.jsonl", rows), "--forms", FORMS)
    assert result.returncode == 1
    assert ":1:" in result.stderr and "theme" in result.stderr
    assert "bơi" not in result.stderr


def test_a_plain_http_upstream_elsewhere_is_refused(data_dir, tmp_path):
    secret = tmp_path / "school.secret"
    secret.write_text("a-shared-secret-of-enough-length\n")
    secret.chmod(0o600)
    result = run_cli("push", "--upstream", "http://192.0.2.10/api/v1/intake/summaries", "--sender", "TH-AN-BINH",
                     "--secret-file", secret, "--data", data_dir)
    assert result.returncode == 1 and "https://" in result.stderr and "--allow-insecure-upstream" in result.stderr
    # A readable secret file is refused too, naming the fix.
    secret.chmod(0o644)
    result = run_cli("push", "--upstream", "https://quan.example.invalid/api/v1/intake/summaries",
                     "--sender", "TH-AN-BINH", "--secret-file", secret, "--data", data_dir)
    assert result.returncode == 1 and "chmod 600" in result.stderr

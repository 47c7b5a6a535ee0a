"""The house rules of docs/architecture.md, checked on the sources themselves:

- targets depend only on the modules below them (read from `swift package dump-package`);
- each table is written only by the module that owns it, and read only there or in modules that
  depend on that owner;
- the web application and the command line run no SQL and do not import GRDB;
- tests run SQL only where they test the schema itself.
"""
import json
import re
import subprocess
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Which modules each target may depend on (the arrows go one way).
ALLOWED = {
    "Forms": set(),
    "Storage": {"Forms"},
    "Summary": {"Forms"},
    "Analysis": {"Forms", "Storage", "Summary"},
    "Answers": {"Forms", "Storage", "Summary", "Analysis"},
    "Events": {"Forms", "Storage", "Summary", "Analysis"},
    "Reports": {"Forms", "Storage", "Summary", "Analysis", "Answers", "Events", "CXlsxWriter"},
    "CCurl": set(),
    "CXlsxWriter": set(),
    "CQRencode": set(),
    "Forwarder": {"CCurl", "Forms", "Storage", "Summary"},
    "WebApp": {"Forms", "Storage", "Summary", "Analysis", "Answers", "Events", "Reports", "Forwarder", "CQRencode"},
    "tiengnoi": {"Forms", "Storage", "Summary", "Analysis", "Answers", "Events", "Reports", "Forwarder", "WebApp"},
}
# Products of other packages that only the data layer may use.
DATA_LAYER_ONLY = {"GRDB"}
NO_SQL_MODULES = {"WebApp", "tiengnoi"}

# Each table's owner: the one module that writes it and defines its record type.
OWNERS = {
    "Storage": ["form_versions", "schools", "school_links", "submissions", "users", "api_tokens", "sessions",
                "audit_log", "senders", "sender_units", "received_summaries", "latest_received_summaries",
                "safeguarding_cases", "safeguarding_case_notes", "received_evidence"],
    "Analysis": ["analyses", "issues", "issue_schools", "theme_corrections", "analysis_progress", "tally_cells"],
    "Answers": ["answers", "answer_routes", "answer_routes_progress", "answer_pulls"],
    "Forwarder": ["outbox", "evidence_deliveries"],
    "Events": ["events", "event_leaders", "event_issues", "event_delegates", "event_evidence"],
}
OWNER_OF = {table: module for module, tables in OWNERS.items() for table in tables}
# Test files that test the schema itself (constraints, pragmas) and so may run SQL.
SCHEMA_TESTS = {"Tests/StorageTests/StorageTests.swift", "Tests/AnswersTests/AnswerBoardTests.swift"}

WRITE = re.compile(r"\b(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+(\w+)", re.I)
READ = re.compile(r"\b(?:FROM|JOIN)\s+(\w+)", re.I)


@lru_cache(maxsize=1)
def package():
    out = subprocess.run(["swift", "package", "dump-package"], cwd=ROOT, capture_output=True, text=True,
                         timeout=300, check=True).stdout
    return json.loads(out)


def dependencies(target):
    modules, products = set(), set()
    for dep in target.get("dependencies", []):
        if "byName" in dep:
            modules.add(dep["byName"][0])
        elif "target" in dep:
            modules.add(dep["target"][0])
        elif "product" in dep:
            products.add(dep["product"][0])
    return modules, products


def dependency_problems(targets):
    problems = []
    for target in targets:
        if target["type"] == "test":
            continue
        name = target["name"]
        modules, products = dependencies(target)
        if name not in ALLOWED:
            problems.append(f"{name}: a new target — add it to ALLOWED and docs/architecture.md")
            continue
        for module in sorted(modules - ALLOWED[name]):
            problems.append(f"{name} depends on {module}, which it must not (the arrows go one way)")
        if name in NO_SQL_MODULES:
            for product in sorted(products & DATA_LAYER_ONLY):
                problems.append(f"{name} depends on {product}: only the feature modules talk to the database")
    return problems


def closure(module):
    seen, stack = set(), [module]
    while stack:
        for dep in ALLOWED.get(stack.pop(), set()):
            if dep not in seen:
                seen.add(dep)
                stack.append(dep)
    return seen


def sql_literals(text):
    """The string literals of a Swift file that read like SQL (single- and triple-quoted)."""
    literals = re.findall(r'"""(.*?)"""', text, re.S)
    literals += re.findall(r'sql:\s*"((?:[^"\\]|\\.)*)"', text)
    return [lit for lit in literals if re.search(r"\b(SELECT|INSERT|UPDATE|DELETE)\b", lit)]


def table_problems(files):
    problems = []
    for path, module, text in files:
        for literal in sql_literals(text):
            if module in NO_SQL_MODULES:
                problems.append(f"{path}: runs SQL; call a named method of the owning module instead")
                break
            for table in WRITE.findall(literal):
                owner = OWNER_OF.get(table.lower())
                if owner and owner != module:
                    problems.append(f"{path}: writes {table}, which {owner} owns")
            for table in READ.findall(literal):
                owner = OWNER_OF.get(table.lower())
                if owner and owner != module and owner not in closure(module):
                    problems.append(f"{path}: reads {table}, owned by {owner}, which {module} does not depend on")
    return problems


def source_files():
    for path in sorted((ROOT / "Sources").rglob("*.swift")):
        relative = path.relative_to(ROOT)
        module = relative.parts[1]
        if relative.name == "Migrations.swift":
            continue  # the schema itself: every table is created and altered there
        yield str(relative), module, path.read_text(encoding="utf-8")


def test_targets_depend_only_on_modules_below_them():
    assert dependency_problems(package()["targets"]) == []


def test_each_table_is_written_by_its_owner_and_read_only_above_it():
    assert table_problems(list(source_files())) == []


def test_the_web_application_and_the_cli_run_no_sql_and_do_not_import_grdb():
    offenders = [str(p.relative_to(ROOT)) for module in NO_SQL_MODULES for p in (ROOT / "Sources" / module).rglob("*.swift")
                 if re.search(r"^import GRDB\b|\bsql:", p.read_text(encoding="utf-8"), re.M)]
    assert offenders == []


def test_tests_run_sql_only_to_test_the_schema():
    offenders = [str(p.relative_to(ROOT)) for p in (ROOT / "Tests").rglob("*.swift")
                 if str(p.relative_to(ROOT)) not in SCHEMA_TESTS and re.search(r"\bsql:", p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_the_checks_catch_a_violation():
    """The checks themselves can fail: a forged dependency and a forged write are both reported."""
    targets = [{"name": "Forwarder", "type": "regular", "dependencies": [{"byName": ["Analysis", None]}]},
               {"name": "WebApp", "type": "regular", "dependencies": [{"product": ["GRDB", "GRDB.swift", None, None]}]}]
    assert len(dependency_problems(targets)) == 2
    forged = [("Sources/Reports/X.swift", "Reports", 'try db.execute(sql: "UPDATE answers SET text = ?")'),
              ("Sources/Analysis/Y.swift", "Analysis", 'try db.execute(sql: "SELECT * FROM outbox")'),
              ("Sources/WebApp/Z.swift", "WebApp", 'try db.execute(sql: "SELECT 1 FROM submissions")')]
    assert len(table_problems(forged)) == 3

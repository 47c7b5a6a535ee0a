"""The README's own example, run as written against the real binary: a newcomer's first request
must work. Only the address is changed to the test server's."""
import re
import sqlite3
import subprocess

from conftest import BIN, ROOT


def readme_curl():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Send one entry", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S).group(1)
    return "\n".join(line for line in block.splitlines() if not line.lstrip().startswith("#"))


def test_the_readme_curl_example_is_stored_once(server):
    command = readme_curl().replace("http://127.0.0.1:8080", server.url)
    assert server.url in command, "the README example no longer posts to the default address"
    command = command.replace("curl ", "curl -sS -w '\\n%{http_code}' --max-time 10 ", 1)
    # `tiengnoi` as installed, run beside the data folder as a newcomer would (its default is ./data).
    command = command.replace("$(tiengnoi ", f"$({BIN} ")
    assert server.data_dir.name == "data"
    run = dict(capture_output=True, text=True, timeout=30, cwd=server.data_dir.parent)
    first = subprocess.run(["bash", "-c", command], **run)
    again = subprocess.run(["bash", "-c", command], **run)
    assert first.stdout.rstrip().endswith("201"), first.stdout + first.stderr
    assert '"status":"created"' in first.stdout
    assert again.stdout.rstrip().endswith("200") and '"status":"duplicate"' in again.stdout, again.stdout
    with sqlite3.connect(server.data_dir / "tiengnoi.sqlite") as db:
        assert db.execute("SELECT count(*) FROM submissions").fetchone()[0] == 1

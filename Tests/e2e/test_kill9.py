"""SIGKILL during a burst of posts: no acknowledged id lost, none doubled, integrity ok."""
import json
import sqlite3
import subprocess
import time
import uuid

from conftest import Server, envelope

BURST = 3000


def run_burst(url, ids, config_path, output_path, auth):
    """curl --parallel posting one entry per id; each line of output is `status id`.
    Bodies go to /dev/null through one descriptor: a per-transfer `output` file would open one each."""
    lines = []
    for entry_id in ids:
        body = envelope(entry_id, text=f"Ý kiến số {entry_id[:8]}: cháu mong có sân chơi an toàn")
        lines += [f'url = "{url}?probe={entry_id}"', 'request = "POST"',
                  'header = "Content-Type: application/json"', f'header = "{auth[1]}"',
                  "data-binary = " + json.dumps(body, ensure_ascii=False),
                  f'write-out = "%{{stderr}}%{{http_code}} {entry_id}\\n"', "next"]
    lines.pop()  # a trailing `next` would start an empty transfer that aborts the others
    config_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    output = open(output_path, "w")
    return subprocess.Popen(["curl", "-s", "--no-progress-meter", "--parallel", "--parallel-max", "32", "--max-time", "5",
                             "--config", str(config_path)], stdout=subprocess.DEVNULL, stderr=output)


def acknowledged(output_path):
    acked = set()
    for line in output_path.read_text().splitlines():
        status, _, entry_id = line.partition(" ")
        if status in ("200", "201"):
            acked.add(entry_id)
    return acked


def test_kill9_during_burst_loses_nothing_acknowledged(data_dir, tmp_path):
    server = Server(data_dir).start()
    ids = [str(uuid.uuid4()) for _ in range(BURST)]
    output = tmp_path / "burst.out"
    burst = run_burst(server.url + "/api/v1/submissions", ids, tmp_path / "burst.cfg", output, server.auth)

    # Kill once a few hundred entries are acknowledged, while the burst is still running.
    deadline = time.time() + 30
    while len(acknowledged(output)) < 300 and time.time() < deadline and burst.poll() is None:
        time.sleep(0.02)
    assert burst.poll() is None, "the burst finished before the kill; raise BURST"
    server.kill()
    burst.wait(timeout=120)
    acked = acknowledged(output)
    assert 300 <= len(acked) < BURST

    db_path = data_dir / "tiengnoi.sqlite"
    with sqlite3.connect(db_path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = {row[0] for row in db.execute("SELECT id FROM submissions")}
    assert acked <= stored, f"{len(acked - stored)} acknowledged entries were lost"

    # The tablets retry everything after the restart: nothing is doubled, nothing is missing.
    server.start()
    retry_output = tmp_path / "retry.out"
    run_burst(server.url + "/api/v1/submissions", ids, tmp_path / "retry.cfg", retry_output, server.auth).wait(timeout=300)
    retried = {}
    for line in retry_output.read_text().splitlines():
        status, _, entry_id = line.partition(" ")
        retried[entry_id] = status
    assert all(retried[i] == "200" for i in stored), "an entry stored before the kill was not seen as a retry"
    assert set(retried.values()) <= {"200", "201"}
    assert server.stop() == 0
    with sqlite3.connect(db_path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("SELECT count(*) FROM submissions").fetchone()[0] == BURST
        assert db.execute("SELECT count(DISTINCT id) FROM submissions").fetchone()[0] == BURST

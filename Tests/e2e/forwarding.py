"""Helpers for the forwarding tests: instances with extra options, a fault proxy, a stub receiver."""
import json
import os
import re
import secrets
import socket
import sqlite3
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from conftest import BIN, DEMO_SCHOOLS, FORMS, Server, run_cli

SCHOOL = "TH-AN-BINH"
DISTRICT = "Q-HOA-SEN"
INTAKE = "/api/v1/intake/summaries"
# Loopback must never go through a proxy the machine may have configured.
LOOPBACK_ENV = {**os.environ, "NO_PROXY": "127.0.0.1,localhost", "no_proxy": "127.0.0.1,localhost"}


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def make_secret(path: Path) -> Path:
    path.write_text(secrets.token_hex(32) + "\n")
    path.chmod(0o600)  # the CLI refuses a secret file others can read
    return path


def prepared_data(directory: Path, senders=()):
    """A data folder with the demo schools and the given (code, secret file[, senders add options])
    senders registered."""
    run_cli("schools", "import", DEMO_SCHOOLS, "--data", directory, check=True)
    for code, secret_file, *options in senders:
        run_cli("senders", "add", code, "--secret-file", secret_file, *options, "--data", directory, check=True)
    return directory


class Instance(Server):
    """A `tiengnoi serve` with extra options and, if asked, a fixed port."""

    def __init__(self, data_dir: Path, port=0, extra=()):
        super().__init__(data_dir, FORMS)
        self.port = port
        self.extra = [str(a) for a in extra]

    def start(self, timeout=20):
        self.process = subprocess.Popen(
            [BIN, "serve", "--port", str(self.port), "--data", str(self.data_dir), "--forms", str(self.forms_dir),
             *self.extra],
            stdout=subprocess.PIPE, stderr=open(self.log, "a"), text=True, env=LOOPBACK_ENV)
        deadline = time.time() + timeout
        while time.time() < deadline:
            line = self.process.stdout.readline()
            if not line:
                break
            match = re.search(r"đang chạy tại http://[\d.]+:(\d+)", line)
            if match:
                self.url = f"http://127.0.0.1:{match.group(1)}"
                return self
        self.process.kill()
        raise AssertionError(f"server did not start: {self.log.read_text()}")

    def ensure_stopped(self):
        if self.process and self.process.poll() is None:
            self.kill()

    def db(self):
        return sqlite3.connect(self.data_dir / "tiengnoi.sqlite")

    def received(self):
        """(sender, idempotency_key, payload as dict) of every summary received, oldest first."""
        with self.db() as db:
            rows = db.execute("SELECT sender, idempotency_key, payload FROM received_summaries ORDER BY id").fetchall()
        return [(sender, key, json.loads(payload)) for sender, key, payload in rows]


def push(data_dir: Path, upstream: str, secret_file: Path, *extra, sender=SCHOOL, timeout=90):
    """`tiengnoi push --wait` as an operator runs it; returns the CompletedProcess."""
    return subprocess.run(
        [BIN, "push", "--wait", "--upstream", upstream, "--sender", sender, "--secret-file", str(secret_file),
         "--data", str(data_dir), "--max-wait", "45", *map(str, extra)],
        capture_output=True, text=True, timeout=timeout, env=LOOPBACK_ENV)


def outbox_rows(data_dir: Path):
    with sqlite3.connect(data_dir / "tiengnoi.sqlite") as db:
        return db.execute("SELECT id, status, tries, last_status, last_error FROM outbox ORDER BY created_at").fetchall()


def wait_until(condition, timeout=20, interval=0.1):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"condition not met within {timeout} s")


def read_http_message(connection: socket.socket, first=b""):
    """Reads one HTTP/1.1 message with a Content-Length body; returns (head bytes, body bytes)."""
    data = first
    while b"\r\n\r\n" not in data:
        chunk = connection.recv(65536)
        if not chunk:
            return None, None
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    match = re.search(rb"(?im)^content-length:\s*(\d+)", head)
    length = int(match.group(1)) if match else 0
    while len(body) < length:
        chunk = connection.recv(65536)
        if not chunk:
            break
        body += chunk
    return head, body


def header(head: bytes, name: str):
    match = re.search(rb"(?im)^" + re.escape(name.encode()) + rb":\s*(.*?)\r?$", head)
    return match.group(1).decode() if match else None


class FaultProxy:
    """A TCP proxy on 127.0.0.1 in front of a real receiver, misbehaving on cue.

    `script` lists what to do with each request in turn; once it runs out, requests are forwarded.
      "forward"  pass the request on and relay the answer
      "500"      answer 500 itself (optionally with a Retry-After header)
      "hang"     read the request, answer nothing for `hang_seconds`, then close
      "drop"     forward, then send only the first bytes of the answer and close (mid-response)
    """

    def __init__(self, target_port: int, script, hang_seconds=6.0, retry_after=None):
        self.target_port = target_port
        self.script = list(script)
        self.hang_seconds = hang_seconds
        self.retry_after = retry_after
        self.requests = []  # (action, head bytes, body bytes)
        self.lock = threading.Lock()
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(16)
        self.port = self.listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}{INTAKE}"
        self.closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while not self.closed:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._handle, args=(connection,), daemon=True).start()

    def _handle(self, connection):
        with connection:
            connection.settimeout(30)
            head, body = read_http_message(connection)
            if head is None:
                return
            with self.lock:
                action = self.script.pop(0) if self.script else "forward"
                self.requests.append((action, head, body))
            if action == "500":
                extra = f"Retry-After: {self.retry_after}\r\n" if self.retry_after is not None else ""
                text = b'{"error":"boom"}'
                connection.sendall(b"HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\n"
                                   + extra.encode() + b"Content-Length: %d\r\nConnection: close\r\n\r\n" % len(text)
                                   + text)
            elif action == "hang":
                connection.settimeout(self.hang_seconds)
                try:
                    connection.recv(1)  # returns when the client gives up and closes, or times out
                except OSError:
                    pass
            elif action in ("forward", "drop"):
                answer = self._forward(head, body)
                if action == "drop":
                    answer = answer[: answer.index(b"\r\n\r\n") + 6]  # headers and a few body bytes
                connection.sendall(answer)
                if action == "drop":
                    connection.shutdown(socket.SHUT_RDWR)

    def _forward(self, head, body):
        with socket.create_connection(("127.0.0.1", self.target_port), timeout=20) as upstream:
            upstream.sendall(head + b"\r\n\r\n" + body)
            answer_head, answer_body = read_http_message(upstream)
        return answer_head + b"\r\n\r\n" + answer_body

    def close(self):
        self.closed = True
        self.listener.close()


class StubReceiver:
    """A receiver that is not TiengNoi: Python's http.server, answering `status` to every request
    and calling `check(headers, body)` on what arrives."""

    def __init__(self, status=200, check=None, body=b'{"ok": true}'):
        stub = self
        self.requests = []

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length", "0"))
                raw = self.rfile.read(length)
                headers = {name: value for name, value in self.headers.items()}
                verdict = check(headers, raw) if check else None
                stub.requests.append((headers, raw, verdict))
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}{INTAKE}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def doc_block(marker: str) -> str:
    """The fenced code block that follows `<!-- marker -->` in docs/upstream.md."""
    text = (Path(__file__).resolve().parents[2] / "docs/upstream.md").read_text(encoding="utf-8")
    after = text.split(f"<!-- {marker} -->", 1)[1]
    return after.split("```", 2)[1].split("\n", 1)[1]


# Fixtures both two-process suites (summaries up, answers down) use: a school's secret, and the
# district instance that knows it.
@pytest.fixture
def secret_file(tmp_path):
    return make_secret(tmp_path / "th-an-binh.secret")


@pytest.fixture
def district_dir(tmp_path, secret_file):
    # The school's instance also collects for Bình Minh (one tablet shared by two schools), so the
    # district registers Bình Minh below it: a unit is believed only about itself and those.
    return prepared_data(tmp_path / "district", senders=[(SCHOOL, secret_file, "--units", "TH-BINH-MINH")])


@pytest.fixture
def district(district_dir):
    instance = Instance(district_dir).start()
    yield instance
    instance.ensure_stopped()


def port_of(instance):
    return int(instance.url.rsplit(":", 1)[1])

"""Shared fixtures: the release binary started as a real process on 127.0.0.1 with a free port."""
import json
import os
import re
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = os.environ.get("TIENGNOI_BIN", str(ROOT / ".build/release/tiengnoi"))
FORMS = ROOT / "forms"
DEMO_SCHOOLS = ROOT / "scripts/demo-schools.csv"


def run_cli(*args, check=False, **kwargs):
    """Runs `tiengnoi ARGS`; returns the CompletedProcess (text mode)."""
    result = subprocess.run([BIN, *map(str, args)], capture_output=True, text=True, timeout=120, **kwargs)
    if check and result.returncode != 0:
        raise AssertionError(f"tiengnoi {' '.join(map(str, args))} failed: {result.stderr}")
    return result


STAFF_PASSWORD = "mật-khẩu-đủ-dài-2024"


def secret_file(path, text):
    """A file holding a secret, readable by its owner only (the CLI refuses looser ones)."""
    path.write_text(text, encoding="utf-8")
    path.chmod(0o600)
    return path


def add_user(data_dir, tmp_path, name, role, *extra):
    """A staff account made with the CLI, as the unit's admin would; returns its password."""
    password = secret_file(tmp_path / f"{name}.pw", STAFF_PASSWORD + "\n")
    run_cli("users", "add", name, "--role", role, "--password-file", password, "--data", data_dir, *extra, check=True)
    return STAFF_PASSWORD


def staff_token(data_dir, name="admin", role="admin", *extra):
    """An API token for a new staff account (the password file goes beside the data folder)."""
    folder = data_dir.parent / f"{data_dir.name}-staff"
    folder.mkdir(exist_ok=True)
    add_user(data_dir, folder, name, role, *extra)
    return run_cli("users", "token", name, "--label", "e2e", "--data", data_dir, check=True).stdout.strip()


class Server:
    """One `tiengnoi serve` process; start() can be called again after stop() or kill()."""

    def __init__(self, data_dir: Path, forms_dir: Path = FORMS, extra=()):
        self.data_dir = data_dir
        self.forms_dir = forms_dir
        self.extra = [str(arg) for arg in extra]
        self.process = None
        self.port = None
        self.url = None
        self.log = data_dir.parent / f"{data_dir.name}-server.log"
        self._auth = None

    @property
    def auth(self):
        """curl arguments sending an admin's API token: the submission API takes entries only with
        a token or the school's form key."""
        if self._auth is None:
            token = staff_token(self.data_dir, "e2e-device", "admin")
            self._auth = ["-H", f"Authorization: Bearer {token}"]
        return self._auth

    @property
    def auth_header(self):
        """The same token as a header dict, for urllib."""
        name, value = self.auth[1].split(": ", 1)
        return {name: value}

    def start(self, timeout=20, port=None):
        """Starts on `port`; by default a free port the first time and the same port after that, so
        that a page left open in a browser reaches the restarted server at the address it knows."""
        if port is None:
            port = self.port or 0
        self.process = subprocess.Popen(
            [BIN, "serve", "--port", str(port), "--data", str(self.data_dir), "--forms", str(self.forms_dir),
             *self.extra],
            stdout=subprocess.PIPE, stderr=open(self.log, "a"), text=True)
        deadline = time.time() + timeout
        while time.time() < deadline:
            line = self.process.stdout.readline()
            if not line:
                break
            match = re.search(r"http://[\d.]+:(\d+)", line)
            if match:
                self.port = int(match.group(1))
                self.url = f"http://127.0.0.1:{self.port}"
                return self
        self.process.kill()
        raise AssertionError(f"server did not start: {self.log.read_text()}")

    def stop(self, sig=signal.SIGTERM, timeout=20):
        self.process.send_signal(sig)
        code = self.process.wait(timeout=timeout)
        self.process.stdout.close()
        return code

    def kill(self):
        self.process.kill()
        self.process.wait(timeout=10)
        self.process.stdout.close()

    def get(self, path):
        with urllib.request.urlopen(self.url + path, timeout=10) as response:
            return response.status, response.read()

    def get_json(self, path):
        status, body = self.get(path)
        return status, json.loads(body)


@pytest.fixture
def data_dir(tmp_path):
    directory = tmp_path / "data"
    run_cli("schools", "import", DEMO_SCHOOLS, "--data", directory, check=True)
    return directory


@pytest.fixture
def server(data_dir):
    running = Server(data_dir).start()
    yield running
    if running.process.poll() is None:
        running.kill()


def curl(url, *args, body=None, content_type="application/json"):
    """POSTs with the curl command line; returns (status, parsed JSON or raw text)."""
    command = ["curl", "-sS", "--max-time", "10", "-o", "-", "-w", "\n%{http_code}", "-X", "POST", url]
    if content_type:
        command += ["-H", f"Content-Type: {content_type}"]
    if body is not None:
        command += ["--data-binary", "@-"]
    command += list(args)
    result = subprocess.run(command, input=body.encode() if isinstance(body, str) else body,
                            capture_output=True, timeout=30)
    text, _, status = result.stdout.decode().rpartition("\n")
    try:
        return int(status), json.loads(text)
    except ValueError:
        return int(status), text


def envelope(id=None, text="Cháu mong có lớp dạy bơi miễn phí vào hè.", school="TH-AN-BINH", **answers):
    body = {"form": "dien-dan-tre-em", "formVersion": 1,
            "answers": {"school": school, "kind": "recommendation", "text": text, "grade": 5, "gender": "nu", **answers}}
    if id:
        body["id"] = id
    return json.dumps(body, ensure_ascii=False)

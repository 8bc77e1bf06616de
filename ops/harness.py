"""What the reliability scripts share: a fresh PostgreSQL database, production-like settings,
gunicorn on a loopback port, signed-in HTTP clients, and latency percentiles.

Standard library only, so the scripts need nothing beyond the project's own virtualenv.
"""

from __future__ import annotations

import http.client
import json
import math
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
LODESTAR = str(BIN / "lodestar")
GUNICORN = str(BIN / "gunicorn")
PG_SERVER = os.getenv("PG_SERVER", "postgres://postgres@127.0.0.1:5432")
DEMO_PASSWORD = "lodestar-demo-2026"  # lodestar/people/demo.py: shared by every demo person


def database_url(name: str) -> str:
    return f"{PG_SERVER}/{name}"


def psql(sql: str, *, database: str = "postgres") -> str:
    """Run SQL through psql against PG_SERVER; returns its unaligned output."""
    parts = urllib.parse.urlsplit(PG_SERVER)
    command = ["psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1",
               "-h", parts.hostname or "127.0.0.1", "-p", str(parts.port or 5432),
               "-U", parts.username or "postgres", "-d", database, "-c", sql]
    env = {**os.environ, "PGPASSWORD": parts.password or ""}
    return subprocess.run(command, env=env, check=True, capture_output=True, text=True).stdout


def fresh_database(name: str) -> str:
    psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    psql(f'CREATE DATABASE "{name}"')
    return database_url(name)


def production_env(url: str, var_dir: Path, **extra: str) -> dict[str, str]:
    """Production settings (DEBUG off, real keys) served over plain http on loopback: the only
    differences from docs/production.md are no https redirect and no Secure cookie flag."""
    from cryptography.fernet import Fernet

    drop = {"DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE", "TASKS_BACKEND", "SQLITE_PATH", "EMAIL_HOST"}
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env.update(
        PYTHONPATH=str(ROOT),  # this checkout, whatever the virtualenv points at
        DJANGO_SETTINGS_MODULE="lodestar.settings",
        DATABASE_URL=url,
        SECRET_KEY="ops-" + os.urandom(24).hex(),
        FIELD_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SITE_ROOT="http://127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        SECURE_COOKIES="0",
        LODESTAR_VAR_DIR=str(var_dir),
        LOG_LEVEL="WARNING",
    )
    env.update(extra)
    return env


def lodestar(env: dict[str, str], *args: str, timeout: float = 900) -> str:
    result = subprocess.run([LODESTAR, *args], env=env, cwd=ROOT, capture_output=True,
                            text=True, timeout=timeout)
    if result.returncode != 0:
        raise SystemExit(f"lodestar {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def django_json(env: dict[str, str], code: str) -> object:
    """Run `code` in a Django shell; it must print one JSON document as its last line."""
    out = lodestar(env, "shell", "-c", code)
    return json.loads(out.strip().splitlines()[-1])


def prepare_site(env: dict[str, str], *, people: int | None = None) -> float:
    """Migrate, collect static files and load the demo population. Returns seconds taken."""
    started = time.monotonic()
    lodestar(env, "migrate", "--no-input")
    lodestar(env, "collectstatic", "--no-input")
    lodestar(env, "demo-data", "--force", *([] if people is None else ["--people", str(people)]))
    return time.monotonic() - started


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    process: subprocess.Popen
    port: int
    log: Path

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def log_text(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""


def start_gunicorn(env: dict[str, str], *, workers: int = 2, threads: int = 2,
                   log_dir: Path | None = None) -> Server:
    port = free_port()
    log = Path(log_dir or tempfile.mkdtemp(prefix="lodestar-ops-")) / "gunicorn.log"
    stderr = open(log, "a")  # noqa: SIM115 (Django's own log lines, tracebacks included)
    process = subprocess.Popen(
        [GUNICORN, "lodestar.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--threads", str(threads), "--timeout", "30",
         "--graceful-timeout", "10", "--error-logfile", str(log), "--log-level", "warning"],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=stderr,
    )
    server = Server(process, port, log)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn exited at start:\n{server.log_text()}")
        try:
            if Client(port).request("GET", "/accounts/login/").status == 200:
                return server
        except OSError:
            pass
        time.sleep(0.3)
    server.stop()
    raise SystemExit(f"gunicorn did not answer within 60 s:\n{server.log_text()}")


@dataclass
class Response:
    status: int
    body: bytes
    headers: dict[str, str]
    seconds: float


@dataclass
class Client:
    """One person's HTTP client: cookies kept, CSRF token sent on POST, or a Bearer token."""

    port: int
    token: str = ""
    cookies: dict[str, str] = field(default_factory=dict)
    csrf: str = ""
    timeout: float = 30

    def request(self, method: str, path: str, *, form: dict | None = None,
                body: object = None) -> Response:
        headers = {"Host": "127.0.0.1", "Connection": "close"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        data = None
        if form is not None:
            data = urllib.parse.urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        elif body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        if method != "GET" and self.csrf and not self.token:
            headers["X-CSRFToken"] = self.csrf
        started = time.perf_counter()
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        try:
            connection.request(method, path, body=data, headers=headers)
            raw = connection.getresponse()
            payload = raw.read()
            elapsed = time.perf_counter() - started
            for name, value in raw.getheaders():
                if name.lower() == "set-cookie":
                    key, _, rest = value.partition("=")
                    self.cookies[key.strip()] = rest.split(";", 1)[0]
            return Response(raw.status, payload, {k.lower(): v for k, v in raw.getheaders()},
                            elapsed)
        finally:
            connection.close()

    def log_in(self, email: str, password: str = DEMO_PASSWORD) -> None:
        page = self.request("GET", "/accounts/login/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page.body)
        if page.status != 200 or token is None:
            raise SystemExit(f"log-in page answered {page.status}")
        form = {"login": email, "password": password,
                "csrfmiddlewaretoken": token.group(1).decode()}
        done = self.request("POST", "/accounts/login/", form=form)
        if done.status != 302 or "sessionid" not in self.cookies:
            raise SystemExit(f"log-in as {email} failed: {done.status}")
        dashboard = self.request("GET", "/dashboard/")
        found = re.search(rb'"X-CSRFToken": "([^"]+)"', dashboard.body)  # what htmx sends
        if dashboard.status != 200 or found is None:
            raise SystemExit(f"dashboard for {email} answered {dashboard.status}")
        self.csrf = found.group(1).decode()


def demo_people(env: dict[str, str], count: int) -> list[str]:
    """The four known demo log-ins plus generated demo people, `count` emails in all."""
    code = (
        "import json; from lodestar.accounts.models import User; "
        "known = ['mentee@lodestar.example', 'mentor@lodestar.example', "
        "'programs@lodestar.example']; "
        "rest = list(User.objects.filter(is_active=True, is_staff=False)"
        f".exclude(email__in=known).order_by('id').values_list('email', flat=True)[:{count}]); "
        f"print(json.dumps((known + rest)[:{count}]))"
    )
    return django_json(env, code)


def make_tokens(env: dict[str, str], emails: list[str], scope: str = "write") -> list[str]:
    code = (
        "import json; from lodestar.accounts.models import User; "
        "from lodestar.tokens.services import token_create; "
        f"print(json.dumps([token_create(user=User.objects.get(email=e), name='ops', "
        f"scope='{scope}')[1] for e in {emails!r}]))"
    )
    return django_json(env, code)


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile of `values` (p in 0..100)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, min(len(ordered), math.ceil(p / 100 * len(ordered))))
    return ordered[rank - 1]

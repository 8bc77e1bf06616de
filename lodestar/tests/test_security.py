"""Security headers on every page, CSRF, no inline script or style, and a clean
`check --deploy` with production settings."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse

from lodestar.lib.crypto import generate_key
from lodestar.tokens.services import token_create

ROOT = Path(__file__).resolve().parents[2]
LODESTAR = str(Path(sys.executable).with_name("lodestar"))
CSP = {
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
}


def policy(response) -> set[str]:
    return {part.strip() for part in response["Content-Security-Policy"].split(";")}


def production_env(tmp_path, **extra: str) -> dict[str, str]:
    # Nothing from the test run: e2e's DJANGO_ALLOW_ASYNC_UNSAFE, the inline task backend...
    test_only = {"DEBUG", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "TASKS_BACKEND"}
    base = {k: v for k, v in os.environ.items() if k not in test_only}
    return {
        **base,
        "SECRET_KEY": "k3y-" + "x7Qp9" * 12,
        "ALLOWED_HOSTS": "mentoring.example.org",
        "FIELD_ENCRYPTION_KEYS": generate_key(),
        "LODESTAR_VAR_DIR": str(tmp_path),
        **extra,
    }


def assert_security_headers(response) -> None:
    assert policy(response) == CSP
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "microphone=()" in response["Permissions-Policy"]


def test_a_public_page_carries_the_security_headers(client, db):
    assert_security_headers(client.get(reverse("landing")))


def test_a_signed_in_page_and_an_htmx_partial_carry_them_too(alice_client):
    assert_security_headers(alice_client.get(reverse("dashboard")))
    assert_security_headers(
        alice_client.get(reverse("notifications:bell"), headers={"HX-Request": "true"})
    )


def test_hsts_is_sent_over_https_in_production(client, db, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = client.get(reverse("landing"), secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_the_page_tells_htmx_not_to_inject_its_style(client, db):
    page = client.get(reverse("landing")).content.decode()
    assert (
        """content='{"includeIndicatorStyles": false, """
        """"attributesToSettle": ["class", "width", "height"]}'"""
        in page
    )


def test_a_post_without_the_csrf_token_is_refused(alice, client):
    client.handler.enforce_csrf_checks = True
    client.force_login(alice.user)
    response = client.post(reverse("notifications:read_all"))
    assert response.status_code == 403
    page = client.get(reverse("dashboard")).content.decode()
    token = re.search(r'"X-CSRFToken": "([^"]+)"', page).group(1)  # what htmx sends
    response = client.post(reverse("notifications:read_all"), headers={"X-CSRFToken": token})
    assert response.status_code != 403


INLINE = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>"  # inline script
    r"|<style|\sstyle=\"|\son[a-z]+=\"|javascript:",
    re.IGNORECASE,
)


def test_no_template_has_inline_script_style_or_event_handlers():
    """The policy allows neither; emails are exempt (mail clients need inline style)."""
    offenders = []
    for path in (ROOT / "lodestar").rglob("templates/**/*"):
        if path.suffix not in {".html", ".svg"} or "email" in path.parts:
            continue
        for n, line in enumerate(path.read_text().splitlines(), 1):
            if INLINE.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()[:100]}")
    assert not offenders, "\n".join(offenders)


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    result = subprocess.run(
        [LODESTAR, "check", "--deploy", "--fail-level", "WARNING"],
        env=production_env(tmp_path),
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout, result.stdout + result.stderr


def test_production_defaults_are_secure_and_the_demo_stays_on_plain_http(tmp_path):
    code = (  # the settings module alone: fast, and all that decides these values
        "import json; import lodestar.settings as s; print(json.dumps(["
        "s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "s.SECURE_HSTS_SECONDS]))"
    )
    env = {"DJANGO_SETTINGS_MODULE": "lodestar.settings"}
    prod = subprocess.run(
        [sys.executable, "-c", code],
        env={**production_env(tmp_path), **env},
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert prod.stdout.strip() == "[true, true, true, 31536000]", prod.stderr
    demo_env = {**os.environ, **env, "DEBUG": "1", "LODESTAR_VAR_DIR": str(tmp_path)}
    demo_env.pop("FIELD_ENCRYPTION_KEYS", None)
    demo = subprocess.run(
        [sys.executable, "-c", code], env=demo_env, capture_output=True, text=True, cwd=ROOT
    )
    assert demo.stdout.strip() == "[false, false, false, 0]", demo.stderr


def test_production_refuses_to_start_without_encryption_keys(tmp_path):
    env = production_env(tmp_path)
    del env["FIELD_ENCRYPTION_KEYS"]
    result = subprocess.run([LODESTAR, "check"], env=env, capture_output=True, text=True, cwd=ROOT)
    assert result.returncode != 0
    assert "FIELD_ENCRYPTION_KEYS must be set when DEBUG is off" in result.stderr


@pytest.mark.parametrize("path", ["/admin/login/", "/accounts/login/"])
def test_pages_from_other_packages_carry_the_policy(client, db, path):
    assert policy(client.get(path)) == CSP


def test_the_only_silenced_deploy_check_is_hsts_preload_and_opting_in_lifts_it(tmp_path):
    """W021 asks for `preload` in HSTS: a promise to browsers only the site's owner can make,
    so it is silenced until SECURE_HSTS_PRELOAD opts in, and then the deploy check stays clean."""
    code = "import lodestar.settings as s; print(s.SILENCED_SYSTEM_CHECKS)"
    env = {**production_env(tmp_path), "DJANGO_SETTINGS_MODULE": "lodestar.settings"}
    silenced = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=ROOT
    )
    assert silenced.stdout.strip() == "['security.W021']", silenced.stderr
    result = subprocess.run(
        [LODESTAR, "check", "--deploy", "--fail-level", "WARNING"],
        env=production_env(tmp_path, SECURE_HSTS_PRELOAD="1"),
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)" in result.stdout, result.stdout


# --- the database unreachable: a clear 503, never a 500 ---------------------------------------


def database_down(execute, sql, params, many, context):
    # What psycopg raises while PostgreSQL restarts (ops/db_restart.py does it for real).
    raise OperationalError("server closed the connection unexpectedly")


def test_a_page_answers_503_while_the_database_is_down_and_recovers_after(alice):
    client = Client(raise_request_exception=False)
    client.force_login(alice.user)
    with connection.execute_wrapper(database_down):
        response = client.get(reverse("dashboard"))  # fails loading the session, in middleware
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert "cannot reach its database" in response.content.decode()
    assert_security_headers(response)
    assert client.get(reverse("dashboard")).status_code == 200


def test_an_api_call_answers_503_in_the_api_error_shape(alice):
    _token, secret = token_create(user=alice.user, name="ops", scope="read")
    client = Client(raise_request_exception=False)
    headers = {"Authorization": f"Bearer {secret}"}
    with connection.execute_wrapper(database_down):
        response = client.get("/api/v1/me", headers=headers)
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "unavailable"
    assert "try again in a moment" in response.json()["error"]["message"]
    assert client.get("/api/v1/me", headers=headers).status_code == 200


def test_a_view_that_loses_the_database_midway_answers_503(alice_client):
    """Session and person load; the connection drops when the view reads the goals."""
    alice_client.raise_request_exception = False

    def goals_down(execute, sql, params, many, context):
        if "goals_goal" in sql:
            raise OperationalError("terminating connection due to administrator command")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(goals_down):
        response = alice_client.get(reverse("goals:reflect_goals"))
    assert response.status_code == 503
    assert alice_client.get(reverse("goals:reflect_goals")).status_code == 200


def test_other_errors_are_still_500s_and_not_disguised(alice):
    client = Client(raise_request_exception=False)
    client.force_login(alice.user)

    def broken(execute, sql, params, many, context):
        raise ZeroDivisionError

    with connection.execute_wrapper(broken):
        assert client.get(reverse("dashboard")).status_code == 500


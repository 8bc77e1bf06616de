"""Browser journeys: Debian's Chromium driven by Playwright's sync API against `live_server`.

Playwright's own browser download is not used: we launch /usr/bin/chromium (override with
LODESTAR_CHROMIUM). When it is missing, every browser test FAILS, naming the package to install;
it never skips.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from .browser import CHROMIUM, MISSING_CHROMIUM, launch_chromium

# Playwright's sync API runs an event loop in the test thread; without this, touching the ORM
# from a test (factories, assertions on rows) trips Django's async-safety check.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
DEFAULT_TIMEOUT_MS = 10_000


class _NoBrowser:
    """Stands in for a page when Chromium is missing: the first use fails the test itself."""

    def __getattr__(self, name):
        pytest.fail(MISSING_CHROMIUM, pytrace=False)


@pytest.fixture(scope="session")
def browser() -> Iterator[object | None]:
    if not CHROMIUM.exists():
        yield None
        return
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            yield browser
        finally:
            browser.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def new_page(request, browser, live_server):
    """Factory: a page in a fresh browser context (own cookies, own time zone) per call.

    Every page gets a screenshot in e2e/artifacts/ when the test fails.
    """
    contexts = []
    broken: list[str] = []  # the app's own 4xx/5xx answers: a missing stylesheet, a 500 in a swap
    refused: list[str] = []  # what the Content-Security-Policy blocked: an inline script or style

    def note_refused(message):
        if message.type == "error" and "Content Security Policy" in message.text:
            refused.append(f"{message.location}: {message.text[:300]}")

    def note_broken(response):
        if response.status >= 400 and response.url.startswith(live_server.url):
            if not response.url.endswith("/favicon.ico"):
                broken.append(f"{response.status} {response.request.method} {response.url}")

    def make(**context_options):
        if browser is None:
            return _NoBrowser()
        context_options.setdefault("viewport", {"width": 1280, "height": 900})
        context_options.setdefault("locale", "en-GB")  # 24-hour time inputs
        context = browser.new_context(base_url=live_server.url, **context_options)
        context.set_default_timeout(DEFAULT_TIMEOUT_MS)
        context.on("response", note_broken)
        context.on("console", note_refused)
        contexts.append(context)
        return context.new_page()

    yield make

    report = getattr(request.node, "report_call", None)
    failed = report is None or report.failed  # None: setup or the test itself broke early
    for n, context in enumerate(contexts):
        if failed:
            ARTIFACTS.mkdir(exist_ok=True)
            name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)
            for m, page in enumerate(context.pages):
                try:
                    page.screenshot(path=ARTIFACTS / f"{name}-{n}{m}.png", full_page=True)
                except Exception:  # a crashed page must not hide the test's own failure
                    pass
        context.close()
    if not failed and broken:
        pytest.fail("The browser got error answers from the app:\n" + "\n".join(broken))
    if not failed and refused:
        pytest.fail("The Content-Security-Policy blocked something:\n" + "\n".join(refused))


@pytest.fixture
def page(new_page):
    """A page in a fresh context, in the browser's default zone (UTC here)."""
    return new_page()


def log_in(page, email: str, password: str | None = None) -> None:
    """Sign in through the real log-in form and land on the dashboard."""
    from playwright.sync_api import expect

    from lodestar.people.tests.factories import PASSWORD

    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password or PASSWORD)
    page.get_by_label("Password").press("Enter")
    expect(page).to_have_url(re.compile(r"/dashboard/$"))


def shoot(page, prefix: str, name: str) -> None:
    """A full-page screenshot in e2e/artifacts/, named ``<prefix>-<name>.png``."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"{prefix}-{name}.png", full_page=True)

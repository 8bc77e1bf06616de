"""Take the README screenshot: a realistic, filled-in person's dashboard at 1280x900.

    DEBUG=1 .venv/bin/python e2e/screenshots.py [--out docs/screenshot.png]

Everything happens in a throwaway SQLite database under a temporary directory; the person is
made through lodestar.people.services, the server runs in a thread of this process, and the
browser is Debian's Chromium (see e2e/browser.py). The public profile, as seen by a colleague
in another time zone, is written next to the artifacts for review (e2e/artifacts/).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WIDTH, HEIGHT = 1280, 900
PASSWORD = "screenshot passphrase 2026"


def _configure(tmp: Path) -> None:
    os.environ.setdefault("DEBUG", "1")
    os.environ["DJANGO_SETTINGS_MODULE"] = "lodestar.settings"
    os.environ["SQLITE_PATH"] = str(tmp / "screenshots.sqlite3")
    os.environ["MEDIA_ROOT"] = str(tmp / "media")
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    os.environ.setdefault("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")
    os.environ.pop("DATABASE_URL", None)  # never write screenshot people into a real database
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def _person(email: str, name: str, zone: str):
    from allauth.account.models import EmailAddress

    from lodestar.accounts.models import User
    from lodestar.people import services

    user = User.objects.create_user(email=email, password=PASSWORD)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return services.profile_create(user=user, display_name=name, time_zone=zone)


def make_people():
    """Amara, a mentor in Nairobi with a full profile, and Jonas in Berlin who looks her up."""
    from lodestar.people import services

    amara = _person("amara@example.org", "Amara Okafor", "Africa/Nairobi")
    services.profile_update(
        profile=amara,
        headline="Engineering manager who still writes code on Fridays",
        bio=(
            "I lead a platform team of nine at a payments company and moved from backend "
            "engineer to manager four years ago. Happy to talk about first-time management, "
            "running good one-to-ones, and growing from senior to staff."
        ),
        job_title="Engineering manager",
        organization="Pesa Labs",
        department="Platform",
        seniority=5,
        years_experience=12,
        country="KE",
        channels=["video", "chat"],
        feedback_style="direct",
        mentorship_types=["informal", "virtual", "peer"],
        guidance_offered=["career", "technical", "navigation"],
        max_mentees=3,
        minutes_per_month=240,
        accepting_mentees=True,
    )
    services.profile_set_skills(
        profile=amara,
        skills=[
            "Go",
            "Kubernetes",
            "People management",
            "System design",
            "Hiring",
            "Public speaking",
        ],
        expertise=["Engineering management", "System design", "Career growth"],
    )
    services.language_set(profile=amara, language="en", proficiency=5)
    services.language_set(profile=amara, language="sw", proficiency=4)
    for weekday, start, end in [(1, 8 * 60, 10 * 60), (3, 17 * 60, 19 * 60), (5, 9 * 60, 11 * 60)]:
        services.availability_add(
            profile=amara, weekday=weekday, start_minute=start, end_minute=end
        )
    services.public_work_add(
        profile=amara,
        kind="talk",
        title="From engineer to manager without losing your mind",
        url="https://example.org/talks/engineer-to-manager",
        year=2024,
    )
    jonas = _person("jonas@example.org", "Jonas Weber", "Europe/Berlin")
    services.profile_update(
        profile=jonas, headline="Backend developer, new team lead", job_title="Team lead"
    )
    return amara, jonas


def _serve():
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.test.testcases import LiveServerThread

    server = LiveServerThread("127.0.0.1", StaticFilesHandler, port=0)
    server.daemon = True
    server.start()
    server.is_ready.wait()
    if server.error:
        raise server.error
    return server, f"http://127.0.0.1:{server.port}"


def shoot(out: Path, review_dir: Path) -> list[Path]:
    from playwright.sync_api import expect, sync_playwright

    sys.path.insert(0, str(ROOT))
    from e2e.browser import launch_chromium

    amara, _jonas = make_people()
    server, base = _serve()
    written = []
    problems: list[str] = []
    try:
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)

            def session(email: str, zone: str):
                context = browser.new_context(
                    base_url=base,
                    viewport={"width": WIDTH, "height": HEIGHT},
                    timezone_id=zone,
                    locale="en-GB",
                    color_scheme="light",
                )
                page = context.new_page()
                page.on(
                    "response",
                    lambda r: (
                        r.status >= 400
                        and not r.url.endswith("favicon.ico")
                        and problems.append(f"{r.status} {r.url}")
                    ),
                )
                page.goto("/accounts/login/")
                page.get_by_label("Email").fill(email)
                page.get_by_label("Password").fill(PASSWORD)
                page.get_by_label("Password").press("Enter")
                expect(page).to_have_url(f"{base}/dashboard/")
                return page

            page = session("amara@example.org", "Africa/Nairobi")
            page.reload()  # without the "Successfully signed in" flash
            page.wait_for_load_state("networkidle")
            out.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=out)
            written.append(out)
            page.goto("/me/")
            page.wait_for_load_state("networkidle")
            page.screenshot(path=review_dir / "profile-edit.png", full_page=True)
            written.append(review_dir / "profile-edit.png")

            viewer = session("jonas@example.org", "Europe/Berlin")
            viewer.goto(f"/people/{amara.pk}/")
            viewer.wait_for_load_state("networkidle")
            viewer.screenshot(path=review_dir / "public-profile.png", full_page=True)
            written.append(review_dir / "public-profile.png")
            browser.close()
    finally:
        server.terminate()
    if problems:
        raise SystemExit(
            "The app answered with errors while taking screenshots:\n" + "\n".join(problems)
        )
    return written


def _warn_without_emoji_font() -> None:
    """The nav's bell is an emoji; without a colour emoji font Chromium draws an empty box."""
    import shutil
    import subprocess

    if shutil.which("fc-list"):
        found = subprocess.run(["fc-list", ":charset=1f514"], capture_output=True, text=True)
        if not found.stdout.strip():
            print(
                "warning: no emoji font, the bell will be a box: "
                "apt-get install fonts-noto-color-emoji",
                file=sys.stderr,
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshot.png")
    args = parser.parse_args()
    review_dir = ROOT / "e2e" / "artifacts"
    review_dir.mkdir(parents=True, exist_ok=True)
    _warn_without_emoji_font()
    with tempfile.TemporaryDirectory(prefix="lodestar-screenshots-") as tmp:
        _configure(Path(tmp))
        for path in shoot(args.out.resolve(), review_dir):
            print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


if __name__ == "__main__":
    main()

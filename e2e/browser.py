"""How this project starts a browser: Debian's Chromium, headless, never Playwright's download."""

from __future__ import annotations

import os
from pathlib import Path

CHROMIUM = Path(os.getenv("LODESTAR_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
MISSING_CHROMIUM = (
    f"Chromium is not installed at {CHROMIUM}. The browser journeys drive Debian's Chromium; "
    "install it with `apt-get install chromium` (or point LODESTAR_CHROMIUM at a Chromium binary)."
)


def launch_chromium(playwright):
    if not CHROMIUM.exists():
        raise RuntimeError(MISSING_CHROMIUM)
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )

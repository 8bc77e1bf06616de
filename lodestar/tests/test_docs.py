"""The production guide documents every environment variable the settings read."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
READS = re.compile(
    r"""(?:envbool|envint|envlist|os\.getenv|os\.environ\.get|os\.environ\[)\(?\s*["']([A-Z][A-Z0-9_]+)["']"""
)


def test_every_environment_variable_is_in_the_production_guide():
    names = set(READS.findall((ROOT / "lodestar" / "settings.py").read_text()))
    assert {"SECRET_KEY", "DATABASE_URL", "FIELD_ENCRYPTION_KEYS"} <= names
    guide = (ROOT / "docs" / "production.md").read_text()
    missing = sorted(name for name in names if f"`{name}`" not in guide)
    assert not missing, f"document these in docs/production.md: {missing}"


def test_the_readme_links_the_production_guide():
    assert "docs/production.md" in (ROOT / "README.md").read_text()

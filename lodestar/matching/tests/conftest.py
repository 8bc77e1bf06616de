"""Matching test set-up: an empty mentor index that checks the database on every use."""

from __future__ import annotations

import pytest


@pytest.fixture
def fresh_index(monkeypatch):
    from lodestar.matching import directory

    monkeypatch.setattr(directory, "CHECK_SECONDS", 0.0)
    directory.mentor_index_clear()
    yield
    directory.mentor_index_clear()

"""The authorization matrix's vocabulary, shared by test_matrix.py and the per-app row files.

An app adds its endpoints to the matrix with a module ``lodestar/tests/api/matrix_<app>.py``
defining ``SOURCES`` (path parameter -> world id name), ``extend(world)`` (adds its objects to
the world, through the real services, recording ids in ``world.ids``) and ``rows()``.
"""

from __future__ import annotations

import datetime as dt
import importlib
from dataclasses import dataclass, field

from django.utils import timezone

from .conftest import API

ANYONE, OWNER, PAIR, OWNER_OF_PAIR = "anyone", "owner", "pair", "owner_of_pair"
DENIED_TO_STRANGERS = {"other": 404, "admin": 404, "staff": 404}
RULES = {
    ANYONE: {},
    OWNER: {"counterpart": 404, **DENIED_TO_STRANGERS},
    PAIR: DENIED_TO_STRANGERS,
    OWNER_OF_PAIR: {"counterpart": 403, **DENIED_TO_STRANGERS},
}
# Where each path parameter's id comes from, unless a row says otherwise.
SOURCES: dict[str, str] = {
    "goal_id": "goal", "milestone_id": "milestone", "language_id": "language", "window_id": "window",
    "work_id": "work", "profile_id": "profile", "gap_id": "gap", "criterion_id": "criterion",
    "notification_id": "notification", "meeting_id": "past", "note_id": "shared_note",
    "takeaway_id": "takeaway", "item_id": "action", "token_id": "token",
}


def _later(days: int) -> str:
    return (timezone.now() + dt.timedelta(days=days)).replace(second=0, microsecond=0).isoformat()


@dataclass
class Row:
    method: str
    path: str
    rule: str
    body: object = None
    ids: dict = field(default_factory=dict)
    session: bool = False  # made for the browser: called with a session instead of a token

    def url(self, world) -> str:
        values = {name: world.ids[self.ids.get(name, source)] for name, source in sources().items()
                  if "{" + name + "}" in self.path}
        return API + self.path.format(**values)



EXTENSIONS = ("outreach", "relationships", "programs")


def extensions() -> list:
    """The per-app row modules that exist."""
    found = []
    for name in EXTENSIONS:
        module = f"lodestar.tests.api.matrix_{name}"
        try:
            found.append(importlib.import_module(module))
        except ModuleNotFoundError as error:
            if error.name != module:
                raise
    return found


def sources() -> dict[str, str]:
    merged = dict(SOURCES)
    for ext in extensions():
        merged.update(getattr(ext, "SOURCES", {}))
    return merged

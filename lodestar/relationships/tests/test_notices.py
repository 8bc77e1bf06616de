"""Every notification kind this app registers renders as an email and an in-app title."""

from __future__ import annotations

import datetime as dt

import pytest

from lodestar.notifications.models import Notification
from lodestar.notifications.registry import render_email, render_title

KINDS = ("relationship_ended", "mentor_invitation", "relationship_health_check")


@pytest.mark.django_db
@pytest.mark.parametrize("code", KINDS)
def test_our_kinds_render(alice, code):
    context = {"other_name": "Chen", "reason": "Goals achieved", "mentor_name": "Bo",
               "relationship_id": 1}
    notice = Notification(kind=code, recipient=alice.user, key=code, context=context,
                          due_at=dt.datetime(2026, 6, 10, 14, tzinfo=dt.UTC))
    subject, text, html = render_email(notice)
    assert subject and "\n" not in subject and "{{" not in subject
    assert text.startswith("Hello Alice Mensah") and "{{" not in text
    assert html.lstrip().startswith("<!doctype html>") and "Alice Mensah" in html
    assert render_title(notice)

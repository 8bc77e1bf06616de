"""A bank of open coaching questions a mentor can draw on before a session, by theme."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

QUESTIONS = {
    _("Getting started"): (
        _("What would make today's conversation worth your time?"),
        _("What has changed since we last spoke?"),
        _("Which part of this feels most unclear to you right now?"),
    ),
    _("Going deeper"): (
        _("What have you already tried, and what did you notice?"),
        _("If a friend brought you this problem, what would you tell them?"),
        _("What are you assuming here that might not be true?"),
        _("What would you do if you knew you could not fail?"),
    ),
    _("Options and choices"): (
        _("What are three different ways you could approach this?"),
        _("What would you gain and what would you give up with each?"),
        _("Who else could help you see this from another angle?"),
    ),
    _("Commitment"): (
        _("What is one small step you can take before we meet again?"),
        _("How will you know it worked?"),
        _("What might get in the way, and what will you do then?"),
    ),
}

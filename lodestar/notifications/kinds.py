"""Every kind of notification Lodestar sends. Features add theirs here, with templates in
templates/notifications/email/<code>-{subject.txt,body.txt,body.html} and inapp/<code>.txt."""

from django.utils.translation import gettext_lazy as _

from .registry import Kind, register

NEW_INTRO_REQUEST = register(Kind(
    "new_intro_request", _("New intro request"),
    _("Someone asks you, as a mentor, for a first conversation."),
    required=("mentee_name",),
))
REQUEST_REMINDER = register(Kind(
    "request_reminder", _("Unanswered request reminder"),
    _("A request to you has been waiting for an answer."),
    required=("mentee_name", "days_waiting"),
))
REQUEST_EXPIRED = register(Kind(
    "request_expired", _("Request expired"),
    _("A request you sent ran out of time without an answer."),
    required=("mentor_name",),
))
INTRO_CALL_BOOKED = register(Kind(
    "intro_call_booked", _("Intro call booked"),
    _("A first conversation has a date."),
    required=("other_name", "starts_at"),
    moot_after="starts_at",
))
AGENDA_DUE = register(Kind(
    "agenda_due", _("Agenda due"),
    _("Time to send the agenda for your next meeting."),
    required=("other_name", "starts_at"),
    moot_after="starts_at",
))
MEETING_REMINDER = register(Kind(
    "meeting_reminder", _("Meeting reminder"),
    _("A meeting is about to start. Sent even during quiet hours."),
    time_critical=True,
    required=("other_name", "starts_at"),
    moot_after="starts_at",
))
FOLLOW_UP_DUE = register(Kind(
    "follow_up_due", _("Follow-up due"),
    _("A day has nearly passed since your meeting and the follow-up has not gone out."),
    required=("other_name",),
))
CHECK_IN_DUE = register(Kind(
    "check_in_due", _("Check-in due"),
    _("A relationship has gone quiet for longer than you agreed."),
    required=("other_name", "days_quiet"),
))
RELATIONSHIP_AT_RISK = register(Kind(
    "relationship_at_risk", _("Relationship at risk"),
    _("A relationship shows signs of fading, with what might help."),
    required=("other_name", "reason"),
))
SURVEY_DUE = register(Kind(
    "survey_due", _("Program survey due"),
    _("A program you are in asks how things are going."),
    required=("program_name",),
))
MATCH_PUBLISHED = register(Kind(
    "match_published", _("Match published"),
    _("A program has matched you with someone."),
    required=("program_name", "other_name"),
))
DIGEST = register(Kind(
    "digest", _("Daily digest"),
    _("One email a day that gathers everything that is not urgent."),
    default_channel="email",
    required=("items",),
    user_configurable=False,
))

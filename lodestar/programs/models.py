"""Formal mentorship programs: settings, enrollment, matching runs and their pairs, surveys.

A program is run by its admins (named by staff). People enrol as mentor or mentee (or peer);
a matching run proposes pairs that the admins review, swap and lock before publishing them as
formal relationships. Surveys at the program's milestones ask how each pair is doing; survey
comments are encrypted and shown to nobody but their author.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lodestar.lib.crypto import EncryptedTextField
from lodestar.people.models import Profile


class ProgramKind(models.TextChoices):
    ONE_TO_ONE = "one_to_one", _("One to one: a mentor and a mentee")
    PEER = "peer", _("Peer: people of the same pool pair up")
    REVERSE = "reverse", _("Reverse: junior people mentor senior ones")


class Audience(models.TextChoices):
    INVITE = "invite", _("Only the people on the invite list")
    DOMAIN = "domain", _("Anyone with an email address at one domain")
    OPEN = "open", _("Anyone signed in")


class MatchMode(models.TextChoices):
    OPTIMAL = "optimal", _("Optimal: the best total fit")
    STABLE = "stable", _("Stable: no mentee and mentor would rather pair up")
    PEER = "peer", _("Peer: pairs within one pool")
    SELF = "self", _("Self-match: mentees choose among their best suggestions")


class ProgramQuerySet(models.QuerySet):
    def managed_by(self, profile: Profile) -> QuerySet[Program]:
        """Staff reach every program; an admin only the programs they were named for."""
        if profile.user.is_staff:
            return self.all()
        return self.filter(admins=profile)

    def open_to(self, profile: Profile) -> QuerySet[Program]:
        """Programs this person may see and apply to, or is already in."""
        email = profile.user.email.lower()
        domain = email.rsplit("@", 1)[-1]
        return self.filter(
            Q(audience=Audience.OPEN)
            | Q(audience=Audience.DOMAIN, email_domain__iexact=domain)
            | Q(audience=Audience.INVITE, invite_list__icontains=email)
            | Q(participants__profile=profile)
        ).distinct()


class Program(models.Model):
    name = models.CharField(_("name"), max_length=120)
    purpose = models.TextField(_("purpose"), max_length=4000, blank=True)
    kind = models.CharField(_("kind"), max_length=12, choices=ProgramKind.choices,
                            default=ProgramKind.ONE_TO_ONE)
    audience = models.CharField(_("who may apply"), max_length=8, choices=Audience.choices,
                                default=Audience.INVITE)
    invite_list = models.TextField(_("invite list"), blank=True,
                                   help_text=_("One email address a line."))
    email_domain = models.CharField(_("email domain"), max_length=120, blank=True)
    enrollment_opens = models.DateField(_("enrollment opens"), null=True, blank=True)
    enrollment_closes = models.DateField(_("enrollment closes"), null=True, blank=True)
    matching_on = models.DateField(_("matching date"), null=True, blank=True)
    starts_on = models.DateField(_("start"), null=True, blank=True)
    ends_on = models.DateField(_("end"), null=True, blank=True)
    milestone_days = models.JSONField(
        _("check-in milestones (days after the start)"), default=list, blank=True,
        help_text=_("For example 30, 90. The midpoint and the end are always asked."),
    )
    mentor_capacity = models.PositiveSmallIntegerField(
        _("mentees per mentor"), default=1, help_text=_("How many mentees each mentor takes.")
    )
    match_mode = models.CharField(_("matching"), max_length=8, choices=MatchMode.choices,
                                  default=MatchMode.OPTIMAL)
    weights = models.JSONField(_("matching weights"), default=dict, blank=True)
    forbid_same_department = models.BooleanField(_("pair across departments only"), default=False)
    forbid_same_line = models.BooleanField(_("never in the same reporting line"), default=True)
    max_zone_gap_hours = models.PositiveSmallIntegerField(
        _("largest time-zone gap (hours)"), null=True, blank=True
    )
    admins = models.ManyToManyField(Profile, verbose_name=_("admins"), related_name="programs_run",
                                    blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                   blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True)

    objects = ProgramQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.name

    def enrollment_open(self, on: dt.date | None = None) -> bool:
        on = on or timezone.localdate()
        if self.enrollment_opens and on < self.enrollment_opens:
            return False
        return not (self.enrollment_closes and on > self.enrollment_closes)

    def invited(self, email: str) -> bool:
        email = email.strip().lower()
        if self.audience == Audience.OPEN:
            return True
        if self.audience == Audience.DOMAIN:
            return bool(self.email_domain) and email.endswith("@" + self.email_domain.lower().lstrip("@"))
        return email in {line.strip().lower() for line in self.invite_list.splitlines() if line.strip()}

    @property
    def roles(self) -> list[str]:
        return [Role.PEER] if self.kind == ProgramKind.PEER else [Role.MENTEE, Role.MENTOR]


class QuestionKind(models.TextChoices):
    TEXT = "text", _("Free text")
    CHOICE = "choice", _("One choice")


class QuestionUse(models.TextChoices):
    NONE = "none", _("Not used for matching")
    MUST = "must", _("Pairs must give the same answer")
    SHOULD = "should", _("Pairs should give the same answer (counts in the match score)")


class Question(models.Model):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="questions")
    role = models.CharField(_("asked of"), max_length=8, default="all",
                            choices=[("all", _("everyone")), ("mentee", _("mentees")),
                                     ("mentor", _("mentors"))])
    text = models.CharField(_("question"), max_length=300)
    kind = models.CharField(_("answer"), max_length=8, choices=QuestionKind.choices,
                            default=QuestionKind.TEXT)
    choices = models.JSONField(_("choices"), default=list, blank=True)
    matching = models.CharField(_("use in matching"), max_length=8, choices=QuestionUse.choices,
                                default=QuestionUse.NONE)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["program", "position", "id"]

    def __str__(self) -> str:
        return self.text

    def asks(self, role: str) -> bool:
        return self.role == "all" or self.role == role or (role == Role.PEER)


class Role(models.TextChoices):
    MENTEE = "mentee", _("Mentee")
    MENTOR = "mentor", _("Mentor")
    PEER = "peer", _("Peer")


class Status(models.TextChoices):
    APPLIED = "applied", _("Applied")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")
    MATCHED = "matched", _("Matched")
    WAITLISTED = "waitlisted", _("Waitlisted")


class ParticipantQuerySet(models.QuerySet):
    def in_pool(self) -> QuerySet[Participant]:
        return self.filter(status__in=[Status.APPROVED, Status.WAITLISTED, Status.MATCHED])


class Participant(models.Model):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="participants")
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="program_places")
    role = models.CharField(_("role"), max_length=8, choices=Role.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.APPLIED)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    imported = models.BooleanField(default=False)
    waitlist_reason = models.CharField(max_length=300, blank=True)
    applied_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        ordering = ["program", "role", "id"]
        constraints = [
            models.UniqueConstraint(fields=["program", "profile"], name="one_place_per_program"),
        ]

    def __str__(self) -> str:
        return f"{self.profile} ({self.role}) in {self.program}"


class RunState(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class ProgramRun(models.Model):
    """One matching of a program's pool; its proposals are the program's unpublished pairs."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="runs")
    mode = models.CharField(max_length=8, choices=MatchMode.choices)
    state = models.CharField(max_length=8, choices=RunState.choices, default=RunState.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    stage = models.CharField(max_length=200, blank=True)
    report = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                   blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    @property
    def busy(self) -> bool:
        return self.state in (RunState.QUEUED, RunState.RUNNING)


class PairState(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    PUBLISHED = "published", _("Published")


class ProgramMatchQuerySet(models.QuerySet):
    def proposed(self) -> QuerySet[ProgramMatch]:
        return self.filter(state=PairState.PROPOSED)

    def published(self) -> QuerySet[ProgramMatch]:
        return self.filter(state=PairState.PUBLISHED)

    def for_profile(self, profile: Profile) -> QuerySet[ProgramMatch]:
        return self.filter(Q(mentee__profile=profile) | Q(mentor__profile=profile))


class ProgramMatch(models.Model):
    """A pair of one program; in a peer program `mentee` and `mentor` are the two partners."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="matches")
    run = models.ForeignKey(ProgramRun, on_delete=models.SET_NULL, null=True, blank=True,
                            related_name="pairs")
    mentee = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="as_mentee")
    mentor = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="as_mentor")
    score = models.FloatField(default=0.0)
    reasons = models.JSONField(default=list, blank=True)
    locked = models.BooleanField(default=False)
    by_hand = models.BooleanField(default=False)
    state = models.CharField(max_length=10, choices=PairState.choices, default=PairState.PROPOSED)
    relationship = models.OneToOneField("relationships.Relationship", on_delete=models.SET_NULL,
                                        null=True, blank=True, related_name="program_match")
    published_at = models.DateTimeField(null=True, blank=True)

    objects = ProgramMatchQuerySet.as_manager()

    class Meta:
        ordering = ["program", "-score", "id"]


class Suggestion(models.Model):
    """Self-match mode: one of a mentee's best mentors in the program, to choose from."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="suggestions")
    mentee = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="suggestions")
    mentor = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField()
    score = models.FloatField()
    reasons = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["mentee", "rank"]


class SurveyKind(models.TextChoices):
    MILESTONE = "milestone", _("Check-in")
    CLOSING = "closing", _("Closing survey")


class Survey(models.Model):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="surveys")
    kind = models.CharField(max_length=10, choices=SurveyKind.choices, default=SurveyKind.MILESTONE)
    label = models.CharField(max_length=80)
    due_on = models.DateField()

    class Meta:
        ordering = ["program", "due_on", "id"]
        constraints = [models.UniqueConstraint(fields=["program", "label"], name="survey_label_once")]

    def __str__(self) -> str:
        return f"{self.program}: {self.label}"


class EndReason(models.TextChoices):
    GOALS_MET = "goals_met", _("We reached what we set out to do")
    PROGRAM_ENDED = "program_ended", _("The program came to its end")
    NO_TIME = "no_time", _("One of us ran out of time")
    NOT_A_FIT = "not_a_fit", _("It was not a good fit")
    OTHER = "other", _("Something else")


class SurveyResponse(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="responses")
    satisfaction = models.PositiveSmallIntegerField()
    meeting = models.BooleanField()
    goal_progress = models.PositiveSmallIntegerField(help_text="0 to 100")
    recommend = models.PositiveSmallIntegerField(null=True, blank=True, help_text="0 to 10")
    comments = EncryptedTextField(blank=True, max_length=4000)
    end_reason = models.CharField(max_length=16, choices=EndReason.choices, blank=True)
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["survey", "participant"],
                                               name="one_answer_per_survey")]

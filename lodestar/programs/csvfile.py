"""Participants in and out of a program as CSV (Python's csv module).

Import columns: email, role, name, department, manager_email, time_zone, skills (separated by
";"; what a mentor offers, what a mentee wants to learn), then one column per enrollment
question, headed with the question's text or ``q<id>``. An optional ``languages`` column
lists working languages (ISO codes, ";"); a new account without one is given English, since
pairs must share a language. Every row is checked before anything
is written; one bad row and nothing is imported, and the report names each bad row.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from zoneinfo import available_timezones

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils.translation import gettext as _

from lodestar.accounts.models import User
from lodestar.goals.models import SkillGap
from lodestar.people.models import Profile, ProfileLanguage, Skill, normalize_skill_name

from .models import Participant, Program, QuestionKind, Role, Status

REQUIRED = ("email", "role")
KNOWN = ("email", "role", "name", "department", "manager_email", "time_zone", "skills",
         "languages")
LANGUAGE = re.compile(r"^[a-z]{2,3}$")
EMAIL = re.compile(r"^[^@\s,;]+@[^@\s,;]+\.[^@\s,;]+$")
MAX_ROWS = 20_000  # the email lookups stay under SQLite's 32,766 parameters
_ZONES: set[str] = set()


@dataclass
class ImportReport:
    created: int = 0
    new_accounts: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)  # (line number, message)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class _Row:
    line: int
    email: str
    role: str
    name: str
    department: str
    manager_email: str
    time_zone: str
    skills: list[str]
    languages: list[str]
    answers: dict[str, str]


def _zones() -> set[str]:
    if not _ZONES:
        _ZONES.update(available_timezones())
    return _ZONES


def _parse(program: Program, text: str, report: ImportReport) -> list[_Row]:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    headers = [h.strip().lower() if h else "" for h in (reader.fieldnames or [])]
    missing = [h for h in REQUIRED if h not in headers]
    if missing:
        report.errors.append((1, _("The first line must name the columns; missing: %(m)s.")
                              % {"m": ", ".join(missing)}))
        return []
    questions = list(program.questions.all())
    column_of = {}
    for q in questions:
        for raw in reader.fieldnames or []:
            if raw and raw.strip().lower() in (q.text.strip().lower(), f"q{q.pk}"):
                column_of[q.pk] = raw
    rows, seen = [], {}
    for n, raw in enumerate(reader, start=2):
        if n - 1 > MAX_ROWS:
            report.errors.append((n, _("A file holds at most %(n)d people.") % {"n": MAX_ROWS}))
            break
        if None in raw:
            report.errors.append((n, _("This line has more values than there are columns.")))
            continue
        get = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items()}
        if not any(get.values()):
            continue
        problems = []
        email = get.get("email", "").lower()
        if not EMAIL.match(email):
            problems.append(_("“%(e)s” is not an email address") % {"e": email})
        elif email in seen:
            problems.append(_("%(e)s is already on line %(n)d") % {"e": email, "n": seen[email]})
        else:
            seen[email] = n
        role = get.get("role", "").lower()
        if role not in program.roles:
            problems.append(_("role must be %(r)s") % {"r": _(" or ").join(program.roles)})
        zone = get.get("time_zone", "") or "UTC"
        if zone not in _zones():
            problems.append(_("“%(z)s” is not a time zone (like Europe/Paris)") % {"z": zone})
        manager = get.get("manager_email", "").lower()
        if manager and not EMAIL.match(manager):
            problems.append(_("manager_email “%(e)s” is not an email address") % {"e": manager})
        if manager and manager == email:
            problems.append(_("a person cannot be their own manager"))
        answers = {}
        for q in questions:
            if not q.asks(role) or q.pk not in column_of:
                continue
            value = (raw.get(column_of[q.pk]) or "").strip()
            if q.kind == QuestionKind.CHOICE and value not in q.choices:
                problems.append(_("“%(q)s” must be one of: %(c)s") % {"q": q.text, "c": ", ".join(q.choices)})
            answers[str(q.pk)] = value
        skills = [s for s in (x.strip() for x in get.get("skills", "").split(";")) if s]
        if any(len(s) > 60 for s in skills):
            problems.append(_("a skill name is longer than 60 characters"))
        languages = [x.strip().lower() for x in get.get("languages", "").split(";") if x.strip()]
        if any(not LANGUAGE.match(x) for x in languages):
            problems.append(_("languages are ISO codes like en;fr"))
        name = get.get("name", "")
        if len(name) > 80:
            problems.append(_("the name is longer than 80 characters"))
        if problems:
            report.errors.append((n, "; ".join(problems)))
            continue
        rows.append(_Row(n, email, role, name, get.get("department", "")[:120], manager, zone,
                         skills, languages or ["en"], answers))
    return rows


def participants_import(*, program: Program, text: str) -> ImportReport:
    """Validate the whole file, then write it in one transaction, or write nothing."""
    report = ImportReport()
    if "\x00" in text:
        report.errors.append((1, _("The file holds NUL characters: save it again as plain CSV.")))
        return report
    try:
        rows = _parse(program, text, report)
    except csv.Error as error:
        report.errors.append((1, _("The file is not readable as CSV: %(e)s") % {"e": error}))
        return report
    if not rows and not report.errors:
        report.errors.append((1, _("The file has no participants.")))
    if report.errors:
        return report
    emails = [r.email for r in rows]
    existing = dict(User.objects.filter(email__in=emails).values_list("email", "pk"))
    in_program = set(Participant.objects.filter(program=program, profile__user__email__in=emails)
                     .values_list("profile__user__email", flat=True))
    managers = {r.manager_email for r in rows if r.manager_email}
    known_managers = set(User.objects.filter(email__in=managers, profile__isnull=False)
                         .values_list("email", flat=True))
    for r in rows:
        if r.email in in_program:
            report.errors.append((r.line, _("%(e)s is already in this program") % {"e": r.email}))
        if r.manager_email and r.manager_email not in known_managers and r.manager_email not in emails:
            report.errors.append((r.line, _("manager %(e)s is neither in the file nor in Lodestar")
                                  % {"e": r.manager_email}))
        if r.email in existing and not r.name:
            pass  # an existing person keeps their name
        elif r.email not in existing and not r.name:
            report.errors.append((r.line, _("a new person needs a name")))
    if report.errors:
        report.errors.sort()
        return report
    with transaction.atomic():
        _write(program, rows, existing, report)
    return report


def _write(program: Program, rows: list[_Row], existing: dict[str, int], report: ImportReport) -> None:
    unusable = make_password(None)
    new = [r for r in rows if r.email not in existing]
    User.objects.bulk_create([User(email=r.email, password=unusable) for r in new], batch_size=1000)
    users = dict(User.objects.filter(email__in=[r.email for r in rows]).values_list("email", "pk"))
    EmailAddress.objects.bulk_create(
        [EmailAddress(user_id=users[r.email], email=r.email, verified=True, primary=True) for r in new],
        batch_size=1000, ignore_conflicts=True,
    )
    with_profile = set(Profile.objects.filter(user_id__in=users.values()).values_list("user_id", flat=True))
    Profile.objects.bulk_create([
        Profile(user_id=users[r.email], display_name=r.name or r.email.split("@")[0],
                department=r.department, time_zone=r.time_zone)
        for r in rows if users[r.email] not in with_profile
    ], batch_size=1000)
    profiles = dict(Profile.objects.filter(user_id__in=users.values()).values_list("user__email", "pk"))
    manager_emails = {r.manager_email for r in rows if r.manager_email}
    manager_pk = dict(Profile.objects.filter(user__email__in=manager_emails).values_list("user__email", "pk"))
    fresh = {users[r.email] for r in rows} - with_profile
    reports: dict[int, list[int]] = {}  # manager -> new people reporting to them
    for r in rows:
        if r.manager_email and users[r.email] in fresh:
            reports.setdefault(manager_pk[r.manager_email], []).append(profiles[r.email])
    for manager, team in reports.items():  # one short update per manager, not one huge CASE
        Profile.objects.filter(pk__in=team).update(manager_id=manager)
    # Mentors offer their skills; they take program mentees.
    names = {normalize_skill_name(s)[1]: normalize_skill_name(s)[0] for r in rows for s in r.skills}
    known = dict(Skill.objects.filter(key__in=names).values_list("key", "pk"))
    Skill.objects.bulk_create([Skill(name=n, key=k) for k, n in names.items() if k not in known],
                              ignore_conflicts=True)
    skill_pk = dict(Skill.objects.filter(key__in=names).values_list("key", "pk"))
    offered, wanted = [], []
    _SkillLink, ExpertiseLink = Profile.skills.through, Profile.expertise.through
    for r in rows:
        pid = profiles[r.email]
        for s in {normalize_skill_name(x)[1] for x in r.skills}:
            if r.role == Role.MENTEE:
                wanted.append(SkillGap(owner_id=pid, skill_id=skill_pk[s]))
            else:
                offered.append(ExpertiseLink(profile_id=pid, skill_id=skill_pk[s]))
                if r.role == Role.PEER:
                    wanted.append(SkillGap(owner_id=pid, skill_id=skill_pk[s]))
    ProfileLanguage.objects.bulk_create([
        ProfileLanguage(profile_id=profiles[r.email], language=code, proficiency=4)
        for r in rows if users[r.email] in fresh for code in dict.fromkeys(r.languages)
    ], batch_size=2000, ignore_conflicts=True)
    ExpertiseLink.objects.bulk_create(offered, batch_size=2000, ignore_conflicts=True)
    SkillGap.objects.bulk_create(wanted, batch_size=2000, ignore_conflicts=True)
    mentors = [profiles[r.email] for r in rows if r.role != Role.MENTEE]
    Profile.objects.filter(pk__in=mentors, mentorship_types="").update(mentorship_types="formal")
    Participant.objects.bulk_create([
        Participant(program=program, profile_id=profiles[r.email], role=r.role,
                    status=Status.APPROVED, answers=r.answers, imported=True)
        for r in rows
    ], batch_size=1000)
    report.created = len(rows)
    report.new_accounts = len(new)


EXPORT_COLUMNS = ("email", "name", "role", "status", "department", "time_zone", "matched_with",
                  "waitlist_reason")


def participants_export(*, program: Program) -> str:
    """One line per participant: who, role, status, and who they were matched with."""
    from .models import ProgramMatch

    partner: dict[int, list[str]] = {}
    for a, b in ProgramMatch.objects.filter(program=program).values_list(
        "mentee__profile__user__email", "mentor__profile__user__email"
    ):
        partner.setdefault(a, []).append(b)
        partner.setdefault(b, []).append(a)
    questions = list(program.questions.all())
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([*EXPORT_COLUMNS, *[q.text for q in questions]])
    people = Participant.objects.filter(program=program).select_related("profile__user").order_by("pk")
    for p in people.iterator(chunk_size=2000):
        email = p.profile.user.email
        writer.writerow([
            email, _safe(p.profile.display_name), p.role, p.status, _safe(p.profile.department),
            str(p.profile.time_zone), ";".join(partner.get(email, [])), _safe(p.waitlist_reason),
            *[_safe(p.answers.get(str(q.pk), "")) for q in questions],
        ])
    return out.getvalue()


def _safe(value: str) -> str:
    """Spreadsheets run cells that start with = + - @ as formulas: quote them."""
    value = str(value or "")
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value

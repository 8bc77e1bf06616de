"""Program pages: staff create, admins run (settings, people, matching, dashboard), people join."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lodestar.lib.permissions import profile_of
from lodestar.people.models import Profile

from . import analytics, charts, csvfile, matchrun, services
from .forms import (
    ApplyForm,
    ImportForm,
    ProgramCreateForm,
    ProgramForm,
    QuestionForm,
    RunForm,
    SurveyForm,
)
from .models import (
    Participant,
    Program,
    ProgramMatch,
    ProgramRun,
    Question,
    Status,
    Suggestion,
    Survey,
    SurveyKind,
    SurveyResponse,
)


def managed(request: HttpRequest, pk: int) -> tuple[Program, Profile]:
    """A program the caller runs (staff: any); to anyone else it does not exist."""
    viewer = profile_of(request.user)
    return get_object_or_404(Program.objects.managed_by(viewer), pk=pk), viewer


def _errors_to_form(form, exc: ValidationError) -> None:
    for name, errs in getattr(exc, "message_dict", {"__all__": exc.messages}).items():
        form.add_error(name if name in form.fields else None, errs)


@login_required
def program_list(request: HttpRequest) -> HttpResponse:
    viewer = profile_of(request.user)
    form = ProgramCreateForm(request.POST or None)
    if request.method == "POST":
        if not request.user.is_staff:
            raise Http404
        if form.is_valid():
            emails = [e.strip().lower() for e in form.cleaned_data["admins"].split() if e.strip()]
            admins = list(Profile.objects.filter(user__email__in=emails))
            missing = set(emails) - {a.user.email for a in admins}
            if missing:
                form.add_error("admins", _("No account for: %(e)s") % {"e": ", ".join(sorted(missing))})
            else:
                try:
                    program = services.program_create(by=viewer, name=form.cleaned_data["name"],
                                                      admins=admins)
                    return redirect("programs:detail", pk=program.pk)
                except ValidationError as exc:
                    _errors_to_form(form, exc)
    return render(request, "programs/list.html", {
        "managed": Program.objects.managed_by(viewer),
        "open": Program.objects.open_to(viewer).exclude(pk__in=Program.objects.managed_by(viewer)),
        "form": form,
    })


@login_required
def program_detail(request: HttpRequest, pk: int) -> HttpResponse:
    program, _viewer = managed(request, pk)
    form = ProgramForm(request.POST or None, instance=program)
    if request.method == "POST" and form.is_valid():
        try:
            services.program_update(program=program, **form.settings())
            messages.success(request, _("Settings saved."))
            return redirect("programs:detail", pk=pk)
        except ValidationError as exc:
            _errors_to_form(form, exc)
    program.refresh_from_db()
    return render(request, "programs/detail.html", {
        "program": program, "form": form, "question_form": QuestionForm(), "tab": "settings",
        "plan": services.survey_plan(program),
    })


@login_required
@require_POST
def question_add(request: HttpRequest, pk: int) -> HttpResponse:
    program, _viewer = managed(request, pk)
    form = QuestionForm(request.POST)
    if form.is_valid():
        try:
            services.question_add(program=program, **form.cleaned_data)
            return redirect("programs:detail", pk=pk)
        except ValidationError as exc:
            _errors_to_form(form, exc)
    return render(request, "programs/detail.html", {
        "program": program, "form": ProgramForm(instance=program), "question_form": form,
        "tab": "settings", "plan": services.survey_plan(program),
    }, status=422)


@login_required
@require_POST
def question_remove(request: HttpRequest, pk: int, question_id: int) -> HttpResponse:
    program, _viewer = managed(request, pk)
    services.question_remove(question=get_object_or_404(Question, program=program, pk=question_id))
    return redirect("programs:detail", pk=pk)


@login_required
def participants(request: HttpRequest, pk: int) -> HttpResponse:
    program, _viewer = managed(request, pk)
    form, report = ImportForm(), None
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            report = csvfile.participants_import(program=program, text=form.cleaned_data["file"])
            if report.ok:
                messages.success(request, _("%(n)d people imported (%(a)d new accounts).")
                                 % {"n": report.created, "a": report.new_accounts})
                return redirect("programs:participants", pk=pk)
    people = (Participant.objects.filter(program=program).select_related("profile__user")
              .order_by("status", "role", "pk"))
    return render(request, "programs/participants.html", {
        "program": program, "form": form, "report": report, "people": people[:500],
        "count": people.count(), "tab": "participants",
    }, status=422 if report and not report.ok else 200)


@login_required
@require_POST
def participant_decide(request: HttpRequest, pk: int, participant_id: int) -> HttpResponse:
    program, _viewer = managed(request, pk)
    place = get_object_or_404(Participant, program=program, pk=participant_id)
    try:
        services.participant_decide(participant=place, approve=request.POST.get("approve") == "1")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("programs:participants", pk=pk)


@login_required
def participants_csv(request: HttpRequest, pk: int) -> HttpResponse:
    program, _viewer = managed(request, pk)
    response = HttpResponse(csvfile.participants_export(program=program), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="program-{program.pk}-participants.csv"'
    return response


@login_required
def matching(request: HttpRequest, pk: int) -> HttpResponse:
    program, _viewer = managed(request, pk)
    form = RunForm(request.POST or None, initial={"mode": program.match_mode})
    if request.method == "POST" and form.is_valid():
        try:
            matchrun.run_create(program=program, by=request.user, mode=form.cleaned_data["mode"])
            return redirect("programs:matching", pk=pk)
        except ValidationError as exc:
            _errors_to_form(form, exc)
    run = program.runs.first()
    pairs = (ProgramMatch.objects.filter(program=program)
             .select_related("mentee__profile", "mentor__profile").order_by("state", "-locked", "-score", "pk"))
    return render(request, "programs/matching.html", {
        "program": program, "form": form, "run": run, "pairs": pairs[:300],
        "pair_count": pairs.count(), "proposed": pairs.filter(state="proposed").count(),
        "chosen_by_mentees": Suggestion.objects.filter(program=program).exists(), "tab": "matching",
    })


@login_required
def run_progress(request: HttpRequest, pk: int, run_id: int) -> HttpResponse:
    program, _viewer = managed(request, pk)
    run = get_object_or_404(ProgramRun, program=program, pk=run_id)
    response = render(request, "programs/_progress.html", {"program": program, "run": run})
    if not run.busy and request.headers.get("HX-Request"):
        response["HX-Refresh"] = "true"  # the proposals are in: show them
    return response


def _pair(program: Program, pair_id) -> ProgramMatch:
    try:
        return get_object_or_404(ProgramMatch, program=program, pk=int(pair_id))
    except (TypeError, ValueError):
        raise Http404 from None


@login_required
@require_POST
def pair_lock(request: HttpRequest, pk: int, pair_id: int) -> HttpResponse:
    program, _viewer = managed(request, pk)
    try:
        services.pair_lock(pair=_pair(program, pair_id), locked=request.POST.get("locked") == "1")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("programs:matching", pk=pk)


@login_required
@require_POST
def pair_swap(request: HttpRequest, pk: int, pair_id: int) -> HttpResponse:
    program, _viewer = managed(request, pk)
    pair = _pair(program, pair_id)
    other = ProgramMatch.objects.filter(program=program, pk=request.POST.get("other") or 0).first() \
        if str(request.POST.get("other", "")).isdigit() else None
    if other is None:
        messages.error(request, _("Choose the pair to swap with."))
    else:
        try:
            services.pair_swap(pair=pair, other=other)
            messages.success(request, _("Swapped; both pairs are now locked."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    return redirect("programs:matching", pk=pk)


@login_required
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    program, viewer = managed(request, pk)
    try:
        done = services.program_publish(program=program, by=viewer)
        messages.success(request, _("Published %(p)d pairs; %(w)d people are on the waitlist.")
                         % {"p": done["pairs"], "w": done["waitlisted"]})
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("programs:matching", pk=pk)


@login_required
def dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    program, _viewer = managed(request, pk)
    data = analytics.program_analytics(program)
    return render(request, "programs/dashboard.html", {
        "program": program, "data": data, "charts": charts.dashboard_charts(data),
        "min_group": analytics.MIN_GROUP, "tab": "dashboard",
    })


@login_required
def dashboard_csv(request: HttpRequest, pk: int) -> HttpResponse:
    program, _viewer = managed(request, pk)
    text = analytics.analytics_csv(analytics.program_analytics(program))
    response = HttpResponse(text, content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="program-{program.pk}-analytics.csv"'
    return response


# ------------------------------------------------------------------------------ participants


def _visible(viewer: Profile, pk: int) -> Program:
    return get_object_or_404(Program.objects.open_to(viewer), pk=pk)


@login_required
def mine(request: HttpRequest, pk: int) -> HttpResponse:
    """The program as a participant sees it: apply, then status, match, suggestions, surveys."""
    viewer = profile_of(request.user)
    program = _visible(viewer, pk)
    place = Participant.objects.filter(program=program, profile=viewer).first()
    form = ApplyForm(request.POST or None, program=program)
    if request.method == "POST" and place is None and form.is_valid():
        try:
            services.participant_apply(program=program, profile=viewer, role=form.cleaned_data["role"],
                                       answers=form.answers())
            messages.success(request, _("Application sent. The program's team will answer."))
            return redirect("programs:mine", pk=pk)
        except ValidationError as exc:
            _errors_to_form(form, exc)
    context = {"program": program, "place": place, "form": form, "matches": [], "suggestions": [],
               "surveys": []}
    if place is not None:
        context["matches"] = ProgramMatch.objects.published().filter(
            program=program).for_profile(viewer).select_related("mentee__profile", "mentor__profile")
        if not ProgramMatch.objects.filter(program=program, mentee=place).exists():
            context["suggestions"] = Suggestion.objects.filter(mentee=place).select_related("mentor__profile")
        if place.status == Status.MATCHED:
            answered = set(SurveyResponse.objects.filter(participant=place).values_list("survey_id", flat=True))
            context["surveys"] = [(s, s.pk in answered) for s in program.surveys.all()]
    return render(request, "programs/mine.html", context, status=422 if form.errors else 200)


@login_required
@require_POST
def choose(request: HttpRequest, pk: int, suggestion_id: int) -> HttpResponse:
    viewer = profile_of(request.user)
    suggestion = get_object_or_404(Suggestion, program_id=pk, mentee__profile=viewer, pk=suggestion_id)
    try:
        services.suggestion_choose(suggestion=suggestion, by=viewer)
        messages.success(request, _("Chosen. You will hear when the program publishes its pairs."))
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    return redirect("programs:mine", pk=pk)


@login_required
def survey(request: HttpRequest, pk: int, survey_id: int) -> HttpResponse:
    viewer = profile_of(request.user)
    place = get_object_or_404(Participant, program_id=pk, profile=viewer, status=Status.MATCHED)
    found = get_object_or_404(Survey, program_id=pk, pk=survey_id)
    form = SurveyForm(request.POST or None, closing=found.kind == SurveyKind.CLOSING)
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_respond(survey=found, participant=place, **form.cleaned_data)
            messages.success(request, _("Thank you. Your answers count only in totals."))
            return redirect("programs:mine", pk=pk)
        except ValidationError as exc:
            _errors_to_form(form, exc)
    return render(request, "programs/survey.html", {"program": found.program, "survey": found,
                                                    "form": form},
                  status=422 if form.errors else 200)

"""My goals: the list with progress, and one goal's status, milestones, check-ins and sharing."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from lodestar.lib.forms import copy_errors
from lodestar.people.models import Profile

from . import services
from .forms import CheckInForm, MilestoneForm, ProgressForm, StatusForm, VisibilityForm
from .models import Goal, GoalStatus, Milestone
from .readiness import local_today, reflection_readiness

# What each form on a goal's page does: (form, service call, confirmation).
ACTIONS = {
    "status": (
        StatusForm,
        lambda goal, d: services.goal_set_status(goal=goal, status=d["status"]),
        _("Status saved."),
    ),
    "progress": (
        ProgressForm,
        lambda goal, d: services.goal_set_progress(goal=goal, percent=d["progress_percent"]),
        _("Progress saved."),
    ),
    "visibility": (
        VisibilityForm,
        lambda goal, d: services.goal_set_visibility(goal=goal, visibility=d["visibility"]),
        _("Sharing saved."),
    ),
    "milestone": (
        MilestoneForm,
        lambda goal, d: services.milestone_add(goal=goal, title=d["title"]),
        _("Milestone added."),
    ),
    "check-in": (
        CheckInForm,
        lambda goal, d: services.goal_check_in(goal=goal, **d),
        _("Check-in saved."),
    ),
}


def own_profile(request: HttpRequest) -> Profile:
    return get_object_or_404(Profile, user=request.user)


def own_goal(profile: Profile, pk: object) -> Goal:
    """A goal the caller may change: their own. Anyone else's id, or junk, is a 404."""
    if not str(pk).isdigit():
        raise Http404
    return get_object_or_404(Goal.objects.for_owner(profile), pk=int(pk))


def visible_goal(request: HttpRequest, pk: int) -> Goal:
    """A goal the caller may read (see GoalQuerySet.visible_to); anyone else's is a 404."""
    viewer = Profile.objects.filter(user=request.user).first()
    return get_object_or_404(Goal.objects.visible_to(viewer).select_related("owner"), pk=pk)


@require_GET
def goal_list(request: HttpRequest) -> HttpResponse:
    profile = own_profile(request)
    goals = list(Goal.objects.for_owner(profile))
    order = list(GoalStatus.values)
    goals.sort(key=lambda g: (order.index(g.status), g.horizon != "short", g.position, g.pk))
    return render(
        request,
        "goals/goal_list.html",
        {"goals": goals, "readiness": reflection_readiness(profile), "profile": profile},
    )


def _detail_context(goal: Goal, viewer_id: int, **bound) -> dict:
    forms = {
        "status": StatusForm(initial={"status": goal.status}),
        "progress": ProgressForm(initial={"progress_percent": goal.progress_percent}),
        "visibility": VisibilityForm(initial={"visibility": goal.visibility}),
        "milestone": MilestoneForm(),
        "check_in": CheckInForm(initial={"on": local_today(goal.owner)}),
    }
    forms.update(bound)
    milestones = list(goal.milestones.all())
    findings = ()
    if goal.is_active:
        findings = reflection_readiness(goal.owner).findings_for(goal.pk)
    return {
        "goal": goal,
        "is_owner": goal.owner_id == viewer_id,
        "forms": forms,
        "milestones": milestones,
        "milestones_done": sum(m.done for m in milestones),
        "check_ins": goal.check_ins.all(),
        "findings": findings,
    }


def _render_goal(request: HttpRequest, goal: Goal, **bound) -> HttpResponse:
    context = _detail_context(goal, goal.owner_id, **bound)
    if request.htmx:
        return render(
            request, "goals/_swap.html", {**context, "section": "goals/goal_detail.html#body"}
        )
    return render(request, "goals/goal_detail.html", context)


@require_GET
def goal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    goal = visible_goal(request, pk)
    context = _detail_context(goal, request.user.profile.pk)
    return render(request, "goals/goal_detail.html", context)


def _done(request: HttpRequest, goal: Goal) -> HttpResponse:
    if request.htmx:
        return _render_goal(request, goal)
    return redirect(goal)


@require_POST
def goal_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in ACTIONS:
        raise Http404
    form_class, apply, confirmation = ACTIONS[action]
    goal = own_goal(own_profile(request), pk)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            apply(goal, form.cleaned_data)
        except ValidationError as exc:
            copy_errors(form, exc)
    if form.errors:
        goal.refresh_from_db()
        return _render_goal(request, goal, **{action.replace("-", "_"): form})
    messages.success(request, confirmation)
    return _done(request, goal)


def _own_milestone(request: HttpRequest, pk: int, milestone_pk: int) -> Milestone:
    goal = own_goal(own_profile(request), pk)
    return get_object_or_404(
        Milestone.objects.select_related("goal__owner"), pk=milestone_pk, goal=goal
    )


@require_POST
def milestone_toggle(request: HttpRequest, pk: int, milestone_pk: int) -> HttpResponse:
    milestone = services.milestone_toggle(milestone=_own_milestone(request, pk, milestone_pk))
    return _done(request, milestone.goal)


@require_POST
def milestone_remove(request: HttpRequest, pk: int, milestone_pk: int) -> HttpResponse:
    milestone = _own_milestone(request, pk, milestone_pk)
    goal = milestone.goal
    services.milestone_remove(milestone=milestone)
    goal.refresh_from_db()
    return _done(request, goal)

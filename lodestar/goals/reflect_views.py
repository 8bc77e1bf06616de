"""The self-reflection flow: goals, skill gaps, guidance, mentor persona, review.

Each step is one page; its changing part is the `body` partial of the same template, which
htmx swaps after a save. Without JavaScript every form posts and redirects back (or shows its
errors), so the flow works the same with the keyboard alone or with scripts turned off.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lodestar.people.models import Guidance, Profile, Skill

from . import services
from .coach import review_goal
from .forms import CriterionForm, GoalForm, GuidanceForm, SkillGapForm
from .models import CriterionKind, Goal, Horizon, Importance, Reflection, Step, Weight
from .readiness import Readiness, local_today, reflection_readiness
from .views import copy_errors, own_goal, own_profile

STEPS = list(Step)


# --- rendering ------------------------------------------------------------------------------


def _steps(readiness: Readiness, current: str) -> list[dict]:
    return [
        {
            "key": s.value,
            "n": n,
            "label": s.label,
            "url": reverse(f"goals:reflect_{s.value}"),
            "done": readiness.step_done(s),
            "current": s == current,
        }
        for n, s in enumerate(STEPS, start=1)
    ]


def _render_step(request: HttpRequest, profile: Profile, step: str, **extra) -> HttpResponse:
    readiness = reflection_readiness(profile)
    steps = _steps(readiness, step)
    i = STEPS.index(step)
    context = {
        "profile": profile,
        "readiness": readiness,
        "steps": steps,
        "step": steps[i],
        "prev": steps[i - 1] if i else None,
        "next": steps[i + 1] if i + 1 < len(steps) else None,
        **BUILDERS[step](profile, readiness, **extra),
    }
    template = f"goals/reflect_{step}.html"
    if request.htmx and (request.method == "POST" or request.htmx.target == "step-body"):
        return render(request, "goals/_swap.html", {**context, "section": f"{template}#body"})
    return render(request, template, context)


def _after_write(request: HttpRequest, profile: Profile, step: str) -> HttpResponse:
    if request.htmx:
        return _render_step(request, profile, step)
    return redirect(f"goals:reflect_{step}")


def _coach_findings(profile: Profile, data: dict) -> list:
    text = data.get("text") or ""
    if not text.strip():
        return []
    return review_goal(
        text,
        horizon=data.get("horizon") or None,
        target_date=data.get("target_date"),
        today=local_today(profile),
        measure=data.get("measure") or "",
        why=data.get("why") or "",
    )


def _goals_context(profile, readiness, *, form=None, editing=None) -> dict:
    goals = list(Goal.objects.for_owner(profile))
    if form is None:
        form = GoalForm(initial={"horizon": Horizon.SHORT})
        if editing is not None:
            form = GoalForm().initial_from(editing)
    if form.is_bound:
        typed = getattr(form, "cleaned_data", {})
    else:
        typed = {name: form[name].value() for name in form.fields}
    groups = [
        {
            "horizon": h,
            "label": h.label,
            "items": [
                _with_findings(g, readiness.findings_for(g.pk)) for g in goals if g.horizon == h
            ],
        }
        for h in Horizon
    ]
    if editing is not None:
        form.fields["text"].widget.attrs["autofocus"] = True
    live = _coach_findings(profile, typed)
    return {
        "groups": groups,
        "has_goals": bool(goals),
        "form": form,
        "editing": editing,
        "live_findings": live,
        "live_passes": not any(f.blocks for f in live),
        "live_reviewed": bool((typed.get("text") or "").strip()),
        "set_findings": readiness.goals.findings,
    }


def _with_findings(goal: Goal, findings) -> dict:
    return {"goal": goal, "findings": findings, "passes": not any(f.blocks for f in findings)}


def _gaps_context(profile, readiness, *, form=None) -> dict:
    return {
        "gaps": profile.skill_gaps.select_related("skill"),
        "form": form or SkillGapForm(),
        "skill_suggestions": Skill.objects.popular()[:200],
    }


def _guidance_context(profile, readiness, *, form=None) -> dict:
    if form is None:
        reflection = Reflection.objects.filter(profile=profile).first()
        form = GuidanceForm(initial=reflection.guidance_weights if reflection else {})
    return {"form": form}


def _persona_context(profile, readiness, *, bound=None) -> dict:
    criteria = list(profile.persona.select_related("skill"))
    single = {
        c.kind: c
        for c in criteria
        if c.kind
        in (CriterionKind.EXPERIENCE_YEARS, CriterionKind.SENIORITY, CriterionKind.OVERLAP_HOURS)
    }
    forms = []
    for kind in CriterionKind:
        if bound is not None and bound.kind == kind:
            form = bound
        else:
            form = CriterionForm(kind)
            if kind in single:
                form.initial_from(single[kind])
        forms.append(
            {"kind": kind, "label": kind.label, "form": form, "replaces": single.get(kind)}
        )
    return {
        "must": [c for c in criteria if c.importance == Importance.MUST],
        "nice": [c for c in criteria if c.importance == Importance.NICE],
        "criterion_forms": forms,
        "skill_suggestions": Skill.objects.popular()[:200],
    }


def _review_context(profile, readiness) -> dict:
    reflection = Reflection.objects.filter(profile=profile).first()
    weights = reflection.guidance_weights if reflection else {}
    guidance = [{"label": g.label, "weight": Weight(weights.get(g.value, 0))} for g in Guidance]
    return {
        **_goals_context(profile, readiness),
        "gaps": profile.skill_gaps.select_related("skill"),
        "guidance": sorted((g for g in guidance if g["weight"]), key=lambda g: -g["weight"]),
        "criteria": list(profile.persona.select_related("skill")),
    }


BUILDERS = {
    Step.GOALS: _goals_context,
    Step.GAPS: _gaps_context,
    Step.GUIDANCE: _guidance_context,
    Step.PERSONA: _persona_context,
    Step.REVIEW: _review_context,
}


# --- the steps ------------------------------------------------------------------------------


@require_GET
def reflect_start(request: HttpRequest) -> HttpResponse:
    """Resume where the mentee left off."""
    reflection = Reflection.objects.filter(profile=own_profile(request)).first()
    return redirect(f"goals:reflect_{reflection.last_step if reflection else Step.GOALS}")


def _show(request: HttpRequest, step: str, **extra) -> HttpResponse:
    profile = own_profile(request)
    services.reflection_mark_step(profile=profile, step=step)
    return _render_step(request, profile, step, **extra)


@require_http_methods(["GET", "POST"])
def reflect_goals(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        return _save_goal(request, own_profile(request), None)
    editing = None
    if "edit" in request.GET:
        editing = own_goal(own_profile(request), request.GET["edit"])
    return _show(request, Step.GOALS, editing=editing)


@require_POST
def goal_save(request: HttpRequest, pk: int) -> HttpResponse:
    profile = own_profile(request)
    return _save_goal(request, profile, own_goal(profile, pk))


def _save_goal(request: HttpRequest, profile: Profile, goal: Goal | None) -> HttpResponse:
    form = GoalForm(request.POST)
    if form.is_valid():
        try:
            if goal is None:
                goal = services.goal_create(owner=profile, **form.cleaned_data)
            else:
                goal = services.goal_update(goal=goal, **form.cleaned_data)
        except ValidationError as exc:
            copy_errors(form, exc)
    if form.errors:
        return _render_step(request, profile, Step.GOALS, form=form, editing=goal)
    blocked = any(f.blocks for f in reflection_readiness(profile).findings_for(goal.pk))
    messages.success(
        request,
        _("Saved as a draft: the coach's notes are beside it.") if blocked else _("Goal saved."),
    )
    return _after_write(request, profile, Step.GOALS)


@require_POST
def goal_remove(request: HttpRequest, pk: int) -> HttpResponse:
    profile = own_profile(request)
    services.goal_delete(goal=own_goal(profile, pk))
    messages.success(request, _("Goal removed."))
    return _after_write(request, profile, Step.GOALS)


@require_POST
def coach(request: HttpRequest) -> HttpResponse:
    """The goal coach on what is typed so far; htmx calls it a moment after each keystroke."""
    profile = own_profile(request)
    form = GoalForm(request.POST)
    form.is_valid()  # only to parse: an unreadable date is simply no date yet
    findings = _coach_findings(profile, form.cleaned_data)
    return render(
        request,
        "goals/_findings.html",
        {
            "findings": findings,
            "passes": not any(f.blocks for f in findings),
            "reviewed": bool((form.cleaned_data.get("text") or "").strip()),
        },
    )


@require_http_methods(["GET", "POST"])
def reflect_gaps(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return _show(request, Step.GAPS)
    profile = own_profile(request)
    form = SkillGapForm(request.POST)
    if form.is_valid():
        try:
            services.skill_gap_add(
                profile=profile, name=form.cleaned_data["skill"], note=form.cleaned_data["note"]
            )
        except ValidationError as exc:
            copy_errors(form, exc)
    if form.errors:
        return _render_step(request, profile, Step.GAPS, form=form)
    messages.success(request, _("Added."))
    return _after_write(request, profile, Step.GAPS)


@require_POST
def gap_remove(request: HttpRequest, pk: int) -> HttpResponse:
    profile = own_profile(request)
    services.skill_gap_remove(profile=profile, gap_id=pk)
    return _after_write(request, profile, Step.GAPS)


@require_http_methods(["GET", "POST"])
def reflect_guidance(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return _show(request, Step.GUIDANCE)
    profile = own_profile(request)
    form = GuidanceForm(request.POST)
    if form.is_valid():
        try:
            services.guidance_set(profile=profile, weights=form.cleaned_data)
        except ValidationError as exc:
            copy_errors(form, exc)
    if form.errors:
        return _render_step(request, profile, Step.GUIDANCE, form=form)
    messages.success(request, _("Saved."))
    return _after_write(request, profile, Step.GUIDANCE)


@require_http_methods(["GET", "POST"])
def reflect_persona(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return _show(request, Step.PERSONA)
    profile = own_profile(request)
    kind = request.POST.get("kind", "")
    if kind not in CriterionKind.values:
        raise Http404
    form = CriterionForm(kind, request.POST)
    if form.is_valid():
        try:
            services.persona_set_criterion(
                profile=profile,
                kind=kind,
                value=form.cleaned_data["value"],
                importance=form.importance,
                weight=form.weight,
            )
        except ValidationError as exc:
            copy_errors(form, exc, {"importance": "how_much", "weight": "how_much"})
    if form.errors:
        return _render_step(request, profile, Step.PERSONA, bound=form)
    messages.success(request, _("Saved."))
    return _after_write(request, profile, Step.PERSONA)


@require_POST
def criterion_remove(request: HttpRequest, pk: int) -> HttpResponse:
    profile = own_profile(request)
    services.persona_remove_criterion(profile=profile, criterion_id=pk)
    return _after_write(request, profile, Step.PERSONA)


@require_GET
def reflect_review(request: HttpRequest) -> HttpResponse:
    return _show(request, Step.REVIEW)

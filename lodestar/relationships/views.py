"""My mentorships, one mentorship's page, and the forms that change it."""

from __future__ import annotations


from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from lodestar.lib.forms import copy_errors
from lodestar.people.models import Profile

from . import forms, forward, services
from .models import Challenge, MentorInvitation, Relationship
from .pages import detail_context


def own_profile(request: HttpRequest) -> Profile:
    return get_object_or_404(Profile.objects.select_related("user"), user=request.user)


def relationship_for(request: HttpRequest, pk: int) -> tuple[Relationship, Profile]:
    """A relationship the caller is one of the two people in; anyone else gets a 404, staff too."""
    viewer = own_profile(request)
    found = get_object_or_404(
        Relationship.objects.for_person(viewer).select_related("mentee__user", "mentor__user"),
        pk=pk,
    )
    return found, viewer


def _page(request, relationship, viewer, **bound) -> HttpResponse:
    return render(
        request,
        "relationships/detail.html",
        detail_context(relationship, viewer, bound=bound),
    )


def relationship_list(request: HttpRequest) -> HttpResponse:
    viewer = own_profile(request)
    rows = Relationship.objects.for_person(viewer).select_related("mentee", "mentor")
    lineage = forward.lineage(viewer)
    invitation = MentorInvitation.objects.filter(
        invitee=viewer, accepted_at__isnull=True, dismissed_at__isnull=True
    ).first()
    return render(
        request,
        "relationships/list.html",
        {
            "open_rows": [r for r in rows if r.is_open],
            "ended_rows": [r for r in rows if not r.is_open],
            "viewer": viewer,
            "lineage": lineage,
            "invitation": invitation,
        },
    )


def relationship_detail(request: HttpRequest, pk: int) -> HttpResponse:
    relationship, viewer = relationship_for(request, pk)
    return _page(request, relationship, viewer)


def _post(request, pk, form_class, name, action):
    """Validate ``form_class``, run ``action(relationship, viewer, data)``, then go back to the
    page; any refusal re-renders the page with the message next to the field."""
    relationship, viewer = relationship_for(request, pk)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            action(relationship, viewer, form.cleaned_data)
        except ValidationError as exc:
            copy_errors(form, exc)
        except PermissionDenied:
            form.add_error(None, _not_yours())
        else:
            return redirect(relationship.get_absolute_url() + f"#{name}")
    return _page(request, relationship, viewer, **{name: form})


def _not_yours() -> str:
    from django.utils.translation import gettext as _

    return _("That is for the other person in this mentorship to do.")


@require_POST
def relationship_move(request: HttpRequest, pk: int) -> HttpResponse:
    def act(rel, viewer, data):
        services.relationship_transition(
            relationship=rel,
            to=data["to"],
            by=viewer,
            end_reason=data["end_reason"],
            reason=data["reason"],
            learned=data["learned"],
        )

    return _post(request, pk, forms.MoveForm, "move", act)


@require_POST
def agreement(request: HttpRequest, pk: int) -> HttpResponse:
    def act(rel, viewer, data):
        services.agreement_make(
            relationship=rel,
            by=viewer,
            cadence=data["cadence"],
            minutes=data["minutes"],
            channels=data["channels"],
            review_on=data["review_on"],
            acknowledge=data["acknowledge"],
        )

    return _post(request, pk, forms.AgreementForm, "agreement", act)


@require_POST
def acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    relationship, viewer = relationship_for(request, pk)
    try:
        services.agreement_acknowledge(relationship=relationship, by=viewer)
    except ValidationError as exc:
        form = forms.AgreementForm()
        copy_errors(form, exc)
        return _page(request, relationship, viewer, agreement=form)
    return redirect(relationship.get_absolute_url() + "#agreement")


@require_POST
def feedback(request: HttpRequest, pk: int) -> HttpResponse:
    def act(rel, viewer, data):
        services.feedback_give(relationship=rel, by=viewer, **data)

    return _post(request, pk, forms.FeedbackForm, "feedback", act)


@require_POST
def reflections(request: HttpRequest, pk: int) -> HttpResponse:
    def act(rel, viewer, data):
        services.reflection_add(relationship=rel, by=viewer, text=data["text"])

    return _post(request, pk, forms.ReflectionForm, "reflection", act)


@require_POST
def thanks(request: HttpRequest, pk: int) -> HttpResponse:
    def act(rel, viewer, data):
        services.gratitude_send(relationship=rel, by=viewer, **data)

    return _post(request, pk, forms.GratitudeForm, "thanks", act)


@require_POST
def challenges(request: HttpRequest, pk: int) -> HttpResponse:
    def act(rel, viewer, data):
        services.challenge_set(relationship=rel, by=viewer, **data)

    return _post(request, pk, forms.ChallengeForm, "challenge", act)


@require_POST
def challenge_done(request: HttpRequest, pk: int, challenge_id: int) -> HttpResponse:
    relationship, viewer = relationship_for(request, pk)
    challenge = get_object_or_404(Challenge, pk=challenge_id, relationship=relationship)
    try:
        services.challenge_done(challenge=challenge, by=viewer)
    except PermissionDenied:
        form = forms.ChallengeForm()
        form.add_error(None, _not_yours())
        return _page(request, relationship, viewer, challenge=form)
    return redirect(relationship.get_absolute_url() + "#challenges")


@require_POST
def advocacy(request: HttpRequest, pk: int) -> HttpResponse:
    def act(rel, viewer, data):
        services.advocacy_log(relationship=rel, by=viewer, **data)

    return _post(request, pk, forms.AdvocacyForm, "advocacy", act)


@require_http_methods(["GET", "POST"])
def pay_it_forward(request: HttpRequest) -> HttpResponse:
    viewer = own_profile(request)
    invitation = (
        MentorInvitation.objects.filter(invitee=viewer)
        .select_related("relationship__mentor")
        .order_by("-created_at")
        .first()
    )
    if invitation is None:
        return render(request, "relationships/pay_it_forward.html", {"invitation": None})
    if request.method == "POST":
        form = forms.PayItForwardForm(request.POST)
        if form.is_valid():
            try:
                forward.mentor_invitation_accept(
                    invitation=invitation, by=viewer, **form.cleaned_data
                )
            except ValidationError as exc:
                copy_errors(form, exc)
            else:
                return redirect(viewer.get_absolute_url())
    else:
        form = forms.PayItForwardForm(
            initial={"headline": invitation.headline, "bio": invitation.bio, "max_mentees": 1}
        )
    return render(
        request,
        "relationships/pay_it_forward.html",
        {"invitation": invitation, "form": form, "now": timezone.now()},
    )

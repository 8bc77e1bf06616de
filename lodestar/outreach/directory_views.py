"""The mentor directory, its bookmarks, hiding and waitlists; a mentor's directory tags; mentors
found elsewhere and their invitations."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lodestar.people.models import Profile

from . import directory, invitations, services, shortlist
from .availability import status_of
from .forms import DirectoryFilterForm, ExternalMentorForm, TagForm
from .models import ExternalMentor
from .views import copy_errors, own_profile


def _page_number(http: HttpRequest) -> int:
    try:
        return max(1, int(http.GET.get("page", "1")))
    except ValueError:
        return 1


@require_GET
def mentor_directory(http: HttpRequest) -> HttpResponse:
    viewer = own_profile(http)
    form = DirectoryFilterForm(http.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page = None
    if not form.is_bound or form.is_valid():
        page = directory.search(
            viewer=viewer,
            filters=filters,
            page=_page_number(http),
            ranked=http.GET.get("order") != "name",
        )
    query = {k: v for k, v in http.GET.items() if k != "page" and v}
    context = {
        "form": form,
        "page": page,
        "query": urlencode(query),
        "filter_key": urlencode(sorted((k, v) for k, v in query.items() if k != "order")),
        "skill_suggestions": directory.skill_suggestions,  # called only when the form renders
        "is_mentor": viewer.is_mentor,
    }
    template = "outreach/directory.html#results" if http.htmx and not http.htmx.boosted else None
    return render(http, template or "outreach/directory.html", context)


def _mentor(pk: int) -> Profile:
    return get_object_or_404(Profile.objects.select_related("user"), pk=pk, user__is_active=True)


def _card_actions(http, viewer: Profile, mentor: Profile) -> HttpResponse:
    context = {
        "card": {
            "mentor": mentor,
            "bookmarked": viewer.bookmarks.filter(mentor=mentor).exists(),
            "available": status_of(mentor) == "available",
        }
    }
    return render(http, "outreach/_card_actions.html", context)


@require_POST
def bookmark(http: HttpRequest, pk: int) -> HttpResponse:
    viewer, mentor = own_profile(http), _mentor(pk)
    try:
        shortlist.bookmark_set(owner=viewer, mentor=mentor, on=http.POST.get("on") == "1")
    except ValidationError as exc:
        return HttpResponse(" ".join(exc.messages), status=400)
    if http.htmx:
        return _card_actions(http, viewer, mentor)
    return redirect(http.POST.get("next") or "outreach:directory")


@require_POST
def hide(http: HttpRequest, pk: int) -> HttpResponse:
    viewer, mentor = own_profile(http), _mentor(pk)
    hidden = http.POST.get("hidden", "1") == "1"
    try:
        shortlist.mentor_hide(owner=viewer, mentor=mentor, hidden=hidden)
    except ValidationError as exc:
        return HttpResponse(" ".join(exc.messages), status=400)
    if http.htmx:  # the card leaves the list
        return HttpResponse("")
    text = (
        _("%(name)s is hidden from your directory.")
        if hidden
        else _("%(name)s is back in your directory.")
    )
    messages.success(http, text % {"name": mentor.display_name})
    return redirect(http.POST.get("next") or "outreach:directory")


@require_POST
def waitlist(http: HttpRequest, pk: int) -> HttpResponse:
    viewer, mentor = own_profile(http), _mentor(pk)
    leaving = http.POST.get("leave") == "1"
    try:
        if leaving:
            shortlist.waitlist_leave(mentee=viewer, mentor=mentor)
        else:
            shortlist.waitlist_join(mentee=viewer, mentor=mentor)
    except ValidationError as exc:
        messages.error(http, " ".join(exc.messages))
    else:
        text = (
            _("You left %(name)s's waitlist.")
            if leaving
            else _("You are on %(name)s's waitlist. We will tell you when a place opens.")
        )
        messages.success(http, text % {"name": mentor.display_name})
    return redirect(http.POST.get("next") or reverse("outreach:write", args=[mentor.pk]))


# --- a mentor's tags -----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def tags(http: HttpRequest) -> HttpResponse:
    profile = own_profile(http)
    form = TagForm(http.POST or None)
    if http.method == "POST" and form.is_valid():
        try:
            services.directory_tag_add(profile=profile, **form.cleaned_data)
        except ValidationError as exc:
            copy_errors(form, exc)
        else:
            messages.success(http, _("Added."))
            return redirect("outreach:tags")
    return render(http, "outreach/tags.html", {"form": form, "tags": profile.directory_tags.all()})


@require_POST
def tag_remove(http: HttpRequest, pk: int) -> HttpResponse:
    services.directory_tag_remove(profile=own_profile(http), tag_id=pk)
    return redirect("outreach:tags")


# --- mentors found elsewhere ---------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def external_mentors(http: HttpRequest) -> HttpResponse:
    mentee = own_profile(http)
    form = ExternalMentorForm(http.POST or None)
    if http.method == "POST" and form.is_valid():
        try:
            external = invitations.external_mentor_add(mentee=mentee, **form.cleaned_data)
        except ValidationError as exc:
            copy_errors(form, exc)
        else:
            if http.POST.get("invite") == "1":
                invitations.external_mentor_invite(external=external, by=mentee)
                messages.success(
                    http,
                    _("Recorded, and the invitation is on its way to %(email)s.")
                    % {"email": external.email},
                )
            else:
                messages.success(
                    http,
                    _("Recorded. Invite %(name)s when you are ready.") % {"name": external.name},
                )
            return redirect("outreach:external")
    return render(
        http,
        "outreach/external.html",
        {
            "form": form,
            "externals": mentee.external_mentors.select_related("joined", "request"),
        },
    )


def _own_external(http: HttpRequest, pk: int) -> tuple[ExternalMentor, Profile]:
    mentee = own_profile(http)
    return get_object_or_404(ExternalMentor, pk=pk, mentee=mentee), mentee


@require_POST
def external_invite(http: HttpRequest, pk: int) -> HttpResponse:
    external, mentee = _own_external(http, pk)
    try:
        invitations.external_mentor_invite(external=external, by=mentee)
    except ValidationError as exc:
        messages.error(http, " ".join(exc.messages))
    else:
        messages.success(
            http, _("The invitation is on its way to %(email)s.") % {"email": external.email}
        )
    return redirect("outreach:external")


@require_POST
def external_remove(http: HttpRequest, pk: int) -> HttpResponse:
    external, mentee = _own_external(http, pk)
    invitations.external_mentor_remove(external=external, by=mentee)
    return redirect("outreach:external")


@login_not_required
@require_http_methods(["GET", "POST"])
def invitation(http: HttpRequest, token: str) -> HttpResponse:
    """What the invited person sees: who invites them, then sign up or say yes."""
    external = (
        ExternalMentor.objects.select_related("mentee", "request").filter(token=token).first()
    )
    if external is None or not token:
        raise Http404
    viewer = Profile.objects.filter(user=http.user).first() if http.user.is_authenticated else None
    may = viewer is not None and invitations.may_answer(external, viewer)
    if http.method == "POST":
        if viewer is None:
            return redirect(f"{reverse('account_login')}?next={http.path}")
        try:
            req = invitations.invitation_accept(external=external, by=viewer)
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as exc:
            messages.error(http, " ".join(exc.messages))
            return redirect(http.path)
        messages.success(
            http,
            _("You said yes. Offer %(name)s two or three times for a first call.")
            % {"name": external.mentee.display_name},
        )
        return redirect(f"{req.get_absolute_url()}#times")
    return render(
        http,
        "outreach/invitation.html",
        {
            "external": external,
            "viewer": viewer,
            "may_answer": may,
            "is_mentee": viewer is not None and viewer.pk == external.mentee_id,
            "becomes_mentor": viewer is not None and not viewer.is_mentor,
        },
    )

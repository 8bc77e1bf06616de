from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from lodestar.lib.localtime import windows_for_viewer

from . import services
from .completeness import profile_completeness
from .forms import (
    AboutForm,
    AvailabilityForm,
    LanguageForm,
    MentorForm,
    PlaceForm,
    PublicWorkForm,
    SkillsForm,
    StyleForm,
    WorkForm,
)
from .models import Profile, Skill

# Sections of the profile page that edit plain profile fields.
FIELD_SECTIONS = {
    "about": AboutForm,
    "work": WorkForm,
    "place": PlaceForm,
    "style": StyleForm,
    "mentor": MentorForm,
}


def _own_profile(request: HttpRequest) -> Profile:
    return get_object_or_404(Profile, user=request.user)


def _edit_context(profile: Profile, **bound) -> dict:
    forms = {name: form(instance=profile) for name, form in FIELD_SECTIONS.items()}
    forms["skills"] = SkillsForm(
        initial={
            "skills": ", ".join(s.name for s in profile.skills.all()),
            "expertise": ", ".join(s.name for s in profile.expertise.all()),
        }
    )
    forms["language"] = LanguageForm()
    forms["availability"] = AvailabilityForm()
    forms["public_work"] = PublicWorkForm()
    forms.update(bound)
    return {
        "profile": profile,
        "forms": forms,
        "completeness": profile_completeness(profile),
        "skill_suggestions": Skill.objects.popular()[:200],
    }


def _section_response(request: HttpRequest, profile: Profile, section: str, **bound) -> HttpResponse:
    context = _edit_context(profile, **bound)
    if request.htmx:
        context["section"] = f"people/profile_edit.html#{section}"
        return render(request, "people/section_response.html", context)
    if bound:
        return render(request, "people/profile_edit.html", context)
    return redirect(f"{reverse('people:edit')}#{section}")


@require_GET
def profile_edit(request: HttpRequest) -> HttpResponse:
    return render(request, "people/profile_edit.html", _edit_context(_own_profile(request)))


@require_POST
def profile_section(request: HttpRequest, section: str) -> HttpResponse:
    profile = _own_profile(request)
    form_class = FIELD_SECTIONS.get(section)
    if form_class is None:
        return _skills_or_lists(request, profile, section)
    form = form_class(request.POST, request.FILES, instance=Profile.objects.get(pk=profile.pk))
    if not form.is_valid():
        return _section_response(request, profile, section, **{section: form})
    fields = {name: form.cleaned_data[name] for name in form._meta.fields}
    if section == "work":
        fields["manager"] = form.cleaned_data["manager_email"]
    try:
        profile = services.profile_update(profile=profile, **fields)
    except ValidationError as exc:
        _copy_errors(form, exc)
        return _section_response(request, _own_profile(request), section, **{section: form})
    messages.success(request, _("Saved."))
    return _section_response(request, profile, section)


def _copy_errors(form, exc: ValidationError) -> None:
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def _skills_or_lists(request: HttpRequest, profile: Profile, section: str) -> HttpResponse:
    if section == "skills":
        form = SkillsForm(request.POST)
        if not form.is_valid():
            return _section_response(request, profile, section, skills=form)
        services.profile_set_skills(profile=profile, **form.cleaned_data)
        messages.success(request, _("Saved."))
        return _section_response(request, profile, section)
    adders = {
        "languages": (LanguageForm, "language", _add_language),
        "availability": (AvailabilityForm, "availability", _add_window),
        "public_work": (PublicWorkForm, "public_work", _add_work),
    }
    if section not in adders:
        return HttpResponse(status=404)
    form_class, key, add = adders[section]
    form = form_class(request.POST)
    if form.is_valid():
        try:
            add(profile, form.cleaned_data)
        except ValidationError as exc:
            _copy_errors(form, exc)
    if form.errors:
        return _section_response(request, profile, section, **{key: form})
    return _section_response(request, profile, section)


def _add_language(profile: Profile, data: dict) -> None:
    services.language_set(profile=profile, language=data["language"], proficiency=data["proficiency"])


def _add_window(profile: Profile, data: dict) -> None:
    services.availability_add(
        profile=profile, weekday=data["weekday"], start_minute=data["start"], end_minute=data["end"]
    )


def _add_work(profile: Profile, data: dict) -> None:
    services.public_work_add(profile=profile, **data)


REMOVERS = {
    "languages": lambda profile, pk: services.language_remove(profile=profile, language_id=pk),
    "availability": lambda profile, pk: services.availability_remove(profile=profile, window_id=pk),
    "public_work": lambda profile, pk: services.public_work_remove(profile=profile, work_id=pk),
}


@require_POST
def profile_item_remove(request: HttpRequest, section: str, pk: int) -> HttpResponse:
    remove = REMOVERS.get(section)
    if remove is None:
        return HttpResponse(status=404)
    profile = _own_profile(request)
    remove(profile, pk)  # scoped to the caller's own profile: another person's id removes nothing
    return _section_response(request, profile, section)


@require_GET
def profile_detail(request: HttpRequest, pk: int) -> HttpResponse:
    profile = get_object_or_404(
        Profile.objects.select_related("user").prefetch_related(
            "skills", "expertise", "languages", "public_work", "availability"
        ),
        pk=pk,
        user__is_active=True,
    )
    viewer = getattr(request.user, "profile", None)
    viewer_zone = viewer.time_zone if viewer else profile.time_zone
    return render(
        request,
        "people/profile_detail.html",
        {
            "person": profile,
            "is_self": viewer is not None and viewer.pk == profile.pk,
            "windows": windows_for_viewer(
                list(profile.availability.all()), profile.time_zone, viewer_zone
            ),
        },
    )

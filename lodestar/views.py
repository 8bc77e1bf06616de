from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_safe
from django.views.static import serve

from lodestar.goals.services import reflection_readiness
from lodestar.people.completeness import profile_completeness
from lodestar.people.models import Profile
from lodestar.people.services import profile_create


@login_not_required
@require_safe
def landing(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("dashboard")
    return render(request, "landing.html")


@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    profile = Profile.objects.filter(user=request.user).first()
    if profile is None:  # staff created in the admin or with createsuperuser
        profile = profile_create(user=request.user, display_name=request.user.email.split("@")[0])
    availability = list(profile.availability.all())
    return render(
        request,
        "dashboard.html",
        {
            "profile": profile,
            "completeness": profile_completeness(profile),
            "weekly_hours": sum(w.hours for w in availability),
            "window_count": len(availability),
            "readiness": reflection_readiness(profile),
        },
    )


@require_GET
def media(request: HttpRequest, path: str) -> HttpResponse:
    """Uploaded photos, for signed-in people only. A proxy or object store serves them at scale."""
    if not path.startswith("photos/"):
        raise Http404
    return serve(request, path, document_root=settings.MEDIA_ROOT)

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.contrib import messages
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import services
from .forms import PreferencesForm
from .models import Notification, NotificationPreference


@require_GET
def bell(request: HttpRequest) -> HttpResponse:
    unread = Notification.objects.inbox(request.user).unread().count()
    return render(request, "notifications/_bell.html", {"unread": unread})


@require_GET
def notification_list(request: HttpRequest) -> HttpResponse:
    return _render_list(request)


def _render_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(Notification.objects.inbox(request.user), 25).get_page(request.GET.get("page"))
    unread = Notification.objects.inbox(request.user).unread().count()
    template = "notifications/list.html#inbox" if request.htmx else "notifications/list.html"
    return render(request, template, {"page": page, "unread": unread})


@require_POST
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    notice = services.notification_mark_read(user=request.user, notification_id=pk)
    if notice is None:
        return HttpResponse(status=404)
    return redirect(notice.link or "notifications:list")


@require_POST
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    if services.notification_mark_read(user=request.user, notification_id=pk) is None:
        return HttpResponse(status=404)
    return _back_to_list(request)


@require_POST
def notification_read_all(request: HttpRequest) -> HttpResponse:
    services.notification_mark_all_read(user=request.user)
    return _back_to_list(request)


def _back_to_list(request: HttpRequest) -> HttpResponse:
    if request.htmx:
        response = _render_list(request)
        response["HX-Trigger"] = "notifications-changed"
        return response
    return redirect("notifications:list")


def _initial(user) -> dict:
    prefs = services.settings_for(user)
    clock = lambda m: None if m is None else f"{m // 60:02d}:{m % 60:02d}"  # noqa: E731
    initial = {
        "quiet_start": clock(prefs.quiet_start_minute),
        "quiet_end": clock(prefs.quiet_end_minute),
        "digest_enabled": prefs.digest_enabled,
        "digest_time": clock(prefs.digest_minute),
    }
    for pref in NotificationPreference.objects.filter(user=user):
        initial[f"channel_{pref.kind}"] = pref.channel
    return initial


@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    form = PreferencesForm(request.POST or None, initial=_initial(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.preferences_update(
                user=request.user,
                channels={k.code: data[f"channel_{k.code}"] for k in form.kinds},
                quiet_start_minute=data["quiet_start"],
                quiet_end_minute=data["quiet_end"],
                digest_enabled=data["digest_enabled"],
                digest_minute=data["digest_time"] if data["digest_time"] is not None else 8 * 60,
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Your notification settings are saved."))
            return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})

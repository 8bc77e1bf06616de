"""The notifications API: my in-app inbox, what is unread, marking read, and my preferences
(a channel per kind, quiet hours and the daily digest, in my own time zone)."""

import datetime as dt
from typing import Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from lodestar.lib import permissions
from lodestar.lib.apikit import Clock, Id, In, Page, QueryIn, clock, responses

from . import services
from .forms import PreferencesForm
from .models import Channel, Notification
from .registry import all_kinds

router = Router(tags=["notifications"])


class NotificationOut(Schema):
    id: int
    kind: str
    title: str
    link: str
    dispatched_at: dt.datetime | None
    read_at: dt.datetime | None
    created_at: dt.datetime


class CountOut(Schema):
    count: int


class MarkedOut(Schema):
    marked: int


class InboxQuery(QueryIn):
    unread: bool = Field(False, description="Only what is not read yet")


@router.get(
    "/notifications",
    response=responses({200: list[NotificationOut]}),
    summary="My notifications",
)
@paginate(Page)
def notification_list(request: HttpRequest, filters: InboxQuery = Query(...)):
    inbox = Notification.objects.inbox(request.auth).select_related("recipient__profile")
    return inbox.unread() if filters.unread else inbox


@router.get(
    "/notifications/unread-count",
    response=responses({200: CountOut}),
    summary="How many are unread",
)
def unread_count(request: HttpRequest):
    return {"count": Notification.objects.inbox(request.auth).unread().count()}


@router.post(
    "/notifications/{notification_id}/read",
    response=responses({200: NotificationOut}),
    summary="Mark one read",
)
def notification_read(request: HttpRequest, notification_id: Id):
    permissions.notification_for(request.auth, notification_id)
    return services.notification_mark_read(user=request.auth, notification_id=notification_id)


@router.post(
    "/notifications/read-all",
    response=responses({200: MarkedOut}),
    summary="Mark all read",
)
def notification_read_all(request: HttpRequest):
    return {"marked": services.notification_mark_all_read(user=request.auth)}


# --- preferences -------------------------------------------------------------------------------

ChannelCode = Literal[tuple(Channel.values)]


class KindOut(Schema):
    code: str
    label: str
    description: str
    time_critical: bool
    default_channel: str
    channel: str


class PreferencesOut(Schema):
    kinds: list[KindOut]
    quiet_start: str | None = Field(description="Local time; null when there are no quiet hours")
    quiet_end: str | None
    digest_enabled: bool
    digest_time: str


class PreferencesIn(In):
    channels: dict[str, ChannelCode] = Field(
        None, description="Kind code to channel; kinds left out keep theirs"
    )
    quiet_start: Clock | None = None
    quiet_end: Clock | None = None
    digest_enabled: bool = None
    digest_time: Clock = None


def _preferences(user) -> dict:
    prefs = services.settings_for(user)
    return {
        "kinds": [
            {
                "code": kind.code,
                "label": str(kind.label),
                "description": str(kind.description),
                "time_critical": kind.time_critical,
                "default_channel": kind.default_channel,
                "channel": services.channel_for(user=user, kind=kind.code),
            }
            for kind in all_kinds(configurable_only=True)
        ],
        "quiet_start": clock(prefs.quiet_start_minute),
        "quiet_end": clock(prefs.quiet_end_minute),
        "digest_enabled": prefs.digest_enabled,
        "digest_time": clock(prefs.digest_minute),
    }


@router.get(
    "/notifications/preferences",
    response=responses({200: PreferencesOut}),
    summary="My notification preferences",
)
def preferences_read(request: HttpRequest):
    return _preferences(request.auth)


@router.patch(
    "/notifications/preferences",
    response=responses({200: PreferencesOut}),
    summary="Change my preferences",
)
def preferences_update(request: HttpRequest, payload: PreferencesIn):
    """Judged by the same form as the settings page; fields left out keep their value."""
    current = _preferences(request.auth)
    given = payload.model_dump(exclude_unset=True)
    channels = given.pop("channels", None) or {}
    kinds = {k["code"] for k in current["kinds"]}
    unknown = sorted(set(channels) - kinds)
    if unknown:
        message = _("There is no notification kind you can set called “%(kind)s”.")
        raise ValidationError({f"channels.{k[:40]}": message % {"kind": k[:40]} for k in unknown})
    names = ("quiet_start", "quiet_end", "digest_enabled", "digest_time")
    data = {name: current[name] for name in names}
    data.update(given)
    data = {k: ("" if v is None else v) for k, v in data.items()}
    for kind in current["kinds"]:
        data[f"channel_{kind['code']}"] = channels.get(kind["code"], kind["channel"])
    form = PreferencesForm(data)
    if not form.is_valid():
        errors = form.errors.as_data()
        raise ValidationError({_field_name(k): v for k, v in errors.items()})
    cleaned = form.cleaned_data
    services.preferences_update(
        user=request.auth,
        channels={k.code: cleaned[f"channel_{k.code}"] for k in form.kinds},
        quiet_start_minute=cleaned["quiet_start"],
        quiet_end_minute=cleaned["quiet_end"],
        digest_enabled=cleaned["digest_enabled"],
        digest_minute=cleaned["digest_time"] if cleaned["digest_time"] is not None else 8 * 60,
    )
    return _preferences(request.auth)


def _field_name(form_field: str) -> str:
    return f"channels.{form_field[8:]}" if form_field.startswith("channel_") else form_field

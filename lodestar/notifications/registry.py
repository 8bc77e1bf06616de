"""The registry of notification kinds. Later features register theirs in kinds.py and call
`services.notify`; each kind owns its templates, its default channel and its urgency."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UnknownKind(ValueError):
    pass


@dataclass(frozen=True)
class Kind:
    code: str
    label: Any
    description: Any
    default_channel: str = "both"
    time_critical: bool = False
    required: tuple[str, ...] = ()
    user_configurable: bool = True
    templates: str = field(default="")
    # A context key holding an instant (like "starts_at") after which this notice is useless:
    # delivered later than that (a worker down for hours), it is skipped, not sent late.
    moot_after: str = ""

    @property
    def template_prefix(self) -> str:
        return self.templates or f"notifications/email/{self.code}"


_KINDS: dict[str, Kind] = {}


def register(kind: Kind) -> Kind:
    if kind.code in _KINDS:
        raise ValueError(f"notification kind {kind.code!r} is registered twice")
    _KINDS[kind.code] = kind
    return kind


def get_kind(code: str) -> Kind:
    try:
        return _KINDS[code]
    except KeyError:
        known = ", ".join(sorted(_KINDS))
        raise UnknownKind(
            _("“%(code)s” is not a kind of notification. Known kinds: %(known)s.")
            % {"code": code, "known": known}
        ) from None


def all_kinds(*, configurable_only: bool = False) -> list[Kind]:
    kinds = sorted(_KINDS.values(), key=lambda k: str(k.label))
    return [k for k in kinds if k.user_configurable or not configurable_only]


def person_zone(user) -> ZoneInfo:
    profile = getattr(user, "profile", None)
    return ZoneInfo(str(profile.time_zone)) if profile else ZoneInfo("UTC")


def template_context(notification) -> dict[str, Any]:
    """What every template sees: the stored context with *_at values as local datetimes."""
    zone = person_zone(notification.recipient)
    context: dict[str, Any] = {}
    for key, value in (notification.context or {}).items():
        if key.endswith("_at") and isinstance(value, str):
            value = dt.datetime.fromisoformat(value).astimezone(zone)
        context[key] = value
    profile = getattr(notification.recipient, "profile", None)
    context.update(
        recipient_name=profile.display_name if profile else notification.recipient.email,
        link=f"{settings.SITE_ROOT}{notification.link}" if notification.link else settings.SITE_ROOT,
        site_name=settings.SITE_NAME,
        site_url=settings.SITE_ROOT,
        zone=str(zone),
    )
    return context


def render_title(notification) -> str:
    kind = get_kind(notification.kind)
    with timezone.override(person_zone(notification.recipient)):
        return render_to_string(
            f"notifications/inapp/{kind.code}.txt", template_context(notification)
        ).strip()


def render_email(notification, extra: dict[str, Any] | None = None) -> tuple[str, str, str]:
    kind = get_kind(notification.kind)
    context = {**template_context(notification), **(extra or {})}
    with timezone.override(person_zone(notification.recipient)):
        subject = render_to_string(f"{kind.template_prefix}-subject.txt", context)
        text = render_to_string(f"{kind.template_prefix}-body.txt", context)
        html = render_to_string(f"{kind.template_prefix}-body.html", context)
    return " ".join(subject.split()), text.strip() + "\n", html

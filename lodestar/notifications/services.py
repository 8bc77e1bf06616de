"""Writes: schedule, cancel and read notifications; set preferences."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Channel, Notification, NotificationPreference, NotificationSettings
from .registry import UnknownKind, get_kind


def _jsonable(context: Mapping[str, Any]) -> dict[str, Any]:
    out = {}
    for key, value in context.items():
        if isinstance(value, dt.datetime):
            if timezone.is_naive(value):
                raise ValidationError({key: _("Times must carry a time zone.")})
            value = value.astimezone(dt.UTC).isoformat()
        out[key] = value
    return out


def notify(
    *,
    kind: str,
    recipient,
    key: str,
    context: Mapping[str, Any] | None = None,
    link: str = "",
    due_at: dt.datetime | None = None,
) -> Notification:
    """Schedule a notification. The key makes it idempotent: the same key never sends twice."""
    spec = get_kind(kind)
    context = dict(context or {})
    missing = [name for name in spec.required if name not in context]
    if missing:
        raise ValidationError(
            _("A %(kind)s notification needs %(missing)s.") % {"kind": kind, "missing": ", ".join(missing)}
        )
    if link and (not link.startswith("/") or link.startswith("//")):
        raise ValidationError({"link": _("Links must point inside Lodestar, like /meetings/12/.")})
    existing = Notification.objects.filter(key=key).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return Notification.objects.create(
                kind=kind,
                recipient=recipient,
                key=key,
                context=_jsonable(context),
                link=link,
                due_at=due_at or timezone.now(),
            )
    except IntegrityError:
        return Notification.objects.get(key=key)


def notification_cancel(*, key: str) -> bool:
    """Cancel a notification that has not gone out (a meeting was cancelled, say)."""
    return bool(
        Notification.objects.filter(key=key, state=Notification.State.PENDING).update(
            state=Notification.State.CANCELLED
        )
    )


def notification_mark_read(*, user, notification_id: int) -> Notification | None:
    notice = Notification.objects.inbox(user).filter(pk=notification_id).first()
    if notice is not None and notice.read_at is None:
        notice.read_at = timezone.now()
        notice.save(update_fields=["read_at"])
    return notice


def notification_mark_all_read(*, user) -> int:
    return Notification.objects.inbox(user).unread().update(read_at=timezone.now())


def channel_for(*, user, kind: str) -> str:
    pref = NotificationPreference.objects.filter(user=user, kind=kind).values_list("channel", flat=True).first()
    return pref or get_kind(kind).default_channel


def settings_for(user) -> NotificationSettings:
    found = NotificationSettings.objects.filter(user=user).first()
    return found or NotificationSettings(user=user)


@transaction.atomic
def preferences_update(
    *,
    user,
    channels: Mapping[str, str],
    quiet_start_minute: int | None,
    quiet_end_minute: int | None,
    digest_enabled: bool,
    digest_minute: int = 8 * 60,
) -> NotificationSettings:
    """Save per-kind channels, quiet hours and the digest together, or nothing at all."""
    errors: dict[str, list[str]] = {}
    for kind, channel in channels.items():
        try:
            spec = get_kind(kind)
        except UnknownKind as exc:
            errors.setdefault("__all__", []).append(str(exc))
            continue
        if not spec.user_configurable:
            errors.setdefault("__all__", []).append(_("“%(kind)s” cannot be changed.") % {"kind": kind})
        if channel not in Channel.values:
            errors.setdefault(f"channel_{kind}", []).append(_("Choose email, in-app, both or off."))
    if (quiet_start_minute is None) != (quiet_end_minute is None):
        errors.setdefault("quiet_end", []).append(_("Give both the start and the end of your quiet hours."))
    elif quiet_start_minute is not None:
        if not (0 <= quiet_start_minute < 1440 and 0 <= quiet_end_minute < 1440):
            errors.setdefault("quiet_end", []).append(_("Quiet hours are times between 00:00 and 23:59."))
        elif quiet_start_minute == quiet_end_minute:
            errors.setdefault("quiet_end", []).append(
                _("Quiet hours must end at a different time than they start.")
            )
    if not 0 <= digest_minute < 1440:
        errors.setdefault("digest_time", []).append(_("Pick a time between 00:00 and 23:59."))
    if errors:
        raise ValidationError(errors)
    for kind, channel in channels.items():
        NotificationPreference.objects.update_or_create(user=user, kind=kind, defaults={"channel": channel})
    prefs, _created = NotificationSettings.objects.update_or_create(
        user=user,
        defaults={
            "quiet_start_minute": quiet_start_minute,
            "quiet_end_minute": quiet_end_minute,
            "digest_enabled": digest_enabled,
            "digest_minute": digest_minute,
        },
    )
    return prefs

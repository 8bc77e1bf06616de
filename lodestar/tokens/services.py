"""Making, checking and revoking personal access tokens."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lodestar.accounts.models import User

from .models import PersonalAccessToken, Scope

TOKEN_PREFIX = "lds"
MAX_ACTIVE = 20
EXPIRY_DAYS = (7, 30, 90, 365)
# Writing last_used_at on every request would turn each read into a write; a minute is enough.
USE_RESOLUTION = dt.timedelta(minutes=1)


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _split(raw: str) -> tuple[str, str] | None:
    parts = (raw or "").strip().split("_", 2)
    if len(parts) != 3 or parts[0] != TOKEN_PREFIX or not parts[1] or not parts[2]:
        return None
    return parts[1], parts[2]


@transaction.atomic
def token_create(
    *, user: User, name: str, scope: str, expires_in_days: int | None = None
) -> tuple[PersonalAccessToken, str]:
    """A new token and its full text, which is never stored and cannot be shown again."""
    errors = {}
    name = (name or "").strip()
    if not name:
        errors["name"] = _("Name the token after what will use it, like “weekly export”.")
    elif len(name) > 80:
        errors["name"] = _("Keep the name to 80 characters.")
    if scope not in Scope.values:
        errors["scope"] = _("Choose read only, or read and write.")
    if expires_in_days is not None and expires_in_days not in EXPIRY_DAYS:
        errors["expires_in_days"] = _("Choose 7, 30, 90 or 365 days, or no expiry.")
    if errors:
        raise ValidationError(errors)
    User.objects.select_for_update().filter(pk=user.pk).first()  # one count at a time
    now = timezone.now()
    if PersonalAccessToken.objects.for_user(user).active(now).count() >= MAX_ACTIVE:
        raise ValidationError(
            {"name": _("You have %(n)d active tokens; revoke one you no longer use first.")
             % {"n": MAX_ACTIVE}}
        )
    prefix, secret = secrets.token_hex(6), secrets.token_urlsafe(32)
    token = PersonalAccessToken.objects.create(
        user=user,
        name=name,
        prefix=prefix,
        token_hash=_digest(secret),
        scope=scope,
        expires_at=now + dt.timedelta(days=expires_in_days) if expires_in_days else None,
    )
    return token, f"{TOKEN_PREFIX}_{prefix}_{secret}"


def token_revoke(*, token: PersonalAccessToken) -> PersonalAccessToken:
    """Stop a token working at once; the row stays, so the list shows when it was revoked."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        PersonalAccessToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
            revoked_at=token.revoked_at
        )
    return token


def token_authenticate(*, raw: str, now: dt.datetime | None = None) -> PersonalAccessToken | None:
    """The active token of an active person that `raw` is, or None."""
    now = now or timezone.now()
    parts = _split(raw)
    if parts is None:
        return None
    prefix, secret = parts
    token = (
        PersonalAccessToken.objects.active(now)
        .select_related("user")
        .filter(prefix=prefix, user__is_active=True)
        .first()
    )
    if token is None or not hmac.compare_digest(token.token_hash, _digest(secret)):
        return None
    if token.last_used_at is None or token.last_used_at < now - USE_RESOLUTION:
        PersonalAccessToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token

"""Writing the audit log: one function, for the admin hooks, the account pages and commands."""

from __future__ import annotations

import contextvars
import ipaddress

from django.conf import settings
from django.db import models
from django.http import HttpRequest

from .models import Action, AuditEvent

# The request being served, so that admin hooks (which only see a LogEntry) know where it came from.
current_request: contextvars.ContextVar[HttpRequest | None] = contextvars.ContextVar(
    "lodestar_audit_request", default=None
)


def client_ip(request: HttpRequest | None) -> str | None:
    """REMOTE_ADDR; behind the TLS proxy, the address the proxy saw (the last X-Forwarded-For)."""
    if request is None:
        return None
    address = request.META.get("REMOTE_ADDR", "")
    if settings.SECURE_PROXY_SSL_HEADER:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        address = next((part for part in reversed(forwarded) if part), address)
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def audit_record(
    *,
    action: Action | str,
    actor=None,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str | int = "",
    summary: str = "",
    request: HttpRequest | None = None,
) -> AuditEvent:
    request = request or current_request.get()
    if actor is None and request is not None and request.user.is_authenticated:
        actor = request.user
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or obj.pk
    return AuditEvent.objects.create(
        action=action,
        actor=actor,
        object_type=object_type,
        object_id=str(object_id),
        summary=summary,
        ip=client_ip(request),
    )

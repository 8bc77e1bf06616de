"""What every API router shares: the one error shape, input schemas that refuse what a database
cannot store, bounded pagination, settings-driven rate limits and the documented error responses.

Every refusal the API gives reads the same, whatever raised it:

    {"error": {"code": "invalid", "message": "...", "fields": {"target_date": ["..."]}}}

Codes: bad_request (400, unreadable body), unauthenticated (401), forbidden, csrf_failed,
insufficient_scope and session_required (403), not_found (404), method_not_allowed (405),
conflict (409: the object's state refuses the change, or a concurrent write won), invalid (422:
the values were refused, by the schema or by our rules), rate_limited (429), server_error (500),
unavailable (503: the database cannot be reached; lodestar/lib/outage.py).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from typing import Annotated, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, InterfaceError, OperationalError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Path, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as SchemaError
from ninja.pagination import LimitOffsetPagination
from ninja.parser import Parser
from ninja.throttling import SimpleRateThrottle
from pydantic import AfterValidator, ConfigDict, field_validator

logger = logging.getLogger("lodestar.api")

MAX_ID = 2**63 - 1
PAGE_SIZE = 25
MAX_PAGE_SIZE = 100
MAX_OFFSET = 100_000

# A database id in a path: a positive 64-bit integer, so nothing out of range reaches a query.
Id = Annotated[int, Path(ge=1, le=MAX_ID)]


# --- the error shape ---------------------------------------------------------------------------


class ErrorDetail(Schema):
    code: str
    message: str
    fields: dict[str, list[str]] = {}


class ErrorOut(Schema):
    error: ErrorDetail


ERROR_STATUSES = frozenset({400, 401, 403, 404, 409, 422, 429})


def responses(ok: dict[int, Any]) -> dict:
    """An operation's documented responses: its own, plus the error shape for every refusal."""
    return {**ok, ERROR_STATUSES: ErrorOut}


class ApiError(Exception):
    """A refusal with its status, code and message, raised anywhere an API handler runs."""

    def __init__(self, status: int, code: str, message: str, fields: dict | None = None):
        super().__init__(message)
        self.status, self.code, self.message, self.fields = status, code, message, fields or {}


def error_response(api, request: HttpRequest, status: int, code: str, message: str,
                   fields: dict | None = None) -> HttpResponse:
    body = {"error": {"code": code, "message": str(message), "fields": fields or {}}}
    response = api.create_response(request, body, status=status)
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


def _generic_messages() -> dict[int, tuple[str, str]]:
    return {
        400: ("bad_request", _("The request body could not be read; send a JSON object.")),
        401: ("unauthenticated", _("Sign in, or send a personal access token as a Bearer token.")),
        403: ("forbidden", _("You may not do this.")),
        404: ("not_found", _("Not found.")),
        405: ("method_not_allowed", _("This address does not accept that method.")),
        409: ("conflict", _("This conflicts with a change made at the same time; try again.")),
        429: ("rate_limited", _("Too many requests; wait a little and try again.")),
    }


def _django_validation(exc: ValidationError) -> tuple[int, str, str, dict]:
    """Refusals keyed by field are 422; a refusal of the whole action (a meeting already
    cancelled, a follow-up already sent) is a conflict with the object's state: 409."""
    if not hasattr(exc, "error_dict"):
        return 409, "conflict", " ".join(exc.messages), {}
    fields = {name: [str(m) for m in messages] for name, messages in exc.message_dict.items()}
    general = fields.pop("__all__", [])
    first = general or next(iter(fields.values()), [_("Some values were refused.")])
    return 422, "invalid", " ".join(general) or first[0], fields


def _schema_fields(errors: list[dict]) -> dict[str, list[str]]:
    """Ninja's error locations ("body", "payload", "text") as the field a client sent ("text")."""
    fields: dict[str, list[str]] = {}
    for error in errors:
        loc = [str(part) for part in error.get("loc", ())]
        if loc[:1] == ["body"] and len(loc) > 2:
            loc = loc[2:]
        elif len(loc) > 1:
            loc = loc[1:]
        fields.setdefault(".".join(loc) or "body", []).append(str(error.get("msg", "")))
    return fields


def install_error_handlers(api) -> None:
    """Register the one error shape for everything an operation can raise."""
    generic = _generic_messages  # called per error: messages in the caller's language

    def handle(exc_class):
        def register(func):
            api.add_exception_handler(exc_class, func)
            return func

        return register

    @handle(ApiError)
    def api_error(request, exc: ApiError):
        return error_response(api, request, exc.status, exc.code, exc.message, exc.fields)

    @handle(ValidationError)
    def rules_refused(request, exc: ValidationError):
        return error_response(api, request, *_django_validation(exc))

    @handle(SchemaError)
    def schema_refused(request, exc: SchemaError):
        message = _("The request does not match the API schema; see fields.")
        return error_response(api, request, 422, "invalid", message, _schema_fields(exc.errors))

    @handle(AuthenticationError)
    def unauthenticated(request, exc):
        return error_response(api, request, 401, *generic()[401])

    @handle(HttpError)
    def http_error(request, exc: HttpError):
        code, message = generic().get(exc.status_code, ("error", str(exc)))
        return error_response(api, request, exc.status_code, code, message)

    @handle(Http404)
    def not_found(request, exc):
        return error_response(api, request, 404, *generic()[404])

    @handle(PermissionDenied)
    def forbidden(request, exc):
        return error_response(api, request, 403, *generic()[403])

    @handle(IntegrityError)
    def conflict(request, exc):
        # Two writes raced for the same row or slot; logged, since a bug can look the same.
        logger.warning("API conflict on %s %s: %s", request.method, request.path, exc)
        return error_response(api, request, 409, *generic()[409])

    def database_unavailable(request, exc):
        # A restart or failover, not a bug: the same 503 the pages give (lodestar/lib/outage.py).
        from lodestar.lib.outage import unavailable_response

        logger.warning("API database unavailable on %s %s", request.method, request.path)
        return unavailable_response(request)

    api.add_exception_handler(OperationalError, database_unavailable)
    api.add_exception_handler(InterfaceError, database_unavailable)

    @handle(Exception)
    def server_error(request, exc):
        logger.error("API error on %s %s", request.method, request.path, exc_info=exc)
        message = _("Something went wrong on our side; it has been logged.")
        return error_response(api, request, 500, "server_error", message)


# --- input ------------------------------------------------------------------------------------


class ObjectParser(Parser):
    """A JSON body must be an object. (Ninja would otherwise read a bare number or list as an
    object with no attributes, and a schema whose fields are all optional would accept it.)"""

    def parse_body(self, request: HttpRequest) -> dict:
        data = json.loads(request.body)
        if not isinstance(data, dict):
            raise ValueError("the body is not a JSON object")
        return data


def _storable(value: Any) -> Any:
    """Refuse text no database should be asked to store: NUL characters (PostgreSQL refuses
    them) and lone surrogates (not encodable as UTF-8)."""
    texts = value if isinstance(value, list) else [value]
    for text in texts:
        if isinstance(text, str) and any(
            ch == "\x00" or "\ud800" <= ch <= "\udfff" for ch in text
        ):
            raise ValueError(_("Text may not contain NUL characters or lone surrogates."))
    return value


class QueryIn(Schema):
    """Base of query-string schemas: everything arrives as text, so "5" reads as 5."""

    @field_validator("*", mode="after")
    @classmethod
    def _no_unstorable_text(cls, value: Any) -> Any:
        return _storable(value)


class In(QueryIn):
    """Base of request bodies. JSON has types, and they are taken as sent: true is not 1 and
    "5" is not 5 (dates and times, which JSON sends as text, are the exception)."""

    model_config = ConfigDict(strict=True)


def _sane_instant(value: dt.datetime) -> dt.datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(_("Give the time with its time zone, like 2030-05-01T09:30:00+02:00."))
    if not 2000 <= value.year <= 2999:
        raise ValueError(_("Choose a time between the years 2000 and 2999."))
    return value.astimezone(dt.UTC)


# A moment with its UTC offset, within a range date arithmetic cannot overflow.
Instant = Annotated[dt.datetime, Field(strict=False), AfterValidator(_sane_instant)]


def _sane_date(value: dt.date) -> dt.date:
    if not 1900 <= value.year <= 2999:
        raise ValueError(_("Choose a date between the years 1900 and 2999."))
    return value


Day = Annotated[dt.date, Field(strict=False), AfterValidator(_sane_date)]
Clock = Annotated[str, Field(pattern=r"^\d{1,2}:\d{2}$", examples=["09:30"])]


def clock(minute: int | None) -> str | None:
    return None if minute is None else f"{minute // 60:02d}:{minute % 60:02d}"


# --- pagination -------------------------------------------------------------------------------


class Page(LimitOffsetPagination):
    """limit/offset with a ceiling on both, so no request asks the database for everything."""

    class Input(Schema):
        limit: int = Field(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_limit=MAX_PAGE_SIZE, **kwargs)


# --- rate limits ------------------------------------------------------------------------------


class _SettingsRate(SimpleRateThrottle):
    """Reads its rate from settings.API_RATE_LIMITS at each request, so it can be tuned (or
    switched off with None) without restarting; the count lives in the default cache."""

    def __init__(self) -> None:
        super().__init__(rate="1/s")

    def allow_request(self, request: HttpRequest) -> bool:
        rate = getattr(settings, "API_RATE_LIMITS", {}).get(self.scope)
        if not rate:
            return True
        self.num_requests, self.duration = self.parse_rate(rate)
        return super().allow_request(request)


class PersonThrottle(_SettingsRate):
    """Requests per signed-in person, by session or token alike."""

    scope = "user"

    def get_cache_key(self, request: HttpRequest) -> str | None:
        user = getattr(request, "auth", None)
        if user is None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": user.pk}

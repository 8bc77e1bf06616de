"""When the database cannot be reached, say so with a 503 instead of a 500 traceback.

A restart of PostgreSQL, a failover or a full connection pool make queries raise
`OperationalError` or `InterfaceError`. Those are not bugs in Lodestar: the person gets a short
"try again in a moment" (a page, or the API's error shape for /api/), a `Retry-After` header, and
the log gets one warning line instead of a traceback. Connections recover by themselves on the
next request: settings turn on CONN_HEALTH_CHECKS, so a connection that died with the server is
replaced before it is used.

Each request first makes sure the connection works (the health check and connect Django would
do at the first query anyway), so an unreachable database is answered before anything runs. The
database can also go away during the request: in a view (caught by `process_exception`) or in
another middleware, for example while the session is loaded; Django turns the latter into a 500
response before this middleware sees it, so a `got_request_exception` receiver marks the request
and the 500 is replaced here. Nothing on the way to the 503 touches the database.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable

from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.html import format_html
from django.utils.translation import gettext as _

logger = logging.getLogger("lodestar.outage")

DATABASE_DOWN = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 10
_MARK = "_lodestar_database_unavailable"


def unavailable_response(request: HttpRequest) -> HttpResponse:
    message = _(
        "Lodestar cannot reach its database right now. Nothing was changed; please try again in "
        "a moment."
    )
    if request.path.startswith("/api/"):
        body = {"error": {"code": "unavailable", "message": message, "fields": {}}}
        response: HttpResponse = JsonResponse(body, status=503)
    else:
        page = format_html(
            '<!doctype html><html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            "<title>{}</title></head><body><main><h1>{}</h1><p>{}</p></main></body></html>",
            _("Temporarily unavailable"),
            _("Back in a moment"),
            message,
        )
        response = HttpResponse(page, status=503, content_type="text/html; charset=utf-8")
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    response["X-Frame-Options"] = "DENY"  # its middleware sits below this one
    return response


class DatabaseUnavailableMiddleware:
    """Place it after the security headers (the 503 carries them) and WhiteNoise (static files
    need no database)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            # What the first query would do anyway (health check, then connect if needed), done
            # here so an unreachable database is one warning, not a traceback from the session.
            connection.close_if_health_check_failed()
            connection.ensure_connection()
        except DATABASE_DOWN as exc:
            return self._unavailable(request, exc)
        response = self.get_response(request)
        if response.status_code >= 500 and getattr(request, _MARK, False):
            return unavailable_response(request)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, DATABASE_DOWN):
            return self._unavailable(request, exception)
        return None

    @staticmethod
    def _unavailable(request: HttpRequest, exc: Exception) -> HttpResponse:
        first_line = (str(exc).strip().splitlines() or [""])[0]
        logger.warning("Database unavailable on %s %s: %s", request.method, request.path,
                       first_line)
        return unavailable_response(request)


def _mark_database_outage(sender, request: HttpRequest | None = None, **kwargs) -> None:
    if request is not None and isinstance(sys.exc_info()[1], DATABASE_DOWN):
        setattr(request, _MARK, True)


got_request_exception.connect(_mark_database_outage, dispatch_uid="lodestar-database-outage")

"""Lodestar's JSON API, version 1, mounted at /api/v1/ with its OpenAPI schema and docs.

Every operation needs a signed-in person: a personal access token (Bearer) or the browser's
session with its CSRF token. The API answers for itself, in JSON: it is exempt from the login
redirect of the web pages, and an anonymous caller gets a 401, never a redirect.
"""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import re_path
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI

from lodestar.goals.api import router as goals_router
from lodestar.lib.apikit import ObjectParser, PersonThrottle, error_response, install_error_handlers
from lodestar.meetings.api import router as meetings_router
from lodestar.notifications.api import router as notifications_router
from lodestar.outreach.api import router as outreach_router
from lodestar.people.api import router as people_router
from lodestar.programs.api import router as programs_router
from lodestar.relationships.api import router as relationships_router
from lodestar.tokens.api import router as tokens_router
from lodestar.tokens.auth import session_auth, token_auth

DESCRIPTION = _(
    "Everything a person can do in Lodestar's pages, as JSON. Authenticate with a personal "
    "access token (`Authorization: Bearer lds_...`, made under Access tokens in your account "
    "menu) or, from the browser, with your session and the `X-CSRFToken` header. Read-only "
    "tokens may only use GET. Lists take `limit` (at most 100) and `offset` and answer "
    "`{\"items\": [...], \"count\": n}`. Every refusal has the same shape: "
    "`{\"error\": {\"code\", \"message\", \"fields\"}}`."
)


class LodestarAPI(NinjaAPI):
    def _get_urls(self):
        """The API authenticates each request itself: no web log-in redirect in front of it.
        A method an address does not take, or an address that does not exist, is answered in
        the API's error shape too."""
        patterns = super()._get_urls()
        for pattern in patterns:
            is_root = pattern.name == "api-root"
            pattern.callback = _root if is_root else _json_not_allowed(pattern.callback)
        patterns.append(re_path(r"^.+$", _unknown, name="unknown"))
        for pattern in patterns:
            login_not_required(pattern.callback)
        return patterns


def _root(request: HttpRequest, **kwargs) -> HttpResponse:
    """/api/v1/ itself: where the documentation is."""
    return JsonResponse({"name": api.title, "version": api.version, "docs": request.path + "docs",
                         "openapi": request.path + "openapi.json"})


def _unknown(request: HttpRequest) -> HttpResponse:
    return error_response(api, request, 404, "not_found", _("There is no such API address."))


def _json_not_allowed(view):
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if response.status_code != 405:
            return response
        refused = error_response(
            api, request, 405, "method_not_allowed", _("This address does not accept that method.")
        )
        refused["Allow"] = response.get("Allow", "")
        return refused

    return wrapper


api = LodestarAPI(
    title="Lodestar API",
    version="1",
    description=str(DESCRIPTION),
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
    auth=[token_auth, session_auth],
    throttle=[PersonThrottle()],
    parser=ObjectParser(),
)
install_error_handlers(api)

api.add_router("", people_router)
api.add_router("", goals_router)
api.add_router("", notifications_router)
api.add_router("", meetings_router)
api.add_router("", tokens_router)
api.add_router("", outreach_router)
api.add_router("", relationships_router)
api.add_router("", programs_router)

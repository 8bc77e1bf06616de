"""How an API request says who it is: a personal access token (scripts) or the browser's session
(with its CSRF token). Anything else is a 401 in the API's error shape."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer
from ninja.security import SessionAuth as NinjaSessionAuth
from ninja.utils import check_csrf

from lodestar.lib.apikit import ApiError

from .services import token_authenticate

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class TokenAuth(HttpBearer):
    """`Authorization: Bearer lds_<prefix>_<secret>`. A token that does not work is a 401 even
    when a session cookie came along: a script must learn that its token is wrong."""

    def authenticate(self, request: HttpRequest, token: str):
        found = token_authenticate(raw=token)
        if found is None:
            raise AuthenticationError()
        if request.method not in SAFE_METHODS and not found.can_write:
            raise ApiError(
                403,
                "insufficient_scope",
                _("This token may only read. Make a read-and-write token to change things."),
            )
        request.user = found.user
        request.api_token = found
        profile = getattr(found.user, "profile", None)
        if profile is not None:
            timezone.activate(profile.time_zone)
        return found.user


class SessionAuth(NinjaSessionAuth):
    """The signed-in browser. Unsafe methods need the CSRF token (X-CSRFToken header); a caller
    with no session is simply not authenticated (401), not a CSRF failure. With refuse_tokens,
    for what a token may not do (making or revoking tokens), a token gets a clear 403 rather than
    a bare 401."""

    def __init__(self, csrf: bool = True, *, refuse_tokens: bool = False) -> None:
        super().__init__(csrf=csrf)
        self.refuse_tokens = refuse_tokens

    def __call__(self, request: HttpRequest):
        bearer = request.headers.get("Authorization", "").lower().startswith("bearer ")
        if self.refuse_tokens and bearer:
            raise ApiError(
                403,
                "session_required",
                _("Access tokens are managed from a signed-in browser session, not with a token."),
            )
        return super().__call__(request)

    def _get_key(self, request: HttpRequest) -> str | None:
        if not request.user.is_authenticated:
            return None
        if self.csrf and check_csrf(request) is not None:
            raise ApiError(
                403, "csrf_failed", _("Send the CSRF token in the X-CSRFToken header.")
            )
        return request.COOKIES.get(self.param_name)


token_auth = TokenAuth()
session_auth = SessionAuth(csrf=True)
session_only = SessionAuth(csrf=True, refuse_tokens=True)

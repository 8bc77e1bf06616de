"""Access tokens over the API, for the signed-in browser only: a token cannot mint tokens."""

import datetime as dt
from typing import Literal

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from lodestar.lib import permissions
from lodestar.lib.apikit import Id, In, Page, responses

from . import services
from .auth import session_only
from .models import PersonalAccessToken, Scope

router = Router(tags=["tokens"], auth=[session_only])


class TokenOut(Schema):
    id: int
    name: str
    prefix: str = Field(description="Shown to tell tokens apart; the token starts lds_<prefix>_")
    scope: str
    created_at: dt.datetime
    last_used_at: dt.datetime | None
    expires_at: dt.datetime | None
    revoked_at: dt.datetime | None


class NewTokenOut(TokenOut):
    token: str = Field(description="The full token. Shown this once; only a hash is kept.")


class TokenIn(In):
    name: str = Field(max_length=80)
    scope: Literal[tuple(Scope.values)] = Scope.READ.value
    expires_in_days: Literal[tuple(services.EXPIRY_DAYS)] | None = None


@router.get("/tokens", response=responses({200: list[TokenOut]}), summary="My access tokens")
@paginate(Page)
def token_list(request: HttpRequest):
    return PersonalAccessToken.objects.for_user(request.auth)


@router.post("/tokens", response=responses({201: NewTokenOut}), summary="Make an access token")
def token_create(request: HttpRequest, payload: TokenIn):
    token, secret = services.token_create(user=request.auth, **payload.model_dump())
    return Status(201, {**TokenOut.model_validate(token).model_dump(), "token": secret})


@router.delete(
    "/tokens/{token_id}",
    response=responses({204: None}),
    summary="Revoke an access token",
)
def token_revoke(request: HttpRequest, token_id: Id):
    services.token_revoke(token=permissions.token_for(request.auth, token_id))
    return Status(204, None)

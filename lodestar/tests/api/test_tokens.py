"""Personal access tokens: made on a page (shown once), kept as a hash, scoped, revocable."""

from __future__ import annotations

import datetime as dt
import hashlib
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from lodestar.tokens.models import PersonalAccessToken
from lodestar.tokens.services import MAX_ACTIVE, token_create

from .conftest import API, ApiClient, assert_error

pytestmark = pytest.mark.django_db


def _bearer(secret: str) -> dict:
    return {"Authorization": f"Bearer {secret}"}


def test_a_token_is_made_used_and_revoked_on_the_page(client, world):
    client.force_login(world.user("owner"))
    page = client.post(reverse("tokens:list"), {"name": "weekly export", "scope": "write", "expires": "30"})
    assert page.status_code == 201
    secret = re.search(r'value="(lds_[^"]+)"', page.content.decode())[1]
    token = PersonalAccessToken.objects.get(name="weekly export")
    # Only the hash of the secret is stored; the full token is nowhere in the row.
    _lds, prefix, key = secret.split("_", 2)
    assert token.prefix == prefix
    assert token.token_hash == hashlib.sha256(key.encode()).hexdigest()
    assert key not in str([getattr(token, f.attname) for f in token._meta.fields])
    assert token.expires_at.date() == (timezone.now() + dt.timedelta(days=30)).date()
    assert secret not in client.get(reverse("tokens:list")).content.decode()  # shown once

    client.logout()
    assert client.get(f"{API}/me", headers=_bearer(secret)).json()["email"] == "alice@example.org"
    token.refresh_from_db()
    assert token.last_used_at is not None

    client.force_login(world.user("owner"))
    assert client.post(reverse("tokens:revoke", args=[token.pk])).status_code == 302
    client.logout()
    assert_error(client.get(f"{API}/me", headers=_bearer(secret)), 401, "unauthenticated")


def test_the_account_menu_links_to_the_tokens_page(client, world):
    client.force_login(world.user("owner"))
    assert reverse("tokens:list") in client.get(reverse("dashboard")).content.decode()
    page = client.get(reverse("tokens:list")).content.decode()
    assert "laptop" in page and 'href="/api/v1/docs"' in page


def test_someone_elses_token_cannot_be_revoked_on_the_page(client, world):
    client.force_login(world.user("other"))
    assert client.post(reverse("tokens:revoke", args=[world.ids["token"]])).status_code == 404
    assert PersonalAccessToken.objects.get(pk=world.ids["token"]).revoked_at is None


def test_a_read_only_token_reads_but_does_not_write(world):
    reader = ApiClient(world.user("owner"), scope="read")
    assert reader.get("/goals").status_code == 200
    error = assert_error(reader.post("/goals", {"horizon": "short", "text": "x"}), 403, "insufficient_scope")
    assert "read" in error["message"]
    assert_error(reader.delete(f"/goals/{world.ids['goal']}"), 403, "insufficient_scope")


@pytest.mark.parametrize("header", [
    "Bearer lds_nothing_here", "Bearer lds__", "Bearer abc", "Bearer lds_a_b_c_d", "Bearer ",
])
def test_a_token_that_does_not_work_is_a_401(client, world, header):
    response = client.get(f"{API}/me", headers={"Authorization": header})
    assert_error(response, 401, "unauthenticated")
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_expired_tokens_and_inactive_people_are_refused(client, world):
    token, secret = token_create(user=world.user("owner"), name="short", scope="read", expires_in_days=7)
    assert client.get(f"{API}/me", headers=_bearer(secret)).status_code == 200
    PersonalAccessToken.objects.filter(pk=token.pk).update(expires_at=timezone.now())
    assert_error(client.get(f"{API}/me", headers=_bearer(secret)), 401)
    _token, secret = token_create(user=world.user("other"), name="x", scope="read")
    world.user("other").__class__.objects.filter(pk=world.user("other").pk).update(is_active=False)
    assert_error(client.get(f"{API}/me", headers=_bearer(secret)), 401)


def test_tokens_are_managed_over_the_api_with_the_session_only(client, world):
    client.force_login(world.user("owner"))
    made = client.post(f"{API}/tokens", {"name": "ci", "scope": "read", "expires_in_days": 90},
                       content_type="application/json")
    assert made.status_code == 201
    body = made.json()
    assert body["token"].startswith(f"lds_{body['prefix']}_") and body["scope"] == "read"
    listed = client.get(f"{API}/tokens").json()
    assert listed["count"] == 2 and all("token" not in t and "token_hash" not in t for t in listed["items"])
    assert client.delete(f"{API}/tokens/{body['id']}").status_code == 204
    assert PersonalAccessToken.objects.get(pk=body["id"]).revoked_at is not None
    assert_error(client.get(f"{API}/me", headers=_bearer(body["token"])), 401)

    client.logout()
    for call in (lambda: client.get(f"{API}/tokens", headers=_bearer(body["token"])),
                 lambda: ApiClient(world.user("owner")).post("/tokens", {"name": "minted"})):
        assert_error(call(), 403, "session_required")
    assert_error(client.post(f"{API}/tokens", {"name": "x", "expires_in_days": 5},
                             content_type="application/json"), 401)


def test_there_is_a_ceiling_on_active_tokens(world):
    for n in range(MAX_ACTIVE - 1):
        token_create(user=world.user("owner"), name=f"t{n}", scope="read")
    with pytest.raises(Exception, match="active tokens"):
        token_create(user=world.user("owner"), name="one too many", scope="read")

"""Accounts: sign-up, verification, log-in, passwords and throttling, as people use them."""

from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import identify_hasher, make_password
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from lodestar.accounts.models import User
from lodestar.people.models import Profile
from lodestar.people.tests.factories import PASSWORD, ProfileFactory

pytestmark = pytest.mark.django_db


def signup(client, **overrides):
    data = {
        "display_name": "Chidi Okafor",
        "email": "chidi@example.org",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "time_zone": "Africa/Lagos",
    }
    data.update(overrides)
    return client.post(reverse("account_signup"), data)


def confirmation_link() -> str:
    body = mail.outbox[-1].body
    return re.search(r"https?://\S+/accounts/confirm-email/\S+/", body).group(0)


def test_signup_creates_user_and_profile_in_chosen_zone(client):
    response = signup(client)
    assert response.status_code == 302
    user = User.objects.get(email="chidi@example.org")
    assert user.profile.display_name == "Chidi Okafor"
    assert str(user.profile.time_zone) == "Africa/Lagos"
    assert len(mail.outbox) == 1 and "chidi@example.org" in mail.outbox[0].to


def test_signup_rejects_unknown_time_zone_beside_the_field(client):
    response = signup(client, time_zone="Mars/Olympus_Mons")
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "Mars/Olympus_Mons" in errors["time_zone"][0]
    assert "is not a time zone we know" in response.content.decode()
    assert not User.objects.exists() and not Profile.objects.exists()


def test_signup_rejects_duplicate_email_whatever_its_case(client, alice):
    response = signup(client, email="ALICE@example.org")
    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert User.objects.count() == 1


def test_signup_requires_a_name(client):
    response = signup(client, display_name="   ")
    assert "display_name" in response.context["form"].errors
    assert not User.objects.exists()


def test_login_before_verification_is_refused(client):
    signup(client)
    client.logout()
    response = client.post(
        reverse("account_login"), {"login": "chidi@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert client.get(reverse("dashboard")).status_code == 302  # still not signed in


def test_verification_link_confirms_and_signs_in(client):
    signup(client)
    link = confirmation_link()
    page = client.get(link)
    assert page.status_code == 200
    response = client.post(link)
    assert response.status_code == 302
    assert EmailAddress.objects.get(email="chidi@example.org").verified
    assert client.get(reverse("dashboard")).status_code == 200


def test_verified_person_logs_in_and_out(client, alice):
    response = client.post(
        reverse("account_login"), {"login": "alice@example.org", "password": PASSWORD}
    )
    assert response.url == reverse("dashboard")
    assert "Welcome, Alice Mensah" in client.get(reverse("dashboard")).content.decode()
    client.post(reverse("account_logout"))
    assert client.get(reverse("dashboard")).status_code == 302


def test_failed_logins_are_throttled_per_account(client, alice):
    for _attempt in range(5):
        r = client.post(reverse("account_login"), {"login": alice.user.email, "password": "wrong"})
        assert r.status_code == 200
    response = client.post(
        reverse("account_login"), {"login": alice.user.email, "password": PASSWORD}
    )
    assert response.status_code in (200, 429)
    assert "Too many failed login attempts" in response.content.decode()
    assert client.get(reverse("dashboard")).status_code == 302


def test_password_change(alice_client, alice):
    response = alice_client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": "a new long passphrase 7", "password2": "a new long passphrase 7"},
    )
    assert response.status_code == 302
    alice.user.refresh_from_db()
    assert alice.user.check_password("a new long passphrase 7")


def test_password_reset_sends_a_working_link(client, alice):
    client.post(reverse("account_reset_password"), {"email": "alice@example.org"})
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/accounts/password/reset/key/\S+/", mail.outbox[0].body).group(0)
    form_page = client.get(link, follow=True)
    response = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else link,
        {"password1": "brand new passphrase 9", "password2": "brand new passphrase 9"},
    )
    assert response.status_code == 302
    alice.user.refresh_from_db()
    assert alice.user.check_password("brand new passphrase 9")


@override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.Argon2PasswordHasher"])
def test_passwords_are_hashed_with_argon2():
    assert identify_hasher(make_password("x")).algorithm == "argon2"


def test_production_settings_put_argon2_first():
    from lodestar import settings as production

    assert production.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


@pytest.mark.parametrize(
    "url", ["/", "/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"]
)
def test_public_pages_open_without_log_in(client, url):
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("url", ["/dashboard/", "/me/", "/people/1/", "/accounts/password/change/"])
def test_everything_else_needs_log_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_landing_sends_signed_in_people_to_their_dashboard(alice_client):
    assert alice_client.get("/").url == reverse("dashboard")


def test_staff_created_without_profile_gets_one_on_first_visit(client):
    staff = User.objects.create_superuser(email="root@example.org", password=PASSWORD)
    client.force_login(staff)
    assert client.get(reverse("dashboard")).status_code == 200
    assert Profile.objects.filter(user=staff).exists()


def test_staff_see_the_admin(client):
    staff = ProfileFactory(user__email="staff@example.org").user
    staff.is_staff = staff.is_superuser = True
    staff.save()
    client.force_login(staff)
    assert client.get("/admin/people/profile/").status_code == 200
    assert client.get("/admin/accounts/user/").status_code == 200


def test_landing_answers_head_requests_from_uptime_checks(client):
    response = client.head("/")
    assert response.status_code == 200 and response.content == b""
    assert client.post("/").status_code == 405

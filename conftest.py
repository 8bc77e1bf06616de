"""Shared test set-up: personas and a verified log-in, as in a real session."""

from __future__ import annotations


import pytest



@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.MEDIA_ROOT = tmp_path / "media"
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def alice(db):
    from lodestar.people.tests.factories import ProfileFactory

    return ProfileFactory(display_name="Alice Mensah", user__email="alice@example.org", time_zone="Africa/Accra")


@pytest.fixture
def bob(db):
    from lodestar.people.tests.factories import ProfileFactory

    return ProfileFactory(display_name="Bob Tanaka", user__email="bob@example.org", time_zone="Asia/Tokyo")


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice.user)
    return client

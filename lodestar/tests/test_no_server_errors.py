"""No page answers with a server error, whatever is sent to it."""

from __future__ import annotations

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lodestar.people.views import FIELD_SECTIONS

SECTIONS = [*FIELD_SECTIONS, "skills", "languages", "availability", "public_work"]
FIELDS = [
    "display_name", "headline", "bio", "job_title", "organization", "department", "seniority",
    "years_experience", "manager_email", "country", "time_zone", "channels", "feedback_style",
    "mentorship_types", "guidance_offered", "max_mentees", "minutes_per_month", "accepting_mentees",
    "skills", "expertise", "language", "proficiency", "weekday", "start", "end", "kind", "title",
    "url", "year",
]
junk = st.one_of(
    st.text(max_size=300),
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
    st.sampled_from(["", " ", "24:00", "-1", "99999999999999999999", "\x00", "é" * 500, "UTC", "Europe/Paris"]),
)


@pytest.mark.django_db
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(section=st.sampled_from(SECTIONS), data=st.dictionaries(st.sampled_from(FIELDS), junk, max_size=8),
       htmx=st.booleans())
def test_profile_sections_never_fail_on_junk(alice_client, section, data, htmx):
    headers = {"HX-Request": "true"} if htmx else {}
    response = alice_client.post(reverse("people:section", args=[section]), data, headers=headers)
    assert response.status_code < 500


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    ["/people/0/", "/people/99999999999/", "/me/%00/", "/media/photos/none.png", "/media/../settings.py",
     "/accounts/confirm-email/garbage/", "/accounts/password/reset/key/1-x/", "/dashboard/?next=//evil"],
)
def test_odd_urls_are_not_errors(alice_client, path):
    assert alice_client.get(path).status_code < 500


@pytest.mark.django_db
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.dictionaries(st.sampled_from(["display_name", "email", "password1", "password2", "time_zone"]), junk))
def test_signup_never_fails_on_junk(client, data):
    assert client.post(reverse("account_signup"), data).status_code < 500

"""Editing one's profile through the web UI: every rule, including bad input that saves nothing."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from lodestar.people.models import AvailabilityWindow, Profile, ProfileLanguage, PublicWork, Skill
from lodestar.people.services import availability_add
from lodestar.people.tests.factories import ProfileFactory

pytestmark = pytest.mark.django_db


def section(name: str) -> str:
    return reverse("people:section", args=[name])


def test_profile_page_shows_every_section(alice_client):
    html = alice_client.get(reverse("people:edit")).content.decode()
    for anchor in ["about", "work", "place", "languages", "skills", "availability", "style",
                   "public_work", "mentor", "completeness"]:
        assert f'id="{anchor}"' in html


def test_about_section_saves_and_htmx_gets_the_partial_with_a_new_meter(alice_client, alice):
    response = alice_client.post(
        section("about"),
        {"display_name": "Alice M.", "headline": "Data analyst learning product", "bio": ""},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert '<section id="about"' in html and "<html" not in html
    assert 'id="completeness" class="meter-box" hx-swap-oob="true"' in html
    alice.refresh_from_db()
    assert (alice.display_name, alice.headline) == ("Alice M.", "Data analyst learning product")


def test_without_htmx_a_save_redirects_back_to_the_section(alice_client):
    response = alice_client.post(section("place"), {"country": "GH", "time_zone": "Africa/Accra"})
    assert response.status_code == 302 and response.url.endswith("#place")


def test_unknown_time_zone_is_refused_beside_the_field(alice_client, alice):
    response = alice_client.post(
        section("place"), {"country": "GH", "time_zone": "Europe/Atlantis"}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert "“Europe/Atlantis” is not a time zone we know" in html
    assert 'class="field has-error" id="field-time_zone"' in html
    alice.refresh_from_db()
    assert str(alice.time_zone) == "Africa/Accra" and alice.country == ""


def test_capacity_below_zero_is_refused_and_nothing_saved(alice_client, alice):
    response = alice_client.post(
        section("mentor"),
        {"mentorship_types": ["informal"], "max_mentees": "-1", "minutes_per_month": "60"},
    )
    assert "Capacity cannot be below zero." in response.content.decode()
    alice.refresh_from_db()
    assert alice.max_mentees == 0 and alice.mentorship_types == [] and alice.minutes_per_month == 0


def test_accepting_mentees_needs_a_type_and_room(alice_client, alice):
    response = alice_client.post(
        section("mentor"), {"max_mentees": "0", "minutes_per_month": "60", "accepting_mentees": "on"}
    )
    errors = response.context["forms"]["mentor"].errors
    assert "mentorship_types" in errors and "max_mentees" in errors
    alice.refresh_from_db()
    assert not alice.accepting_mentees


def test_mentor_section_saves_choices(alice_client, alice):
    alice_client.post(
        section("mentor"),
        {"mentorship_types": ["informal", "virtual"], "guidance_offered": ["career", "technical"],
         "max_mentees": "3", "minutes_per_month": "120", "accepting_mentees": "on"},
    )
    alice.refresh_from_db()
    assert set(alice.mentorship_types) == {"informal", "virtual"}
    assert set(alice.guidance_offered) == {"career", "technical"}
    assert alice.accepting_mentees and alice.max_mentees == 3
    assert Profile.objects.accepting().filter(pk=alice.pk).exists()


def test_skills_are_one_entry_however_they_are_typed(alice_client, alice, bob):
    alice_client.post(section("skills"), {"skills": "Python, python , PYTHON,  SQL", "expertise": ""})
    bob.skills.set([])
    alice.refresh_from_db()
    assert sorted(s.name for s in alice.skills.all()) == ["Python", "SQL"]
    alice_client.post(section("skills"), {"skills": "pYtHoN,Public   speaking", "expertise": "python"})
    assert Skill.objects.filter(key="python").count() == 1
    assert sorted(s.key for s in alice.skills.all()) == ["public speaking", "python"]
    assert [s.name for s in alice.expertise.all()] == ["Python"]


def test_too_many_skills_are_refused(alice_client, alice):
    names = ", ".join(f"skill {i}" for i in range(31))
    response = alice_client.post(section("skills"), {"skills": names, "expertise": ""})
    assert "List at most 30" in response.content.decode()
    assert not alice.skills.exists() and not Skill.objects.exists()


def test_language_added_updated_and_removed(alice_client, alice):
    alice_client.post(section("languages"), {"language": "pt", "proficiency": "3"})
    alice_client.post(section("languages"), {"language": "pt", "proficiency": "5"})
    entry = ProfileLanguage.objects.get(profile=alice)
    assert (entry.language, entry.proficiency) == ("pt", 5)
    alice_client.post(reverse("people:remove", args=["languages", entry.pk]))
    assert not ProfileLanguage.objects.exists()


def test_unknown_language_is_refused(alice_client, alice):
    response = alice_client.post(section("languages"), {"language": "xx", "proficiency": "3"})
    assert "Select a valid choice" in response.content.decode()
    assert not ProfileLanguage.objects.exists()


def test_availability_window_saved_in_local_minutes(alice_client, alice):
    alice_client.post(section("availability"), {"weekday": "0", "start": "18:30", "end": "24:00"})
    window = AvailabilityWindow.objects.get(profile=alice)
    assert (window.weekday, window.start_minute, window.end_minute) == (0, 1110, 1440)
    assert str(window) == "Monday 18:30-24:00"


def test_window_that_ends_before_it_starts_is_refused(alice_client, alice):
    response = alice_client.post(section("availability"), {"weekday": "2", "start": "17:00", "end": "09:00"})
    html = response.content.decode()
    assert "This window ends before it starts" in html
    assert 'class="field has-error" id="field-end"' in html
    assert not AvailabilityWindow.objects.exists()


def test_window_that_overlaps_another_is_refused(alice_client, alice):
    availability_add(profile=alice, weekday=1, start_minute=9 * 60, end_minute=12 * 60)
    response = alice_client.post(section("availability"), {"weekday": "1", "start": "11:00", "end": "13:00"})
    assert "overlaps your Tuesday 09:00-12:00 window" in response.content.decode()
    assert AvailabilityWindow.objects.count() == 1
    # Touching is fine: 12:00-13:00 starts as the other ends.
    alice_client.post(section("availability"), {"weekday": "1", "start": "12:00", "end": "13:00"})
    assert AvailabilityWindow.objects.count() == 2


@pytest.mark.parametrize("start,end", [("25:00", "26:00"), ("09:61", "10:00"), ("nine", "10:00"), ("", "")])
def test_nonsense_times_are_refused(alice_client, alice, start, end):
    response = alice_client.post(section("availability"), {"weekday": "1", "start": start, "end": end})
    assert response.status_code == 200
    assert response.context["forms"]["availability"].errors
    assert not AvailabilityWindow.objects.exists()


def test_public_work_added_with_year_checks(alice_client, alice):
    bad = alice_client.post(section("public_work"), {"kind": "talk", "title": "Future talk", "year": "2999"})
    assert "That year has not come yet." in bad.content.decode()
    assert not PublicWork.objects.exists()
    alice_client.post(
        section("public_work"),
        {"kind": "article", "title": "Budgeting for small teams", "url": "example.org/budget", "year": "2024"},
    )
    work = PublicWork.objects.get(profile=alice)
    assert work.url == "https://example.org/budget"


def test_manager_is_found_by_email_and_cycles_are_refused(alice_client, alice, bob):
    alice_client.post(section("work"), {"job_title": "Analyst", "manager_email": "BOB@example.org"})
    alice.refresh_from_db()
    assert alice.manager == bob
    bob.manager = alice
    response = alice_client.post(section("work"), {"job_title": "Analyst", "manager_email": "alice@example.org"})
    assert "You cannot be your own manager." in response.content.decode()
    # Bob cannot name Alice as his manager while Alice reports to him.
    from django.test import Client

    bob_client = Client()
    bob_client.force_login(bob.user)
    response = bob_client.post(section("work"), {"manager_email": "alice@example.org"})
    assert "Alice Mensah already reports to you." in response.content.decode()
    bob.refresh_from_db()
    assert bob.manager is None


def test_manager_email_must_belong_to_someone(alice_client, alice):
    response = alice_client.post(section("work"), {"manager_email": "nobody@example.org"})
    assert "Nobody on Lodestar has the address nobody@example.org." in response.content.decode()


def test_years_of_experience_out_of_range(alice_client, alice):
    response = alice_client.post(section("work"), {"years_experience": "120"})
    assert response.context["forms"]["work"].errors["years_experience"]
    alice.refresh_from_db()
    assert alice.years_experience is None


def _image_bytes(fmt="PNG", size=(64, 64)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 120, 90)).save(buffer, fmt)
    return buffer.getvalue()


def test_photo_upload_and_checks(alice_client, alice, settings):
    fake = SimpleUploadedFile("me.png", b"not an image", content_type="image/png")
    response = alice_client.post(section("about"), {"display_name": "Alice", "photo": fake})
    assert response.context["forms"]["about"].errors["photo"]
    settings.PHOTO_MAX_BYTES = 100
    big = SimpleUploadedFile("me.png", _image_bytes(), content_type="image/png")
    response = alice_client.post(section("about"), {"display_name": "Alice", "photo": big})
    assert "the limit is" in response.content.decode()
    alice.refresh_from_db()
    assert not alice.photo
    settings.PHOTO_MAX_BYTES = 2_000_000
    good = SimpleUploadedFile("me.png", _image_bytes(), content_type="image/png")
    alice_client.post(section("about"), {"display_name": "Alice", "photo": good})
    alice.refresh_from_db()
    assert alice.photo.name == f"photos/{alice.user_id}.png"
    assert alice_client.get(alice.photo.url).status_code == 200


def test_nobody_can_remove_another_persons_items(alice_client, bob):
    window = availability_add(profile=bob, weekday=0, start_minute=600, end_minute=660)
    response = alice_client.post(reverse("people:remove", args=["availability", window.pk]))
    assert response.status_code in (200, 302)
    assert AvailabilityWindow.objects.filter(pk=window.pk).exists()


def test_unknown_sections_are_404_not_500(alice_client):
    assert alice_client.post(section("nonsense"), {}).status_code == 404
    assert alice_client.post(reverse("people:remove", args=["nonsense", 1])).status_code == 404
    assert alice_client.get(section("about")).status_code == 405


def test_completeness_names_what_is_missing_and_grows(alice_client, alice):
    before = alice_client.get(reverse("dashboard")).context["completeness"]
    labels = [str(item.label) for item in before.missing]
    assert "your skills" in labels and "your weekly availability" in labels
    assert "the guidance you can offer" not in labels  # not a mentor yet
    alice_client.post(section("skills"), {"skills": "Python", "expertise": ""})
    after = alice_client.get(reverse("dashboard")).context["completeness"]
    assert after.percent > before.percent
    assert "your skills" not in [str(i.label) for i in after.missing]


def test_completeness_adds_mentor_items_for_mentors(alice_client, alice):
    alice_client.post(section("mentor"), {"mentorship_types": ["peer"], "max_mentees": "1", "minutes_per_month": "30"})
    labels = [str(i.label) for i in alice_client.get(reverse("dashboard")).context["completeness"].missing]
    assert "the guidance you can offer" in labels and "how many mentees you can take" not in labels


def test_public_profile_shows_availability_in_the_viewers_time(client, alice, bob):
    # Alice is in Accra (UTC+0), Bob in Tokyo (UTC+9): Monday 09:00 in Accra is Monday 18:00 in Tokyo.
    availability_add(profile=alice, weekday=0, start_minute=9 * 60, end_minute=11 * 60)
    client.force_login(bob.user)
    html = client.get(alice.get_absolute_url()).content.decode()
    assert "Mon 09:00–11:00" in html and "Mon 18:00–20:00" in html


def test_inactive_people_have_no_public_profile(alice_client, bob):
    bob.user.is_active = False
    bob.user.save()
    assert alice_client.get(bob.get_absolute_url()).status_code == 404


def test_private_fields_are_not_on_the_public_profile(alice_client, bob, alice):
    bob.manager = alice
    bob.save()
    html = alice_client.get(bob.get_absolute_url()).content.decode()
    assert "bob@example.org" not in html


def test_factories_make_people_that_can_log_in(client):
    profile = ProfileFactory()
    from lodestar.people.tests.factories import PASSWORD

    assert client.login(email=profile.user.email, password=PASSWORD)


def test_an_end_of_00_00_means_midnight(alice_client, alice):
    alice_client.post(section("availability"), {"weekday": "4", "start": "20:00", "end": "00:00"})
    window = AvailabilityWindow.objects.get(profile=alice)
    assert (window.start_minute, window.end_minute) == (1200, 1440)


def test_old_zone_names_become_current_ones_and_server_names_are_refused(alice_client, alice):
    alice_client.post(section("place"), {"country": "IN", "time_zone": "Asia/Calcutta"})
    alice.refresh_from_db()
    assert str(alice.time_zone) == "Asia/Kolkata"
    for name in ["localtime", "Factory", "posixrules"]:
        response = alice_client.post(section("place"), {"country": "IN", "time_zone": name})
        assert "is not a time zone we know" in response.content.decode()
    alice.refresh_from_db()
    assert str(alice.time_zone) == "Asia/Kolkata"

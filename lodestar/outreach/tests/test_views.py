"""The pages: writing with the live coach, requests and who may see or answer them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lodestar.notifications.models import Notification
from lodestar.outreach import services
from lodestar.outreach.models import AbuseReport, IntroRequest, RequestState

from .conftest import good_message, make_mentor, make_person, send

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_mentee(client, mentee):
    client.force_login(mentee.user)
    return client


def login(client, profile):
    client.force_login(profile.user)
    return client


# --- writing -------------------------------------------------------------------------------------


def test_the_write_page_starts_with_a_draft_the_coach_likes(as_mentee, mentor):
    page = as_mentee.get(reverse("outreach:write", args=[mentor.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Dear Elena," in html and "“Building data teams that last”" in html
    assert (
        "Lead the data platform team of four" in html
        or "lead the data platform team of four" in html
    )
    assert (
        "Coach score: <strong>100</strong>" in html
        and 'hx-trigger="input changed delay:400ms' in html
    )


def test_the_live_coach_answers_each_edit(as_mentee, mentor):
    data = good_message(mentor)
    url = reverse("outreach:write_coach", args=[mentor.pk])
    page = as_mentee.post(
        url,
        {
            "subject": "Mentorship",
            "body": data["body"].replace("a 20-minute conversation", "an hour-long call"),
        },
        HTTP_HX_REQUEST="true",
    )
    html = page.content.decode()
    assert "finding-weak_subject" in html and "finding-long_ask" in html
    page = as_mentee.post(
        url, {"subject": data["subject"], "body": "Will you be my mentor?"}, HTTP_HX_REQUEST="true"
    )
    assert "Must fix" in page.content.decode()


def test_redrafting_in_another_tone(as_mentee, mentor):
    work = mentor.public_work.first()
    page = as_mentee.post(
        reverse("outreach:write", args=[mentor.pk]),
        {
            "action": "draft",
            "tone": "formal",
            "cited_work": work.pk,
            "questions": "How did you hire your first lead?\nWhat would you do in my place?",
        },
        HTTP_HX_REQUEST="true",
    )
    html = page.content.decode()
    assert "Dear Elena Vasquez," in html and "How did you hire your first lead?" in html
    assert "<html" not in html  # only the composer partial


def test_sending_from_the_page(as_mentee, mentee, mentor):
    data = good_message(mentor)
    page = as_mentee.post(
        reverse("outreach:write", args=[mentor.pk]),
        {
            "action": "send",
            "tone": "warm",
            "cited_work": mentor.public_work.first().pk,
            "subject": data["subject"],
            "body": data["body"],
            "questions": "\n".join(data["questions"]),
        },
    )
    req = IntroRequest.objects.get()
    assert page.status_code == 302 and page.url == req.get_absolute_url()
    assert req.mentee == mentee and req.question_list == data["questions"]


def test_a_blocked_message_is_explained_on_the_page_and_not_sent(as_mentee, mentor):
    page = as_mentee.post(
        reverse("outreach:write", args=[mentor.pk]),
        {
            "action": "send",
            "tone": "warm",
            "subject": "Mentorship",
            "body": "Will you be my mentor?",
        },
    )
    assert page.status_code == 200 and "open-ended commitment" in page.content.decode()
    assert not IntroRequest.objects.exists()


def test_a_mentor_without_room_offers_the_waitlist(as_mentee, mentee, mentor):
    from lodestar.people import services as people

    people.profile_update(profile=mentor, accepting_mentees=False)
    page = as_mentee.get(reverse("outreach:write", args=[mentor.pk]))
    assert (
        "not taking new mentees" in page.content.decode()
        and 'id="join-waitlist"' in page.content.decode()
    )
    as_mentee.post(reverse("outreach:waitlist", args=[mentor.pk]))
    assert mentee.waiting_for.filter(mentor=mentor).exists()


# --- requests: who sees and who answers ----------------------------------------------------------


def test_each_side_sees_the_request_and_a_stranger_gets_404(client, mentee, mentor):
    req = send(mentee, mentor)
    for person in (mentee, mentor):
        assert login(client, person).get(req.get_absolute_url()).status_code == 200
    stranger = make_person("Nosy Neighbour")
    login(client, stranger)
    for name in (
        "request",
        "accept",
        "decline",
        "redirect",
        "withdraw",
        "report",
        "propose_times",
        "book",
    ):
        method = client.get if name in ("request", "decline", "redirect", "report") else client.post
        assert method(reverse(f"outreach:{name}", args=[req.pk])).status_code == 404, name
    assert IntroRequest.objects.get().state == RequestState.REQUESTED


def test_the_sender_cannot_answer_and_the_receiver_cannot_withdraw(client, mentee, mentor):
    req = send(mentee, mentor)
    login(client, mentee)
    assert client.post(reverse("outreach:accept", args=[req.pk])).status_code == 403
    assert client.get(reverse("outreach:decline", args=[req.pk])).status_code == 403
    login(client, mentor)
    assert client.post(reverse("outreach:withdraw", args=[req.pk])).status_code == 403
    assert IntroRequest.objects.get().state == RequestState.REQUESTED


def test_the_mentee_always_sees_where_each_request_stands(client, mentee, mentor):
    other = make_mentor("Kofi Boateng", works=("Pipelines nobody babysits",))
    send(mentee, mentor)
    second = send(mentee, other)
    services.intro_request_decline(request=second, by=other, reply="Not now.")
    html = login(client, mentee).get(reverse("outreach:requests")).content.decode()
    assert "state-requested" in html and "state-declined" in html and "closes in" in html


def test_accepting_then_offering_times_from_the_page(client, mentee, mentor):
    req = send(mentee, mentor)
    login(client, mentor)
    page = client.post(reverse("outreach:accept", args=[req.pk]), {"note": "Happy to."})
    assert page.status_code == 302
    detail = client.get(req.get_absolute_url()).content.decode()
    assert 'name="times"' in detail
    values = __import__("re").findall(r'name="times" value="([^"]+)"', detail)
    client.post(reverse("outreach:propose_times", args=[req.pk]), {"times": values[:2]})
    assert len(IntroRequest.objects.get().proposed_times) == 2
    login(client, mentee)
    page = client.post(reverse("outreach:book", args=[req.pk]), {"start": values[0]})
    req.refresh_from_db()
    assert req.meeting is not None and page.url == req.meeting.get_absolute_url()


def test_declining_starts_from_a_kind_draft(client, mentee, mentor):
    req = send(mentee, mentor)
    login(client, mentor)
    page = client.get(reverse("outreach:decline", args=[req.pk]))
    assert "Dear Arjun," in page.content.decode()
    page = client.post(reverse("outreach:decline", args=[req.pk]), {"reason": "time", "reply": ""})
    assert page.status_code == 200 and IntroRequest.objects.get().state == RequestState.REQUESTED
    client.post(reverse("outreach:decline", args=[req.pk]), {"reason": "time", "reply": "Not now."})
    assert IntroRequest.objects.get().state == RequestState.DECLINED


def test_pointing_elsewhere_by_email(client, mentee, mentor):
    better = make_mentor("Kofi Boateng", email="kofi@example.org")
    req = send(mentee, mentor)
    login(client, mentor)
    page = client.post(
        reverse("outreach:redirect", args=[req.pk]),
        {"email": "nobody@example.org", "reply": "Try them"},
    )
    assert "Nobody on Lodestar has that address." in page.content.decode()
    client.post(
        reverse("outreach:redirect", args=[req.pk]),
        {"email": "kofi@example.org", "reply": "Try Kofi"},
    )
    assert IntroRequest.objects.get().redirected_to == better
    html = login(client, mentee).get(req.get_absolute_url()).content.decode()
    assert reverse("outreach:write", args=[better.pk]) in html


def test_reports_reach_staff_in_the_admin(client, mentee, mentor):
    req = send(mentee, mentor)
    login(client, mentor).post(reverse("outreach:report", args=[req.pk]), {"reason": "Rude."})
    assert AbuseReport.objects.get().reason == "Rude."
    staff = make_person("Sam Staff")
    staff.user.is_staff = staff.user.is_superuser = True
    staff.user.save()
    page = login(client, staff).get(reverse("admin:outreach_abusereport_changelist"))
    assert page.status_code == 200 and "Arjun Mehta" in page.content.decode()
    change = client.get(
        reverse("admin:outreach_abusereport_change", args=[AbuseReport.objects.get().pk])
    )
    assert "Rude." in change.content.decode()


def test_notification_titles_render(mentee, mentor):
    services.intro_request_accept(request=send(mentee, mentor), by=mentor)
    titles = [n.title for n in Notification.objects.filter(recipient=mentee.user)]
    assert "Elena Vasquez accepted your request" in titles

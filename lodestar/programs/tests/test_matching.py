import pytest
from django.core.exceptions import ValidationError

from lodestar.notifications.models import Notification
from lodestar.programs import csvfile, matchrun, services
from lodestar.programs.models import Participant, ProgramMatch, ProgramRun, Suggestion
from lodestar.relationships.models import Relationship

from .conftest import people_csv

pytestmark = pytest.mark.django_db


def run(program, admin, mode=None) -> ProgramRun:
    """Tasks run inline in tests (the immediate backend), as a worker would run them."""
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        created = matchrun.run_create(program=program, by=admin.user, mode=mode)
    return ProgramRun.objects.get(pk=created.pk)


def test_a_run_proposes_explained_pairs_and_a_report(filled, admin):
    done = run(filled, admin)
    assert done.state == "done" and done.progress == 100
    pairs = list(ProgramMatch.objects.filter(program=filled))
    assert len(pairs) == 6
    assert all(p.mentee.role == "mentee" and p.mentor.role == "mentor" for p in pairs)
    assert all(p.reasons for p in pairs)
    assert "summary" in done.report


def test_capacity_and_rules_are_the_programs(filled, admin):
    filled = services.program_update(program=filled, forbid_same_department=True)
    Participant.objects.filter(program=filled, role="mentor").exclude(
        profile__user__email__in=["mentor0@acme.example", "mentor1@acme.example"]).update(status="declined")
    filled = services.program_update(program=filled, mentor_capacity=2)
    run(filled, admin)
    pairs = list(ProgramMatch.objects.filter(program=filled).select_related("mentee__profile", "mentor__profile"))
    assert len(pairs) == 4  # two mentors, two places each
    assert all(p.mentee.profile.department != p.mentor.profile.department for p in pairs)


def test_must_match_questions_keep_different_answers_apart(program, admin):
    q = services.question_add(program=program, text="Region", kind="choice", choices=["EMEA", "APAC"],
                              matching="must")
    text = people_csv(4, 4, extra=",Region")
    lines = text.strip().splitlines()
    lines = [lines[0]] + [f"{line},{'EMEA' if k % 2 else 'APAC'}" for k, line in enumerate(lines[1:])]
    assert csvfile.participants_import(program=program, text="\n".join(lines) + "\n").ok
    run(program, admin)
    pairs = list(ProgramMatch.objects.filter(program=program))
    assert pairs
    key = str(q.pk)
    assert all(p.mentee.answers[key] == p.mentor.answers[key] for p in pairs)


def test_should_match_questions_count_in_the_score(program, admin):
    q = services.question_add(program=program, text="Where do you work from?", kind="choice",
                              choices=["Lisbon", "Nairobi"], matching="should")
    text = people_csv(4, 4, extra=",Where do you work from?")
    lines = text.strip().splitlines()
    # mentors answer Lisbon, Nairobi, Lisbon, Nairobi; mentees the other way round
    places = ["Lisbon", "Nairobi", "Lisbon", "Nairobi", "Nairobi", "Lisbon", "Nairobi", "Lisbon"]
    lines = [lines[0]] + [f"{line},{place}" for line, place in zip(lines[1:], places, strict=True)]
    assert csvfile.participants_import(program=program, text="\n".join(lines) + "\n").ok
    key = str(q.pk)

    def pairs_sharing(weight):
        services.program_update(program=program, mentor_capacity=1,
                                weights={**program.weights, "answers": weight})
        ProgramMatch.objects.filter(program=program).delete()
        run(program, admin)
        pairs = list(ProgramMatch.objects.filter(program=program).select_related("mentee", "mentor"))
        assert len(pairs) == 4
        same = [p for p in pairs if matchrun._answer_key(p.mentee.answers[key])
                == matchrun._answer_key(p.mentor.answers[key])]
        return pairs, same

    pairs, same = pairs_sharing(10)
    assert len(same) == 4  # everyone is paired with someone working from the same city
    assert all(any("Where do you work from?" in r for r in p.reasons) for p in pairs)
    assert all(any("program question" in r for r in p.reasons) for p in pairs)
    _pairs, same_unweighted = pairs_sharing(0)
    assert len(same_unweighted) < 4  # with no weight, the answers no longer steer the pairs


def test_swap_locks_and_resolving_keeps_locked_pairs(filled, admin):
    run(filled, admin)
    a, b = list(ProgramMatch.objects.filter(program=filled))[:2]
    mentors = (a.mentor_id, b.mentor_id)
    services.pair_swap(pair=a, other=b)
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.mentor_id, b.mentor_id) == (mentors[1], mentors[0]) and a.locked and b.locked
    run(filled, admin)
    kept = ProgramMatch.objects.filter(program=filled, locked=True)
    assert {(p.mentee_id, p.mentor_id) for p in kept} == {(a.mentee_id, a.mentor_id), (b.mentee_id, b.mentor_id)}
    assert ProgramMatch.objects.filter(program=filled).count() == 6
    assert filled.runs.first().report["locked"] == 2


def test_a_locked_pair_cannot_be_swapped(filled, admin):
    run(filled, admin)
    a, b = list(ProgramMatch.objects.filter(program=filled))[:2]
    services.pair_lock(pair=a, locked=True)
    with pytest.raises(ValidationError):
        services.pair_swap(pair=a, other=b)


def test_publish_creates_formal_relationships_notifies_and_waitlists(program, admin):
    assert csvfile.participants_import(program=program, text=people_csv(5, 3)).ok
    program = services.program_update(program=program, starts_on=__import__("datetime").date(2030, 1, 1),
                                      ends_on=__import__("datetime").date(2030, 7, 1),
                                      milestone_days=[30])
    run(program, admin)
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        done = services.program_publish(program=program, by=admin)
    assert done == {"pairs": 3, "waitlisted": 2}
    rels = Relationship.objects.filter(kind="formal", state="active")
    assert rels.count() == 3
    assert all(p.relationship_id for p in ProgramMatch.objects.filter(program=program))
    waiting = Participant.objects.filter(program=program, status="waitlisted")
    assert waiting.count() == 2 and all(p.waitlist_reason for p in waiting)
    assert Notification.objects.filter(kind="match_published").count() == 6
    told = Notification.objects.filter(kind="program_waitlisted")
    assert told.count() == 2 and all(n.context["reason"] for n in told)
    assert program.surveys.count() == 3
    assert Notification.objects.filter(kind="survey_due").count() == 3 * 6
    with pytest.raises(ValidationError):
        services.program_publish(program=program, by=admin)  # nothing left to publish


def test_the_matched_participant_sees_their_match(client, filled, admin):
    run(filled, admin)
    services.program_publish(program=filled, by=admin)
    pair = ProgramMatch.objects.filter(program=filled).select_related("mentee__profile__user", "mentor__profile").first()
    client.force_login(pair.mentee.profile.user)
    page = client.get(f"/programs/{filled.pk}/mine/").content.decode()
    assert pair.mentor.profile.display_name in page and "Your match" in page


def test_peer_programs_pair_within_one_pool(staff, admin):
    program = services.program_create(by=staff, name="Peers", admins=[admin], kind="peer",
                                      match_mode="peer", audience="open")
    text = "email,role,name,department,time_zone,skills\n" + "".join(
        f"p{i}@acme.example,peer,Peer {i},D{i % 2},UTC,SQL;Python\n" for i in range(6))
    assert csvfile.participants_import(program=program, text=text).ok
    done = run(program, admin)
    assert done.state == "done"
    pairs = list(ProgramMatch.objects.filter(program=program))
    people = [p.mentee_id for p in pairs] + [p.mentor_id for p in pairs]
    assert len(pairs) == 3 and len(set(people)) == 6


def test_self_match_lets_mentees_choose_among_suggestions(client, filled, admin):
    done = run(filled, admin, mode="self")
    assert done.state == "done" and not ProgramMatch.objects.exists()
    place = Participant.objects.filter(program=filled, role="mentee").select_related("profile__user").first()
    mine = Suggestion.objects.filter(mentee=place)
    assert 1 <= mine.count() <= 5
    client.force_login(place.profile.user)
    response = client.post(f"/programs/{filled.pk}/suggestions/{mine[0].pk}/choose/")
    assert response.status_code == 302
    pair = ProgramMatch.objects.get()
    assert pair.mentee == place and pair.mentor == mine[0].mentor and pair.locked
    other = Participant.objects.filter(program=filled, role="mentee").exclude(pk=place.pk).first()
    client.force_login(other.profile.user)  # someone else's suggestion is not theirs to take
    assert client.post(f"/programs/{filled.pk}/suggestions/{mine[1].pk}/choose/").status_code == 404


def test_an_empty_pool_fails_the_run_with_a_reason(program, admin):
    done = run(program, admin)
    assert done.state == "failed" and "Nobody left to match" in done.error


def test_matching_page_polls_while_running_and_shows_pairs(admin_client, filled, admin):
    queued = matchrun.run_create(program=filled, by=admin.user)  # not executed: on_commit never fired
    page = admin_client.get(f"/programs/{filled.pk}/matching/").content.decode()
    assert f"/programs/{filled.pk}/runs/{queued.pk}/progress/" in page and "every 1s" in page
    with pytest.raises(ValidationError):
        matchrun.run_create(program=filled, by=admin.user)  # one at a time
    matchrun.run_execute(run_id=queued.pk)
    matchrun.run_execute(run_id=queued.pk)  # a second delivery of the task does nothing
    assert ProgramMatch.objects.filter(program=filled).count() == 6
    response = admin_client.get(f"/programs/{filled.pk}/runs/{queued.pk}/progress/", HTTP_HX_REQUEST="true")
    assert response["HX-Refresh"] == "true"


def test_the_match_command_runs_a_program(filled):
    from io import StringIO

    from django.core.management import call_command
    from django.core.management.base import CommandError

    out = StringIO()
    call_command("match", "--program", str(filled.pk), "--mode", "stable", "--dry-run", stdout=out,
                 stderr=StringIO())
    assert "Dry run: 6 pairs proposed" in out.getvalue() and not ProgramMatch.objects.exists()
    call_command("match", "--program", str(filled.pk), "--mode", "stable", stdout=out, stderr=StringIO())
    assert ProgramMatch.objects.filter(program=filled).count() == 6
    assert ProgramRun.objects.get().mode == "stable"
    with pytest.raises(CommandError, match="peer"):
        call_command("match", "--program", str(filled.pk), "--mode", "peer", stdout=out, stderr=StringIO())
    with pytest.raises(CommandError, match="no program"):
        call_command("match", "--program", "999999", stdout=out, stderr=StringIO())

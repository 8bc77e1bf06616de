"""`lodestar match` over the community, and `lodestar match-file` over a CSV file."""

from __future__ import annotations

import csv
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from lodestar.matching.models import MatchProposal, MatchRun

from .population import mentor, person, reflect

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[3]
EVENINGS = ("Mon 18:00-20:00", "Wed 18:00-20:00")


@pytest.fixture
def community():
    """Two ready mentees, one who is not ready yet, two mentors with room and one without."""
    mina = reflect(person("Mina", windows=EVENINGS), gaps=("Python",), guidance={"technical": 3},
                   must=[("language", "en")])
    noor = reflect(person("Noor", windows=EVENINGS), gaps=("Design",), guidance={"career": 3},
                   must=[("language", "en")])
    drafting = person("Dora", windows=EVENINGS)
    reflect(drafting, gaps=("Python",), goal=False)  # no persona, no guidance: not ready
    pia = mentor("Pia", expertise=("Python",), offers=("technical",), windows=EVENINGS)
    dan = mentor("Dan", expertise=("Design",), offers=("career",), windows=EVENINGS)
    mentor("Rest", expertise=("Python", "Design"), windows=EVENINGS, accepting=False)
    return {"mina": mina, "noor": noor, "dora": drafting, "pia": pia, "dan": dan}


def run(*args):
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_a_dry_run_writes_nothing(community):
    out, err = run("match", "--dry-run")
    assert "optimal: 2 of 2 matched" in out
    assert "Dry run: 2 pairs proposed, nothing saved." in out
    assert "[" in err and "matching 2 mentees" in err  # the progress bar, on stderr
    assert MatchRun.objects.count() == 0 and MatchProposal.objects.count() == 0


def test_match_saves_a_run_with_its_proposals(community):
    out, _ = run("match")
    (match_run,) = MatchRun.objects.all()
    assert f"Saved match run #{match_run.pk} with 2 proposals." in out
    assert match_run.status == "done" and match_run.mode == "optimal"
    assert match_run.report["matched"] == 2 and match_run.params["mentors"] == 2
    pairs = {(p.mentee_id, p.mentor_id) for p in match_run.proposals.all()}
    assert pairs == {(community["mina"].pk, community["pia"].pk),
                     (community["noor"].pk, community["dan"].pk)}
    proposal = match_run.proposals.get(mentee=community["mina"])
    assert "covers 1 of your 1 skill gap (Python)" in proposal.reasons
    assert proposal.score == pytest.approx(sum(proposal.breakdown.values()), abs=1e-3)


def test_stable_mode_and_everyone_with_a_gap(community):
    run("match", "--mode", "stable", "--all", "--limit-mentees", "2")
    match_run = MatchRun.objects.get()
    assert match_run.mode == "stable" and match_run.params["mentees"] == 2
    assert match_run.params["everyone"] is True and match_run.params["limit_mentees"] == 2


def test_peer_mode_pairs_the_mentees_among_themselves(community):
    reflect(community["dora"], guidance={"career": 1}, must=[("language", "en")])  # now ready
    run("match", "--mode", "peer")
    match_run = MatchRun.objects.get()
    mentees = {community[k].pk for k in ("mina", "noor", "dora")}
    people = {i for p in match_run.proposals.all() for i in (p.mentee_id, p.mentor_id)}
    assert people == mentees  # three people: one trio, three pairings
    assert match_run.proposals.count() == 3


def test_it_refuses_when_nobody_is_ready(db):
    with pytest.raises(CommandError, match="no mentee's self-reflection is ready"):
        run("match")
    assert not MatchRun.objects.exists()


def test_a_run_that_fails_is_kept_as_failed(community):
    MatchRun.objects.all().delete()
    for who in ("pia", "dan"):
        community[who].accepting_mentees = False
        community[who].save()
    with pytest.raises(CommandError, match="no mentors"):
        run("match")
    assert MatchRun.objects.get().status == "failed"


# --- match-file ---------------------------------------------------------------------------

HEADER = ("id,role,name,skills,gaps,languages,seniority,time_zone,availability,guidance_wanted,"
          "guidance_offered,capacity,kinds\n")


def read(path: Path) -> list[dict]:
    return list(csv.DictReader(path.open(encoding="utf-8")))


def test_match_file_round_trip(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text(HEADER + (
        "a,mentee,Ama,,Python,en:5,1,America/New_York,Mon 12:00-14:00,technical:3,,,\n"
        "b,mentee,Ben,,Design,en,junior,Europe/Berlin,Tue 18:00-20:00,career,,,\n"
        "x,mentor,Xia,Python,,en:4,senior,Europe/London,Mon 17:00-19:00,,technical,1,\n"
        "y,mentor,Yan,Design,,en:5,5,Europe/Berlin,Tue 18:00-20:00,,career,1,\n"
    ), encoding="utf-8")
    dst = tmp_path / "out.csv"
    out, _ = run("match_file", str(src), str(dst), "--start", "2026-03-09")
    assert "Wrote 2 pairs" in out
    rows = read(dst)
    assert {(r["mentee_id"], r["mentor_id"]) for r in rows} == {("a", "x"), ("b", "y")}
    ama = next(r for r in rows if r["mentee_id"] == "a")
    assert ama["shared_hours"] == "1.25"  # New York and London across the EU switch
    assert "covers 1 of your 1 skill gap (Python)" in ama["reasons"]


def test_match_file_reports_every_bad_row_and_writes_nothing(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text(HEADER + (
        "a,mentee,Ama,,Python,en:5,1,America/New_York,Mon 12:00-14:00,,,,\n"
        "b,mentie,Ben,,,en,junior,Europe/Berlin,,,,,\n"
        "c,mentor,Cy,,,xx:9,12,Mars/Base,Funday 10:00-09:00,,cooking,lots,\n"
        "a,mentor,Again,,,en,,,,,,,\n"
    ), encoding="utf-8")
    dst = tmp_path / "out.csv"
    with pytest.raises(CommandError, match="3 bad row"):
        out, err = run("match_file", str(src), str(dst))
    assert not dst.exists()
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("match_file", str(src), str(dst), stdout=StringIO(), stderr=err)
    lines = err.getvalue().splitlines()
    assert lines[0].endswith("line 3: role must be mentee or mentor, not 'mentie'")
    assert "line 4: " in lines[1]
    for problem in ("'xx' is not an ISO 639 language code", "seniority '12'", "Mars/Base",
                    "'funday' is not a day", "guidance 'cooking'", "capacity 'lots'"):
        assert problem in lines[1]
    assert lines[2].endswith("line 5: id 'a' is already used on line 2")


def test_the_documented_example_file_matches(tmp_path):
    dst = tmp_path / "out.csv"
    run("match_file", str(ROOT / "docs" / "match-file-example.csv"), str(dst), "--mode", "stable")
    rows = read(dst)
    assert len(rows) == 5 and all(r["mentor_id"] for r in rows)

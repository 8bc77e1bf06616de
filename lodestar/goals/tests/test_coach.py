"""The goal coach (pure Python): every finding, hints in the person's words, the corpus score.

No database and no timing asserts; ``python -m lodestar.goals.coach_report`` prints timings.
"""

from __future__ import annotations

import ast
import dataclasses
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from lodestar.goals import coach_lexicon as lex
from lodestar.goals.coach import (
    ADVICE, BLOCK, MAX_TEXT_CHARS, Finding, GoalDraft, analyse_vagueness, find_text_date,
    has_measure, is_vague, normalize_horizon, review_goal, review_goals, split_compound,
)
from lodestar.goals.coach_dates import add_months
from lodestar.goals.coach_report import evaluate, table
from lodestar.goals.tests.goal_corpus import CORPUS, DEV, FRESH, HOLDOUT

TODAY = date(2025, 1, 15)
IN_9_MONTHS = add_months(TODAY, 9)
IN_4_YEARS = add_months(TODAY, 48)
GOALS_DIR = Path(__file__).resolve().parents[1]


def review(text, horizon="short", target_date=IN_9_MONTHS, **kw):
    return review_goal(text, horizon=horizon, target_date=target_date, today=TODAY, **kw)


def codes(findings):
    return [f.code for f in findings]


def only(findings, code):
    matching = [f for f in findings if f.code == code]
    assert len(matching) == 1, (code, findings)
    return matching[0]


# --- the corpus and the vague-goal score -------------------------------------------------------

def test_corpus_is_large_balanced_and_varied():
    assert len(CORPUS) >= 60
    vague = sum(e.vague for e in CORPUS)
    assert abs(vague - len(CORPUS) / 2) <= len(CORPUS) * 0.1
    fields = {e.field for e in CORPUS}
    for needed in ("software", "nursing", "finance", "teaching", "design", "sales",
                   "public sector", "research", "trades"):
        assert needed in fields
    assert len({e.text for e in CORPUS}) == len(CORPUS), "duplicate corpus sentences"
    assert sum("non-native" in e.note for e in CORPUS) >= 4
    assert {e.split for e in CORPUS} == {"dev", "holdout", "fresh"}


def test_corpus_sentences_are_not_copied_into_the_lexicon():
    phrases = lex.VAGUE_PHRASES | lex.BROAD_PHRASES
    for e in CORPUS:
        sentence = " ".join(e.text.lower().split())
        assert sentence not in phrases
        # no lexicon phrase of three words or more is lifted from a corpus sentence
        for p in phrases:
            if len(p.split()) >= 3:
                assert p not in sentence, (p, e.text)


def test_vague_goal_precision_and_recall_on_the_corpus():
    for name, split in (("dev", DEV), ("holdout", HOLDOUT), ("fresh", FRESH)):
        s = evaluate(split)
        print(f"[{name}] vague-goal precision={s.precision:.2f} recall={s.recall:.2f} (n={s.n})")
    s = evaluate(CORPUS)
    print(f"vague-goal precision={s.precision:.2f} recall={s.recall:.2f} (n={s.n})")
    for kind, e in s.misses:
        print(f"  {kind}: {e.text}")
    assert s.precision >= 0.85
    assert s.recall >= 0.85


def test_report_table_lists_every_split():
    text = table()
    for name in ("dev", "holdout", "fresh", "all"):
        assert name in text
    assert "precision" in text and "recall" in text


# --- is_vague --------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "I need a mentor", "get better", "grow my career", "be more successful", "learn more stuff",
    "Improve my leadership skills", "Become a better engineer", "Be 5x more productive",
])
def test_vague_goals_from_the_issue_and_alike(text):
    assert is_vague(text)


@pytest.mark.parametrize("text", [
    "Pass the AWS Solutions Architect Associate exam by June",
    "Learn Terraform",
    "Lead the quarterly inventory count at the Lyon warehouse",
    "become staff nurse in paediatric ward",
    "Present the annual fundraising results to the trustees",
    "Improve my Excel skills",
    "Become head of department",
    "Migrate the billing service from PHP to Go",
])
def test_specific_goals_including_short_and_lower_case(text):
    assert not is_vague(text)


def test_vagueness_is_explained():
    report = analyse_vagueness("Learn Kubernetes for our staging cluster")
    assert not report.vague and "Kubernetes" in report.specific_terms
    report = analyse_vagueness("Leverage synergies to be world-class")
    assert report.vague and report.buzzwords
    report = analyse_vagueness("Get better at presenting")
    assert report.vague and "better" in report.vague_terms
    assert report.span == (4, 24)


def test_title_case_and_all_caps_do_not_fake_proper_nouns():
    assert is_vague("I Want To Grow My Career Faster")
    assert is_vague("GROW MY CAREER")


def test_a_mentor_request_is_vague_unless_it_names_the_goal():
    assert is_vague("Looking for a mentor to help me")
    assert analyse_vagueness("Need mentor for help me").mentor_request
    assert not is_vague("I need a mentor to help me pass the CFA Level II exam in May")


# --- vague findings and their hints ----------------------------------------------------------

def test_vague_hint_quotes_the_persons_words_and_a_month():
    f = only(review("get better at presenting"), "vague")
    assert f.severity == BLOCK
    assert "\u201cbetter at presenting\u201d" in f.hint
    assert "October 2025" in f.hint  # the target month
    assert "presenting" in f.message
    assert f.span == (4, 24)


def test_vague_hint_without_a_date_suggests_one():
    f = only(review("Grow my career", target_date=None), "vague")
    assert "\u201cGrow my career\u201d" in f.hint
    assert "October 2025" in f.hint  # nine months from today


def test_vague_hint_leaves_the_date_out_of_the_quote():
    f = only(review("Grow my career in the next 12 months", target_date=None), "vague")
    assert "\u201cGrow my career\u201d" in f.hint


def test_mentor_request_hint_asks_for_the_outcome():
    f = only(review("I need a mentor"), "vague")
    assert "mentor" in f.message and "\u201cI need a mentor\u201d" in f.hint


def test_vague_goals_skip_the_measure_finding():
    assert "no_measure" not in codes(review("Be more successful"))


# --- measure of success ----------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Give a talk on our migration to 50 people at the PyCon meetup",
    "Reduce invoice errors in accounts payable by 30%",
    "Learn SQL so that I can build the weekly churn report myself",
    "Pass the NCLEX-RN exam",
    "Get promoted to senior analyst",
    "Move into a product manager role",
    "Publish a paper on coral bleaching in a peer-reviewed journal",
    "Negotiate a salary of at least 60,000 euros",
    "Answer patient phone calls in Spanish without an interpreter",
    "Cut handover time from 40 minutes to 20 minutes",
])
def test_measure_found_in_the_text(text):
    assert has_measure(text, today=TODAY)
    assert "no_measure" not in codes(review(text))


def test_missing_measure_blocks_and_quotes_the_goal():
    f = only(review("Learn Kubernetes"), "no_measure")
    assert f.severity == BLOCK
    assert "\u201cLearn Kubernetes\u201d" in f.hint and "October 2025" in f.hint


def test_measure_field_counts():
    measure = "Run the staging cluster upgrade myself with no help from the platform team"
    assert "no_measure" not in codes(review("Learn Kubernetes", measure=measure))
    assert "no_measure" not in codes(review("Learn Kubernetes", measure="3 deployments"))


def test_a_vague_measure_field_is_flagged_in_its_own_words():
    f = only(review("Learn Kubernetes", measure="feel better"), "no_measure")
    assert "\u201cfeel better\u201d" in f.message and "\u201cfeel better\u201d" in f.hint


def test_a_date_is_not_a_measure():
    assert not has_measure("Learn Kubernetes by June 2025", today=TODAY)
    assert not has_measure("Learn Rust in 6 months", today=TODAY)


# --- horizon and dates -----------------------------------------------------------------------

def test_missing_horizon_blocks_and_suggests_one_from_the_date():
    f = only(review("Pass the CPA exam", horizon=None, target_date=IN_4_YEARS), "no_horizon")
    assert f.severity == BLOCK and "long-term" in f.hint
    assert "\u201cPass the CPA exam\u201d" in f.hint
    f = only(review("Pass the CPA exam", horizon="", target_date=IN_9_MONTHS), "no_horizon")
    assert "short-term" in f.hint


def test_missing_date_is_advice_with_a_window():
    f = only(review("Pass the CPA exam", target_date=None), "no_date")
    assert f.severity == ADVICE
    assert "July 2025" in f.hint and "January 2026" in f.hint


def test_past_target_date_blocks():
    f = only(review("Pass the CPA exam", target_date=date(2024, 11, 30)), "past_date")
    assert f.severity == BLOCK and "November 2024" in f.message
    assert "\u201cPass the CPA exam\u201d" in f.hint


def test_past_date_written_in_the_text_blocks_with_its_span():
    text = "Pass the CPA exam by May 2024"
    f = only(review(text, target_date=None), "past_date")
    assert text[f.span[0]:f.span[1]] == "by May 2024"


def test_short_term_goal_due_in_two_weeks_is_a_mismatch():
    f = only(review("Pass the CPA exam", target_date=TODAY + timedelta(weeks=2)),
             "horizon_mismatch")
    assert f.severity == BLOCK and "2 weeks" in f.message and "short-term" in f.message


def test_short_term_goal_due_in_four_years_should_be_long_term():
    f = only(review("Pass the CPA exam", target_date=IN_4_YEARS), "horizon_mismatch")
    assert f.severity == BLOCK and "4 years" in f.message
    assert "long-term" in f.hint


def test_long_term_goal_due_in_six_months_should_be_short_term():
    f = only(review("Become a charge nurse", horizon="long", target_date=add_months(TODAY, 6)),
             "horizon_mismatch")
    assert f.severity == BLOCK and "short-term" in f.hint


def test_long_term_goal_ten_years_away_is_a_mismatch():
    f = only(review("Open my own veterinary clinic", horizon="long",
                    target_date=add_months(TODAY, 120)), "horizon_mismatch")
    assert f.severity == BLOCK


def test_slightly_outside_the_usual_window_is_only_advice():
    f = only(review("Pass the CPA exam", target_date=add_months(TODAY, 15)), "horizon_mismatch")
    assert f.severity == ADVICE
    f = only(review("Become a charge nurse", horizon="long", target_date=add_months(TODAY, 26)),
             "horizon_mismatch")
    assert f.severity == ADVICE


def test_dates_inside_the_window_pass():
    for months in (6, 9, 12):
        assert "horizon_mismatch" not in codes(
            review("Pass the CPA exam", target_date=add_months(TODAY, months)))
    for months in (36, 48, 60):
        assert "horizon_mismatch" not in codes(review(
            "Become head of finance at a charity", horizon="long",
            target_date=add_months(TODAY, months)))


def test_date_in_the_text_is_used_when_the_field_is_empty():
    findings = review("Pass the CPA exam by November", target_date=None)
    assert "no_date" not in codes(findings) and "horizon_mismatch" not in codes(findings)
    f = only(review("Pass the CPA exam in 2 weeks", target_date=None), "horizon_mismatch")
    assert f.span is not None


def test_text_date_and_field_that_disagree_get_advice():
    f = only(review("Pass the CPA exam by March 2025", target_date=IN_9_MONTHS), "date_conflict")
    assert f.severity == ADVICE and "by March 2025" in f.message


@pytest.mark.parametrize(("text", "expected"), [
    ("by June", date(2025, 6, 30)),
    ("by June 2026", date(2026, 6, 30)),
    ("in 6 months", date(2025, 7, 15)),
    ("within two years", date(2027, 1, 15)),
    ("until 2027", date(2027, 12, 31)),
    ("by Q3", date(2025, 9, 30)),
    ("by the end of the year", date(2025, 12, 31)),
    ("next year", date(2026, 12, 31)),
    ("before September", date(2025, 8, 31)),
    ("by 2026-03-01", date(2026, 3, 1)),
])
def test_text_dates(text, expected):
    assert find_text_date(f"Pass the exam {text}", TODAY).date == expected


def test_ordinary_words_are_not_months():
    assert find_text_date("I may march on", TODAY) is None


def test_horizon_aliases():
    assert normalize_horizon("Short-term") == "short"
    assert normalize_horizon("long_term") == "long"
    assert normalize_horizon("someday") is None and normalize_horizon(None) is None


# --- compound goals --------------------------------------------------------------------------

def test_compound_goal_lists_the_parts():
    f = only(review("learn SQL and get promoted and move to Berlin"), "compound")
    assert f.severity == BLOCK
    assert f.parts == ("learn SQL", "get promoted", "move to Berlin")
    for part in f.parts:
        assert f"\u201c{part}\u201d" in f.hint
    assert "3" in f.message


@pytest.mark.parametrize(("text", "parts"), [
    ("Learn SQL, get promoted and move to Berlin", ["Learn SQL", "get promoted", "move to Berlin"]),
    ("Pass the CPA exam; then apply for senior accountant roles",
     ["Pass the CPA exam", "apply for senior accountant roles"]),
    ("I want to learn Rust and I want to contribute to Tokio",
     ["learn Rust", "contribute to Tokio"]),
    ("Become a team lead or move into product management",
     ["Become a team lead", "move into product management"]),
])
def test_compound_splitting(text, parts):
    assert split_compound(text) == parts


@pytest.mark.parametrize("text", [
    "Design and run a project-based unit on fractions for my Year 5 class",
    "Learn SQL and Python for the reporting team",
    "Learn Kubernetes and use it to run our staging cluster",
    "Present the results to the finance and marketing teams",
    "Read and write Spanish at B2 level",
    "Learn Figma so that I can build and test prototypes with users",
])
def test_not_compound(text):
    assert split_compound(text) == [text]
    assert "compound" not in codes(review(text))


def test_compound_no_measure_hint_names_the_first_part():
    f = only(review("Learn SQL and move to Berlin"), "no_measure")
    assert "\u201cLearn SQL\u201d" in f.hint


# --- short, long and odd input ---------------------------------------------------------------

@pytest.mark.parametrize("text", ["", "   ", "SQL", "Promotion!"])
def test_too_short(text):
    f = only(review(text), "too_short")
    assert f.severity == BLOCK
    assert "vague" not in codes(review(text))


def test_too_long_is_advice_and_stays_fast_enough():
    text = "Pass the CPA exam " + "and b " * 3000
    f = only(review(text), "too_long")
    assert f.severity == ADVICE and f.span == (MAX_TEXT_CHARS, len(text))


@hsettings(max_examples=150, deadline=None,
           suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=300), horizon=st.sampled_from([None, "", "short", "long", "x"]),
       days=st.one_of(st.none(), st.integers(min_value=-4000, max_value=4000)))
def test_any_input_gives_well_formed_findings(text, horizon, days):
    target = TODAY + timedelta(days=days) if days is not None else None
    for f in review_goal(text, horizon=horizon, target_date=target, today=TODAY):
        assert f.severity in (BLOCK, ADVICE)
        assert f.message and f.hint
        if f.span is not None:
            assert 0 <= f.span[0] <= f.span[1] <= max(len(text), MAX_TEXT_CHARS)


# --- sets of goals ---------------------------------------------------------------------------

GOOD_SHORT = [
    GoalDraft("Pass the AWS Solutions Architect Associate exam", "short", IN_9_MONTHS, key=1),
    GoalDraft("Present our quarterly budget variance to the board without notes", "short",
              add_months(TODAY, 7), key=2),
    GoalDraft("Learn SQL", "short", add_months(TODAY, 10),
              measure="Write the monthly sales report queries myself", key=3),
]
GOOD_LONG = [
    GoalDraft("Move from backend developer to engineering manager", "long", IN_4_YEARS, key=4),
]


def test_a_good_set_of_goals_passes():
    result = review_goals(GOOD_SHORT + GOOD_LONG, today=TODAY)
    assert result.passes, result.blocking
    assert not result.findings
    assert [r.goal.key for r in result.goals] == [1, 2, 3, 4]
    assert all(r.passes for r in result.goals)


def test_one_failing_goal_fails_the_set_but_only_blocks_readiness():
    result = review_goals([*GOOD_SHORT[:2], GoalDraft("Grow my career", "long", IN_4_YEARS)],
                          today=TODAY)
    assert not result.passes
    assert [f.code for f in result.blocking] == ["vague"]
    assert result.goals[0].passes and not result.goals[2].passes


def test_too_many_short_term_goals():
    extra = GoalDraft("Get my Series 7 licence", "short", IN_9_MONTHS)
    result = review_goals([*GOOD_SHORT, extra], today=TODAY)
    f = only(result.findings, "too_many")
    assert f.severity == BLOCK and "4" in f.message and "3" in f.message
    assert "\u201cGet my Series 7 licence\u201d" in f.hint
    assert not result.passes


def test_too_many_long_term_goals():
    long_goals = [
        *GOOD_LONG,
        GoalDraft("Become a chartered accountant with ICAEW", "long", IN_4_YEARS),
        GoalDraft("Open a bakery in Porto with two employees", "long", IN_4_YEARS),
    ]
    f = only(review_goals(long_goals, today=TODAY).findings, "too_many")
    assert "long-term" in f.message and len(f.parts) == 3


def test_paused_goals_do_not_count():
    paused = dataclasses.replace(GOOD_SHORT[0], active=False, key=9)
    result = review_goals([*GOOD_SHORT, paused, *GOOD_LONG], today=TODAY)
    assert result.passes
    bad_but_paused = GoalDraft("Be more successful", "short", None, active=False)
    assert review_goals([*GOOD_SHORT, bad_but_paused], today=TODAY).passes


def test_no_goals_do_not_pass():
    result = review_goals([], today=TODAY)
    assert not result.passes and codes(result.findings) == ["no_goals"]


def test_duplicate_goals_get_advice():
    result = review_goals([GOOD_SHORT[0], dataclasses.replace(GOOD_SHORT[0], key=7)], today=TODAY)
    assert "duplicate" in codes(result.findings) and result.passes


# --- shape and purity ------------------------------------------------------------------------

def test_finding_is_frozen():
    f = Finding("vague", BLOCK, "m", "h")
    with pytest.raises(dataclasses.FrozenInstanceError):
        f.code = "x"  # type: ignore[misc]
    assert f.blocks and f.span is None and f.parts == ()


def test_coach_imports_no_django():
    code = ("import sys; import lodestar.goals.coach, lodestar.goals.coach_report; "
            "assert not [m for m in sys.modules if m.split('.')[0] == 'django'], 'django'")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=GOALS_DIR.parents[1])


def test_modules_use_only_the_standard_library_and_stay_small():
    # The coach modules only: the Django app (models, services, views) shares the package.
    paths = sorted(GOALS_DIR.glob("coach*.py"))
    assert {p.name for p in paths} >= {"coach.py", "coach_dates.py", "coach_text.py"}
    for path in paths:
        source = path.read_text()
        assert len(source.splitlines()) < 600, path.name
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                assert top in sys.stdlib_module_names or top == "__future__", (path.name, name)

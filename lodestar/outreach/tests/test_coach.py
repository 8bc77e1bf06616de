"""The outreach coach (pure Python): each rule, the score, and its precision and recall per rule
on the labelled corpus. ``python -m lodestar.outreach.coach_report`` prints the full table."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from lodestar.outreach import coach
from lodestar.outreach.coach import MESSAGES, RULES, asked_minutes, localize, review_message
from lodestar.outreach.coach_report import FIRST_MEASUREMENTS, evaluate, table
from lodestar.outreach.tests.outreach_corpus import CORPUS, DEV, FRESH
from lodestar.outreach.tests.outreach_corpus import RULES as LABELS

APP = Path(__file__).resolve().parents[1]

GOOD_SUBJECT = "Question about scaling a support team from 5 to 15"
GOOD_BODY = """Dear Priya,

I watched your talk "Scaling support teams without burning out" and it stayed with me.

I lead a five-person support team at a logistics start-up, and I am preparing the hiring plan
for next year.

Would you be open to a 20-minute call in the coming weeks? I would ask how you chose team leads
and how you kept the rota fair.

I am happy to work around your schedule. Thank you for considering it.

Jonas"""
WORK = ["Scaling support teams without burning out"]


def check(subject=GOOD_SUBJECT, body=GOOD_BODY, **kw):
    kw.setdefault("mentor_name", "Priya Raman")
    kw.setdefault("work_titles", WORK)
    return review_message(subject=subject, body=body, **kw)


# --- the corpus ----------------------------------------------------------------------------------


def test_corpus_is_large_varied_and_labelled_per_rule():
    assert len(CORPUS) >= 60 and len(DEV) >= 60 and len(FRESH) >= 20
    assert set(LABELS) == set(RULES)
    for rule in RULES:
        assert sum(rule in e.labels for e in CORPUS) >= 5, rule
    assert sum(not e.labels for e in CORPUS) >= 15, "good messages too"
    assert len({(e.subject, e.body) for e in CORPUS}) == len(CORPUS)
    assert sum("non-native" in e.note for e in CORPUS) >= 3


def test_corpus_sentences_are_not_copied_into_the_word_lists():
    source = (APP / "coach_lexicon.py").read_text().lower()
    for e in CORPUS:
        for sentence in re.split(r"(?<=[.?!])\s+", e.body.lower()):
            words = sentence.split()
            if len(words) >= 5:
                assert " ".join(words) not in source, sentence


def test_precision_and_recall_per_rule_on_the_corpus():
    print()
    print(table(DEV, "dev (tuned on)"))
    print(table(FRESH, "fresh (written after the freeze)"))
    print(table(CORPUS, "all"))
    scores, _wrong = evaluate(CORPUS)
    for rule, s in scores.items():
        # Honest floors, a little under today's figures (see coach_report for the history).
        assert s.recall >= 0.9, (rule, s)
        assert s.precision >= 0.75, (rule, s)
    for rule in (
        "open_ended_ask",
        "no_time_bound_ask",
        "long_ask",
        "too_long",
        "shouting",
        "duplicate",
        "no_courtesy",
    ):
        assert scores[rule].precision >= 0.95 and scores[rule].recall >= 0.95, rule
    fresh, _ = evaluate(FRESH)
    assert all(s.recall >= 0.9 for s in fresh.values())
    assert fresh["no_purpose"].precision >= 0.5  # the weakest rule, said plainly


def test_the_first_measurements_are_kept():
    for split in FIRST_MEASUREMENTS.values():
        assert set(split) == set(RULES)


# --- each rule -----------------------------------------------------------------------------------


def test_a_message_built_like_the_guide_scores_100():
    verdict = check()
    assert verdict.findings == () and verdict.score == 100 and not verdict.blocks


@pytest.mark.parametrize(
    "ask",
    [
        "Will you be my mentor?",
        "Would you mentor me this year?",
        "Could you take me under your wing?",
        "Could we have weekly calls while I settle in?",
        "I need a mentor.",
    ],
)
def test_an_open_ended_ask_blocks_sending(ask):
    verdict = check(body=GOOD_BODY.replace("Thank you", f"{ask} Thank you"))
    [finding] = [f for f in verdict.findings if f.code == "open_ended_ask"]
    assert finding.blocks and verdict.blocks and verdict.score <= 40
    assert "15-20 minute" in finding.fix


def test_saying_you_are_not_asking_for_a_mentorship_is_fine():
    body = GOOD_BODY.replace("Thank you", "I am not asking you to be my mentor. Thank you")
    assert "open_ended_ask" not in check(body=body).codes


@pytest.mark.parametrize(
    "subject", ["", "Hello", "Mentorship request", "Quick question", "Hi Priya"]
)
def test_a_missing_or_generic_subject(subject):
    assert "weak_subject" in check(subject=subject).codes


def test_the_body_must_name_the_mentors_work():
    body = GOOD_BODY.replace(
        'I watched your talk "Scaling support teams without burning out"', "I admire your work"
    )
    finding = next(f for f in check(body=body).findings if f.code == "no_work_reference")
    assert "Scaling support teams without burning out" in finding.fix
    assert "no_work_reference" in check(body=body, work_titles=[]).codes


def test_a_purpose_is_needed():
    body = GOOD_BODY.replace(
        "I lead a five-person support team at a logistics start-up, and I am "
        "preparing the hiring plan\nfor next year.",
        "You are brilliant.",
    )
    body = body.replace("I would ask how you chose team leads\nand how you kept the rota fair.", "")
    assert "no_purpose" in check(body=body).codes


@pytest.mark.parametrize(
    "text,minutes",
    [
        ("a 20-minute call", [20]),
        ("15 to 20 minutes", [20]),
        ("half an hour", [30]),
        ("a one-hour call", [60]),
        ("a 30 to 45 minute chat", [45]),
        ("fifteen minutes", [15]),
        ("a couple of hours", [120]),
    ],
)
def test_the_length_asked_for(text, minutes):
    assert asked_minutes(f"Could I have {text} of your time?") == minutes


def test_lengths_outside_an_ask_do_not_count():
    assert asked_minutes("I spent 45 minutes on your article. It was great.") == []
    assert asked_minutes("We moved people off the queue for a week.") == []


def test_no_length_and_a_long_one():
    assert "no_time_bound_ask" in check(body=GOOD_BODY.replace("a 20-minute call", "a call")).codes
    verdict = check(body=GOOD_BODY.replace("a 20-minute call", "a one-hour call"))
    assert "long_ask" in verdict.codes and "no_time_bound_ask" not in verdict.codes


def test_far_too_long_for_a_first_contact():
    body = GOOD_BODY.replace("Jonas", "More about me. " * 70 + "Jonas")
    finding = next(f for f in check(body=body).findings if f.code == "too_long")
    assert finding.detail["words"] > coach.MAX_WORDS


def test_courtesy_and_flexibility():
    no_thanks = GOOD_BODY.replace(" Thank you for considering it.", "")
    no_room = GOOD_BODY.replace("I am happy to work around your schedule. ", "")
    assert (
        next(f for f in check(body=no_thanks).findings if f.code == "no_courtesy").key
        == "no_courtesy"
    )
    assert (
        next(f for f in check(body=no_room).findings if f.code == "no_courtesy").key
        == "no_courtesy:flexibility"
    )


@pytest.mark.parametrize(
    "subject,extra",
    [
        ("PLEASE READ THIS NOW", ""),
        (GOOD_SUBJECT, "I am SO EXCITED and REALLY keen."),
        (GOOD_SUBJECT, "Thanks!!"),
    ],
)
def test_shouting(subject, extra):
    assert "shouting" in check(subject=subject, body=GOOD_BODY + "\n" + extra).codes


def test_acronyms_are_not_shouting():
    body = GOOD_BODY.replace("logistics start-up", "NHS trust, with SQL, AWS and UX work")
    assert "shouting" not in check(body=body).codes


def test_the_same_text_sent_to_many_mentors():
    other = GOOD_BODY.replace("Priya", "Marta")
    assert "duplicate" not in check(previous=[other]).codes  # one reuse, personalised, is fine
    verdict = check(previous=[other, GOOD_BODY.replace("Priya", "Chen")])
    assert "duplicate" in verdict.codes
    assert next(f for f in verdict.findings if f.code == "duplicate").detail["count"] == 2


def test_score_stays_between_0_and_100():
    verdict = review_message(subject="", body="WILL YOU BE MY MENTOR!!!")
    assert 0 <= verdict.score <= 40 and verdict.blocks


def test_every_finding_is_worded_and_translatable():
    marked = lambda text: "» " + text  # noqa: E731  a stand-in gettext
    verdict = review_message(
        subject="", body="WILL YOU BE MY MENTOR!!! " + "word " * 300, previous=["x"]
    )
    for finding in verdict.findings:
        message, fix = localize(finding, marked)
        assert message.startswith("» ") and fix.startswith("» ") and "%(" not in message + fix
    assert {key.split(":")[0] for key in MESSAGES} == set(RULES)


def test_the_coach_modules_do_not_import_django():
    for name in ("coach.py", "coach_lexicon.py", "composer.py"):
        tree = ast.parse((APP / name).read_text())
        imported = {
            alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.Import)
            for alias in node.names
        } | {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
        assert not any(m.startswith("django") for m in imported), name

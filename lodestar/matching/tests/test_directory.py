"""The directory's ranking: rank_mentors, suggest_for and the cached mentor index."""

from __future__ import annotations

import numpy as np
import pytest

from lodestar.matching import directory
from lodestar.matching.directory import MentorIndex, mentor_index, rank_mentors, suggest_for
from lodestar.matching.scoring import Scorer
from lodestar.people import services as people

from .population import mentor, person, reflect

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_index")]

EVENINGS = ("Mon 18:00-20:00", "Wed 18:00-20:00")


@pytest.fixture
def mina():
    mina = person("Mina", windows=EVENINGS, seniority=2)
    return reflect(mina, gaps=("Python", "SQL"), guidance={"career": 3},
                   must=[("language", "en")])


@pytest.fixture
def mentors():
    return {
        "great": mentor("Grace", expertise=("Python", "SQL"), offers=("career",), seniority=5,
                        windows=EVENINGS),
        "okay": mentor("Omar", expertise=("Python",), offers=("technical",), seniority=5,
                       windows=("Mon 19:00-20:00",)),
        "resting": mentor("Rosa", expertise=("Python", "SQL"), offers=("career",), seniority=5,
                          windows=EVENINGS, accepting=False),
        "full": mentor("Fay", expertise=("Python", "SQL"), offers=("career",), seniority=5,
                       windows=EVENINGS, max_mentees=0),
    }


def ids(ranked):
    return [s.profile_id for s in ranked.suggestions]


def test_it_ranks_available_mentors_first_then_by_fit(mina, mentors):
    ranked = rank_mentors(mentee=mina)
    assert ranked.total == 4
    assert ids(ranked)[:2] == [mentors["great"].pk, mentors["okay"].pk]
    assert [s.available for s in ranked.suggestions] == [True, True, False, False]
    best, second = ranked.suggestions[:2]
    assert best.score > second.score
    assert best.shared_hours == 4 and second.shared_hours == 1
    assert sum(best.breakdown.values()) == pytest.approx(best.score, abs=1e-3)


def test_it_says_why_a_mentor_is_unavailable(mina, mentors):
    by_id = {s.profile_id: s for s in rank_mentors(mentee=mina).suggestions}
    assert by_id[mentors["resting"].pk].reasons[0] == "is not taking new mentees right now"
    assert by_id[mentors["full"].pk].reasons[0] == "has no room for another mentee"


def test_reasons_are_plain_language(mina, mentors):
    best = rank_mentors(mentee=mina).suggestions[0]
    assert "covers 2 of your 2 skill gaps (Python, SQL)" in best.reasons
    assert "offers the career strategy you asked for" in best.reasons
    assert "4 h a week of shared availability" in best.reasons
    assert "both speak English" in best.reasons
    for text in best.reasons:
        assert "_" not in text and "nan" not in text and text == text.strip()


def test_it_ranks_only_the_mentors_asked_for(mina, mentors):
    bystander = person("Bystander")  # not a mentor: ignored
    ranked = rank_mentors(mentee=mina, mentor_ids=[mentors["okay"].pk, bystander.pk, 10**9])
    assert ranked.total == 1 and ids(ranked) == [mentors["okay"].pk]
    assert rank_mentors(mentee=mina, mentor_ids=[]).total == 0


def test_it_pages(mina, mentors):
    everyone = ids(rank_mentors(mentee=mina))
    page = rank_mentors(mentee=mina, offset=1, limit=2)
    assert page.total == 4 and ids(page) == everyone[1:3]


def test_must_haves_make_a_mentor_unavailable(mentors):
    lusa = person("Lusa", languages={"en": 5, "pt": 5}, windows=EVENINGS)
    reflect(lusa, gaps=("Python",), goal=False, must=[("language", "en"), ("language", "pt")])
    fluent = mentor("Paulo", languages={"en": 4, "pt": 5}, expertise=("Python",), windows=EVENINGS)
    ranked = rank_mentors(mentee=lusa)
    assert ids(ranked)[0] == fluent.pk
    grace = next(s for s in ranked.suggestions if s.profile_id == mentors["great"].pk)
    assert not grace.available
    assert grace.reasons[0] == "does not meet all of your must-haves"


def test_a_mentor_never_sees_themselves(mentors):
    grace = mentors["great"]
    reflect(grace, gaps=("SQL",), goal=False)
    mine = next(s for s in rank_mentors(mentee=grace).suggestions if s.profile_id == grace.pk)
    assert not mine.available and mine.reasons[0] == "this is you"


def test_with_no_mentors_the_ranking_is_empty(mina):
    assert rank_mentors(mentee=mina).total == 0
    assert suggest_for(mentee=mina) == []


def test_suggest_for_gives_the_best_available_mentors(mina, mentors):
    assert [s.profile_id for s in suggest_for(mentee=mina, k=5)] == [
        mentors["great"].pk, mentors["okay"].pk]
    assert len(suggest_for(mentee=mina, k=1)) == 1


def test_the_index_is_rebuilt_when_a_mentor_changes(mina, mentors):
    first = mentor_index()
    assert mentor_index() is first
    people.availability_add(profile=mina, weekday=4, start_minute=600, end_minute=660)
    assert mentor_index() is first  # a mentee's edit costs no rebuild
    people.language_set(profile=mentors["okay"], language="pt", proficiency=2)
    second = mentor_index()
    assert second is not first
    people.profile_update(profile=mentors["okay"], accepting_mentees=False)
    ranked = rank_mentors(mentee=mina).suggestions
    okay = next(s for s in ranked if s.profile_id == mentors["okay"].pk)
    assert mentor_index() is not second
    assert not okay.available


def test_the_database_is_asked_at_most_every_few_seconds(mina, mentors, monkeypatch,
                                                        django_assert_num_queries):
    monkeypatch.setattr(directory, "CHECK_SECONDS", 60.0)
    first = mentor_index()
    people.language_set(profile=mentors["okay"], language="pt", proficiency=2)
    with django_assert_num_queries(0):
        assert mentor_index() is first
    monkeypatch.setattr(directory, "CHECK_SECONDS", 0.0)
    assert mentor_index() is not first


def test_ranking_reads_only_the_mentee(mina, mentors, monkeypatch, django_assert_max_num_queries):
    mentor_index()
    monkeypatch.setattr(directory, "CHECK_SECONDS", 60.0)
    with django_assert_max_num_queries(10):  # the mentee's profile and reflection, nothing more
        rank_mentors(mentee=mina)


def test_the_prepared_scorer_scores_like_a_fresh_one(mina, mentors):
    index = MentorIndex.build()
    assert index._swap  # the fast path is in use
    mentee = index.load_mentee(mina).participants
    rows, cols = np.zeros(index.mentors.n, dtype=np.int64), np.arange(index.mentors.n)
    fast = index.scorer_for(mentee).score_pairs(rows, cols)
    fresh = Scorer(mentee, index.mentors, index.catalog.vocab).score_pairs(rows, cols)
    np.testing.assert_array_equal(fast[0], fresh[0])
    np.testing.assert_array_equal(fast[1], fresh[1])

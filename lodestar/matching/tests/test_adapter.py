"""The adapter: profiles, reflections and the taxonomy as engine arrays."""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np
import pytest

from lodestar.matching import adapter
from lodestar.matching.adapter import (
    catalog_build,
    extra_exclusions,
    next_monday,
    participants_load,
)
from lodestar.matching.engine import score_matrix
from lodestar.matching.features import (
    GUIDANCE,
    KINDS,
    NICE,
    Rules,
    overlap_hours,
    pack_availability,
)
from lodestar.people.models import Profile

from .population import DST_START, mentor, person, reflect

pytestmark = pytest.mark.django_db


def load(*profiles, side, catalog=None, idf=None):
    catalog = catalog or catalog_build(start=DST_START)
    qs = Profile.objects.filter(pk__in=[p.pk for p in profiles])
    return participants_load(qs, catalog, side=side, idf=idf), catalog


def columns(matrix, row, names):
    return {names[c] for c in matrix.indices[matrix.indptr[row]:matrix.indptr[row + 1]]}


def test_spans_start_on_the_next_monday_at_midnight_utc():
    wednesday, monday = datetime(2026, 3, 11, 15, 30, tzinfo=UTC), datetime(2026, 3, 16, tzinfo=UTC)
    assert next_monday(wednesday) == monday
    assert next_monday(monday) == datetime(2026, 3, 23, tzinfo=UTC)


def test_it_maps_a_mentees_reflection():
    big_boss = person("Bea Boss")
    boss = person("Bo Boss", manager=big_boss)
    mina = person("Mina", zone="America/New_York", languages={"en": 5, "pt": 2}, seniority=2,
                  organization="Acme", department="Data", manager=boss, skills=("Excel",))
    reflect(mina, gaps=("Python", "SQL"), guidance={"career": 3, "technical": 1},
            must=[("language", "en")],
            nice=[("seniority", "4", 3), ("mentorship_type", "virtual", 2),
                  ("trait", "patient", 1)])
    colleague = mentor("Cole", organization=" ACME ", department="data")
    elsewhere = mentor("Otto", organization="Other Co", department="Data")

    pool, catalog = load(mina, side="mentee")
    p, vocab = pool.participants, catalog.vocab
    assert p.ids.tolist() == [mina.pk]
    assert columns(p.gaps, 0, vocab.skills) == {"Python", "SQL"}
    assert columns(p.skills, 0, vocab.skills) == {"Excel"}
    assert dict(zip(GUIDANCE, p.guidance_wanted[0], strict=True)) == {
        "technical": 1, "career": 3, "navigation": 0, "emotional": 0}
    langs = p.languages
    spoken = {vocab.languages[c]: v for c, v in zip(langs.indices, langs.data, strict=True)}
    assert spoken == {"en": 5, "pt": 2}
    assert p.seniority[0] == 2
    assert vocab.languages[p.must.language[0]] == "en"
    assert p.nice.min_seniority[0] == 4 and p.nice_weights[0, NICE.index("seniority")] == 3
    assert KINDS[p.nice.kind[0]] == "virtual" and p.nice_weights[0, NICE.index("kind")] == 2
    assert p.kinds[0] == 1 << KINDS.index("virtual")
    assert p.nice_weights[0].sum() == 5  # the trait has no mentor-side data: not counted
    assert p.manager_ids[p.manager_ptr[0]:p.manager_ptr[1]].tolist() == [boss.pk, big_boss.pk]
    assert np.linalg.norm(p.goal_vec[0]) == pytest.approx(1.0)

    mentors, _ = load(colleague, elsewhere, side="mentor", catalog=catalog)
    m = mentors.participants
    assert m.organization[0] == p.organization[0] != m.organization[1]
    assert m.department[0] == p.department[0] != m.department[1]  # same name, other organisation


def test_it_maps_what_a_mentor_offers():
    ana = mentor("Ana", types=("formal", "virtual"), offers=("career", "emotional"), max_mentees=3,
                 skills=("SQL",), expertise=("Python", "SQL"), bio="I coach data engineers.")
    resting = mentor("Rui", accepting=False, max_mentees=3)
    pool, catalog = load(ana, resting, side="mentor")
    p = pool.participants
    assert columns(p.skills, 0, catalog.vocab.skills) == {"Python", "SQL"}  # skills and expertise
    assert p.guidance_offered[0].tolist() == [g in ("career", "emotional") for g in GUIDANCE]
    assert p.kinds[0] == (1 << KINDS.index("formal")) | (1 << KINDS.index("virtual"))
    assert p.capacity.tolist() == [3, 0]  # not accepting: no room, whatever the maximum
    assert np.linalg.norm(p.profile_vec[0]) == pytest.approx(1.0)
    assert p.availability.shape == (2, 4 * 672)


def test_overlap_hours_follow_each_persons_clock_across_daylight_saving():
    mina = person("Mina", zone="America/New_York", windows=("Mon 12:00-14:00",))  # 16-18 UTC
    lena = mentor("Lena", zone="Europe/London", windows=("Mon 17:00-19:00",))  # 17-19, then 16-18
    kenji = mentor("Kenji", zone="Asia/Tokyo", windows=("Mon 09:00-11:00",))  # Mon 00-02 UTC
    a, catalog = load(mina, side="mentee")
    b, _ = load(lena, kenji, side="mentor", catalog=catalog)
    A, B = a.participants.availability, b.participants.availability
    per_week = (A[0] & B[0]).reshape(4, 672).sum(axis=1) / 4
    assert per_week.tolist() == [1.0, 1.0, 1.0, 2.0]  # London moves to summer time on 29 March
    hours = overlap_hours(pack_availability(np.repeat(A, 2, axis=0)), pack_availability(B), 4)
    assert hours.tolist() == [1.25, 0.0]


def test_a_shared_language_counts_only_at_working_proficiency():
    mina = person("Mina", languages={"en": 2, "pt": 4})
    basic = mentor("Bea", languages={"pt": 2, "en": 3})
    working = mentor("Wes", languages={"pt": 3})
    a, catalog = load(mina, side="mentee")
    b, _ = load(basic, working, side="mentor", catalog=catalog)
    scores, _ = score_matrix(a.participants, b.participants, catalog.vocab)
    assert np.isnan(scores[0, 0]) and not np.isnan(scores[0, 1])


def test_must_haves_forbid_pairs():
    mina = person("Mina", languages={"en": 5, "pt": 5}, seniority=1)
    reflect(mina, gaps=("Kubernetes",), goal=False,
            must=[("seniority", "4"), ("skill", "Kubernetes"), ("language", "en"),
                  ("language", "pt")])
    junior = mentor("Jun", seniority=2, expertise=("Kubernetes",), languages={"en": 5, "pt": 5})
    no_k8s = mentor("Nia", seniority=5, expertise=("Python",), languages={"en": 5, "pt": 5})
    english = mentor("Eli", seniority=5, expertise=("Kubernetes",), languages={"en": 5})
    right = mentor("Rita", seniority=5, expertise=("Kubernetes",), languages={"en": 4, "pt": 3})
    a, catalog = load(mina, side="mentee")
    b, _ = load(junior, no_k8s, english, right, side="mentor", catalog=catalog)
    assert a.extra_must == {0: ((catalog.language_column["pt"],), ())}  # the second language
    rules = Rules(excluded_pairs=extra_exclusions(a, b.participants))
    scores, _ = score_matrix(a.participants, b.participants, catalog.vocab, rules=rules)
    assert np.isnan(scores[0, :3]).all()
    assert scores[0, 3] > 0.5


@pytest.mark.parametrize("inline", [500, 0], ids=["by id list", "by subquery"])
def test_loading_reads_in_bulk_whatever_the_pool_size(inline, monkeypatch,
                                                      django_assert_max_num_queries):
    monkeypatch.setattr(adapter, "_IDS_INLINE", inline)
    boss = person("Bo Boss")
    people = [mentor(f"M{k}", windows=("Tue 10:00-11:00",), expertise=("Python",), manager=boss)
              for k in range(12)]
    reflect(people[0], gaps=("SQL",), goal=False)
    catalog = catalog_build(start=DST_START)
    qs = Profile.objects.filter(pk__in=[p.pk for p in people])
    with django_assert_max_num_queries(16):
        pool = participants_load(qs, catalog, side="peer")
    assert pool.n == 12 and pool.participants.gaps.sum() == 1
    assert pool.participants.manager_ids.tolist() == [boss.pk] * 12

"""Reading participants from CSV text: what each column accepts (no database)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from lodestar.matching import csvfile
from lodestar.matching.features import GUIDANCE, KINDS


def rows(body: str, header: str = "id,role,languages,availability,guidance_wanted,kinds"):
    return csvfile.read_rows(f"\ufeff{header}\n{body}")


def test_it_reads_the_friendly_forms():
    (row,) = rows('a,Mentee,"eng; pt:fluent",Mon-Wed 09:00-10:00; sunday 23:00-24:00,career,'
                  "Virtual\n\n")
    assert row.role == "mentee" and row.languages == {"en": 3, "pt": 4}
    assert row.windows == [(0, 540, 600), (1, 540, 600), (2, 540, 600), (6, 1380, 1440)]
    assert row.wanted == {"career": 2} and row.kinds == 1 << KINDS.index("virtual")


def test_a_range_of_days_may_wrap_around_the_week():
    (row,) = rows("a,mentor,,Sat-Mon 10:00-11:00,,\n")
    assert [d for d, *_ in row.windows] == [5, 6, 0]


@pytest.mark.parametrize(("header", "message"), [
    ("id,name", "at least the columns id and role"),
    ("id,role,colour", r"unknown column\(s\) colour"),
])
def test_the_header_is_checked(header, message):
    with pytest.raises(csvfile.MatchFileError, match=message):
        csvfile.read_rows(f"{header}\na,mentee\n")


def test_participants_share_one_vocabulary_and_the_files_ids():
    parsed = csvfile.read_rows(
        "id,role,skills,gaps,languages,guidance_wanted,capacity\n"
        "a,mentee,,python ; SQL,en,career:3,\n"
        "b,mentor,Python,,en:5,,3\n"
    )
    vocab = csvfile.vocabulary(parsed, lambda name: "Data" if name == "SQL" else "")
    assert vocab.skills == ["python", "SQL"] and vocab.categories == ["Data"]
    start = datetime(2026, 3, 9, tzinfo=UTC)
    mentees = csvfile.participants(parsed, [0], vocab, start=start)
    mentors = csvfile.participants(parsed, [1], vocab, start=start)
    assert mentees.ids.tolist() == [0] and mentors.ids.tolist() == [1]
    assert mentees.gaps.toarray().tolist() == [[1, 1]]
    assert mentors.skills.toarray().tolist() == [[1, 0]]  # "Python" is "python"
    assert mentees.guidance_wanted[0, GUIDANCE.index("career")] == 3
    assert mentors.capacity.tolist() == [3] and mentees.capacity.tolist() == [0]

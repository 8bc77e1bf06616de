"""The time-zone engine: exact UTC instants around real DST switches, labels, fair ranking.

Pure functions, no database.  Dates are in 2026: the US switches on 8 March and 1 November, the
EU on 29 March and 25 October, Australia (Sydney, Lord Howe) on 5 April and 4 October.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import pairwise
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from lodestar.meetings.timezones import (
    BAND_COST,
    Band,
    Person,
    Window,
    availability_intervals,
    availability_mask,
    availability_masks,
    band_at,
    common_intervals,
    common_slots,
    local_label,
    rank_slots,
    slot_starts,
    validate_zone,
    weekly_overlap_hours,
)

H = 60


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def weekdays(start_hour: float, end_hour: float, days=range(5)) -> tuple[Window, ...]:
    return tuple(Window(d, int(start_hour * H), int(end_hour * H)) for d in days)


def spans(windows, zone, start, weeks=1):
    return availability_intervals(windows, zone, start=start, weeks=weeks)


# ---------------------------------------------------------------- US vs EU in March and October


NY = Person("ny", "America/New_York", weekdays(9, 17))
LDN = Person("ldn", "Europe/London", weekdays(9, 17))


@pytest.mark.parametrize(
    ("monday", "first", "hours"),
    [
        (utc(2026, 3, 2), (utc(2026, 3, 2, 14), utc(2026, 3, 2, 17)), 15),  # EST / GMT
        (utc(2026, 3, 9), (utc(2026, 3, 9, 13), utc(2026, 3, 9, 17)), 20),  # EDT / GMT: US switched
        (utc(2026, 3, 23), (utc(2026, 3, 23, 13), utc(2026, 3, 23, 17)), 20),
        (utc(2026, 3, 30), (utc(2026, 3, 30, 13), utc(2026, 3, 30, 16)), 15),  # EDT / BST
        (utc(2026, 10, 19), (utc(2026, 10, 19, 13), utc(2026, 10, 19, 16)), 15),  # EDT / BST
        (
            utc(2026, 10, 26),
            (utc(2026, 10, 26, 13), utc(2026, 10, 26, 17)),
            20,
        ),  # EDT / GMT: EU back
        (utc(2026, 11, 2), (utc(2026, 11, 2, 14), utc(2026, 11, 2, 17)), 15),  # EST / GMT
    ],
)
def test_new_york_london_overlap_moves_by_an_hour_between_the_two_switches(monday, first, hours):
    got = common_intervals([NY, LDN], start=monday, weeks=1)
    assert got[0] == first
    assert got == [(first[0] + timedelta(days=d), first[1] + timedelta(days=d)) for d in range(5)]
    assert weekly_overlap_hours(NY, LDN, start=monday, weeks=1) == hours


def test_weekly_overlap_is_averaged_over_the_span():
    # 2 March + 4 weeks: one week at 3 h a day, three weeks at 4 h a day.
    assert weekly_overlap_hours(NY, LDN, start=utc(2026, 3, 2)) == pytest.approx((15 + 20 * 3) / 4)


def test_a_span_starting_mid_week_keeps_exact_instants():
    got = common_intervals([NY, LDN], start=utc(2026, 3, 6, 15, 30), weeks=1)
    assert got[0] == (utc(2026, 3, 6, 15, 30), utc(2026, 3, 6, 17))  # Friday, clipped at the start
    assert got[1] == (utc(2026, 3, 9, 13), utc(2026, 3, 9, 17))  # Monday after the US switch
    assert got[-1] == (utc(2026, 3, 13, 13), utc(2026, 3, 13, 15, 30))  # clipped at the end


def test_los_angeles_sunday_lasts_23_then_25_hours():
    sunday = [Window(6, 0, 1440)]
    assert spans(sunday, "America/Los_Angeles", utc(2026, 3, 2, 12)) == [
        (utc(2026, 3, 8, 8), utc(2026, 3, 9, 7))
    ]
    assert spans(sunday, "America/Los_Angeles", utc(2026, 10, 26, 12)) == [
        (utc(2026, 11, 1, 7), utc(2026, 11, 2, 8))
    ]
    la = Person("la", "America/Los_Angeles", weekdays(9, 17))
    for monday in (
        utc(2026, 3, 2),
        utc(2026, 3, 9),
        utc(2026, 11, 2),
    ):  # same-day switches: 3 h apart
        assert weekly_overlap_hours(NY, la, start=monday, weeks=1) == 25


# ---------------------------------------------------------------- gaps and folds


@pytest.mark.parametrize(
    ("window", "expected"),
    [
        ((6, 1 * H, 3 * H), [(utc(2026, 3, 8, 6), utc(2026, 3, 8, 7))]),  # 01:00-03:00 lasts 1 h
        ((6, 2 * H, 3 * H), []),  # entirely inside the gap: does not happen that day
        ((6, 2 * H + 30, 4 * H), [(utc(2026, 3, 8, 7), utc(2026, 3, 8, 8))]),  # starts at 03:00 EDT
        ((6, 1 * H + 30, 2 * H + 30), [(utc(2026, 3, 8, 6, 30), utc(2026, 3, 8, 7))]),
    ],
)
def test_spring_forward_gap_in_new_york(window, expected):
    assert spans([window], "America/New_York", utc(2026, 3, 2)) == expected


def test_the_same_window_a_week_after_the_gap_is_whole_again():
    got = spans([(6, 2 * H, 3 * H)], "America/New_York", utc(2026, 3, 2), weeks=2)
    assert got == [(utc(2026, 3, 15, 6), utc(2026, 3, 15, 7))]


@pytest.mark.parametrize(
    ("window", "expected"),
    [
        (
            (6, 1 * H, 2 * H),
            (utc(2026, 11, 1, 5), utc(2026, 11, 1, 7)),
        ),  # both passes: 2 real hours
        (
            (6, 0, 1 * H + 30),
            (utc(2026, 11, 1, 4), utc(2026, 11, 1, 6, 30)),
        ),  # ends at the 2nd 01:30
        (
            (6, 1 * H + 30, 3 * H),
            (utc(2026, 11, 1, 5, 30), utc(2026, 11, 1, 8)),
        ),  # starts at the 1st
        ((6, 0, 1 * H), (utc(2026, 11, 1, 4), utc(2026, 11, 1, 5))),  # before the fold: untouched
        ((6, 2 * H, 3 * H), (utc(2026, 11, 1, 7), utc(2026, 11, 1, 8))),  # after it: untouched
    ],
)
def test_fall_back_fold_in_new_york_covers_the_real_elapsed_time(window, expected):
    assert spans([window], "America/New_York", utc(2026, 10, 26)) == [expected]


def test_eu_gap_and_fold_are_at_one_utc_in_every_eu_zone():
    # Berlin: 02:00 CET -> 03:00 CEST at 01:00 UTC; London: 01:00 GMT -> 02:00 BST at 01:00 UTC.
    assert spans([(6, 1 * H, 4 * H)], "Europe/Berlin", utc(2026, 3, 23)) == [
        (utc(2026, 3, 29, 0), utc(2026, 3, 29, 2))
    ]
    assert spans([(6, 30, 150)], "Europe/London", utc(2026, 3, 23)) == [
        (utc(2026, 3, 29, 0, 30), utc(2026, 3, 29, 1, 30))
    ]
    # Berlin 25 October: 03:00 CEST -> 02:00 CET, so 02:00-03:00 happens twice.
    assert spans([(6, 2 * H, 3 * H)], "Europe/Berlin", utc(2026, 10, 19)) == [
        (utc(2026, 10, 25, 0), utc(2026, 10, 25, 2))
    ]


def test_sydney_switches_the_other_way_in_april_and_october():
    # 5 April: 03:00 AEDT -> 02:00 AEST (16:00 UTC on the 4th): 02:00-03:00 happens twice.
    assert spans([(6, 2 * H, 3 * H)], "Australia/Sydney", utc(2026, 3, 30)) == [
        (utc(2026, 4, 4, 15), utc(2026, 4, 4, 17))
    ]
    # 4 October: 02:00 AEST -> 03:00 AEDT (16:00 UTC on the 3rd): 01:00-04:00 lasts 2 hours.
    assert spans([(6, 1 * H, 4 * H)], "Australia/Sydney", utc(2026, 9, 28)) == [
        (utc(2026, 10, 3, 15), utc(2026, 10, 3, 17))
    ]


@pytest.mark.parametrize(
    ("monday", "expected"),
    [
        (utc(2026, 3, 23), (utc(2026, 3, 23, 8), utc(2026, 3, 23, 10))),  # GMT vs AEDT: 11 h apart
        (utc(2026, 3, 30), (utc(2026, 3, 30, 7), utc(2026, 3, 30, 10))),  # BST vs AEDT: 10 h
        (utc(2026, 4, 6), (utc(2026, 4, 6, 8), utc(2026, 4, 6, 10))),  # BST vs AEST: 9 h
    ],
)
def test_london_sydney_gap_shrinks_by_two_hours_in_two_weeks(monday, expected):
    ldn = Person("ldn", "Europe/London", [(0, 8 * H, 11 * H)])
    syd = Person("syd", "Australia/Sydney", [(0, 18 * H, 21 * H)])
    assert common_intervals([ldn, syd], start=monday, weeks=1) == [expected]


def test_lord_howe_shifts_by_half_an_hour():
    # 4 October: 02:00 -> 02:30 at 15:30 UTC on the 3rd; 5 April: 02:00 -> 01:30 at 15:00 UTC.
    assert spans([(6, 90, 180)], "Australia/Lord_Howe", utc(2026, 9, 28)) == [
        (utc(2026, 10, 3, 15), utc(2026, 10, 3, 16))
    ]
    assert spans([(6, 2 * H, 150)], "Australia/Lord_Howe", utc(2026, 9, 28)) == []
    assert spans([(6, 90, 2 * H)], "Australia/Lord_Howe", utc(2026, 3, 30)) == [
        (utc(2026, 4, 4, 14, 30), utc(2026, 4, 4, 15, 30))
    ]


# ---------------------------------------------------------------- zones without DST, odd offsets


def test_kolkata_and_kathmandu_quarter_hour_offsets():
    kol = Person("kol", "Asia/Kolkata", [(0, 9 * H, 10 * H)])
    ktm = Person("ktm", "Asia/Kathmandu", [(0, 9 * H, 10 * H)])
    monday = utc(2026, 3, 2)
    assert common_intervals([kol], start=monday, weeks=1) == [
        (utc(2026, 3, 2, 3, 30), utc(2026, 3, 2, 4, 30))
    ]
    assert common_intervals([ktm], start=monday, weeks=1) == [
        (utc(2026, 3, 2, 3, 15), utc(2026, 3, 2, 4, 15))
    ]
    slots = common_slots([kol, ktm], start=monday, weeks=1, duration_minutes=30)
    assert [s.start for s in slots] == [utc(2026, 3, 2, 3, 30), utc(2026, 3, 2, 3, 45)]
    assert slots[0].labels == {"kol": "Mon 09:00, working hours", "ktm": "Mon 09:15, working hours"}


def test_tokyo_and_lagos_never_move():
    tokyo = Person("tyo", "Asia/Tokyo", weekdays(17, 20))
    lagos = Person("los", "Africa/Lagos", weekdays(9, 12))
    for monday in (utc(2026, 1, 5), utc(2026, 3, 30), utc(2026, 7, 6), utc(2026, 10, 26)):
        got = common_intervals([tokyo, lagos], start=monday, weeks=1)
        assert got[0] == (monday + timedelta(hours=8), monday + timedelta(hours=11))
        assert weekly_overlap_hours(tokyo, lagos, start=monday, weeks=1) == 15


# ---------------------------------------------------------------- windows, people, slots


def test_windows_accept_model_like_objects_and_merge():
    rows = [
        SimpleNamespace(weekday=0, start_minute=600, end_minute=720),
        (0, 660, 780),
        Window(0, 1380, 1440),
        (1, 0, 60),
    ]
    person = Person("p", ZoneInfo("UTC"), rows)
    assert person.zone == "UTC"
    got = common_intervals([person], start=utc(2026, 3, 2), weeks=1)
    assert got == [
        (utc(2026, 3, 2, 10), utc(2026, 3, 2, 13)),
        (utc(2026, 3, 2, 23), utc(2026, 3, 3, 1)),
    ]


def test_three_people_and_an_off_grid_stretch():
    a = Person("a", "UTC", [(0, 550, 700)])  # 09:10-11:40
    b = Person("b", "Europe/London", [(0, 0, 1440)])
    c = Person("c", "Africa/Lagos", [(0, 11 * H, 13 * H)])  # 10:00-12:00 UTC
    monday = utc(2026, 1, 5)
    starts = slot_starts([a, b, c], start=monday, weeks=1, duration_minutes=60)
    assert starts == [int(monday.timestamp()) // 60 + m for m in (600, 615, 630)]
    slots = common_slots([a, b, c], start=monday, weeks=1, duration_minutes=60)
    assert [s.start for s in slots] == [
        utc(2026, 1, 5, 10),
        utc(2026, 1, 5, 10, 15),
        utc(2026, 1, 5, 10, 30),
    ]
    off_grid = common_slots(
        [a], start=utc(2026, 1, 5), weeks=1, duration_minutes=60, step_minutes=30
    )
    assert [s.start for s in off_grid] == [
        utc(2026, 1, 5, 9, 10),
        utc(2026, 1, 5, 9, 30),
        utc(2026, 1, 5, 10),
        utc(2026, 1, 5, 10, 30),
    ]


def test_slots_carry_aware_times_and_local_views():
    slots = common_slots([NY, LDN], start=utc(2026, 3, 9), weeks=1, duration_minutes=45)
    first = slots[0]
    assert first.start.tzinfo is UTC and first.end - first.start == timedelta(minutes=45)
    assert first.local_starts["ny"] == datetime(2026, 3, 9, 9, tzinfo=ZoneInfo("America/New_York"))
    assert first.local_starts["ldn"].hour == 13
    assert first.inconvenience == {"ny": 0, "ldn": 0} and first.all_working
    assert all(x.start < y.start for x, y in pairwise(slots))
    assert len(slots) == 5 * 14  # 4 h a day: starts every 15 min from 13:00, the last at 16:15


# ---------------------------------------------------------------- bands and labels


@pytest.mark.parametrize(
    ("instant", "zone", "label"),
    [
        (utc(2026, 3, 10, 12, 30), "America/New_York", "Tue 08:30, early morning"),
        (utc(2026, 3, 10, 1), "America/New_York", "Mon 21:00, late evening"),
        (utc(2026, 3, 11, 13), "Europe/Berlin", "Wed 14:00, working hours"),
        (utc(2026, 3, 14, 9), "Europe/Berlin", "Sat 10:00, weekend"),
        (utc(2026, 3, 12, 17), "Europe/London", "Thu 17:00, working hours"),
        (utc(2026, 3, 12, 18, 15), "Europe/London", "Thu 18:15, evening"),
        (utc(2026, 3, 12, 22), "Europe/London", "Thu 22:00, night"),
        (utc(2026, 3, 12, 5, 59), "Europe/London", "Thu 05:59, night"),
        (utc(2026, 3, 14, 23), "Asia/Kathmandu", "Sun 04:45, night"),
        (utc(2026, 3, 14, 23), "Asia/Kolkata", "Sun 04:30, night"),
        (utc(2026, 11, 1, 5, 30), "America/New_York", "Sun 01:30 EDT, night"),  # first 01:30
        (utc(2026, 11, 1, 6, 30), "America/New_York", "Sun 01:30 EST, night"),  # second 01:30
    ],
)
def test_local_labels(instant, zone, label):
    assert local_label(instant, zone) == label


def test_labels_follow_each_persons_working_hours_and_days():
    early_bird = Person(
        "e",
        "Asia/Dubai",
        (),
        work_start=7 * H,
        work_end=15 * H,
        work_days=frozenset({6, 0, 1, 2, 3}),
    )
    assert (
        local_label(utc(2026, 3, 15, 3, 30), "Asia/Dubai", person=early_bird)
        == "Sun 07:30, working hours"
    )
    assert local_label(utc(2026, 3, 13, 6), "Asia/Dubai", person=early_bird) == "Fri 10:00, weekend"
    assert (
        local_label(utc(2026, 3, 15, 12), "Asia/Dubai", person=early_bird) == "Sun 16:00, evening"
    )
    assert band_at(utc(2026, 3, 15, 3, 30), "Asia/Dubai") is Band.WEEKEND
    assert band_at(utc(2026, 3, 15, 3, 30), person=early_bird) is Band.WORKING
    assert local_label(utc(2026, 3, 15, 18), person=early_bird) == "Sun 22:00, night"
    with pytest.raises(ValueError, match="give a zone or a person"):
        local_label(utc(2026, 3, 15, 18))
    assert min(BAND_COST, key=BAND_COST.__getitem__) is Band.WORKING
    assert max(BAND_COST, key=BAND_COST.__getitem__) is Band.NIGHT


def test_a_slot_is_labelled_with_the_least_convenient_band_it_touches():
    ldn = Person("ldn", "Europe/London", weekdays(0, 24))
    slot = common_slots([ldn], start=utc(2026, 1, 5, 17, 30), weeks=1, duration_minutes=60)[0]
    assert slot.labels == {"ldn": "Mon 17:30, evening"} and slot.inconvenience == {"ldn": 1}
    assert not slot.all_working


def test_a_slot_across_the_fall_back_switch_is_judged_on_the_real_clock():
    ny = Person("ny", "America/New_York", [(6, 0, 1440)])
    slot = common_slots([ny], start=utc(2026, 11, 1, 5, 30), weeks=1, duration_minutes=60)[0]
    assert slot.labels == {"ny": "Sun 01:30 EDT, night"}
    assert slot.end.astimezone(ZoneInfo("America/New_York")).strftime("%H:%M %Z") == "01:30 EST"


# ---------------------------------------------------------------- ranking and fairness


def test_slots_in_everyones_working_hours_come_first():
    ny = Person("ny", "America/New_York", weekdays(7, 22))
    ber = Person("ber", "Europe/Berlin", weekdays(7, 22))
    ranked = rank_slots(
        common_slots([ny, ber], start=utc(2026, 3, 30), weeks=1, duration_minutes=60)
    )
    assert ranked[0].all_working and ranked[0].labels == {
        "ny": "Mon 09:00, working hours",
        "ber": "Mon 15:00, working hours",
    }
    firsts = [s.all_working for s in ranked]
    assert firsts == sorted(firsts, reverse=True)
    costs = [sum(s.inconvenience.values()) for s in ranked if not s.all_working]
    assert costs[0] == 1 and max(costs) > costs[0]


def _ny_tokyo() -> list[Person]:
    # Two options a week: NY 20:00 = Tokyo 09:00 (NY late evening) or NY 07:00 = Tokyo 20:00.
    ny = Person("ny", "America/New_York", [(0, 7 * H, 8 * H), (0, 20 * H, 21 * H)])
    tokyo = Person("tyo", "Asia/Tokyo", [(0, 20 * H, 21 * H), (1, 9 * H, 10 * H)])
    return [ny, tokyo]


def test_the_late_call_rotates_over_a_series():
    slots = common_slots(_ny_tokyo(), start=utc(2026, 3, 9), weeks=1, duration_minutes=60)
    assert len(slots) == 2
    first = rank_slots(slots)[0]
    assert first.labels == {"ny": "Mon 20:00, late evening", "tyo": "Tue 09:00, working hours"}
    second = rank_slots(slots, history=[first])[0]
    assert second.labels == {"ny": "Mon 07:00, early morning", "tyo": "Mon 20:00, late evening"}
    assert rank_slots(slots, history=[{"ny": 3, "tyo": 0}], limit=1) == [second]
    assert rank_slots(slots, history=[{"ny": 0, "tyo": 30}], limit=1) == [first]


def test_burden_stays_balanced_over_many_meetings():
    ny = Person("ny", "America/New_York", [(d, 7 * H, 23 * H) for d in range(7)])
    tokyo = Person("tyo", "Asia/Tokyo", [(d, 7 * H, 23 * H) for d in range(7)])
    slots = common_slots([ny, tokyo], start=utc(2026, 4, 6), weeks=1, duration_minutes=60)
    assert not any(s.all_working for s in slots)
    history: list[dict[str, int]] = []
    for _ in range(10):
        history.append(rank_slots(slots, history=history, limit=1)[0].inconvenience)
    totals = {k: sum(h[k] for h in history) for k in ("ny", "tyo")}
    assert abs(totals["ny"] - totals["tyo"]) <= max(BAND_COST.values())
    unfair = rank_slots(slots, limit=1)[0].inconvenience
    assert abs(unfair["ny"] - unfair["tyo"]) * 10 > abs(totals["ny"] - totals["tyo"])


# ---------------------------------------------------------------- masks


def test_mask_layout_and_agreement_with_overlap_hours():
    start = utc(2026, 3, 2)
    kathmandu = availability_mask([(0, 9 * H, 10 * H)], "Asia/Kathmandu", start, 1)
    assert kathmandu.dtype == np.bool_ and kathmandu.shape == (7 * 96,)
    assert np.flatnonzero(kathmandu).tolist() == [13, 14, 15, 16]  # 03:15-04:15 UTC Monday
    assert kathmandu.reshape(1, 7, 96)[0, 0, 13]
    masks = availability_masks([NY, LDN], start, 4)
    shared = (masks[0] & masks[1]).sum() * 15 / 60 / 4
    assert shared == weekly_overlap_hours(NY, LDN, start=start, weeks=4)
    coarse = availability_mask([(0, 550, 700)], "UTC", start, 1, resolution_minutes=60)
    assert np.flatnonzero(coarse).tolist() == [10]  # only 10:00-11:00 is available throughout


# ---------------------------------------------------------------- validation


def test_unknown_zone_raises_a_clear_error():
    with pytest.raises(
        ValueError, match=r"unknown time zone 'Europe/Berln'; did you mean 'Europe/Berlin'"
    ):
        validate_zone("Europe/Berln")
    with pytest.raises(ValueError, match="unknown time zone"):
        Person("x", "Mars/Olympus_Mons", ())
    with pytest.raises(ValueError, match="IANA name"):
        validate_zone("")
    assert validate_zone(ZoneInfo("Asia/Kathmandu")) == "Asia/Kathmandu"
    assert validate_zone(UTC) == "UTC"
    with pytest.raises(ValueError, match="did you mean 'America/New_York'"):
        validate_zone("america/new_york")


@pytest.mark.parametrize(
    ("window", "message"),
    [
        ((0, 600, 540), "end_minute must be after start_minute"),
        ((0, 600, 600), "end_minute must be after start_minute"),
        ((0, 600, 1441), "at most 1440"),
        ((7, 0, 60), "weekday must be 0"),
        ((0, -5, 60), "start_minute must be 0..1439"),
        ((0, 1.5, 60), "must be an integer"),
    ],
)
def test_bad_windows_raise(window, message):
    with pytest.raises(ValueError, match=message):
        Window(*window)
    with pytest.raises(ValueError, match=message):
        Person("x", "UTC", [window])


def test_bad_arguments_raise():
    with pytest.raises(ValueError, match="aware datetime"):
        common_intervals([NY], start=datetime(2026, 3, 2), weeks=1)
    with pytest.raises(ValueError, match="weeks"):
        common_intervals([NY], start=utc(2026, 3, 2), weeks=0)
    with pytest.raises(ValueError, match="unique"):
        common_intervals([NY, NY], start=utc(2026, 3, 2), weeks=1)
    with pytest.raises(ValueError, match="at least one person"):
        common_intervals([], start=utc(2026, 3, 2), weeks=1)
    with pytest.raises(ValueError, match="duration_minutes"):
        common_slots([NY], start=utc(2026, 3, 2), weeks=1, duration_minutes=0)
    with pytest.raises(ValueError, match="working hours"):
        Person("x", "UTC", (), work_start=18 * H, work_end=9 * H)
    with pytest.raises(ValueError, match="resolution_minutes"):
        availability_mask([], "UTC", utc(2026, 3, 2), 1, resolution_minutes=7)

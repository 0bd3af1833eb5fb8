"""Clock times across zones: the same moment written in IST, PKT, GMT and US/UK zones."""

from __future__ import annotations

import pytest

from rashomon.compare.timezones import find_clocks, normalize_clock, resolve_zone


@pytest.mark.parametrize("text", ["17:00 IST", "5 pm IST", "4:30 pm PKT", "16:30 PKT", "11:30 GMT",
                                  "1130 GMT", "1130 UTC", "7:30 a.m. EDT", "6:30 am EST",
                                  "12:30 BST", "1700 hrs IST"])
def test_same_moment_in_every_zone(text: str) -> None:
    assert normalize_clock(text, "UTC") == "11:30 UTC"


def test_bare_time_uses_the_default_zone() -> None:
    assert normalize_clock("from 5 pm on Saturday", "IN") == "11:30 UTC"
    assert normalize_clock("from 5 pm on Saturday", "PK") == "12:00 UTC"
    assert normalize_clock("from 5 pm on Saturday", "PKT") == "12:00 UTC"
    assert normalize_clock("from 5 pm on Saturday", None) is None


def test_zone_in_text_wins_over_default() -> None:
    assert normalize_clock("at 4:30 pm PKT", "IN") == "11:30 UTC"


def test_day_shift_and_midnight() -> None:
    clock = find_clocks("the truce began at 2 am IST", "UTC")[0]
    assert clock.utc == "20:30 UTC" and clock.day_shift == -1
    assert normalize_clock("midnight GMT") == "00:00 UTC"
    assert normalize_clock("noon IST") == "06:30 UTC"
    assert normalize_clock("12 am PKT") == "19:00 UTC"


def test_numbers_that_are_not_clock_times() -> None:
    assert normalize_clock("2.25 million people were displaced", "IN") is None
    assert normalize_clock("in 2025 the toll reached 26", "IN") is None
    assert normalize_clock("at 25:10 GMT") is None


def test_both_readings_of_one_sentence_agree() -> None:
    clocks = find_clocks("effective from 5 pm IST (1130 GMT) on Saturday", "PK")
    assert [c.utc for c in clocks] == ["11:30 UTC", "11:30 UTC"]
    assert [c.text for c in clocks] == ["5 pm IST", "1130 GMT"]
    assert all(c.zone_given for c in clocks)


def test_resolve_zone_by_country_and_name() -> None:
    assert resolve_zone("IN") == ("ist", 330)
    assert resolve_zone("pkt") == ("pkt", 300)
    assert resolve_zone("XX") is None

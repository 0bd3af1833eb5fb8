"""Datelines at the start of news bodies."""

from __future__ import annotations

import pytest

from rashomon.extract.dateline import split_dateline

REST = "The army said on Thursday that it had intercepted drones over several cities."


@pytest.mark.parametrize(("lead", "places"), [
    ("ISLAMABAD:", ["Islamabad"]),
    ("WASHINGTON/NEW DELHI/MOSCOW:", ["Washington", "New Delhi", "Moscow"]),
    ("NEW DELHI, May 8 (Reuters) -", ["New Delhi"]),
    ("Srinagar, May 7:", ["Srinagar"]),
    ("LONDON (AP) —", ["London"]),
    ("SRINAGAR, India (AP) —", ["Srinagar"]),
    ("New Delhi [India], May 8 (ANI):", ["New Delhi"]),
    ("Muzaffarabad, 8 May (APP):", ["Muzaffarabad"]),
    ("Islamabad (AFP) -", ["Islamabad"]),
    ("KARACHI -", ["Karachi"]),
    ("WASHINGTON —", ["Washington"]),
    ("ISLAMABAD, May 8, 2025:", ["Islamabad"]),
    ("JAMMU AND KASHMIR:", ["Jammu and Kashmir"]),
    ("DERA ISMAIL KHAN:", ["Dera Ismail Khan"]),
    ("New Delhi:", ["New Delhi"]),
    ("Islamabad/New Delhi:", ["Islamabad", "New Delhi"]),
    ("CANBERRA, Australia (AP)_", ["Canberra"]),
])
def test_dateline_is_split_off(lead: str, places: list[str]) -> None:
    dateline, rest = split_dateline(f"{lead} {REST}")
    assert dateline is not None
    assert dateline.text == lead
    assert dateline.places == places
    assert rest == REST


def test_dateline_on_its_own_line() -> None:
    dateline, rest = split_dateline(f"ISLAMABAD:\n{REST}\nSecond paragraph.")
    assert dateline is not None and dateline.places == ["Islamabad"]
    assert rest == f"{REST}\nSecond paragraph."


@pytest.mark.parametrize("text", [
    REST,
    "US-China talks resumed in Geneva on Monday, officials said.",
    "BREAKING: Army says drones downed over Lahore.",
    "Editor's note: This story has been updated with the death toll.",
    "Julian Assange: the case that divided a continent",
    "NATO said on Friday that it was watching the situation closely.",
    "The spokesman said: we will respond at a time of our choosing.",
    "Update: The toll rose to 31 on Wednesday evening.",
])
def test_no_dateline(text: str) -> None:
    assert split_dateline(text) == (None, text)


def test_dateline_alone_is_not_split() -> None:
    assert split_dateline("ISLAMABAD: ") == (None, "ISLAMABAD: ")

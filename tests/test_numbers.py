"""Number words and digits."""

from __future__ import annotations

import re

import pytest

from rashomon.analyze.numbers import COUNT_PATTERN, NUMBER_PATTERN, parse_number, parse_ordinal


@pytest.mark.parametrize(("text", "value"), [
    ("6", 6), ("1,200", 1200), ("3.5 million", 3_500_000), ("2.5bn", 2_500_000_000),
    ("six", 6), ("twenty-five", 25), ("seventy five", 75), ("two hundred and fifty", 250),
    ("three million", 3_000_000), ("a dozen", 12), ("half a dozen", 6), ("two dozen", 24),
    ("a hundred", 100), ("two and a half", 2.5), ("2 1/2", 2.5), ("a couple of", 2),
    ("1.5 lakh", 150_000), ("two crore", 20_000_000), ("an", 1),
])
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "dozens", "several", "jets", "5 km"])
def test_not_a_number(text: str) -> None:
    assert parse_number(text) is None


def test_ordinals() -> None:
    assert parse_ordinal("third") == 3
    assert parse_ordinal("4th") == 4
    assert parse_ordinal("three") is None


def test_patterns_take_the_whole_number() -> None:
    count = re.compile(COUNT_PATTERN, re.IGNORECASE)
    assert count.match("two hundred and fifty troops").group(0) == "two hundred and fifty"
    assert count.match("3.5 million people").group(0) == "3.5 million"
    assert count.match("a dozen drones").group(0) == "a dozen"
    assert count.match("a week") is None  # a bare "a" is no count ...
    assert re.compile(NUMBER_PATTERN).match("a week").group(0) == "a"  # ... but is one week

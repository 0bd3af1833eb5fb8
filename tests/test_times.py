"""Dates and durations: the pure normaliser and the spaCy component on real parses."""

from __future__ import annotations

from datetime import date

import pytest

from rashomon.analyze.base import DocContext
from rashomon.analyze.numbers import parse_number
from rashomon.analyze.timerules import iso_duration
from rashomon.analyze.times import find_candidates, normalize_time

THU = date(2025, 5, 8)  # a Thursday
WED = date(2025, 5, 7)


@pytest.mark.parametrize(("text", "value"), [
    ("on Wednesday", "2025-05-07"),        # the day before a Thursday article
    ("Thursday", "2025-05-08"),            # the publication day itself
    ("on Friday", "2025-05-02"),           # the most recent Friday, not the coming one
    ("last Thursday", "2025-05-01"),
    ("next Monday", "2025-05-12"),
    ("Tuesday evening", "2025-05-06"),
    ("last night", "2025-05-07"),
    ("yesterday", "2025-05-07"),
    ("today", "2025-05-08"),
    ("tonight", "2025-05-08"),
    ("tomorrow", "2025-05-09"),
    ("May 10", "2025-05-10"),
    ("April 22", "2025-04-22"),
    ("November 10", "2024-11-10"),         # well in the future this year: last year's
    ("May 2025", "2025-05"),
    ("10 May 2025", "2025-05-10"),
    ("the 3rd of May", "2025-05-03"),
    ("Sept. 12, 2024", "2024-09-12"),
    ("2025-05-07", "2025-05-07"),
    ("in 1947", "1947"),
    ("fiscal 2024", "2024"),
    ("mid-May", "2025-05"),
    ("July last year", "2024-07"),
    ("last week", "2025-W18"),
    ("earlier this week", "2025-W19"),
    ("this week", "2025-W19"),
    ("last weekend", "2025-W18-WE"),
    ("last month", "2025-04"),
    ("later this month", "2025-05"),
    ("last year", "2024"),
    ("next year", "2026"),
    ("a year ago", "2024"),
    ("three days ago", "2025-05-05"),
    ("two weeks ago", "2025-04-24"),
    ("the third quarter", "2025-Q3"),
    ("first-quarter", "2025-Q1"),
    ("the first half of 2024", "2024-H1"),
    ("this summer", "2025-SU"),
    ("the 1990s", "199"),
    ("the 20th century", "19"),
    ("now", "PRESENT_REF"),
    ("recently", "PAST_REF"),
    ("soon", "FUTURE_REF"),
])
def test_dates_resolve_against_a_thursday(text: str, value: str) -> None:
    assert normalize_time(text, THU) == (value, "DATE")


@pytest.mark.parametrize(("text", "value"), [
    ("87 hours", "PT87H"),
    ("three days", "P3D"),
    ("two weeks", "P2W"),
    ("six months", "P6M"),
    ("a decade", "P10Y"),
    ("more than five decades", "P50Y"),
    ("four-day", "P4D"),
    ("six-decade-old", "P60Y"),
    ("30 minutes", "PT30M"),
    ("the past two years", "P2Y"),
    ("two and a half years", "P2Y6M"),
    ("an hour and a half", "PT1H30M"),
    ("a couple of weeks", "P2W"),
    ("several years", "PXY"),
    ("a few days", "PXD"),
])
def test_durations_are_iso_8601(text: str, value: str) -> None:
    assert normalize_time(text, THU) == (value, "DURATION")


def test_a_weekday_in_a_future_clause_is_the_coming_one() -> None:
    assert normalize_time("Monday", THU, future=True) == ("2025-05-12", "DATE")
    assert normalize_time("Thursday", THU, future=True) == ("2025-05-08", "DATE")
    assert normalize_time("January", THU, future=True) == ("2026-01", "DATE")


def test_later_and_earlier_count_from_the_reference_date() -> None:
    assert normalize_time("two days later", THU, ref=date(2025, 4, 22)) == ("2025-04-24", "DATE")
    assert normalize_time("a day earlier", THU, ref=date(2025, 4, 22)) == ("2025-04-21", "DATE")
    assert normalize_time("two days later", THU) == ("2025-05-10", "DATE")  # no reference: anchor
    assert normalize_time("the same day", THU, ref=date(2025, 5, 10)) == ("2025-05-10", "DATE")


def test_relative_phrases_need_an_anchor() -> None:
    assert normalize_time("on Wednesday", None) == (None, "DATE")
    assert normalize_time("last month", None) == (None, "DATE")
    assert normalize_time("10 May 2025", None) == ("2025-05-10", "DATE")
    assert normalize_time("three days", None) == ("P3D", "DURATION")


def test_dateparser_fallback_only_for_explicit_dates() -> None:
    assert normalize_time("5/10/2025", THU) == ("2025-05-10", "DATE")
    assert normalize_time("the last decade", THU) == ("P10Y", "DURATION")  # not dateparser's 2015
    assert normalize_time("procurement", THU) == (None, "DATE")


def test_iso_duration_moves_fractions_down_a_unit() -> None:
    assert iso_duration(1.5, "M", True) == "PT1M30S"
    assert iso_duration(1.5, "D", False) == "P1DT12H"
    assert iso_duration(87, "H", True) == "PT87H"


def test_number_words() -> None:
    assert parse_number("twenty-five") == 25
    assert parse_number("a couple of") == 2
    assert parse_number("2 1/2") == 2.5


def test_finder_skips_common_words_and_ages() -> None:
    text = ("Theresa May said the army may march in. A 52 years old man was hurt, "
            "and it was a second attack. Prices fall.")
    assert find_candidates(text) == []


# ---------------------------------------------------------------- on real parses
@pytest.fixture(scope="module")
def nlp():
    from rashomon.analyze.pipeline import build_nlp

    return build_nlp(["rashomon_times"])


def _times(nlp, text: str, published: date | None) -> list[tuple[str, str | None, str]]:
    doc = nlp.make_doc(text)
    doc._.ctx = DocContext(published=published)
    doc = nlp(doc)
    return [(t.text, t.value, t.type) for t in doc._.times]


def test_component_resolves_weekdays_and_durations(nlp) -> None:
    text = ("Pakistan said on Wednesday it had shot down five Indian jets. After 87 hours "
            "of fighting, both sides agreed to a ceasefire last night.")
    got = _times(nlp, text, THU)
    assert ("Wednesday", "2025-05-07", "DATE") in got or ("on Wednesday", "2025-05-07", "DATE") in got
    assert ("87 hours", "PT87H", "DURATION") in got
    assert ("last night", "2025-05-07", "DATE") in got
    assert all(v != "2025-05-08" for _, v, _ in got)  # nothing invented from "After 87 hours"


def test_future_clause_takes_the_coming_weekday(nlp) -> None:
    got = _times(nlp, "The two foreign ministers will meet in Riyadh on Monday.", THU)
    assert [v for _, v, _ in got] == ["2025-05-12"]
    got = _times(nlp, "A meeting of the committee was called for Saturday.", THU)
    assert [v for _, v, _ in got] == ["2025-05-10"]
    got = _times(nlp, "Police arrested two men for Tuesday's attack.", THU)
    assert [v for _, v, _ in got] == ["2025-05-06"]
    got = _times(nlp, "Mourners will remember the April 22 attack at a vigil.", THU)
    assert [v for _, v, _ in got] == ["2025-04-22"]  # a date modifying a noun has no tense


def test_the_weekend_is_the_coming_one_in_a_future_clause(nlp) -> None:
    got = _times(nlp, "The ferry operators hope to resume crossings by the weekend.", THU)
    assert [v for _, v, _ in got] == ["2025-W19-WE"]
    got = _times(nlp, "Two ferries ran aground over the weekend.", THU)
    assert [v for _, v, _ in got] == ["2025-W18-WE"]


def test_two_days_later_counts_from_the_previous_date(nlp) -> None:
    text = "The border was closed on April 22. Two days later, the talks collapsed."
    got = _times(nlp, text, date(2025, 5, 20))
    assert ("Two days later", "2025-04-24", "DATE") in got


def test_a_day_after_takes_its_sentence_date(nlp) -> None:
    text = ("New Delhi said on Wednesday it would suspend the treaty, a day after "
            "gunmen killed 26 people.")
    got = _times(nlp, text, WED)
    assert ("a day after", "2025-05-07", "DATE") in got


def test_days_after_an_event_dated_earlier(nlp) -> None:
    text = ("Gunmen carried out the attack on April 22 near Pahalgam. The committee met "
            "two days after the attack in a closed session.")
    got = _times(nlp, text, date(2025, 5, 2))
    assert ("two days after", "2025-04-24", "DATE") in got


def test_days_after_an_undated_event_take_the_ledes_date(nlp) -> None:
    text = ("The security council on Monday ordered a review of the treaty.\n"
            "The council met two days after the explosion at the dam.")
    got = _times(nlp, text, WED)
    assert ("two days after", "2025-05-05", "DATE") in got  # not Wednesday plus two days


def test_offsets_and_reasons(nlp) -> None:
    text = "The talks lasted three days and ended on 10 May 2025."
    doc = nlp.make_doc(text)
    doc._.ctx = DocContext(published=THU)
    doc = nlp(doc)
    for t in doc._.times:
        assert text[t.start:t.end] == t.text
        assert t.reason.startswith("times:")
    assert {t.value for t in doc._.times} == {"P3D", "2025-05-10"}


def test_analyzer_fills_times() -> None:
    from rashomon.analyze.pipeline import Analyzer

    result = Analyzer(components=["rashomon_times"]).analyze(
        "The ceasefire was agreed on May 10.", DocContext(published=date(2025, 5, 12)))
    assert [(t.text, t.value) for t in result.times] == [("May 10", "2025-05-10")]

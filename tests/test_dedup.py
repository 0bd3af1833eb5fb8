"""Exact and near-duplicate detection on a syndicated wire story written for these tests."""

from __future__ import annotations

import pytest

from rashomon.dedup import (
    JACCARD_THRESHOLD,
    NearDupIndex,
    band_keys,
    minhash,
    minhash_from_bytes,
    normalize_url,
    shingles,
    signature_array,
    signature_bytes,
    similarity,
    sketch,
    text_hash,
)

WIRE = [
    ("The military operations chiefs of India and Pakistan spoke over their hotline on "
    "Monday afternoon, two days after the two countries agreed to halt cross-border firing, "
    "officials on both sides said."),
    ("The call lasted about forty minutes and focused on keeping the truce in place along the "
    "Line of Control, where artillery exchanges had forced thousands of villagers to leave "
    "their homes during the previous week."),
    ("An Indian army spokesman told reporters in New Delhi that both sides had agreed to "
    "consider a reduction of troops deployed close to the border, but he gave no timetable "
    "and declined to say which units would move first."),
    ("In Rawalpindi, a Pakistani military statement described the conversation as "
    "professional and said the two officers had reaffirmed their commitment to the "
    "understanding reached on Saturday evening."),
    ("Residents of several border villages returned on Monday to inspect damaged houses, "
    "schools and livestock sheds, according to local officials, who said compensation claims "
    "would be collected over the coming weeks."),
    ("Diplomats in Washington, Riyadh and London had pressed both governments to stop the "
    "fighting, which began after missile and drone strikes on targets in both countries and "
    "raised fears of a wider war between the nuclear-armed neighbours."),
    ("Airlines began restoring flights over the region late on Sunday as both countries "
    "reopened closed airspace, while schools in several frontier districts said they would "
    "resume classes by the end of the week."),
]

OTHER_STORY = (
    "India and Pakistan traded accusations on Tuesday over a series of drone sightings near "
    "the border, with each side saying the other had violated the truce agreed at the weekend. "
    "Pakistan's foreign office summoned an Indian diplomat to lodge a protest, while the Indian "
    "external affairs ministry said reports from the army were being examined and that the "
    "country remained committed to peace in the region. Analysts in Islamabad and New Delhi "
    "said the exchanges showed how fragile the understanding between the nuclear-armed "
    "neighbours remained, and called for a permanent channel between the two militaries. "
    "Border residents said they had heard explosions overnight but that there had been no "
    "shelling of villages, and officials reported no casualties on either side of the line."
)


def wire_text() -> str:
    return "\n\n".join(WIRE)


def syndicated_copies() -> list[str]:
    """Three outlets' lightly edited copies of the wire story."""
    dropped = WIRE[:4] + WIRE[5:]  # one paragraph left out
    changed = [p.replace("forty minutes", "45 minutes").replace("professional", "cordial")
               for p in WIRE]
    trailer = WIRE[:-1] + [("Follow our live coverage of the crisis and download our app "
                           "for breaking news alerts. Copyright 2025 The Daily Example.")]
    return ["\n\n".join(p) for p in (dropped, changed, trailer)]


def test_shingles_are_five_word_runs_of_normalised_words() -> None:
    got = shingles("The Army, on Monday, said: it had   WITHDRAWN!")
    assert "the army on monday said" in got
    assert "monday said it had withdrawn" in got
    assert len(got) == 4
    assert shingles("Too short here") == {"too short here"}
    assert shingles("  ... ") == set()


def test_text_hash_ignores_case_spacing_and_punctuation_only() -> None:
    a = wire_text()
    assert text_hash(a) == text_hash(a.upper().replace(" ", "  ").replace(",", ""))
    assert text_hash(a) != text_hash(a.replace("Monday", "Tuesday"))


def test_normalize_url_drops_scheme_www_tracking_and_fragment() -> None:
    a = normalize_url("https://www.Dawn.com/news/1911/ceasefire-holds/?utm_source=x&b=2&a=1#top")
    b = normalize_url("http://dawn.com/news/1911/ceasefire-holds?a=1&b=2&fbclid=abc")
    assert a == b == "dawn.com/news/1911/ceasefire-holds?a=1&b=2"
    assert normalize_url("https://dawn.com/news/1912") != a
    assert normalize_url(None) is None


def test_syndicated_copies_are_found_in_the_index() -> None:
    index = NearDupIndex()
    index.add("wire", minhash(wire_text()), len(shingles(wire_text())))
    index.add("other", minhash(OTHER_STORY), len(shingles(OTHER_STORY)))
    for copy in syndicated_copies():
        assert index.query(minhash(copy), len(shingles(copy))) == ["wire"]


def test_different_story_on_the_same_topic_is_not_a_copy() -> None:
    index = NearDupIndex()
    index.add("wire", minhash(wire_text()))
    assert index.query(minhash(OTHER_STORY)) == []
    sim = similarity(minhash(wire_text()).hashvalues, minhash(OTHER_STORY).hashvalues)
    assert sim.jaccard < 0.2


def test_trimmed_copy_counts_through_containment() -> None:
    full = wire_text()
    trimmed = "\n\n".join(WIRE[:4])  # the first four paragraphs only
    a, b = sketch(full), sketch(trimmed)
    sim = similarity(signature_array(a.signature or b""), signature_array(b.signature or b""),
                     a.size, b.size)
    assert sim.jaccard < JACCARD_THRESHOLD  # would be missed on Jaccard alone
    assert sim.is_copy(min(a.size, b.size))
    assert "containment" in sim.reason()
    index = NearDupIndex()
    index.add("full", minhash(full), a.size)
    assert index.query(minhash(trimmed), b.size) == ["full"]
    assert index.query(minhash(trimmed)) == []  # without sizes only Jaccard applies


def test_matches_come_back_oldest_first() -> None:
    index = NearDupIndex()
    copies = syndicated_copies()
    for i, text in enumerate([wire_text(), *copies]):
        index.add(f"a{i}", minhash(text))
    assert index.query(minhash(wire_text()))[0] == "a0"
    with pytest.raises(ValueError):
        index.add("a0", minhash(wire_text()))


def test_signatures_round_trip_through_bytes() -> None:
    mh = minhash(wire_text())
    data = signature_bytes(mh)
    assert len(data) == 128 * 4
    back = minhash_from_bytes(data)
    assert back.jaccard(mh) == 1.0
    assert band_keys(back) == band_keys(mh)
    assert sketch(wire_text()).signature == data


def test_empty_text_has_no_signature_and_matches_nothing() -> None:
    assert sketch("").signature is None
    index = NearDupIndex()
    index.add("empty", minhash(""))
    index.add("wire", minhash(wire_text()))
    assert index.query(minhash("")) == []


def test_stories_sharing_a_background_paragraph_are_not_copies() -> None:
    background = WIRE[5]  # the same boilerplate context paragraph in both
    first = "\n\n".join([*WIRE[:3], background])
    second = f"{OTHER_STORY}\n\n{background}"
    a, b = sketch(first), sketch(second)
    sim = similarity(signature_array(a.signature or b""), signature_array(b.signature or b""),
                     a.size, b.size)
    assert not sim.is_copy(min(a.size, b.size))
    index = NearDupIndex()
    index.add("first", minhash(first), a.size)
    assert index.query(minhash(second), b.size) == []

"""Numeric claims on real parses of sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from rashomon.analyze.base import DocContext
from rashomon.analyze.claims import extract_claims
from rashomon.models import Claim, Quote

OUTLET = "Test Wire"
PUBLISHED = date(2025, 5, 8)  # a Thursday


@pytest.fixture(scope="module")
def nlp():
    from rashomon.analyze.pipeline import build_nlp

    return build_nlp(["rashomon_times", "rashomon_claims"])


def claims(nlp, text: str, quotes: list[Quote] | None = None) -> list[Claim]:
    """Claims of ``text``; ``quotes`` stands in for the quotes component when given."""
    doc = nlp.make_doc(text)
    doc._.ctx = DocContext(published=PUBLISHED, outlet_name=OUTLET)
    if quotes is None:
        return nlp(doc)._.claims
    for name, proc in nlp.pipeline:
        doc = proc(doc)
        if name == "rashomon_times":
            doc._.quotes = quotes
            return extract_claims(doc)
    raise AssertionError("no times component")


def one(found: list[Claim]) -> Claim:
    assert len(found) == 1, found
    return found[0]


def test_digits_words_object_and_predicate(nlp) -> None:
    c = one(claims(nlp, "Pakistan shot down five Indian Air Force fighter jets."))
    assert (c.value, c.object, c.predicate, c.text) == (5, "Indian Air Force fighter jets",
                                                         "shoot down", "five")
    c = one(claims(nlp, "The strikes killed 1,200 soldiers."))
    assert (c.value, c.object, c.predicate) == (1200, "soldiers", "kill")
    c = one(claims(nlp, "An estimated 3.5 million residents were displaced."))
    assert (c.value, c.object, c.predicate, c.hedge) == (3_500_000, "residents", "displace",
                                                         "estimated")


def test_outlet_voice(nlp) -> None:
    c = one(claims(nlp, "Six tourists were killed near the meadow."))
    assert (c.claimant, c.attributed, c.hedge) == (OUTLET, False, "asserted")
    assert c.sentence == "Six tourists were killed near the meadow."
    assert "pred:kill" in c.reason and "outlet" in c.reason


@pytest.mark.parametrize(("text", "value", "low", "high"), [
    ("At least 24 people were killed in the attack.", 24, 24, None),
    ("More than 100 militants were killed in the strikes.", 100, 100, None),
    ("Nearly 30 people were wounded by the shelling.", 30, None, 30),
    ("Up to 28 tourists died in the attack.", 28, None, 28),
    ("Between 24 and 28 tourists were killed.", None, 24, 28),
    ("Some 24 to 28 tourists were killed.", None, 24, 28),
    ("Officials counted 24-28 bodies after the attack.", None, 24, 28),
    ("Forty or more villagers were evacuated.", 40, 40, None),
])
def test_qualifiers_and_ranges(nlp, text: str, value: float | None, low: float | None,
                               high: float | None) -> None:
    c = one(claims(nlp, text))
    assert (c.value, c.low, c.high) == (value, low, high)


def test_plain_figures_and_ranges_hedges(nlp) -> None:
    assert one(claims(nlp, "At least 24 people were killed.")).hedge == "estimated"
    assert one(claims(nlp, "Exactly 24 people were killed.")).hedge == "asserted"


def test_vague_counts(nlp) -> None:
    c = one(claims(nlp, "Dozens of people were arrested after the protest."))
    assert (c.value, c.low, c.high, c.hedge, c.object, c.text) == (None, 24, None, "estimated",
                                                                   "people", "Dozens")
    c = one(claims(nlp, "Hundreds of families were displaced by the shelling."))
    assert (c.low, c.object, c.predicate) == (200, "families", "displace")
    c = one(claims(nlp, "A dozen drones were intercepted over Lahore."))
    assert (c.value, c.object, c.predicate) == (12, "drones", "shoot down")


def test_group_size_and_duration(nlp) -> None:
    c = one(claims(nlp, "A nine-member delegation arrived in Washington."))
    assert (c.value, c.unit, c.object) == (9, "members", "delegation")
    c = one(claims(nlp, "After 87 hours of fighting, the guns fell silent."))
    assert (c.value, c.unit, c.object) == (87, "hours", "fighting")


def test_toll_nouns_and_stand_ins(nlp) -> None:
    c = one(claims(nlp, "The death toll rose to 26 on Wednesday."))
    assert (c.value, c.predicate, c.object, c.date) == (26, "kill", "people", "2025-05-07")
    got = claims(nlp, "Twenty people were killed. At least 13 others were wounded.")
    assert [(c.value, c.object, c.predicate) for c in got] == [(20, "people", "kill"),
                                                               (13, "people", "injure")]
    got = claims(nlp, "The toll climbed from 24 to 26.")
    assert [c.value for c in got] == [24, 26]  # a revision, not a range


@pytest.mark.parametrize(("text", "obj", "pred"), [
    ("India denied losing any aircraft.", "aircraft", "lose"),
    ("No Indian jets were lost in the operation.", "Indian jets", "lose"),
    ("Pakistan rejected claims that its jets were downed.", "jets", "shoot down"),
    ("The army did not lose any soldiers in the exchange.", "soldiers", "lose"),
])
def test_denials_are_zero(nlp, text: str, obj: str, pred: str) -> None:
    c = one(claims(nlp, text))
    assert (c.value, c.hedge, c.object, c.predicate) == (0, "denied", obj, pred)


def test_denial_names_the_denier(nlp) -> None:
    c = one(claims(nlp, "Pakistan rejected claims that its jets were downed."))
    assert (c.claimant, c.attributed) == ("Pakistan", True)


def test_no_claim_from_unrelated_no(nlp) -> None:
    assert claims(nlp, "There was no comment from the ministry.") == []


def test_claimant_from_quote_content(nlp) -> None:
    text = "Pakistan shot down five Indian jets, the ISPR said."
    q = Quote(speaker="Inter-Services Public Relations", speaker_actor="PAK-ISPR", cue="said",
              content=text[:35], kind="indirect", start=0, end=35, cue_start=text.index("said"))
    c = one(claims(nlp, text, [q]))
    assert (c.claimant, c.claimant_actor, c.attributed, c.hedge) == (
        "Inter-Services Public Relations", "PAK-ISPR", True, "claimed")
    assert "quote:indirect" in c.reason


def test_cue_sets_the_hedge(nlp) -> None:
    text = "The army confirmed that five soldiers were killed."
    start = text.index("five")
    q = Quote(speaker="Indian Army", speaker_actor=None, cue="confirmed", content=text[start:-1],
              kind="indirect", start=start, end=len(text) - 1, cue_start=text.index("confirmed"))
    assert one(claims(nlp, text, [q])).hedge == "confirmed"
    text = "Pakistan denied that five of its jets were shot down."
    start = text.index("five")
    q = Quote(speaker="Pakistan", speaker_actor=None, cue="denied", content=text[start:-1],
              kind="indirect", start=start, end=len(text) - 1, cue_start=text.index("denied"))
    c = one(claims(nlp, text, [q]))
    assert (c.value, c.hedge) == (5, "denied")


def test_reporting_verb_without_quotes(nlp) -> None:
    c = one(claims(nlp, "At least 24 people were killed, police said."))
    assert (c.claimant, c.attributed, c.hedge) == ("police", True, "estimated")
    c = one(claims(nlp, "Twelve civilians were killed, according to local officials."))
    assert (c.claimant, c.attributed) == ("local officials", True)


def test_units_percent_and_money(nlp) -> None:
    c = one(claims(nlp, "Turnout was 62 percent in the district."))
    assert (c.value, c.unit, c.object) == (62, "percent", "Turnout")
    c = one(claims(nlp, "The government announced $1.5 billion in aid."))
    assert (c.value, c.unit, c.object) == (1_500_000_000, "USD", "aid")
    assert claims(nlp, "The ticket cost $20.") == []  # money that names nothing


@pytest.mark.parametrize("text", [
    "The attack took place on 22 April 2025.",
    "Kashmir's status changed in 2019.",
    "The meeting began at 10 p.m. and ended at 11:30.",
    "He was aged 45 when he joined the party.",
    "Article 370 was revoked by the government.",
    "Su-30 and MiG-29 jets flew over the border.",
    "It was the third attack on the post.",
    "Call 0300 1234567 for help.",
    "The 1971 war ended in December.",
])
def test_numbers_that_are_not_claims(nlp, text: str) -> None:
    assert claims(nlp, text) == []


def test_offsets_and_text(nlp) -> None:
    text = "Officials said at least 24 people were killed and 13 injured."
    for c in claims(nlp, text):
        assert text[c.start:c.end] == c.text
    assert [c.text for c in claims(nlp, text)] == ["at least 24", "13"]


# ---------------------------------------------------------------- with the whole pipeline
@pytest.fixture(scope="module")
def full():
    from rashomon.analyze.pipeline import build_nlp

    return build_nlp()


def analysed(full, text: str) -> list[Claim]:
    doc = full.make_doc(text)
    doc._.ctx = DocContext(published=PUBLISHED, outlet_name=OUTLET)
    return full(doc)._.claims


def test_a_clause_dating_the_news_is_the_outlets_voice(full) -> None:
    got = analysed(full, "Nepal said on Tuesday it would close two border posts, a day after "
                         "a landslide killed 14 people.")
    c = next(c for c in got if c.value == 14)
    assert (c.claimant, c.attributed, c.reason.endswith("background")) == (OUTLET, False, True)
    got = analysed(full, "The floods were the worst since 2010, when a cyclone killed 300 "
                         "people, the minister said.")
    assert next(c for c in got if c.value == 300).claimant == OUTLET


def test_one_counted_beside_other_counts(full) -> None:
    got = analysed(full, "Officials said 12 soldiers and one journalist were among the dead.")
    assert [(c.value, c.object) for c in got] == [(12, "soldiers"), (1, "journalist")]
    assert analysed(full, "One big question remains.") == []


def test_a_possessed_head_count_is_a_population_not_an_identifier(full) -> None:
    c = one(analysed(full, "The dam is a lifeline for the country's 90 million people."))
    assert (c.value, c.object, c.predicate) == (90_000_000, "population of the country",
                                                "population")


def test_a_restated_figure_keeps_the_thing_counted(full) -> None:
    got = analysed(full, "The army said it destroyed four Indian drones, a figure local "
                         "media later put at seven.")
    c = next(c for c in got if c.value == 7)
    assert (c.object, c.predicate, c.claimant) == ("Indian drones", "destroy", "local media")


@pytest.mark.parametrize("text", ["Pakistan denied losing any helicopters.",
                                  "Pakistan said it did not lose any helicopters."])
def test_a_denied_loss_belongs_to_the_denier(full, text: str) -> None:
    c = one(analysed(full, text))
    assert (c.value, c.object, c.hedge) == (0, "Pakistani helicopters", "denied")


def test_the_two_countries_are_no_count(full) -> None:
    assert analysed(full, "Trade between the two countries has halted.") == []


def test_coordinated_tolls_and_a_running_total(full) -> None:
    got = analysed(full, "He put the number of martyred at nine and the injured at 41. "
                         "Officials said 30 civilians and 12 soldiers died, taking the total "
                         "to 42.")
    assert [(c.value, c.predicate) for c in got] == [
        (9, "kill"), (41, "injure"), (30, "kill"), (12, "kill"), (42, "kill")]


def test_pronoun_claimant_takes_the_resolved_speaker_or_the_outlet(nlp) -> None:
    said = Quote("senior engineer", None, "added", "that 12 workers were hurt", "indirect",
                 0, 0, 0)
    text = "A senior engineer spoke. He added that 12 workers were hurt."
    said.start, said.end = text.index("that"), len(text) - 1
    said.cue_start = text.index("added")
    c = one(claims(nlp, text, [said]))
    assert (c.claimant, c.attributed) == ("senior engineer", True)
    said.speaker = None  # nobody the pronoun could be: the outlet's voice, not "He"
    c = one(claims(nlp, text, [said]))
    assert (c.claimant, c.attributed) == (OUTLET, False)
    assert "unresolved-pronoun" in c.reason

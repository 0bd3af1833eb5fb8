"""Claim alignment: figures and statements grouped by the question they answer."""

from __future__ import annotations

import math

from compare_helpers import (
    add_actor,
    add_claim,
    article,
    ceasefire_articles,
    one_incident,
    strikes_2025_articles,
)

from rashomon.compare.alignment import align_incident, claimant_side
from rashomon.compare.topics import fallback_key, head_noun, lemma_of


def _topics(articles):
    inc = one_incident(articles)
    return {t.key: t for t in align_incident(inc, {a.id: a for a in articles})}


def test_aircraft_owner_from_demonym_subject_and_denial() -> None:
    pk = article("jets-pk", "PK", "2025-05-07", "Air force downs Indian jets", [
        "Pakistan shot down five Indian jets during the night, the military said.",
        "The spokesman said two more jets were brought down near the border."])
    add_claim(pk, "five", 5, obj="Indian jets", predicate="shot down", claimant="ISPR")
    add_claim(pk, "two", 2, obj="jets", predicate="brought down", claimant="ISPR")
    add_actor(pk, "ispr", "ISPR", "MIL", "PK", ["the military"])
    inn = article("jets-in", "IN", "2025-05-08", "India rejects claims of lost aircraft", [
        "India denied losing any fighter jets in the operation, officials said."])
    add_claim(inn, "any", 0, obj="fighter jets", predicate="losing", claimant="Indian officials",
              hedge="denied")
    topics = _topics([pk, inn])
    jets = topics["aircraft_downed:IN"]
    assert jets.label == "Indian aircraft downed"
    by_value = {s.value: s for s in jets.statements}
    assert set(by_value) == {5, 2, 0.0}
    assert by_value[0.0].side == "IN" and by_value[0.0].interval() == (0.0, 0.0)
    assert "qualifier:object_demonym" in by_value[5].reason
    assert "qualifier:opponent_of_claimant" in by_value[2].reason


def test_ranges_at_least_and_units_are_normalised() -> None:
    a = article("toll-a", "INTL", "2025-04-22", "Toll from attack rises", [
        "At least 24 people were killed, police said.",
        "The fighting lasted 87 hours before the guns fell silent."])
    add_claim(a, "24", 24, low=24, obj="people", predicate="were killed", claimant="police",
              hedge="estimated")
    add_claim(a, "87", 87, obj="the fighting", predicate="lasted", unit="hours")
    b = article("toll-b", "PK", "2025-04-22", "Four days of fighting", [
        "Officials said between 20 and 25 people were killed.",
        "The fighting lasted four days, officials said."])
    add_claim(b, "between 20 and 25", None, low=20, high=25, obj="people", predicate="were killed",
              claimant="officials")
    add_claim(b, "four", 4, obj="the fighting", predicate="lasted", unit="days")
    topics = _topics([a, b])
    deaths = next(t for k, t in topics.items() if k.startswith("deaths"))
    intervals = sorted(s.interval() for s in deaths.statements)
    assert intervals == [(20.0, 25.0), (24.0, math.inf)]
    durations = topics["other:last:fighting:hours"]
    assert sorted(s.value for s in durations.statements) == [87, 96]


def test_victims_place_from_location_and_attacker() -> None:
    a = article("shelling", "IN", "2025-05-08", "Shelling kills villagers in Poonch", [
        "At least 12 people were killed in Poonch by Pakistani shelling, officials said.",
        "In Pakistan, the military said 26 civilians were killed by Indian strikes."])
    add_claim(a, "12", 12, low=12, obj="people", predicate="were killed", claimant="officials")
    add_claim(a, "26", 26, obj="civilians", predicate="were killed", claimant="the military")
    topics = _topics([a])
    assert [s.value for s in topics["deaths:IN"].statements] == [12]
    assert [s.value for s in topics["deaths:PK"].statements] == [26]
    assert topics["deaths:PK"].label == "People killed in Pakistan"


def test_who_brokered_the_ceasefire_positions() -> None:
    arts = ceasefire_articles()
    topics = _topics(arts)
    broker = topics["ceasefire_broker"]
    answers = {(s.side, s.answer) for s in broker.statements}
    assert ("US", "assert:US") in answers  # Trump's account
    assert ("PK", "assert:US") in answers  # Dar thanks the US for brokering
    assert ("IN", "deny:") in answers  # worked out directly between the two armies
    trump = next(s for s in broker.statements if s.side == "US")
    assert trump.claimant == "Donald Trump" and trump.value == "US mediation"
    assert "speaker:quote" in trump.reason


def test_clock_times_in_three_zones_become_one_value() -> None:
    topics = _topics(ceasefire_articles())
    clock = topics["ceasefire_time"]
    assert {s.value for s in clock.statements} == {690.0}
    assert {s.outlet_country for s in clock.statements} == {"IN", "PK", "INTL"}
    bare = next(s for s in clock.statements if s.outlet_country == "IN")
    assert "(outlet default)" in bare.reason


def test_claimant_side_rules() -> None:
    a = strikes_2025_articles()[0]
    add_actor(a, "mil", "Pakistan's military", "MIL", "PK", ["Pakistan's military"])
    assert claimant_side(a, "Pakistan's military", "mil", False) == ("PK", "side:claimant_country")
    assert claimant_side(a, "Globe Wire", None, True) == ("INTL", "side:outlet_voice")
    assert claimant_side(a, "a spokesman", None, False) == ("INTL", "side:assumed_outlet_country")


def test_only_linked_claims_are_aligned() -> None:
    s1 = strikes_2025_articles()[0]
    add_claim(s1, "2019", 2019, obj="jets", predicate="struck")  # a year read as a figure
    topics = _topics([s1])
    values = [s.value for t in topics.values() for s in t.statements]
    assert 2019 not in values  # the 2019 sentence is background, linked to no 2025 incident
    assert 9 in values and 6 in values


def test_fallback_key_from_lemma_and_head_noun() -> None:
    assert fallback_key("all-party delegations sent abroad", "will send") == (
        "other:send:delegation", "delegation (send)")
    assert lemma_of("were stopped") == "stop" and lemma_of("shot down") == "shoot"
    assert head_noun("trucks of aid from the border") == "truck"
    assert fallback_key(None, "killed") is None


def test_itemised_and_included_figures_are_not_positions() -> None:
    a = article("items", "PK", "2025-05-07", "Air force claims jets", [
        ("The spokesman said the air force had shot down five Indian aircraft - three Rafale jets, "
        "one Su-30 and one MiG-29."),
        "Officials said 26 people were killed. The dead included two foreign nationals."])
    add_claim(a, "five", 5, obj="Indian aircraft", predicate="shot down", claimant="the spokesman")
    add_claim(a, "three", 3, obj="Rafale jets", predicate="shot down", claimant="the spokesman")
    add_claim(a, "one Su-30", 1, obj="Su-30", predicate="shot down", claimant="the spokesman")
    add_claim(a, "26", 26, obj="people", predicate="were killed", claimant="Officials")
    add_claim(a, "two", 2, obj="foreign nationals", predicate="included", claimant="Officials")
    topics = _topics([a])
    assert [s.value for s in topics["aircraft_downed:IN"].statements] == [5]
    deaths = [s.value for k, t in topics.items() if k.startswith("deaths") for s in t.statements]
    assert deaths == [26]


def _values(topics: dict, prefix: str) -> list:
    return sorted((s.value for k, t in topics.items() if k.startswith(prefix) for s in t.statements),
                  key=str)


def test_ages_measures_and_terms_of_a_sum_are_not_answers() -> None:
    a = article("border-post", "INTL", "2025-09-02", "Guards killed at border post", [
        ("Nine people were killed at the post, the deadliest raid in more than thirty years, "
         "officials said."),
        "Reza Karimi, 51, a farmer, said the firing lasted an hour.",
        "Seven Iranian nationals and two Afghan nationals died in the raid, the governor said."])
    add_claim(a, "Nine", 9, obj="people", predicate="were killed", claimant="officials")
    add_claim(a, "thirty", 30, low=30, obj=None, predicate="raid", claimant="officials")
    add_claim(a, "51", 51, obj=None, predicate="said", claimant="Reza Karimi")
    add_claim(a, "Seven", 7, obj="Iranian nationals", predicate="died", claimant="the governor")
    add_claim(a, "two", 2, obj="Afghan nationals", predicate="died", claimant="the governor")
    topics = {t.key: t for t in align_incident(one_incident([a], ("AF", "IR")), {a.id: a})}
    assert [v for t in topics.values() for v in (s.value for s in t.statements)] == [9]


def test_a_figure_beside_a_denial_of_something_else_is_asserted() -> None:
    a = article("drones-af", "INTL", "2025-09-03", "Kabul denies drone launch", [
        ("Afghanistan denied sending any drones across the border and said its air defences "
         "had intercepted 12 Iranian drones over Herat.")])
    add_claim(a, "any", 0, obj="drones", predicate="sending", claimant="Afghanistan",
              hedge="denied")
    add_claim(a, "12", 12, obj="Iranian drones", predicate="intercepted", claimant="Afghanistan",
              hedge="denied")  # the analysis carried the denial over to the whole sentence
    topics = {t.key: t for t in align_incident(one_incident([a], ("AF", "IR")), {a.id: a})}
    drones = [s for k, t in topics.items() if k.startswith("drones_downed") for s in t.statements]
    assert [(s.value, s.hedge) for s in drones] == [(12, "claimed")]


def test_statement_dates_the_figure_not_the_happening() -> None:
    a = article("toll-later", "IN", "2025-04-24", "Toll revised", [
        ("The administration on Thursday put the toll of Tuesday's attack at 26, revising the "
         "figure officials had given on Wednesday."),
        "The paper had reported on Wednesday that 28 people had been killed.",
        "On Tuesday night the toll had stood at 24."])
    add_claim(a, "26", 26, obj="toll", predicate="put", claimant="The administration")
    a.claims[-1].date = "2025-04-22"  # the nearest date in the sentence is the attack's
    add_claim(a, "28", 28, obj="people", predicate="killed", claimant="The paper")
    a.claims[-1].date = "2025-04-23"
    add_claim(a, "24", 24, obj="toll", predicate="stood", claimant=None)
    a.claims[-1].date = "2025-04-22"
    topics = _topics([a])
    dates = {s.value: s.date for k, t in topics.items() if k.startswith("deaths")
             for s in t.statements}
    assert dates == {26: "2025-04-24", 28: "2025-04-23", 24: "2025-04-22"}


def test_a_figure_recalled_from_outside_the_incident_window_is_left_out() -> None:
    from compare_helpers import add_time

    a = article("recap", "INTL", "2025-09-10", "Strikes follow raid", [
        ("Iran struck targets in Afghanistan on Wednesday in response to the killing of nine "
         "soldiers last month, officials said.")])
    add_claim(a, "nine", 9, obj="soldiers", predicate="killing", claimant="officials")
    add_time(a, "on Wednesday", "2025-09-10")
    add_time(a, "last month", "2025-08")
    topics = {t.key: t for t in align_incident(one_incident([a], ("AF", "IR")), {a.id: a})}
    assert _values(topics, "deaths") + _values(topics, "soldiers") == []


def test_claimant_from_a_figure_verb_an_earlier_title_or_the_speaker() -> None:
    a = article("sides-intl", "INTL", "2025-09-04", "Rival counts", [
        ("No figure was released in Kabul for the raid, for which Iranian officials have given a "
         "toll of nine soldiers killed."),
        ("Iran's commander of border forces, General Hassan Nouri, spoke in Zahedan. General Nouri "
         "said four Afghan drones were shot down."),
        "Afghanistan says the Iranian strikes killed 14 civilians."])
    add_claim(a, "nine", 9, obj="soldiers", predicate="killed", claimant=None)
    add_claim(a, "four", 4, obj="Afghan drones", predicate="shot down", claimant="General Nouri")
    add_claim(a, "14", 14, obj="civilians", predicate="killed", claimant="the Iranian strikes")
    topics = {t.key: t for t in align_incident(one_incident([a], ("AF", "IR")), {a.id: a})}
    sides = {s.value: (s.side, s.reason.split(";")[-1]) for t in topics.values()
             for s in t.statements}
    assert sides[9] == ("IR", "side:figure_giver")
    assert sides[4] == ("IR", "side:introduced")
    assert sides[14][0] == "AF"


def test_first_call_between_commanders_answers_who_requested_the_truce() -> None:
    a = article("truce-call", "INTL", "2025-09-12", "Truce holds on the border", [
        ("The foreign minister said Iran's border commander had called his Afghan counterpart "
         "on Friday morning, and that the two had agreed that both sides would stop all firing "
         "from noon."),
        ("Tehran thanked Qatar for its help. Afghanistan rejects that account. Its officials say "
         "the truce was agreed directly between the two armies.")])
    topics = {t.key: t for t in align_incident(one_incident([a], ("AF", "IR")), {a.id: a})}
    (request,) = topics["ceasefire_initiator"].statements
    assert request.value == "requested by Iran"
    broker = {s.side: s.value for s in topics["ceasefire_broker"].statements}
    assert broker["AF"] == "agreed directly between the two sides, no mediation"
    (af,) = [s for s in topics["ceasefire_broker"].statements if s.side == "AF"]
    assert "speaker:pronoun_antecedent" in af.reason
    assert af.claimant == "Afghanistan's officials"  # never "Afghanistan (Its officials)"

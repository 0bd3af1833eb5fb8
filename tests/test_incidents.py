"""Incidents: clustering across outlets and days, sentence links, look-alikes, copies, increments."""

from __future__ import annotations

import dataclasses

from compare_helpers import (
    add_claim,
    article,
    attack_articles,
    balakot_2019_article,
    ceasefire_articles,
    strikes_2025_articles,
)

from rashomon.compare.incidents import Incident, assign_incidents, cluster_incidents


def _corpus() -> list:
    return attack_articles() + ceasefire_articles() + strikes_2025_articles() + [
        balakot_2019_article()]


def _by_source(incidents: list[Incident], articles: list) -> dict[str, set[str]]:
    names = {a.id: a.source.removesuffix(".html") for a in articles}
    return {inc.label: {names[a] for a in inc.article_ids} for inc in incidents}


def test_articles_group_into_incidents_with_headline_labels() -> None:
    arts = _corpus()
    groups = _by_source(cluster_incidents(arts), arts)
    assert groups == {
        "Indian strikes on Pakistan, 26 February 2019": {"balakot-2019"},
        "Attack on tourists in Pahalgam, 22 April 2025": {"attack-intl", "attack-in", "attack-pk"},
        "Indian strikes on Pakistan, 7 May 2025": {"strikes-intl", "strikes-pk"},
        "Ceasefire between India and Pakistan, 10 May 2025": {"ceasefire-intl", "ceasefire-in",
                                                             "ceasefire-pk"},
    }


def test_lookalike_incident_from_another_year_stays_apart() -> None:
    arts = strikes_2025_articles() + [balakot_2019_article()]
    incidents = cluster_incidents(arts)
    assert len(incidents) == 2
    old, new = incidents
    assert old.start == "2019-02-26" and new.start == "2025-05-07"
    recall = arts[0]  # the 2025 story whose last sentence recalls the 2019 strike
    sentence = next(s for s in recall.text.split("\n") if s.startswith("In 2019"))
    start = recall.text.index(sentence)
    linked_old = {(ln.article_id, ln.start) for ln in old.links}
    linked_new = {(ln.article_id, ln.start) for ln in new.links}
    assert (recall.id, start) in linked_old and (recall.id, start) not in linked_new
    assert recall.id in new.article_ids and recall.id not in old.article_ids


def test_recalled_year_without_its_incident_is_background() -> None:
    arts = strikes_2025_articles()
    (incident,) = cluster_incidents(arts)
    recall = arts[0]
    start = recall.text.index("In 2019")
    assert all(not (ln.article_id == recall.id and ln.start == start) for ln in incident.links)


def test_recap_sentence_links_to_the_earlier_incident() -> None:
    arts = attack_articles() + ceasefire_articles()
    incidents = cluster_incidents(arts)
    attack = next(i for i in incidents if i.kind == "attack")
    ceasefire = next(i for i in incidents if i.kind == "ceasefire")
    recap = ceasefire_articles()[0]
    recap_id = next(a.id for a in arts if a.source == recap.source)
    claim_links = [ln for ln in attack.links if ln.article_id == recap_id and ln.kind == "claims"]
    assert len(claim_links) == 1 and claim_links[0].reason.startswith(("date:", "terms:"))
    assert recap_id in ceasefire.article_ids
    assert not [ln for ln in ceasefire.links if ln.article_id == recap_id and ln.kind == "claims"]


def test_syndicated_copies_join_their_original_and_count_once() -> None:
    arts = attack_articles()
    original = arts[0]
    marked = dataclasses.replace(original, id="copy-marked", source="copy-marked.html",
                                 url="https://www.margallatimes.example/news/copy",
                                 title="Tourists killed in Kashmir attack",
                                 outlet=arts[2].outlet, copy_of=original.id,
                                 claims=list(original.claims))
    unmarked = dataclasses.replace(original, id="copy-unmarked", source="copy-unmarked.html",
                                   url="https://www.deccandaybook.example/news/copy",
                                   title="Tourists shot dead in Kashmir", copy_of=None,
                                   text=original.text.replace("Tuesday", "Tuesday afternoon"),
                                   claims=list(original.claims))
    incidents = cluster_incidents([*arts, marked, unmarked])
    assert len(incidents) == 1
    (inc,) = incidents
    assert inc.copies == {"copy-marked": original.id, "copy-unmarked": original.id}
    assert {"copy-marked", "copy-unmarked"} <= set(inc.article_ids)
    from rashomon.compare.contradictions import incidents_json

    out = incidents_json(incidents, [*arts, marked, unmarked])
    urls = [u for c in out["incidents"][0]["contradictions"] for p in c["positions"]
            for u in p["articles"]]
    assert marked.url not in urls and unmarked.url not in urls


def test_incremental_assignment_keeps_ids_and_adds_new_incidents() -> None:
    first = attack_articles() + strikes_2025_articles()
    existing = cluster_incidents(first)
    ids = {inc.label: inc.id for inc in existing}
    stored = [Incident.from_dict(inc.to_dict()) for inc in existing]  # as a store keeps them
    late = article("attack-late", "INTL2", "2025-04-24", "Manhunt for Pahalgam gunmen widens", [
        ("Police widened the hunt for the gunmen who killed 26 tourists near Pahalgam, releasing "
        "sketches of three suspects."),
        "The attack on tourists at the meadow was the deadliest in the region in years."])
    add_claim(late, "26", 26, obj="tourists", predicate="killed")
    flood = article("flood", "PK2", "2025-08-20", "Monsoon floods sweep villages in Swat", [
        "Flash floods swept away homes and bridges in the Swat valley after days of monsoon rain.",
        "Rescue teams evacuated thousands of residents from low-lying areas."])
    updated = assign_incidents([late, flood], stored)
    labels = {inc.label: inc for inc in updated}
    attack = labels["Attack on tourists in Pahalgam, 22 April 2025"]
    assert attack.id == ids["Attack on tourists in Pahalgam, 22 April 2025"]
    assert late.id in attack.article_ids
    assert any(ln.article_id == late.id and ln.kind == "claims" for ln in attack.links)
    assert len(updated) == len(existing) + 1
    new = next(inc for inc in updated if flood.id in inc.article_ids)
    assert new.article_ids == [flood.id] and new.id not in ids.values()


def test_incremental_lookalike_from_another_year_starts_its_own_incident() -> None:
    existing = cluster_incidents(strikes_2025_articles())
    updated = assign_incidents([balakot_2019_article()], existing)
    assert len(updated) == 2
    assert {inc.start for inc in updated} == {"2019-02-26", "2025-05-07"}


def test_incident_ids_are_stable_across_runs() -> None:
    one = [inc.id for inc in cluster_incidents(_corpus())]
    two = [inc.id for inc in cluster_incidents(list(reversed(_corpus())))]
    assert one == two and len(set(one)) == 4


def test_questions_recalled_later_link_to_the_incident_they_belong_to() -> None:
    arts = attack_articles() + strikes_2025_articles()
    late = article("ceasefire-recap", "INTL2", "2025-05-11", "Ceasefire holds after four days", [
        "The ceasefire between India and Pakistan held through Sunday, officials said.",
        "Pakistan said its air force had shot down five Indian jets during the fighting.",
        ("Islamabad again denied any role in the killing of the tourists and called for a neutral "
        "investigation.")])
    add_claim(late, "five", 5, obj="Indian jets", predicate="shot down", claimant="Pakistan")
    incidents = cluster_incidents([*arts, late])
    by_kind = {inc.kind: inc for inc in incidents}
    assert late.id in by_kind["ceasefire"].article_ids
    jets = [ln for ln in by_kind["strikes"].links if ln.article_id == late.id and ln.kind == "claims"]
    assert len(jets) == 1 and jets[0].reason == "topic:aircraft_downed"
    denial = late.text.index("Islamabad again")
    linked = [ln for ln in by_kind["attack"].links if ln.article_id == late.id and
              ln.start == denial]
    assert linked and linked[0].reason == "topic:attack_responsibility"


def _episode_articles() -> list:
    """Strikes under a named operation, and a story weeks later about the same operation."""
    s1 = article("sentinel-intl", "INTL", "2025-09-01", "Iran launches Operation Sentinel strikes "
                 "on militant camps in Afghanistan", [
                     ("Iran launched missile strikes on militant camps in Afghanistan early on "
                      "Monday under Operation Sentinel, officials in Tehran said."),
                     "Afghanistan said the strikes hit homes and vowed to respond."])
    s2 = article("sentinel-intl2", "INTL2", "2025-09-02", "Operation Sentinel: Iranian missiles "
                  "strike camps, Kabul says civilians hit", [
                      ("Iranian missiles struck camps in Afghanistan on Monday in what Tehran called "
                       "Operation Sentinel."),
                      "Kabul said the strikes killed civilians and that its air defences fired back."])
    late = article("sentinel-late", "INTL", "2025-09-24", "Iran admits losing drones during "
                   "Operation Sentinel", [
                       ("Iran's army chief on Tuesday acknowledged that drones were lost during "
                        "Operation Sentinel, the first such admission since the strikes on Afghanistan."),
                       "He did not say how many and rejected Kabul's figures as propaganda."])
    for a in (s1, s2, late):
        for e in (("launched missile strikes", "IR", "AF"), ("struck camps", "IR", "AF")):
            if e[0] in a.text:
                from compare_helpers import add_event

                add_event(a, e[0], "ASSAULT", e[1], e[2], a.published)
    return [s1, s2, late]


def test_a_later_story_about_the_same_named_episode_joins_it() -> None:
    arts = _episode_articles()
    groups = sorted(sorted(g) for g in _by_source(cluster_incidents(arts), arts).values())
    assert groups == [["sentinel-intl", "sentinel-intl2", "sentinel-late"]]
    step = assign_incidents(arts[2:], assign_incidents(arts[:2], []))
    assert sorted(sorted(g) for g in _by_source(step, arts).values()) == groups
    unnamed = dataclasses.replace(arts[2], title="Iran admits losing drones in the strikes",
                                  text=arts[2].text.replace("during Operation Sentinel", ""))
    groups = _by_source(cluster_incidents([*arts[:2], unnamed]), arts)
    assert len(groups) == 2, "three weeks later, without the episode's name: its own incident"

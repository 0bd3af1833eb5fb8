"""Dossiers in Markdown, HTML and JSON: content, side columns, folded copies, and escaping."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest
from compare_helpers import add_frame, add_quote, attack_articles, ceasefire_articles

from rashomon.compare.dossier import build_dossier
from rashomon.compare.incidents import cluster_incidents
from rashomon.errors import UsageError
from rashomon.report import render_dossier, write_dossiers

PAYLOAD = "<script>alert('x')</script>"


@pytest.fixture()
def attack() -> tuple:
    arts = attack_articles()
    intl, inn, pk = arts
    intl.title = f"Gunmen kill tourists {PAYLOAD}"
    add_quote(intl, "shot at visitors who had come for pony rides", f"Witness {PAYLOAD}")
    add_frame(inn, "Terrorists", "IN", neutral="gunmen")
    add_frame(pk, "the attack", "NEUTRAL")
    pk.url = "javascript:alert(1)"
    copy = dataclasses.replace(intl, id="copy-1", source="copy-1.html", title="Copied story",
                               url="https://www.harbourreview.example/news/copy",
                               copy_of=intl.id, quotes=list(intl.quotes))
    arts.append(copy)
    (incident,) = cluster_incidents(arts)
    return incident, arts


def test_dossier_content(attack: tuple) -> None:
    incident, arts = attack
    d = build_dossier(incident, arts)
    assert d.columns == ["IN", "PK", "INTL"]
    assert d.counts["copies"] == 1 and d.counts["revisions"] == 1
    assert d.timeline and d.timeline[0].date == "2025-04-22" and d.timeline[0].type == "ASSAULT"
    assert len(d.timeline[0].sources) == 2  # the same event reported by two outlets, folded
    deaths = next(r for r in d.figures if r["topic"] == "People killed in India")
    assert [c.text for c in deaths["cells"]["IN"]] == ["at least 24", "28"]
    assert [c.text for c in deaths["cells"]["PK"]] == ["26"]
    assert deaths["cells"]["INTL"] == []
    assert [c.text for c in d.frames["IN"]] == ["Terrorists"]
    assert len(d.quotes["INTL"]) == 1  # the copy's quote is not counted again
    (src,) = [s for s in d.sources if s.copies]
    assert src.id == arts[0].id and [c.id for c in src.copies] == ["copy-1"]


def test_html_is_self_contained_and_escaped(attack: tuple) -> None:
    incident, arts = attack
    html = render_dossier(build_dossier(incident, arts), "html")
    assert html.startswith("<!DOCTYPE html>") and "@media print" in html
    assert "<script" not in html.lower()
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert not re.search(r"<(link|img|iframe)\b|src=|@import|url\(", html)
    assert 'href="javascript:' not in html
    assert 'href="https://www.globewire.example/news/attack-intl"' in html
    assert html.count("<html") == 1


def test_markdown_escapes_markup(attack: tuple) -> None:
    incident, arts = attack
    md = render_dossier(build_dossier(incident, arts), "md")
    assert md.startswith("# Attack on tourists in Pahalgam, 22 April 2025")
    assert "<script>" not in md and "&lt;script&gt;" in md
    assert "(<javascript:" not in md and "](javascript" not in md
    assert "[Globe Wire](<https://www.globewire.example/news/attack-intl>)" in md
    assert "## Where the accounts disagree" in md and "Who is behind the attack" in md


def test_json_round_trips(attack: tuple) -> None:
    incident, arts = attack
    data = json.loads(render_dossier(build_dossier(incident, arts), "json"))
    assert data["incident"]["label"] == incident.label
    assert any(PAYLOAD in q["who"] for q in data["quotes"]["INTL"])  # JSON keeps data as is
    assert {c["kind"] for c in data["contradictions"]} == {"contradiction", "revision"}


def test_unknown_format_is_a_usage_error(attack: tuple) -> None:
    incident, arts = attack
    with pytest.raises(UsageError):
        render_dossier(build_dossier(incident, arts), "pdf")


def test_write_dossiers_writes_one_file_per_incident_and_an_index(tmp_path: Path) -> None:
    arts = attack_articles() + ceasefire_articles()
    incidents = cluster_incidents(arts)
    paths = write_dossiers(incidents, arts, tmp_path / "out", "html")
    assert [p.name for p in paths][-1] == "index.html" and len(paths) == len(incidents) + 1
    assert paths[0].name.startswith("2025-04-22-attack-on-tourists-in-pahalgam")
    index = paths[-1].read_text(encoding="utf-8")
    assert all(f'href="{p.name}"' in index for p in paths[:-1])
    md = write_dossiers(incidents, arts, tmp_path / "md", "md", index=False)
    assert len(md) == len(incidents) and md[1].read_text(encoding="utf-8").startswith("# Ceasefire")


def test_every_item_names_its_article_and_sentence(attack: tuple) -> None:
    from rashomon.compare.text import split_sentences

    incident, arts = attack
    by_id = {a.id: a for a in arts}
    data = build_dossier(incident, arts).to_dict()
    items = [c for k in ("claims", "quotes", "frames") for col in data[k].values() for c in col]
    items += [c for row in data["figures"] for col in row["cells"].values() for c in col]
    items += [s for e in data["timeline"] for s in e["sources"]]
    items += [e for f in data["contradictions"] for p in f["positions"] for e in p["evidence_items"]]
    assert len(items) > 10
    for item in items:
        article = by_id[item["article_id"]]
        assert article.copy_of is None, "copies are folded, never cited"
        sentence = article.text[item["start"]:item["end"]]
        assert sentence in {s.text for s in split_sentences(article.text)}
        if item.get("sentence") and item.get("kind") != "claim":
            assert item["sentence"].strip() == sentence
    deaths = next(r for r in data["figures"] if r["topic"] == "People killed in India")
    pk = deaths["cells"]["PK"][0]
    assert "26 people were killed" in by_id[pk["article_id"]].text[pk["start"]:pk["end"]]
    assert (pk["low"], pk["high"]) == (26, 26)
    open_cell = deaths["cells"]["IN"][0]
    assert open_cell["text"] == "at least 24" and (open_cell["low"], open_cell["high"]) == (24, None)
    assert data["coverage"] == {"IN": ["Ganga Herald"], "PK": ["Margalla Times"],
                                "INTL": ["Globe Wire"]}


def test_columns_of_an_incident_with_one_known_party_follow_its_outlets() -> None:
    from compare_helpers import article, one_incident

    a = article("lone", "PK2", "2025-05-09", "Officials report drones", [
        "Officials said drones were shot down over the city overnight."])
    inc = one_incident([a], parties=())
    d = build_dossier(inc, [a])
    assert d.columns == ["PK", "INTL"]
    assert d.column_labels["PK"].startswith("Pakistani")


def test_readers_see_the_figure_marked_revisions_in_order_and_values_folded(attack: tuple) -> None:
    incident, arts = attack
    d = build_dossier(incident, arts)
    md = render_dossier(d, "md")
    assert "killing at least **24** people" in md  # the figure in bold inside its sentence
    assert "**at least 24** (22 April 2025" in md and "→ **28** (23 April 2025" in md
    html = render_dossier(d, "html")
    assert "killing at least <strong>24</strong> people" in html
    assert '<ol class="steps">' in html
    assert "@media screen and (max-width" in html, "print keeps the tables' layout"
    deaths = next(r for r in d.figures if r["topic"] == "People killed in India")
    twice = deaths["cells"]["IN"][:1] * 2  # the same value from the same outlet, twice
    from rashomon.report.render import fold_cells, readable_timeline, who

    (folded,) = fold_cells(twice)
    assert folded["text"] == "at least 24" and len(folded["sources"]) == 1
    assert who("an official in Srinagar, who asked not to be named") == "an official in Srinagar"
    shown = readable_timeline(d.timeline, "2025-04-22", "2025-04-23")
    assert shown and all(e.date and len(e.date) == 10 and not e.hypothetical for e in shown)
    assert not readable_timeline(d.timeline, "2025-06-01", "2025-06-02"), "outside the window"

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

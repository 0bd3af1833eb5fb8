"""The rashomon command end to end: ingest, list, show, analyze, exit codes."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from rashomon.cli import main

PAGE = """<!doctype html><html><head><title>{title} | Harbour Herald</title>
<meta property="og:site_name" content="Harbour Herald">
<meta property="og:url" content="https://harbourherald.example/{slug}">
<meta property="article:published_time" content="2025-05-08T09:00:00+05:00">
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>{title}</h1><p class="byline">By Staff Reporter | May 8, 2025</p>
<p>KARACHI: {lead}</p>
<p>Port officials said on Wednesday that the river convoy had been delayed for three days
by flooding upstream, and that the crews were safe and waiting near the old bridge.</p>
<p>Read more: Local cricket side wins the regional final in a thriller</p>
<p>"We expect the boats to move again by the weekend," the harbour master, Sadia Rahim,
told reporters at the quay. She added that at least 12 barges were waiting in line.</p>
<p>Traders in the city market said prices of rice and flour had risen sharply since the
delay began, and several shops had run short of cooking oil by Tuesday evening.</p>
<p>Comments are closed for this story.</p></article>
<footer>Copyright 2025 Harbour Herald. All rights reserved.</footer></body></html>"""


def write_page(path, slug, title, lead):
    path.write_text(PAGE.format(slug=slug, title=title, lead=lead), encoding="utf-8")


@pytest.fixture()
def corpus(tmp_path):
    d = tmp_path / "pages"
    d.mkdir()
    write_page(d / "a.html", "river-convoy", "River convoy held up by floods",
               "A convoy of grain barges bound for the coast was stuck on the river this week.")
    write_page(d / "b.html", "market-prices", "Market prices climb as barges wait",
               "Shoppers in the old city paid more for staples as supply boats sat idle.")
    (d / "junk.html").write_bytes(bytes(range(256)) * 40)
    (d / "empty.html").write_text("", encoding="utf-8")
    return d


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_version_names_the_spacy_model():
    res = run("--version")
    assert res.exit_code == 0
    assert "en_core_web_sm" in res.output and "spaCy" in res.output


def test_usage_errors_exit_2(tmp_path):
    assert run("ingest").exit_code == 2
    assert run("ingest", str(tmp_path), "--published", "08/05/2025").exit_code == 2
    assert run("articles", "--db", str(tmp_path / "missing.db")).exit_code == 2


def test_ingest_list_show_and_reingest(corpus, tmp_path):
    db = str(tmp_path / "t.db")
    res = run("ingest", str(corpus), "--db", db, "--no-analyze")
    assert res.exit_code == 0, res.output
    assert "stored" in res.output and "failed" in res.output
    listed = json.loads(run("articles", "--db", db, "--format", "json").output)
    assert sorted(a["title"] for a in listed) == ["Market prices climb as barges wait",
                                                   "River convoy held up by floods"]
    art = json.loads(run("show", listed[0]["id"], "--db", db, "--format", "json").output)
    assert "Read more" not in art["text"] and "Comments are closed" not in art["text"]
    assert art["dateline"]["places"] == ["Karachi"]
    again = run("ingest", str(corpus), "--db", db, "--no-analyze")
    assert again.exit_code == 0
    assert len(json.loads(run("articles", "--db", db, "--format", "json").output)) == 2


def test_all_inputs_failing_exits_1(tmp_path):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "x.html").write_bytes(b"\x00\x01\x02" * 100)
    res = run("ingest", str(bad), "--db", str(tmp_path / "t.db"), "--no-analyze")
    assert res.exit_code == 1


def test_show_unknown_id_is_a_clear_error(corpus, tmp_path):
    db = str(tmp_path / "t.db")
    run("ingest", str(corpus), "--db", db, "--no-analyze")
    res = CliRunner().invoke(main, ["show", "ffffffffffff", "--db", db])
    assert res.exit_code == 1
    assert "ffffffffffff" in res.output


def test_analyze_follows_the_contract(corpus):
    res = CliRunner().invoke(main, ["analyze", str(corpus / "a.html")])
    assert res.exit_code == 0, res.output
    rec = json.loads(res.stdout.splitlines()[0])
    for key in ("id", "source", "url", "title", "outlet", "published", "language", "dateline",
                "text", "actors", "quotes", "claims", "times", "events", "frames", "errors"):
        assert key in rec, key
    assert rec["published"] == "2025-05-08"
    assert rec["outlet"]["domain"] == "harbourherald.example"
    assert any(q["speaker"] and "Rahim" in q["speaker"] for q in rec["quotes"])
    assert any(c["value"] == 12 for c in rec["claims"])
    assert any(t["value"] == "2025-05-07" for t in rec["times"])  # "on Wednesday", a Thursday page


FRENCH = """<html><head><title>Le convoi fluvial bloqué par les crues</title>
<meta property="og:site_name" content="Gazette du Port"></head><body><article>
<h1>Le convoi fluvial bloqué par les crues</h1>
<p>Un convoi de barges chargées de céréales est resté bloqué sur le fleuve pendant trois jours
à cause des crues en amont, selon les autorités portuaires, qui ont assuré que les équipages
étaient en sécurité et attendaient près du vieux pont.</p>
<p>Les commerçants du marché central ont indiqué que les prix du riz et de la farine avaient
fortement augmenté depuis le début du retard, et que plusieurs boutiques manquaient d'huile.</p>
</article></body></html>"""


def test_non_english_is_stored_with_its_language_and_not_analysed(tmp_path):
    page = tmp_path / "fr.html"
    page.write_text(FRENCH, encoding="utf-8")
    db = str(tmp_path / "t.db")
    res = run("ingest", str(page), "--db", db)
    assert res.exit_code == 0, res.output
    assert "analysis skipped" in res.output
    listed = json.loads(run("articles", "--db", db, "--format", "json").output)
    assert [a["language"] for a in listed] == ["fr"]
    art = json.loads(run("show", listed[0]["id"], "--db", db, "--format", "json").output)
    assert art["analyzed"] is False and art["quotes"] == [] and art["claims"] == []
    assert any("language is 'fr'" in e for e in art["errors"])

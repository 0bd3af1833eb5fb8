"""rashomon incidents / dossier over a store built from the bundled sample corpus."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from rashomon.cli import main
from rashomon.store import open_store


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory, samples_dir):
    db = tmp_path_factory.mktemp("inc") / "s.db"
    res = CliRunner().invoke(main, ["ingest", str(samples_dir / "corpus"), "--outlets",
                                    str(samples_dir / "outlets.yaml"), "--db", str(db)])
    assert res.exit_code == 0, res.output
    return db


def incidents(db, *extra):
    res = CliRunner().invoke(main, ["incidents", "--db", str(db), "--format", "json", *extra])
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)["incidents"]


def test_incidents_follow_the_contract_and_keep_2019_apart(sample_db):
    found = incidents(sample_db)
    assert len(found) >= 4
    for inc in found:
        assert {"id", "label", "start", "end", "articles", "contradictions"} <= set(inc)
        for c in inc["contradictions"]:
            assert c["kind"] in ("contradiction", "revision")
            for p in c["positions"]:
                assert {"value", "low", "high", "claimant", "side", "date", "articles",
                        "evidence"} <= set(p)
    with open_store(sample_db) as store:
        year = {a.id: (a.published or "")[:4] for a in store.iter_articles(with_items=False)}
    for inc in found:  # no incident mixes 2019 and 2025 reporting
        assert len({year[a["id"]] for a in inc["articles"]} - {""}) == 1, inc["label"]
    balakot = [i for i in found if i["start"].startswith("2019")]
    assert balakot and all(len(i["articles"]) == 1 for i in balakot)


def test_incidents_are_stored_and_stable(sample_db):
    first = incidents(sample_db)
    with open_store(sample_db) as store:
        assert len(store.load_incidents()) == len(first)
        assert store.clustered_article_ids()
    again = incidents(sample_db)
    assert [i["id"] for i in again] == [i["id"] for i in first]


def test_new_article_joins_an_existing_incident(tmp_path, samples_dir):
    db = tmp_path / "inc.db"
    corpus = sorted((samples_dir / "corpus").glob("*pahalgam*.html"))
    first, rest = corpus[:-1], corpus[-1:]
    outlets = str(samples_dir / "outlets.yaml")
    CliRunner().invoke(main, ["ingest", *map(str, first), "--outlets", outlets, "--db", str(db)])
    before = incidents(db)
    CliRunner().invoke(main, ["ingest", *map(str, rest), "--outlets", outlets, "--db", str(db)])
    after = incidents(db)
    assert {i["id"] for i in before} <= {i["id"] for i in after}
    assert sum(len(i["articles"]) for i in after) == sum(len(i["articles"]) for i in before) + 1


def test_dossier_formats_and_errors(sample_db, tmp_path):
    inc = incidents(sample_db)[1]["id"]
    md = CliRunner().invoke(main, ["dossier", inc, "--db", str(sample_db)])
    assert md.exit_code == 0 and md.stdout.startswith("#")
    out = tmp_path / "d"
    res = CliRunner().invoke(main, ["dossier", "--all", "--db", str(sample_db), "--format",
                                    "html", "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert (out / "index.html").exists() and len(list(out.glob("*.html"))) >= 5
    missing = CliRunner().invoke(main, ["dossier", "inc-nope", "--db", str(sample_db)])
    assert missing.exit_code == 1 and "inc-nope" in missing.output
    assert CliRunner().invoke(main, ["dossier", "--db", str(sample_db)]).exit_code == 2

"""The web app shows the incidents `rashomon incidents` stored, when they cover the store."""

from __future__ import annotations

from click.testing import CliRunner
from fastapi.testclient import TestClient

from rashomon.cli import main
from rashomon.serve import create_app
from rashomon.store import open_store


def test_web_incidents_are_the_stored_ones(tmp_path, samples_dir):
    db = tmp_path / "s.db"
    pages = sorted((samples_dir / "corpus").glob("*pahalgam*.html"))
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", *map(str, pages), "--outlets",
                                str(samples_dir / "outlets.yaml"), "--db", str(db)]).exit_code == 0
    assert runner.invoke(main, ["incidents", "--db", str(db)]).exit_code == 0
    with open_store(db) as store:
        stored = store.load_incidents()
        stored[0]["label"] = "Label kept by the store"
        store.save_incidents(stored, store.clustered_article_ids())
    items = TestClient(create_app(str(db))).get("/api/v1/incidents").json()["items"]
    assert {i["id"] for i in items} == {d["id"] for d in stored}
    assert "Label kept by the store" in {i["label"] for i in items}

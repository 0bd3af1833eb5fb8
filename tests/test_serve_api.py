"""REST API: every endpoint, paging, CSV, the ingest token rule and bad parameters."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from conftest_serve import LEDGER_TEXT, SCRIPT, sample_db  # noqa: F401 - fixture
from fastapi.testclient import TestClient

from rashomon.serve import create_app
from rashomon.store import open_store

LIST_ENDPOINTS = ["incidents", "articles", "quotes", "claims", "actors", "outlets"]


@pytest.fixture(scope="module")
def client(sample_db: Path) -> TestClient:  # noqa: F811
    return TestClient(create_app(str(sample_db)))


def get(client: TestClient, url: str, status: int = 200) -> Any:
    r = client.get(url)
    assert r.status_code == status, (url, r.status_code, r.text[:500])
    return r.json()


@pytest.mark.parametrize("name", LIST_ENDPOINTS)
def test_list_endpoints_page_with_next_links(client: TestClient, name: str) -> None:
    first = get(client, f"/api/v1/{name}?limit=2")
    assert set(first) >= {"items", "next", "total"}
    assert len(first["items"]) == min(2, first["total"])
    if first["total"] > 2:
        assert "offset=2" in first["next"]
        second = client.get(first["next"]).json()
        assert second["items"] and second["items"] != first["items"]
    last = get(client, f"/api/v1/{name}?limit=2&offset={max(0, first['total'] - 2)}")
    assert last["next"] is None


def test_incidents_have_coverage_by_side_and_contradiction_counts(client: TestClient) -> None:
    incidents = get(client, "/api/v1/incidents?limit=1000")["items"]
    assert incidents, "the sample corpus must give incidents"
    articles = {a["id"]: a for a in get(client, "/api/v1/articles?limit=1000")["items"]}
    starts = [i["end"] or i["start"] or "" for i in incidents]
    assert starts == sorted(starts, reverse=True), "newest first"
    for inc in incidents:
        assert set(inc["coverage"]) == {"PK", "IN", "INTL"}
        assert inc["coverage"] == {k: len(v) for k, v in inc["outlets"].items()}
        dossier = get(client, f"/api/v1/incidents/{inc['id']}")
        originals = {a["outlet"] for a in dossier["sources"]}
        assert sum(inc["coverage"].values()) == len(originals)
        assert sum(len(v) for v in dossier["coverage"].values()) == len(originals)
        assert inc["contradictions"] == dossier["counts"]["contradictions"] == sum(
            f["kind"] == "contradiction" for f in dossier["contradictions"])
        assert dossier["summary"] == inc
        for src in dossier["sources"]:
            assert src["id"] in articles
            assert all(c["id"] in articles for c in src["copies"])


def test_syndicated_copy_counts_once(client: TestClient) -> None:
    copies = [a for a in get(client, "/api/v1/articles?limit=1000")["items"] if a["copy_of"]]
    assert copies, "the sample corpus holds a syndicated copy"
    copy = copies[0]
    folded = 0
    for inc in get(client, "/api/v1/incidents?limit=1000")["items"]:
        dossier = get(client, f"/api/v1/incidents/{inc['id']}")
        assert copy["id"] not in {s["id"] for s in dossier["sources"]}, "a copy is no source"
        holders = [s for s in dossier["sources"] if copy["id"] in {c["id"] for c in s["copies"]}]
        if not holders:
            continue
        folded += 1
        assert holders[0]["id"] == copy["copy_of"]
        others = [s for s in dossier["sources"] if s["outlet"] == copy["outlet"]["name"]]
        if not others:
            assert copy["outlet"]["name"] not in inc["outlets"][copy["outlet"]["side"]]
    assert folded == 1


def test_dossier_items_point_at_sentence_starts(client: TestClient) -> None:
    incidents = get(client, "/api/v1/incidents?limit=1000")["items"]
    sentences: dict[str, set[int]] = {}
    checked = 0
    for inc in incidents:
        d = get(client, f"/api/v1/incidents/{inc['id']}")
        assert d["columns"][-1] == "INTL" and set(d["claims"]) == set(d["columns"])
        if d["incident"]["parties"] == ["IN", "PK"]:
            assert d["columns"] == ["IN", "PK", "INTL"]
        rows = [r for k in ("claims", "quotes", "frames") for col in d[k].values() for r in col]
        rows += [c for row in d["figures"] for col in row["cells"].values() for c in col]
        rows += [e for f in d["contradictions"] for p in f["positions"]
                 for e in p["evidence_items"]]
        rows += [s for e in d["timeline"] for s in e["sources"]]
        for row in rows:
            aid = row["article_id"]
            if aid not in sentences:
                art = get(client, f"/api/v1/articles/{aid}")
                sentences[aid] = {(s, e) for s, e in art["sentences"]}
            assert (row["start"], row["end"]) in sentences[aid], (aid, row)
            checked += 1
    assert checked > 0


def test_article_detail_follows_the_contract(client: TestClient) -> None:
    art = get(client, "/api/v1/articles/1edger0000000001")
    for key in ("id", "source", "url", "title", "outlet", "published", "language", "text",
                "actors", "quotes", "claims", "times", "events", "frames", "errors"):
        assert key in art
    assert art["text"] == LEDGER_TEXT
    q = art["quotes"][0]
    assert art["text"][q["start"]:q["end"]].startswith("We will answer any aggression")
    assert get(client, "/api/v1/articles/1edger00")["id"] == "1edger0000000001"  # prefix


def test_quotes_and_claims_filters(client: TestClient) -> None:
    quotes = get(client, "/api/v1/quotes?actor=person:ahmed-sharif-chaudhry&limit=1000")["items"]
    mine = [q for q in quotes if q["article_id"] == "1edger0000000001"]
    assert mine and mine[0]["side"] == "PK" and mine[0]["speaker"] == "Ahmed Sharif Chaudhry"
    assert all(q["speaker_actor"] == "person:ahmed-sharif-chaudhry" for q in quotes)
    claims = get(client, "/api/v1/claims?hedge=claimed&limit=1000")["items"]
    assert any(c["article_id"] == "1edger0000000001" and c["display"] == "12" for c in claims)
    assert all(c["hedge"] == "claimed" for c in claims)
    by_article = get(client, "/api/v1/claims?article=1edger0000000001")["items"]
    assert [c["value"] for c in by_article] == [12.0]


def test_actor_and_outlet_profiles(client: TestClient) -> None:
    actors = get(client, "/api/v1/actors?limit=1000")["items"]
    assert any(a["id"] == "person:ahmed-sharif-chaudhry" for a in actors)
    mentions = [a["mentions"] for a in actors]
    assert mentions == sorted(mentions, reverse=True)
    p = get(client, "/api/v1/actors/person:ahmed-sharif-chaudhry")
    assert any("We will answer" in q["content"] for q in p["quotes"])
    assert "The Test Ledger" in p["outlets"]
    o = get(client, "/api/v1/outlets/testledger.example")
    term = next(t for t in o["terms"] if t["term"] == "martyred")
    assert term["count"] == 1 and term["neutral"] == "killed" and term["per_1000"] > 0
    assert o["leaning"]["shares"] == {"PK": 1.0}
    assert o["articles"][0]["id"] == "1edger0000000001"


def test_search_articles_and_quotes_with_highlights(client: TestClient) -> None:
    body = get(client, "/api/v1/search?q=aggression")
    quotes = [h for h in body["items"] if h["type"] == "quote"]
    assert any(h["article_id"] == "1edger0000000001" for h in quotes)
    for h in body["items"]:
        for s, e in h["highlights"]:
            assert h["snippet"][s:e].lower().startswith("aggression")
    arts = get(client, "/api/v1/search?q=ceasefire&kind=articles&limit=3")
    assert all(h["type"] == "article" for h in arts["items"]) and len(arts["items"]) == 3
    assert arts["next"] and "offset=3" in arts["next"]


@pytest.mark.parametrize("q", ['"', "***", "AND OR NOT", "'; DROP TABLE articles; --", "(((",
                               "a:b^c", "drones OR", "\u0000", "नमस्ते", SCRIPT, "jet*"])
def test_weird_search_strings_never_fail(client: TestClient, q: str) -> None:
    r = client.get("/api/v1/search", params={"q": q})
    assert r.status_code == 200, r.text
    body = r.json()
    assert isinstance(body["items"], list)


def test_csv_export_matches_json(client: TestClient) -> None:
    js = get(client, "/api/v1/articles?limit=5")
    r = client.get("/api/v1/articles?limit=5&format=csv")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert [row["id"] for row in rows] == [a["id"] for a in js["items"]]
    claims = client.get("/api/v1/claims?article=1edger0000000001&format=csv").text
    row = next(csv.DictReader(io.StringIO(claims)))
    assert row["object"].startswith("'="), "a formula-like cell is defused"


@pytest.mark.parametrize("url, status, words", [
    ("/api/v1/articles?limit=-1", 400, "limit"),
    ("/api/v1/articles?limit=1000000000", 400, "limit"),
    ("/api/v1/articles?offset=-5", 400, "offset"),
    ("/api/v1/quotes?limit=abc", 400, "limit"),
    ("/api/v1/incidents?date_from=yesterday", 400, "date_from"),
    ("/api/v1/incidents?date_from=2025-13-45", 400, "YYYY-MM-DD"),
    ("/api/v1/incidents?format=xml", 400, "format"),
    ("/api/v1/claims?hedge=maybe", 400, "hedge"),
    ("/api/v1/search?q=", 400, "q"),
    ("/api/v1/search", 400, "q"),
    ("/api/v1/search?q=" + "x" * 501, 400, "q"),
    ("/api/v1/search?q=jets&kind=people", 400, "kind"),
    ("/api/v1/articles/doesnotexist", 404, "no article"),
    ("/api/v1/articles/abc", 404, "prefix"),
    ("/api/v1/incidents/inc-0000000000", 404, "no incident"),
    ("/api/v1/actors/nobody-at-all", 404, "no actor"),
    ("/api/v1/outlets/nowhere.example", 404, "no outlet"),
    ("/api/v1/nothing-here", 404, "/api/v1/nothing-here"),
])
def test_bad_parameters_answer_clear_json_errors(client: TestClient, url: str, status: int,
                                                 words: str) -> None:
    r = client.get(url)
    assert r.status_code == status, r.text
    body = r.json()
    assert body["status"] == status and words in body["message"], body


def test_security_headers_and_offline_openapi(client: TestClient) -> None:
    r = client.get("/api/v1/outlets")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    spec = get(client, "/openapi.json")
    for name in LIST_ENDPOINTS + ["search", "ingest"]:
        assert f"/api/v1/{name}" in spec["paths"]
    docs = client.get("/docs").text
    assert "/api/v1/incidents/{incident_id}" in docs and "cdn" not in docs.lower()


# ---------------------------------------------------------------- ingest and the token rule


PAGE = f"""<html><head><title>{SCRIPT.replace('<', '&lt;')} Dam talks resume</title></head>
<body><article><h1>{SCRIPT.replace('<', '&lt;')} Dam talks resume</h1>
<p>Negotiators from both countries met in Vienna on Tuesday to discuss the water treaty,
officials said, and agreed to meet again next month.</p>
<p>The talks, the first in two years, lasted six hours and ended without a statement on
the disputed dams, according to a diplomat who attended the meeting.</p>
<p>Observers said the meeting itself was a step forward after months of tension along the
border and a freeze in trade between the neighbours.</p></article></body></html>"""


@pytest.fixture()
def empty_db(tmp_path: Path) -> str:
    db = tmp_path / "ingest.db"
    open_store(db).close()
    return str(db)


def test_ingest_is_refused_without_a_configured_token(empty_db: str) -> None:
    r = TestClient(create_app(empty_db)).post("/api/v1/ingest", json={"html": PAGE},
                                              headers={"Authorization": "Bearer anything"})
    assert r.status_code == 403 and "read-only" in r.json()["message"]


@pytest.mark.parametrize("header", [None, "Bearer wrong", "Basic s3cret", "Bearer", "s3cret"])
def test_ingest_needs_the_right_token(empty_db: str, header: str | None) -> None:
    client = TestClient(create_app(empty_db, token="s3cret"))
    headers = {"Authorization": header} if header else {}
    r = client.post("/api/v1/ingest", json={"html": PAGE}, headers=headers)
    assert r.status_code == 401 and "token" in r.json()["message"]
    assert r.headers["www-authenticate"] == "Bearer"


def test_ingest_html_with_the_token_stores_the_page(empty_db: str) -> None:
    client = TestClient(create_app(empty_db, token="s3cret"))
    auth = {"Authorization": "bearer s3cret"}
    r = client.post("/api/v1/ingest", headers=auth,
                    json={"html": PAGE, "url": "https://www.xss.example/news/dams"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["stored"] == 1 and not body["failed"]
    article_id = body["ids"]["https://www.xss.example/news/dams"]
    art = client.get(f"/api/v1/articles/{article_id}").json()
    assert art["title"].startswith(SCRIPT) and "Vienna" in art["text"]
    again = client.post("/api/v1/ingest", headers=auth,
                        json={"html": PAGE, "url": "https://www.xss.example/news/dams"}).json()
    assert again["duplicates"] == 1


def test_ingest_urls_go_through_the_ssrf_guard(empty_db: str) -> None:
    client = TestClient(create_app(empty_db, token="s3cret"))
    auth = {"Authorization": "Bearer s3cret"}
    r = client.post("/api/v1/ingest", headers=auth, json={"urls": ["http://127.0.0.1:9/x"]})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["stored"] == 0 and len(body["failed"]) == 1
    assert "127.0.0.1" in body["failed"][0]["reason"]


@pytest.mark.parametrize("payload, words", [
    ({"urls": ["file:///etc/passwd"]}, "http"),
    ({"urls": ["/etc/passwd"]}, "http"),
    ({"urls": ["https://a.example"], "html": "<p>x</p>"}, "either"),
    ({}, "either"),
    ({"html": "<p>x</p>", "url": "ftp://a.example/x"}, "http"),
    ({"urls": ["https://a.example"] * 11}, "at most"),
    ({"urls": "https://a.example"}, "urls"),
    ({"html": "<p>x</p>", "extra": 1}, "extra"),
])
def test_ingest_rejects_bad_bodies(empty_db: str, payload: dict[str, Any], words: str) -> None:
    client = TestClient(create_app(empty_db, token="s3cret"))
    r = client.post("/api/v1/ingest", headers={"Authorization": "Bearer s3cret"}, json=payload)
    assert r.status_code == 400 and words in r.json()["message"], r.text


def test_ingest_rejects_malformed_json(empty_db: str) -> None:
    client = TestClient(create_app(empty_db, token="s3cret"))
    r = client.post("/api/v1/ingest", headers={"Authorization": "Bearer s3cret",
                                               "Content-Type": "application/json"},
                    content=b"{not json")
    assert r.status_code == 400 and r.json()["error"] == "BadRequest"


def test_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    client = TestClient(create_app(str(tmp_path / "absent.db")))
    r = client.get("/api/v1/incidents")
    assert r.status_code == 400 and "no store" in r.json()["message"]
    assert not (tmp_path / "absent.db").exists(), "reading must not create a store"


@pytest.mark.parametrize("fmt, media", [("html", "text/html"), ("md", "text/markdown"),
                                        ("json", "application/json")])
def test_standalone_dossier_export(client: TestClient, fmt: str, media: str) -> None:
    inc = get(client, "/api/v1/incidents?limit=1")["items"][0]
    r = client.get(f"/api/v1/incidents/{inc['id']}/export?format={fmt}")
    assert r.status_code == 200 and r.headers["content-type"].startswith(media)
    assert r.headers["content-disposition"].startswith("attachment;")
    assert "script-src" not in r.headers["content-security-policy"]
    assert inc["label"].split(",")[0] in r.text
    bad = client.get(f"/api/v1/incidents/{inc['id']}/export?format=pdf")
    assert bad.status_code == 400


def test_serve_refuses_a_missing_store_and_bad_ports(tmp_path: Path, empty_db: str) -> None:
    from rashomon.errors import UsageError
    from rashomon.serve import serve

    with pytest.raises(UsageError, match="no store"):
        serve(str(tmp_path / "absent.db"), "127.0.0.1", 8000, None)
    with pytest.raises(UsageError, match="port"):
        serve(empty_db, "127.0.0.1", 70000, None)


def test_a_write_is_seen_by_the_next_request(empty_db: str) -> None:
    from conftest_serve import ledger_article

    client = TestClient(create_app(empty_db))
    assert get(client, "/api/v1/articles")["total"] == 0
    with open_store(empty_db) as store:
        store.add_article(ledger_article())
    assert [a["id"] for a in get(client, "/api/v1/articles")["items"]] == ["1edger0000000001"]

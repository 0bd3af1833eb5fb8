"""Server-rendered pages: content, sentence links, highlighting, filters and escaping."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest_serve import ATTR, IMG, SCRIPT, sample_db  # noqa: F401 - fixture
from fastapi.testclient import TestClient

from rashomon.serve import create_app

LINK_RE = re.compile(r'href="/articles/([^"#]+)#c-(\d+)"')


@pytest.fixture(scope="module")
def client(sample_db: Path) -> TestClient:  # noqa: F811
    return TestClient(create_app(str(sample_db)))


def page(client: TestClient, url: str, status: int = 200) -> str:
    r = client.get(url)
    assert r.status_code == status, (url, r.status_code, r.text[:400])
    assert r.headers["content-type"].startswith("text/html")
    return r.text


def incidents(client: TestClient) -> list[dict]:
    return client.get("/api/v1/incidents?limit=1000").json()["items"]


def incident_of(client: TestClient, article_id: str) -> dict:
    for inc in incidents(client):
        d = client.get(f"/api/v1/incidents/{inc['id']}").json()
        if any(s["id"] == article_id for s in d["sources"]):
            return d
    raise AssertionError(f"{article_id} is in no incident")


def test_incident_list_shows_every_incident_with_coverage(client: TestClient) -> None:
    html = page(client, "/")
    assert html == page(client, "/incidents")
    for inc in incidents(client):
        assert f'href="/incidents/{inc["id"]}"' in html
        assert inc["label"].replace("'", "&#39;") in html
    assert 'class="cov side-PK' in html and 'class="cov side-INTL' in html


def test_incident_filters(client: TestClient) -> None:
    all_ids = {i["id"] for i in incidents(client)}
    html = page(client, "/incidents?date_from=2019-01-01&date_to=2019-12-31")
    shown = {i for i in all_ids if f'href="/incidents/{i}"' in html}
    starts = {i["id"]: i["start"] for i in incidents(client)}
    assert shown and all(starts[i].startswith("2019") for i in shown)
    html = page(client, "/incidents?actor=Ahmed+Sharif+Chaudhry")
    ledger = incident_of(client, "1edger0000000001")
    assert f'href="/incidents/{ledger["incident"]["id"]}"' in html
    html = page(client, "/incidents?country=XX")
    assert "No incident matches these filters" in html
    page(client, "/incidents?date_from=not-a-date", status=400)


def check_sentence_links(client: TestClient, html: str, anchors: dict[str, set[str]]) -> int:
    """Every /articles/ID#c-N link of ``html`` names an id="c-N" of that article's page."""
    links = 0
    for aid, start in LINK_RE.findall(html):
        if aid not in anchors:
            anchors[aid] = set(re.findall(r'id="c-(\d+)"', page(client, f"/articles/{aid}")))
        assert start in anchors[aid], (aid, start)
        links += 1
    return links


def test_dossier_links_land_on_sentence_anchors(client: TestClient) -> None:
    anchors: dict[str, set[str]] = {}
    links = 0
    for inc in incidents(client):
        html = page(client, f"/incidents/{inc['id']}")
        assert inc["label"].replace("'", "&#39;") in html
        d = client.get(f"/api/v1/incidents/{inc['id']}").json()
        for col in d["columns"]:
            assert f'class="col-head">{d["column_labels"][col]}' in html
        if inc["parties"] == ["IN", "PK"]:
            for side in ("Pakistani", "Indian", "International"):
                assert f'class="col-head">{side}' in html
        links += check_sentence_links(client, html, anchors)
    assert links > 0


@pytest.mark.parametrize("url", ["/search?q=aggression", "/search?q=said",
                                 "/actors/person:ahmed-sharif-chaudhry"])
def test_search_and_actor_links_land_on_sentence_anchors(client: TestClient, url: str) -> None:
    assert check_sentence_links(client, page(client, url), {}) > 0


def test_dossier_side_columns_hold_the_ledger_items(client: TestClient) -> None:
    d = incident_of(client, "1edger0000000001")
    html = page(client, f"/incidents/{d['incident']['id']}")
    pk = html.split('class="column side-PK"')[1].split('class="column side-')[0]
    assert "We will answer any aggression" in pk and ">12</span>" in pk
    assert 'class="term lean-PK"' in pk and "martyred" in pk
    assert '<svg class="chart timeline"' in html and "/articles/1edger0000000001#c-0" in html


def test_article_page_highlights_each_kind_with_details(client: TestClient) -> None:
    html = page(client, "/articles/1edger0000000001")
    assert '<span class="sent" id="c-0">' in html
    quote = re.search(r'<span class="hl hl-quote" title="([^"]*)"', html)
    assert quote and "speaker: Ahmed Sharif Chaudhry" in quote.group(1)
    assert "rule: test_direct_rule" in quote.group(1)
    claim = re.search(r'<span class="hl [^"]*hl-claim hedge-claimed[^"]*" title="([^"]*)"', html)
    assert claim and "hedge: claimed" in claim.group(1) and "rule: test_claim_rule" in claim.group(1)
    assert ">12</span>" in html
    event = re.search(r'<span class="hl hl-event" title="([^"]*)"', html)
    assert event and "Event ASSAULT" in event.group(1) and "actor: PAK" in event.group(1)
    frame = re.search(r'<span class="hl hl-frame lean-PK" title="([^"]*)"', html)
    assert frame and "neutral equivalent: killed" in frame.group(1)
    assert ">martyred</span>" in html


def test_article_prefix_redirects_and_unknown_ids_are_404_pages(client: TestClient) -> None:
    r = client.get("/articles/1edger00", follow_redirects=False)
    assert r.status_code == 307 and r.headers["location"] == "/articles/1edger0000000001"
    html = page(client, "/articles/no-such-article", status=404)
    assert "no article with id" in html
    assert "no incident" in page(client, "/incidents/inc-nothing", status=404)
    assert "/nowhere" in page(client, "/nowhere", status=404)


def test_actor_outlet_and_list_pages(client: TestClient) -> None:
    html = page(client, "/actors/person:ahmed-sharif-chaudhry")
    assert "Ahmed Sharif Chaudhry" in html and "We will answer any aggression" in html
    html = page(client, "/outlets/testledger.example")
    assert "martyred" in html and "killed" in html and "Army says 12 drones downed" in html
    for url, text in (("/actors", "Ahmed Sharif Chaudhry"), ("/outlets", "The Test Ledger"),
                      ("/articles", "Army says 12 drones downed"), ("/docs", "/api/v1/search")):
        assert text in page(client, url)


def test_search_page_marks_the_matches(client: TestClient) -> None:
    html = page(client, "/search?q=drones")
    assert "<mark>drones</mark>" in html.lower() or "<mark>Drones</mark>" in html
    assert "/articles/1edger0000000001" in html
    for q in ['"', "(((", "'; DROP TABLE x; --", "a:b^c", ""]:
        r = client.get("/search", params={"q": q})
        assert r.status_code == 200 and "<h1>Search</h1>" in r.text


def test_static_files_and_headers(client: TestClient) -> None:
    r = client.get("/static/app.js")
    assert r.status_code == 200 and "javascript" in r.headers["content-type"]
    assert client.get("/static/style.css").status_code == 200
    html = page(client, "/")
    assert "<script>" not in html and 'src="/static/app.js"' in html
    assert "http://" not in re.sub(r'href="[^"]*"', "", html).split("<main>")[0]


# ---------------------------------------------------------------- escaping


def _no_raw_payloads(html: str) -> None:
    assert SCRIPT not in html and IMG not in html and "<script>alert" not in html
    assert "onerror=alert(1)>" not in html


@pytest.mark.parametrize("url", ["/articles/0badc0de00000001", "/search?q=harmless",
                                 "/actors/person:xss", "/outlets/xss.example", "/articles",
                                 "/actors", "/outlets"])
def test_payloads_show_escaped_never_as_markup(client: TestClient, url: str) -> None:
    html = page(client, url)
    _no_raw_payloads(html)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html or "&lt;img src=x" in html


def test_payloads_in_attributes_stay_inside_them(client: TestClient) -> None:
    html = page(client, "/articles/0badc0de00000001")
    _no_raw_payloads(html)
    assert ATTR not in html and "&#34;&gt;&lt;script&gt;alert(2)&lt;/script&gt;" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Headline &lt;img src=x onerror=alert(1)&gt;" in html
    d = incident_of(client, "0badc0de00000001")
    _no_raw_payloads(page(client, f"/incidents/{d['incident']['id']}"))


def test_search_box_echo_is_escaped(client: TestClient) -> None:
    html = page(client, "/search?q=" + SCRIPT)
    _no_raw_payloads(html)
    assert 'value="&lt;script&gt;alert(1)&lt;/script&gt;"' in html


# ---------------------------------------------------------------- pieces the pages are made of


def test_overlapping_items_cut_into_segments_that_rebuild_the_text() -> None:
    from conftest_serve import ledger_article

    from rashomon.compare.text import split_sentences
    from rashomon.serve.highlight import article_marks, paragraphs

    a = ledger_article()
    marks = article_marks(a)
    paras = paragraphs(a, split_sentences(a.text), marks)
    assert len(paras) == len(a.text.split("\n"))
    rebuilt = "\n".join("".join(seg.text for piece in para for seg in piece.segments)
                        for para in paras)
    assert rebuilt == a.text
    twelve = [seg for para in paras for piece in para for seg in piece.segments
              if seg.text == "12"]
    kinds = {marks[i].kind for i in twelve[0].marks}
    assert kinds == {"claim", "event"}, "the figure sits inside the event span"


def test_timeline_places_events_by_their_own_date_or_their_article() -> None:
    from rashomon.serve.charts import timeline_chart

    base = {"type": "ASSAULT", "side": "PK", "article_id": "a", "anchor": 0, "outlet": "O",
            "text": "t"}
    events = [{**base, "date": "2025-05-07", "published": "2025-05-08"},
              {**base, "date": "2025-05-09", "published": "2025-05-09", "side": "IN"},
              {**base, "date": "2019-02-26", "published": "2025-05-08"},
              {**base, "date": None, "published": "2025-06-30"}]
    chart = timeline_chart(events, "2025-05-07", "2025-05-10")
    assert chart is not None
    pts = chart["points"]
    assert len(pts) == 3, "a recap in a story weeks later is left off"
    assert "approx" not in pts[0]["css"] and "approx" in pts[2]["css"]
    assert pts[0]["x"] < pts[1]["x"] and pts[0]["y"] < pts[1]["y"]
    assert pts[0]["href"] == "/articles/a#c-0"
    assert timeline_chart([], None, None) is None

"""The SQLite store: schema, duplicates and copies, round-trips, search, errors."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import fields, replace
from pathlib import Path

import pytest

from rashomon.dedup import text_hash
from rashomon.errors import NotFound, StoreError, UsageError
from rashomon.models import (
    Actor,
    Article,
    Claim,
    Dateline,
    Event,
    Frame,
    Leaning,
    Outlet,
    Quote,
    TimeExpr,
)
from rashomon.store import SQLiteStore, open_store
from rashomon.store.migrations import LATEST, MIGRATIONS
from rashomon.store.rows import ITEM_TABLES

DAWN = Outlet("Dawn", "dawn.com", "PK", "newspaper")
HINDU = Outlet("The Hindu", "thehindu.com", "IN", "newspaper")
REUTERS = Outlet("Reuters", "reuters.com", "GB", "wire")

WIRE = (
    "Pakistan and India agreed on Saturday to stop all firing and military action on land, "
    "in the air and at sea, ending four days of missile, drone and artillery exchanges "
    "between the nuclear-armed neighbours. The announcement came first from Washington, "
    "where officials said they had spent two days in talks with both governments. "
    "Pakistan's foreign minister said the country had always sought peace and stability in "
    "the region without compromising its sovereignty and territorial integrity. India's "
    "foreign secretary told a short news briefing in New Delhi that the two directors "
    "general of military operations had spoken in the afternoon and agreed to stop firing "
    "from five o'clock in the evening Indian time. Hours later both sides accused each other "
    "of violating the understanding, with explosions reported in several towns close to the "
    "border, though the truce appeared to hold by the next morning. Airlines resumed some "
    "flights on Sunday and schools in frontier districts said they would reopen within days."
)
OTHER = (
    "Flights resumed at airports across northern India on Monday after the civil aviation "
    "regulator lifted a temporary ban imposed during the fighting with Pakistan, and "
    "airlines said schedules would return to normal within the week. Travellers who had "
    "been stranded for days crowded terminals in Srinagar, Amritsar and Chandigarh, while "
    "officials warned that some routes would remain longer because of the need to avoid "
    "Pakistani airspace, which reopened only gradually."
)


def make_article(id: str, text: str, *, url: str | None = None, outlet: Outlet = REUTERS,
                 title: str = "Headline", **kw: object) -> Article:
    base: dict[str, object] = {"published": "2025-05-10", "language": "en", "dateline": None}
    return Article(id=id, source=f"{id}.html", url=url, title=title, outlet=replace(outlet),
                   text=text, **{**base, **kw})  # type: ignore[arg-type]


def full_article() -> Article:
    """A hand-built analysed article with every kind of item populated."""
    text = ("ISLAMABAD: Prime Minister Shehbaz Sharif said on Saturday that Pakistan had shot "
            "down five Indian jets. India denied the claim. The Indian army said its strikes "
            "hit nine sites, calling it Operation Sindoor.")
    article = make_article(
        "a1b2c3d4e5f6", text, url="https://www.dawn.com/news/1910000", outlet=DAWN,
        title="PM says five jets downed", standfirst="Claims and denials on day two",
        author="Staff Reporter", canonical_url="https://www.dawn.com/news/1910000/pm-says",
        dateline=Dateline("ISLAMABAD:", ["Islamabad"]), cleanup=["read_more", "copyright"],
        analyzed=True, errors=["no event date"],
        leaning=Leaning({"PK": 0.75, "IN": 0.25}, "PK", "PK"))
    article.text_hash = text_hash(text)
    article.actors = [
        Actor("shehbaz-sharif", "Shehbaz Sharif", "PERSON", "PK", "GOV", "Prime Minister",
              [(26, 40)], "lexicon:actors/shehbaz"),
        Actor("IND_MIL", "Indian army", "ORG", "IN", "MIL", None, [(117, 128)], "ner+title"),
    ]
    article.quotes = [Quote("Shehbaz Sharif", "shehbaz-sharif", "said", "Pakistan had shot "
                            "down five Indian jets", "indirect", 66, 102, 41, 26, 40, "cue:said")]
    article.claims = [
        Claim("Shehbaz Sharif", "shehbaz-sharif", True, 5.0, None, None, "Indian jets",
              "shot down", "claimed", "Prime Minister Shehbaz Sharif said ...", 90, 94, "five",
              "count", "2025-05-10", "claim:count"),
        Claim("Dawn", None, False, 9.0, 8.0, 10.0, "sites", "hit", "asserted",
              "The Indian army said its strikes hit nine sites", 150, 154, "nine", None, None),
    ]
    article.times = [TimeExpr("on Saturday", "2025-05-10", "DATE", 44, 55, "weekday"),
                     TimeExpr("four days", "P4D", "DURATION", 0, 9)]
    article.events = [
        Event("ASSAULT", "aerial", "PAK_MIL", "IND", "2025-05-10", "Kashmir", False, False,
              "Shehbaz Sharif", "shot down five Indian jets", 80, 106, "shot down",
              "Prime Minister ...", "verb:shoot_down"),
        Event("REJECT", None, "IND", None, None, None, True, True, None, "denied", 113, 119),
    ]
    article.frames = [Frame("Operation Sindoor", "the Indian strikes", "IN", "operation name",
                            165, 182, "op_sindoor", "IN-PK-2025", "lexicon:frames/op_sindoor")]
    return article


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SQLiteStore]:
    with open_store(tmp_path / "test.db") as s:
        yield s


def test_migrations_build_the_schema_from_an_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    with open_store(path) as s:
        assert s.schema_version == LATEST
        assert s.journal_mode() == "wal"
    conn = sqlite3.connect(path)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"articles", "actors", "quotes", "claims", "times", "events", "frames", "errors",
            "schema_version", "articles_fts", "quotes_fts"} <= tables
    assert conn.execute("SELECT COUNT(*) FROM schema_version").fetchone()[0] == len(MIGRATIONS)


def test_reopen_keeps_data_and_applies_nothing_twice(tmp_path: Path) -> None:
    path = tmp_path / "keep.db"
    with open_store(path) as s:
        s.add_article(make_article("k1k1k1k1", WIRE))
    with open_store(path) as s:
        assert s.count_articles() == 1
        assert s.get_article("k1k1k1k1").text == WIRE
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT COUNT(*) FROM schema_version").fetchone()[0] == len(MIGRATIONS)


def test_newer_schema_and_non_database_files_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    open_store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO schema_version VALUES (?, 'later')", (LATEST + 1,))
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        open_store(path)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database, just some bytes" * 100)
    with pytest.raises(StoreError, match="cannot open"):
        open_store(junk)
    with pytest.raises(StoreError, match="does not exist"):
        open_store(tmp_path / "missing" / "x.db")


def test_every_dataclass_field_has_a_column(store: SQLiteStore) -> None:
    for kind, (table, cls, columns) in ITEM_TABLES.items():
        in_table = {r[1] for r in store._read(f"PRAGMA table_info({table})")}
        assert set(columns) <= in_table, kind
        names = {("actor_id" if f.name == "id" and cls is Actor else f.name) for f in fields(cls)}
        assert names == set(columns), kind


def test_same_url_is_a_duplicate_and_nothing_is_written(store: SQLiteStore) -> None:
    first = store.add_article(make_article("u1u1u1u1", WIRE, url="https://www.dawn.com/news/7"))
    again = store.add_article(make_article(
        "u2u2u2u2", OTHER, url="http://dawn.com/news/7/?utm_source=twitter#comments"))
    assert (first.status, again.status, again.id) == ("stored", "duplicate", "u1u1u1u1")
    assert "same URL" in again.reason
    assert store.count_articles() == 1
    assert store.lookup_url("https://dawn.com/news/7") == "u1u1u1u1"
    assert store.lookup_url("https://dawn.com/news/8") is None


def test_canonical_url_counts_as_the_same_url(store: SQLiteStore) -> None:
    store.add_article(make_article("c1c1c1c1", WIRE, url="https://dawn.com/amp/news/7",
                                   canonical_url="https://www.dawn.com/news/7"))
    result = store.add_article(make_article("c2c2c2c2", OTHER, url="https://dawn.com/news/7"))
    assert (result.status, result.id) == ("duplicate", "c1c1c1c1")


def test_same_normalised_text_is_a_duplicate(store: SQLiteStore) -> None:
    store.add_article(make_article("t1t1t1t1", WIRE, url="https://a.example/1"))
    reworded = "  " + WIRE.upper().replace(",", "")
    result = store.add_article(make_article("t2t2t2t2", reworded, url="https://b.example/2"))
    assert (result.status, result.id) == ("duplicate", "t1t1t1t1")
    assert "same text" in result.reason


def test_reingest_is_a_no_op(store: SQLiteStore) -> None:
    articles = [make_article("r1r1r1r1", WIRE, url="https://a.example/1"),
                make_article("r2r2r2r2", OTHER, url="https://a.example/2")]
    assert [store.add_article(a).status for a in articles] == ["stored", "stored"]
    assert [store.add_article(a).status for a in articles] == ["duplicate", "duplicate"]
    assert store.count_articles() == 2


def test_syndicated_copies_link_to_the_first_article(store: SQLiteStore) -> None:
    sentences = WIRE.split(". ")
    copies = {
        "dawn0001": ". ".join(sentences[:5] + sentences[6:]),  # a sentence dropped
        "hindu001": WIRE.replace("short news briefing", "brief news conference"),
        "gulf0001": WIRE + " Follow us on social media for more updates from the region.",
    }
    assert store.add_article(make_article("wire0001", WIRE)).status == "stored"
    assert store.add_article(make_article("other001", OTHER)).status == "stored"
    for id, text in copies.items():
        result = store.add_article(make_article(id, text, outlet=HINDU, title="New headline"))
        assert (result.status, result.copy_of) == ("copy", "wire0001"), id
        assert store.get_article(id).copy_of == "wire0001"
    assert store.get_article("other001").copy_of is None
    assert store.count_articles() == 5


def test_full_article_round_trips(store: SQLiteStore) -> None:
    article = full_article()
    assert store.add_article(article).status == "stored"
    back = store.get_article(article.id)
    assert back == article
    assert back.to_dict() == article.to_dict()


def test_unanalysed_article_stores_no_items(store: SQLiteStore) -> None:
    article = full_article()
    article.analyzed = False
    store.add_article(article)
    back = store.get_article(article.id)
    assert back.analyzed is False and back.quotes == [] and back.actors == []


def test_replace_analysis_overwrites_items(store: SQLiteStore) -> None:
    article = full_article()
    store.add_article(article)
    assert store.search_quotes("jets")
    article.quotes = [Quote("ISPR", None, "said", "the ceasefire is holding", "indirect",
                            10, 34)]
    article.frames = []
    article.leaning = None
    store.replace_analysis(article)
    back = store.get_article(article.id)
    assert [q.content for q in back.quotes] == ["the ceasefire is holding"]
    assert back.frames == [] and back.leaning is None
    assert len(back.claims) == 2
    assert store.search_quotes("jets") == []
    assert store.search_quotes("ceasefire")[0]["speaker"] == "ISPR"
    with pytest.raises(NotFound):
        store.replace_analysis(make_article("nothere1", OTHER))


def test_failed_write_rolls_back_the_whole_article(store: SQLiteStore) -> None:
    article = full_article()
    article.quotes.append(Quote("X", None, "said", None, "direct", 0, 1))  # type: ignore[arg-type]
    with pytest.raises(StoreError):
        store.add_article(article)
    assert store.count_articles() == 0
    assert store._read("SELECT COUNT(*) FROM actors")[0][0] == 0
    assert store.search("Sindoor") == []
    assert store.add_article(full_article()).status == "stored"  # the store still works


def test_crash_mid_article_loses_only_that_article(tmp_path: Path) -> None:
    path = tmp_path / "crash.db"
    script = textwrap.dedent(f"""
        import os
        from rashomon.models import Article, Outlet
        from rashomon.store import open_store
        from rashomon.store.sqlite import SQLiteStore
        s = open_store({str(path)!r})
        def art(id, text):
            return Article(id=id, source=id, url=None, title=id, outlet=Outlet(),
                           published=None, language="en", dateline=None, text=text,
                           analyzed=True)
        s.add_article(art("first001", {WIRE!r}))
        SQLiteStore._insert_items = lambda self, conn, article: os._exit(3)
        s.add_article(art("second01", {OTHER!r}))
    """)
    env = {"PYTHONPATH": str(Path(__file__).parents[1] / "src")}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                          timeout=120, check=False)
    assert done.returncode == 3, done.stderr
    with open_store(path) as s:
        assert [a.id for a in s.iter_articles()] == ["first001"]


def test_get_article_by_prefix_and_not_found(store: SQLiteStore) -> None:
    store.add_article(make_article("abcdef111", WIRE))
    store.add_article(make_article("abcdef222", OTHER))
    assert store.get_article("abcdef1").id == "abcdef111"
    with pytest.raises(UsageError, match="several"):
        store.get_article("abcdef")
    with pytest.raises(NotFound):
        store.get_article("abc")  # too short for a prefix
    with pytest.raises(NotFound):
        store.get_article("zzzzzzzz")


def test_list_count_and_iterate_with_filters(store: SQLiteStore) -> None:
    store.add_article(make_article("l1l1l1l1", WIRE, outlet=DAWN))
    store.add_article(make_article("l2l2l2l2", OTHER, outlet=HINDU, language="fr"))
    store.add_article(full_article())
    assert [a.id for a in store.list_articles()] == ["l1l1l1l1", "l2l2l2l2", "a1b2c3d4e5f6"]
    assert [a.id for a in store.list_articles(limit=1, offset=1)] == ["l2l2l2l2"]
    assert [a.id for a in store.list_articles(outlet="www.dawn.com")] == \
        ["l1l1l1l1", "a1b2c3d4e5f6"]
    assert [a.id for a in store.list_articles(outlet="the hindu")] == ["l2l2l2l2"]
    assert [a.id for a in store.list_articles(country="in")] == ["l2l2l2l2"]
    assert store.count_articles(language="fr") == 1 and store.count_articles() == 3
    assert store.list_articles()[2].quotes == []  # items only when asked
    assert store.list_articles(with_items=True)[2].quotes
    assert [a.id for a in store.iter_articles(analyzed_only=True)] == ["a1b2c3d4e5f6"]
    with pytest.raises(UsageError):
        store.list_articles(limit=-1)


def test_search_ranks_stems_and_snippets(store: SQLiteStore) -> None:
    store.add_article(make_article("s1s1s1s1", WIRE, title="Pakistan and India agree to stop "
                                   "firing"))
    store.add_article(make_article("s2s2s2s2", OTHER, title="Flights resume", outlet=HINDU))
    hits = store.search("schools")
    assert [h["id"] for h in hits] == ["s1s1s1s1"]
    assert {h["id"] for h in store.search("flight")} == {"s1s1s1s1", "s2s2s2s2"}  # stemmed
    assert store.search("flights resume")[0]["id"] == "s2s2s2s2"  # title weighs more
    hit = store.search('"directors general"')[0]
    start, end = hit["highlights"][0]
    assert hit["snippet"][start:end].lower() == "directors general"
    assert hit["outlet"] == "Reuters" and hit["country"] == "GB"
    assert store.search('"general directors"') == []  # a phrase keeps its order
    assert store.search("Srinagar Washington") == []  # words must all occur
    assert {h["id"] for h in store.search("Srinagar OR Washington")} == {"s1s1s1s1", "s2s2s2s2"}
    assert store.search("nonexistentword") == []
    assert len(store.search("flight", limit=1)) == 1
    assert len(store.search("flight", limit=1, offset=1)) == 1


@pytest.mark.parametrize("query", [
    '"', '""', "AND (", "NEAR(", "OR", "*", "-", "title:pakistan", "pakistan)", "'",
    "'; DROP TABLE articles; --", "", "   ", "pakistan AND", "NOT india", "a:b:c {x}",
    "^pakistan", "pakistan\"india", "(((", "\x00",
])
def test_nasty_queries_never_raise(store: SQLiteStore, query: str) -> None:
    store.add_article(make_article("n1n1n1n1", WIRE))
    store.add_article(full_article())
    hits = store.search(query)
    assert isinstance(hits, list)
    assert isinstance(store.search_quotes(query), list)
    assert store.count_articles() == 2


def test_nasty_query_keeps_its_words(store: SQLiteStore) -> None:
    store.add_article(make_article("n1n1n1n1", WIRE))
    assert [h["id"] for h in store.search("pakistan AND (")] == ["n1n1n1n1"]
    assert [h["id"] for h in store.search("nuclear-armed* NOT")] == ["n1n1n1n1"]
    assert [h["id"] for h in store.search("neighb*")] == ["n1n1n1n1"]
    assert store.search("nuclear-unarmed") == []


def test_search_quotes_finds_content_and_speaker(store: SQLiteStore) -> None:
    store.add_article(full_article())
    by_content = store.search_quotes("indian jets")
    assert len(by_content) == 1
    hit = by_content[0]
    assert (hit["article_id"], hit["speaker"], hit["outlet"]) == \
        ("a1b2c3d4e5f6", "Shehbaz Sharif", "Dawn")
    assert hit["content"] == "Pakistan had shot down five Indian jets"
    assert store.search_quotes("sharif")[0]["id"] == hit["id"]


def test_errors_are_recorded_newest_first(store: SQLiteStore) -> None:
    store.record_error("pages/broken.html", "extract", "no article text found")
    store.record_error("https://10.0.0.1/x", "fetch", "refused: private address")
    errors = store.list_errors()
    assert [(e["source"], e["stage"]) for e in errors] == \
        [("https://10.0.0.1/x", "fetch"), ("pages/broken.html", "extract")]
    assert errors[0]["reason"] == "refused: private address" and errors[0]["at"]
    assert len(store.list_errors(limit=1)) == 1


def test_two_stores_on_one_file_see_each_others_writes(tmp_path: Path) -> None:
    path = tmp_path / "shared.db"
    with open_store(path) as a, open_store(path) as b:
        a.add_article(make_article("w1w1w1w1", WIRE))
        assert b.add_article(make_article("w2w2w2w2", WIRE)).status == "duplicate"
        assert b.count_articles() == 1


def test_postgres_is_not_there_yet() -> None:
    with pytest.raises(UsageError):
        open_store("postgresql://localhost/rashomon")


def test_random_query_text_is_always_valid_fts5(store: SQLiteStore) -> None:
    import random

    store.add_article(make_article("f1f1f1f1", WIRE))
    rng = random.Random(7)
    alphabet = ['"', "(", ")", "*", ":", "^", "-", "+", "'", "{", "}", ",", ".", " ", " ",
                "AND", "OR", "NOT", "NEAR", "pakistan", "india", "firing", "é", "字", "_"]
    for _ in range(300):
        query = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12)))
        assert isinstance(store.search(query), list), query

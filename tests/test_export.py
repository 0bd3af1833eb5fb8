"""Exports of a store: Parquet/CSV/JSONL tables that DuckDB reads, and the GKG-like TSV."""

from __future__ import annotations

import csv
import json
import logging
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from rashomon.errors import UsageError
from rashomon.export import (
    GKG_COLUMNS,
    _incident_source,
    export_gkg,
    export_store,
    gkg_count_type,
    records_to_tables,
    table_schema,
)
from rashomon.models import (
    Actor,
    Article,
    Claim,
    Dateline,
    Event,
    Failure,
    Frame,
    Outlet,
    Quote,
    TimeExpr,
)

TEXT_1 = ("ISLAMABAD: Pakistan's military said on Wednesday that 12 soldiers were killed in "
          "overnight shelling near Kotli. \u201cWe will defend every inch of our territory,\u201d "
          "Defence Minister Imran Latif told reporters, accusing India of unprovoked aggression. "
          "Hospitals treated 40 wounded civilians, officials said.")
TEXT_2 = ("NEW DELHI: India said its strikes hit terror launch pads across the border on "
          "May 7, 2025, and that no civilian sites were targeted, according to "
          "foreign ministry spokesperson Meera Iyer.")


def span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def article_pk() -> Article:
    """A hand-analysed Pakistani report: one quote, two claims, an event, a frame."""
    t = TEXT_1
    q, lat, kotli = span(t, "We will defend every inch of our territory,"), \
        span(t, "Imran Latif"), span(t, "Kotli")
    twelve, forty = span(t, "12"), span(t, "40")
    return Article(
        id="a-pk-1", source="pk.html", url="https://indusevening.example/news/1",
        title="Twelve soldiers killed near Kotli, army says",
        outlet=Outlet("Indus Evening Post", "indusevening.example", "PK", "newspaper"),
        published="2025-05-08", language="en", dateline=Dateline("ISLAMABAD", ["Islamabad"]),
        text=t, author="Ayesha Khan", analyzed=True,
        actors=[Actor("PAK-MIL", "Pakistani armed forces", "ORG", "PK", "MIL",
                      mentions=[span(t, "Pakistan's military")]),
                Actor("person:imran-latif", "Imran Latif", "PERSON", "PK", "GOV",
                      mentions=[lat]),
                Actor("kotli", "Kotli", "GPE", "PK", mentions=[kotli]),
                Actor("IND", "India", "GPE", "IN", mentions=[span(t, "India")])],
        quotes=[Quote("Imran Latif", "person:imran-latif", "told", t[q[0]:q[1]], "direct",
                      q[0], q[1])],
        claims=[Claim("Pakistani armed forces", "PAK-MIL", True, 12, None, None, "soldiers",
                      "killed", "claimed", t[:t.index("Kotli.") + 6], *twelve),
                Claim("officials", None, True, 40, None, None, "wounded civilians", "treated",
                      "claimed", "Hospitals treated 40 wounded civilians, officials said.",
                      *forty)],
        times=[TimeExpr("Wednesday", "2025-05-07", "DATE", *span(t, "Wednesday"))],
        events=[Event("ASSAULT", "shelling", "IN", "PK", "2025-05-07", "Kotli", False, False,
                      "PAK-MIL", "overnight shelling", *span(t, "overnight shelling"))],
        frames=[Frame("unprovoked aggression", "attack", "PK", "aggression",
                      *span(t, "unprovoked aggression"))])


def article_in() -> Article:
    """A hand-analysed Indian report with an indirect quote and a loaded term."""
    t = TEXT_2
    return Article(
        id="a-in-1", source="in.html", url="https://northernledger.example/news/2",
        title="India says strikes were precise", published="2025-05-07", language="en",
        outlet=Outlet("The Northern Ledger", "northernledger.example", "IN", "newspaper"),
        dateline=Dateline("NEW DELHI", ["New Delhi"]), text=t, analyzed=True,
        quotes=[Quote("Meera Iyer", None, "according to",
                      t[t.index("its strikes"):t.index(", according")], "according_to",
                      t.index("its strikes"), t.index(", according"))],
        times=[TimeExpr("May 7, 2025", "2025-05-07", "DATE", *span(t, "May 7, 2025"))],
        frames=[Frame("terror launch pads", "militant camps", "IN", "terrorism",
                      *span(t, "terror launch pads"))])


@pytest.fixture
def store(tmp_path: Path):
    from rashomon.store import open_store

    with open_store(tmp_path / "news.db") as s:
        for article in (article_pk(), article_in()):
            s.add_article(article)
        yield s


def test_parquet_export_is_read_by_duckdb(store, tmp_path: Path) -> None:
    files = export_store(store, tmp_path / "x", "parquet")
    names = {p.name for p in files}
    assert {"articles.parquet", "quotes.parquet", "claims.parquet", "events.parquet",
            "frames.parquet"} <= names
    x = tmp_path / "x"
    rows = duckdb.sql(f"SELECT a.outlet_country, q.speaker, q.kind FROM '{x}/quotes.parquet' q "
                      f"JOIN '{x}/articles.parquet' a ON a.id = q.article_id "
                      f"ORDER BY 1").fetchall()
    assert rows == [("IN", "Meera Iyer", "according_to"), ("PK", "Imran Latif", "direct")]
    claims = duckdb.sql(f"SELECT value, object, hedge FROM '{x}/claims.parquet' "
                        f"ORDER BY value").fetchall()
    assert claims == [(12.0, "soldiers", "claimed"), (40.0, "wounded civilians", "claimed")]
    articles = pq.read_table(x / "articles.parquet").to_pylist()
    assert {a["id"]: a["n_quotes"] for a in articles} == {"a-pk-1": 1, "a-in-1": 1}
    assert "record" not in articles[0]
    quote = pq.read_table(x / "quotes.parquet").to_pylist()[0]
    text = {a["id"]: a["text"] for a in articles}[quote["article_id"]]
    assert text[quote["start"]:quote["end"]] == quote["content"]


def test_csv_export_has_the_schema_as_header(store, tmp_path: Path) -> None:
    export_store(store, tmp_path / "c", "csv", tables=("articles", "frames", "actors"))
    with open(tmp_path / "c" / "frames.csv", newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == table_schema("frames").names
        frames = list(reader)
    assert sorted(f["leaning"] for f in frames) == ["IN", "PK"]
    with open(tmp_path / "c" / "actors.csv", newline="", encoding="utf-8") as fh:
        actors = list(csv.DictReader(fh))
    latif = next(a for a in actors if a["name"] == "Imran Latif")
    (start, end), = json.loads(latif["mentions"])
    assert TEXT_1[start:end] == "Imran Latif"


def test_jsonl_export_writes_one_object_per_row(store, tmp_path: Path) -> None:
    export_store(store, tmp_path / "j", "jsonl", tables=("articles", "events"))
    lines = (tmp_path / "j" / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    articles = [json.loads(line) for line in lines]
    assert sorted(a["outlet_name"] for a in articles) == ["Indus Evening Post",
                                                          "The Northern Ledger"]
    events = [json.loads(line) for line in
              (tmp_path / "j" / "events.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(e["type"], e["actor"], e["target"]) for e in events] == [("ASSAULT", "IN", "PK")]


def test_incidents_are_exported_only_when_the_store_has_them(store, tmp_path: Path,
                                                             caplog) -> None:
    with caplog.at_level(logging.INFO, logger="rashomon.export"):
        files = export_store(store, tmp_path / "i", "parquet", tables=("incidents",))
    if _incident_source(store) is None:
        assert files == [] and "no incidents API" in caplog.text

    class WithIncidents:
        def __init__(self, inner) -> None:
            self.inner = inner

        def iter_articles(self):
            return self.inner.iter_articles()

        def list_incidents(self) -> list[dict]:
            return [{"id": "inc-1", "label": "Kotli shelling", "start": "2025-05-07",
                     "end": "2025-05-08", "articles": [{"id": "a-pk-1"}, {"id": "a-in-1"}]}]

    (path,) = export_store(WithIncidents(store), tmp_path / "i2", "parquet",
                           tables=("incidents",))
    (row,) = pq.read_table(path).to_pylist()
    assert row["label"] == "Kotli shelling"
    assert [a["id"] for a in json.loads(row["articles"])] == ["a-pk-1", "a-in-1"]


def test_unknown_format_or_table_is_a_usage_error(store, tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        export_store(store, tmp_path, "xlsx")
    with pytest.raises(UsageError, match="sources"):
        export_store(store, tmp_path, "csv", tables=("articles", "sources"))


def test_gkg_export_fills_the_27_columns(store, tmp_path: Path) -> None:
    path = export_gkg(store, tmp_path / "gkg.tsv")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    records = {r[0]: dict(zip(GKG_COLUMNS, r, strict=True))
               for r in (line.split("\t") for line in lines)}
    pk = records["20250508000000-a-pk-1"]
    assert pk["V2.1DATE"] == "20250508000000"
    assert pk["V2SOURCECOMMONNAME"] == "indusevening.example"
    assert pk["V2DOCUMENTIDENTIFIER"] == "https://indusevening.example/news/1"
    counts = [c.split("#") for c in pk["V1COUNTS"].split(";")]
    assert [(c[0], c[1], c[2]) for c in counts] == [("KILL", "12", "soldiers"),
                                                    ("WOUND", "40", "wounded civilians")]
    assert all(len(c) == 10 for c in counts)
    assert pk["V2.1COUNTS"].split(";")[0].split("#")[-1] == str(TEXT_1.index("12"))
    assert pk["V1PERSONS"] == "Imran Latif"
    assert pk["V1ORGANIZATIONS"] == "Pakistani armed forces"
    assert set(pk["V1THEMES"].split(";")) == {"FRAME_AGGRESSION_PK", "PLOVER_ASSAULT"}
    locations = [loc.split("#") for loc in pk["V1LOCATIONS"].split(";")]
    assert [(loc[0], loc[1], loc[2]) for loc in locations] == [("4", "Kotli", "PK"),
                                                              ("1", "India", "IN")]
    assert all(len(loc) == 7 for loc in locations)
    offset, length, verb, quote = pk["V2.1QUOTATIONS"].split("|")
    assert TEXT_1[int(offset):int(offset) + int(length)].startswith(quote[:20])
    assert verb == "told"
    assert pk["V1.5TONE"] == f"0,0,0,0,0,0,{len(TEXT_1.split())}"
    assert pk["V2.1ENHANCEDDATES"] == f"4#5#7#2025#{TEXT_1.index('Wednesday')}"
    assert pk["V2EXTRASXML"].startswith("<PAGE_TITLE>Twelve soldiers killed")
    assert "<PAGE_AUTHORS>Ayesha Khan</PAGE_AUTHORS>" in pk["V2EXTRASXML"]
    assert pk["V2.1AMOUNTS"].split(";")[0] == f"12,soldiers,{TEXT_1.index('12')}"


def test_gkg_header_is_optional(store, tmp_path: Path) -> None:
    lines = export_gkg(store, tmp_path / "g.tsv", header=True).read_text().splitlines()
    assert lines[0].split("\t") == list(GKG_COLUMNS) and len(lines) == 3


@pytest.mark.parametrize(("predicate", "obj", "expected"), [
    ("killed", "soldiers", "KILL"), ("wounded", "soldiers", "WOUND"),
    ("arrested", "suspects", "ARREST"), ("fled", "families", "DISPLACED"),
    ("shot down", "drones", "CLAIM")])
def test_gkg_count_types_match_whole_word_prefixes(predicate: str, obj: str,
                                                    expected: str) -> None:
    claim = Claim(None, None, False, 3, None, None, obj, predicate, "asserted", "", 0, 1)
    assert gkg_count_type(claim) == expected


def test_tables_keep_their_schema_when_empty() -> None:
    empty = records_to_tables([], with_record=True)
    failed = records_to_tables([Failure("x.html", "no article text", "extract")],
                               with_record=True)
    full = records_to_tables([article_pk()], with_record=True)
    for name in empty:
        assert empty[name].schema == full[name].schema == failed[name].schema
    assert failed["failures"].to_pylist() == [
        {"source": "x.html", "reason": "no article text", "stage": "extract"}]
    (record,) = full["articles"].column("record").to_pylist()
    assert json.loads(record) == article_pk().to_dict()
    assert Article.from_dict(json.loads(record)) == article_pk()

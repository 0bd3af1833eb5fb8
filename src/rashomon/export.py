"""Columnar forms of articles, and exports of a store to Parquet, CSV, JSONL or GKG TSV.

Each article becomes one ``articles`` row plus one row per extracted item in
``actors``, ``quotes``, ``claims``, ``times``, ``events`` and ``frames`` (keyed by
``article_id`` and ``idx``, the item's position in the article). Column types are
derived from the dataclasses in ``models.py``, so every file of a table has the
same schema and DuckDB can read a glob of them. The Parquet shards written by
``batch`` use the same tables (see docs/scaling.md).
"""

from __future__ import annotations

import csv
import json
import logging
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, fields, is_dataclass
from datetime import date
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from rashomon.errors import UsageError
from rashomon.iterutil import chunked
from rashomon.models import Actor, Article, Claim, Event, Failure, Frame, Quote, TimeExpr

logger = logging.getLogger(__name__)

FORMATS = ("parquet", "csv", "jsonl")
ITEM_TABLES: dict[str, type] = {"actors": Actor, "quotes": Quote, "claims": Claim,
                                "times": TimeExpr, "events": Event, "frames": Frame}
EXPORT_TABLES = ("articles", "actors", "quotes", "claims", "times", "events", "frames",
                 "incidents")
DEFAULT_EXPORT = ("articles", "quotes", "claims", "events", "frames", "incidents")

#: dataclass annotation (as written in models.py) -> Arrow type; anything else is JSON text
_ARROW_TYPES: dict[str, pa.DataType] = {
    "str": pa.string(), "str | None": pa.string(),
    "int": pa.int64(), "int | None": pa.int64(),
    "float": pa.float64(), "float | None": pa.float64(),
    "bool": pa.bool_(), "bool | None": pa.bool_(),
    "list[str]": pa.list_(pa.string()),
    "list[tuple[int, int]]": pa.list_(pa.list_(pa.int64())),
}

_ARTICLE_COLUMNS: list[tuple[str, pa.DataType]] = [
    ("id", pa.string()), ("source", pa.string()), ("url", pa.string()),
    ("canonical_url", pa.string()), ("title", pa.string()), ("standfirst", pa.string()),
    ("author", pa.string()), ("outlet_name", pa.string()), ("outlet_domain", pa.string()),
    ("outlet_country", pa.string()), ("outlet_kind", pa.string()), ("published", pa.string()),
    ("language", pa.string()), ("dateline", pa.string()),
    ("dateline_places", pa.list_(pa.string())), ("text", pa.string()),
    ("text_hash", pa.string()), ("words", pa.int64()), ("analyzed", pa.bool_()),
    ("copy_of", pa.string()), ("leaning_side", pa.string()),
    ("leaning_registry_side", pa.string()), ("leaning_scores", pa.string()),
    ("cleanup", pa.list_(pa.string())), ("errors", pa.list_(pa.string())),
    *[(f"n_{kind}", pa.int64()) for kind in ITEM_TABLES],
]
_FAILURE_COLUMNS: list[tuple[str, pa.DataType]] = [
    ("source", pa.string()), ("reason", pa.string()), ("stage", pa.string())]


@cache
def table_schema(table: str, with_record: bool = False) -> pa.Schema:
    """The Arrow schema of ``table``; ``with_record`` adds the lossless JSON ``record``."""
    if table == "articles":
        columns = list(_ARTICLE_COLUMNS)
        if with_record:
            columns.append(("record", pa.string()))
        return pa.schema(columns)
    if table == "failures":
        return pa.schema(_FAILURE_COLUMNS)
    if table not in ITEM_TABLES:
        raise UsageError(f"unknown table {table!r}")
    columns = [("article_id", pa.string()), ("idx", pa.int64())]
    for f in fields(ITEM_TABLES[table]):
        columns.append((f.name, _ARROW_TYPES.get(str(f.type), pa.string())))
    return pa.schema(columns)


def _plain(value: Any) -> Any:
    """JSON fallback: a dataclass as its field dict (no deep copy), anything else as text."""
    if is_dataclass(value) and not isinstance(value, type):
        return vars(value)
    return str(value)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=_plain)


def article_record(article: Article) -> str:
    """The article's full JSON form (``Article.to_dict``), made without ``asdict``'s deep
    copies: several times faster, and ``Article.from_dict`` reads it back exactly."""
    return _json(article)


def _converter(kind: pa.DataType) -> Callable[[Any], Any]:
    """How a value becomes what an Arrow column of ``kind`` holds (JSON text for the rest)."""
    if pa.types.is_string(kind):
        return lambda v: v if v is None or isinstance(v, str) else _json(v)
    if pa.types.is_list(kind):
        return lambda v: None if v is None else [list(x) if isinstance(x, tuple) else x
                                                 for x in v]
    return lambda v: v


@cache
def _item_converters(table: str) -> tuple[tuple[str, Callable[[Any], Any]], ...]:
    schema = table_schema(table)
    return tuple((f.name, _converter(schema.field(f.name).type))
                 for f in fields(ITEM_TABLES[table]))


def article_row(article: Article, *, with_record: bool = False) -> dict[str, Any]:
    """The ``articles`` row of one article (``record``: its full JSON form)."""
    outlet, leaning = article.outlet, article.leaning
    row: dict[str, Any] = {
        "id": article.id, "source": article.source, "url": article.url,
        "canonical_url": article.canonical_url, "title": article.title,
        "standfirst": article.standfirst, "author": article.author,
        "outlet_name": outlet.name, "outlet_domain": outlet.domain,
        "outlet_country": outlet.country, "outlet_kind": outlet.kind,
        "published": article.published, "language": article.language,
        "dateline": article.dateline.text if article.dateline else None,
        "dateline_places": list(article.dateline.places) if article.dateline else [],
        "text": article.text, "text_hash": article.text_hash,
        "words": len(article.text.split()), "analyzed": article.analyzed,
        "copy_of": article.copy_of,
        "leaning_side": leaning.inferred_side if leaning else None,
        "leaning_registry_side": leaning.registry_side if leaning else None,
        "leaning_scores": _json(leaning.scores) if leaning else None,
        "cleanup": list(article.cleanup), "errors": list(article.errors),
    }
    for kind in ITEM_TABLES:
        row[f"n_{kind}"] = len(getattr(article, kind))
    if with_record:
        row["record"] = article_record(article)
    return row


def item_rows(article: Article, table: str) -> list[dict[str, Any]]:
    """One row per item of kind ``table`` in the article, keyed by article id and index."""
    converters = _item_converters(table)
    rows = []
    for idx, item in enumerate(getattr(article, table)):
        values = vars(item)
        row: dict[str, Any] = {"article_id": article.id, "idx": idx}
        for name, convert in converters:
            row[name] = convert(values.get(name))
        rows.append(row)
    return rows


def failure_row(failure: Failure) -> dict[str, Any]:
    """The ``failures`` row of one input that could not be processed."""
    return {"source": failure.source, "reason": failure.reason, "stage": failure.stage}


def records_to_tables(records: Iterable[Article | Failure], *, with_record: bool = False,
                      tables: Iterable[str] | None = None) -> dict[str, pa.Table]:
    """Arrow tables (articles, items, failures) for a list of pipeline results."""
    wanted = list(tables) if tables is not None else ["articles", *ITEM_TABLES, "failures"]
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in wanted}
    for record in records:
        if isinstance(record, Failure):
            if "failures" in rows:
                rows["failures"].append(failure_row(record))
            continue
        if "articles" in rows:
            rows["articles"].append(article_row(record, with_record=with_record))
        for kind in ITEM_TABLES:
            if kind in rows:
                rows[kind].extend(item_rows(record, kind))
    return {name: pa.Table.from_pylist(
        rows[name], schema=table_schema(name, with_record and name == "articles"))
        for name in wanted}


# --------------------------------------------------------------------------- exports


class _TableWriter:
    """Streams rows of one table to a file in one format; renamed into place on close."""

    def __init__(self, path: Path, fmt: str, schema: pa.Schema | None) -> None:
        self.path, self.fmt, self.schema = path, fmt, schema
        self.tmp = path.with_name(path.name + ".tmp")
        self.rows = 0
        self._parquet: pq.ParquetWriter | None = None
        self._fh: Any = None
        self._csv: Any = None

    def write(self, rows: list[dict[str, Any]]) -> None:
        """Append rows (schema is inferred from the first rows when none was given)."""
        if not rows and self.rows == 0 and self.schema is None:
            return
        self.rows += len(rows)
        if self.fmt == "parquet":
            table = pa.Table.from_pylist(rows, schema=self.schema)
            self.schema = table.schema
            if self._parquet is None:
                self._parquet = pq.ParquetWriter(self.tmp, table.schema, compression="zstd")
            self._parquet.write_table(table)
            return
        if self._fh is None:
            self._fh = open(self.tmp, "w", encoding="utf-8", newline="")  # noqa: SIM115
            if self.fmt == "csv":
                names = self.schema.names if self.schema is not None else list(rows[0])
                self._csv = csv.DictWriter(self._fh, fieldnames=names, extrasaction="ignore")
                self._csv.writeheader()
        for row in rows:
            if self.fmt == "csv":
                self._csv.writerow({k: _csv_cell(v) for k, v in row.items()})
            else:
                self._fh.write(_json(row) + "\n")

    def close(self) -> Path | None:
        """Finish the file and move it into place; None when nothing was written."""
        if self._parquet is None and self._fh is None:
            if self.schema is None:
                return None
            self.write([])  # an empty file with the header/schema
        if self._parquet is not None:
            self._parquet.close()
        if self._fh is not None:
            self._fh.close()
        os.replace(self.tmp, self.path)
        return self.path


def _csv_cell(value: Any) -> Any:
    if isinstance(value, list | dict):
        return _json(value)
    return value


def _incident_source(store: Any) -> Callable[[], Iterable[Any]] | None:
    """The store's method that lists incidents, if it has one."""
    for name in ("load_incidents", "iter_incidents", "list_incidents"):
        method = getattr(store, name, None)
        if callable(method):
            return method
    return None


def _incident_row(incident: Any) -> dict[str, Any]:
    data = asdict(incident) if is_dataclass(incident) and not isinstance(incident, type) \
        else dict(incident)
    return {k: v if v is None or isinstance(v, str | int | float | bool) else _json(v)
            for k, v in data.items()}


def _article_groups(store: Any, size: int = 256) -> Iterator[list[Article]]:
    return chunked(store.iter_articles(), size)


def export_store(store: Any, out: Path, fmt: str = "parquet",
                 tables: Iterable[str] = DEFAULT_EXPORT) -> list[Path]:
    """Write each table of the store to ``out/<table>.<fmt>``; returns the files written.

    Articles are streamed from ``store.iter_articles()`` in groups, so memory stays
    flat; incidents are skipped (with a log note) when the store has no incidents API.
    """
    if fmt not in FORMATS:
        raise UsageError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    tables = list(dict.fromkeys(tables))
    unknown = [t for t in tables if t not in EXPORT_TABLES]
    if unknown:
        raise UsageError(f"unknown table(s) {', '.join(unknown)}: "
                         f"choose from {', '.join(EXPORT_TABLES)}")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    per_article = [t for t in tables if t != "incidents"]
    writers = {t: _TableWriter(out / f"{t}.{fmt}", fmt, table_schema(t)) for t in per_article}
    for group in _article_groups(store):
        data = records_to_tables(group, tables=per_article)
        for name, writer in writers.items():
            writer.write(data[name].to_pylist())
    written = [p for p in (w.close() for w in writers.values()) if p is not None]
    if "incidents" in tables:
        path = _export_incidents(store, out, fmt)
        if path is not None:
            written.append(path)
    logger.info("exported %s to %s", ", ".join(p.name for p in written), out)
    return written


def _export_incidents(store: Any, out: Path, fmt: str) -> Path | None:
    source = _incident_source(store)
    if source is None:
        logger.warning("the store has no incidents API yet: incidents not exported")
        return None
    writer = _TableWriter(out / f"incidents.{fmt}", fmt, None)
    writer.write([_incident_row(i) for i in source()])
    path = writer.close()
    if path is None:
        logger.info("no incidents in the store: incidents.%s not written", fmt)
    return path


# --------------------------------------------------------------------------- GDELT GKG

#: The 27 columns of a GDELT GKG 2.1 record, in file order (files carry no header).
GKG_COLUMNS = (
    "GKGRECORDID", "V2.1DATE", "V2SOURCECOLLECTIONIDENTIFIER", "V2SOURCECOMMONNAME",
    "V2DOCUMENTIDENTIFIER", "V1COUNTS", "V2.1COUNTS", "V1THEMES", "V2ENHANCEDTHEMES",
    "V1LOCATIONS", "V2ENHANCEDLOCATIONS", "V1PERSONS", "V2ENHANCEDPERSONS",
    "V1ORGANIZATIONS", "V2ENHANCEDORGANIZATIONS", "V1.5TONE", "V2.1ENHANCEDDATES",
    "V2GCAM", "V2.1SHARINGIMAGE", "V2.1RELATEDIMAGES", "V2.1SOCIALIMAGEEMBEDS",
    "V2.1SOCIALVIDEOEMBEDS", "V2.1QUOTATIONS", "V2.1ALLNAMES", "V2.1AMOUNTS",
    "V2.1TRANSLATIONINFO", "V2EXTRASXML",
)
_PERSON_TYPES = {"PERSON"}
_PLACE_TYPES = {"GPE", "LOC", "FAC"}
_NAME_TYPES = _PERSON_TYPES | _PLACE_TYPES | {"ORG", "GOV", "MIL", "NORP"}


def _gkg_text(value: Any) -> str:
    """A value safe inside a GKG field: no tabs, newlines or GKG delimiters."""
    text = "" if value is None else str(value)
    for ch in "\t\r\n;#|":
        text = text.replace(ch, " ")
    return " ".join(text.split())


def _gkg_name(value: Any) -> str:
    return _gkg_text(value).replace(",", " ")


@lru_cache(maxsize=1)
def _count_types() -> list[tuple[str, tuple[str, ...]]]:
    from rashomon.resources import load_data

    data = load_data("gkg.yaml")
    return [(entry["id"], tuple(w.lower() for w in entry["words"]))
            for entry in data["count_types"]]


def gkg_count_type(claim: Claim) -> str:
    """GKG count type (KILL, WOUND, ARREST, ...) for a claim, by its predicate and object."""
    words = re.findall(r"[a-z]+", f"{claim.predicate or ''} {claim.object or ''}".lower())
    for type_id, cues in _count_types():
        if any(word.startswith(cues) for word in words):
            return type_id
    return "CLAIM"


def _gkg_date(published: str | None) -> str:
    if not published:
        return ""
    try:
        day = date.fromisoformat(published[:10])
    except ValueError:
        return ""
    return day.strftime("%Y%m%d") + "000000"


def _gkg_counts(article: Article, enhanced: bool) -> str:
    out = []
    for claim in article.claims:
        if claim.value is None:
            continue
        parts = [gkg_count_type(claim), str(int(claim.value)), _gkg_name(claim.object),
                 "", "", "", "", "", "", ""]
        if enhanced:
            parts.append(str(claim.start))
        out.append("#".join(parts))
    return ";".join(out)


def _gkg_themes(article: Article, enhanced: bool) -> str:
    themes = []
    for frame in article.frames:
        theme = _gkg_name(f"FRAME_{frame.category}_{frame.leaning}".upper().replace(" ", "_"))
        themes.append(f"{theme},{frame.start}" if enhanced else theme)
    for event in article.events:
        theme = f"PLOVER_{_gkg_name(event.type).upper()}"
        themes.append(f"{theme},{event.start}" if enhanced else theme)
    return ";".join(themes if enhanced else dict.fromkeys(themes))


def _gkg_actors(article: Article, types: set[str], enhanced: bool) -> str:
    out: list[str] = []
    for actor in article.actors:
        if actor.type not in types:
            continue
        name = _gkg_name(actor.name)
        if enhanced:
            out.extend(f"{name},{start}" for start, _end in actor.mentions)
        elif name not in out:
            out.append(name)
    return ";".join(out)


def _gkg_location_type(actor: Actor) -> str:
    """GKG location type: 1 for a country actor (id = ISO alpha-3), else 4 (world city)."""
    is_country = actor.type == "GPE" and len(actor.id) == 3 and actor.id.isalpha() \
        and actor.id.isupper()
    return "1" if is_country else "4"


def _gkg_locations(article: Article, enhanced: bool) -> str:
    out = []
    for actor in article.actors:
        if actor.type not in _PLACE_TYPES:
            continue
        head = [_gkg_location_type(actor), _gkg_name(actor.name), actor.country or "", ""]
        if enhanced:  # + ADM2, lat, long, feature id, offset
            offset = str(actor.mentions[0][0]) if actor.mentions else ""
            out.append("#".join(head + ["", "", "", "", offset]))
        else:  # + lat, long, feature id
            out.append("#".join(head + ["", "", ""]))
    return ";".join(out)


def _gkg_dates(article: Article) -> str:
    out: list[str] = []
    for t in article.times:
        if t.type != "DATE" or not t.value:
            continue
        parts = t.value.split("-")
        resolution = {1: "1", 2: "2", 3: "4"}.get(len(parts))
        if resolution is None or not all(p.isdigit() for p in parts):
            continue
        year, month, day = (parts + ["0", "0"])[:3]
        out.append("#".join([resolution, str(int(month)), str(int(day)), year, str(t.start)]))
    return ";".join(out)


def _gkg_quotes(article: Article) -> str:
    return "#".join("|".join([str(q.start), str(q.end - q.start), _gkg_text(q.cue),
                              _gkg_text(q.content)]) for q in article.quotes)


def _gkg_all_names(article: Article) -> str:
    out: list[str] = []
    for actor in article.actors:
        if actor.type in _NAME_TYPES:
            out.extend(f"{_gkg_name(actor.name)},{start}" for start, _end in actor.mentions)
    return ";".join(out)


def _gkg_amounts(article: Article) -> str:
    return ";".join(f"{c.value:g},{_gkg_name(c.object)},{c.start}"
                    for c in article.claims if c.value is not None)


def _xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def gkg_record(article: Article) -> list[str]:
    """One GKG 2.1-like record (27 fields, see docs/export.md) for an analysed article."""
    day = _gkg_date(article.published)
    words = len(article.text.split())
    extras = f"<PAGE_TITLE>{_xml_escape(_gkg_text(article.title))}</PAGE_TITLE>"
    if article.author:
        extras += f"<PAGE_AUTHORS>{_xml_escape(_gkg_text(article.author))}</PAGE_AUTHORS>"
    return [
        f"{day or 'NODATE'}-{article.id}", day, "1",
        _gkg_text(article.outlet.domain or article.outlet.name),
        _gkg_text(article.url or article.source),
        _gkg_counts(article, False), _gkg_counts(article, True),
        _gkg_themes(article, False), _gkg_themes(article, True),
        _gkg_locations(article, False), _gkg_locations(article, True),
        _gkg_actors(article, _PERSON_TYPES, False), _gkg_actors(article, _PERSON_TYPES, True),
        _gkg_actors(article, _NAME_TYPES - _PERSON_TYPES - _PLACE_TYPES - {"NORP"}, False),
        _gkg_actors(article, _NAME_TYPES - _PERSON_TYPES - _PLACE_TYPES - {"NORP"}, True),
        f"0,0,0,0,0,0,{words}", _gkg_dates(article), f"wc:{words}", "", "", "", "",
        _gkg_quotes(article), _gkg_all_names(article), _gkg_amounts(article), "", extras,
    ]


def export_gkg(store: Any, out: Path, *, header: bool = False) -> Path:
    """Write the store's articles as a GDELT-GKG-2.1-like tab-separated file.

    GDELT's own files have no header row; ``header=True`` adds one with the GKG
    column names. Which of our fields fill which column: docs/export.md.
    """
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    count = 0
    with open(tmp, "w", encoding="utf-8", newline="") as fh:
        if header:
            fh.write("\t".join(GKG_COLUMNS) + "\n")
        for article in store.iter_articles():
            fh.write("\t".join(gkg_record(article)) + "\n")
            count += 1
    os.replace(tmp, out)
    logger.info("wrote %d GKG records to %s", count, out)
    return out

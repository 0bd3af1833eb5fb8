"""The ``rashomon`` command: parse arguments, call one library function, print.

Exit status: 0 when anything was done, 1 when every input failed, 2 for usage errors.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.logging import RichHandler
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from rashomon import __version__
from rashomon.errors import RashomonError, UsageError

console = Console()
err_console = Console(stderr=True)
logger = logging.getLogger("rashomon")

DEFAULT_DB = "rashomon.db"


def _setup_logging(verbose: int) -> None:
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(level=level, format="%(message)s", datefmt="[%X]",
                        handlers=[RichHandler(console=err_console, show_path=False)])


def version_text() -> str:
    """Version line: rashomon, spaCy and the English model actually found."""
    import spacy

    from rashomon.analyze.pipeline import find_model

    found = find_model()
    model = f"{found[0]} {found[1]}" if found else "no English model installed"
    return f"rashomon {__version__} (spaCy {spacy.__version__}, model {model})"


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(version_text())
        ctx.exit()


class _Group(click.Group):
    """Turns library errors into clean messages: usage problems exit 2, the rest 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except UsageError as exc:
            raise click.UsageError(str(exc), ctx) from None
        except RashomonError as exc:
            raise click.ClickException(str(exc)) from None


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True,
              callback=_print_version, help="Show versions (and the spaCy model found) and exit.")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
def main(verbose: int) -> None:
    """rashomon: conflict news from every side, lined up claim by claim."""
    _setup_logging(verbose)


def _options(**kw: Any):
    from rashomon.pipeline import Options

    if kw.get("country") and len(kw["country"]) != 2 and kw["country"].upper() != "INTL":
        raise click.BadParameter("use an ISO 3166 alpha-2 code such as PK or IN",
                                 param_hint="--country")
    if kw.get("published"):
        from datetime import date

        try:
            date.fromisoformat(kw["published"])
        except ValueError:
            raise click.BadParameter("use YYYY-MM-DD", param_hint="--published") from None
    if kw.get("country"):
        kw["country"] = kw["country"].upper()
    return Options(**kw)


def _check_file(path: str | None, flag: str) -> None:
    if path and not Path(path).is_file():
        raise click.BadParameter(f"no such file: {path}", param_hint=flag)


_metadata_options = [
    click.option("--published", help="Publication date (YYYY-MM-DD) for inputs that lack one."),
    click.option("--url", help="URL for inputs that lack one."),
    click.option("--outlet", help="Outlet name for inputs that lack one."),
    click.option("--country", help="Outlet country (ISO alpha-2) for inputs that lack one."),
    click.option("--outlets", "outlets", help="Extra outlet registry entries (JSON or YAML list)."),
    click.option("--frames", "frames", help="Extra framing lexicon (YAML)."),
    click.option("--allow-private", is_flag=True,
                 help="Allow fetching URLs on private, loopback or link-local addresses."),
]


def metadata_options(func):
    """Attach the options shared by ``ingest`` and ``analyze``."""
    for option in reversed(_metadata_options):
        func = option(func)
    return func


def _progress() -> Progress:
    return Progress(SpinnerColumn(), TextColumn("[bold]{task.description}"), BarColumn(),
                    MofNCompleteColumn(), TextColumn("{task.fields[rate]}"), TimeElapsedColumn(),
                    console=err_console, transient=False)


def _count_hint(inputs: Sequence[str]) -> int | None:
    try:
        from rashomon.ingest import count_inputs

        return count_inputs(list(inputs))
    except Exception:  # noqa: BLE001 - only a hint for the progress bar
        return None


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--db", default=DEFAULT_DB, show_default=True, help="SQLite store to write.")
@click.option("--no-analyze", is_flag=True, help="Store extracted text only, skip the NLP stage.")
@metadata_options
def ingest(inputs: tuple[str, ...], db: str, no_analyze: bool, allow_private: bool,
           **meta: Any) -> None:
    """Read INPUTS (files, directories, URLs, feeds, WARC, JSONL) into the store."""
    import time

    from rashomon.pipeline import ingest as run_ingest
    from rashomon.store import open_store

    _check_file(meta.get("outlets"), "--outlets")
    _check_file(meta.get("frames"), "--frames")
    options = _options(analyze=not no_analyze, **meta)
    total = _count_hint(inputs)
    started = time.monotonic()
    with open_store(db) as store, _progress() as progress:
        task = progress.add_task("ingest", total=total, rate="")

        def advance(n: int) -> None:
            progress.advance(task, n)
            done = progress.tasks[0].completed
            progress.update(task, rate=f"{done / max(time.monotonic() - started, 1e-6):.1f}/s")

        summary = run_ingest(inputs, store, options, allow_private=allow_private,
                             progress=advance)
    _print_summary(summary, db)
    if summary.stored + summary.copies + summary.duplicates == 0:
        sys.exit(1)


def _print_summary(summary, db: str) -> None:
    table = Table(title=f"ingest into {db}")
    table.add_column("result")
    table.add_column("count", justify="right")
    table.add_row("stored", str(summary.stored))
    table.add_row("syndicated copies (linked)", str(summary.copies))
    table.add_row("duplicates (not stored again)", str(summary.duplicates))
    table.add_row("stored, analysis skipped (language)", str(summary.skipped_language))
    table.add_row("failed", str(len(summary.failed)))
    console.print(table)
    if summary.failed:
        fails = Table(title="failures")
        fails.add_column("input", overflow="fold")
        fails.add_column("stage")
        fails.add_column("reason", overflow="fold")
        for f in summary.failed:
            fails.add_row(f.source, f.stage, f.reason)
        console.print(fails)


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="jsonl",
              show_default=True)
@click.option("--no-analyze", is_flag=True, help="Extract only (text and metadata), no NLP.")
@metadata_options
def analyze(inputs: tuple[str, ...], fmt: str, no_analyze: bool, allow_private: bool,
            **meta: Any) -> None:
    """Analyse INPUTS without storing; print one JSON object per article."""
    from rashomon.ingest import iter_inputs
    from rashomon.iterutil import chunked
    from rashomon.models import Failure
    from rashomon.pipeline import process_batch

    _check_file(meta.get("outlets"), "--outlets")
    _check_file(meta.get("frames"), "--frames")
    options = _options(analyze=not no_analyze, **meta)
    ok = failed = 0
    for chunk in chunked(iter_inputs(list(inputs), allow_private=allow_private), 16):
        for item in process_batch(chunk, options):
            if isinstance(item, Failure):
                failed += 1
                err_console.print(f"[red]failed[/red] {item.source}: {item.reason}",
                                  markup=True, highlight=False)
                continue
            ok += 1
            if fmt == "jsonl":
                sys.stdout.write(json.dumps(item.to_dict(), ensure_ascii=False) + "\n")
            else:
                from rashomon.view import print_article_analysis

                print_article_analysis(console, item)
    sys.stdout.flush()
    if ok == 0 and failed:
        sys.exit(1)


@main.command()
@click.option("--db", default=DEFAULT_DB, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
@click.option("--limit", default=100, show_default=True, type=click.IntRange(1, 100000))
@click.option("--offset", default=0, type=click.IntRange(0))
@click.option("--country", help="Only outlets of this country (ISO alpha-2).")
def articles(db: str, fmt: str, limit: int, offset: int, country: str | None) -> None:
    """List stored articles."""
    from rashomon.store import open_store

    _need_db(db)
    with open_store(db) as store:
        rows = store.list_articles(limit=limit, offset=offset,
                                   country=country.upper() if country else None)
    if fmt == "json":
        click.echo(json.dumps([_article_row(a) for a in rows], ensure_ascii=False, indent=2))
        return
    table = Table(title=f"articles in {db}")
    for col in ("id", "published", "outlet", "country", "lang", "title", "copy of"):
        table.add_column(col, overflow="fold")
    for a in rows:
        r = _article_row(a)
        table.add_row(r["id"], r["published"] or "", r["outlet"] or "", r["country"] or "",
                      r["language"] or "", r["title"] or "", r["copy_of"] or "")
    console.print(table)


def _article_row(a) -> dict[str, Any]:
    return {"id": a.id, "published": a.published, "outlet": a.outlet.name,
            "country": a.outlet.country, "language": a.language, "title": a.title,
            "url": a.url, "copy_of": a.copy_of}


def _need_db(db: str) -> None:
    if not Path(db).exists():
        raise click.BadParameter(f"no store at {db}; run `rashomon ingest ... --db {db}` first",
                                 param_hint="--db")


@main.command()
@click.argument("article_id")
@click.option("--db", default=DEFAULT_DB, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "analysis"]), default="text",
              show_default=True)
def show(article_id: str, db: str, fmt: str) -> None:
    """Show one stored article: cleaned text and metadata."""
    from rashomon.store import open_store
    from rashomon.view import print_article, print_article_analysis

    _need_db(db)
    with open_store(db) as store:
        article = store.get_article(article_id)
    if fmt == "json":
        click.echo(json.dumps(article.to_dict(), ensure_ascii=False, indent=2))
    elif fmt == "analysis":
        print_article_analysis(console, article)
    else:
        print_article(console, article)


@main.command()
@click.option("--db", default=DEFAULT_DB, show_default=True)
@click.option("--include-copies", is_flag=True, help="Also show syndicated copies.")
def review(db: str, include_copies: bool) -> None:
    """Show, for each stored article, its quotes, claims, events and framing."""
    from rashomon.store import open_store
    from rashomon.view import print_article_analysis

    _need_db(db)
    with open_store(db) as store:
        for article in store.iter_articles():
            if article.copy_of and not include_copies:
                console.print(f"[dim]{article.title} ({article.outlet.name}): syndicated copy of "
                              f"{article.copy_of}, not shown again[/dim]")
                continue
            print_article_analysis(console, article)


@main.command()
@click.option("--db", default=DEFAULT_DB, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
@click.option("--rebuild", is_flag=True, help="Cluster every article again from scratch.")
def incidents(db: str, fmt: str, rebuild: bool) -> None:
    """Group stored articles into incidents and list each one's contradictions."""
    from rashomon.compare import incidents_json
    from rashomon.pipeline import update_incidents
    from rashomon.store import open_store

    _need_db(db)
    with open_store(db) as store:
        found, articles = update_incidents(store, rebuild=rebuild)
    data = incidents_json(found, articles)
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    table = Table(title=f"incidents in {db}")
    table.add_column("id", no_wrap=True)
    table.add_column("label", min_width=28, overflow="fold")
    table.add_column("dates", no_wrap=True)
    for col in ("arts", "contra", "revised"):
        table.add_column(col, justify="right", no_wrap=True)
    for inc in data["incidents"]:
        kinds = [c["kind"] for c in inc["contradictions"]]
        start, end = inc["start"] or "", inc["end"] or ""
        dates = start if start == end else \
            f"{start}..{end[5:] if end[:4] == start[:4] else end}"
        table.add_row(inc["id"], inc["label"], dates or "", str(len(inc["articles"])),
                      str(kinds.count("contradiction")), str(kinds.count("revision")))
    console.print(table)


@main.command()
@click.argument("incident", required=False)
@click.option("--db", default=DEFAULT_DB, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["md", "html", "json"]), default="md",
              show_default=True)
@click.option("--all", "all_", is_flag=True, help="Write a dossier for every incident.")
@click.option("--out", type=click.Path(file_okay=False), help="Folder to write dossier files into.")
def dossier(incident: str | None, db: str, fmt: str, all_: bool, out: str | None) -> None:
    """Side-by-side dossier of INCIDENT (or of --all incidents into --out)."""
    from rashomon.compare import build_dossier
    from rashomon.pipeline import find_incident, update_incidents
    from rashomon.report import render_dossier, write_dossiers
    from rashomon.store import open_store

    _need_db(db)
    if not incident and not all_:
        raise click.UsageError("give an INCIDENT id (see `rashomon incidents`) or --all")
    if all_ and not out:
        raise click.UsageError("--all needs --out FOLDER")
    with open_store(db) as store:
        found, articles = update_incidents(store)
    chosen = found if all_ else [find_incident(found, incident or "")]
    if out:
        paths = write_dossiers(chosen, articles, out, fmt)
        for path in paths:
            console.print(f"wrote {path}")
        return
    click.echo(render_dossier(build_dossier(chosen[0], articles), fmt))


@main.command()
@click.option("--db", default=DEFAULT_DB, show_default=True, help="SQLite store to serve.")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--token", envvar="RASHOMON_TOKEN", default=None,
              help="Enable POST /api/v1/ingest for requests with 'Authorization: Bearer TOKEN' "
                   "(or set RASHOMON_TOKEN).")
def serve(db: str, host: str, port: int, token: str | None) -> None:
    """Serve the web app and REST API over the store (read-only without a token)."""
    from rashomon.serve import serve as run_server

    run_server(db, host, port, token)


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--out", required=True, type=click.Path(file_okay=False),
              help="Folder for the Parquet shards and manifest.json.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True)
@click.option("--scheduler", help="Dask scheduler address (tcp://...) or scheduler file; "
                                  "without it a LocalCluster is started.")
@click.option("-j", "--jobs", type=click.IntRange(1), help="Worker processes (default: cores).")
@click.option("--chunk-size", default=64, show_default=True, type=click.IntRange(1, 100000))
@click.option("--no-analyze", is_flag=True, help="Extract only, skip the NLP stage.")
@metadata_options
def batch(inputs: tuple[str, ...], out: str, engine: str, scheduler: str | None,
          jobs: int | None, chunk_size: int, no_analyze: bool, allow_private: bool,
          **meta: Any) -> None:
    """Analyse INPUTS in parallel into resumable Parquet shards (rerun to resume)."""
    import time

    from rashomon.batch import run_batch

    _check_file(meta.get("outlets"), "--outlets")
    _check_file(meta.get("frames"), "--frames")
    options = _options(analyze=not no_analyze, **meta)
    started = time.monotonic()
    with _progress() as progress:
        task = progress.add_task(f"batch ({engine})", total=None, rate="")

        def report(done: int, total: int | None) -> None:
            elapsed = max(time.monotonic() - started, 1e-6)
            progress.update(task, completed=done, total=total,
                            rate=f"{done / elapsed:.1f} articles/s")

        summary = run_batch(list(inputs), out, engine=engine, jobs=jobs, scheduler=scheduler,
                            chunk_size=chunk_size, options=options,
                            allow_private=allow_private, progress=report)
    table = Table(title=f"batch into {out}")
    table.add_column("result")
    table.add_column("count", justify="right")
    for key, value in (("shards in all", summary.shards), ("shards written now", summary.written),
                       ("shards already done (skipped)", summary.skipped),
                       ("articles", summary.articles), ("failed inputs", summary.failures),
                       ("articles/s", f"{summary.articles_per_second:.1f}")):
        table.add_row(key, str(value))
    console.print(table)
    if summary.articles == 0 and summary.failures:
        sys.exit(1)


@main.command()
@click.argument("shards", type=click.Path(exists=True, file_okay=False))
@click.option("--db", default=DEFAULT_DB, show_default=True)
def load(shards: str, db: str) -> None:
    """Load the Parquet shards of `rashomon batch` into the store (idempotent)."""
    from rashomon.batch import load_shards
    from rashomon.store import open_store

    with open_store(db) as store:
        summary = load_shards(shards, store)
    table = Table(title=f"load {shards} into {db}")
    table.add_column("result")
    table.add_column("count", justify="right")
    for key, value in (("shards", summary.shards), ("articles", summary.articles),
                       ("stored", summary.stored), ("syndicated copies", summary.copies),
                       ("duplicates (already stored)", summary.duplicates),
                       ("failed inputs in the shards", summary.failures),
                       ("refused by the store", len(summary.errors))):
        table.add_row(key, str(value))
    console.print(table)
    for failure in summary.errors:
        err_console.print(f"[red]refused[/red] {failure.source}: {failure.reason}",
                          highlight=False)


@main.command()
@click.option("--db", default=DEFAULT_DB, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["parquet", "csv", "jsonl", "gkg"]),
              default="parquet", show_default=True)
@click.option("--out", required=True, type=click.Path(),
              help="Folder (parquet/csv/jsonl) or file (gkg TSV) to write.")
@click.option("--tables", help="Comma-separated tables (default: articles, quotes, claims, "
                               "events, frames, incidents).")
def export(db: str, fmt: str, out: str, tables: str | None) -> None:
    """Export the store as Parquet, CSV or JSONL tables, or a GDELT-GKG-like TSV."""
    from rashomon.export import DEFAULT_EXPORT, export_gkg, export_store
    from rashomon.store import open_store

    _need_db(db)
    chosen = tuple(t.strip() for t in tables.split(",") if t.strip()) if tables else DEFAULT_EXPORT
    with open_store(db) as store:
        if fmt == "gkg":
            paths = [export_gkg(store, Path(out))]
        else:
            paths = export_store(store, Path(out), fmt, chosen)
    for path in paths:
        console.print(f"wrote {path}")


def run() -> None:
    """Console-script entry point."""
    main()


if __name__ == "__main__":  # pragma: no cover
    run()

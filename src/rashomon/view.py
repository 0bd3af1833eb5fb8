"""Rich terminal views of articles and their analysis (used by the CLI and the demo)."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from rashomon.models import Article


def _fmt_num(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def claim_value(low: float | None, high: float | None, value: float | None) -> str:
    """'24-28', 'at least 2', '6' from a claim's bounds."""
    if low is not None and high is not None and low != high:
        return f"{_fmt_num(low)}-{_fmt_num(high)}"
    if low is not None and high is None and value is not None:
        return f"at least {_fmt_num(low)}"
    return _fmt_num(value if value is not None else low)


def _meta_table(article: Article) -> Table:
    meta = Table.grid(padding=(0, 2))
    meta.add_column(style="bold")
    meta.add_column()
    o = article.outlet
    rows = [("id", article.id), ("title", article.title), ("standfirst", article.standfirst),
            ("outlet", f"{o.name or ''} ({o.domain or '?'}, {o.country or 'country unknown'})"),
            ("published", article.published), ("author", article.author), ("url", article.url),
            ("language", article.language),
            ("dateline", article.dateline.text if article.dateline else None),
            ("copy of", article.copy_of),
            ("cleanup rules", ", ".join(article.cleanup) if article.cleanup else None),
            ("errors", "; ".join(article.errors) if article.errors else None)]
    for key, value in rows:
        if value:
            meta.add_row(key, Text(str(value)))
    return meta


def print_article(console: Console, article: Article) -> None:
    """Metadata and cleaned text of one article."""
    console.print(Panel(_meta_table(article), title="article", expand=False))
    console.print(Text(article.text))


def _table(title: str, columns: list[str]) -> Table:
    table = Table(title=title, title_justify="left", show_lines=False, expand=True)
    for col in columns:
        table.add_column(col, overflow="fold")
    return table


def analysis_tables(article: Article) -> list[Table]:
    """One rich table per concern that found something."""
    tables = []
    if article.quotes:
        t = _table("quotes", ["speaker", "kind", "cue", "content"])
        for q in article.quotes:
            t.add_row(Text(q.speaker or "?"), q.kind, Text(q.cue or ""), Text(q.content))
        tables.append(t)
    if article.claims:
        t = _table("claims", ["claimant", "hedge", "value", "object", "predicate"])
        for c in article.claims:
            t.add_row(Text(c.claimant or "?"), c.hedge, claim_value(c.low, c.high, c.value),
                      Text(c.object or ""), Text(c.predicate or ""))
        tables.append(t)
    if article.events:
        t = _table("events", ["type", "actor", "target", "mode", "date", "source", "text"])
        for e in article.events:
            flags = (" (negated)" if e.negated else "") + (" (hypothetical)" if e.hypothetical else "")
            t.add_row(e.type + flags, Text(e.actor or ""), Text(e.target or ""), e.mode or "",
                      e.date or "", Text(e.source or ""), Text(e.text[:160]))
        tables.append(t)
    if article.frames:
        t = _table("framing", ["term", "leaning", "neutral equivalent", "category"])
        for f in article.frames:
            t.add_row(Text(f.text), f.leaning, Text(f.neutral or ""), f.category)
        tables.append(t)
    if article.times:
        t = _table("times", ["text", "type", "value"])
        for x in article.times:
            t.add_row(Text(x.text), x.type, x.value or "")
        tables.append(t)
    return tables


def print_article_analysis(console: Console, article: Article) -> None:
    """The readable view of what the analysis found in one article."""
    header = _meta_table(article)
    parts: list = [header]
    if article.leaning and article.leaning.scores:
        scores = ", ".join(f"{k} {v:.2f}" for k, v in sorted(article.leaning.scores.items()))
        parts.append(Text(f"framing leaning: {scores}; inferred side "
                          f"{article.leaning.inferred_side or 'unclear'}; registry side "
                          f"{article.leaning.registry_side or 'unknown'}"))
    parts.extend(analysis_tables(article) or [Text("(no quotes, claims, events or frames found)")])
    console.print(Panel(Group(*parts), title=Text(article.title or article.id), expand=True))

#!/usr/bin/env python3
"""Body-extraction F1 of rashomon (ingest + extract, no analysis) against plain trafilatura.

Reads every page of ../shared/eval/article-extraction/html/*.html.gz through
``iter_inputs`` and ``extract_article``, writes the records in the contract's
analyze JSONL shape (id, source, url, title, outlet, published, language,
dateline, text, errors), then runs ../shared/eval/score_extraction.py on them
and on the shipped trafilatura baseline and prints both. Exit status 1 when our
F1 is below the baseline's (or below --min).

    .venv/bin/python scripts/eval_extraction.py [--out FILE] [--min 0.956]
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))  # runs from a checkout without installing

from rashomon.errors import ExtractionError
from rashomon.extract import extract_article
from rashomon.ingest import iter_inputs
from rashomon.models import Failure, RawDocument

EVAL = ROOT.parent / "shared" / "eval"
CONTRACT_FIELDS = ("id", "source", "url", "title", "outlet", "published", "language",
                   "dateline", "text", "errors")


def _record(item: RawDocument | Failure) -> dict[str, object]:
    """One output line for a RawDocument (extracted) or a Failure (empty text, reason kept)."""
    if isinstance(item, Failure):
        return {"id": None, "source": item.source, "text": "", "errors": [item.reason]}
    try:
        article = extract_article(item)
    except ExtractionError as exc:
        return {"id": None, "source": item.source, "text": "", "errors": [str(exc)]}
    data = article.to_dict()
    return {key: data[key] for key in CONTRACT_FIELDS} | {"cleanup": article.cleanup}


def predict(pages: list[Path], out: Path) -> tuple[int, int, float]:
    """Extract every page into ``out``; (pages, failures, seconds)."""
    failures = 0
    t0 = time.perf_counter()
    with out.open("w", encoding="utf-8") as fh:
        for item in iter_inputs([str(p) for p in pages]):
            rec = _record(item)
            failures += bool(rec.get("errors"))
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return len(pages), failures, time.perf_counter() - t0


def score(*args: str) -> str:
    """Run the shared scorer; its printed table."""
    res = subprocess.run([sys.executable, str(EVAL / "score_extraction.py"), *args],
                         check=True, stdout=subprocess.PIPE, text=True)
    return res.stdout.strip()


def f1_of(report: str) -> float:
    m = re.search(r"F1 ([\d.]+)\s*$", report)
    if not m:
        raise SystemExit(f"no F1 in the scorer's output: {report!r}")
    return float(m.group(1))


def main() -> int:
    """Predict, score ours and the trafilatura baseline, compare."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--html-dir", type=Path, default=EVAL / "article-extraction" / "html")
    ap.add_argument("--out", type=Path, default=Path("/tmp/rashomon-extraction.jsonl"))
    ap.add_argument("--min", type=float, help="fail below this F1 as well")
    args = ap.parse_args()
    pages = sorted(args.html_dir.glob("*.html.gz"))
    if not pages:
        raise SystemExit(f"no pages in {args.html_dir} (the shared eval data is beside the repo)")
    n, failures, seconds = predict(pages, args.out)
    ours, base = score("--pred", str(args.out)), score("--baseline", "trafilatura")
    print(f"{n} pages in {seconds:.1f}s ({n / seconds:.0f} pages/s), {failures} without text")
    print(f"ours ({args.out}):\n{ours}\n\nbaseline:\n{base}")
    f_ours, f_base = f1_of(ours), f1_of(base)
    verdict = "OK" if f_ours >= f_base else "BELOW BASELINE"
    print(f"\nrashomon F1 {f_ours:.3f} vs trafilatura baseline F1 {f_base:.3f}: {verdict}")
    floor = max(f_base, args.min or 0.0)
    return 0 if f_ours >= floor else 1


if __name__ == "__main__":
    raise SystemExit(main())

#!/usr/bin/env python3
"""PLOVER event-type accuracy of rashomon's event component, without the CLI.

Writes the scorer's inputs (``score_plover.py --make-inputs``), analyses each
sentence with ``rashomon.analyze.pipeline.Analyzer`` (actors + events when the
actor component is available, else events alone), writes the predictions in the
``rashomon analyze --format jsonl`` shape of ../shared/contract.md and runs the
scorer on them. Usage, from the project root:

    PYTHONPATH=src .venv/bin/python scripts/eval_plover.py --shared ../shared [--min 0.60]
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import json
import logging
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

from spacy.language import Language

from rashomon.analyze.base import DocContext
from rashomon.analyze.pipeline import COMPONENTS, Analyzer
from rashomon.models import Article, Outlet

logger = logging.getLogger("eval_plover")


def components() -> list[str]:
    """Actors + events when the actor component imports and registers, else events."""
    try:
        importlib.import_module(COMPONENTS["rashomon_actors"])
    except Exception as exc:  # noqa: BLE001 - an unfinished sibling module must not stop us
        logger.warning("actors component unavailable (%s): events only", exc)
        return ["rashomon_events"]
    if Language.has_factory("rashomon_actors"):
        return ["rashomon_actors", "rashomon_events"]
    return ["rashomon_events"]


def read_inputs(path: Path) -> list[dict[str, Any]]:
    """The JSONL records written by ``score_plover.py --make-inputs``."""
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def to_contract(rec: dict[str, Any], source: str, analysis: Any) -> dict[str, Any]:
    """One prediction line in the contract shape."""
    art = Article(
        id=hashlib.sha1(rec["url"].encode()).hexdigest()[:16], source=source,
        url=rec["url"], title=None, outlet=Outlet(), published=rec.get("published"),
        language="en", dateline=None, text=rec["text"], actors=analysis.actors,
        quotes=analysis.quotes, claims=analysis.claims, times=analysis.times,
        events=analysis.events, frames=analysis.frames, leaning=analysis.leaning,
        analyzed=True)
    return art.to_dict()


def predict(inputs: Path, out: Path, names: list[str]) -> tuple[float, float]:
    """Analyse every input record into ``out``; returns (seconds spent analysing,
    mean events per record: the scorer accepts any event of the gold type)."""
    recs = read_inputs(inputs)
    analyzer = Analyzer(components=names)
    items = [(r["text"], DocContext(published=date.fromisoformat(r["published"])
                                    if r.get("published") else None)) for r in recs]
    t0 = time.perf_counter()
    n_events = 0
    with out.open("w", encoding="utf-8") as f:
        for n, (rec, analysis) in enumerate(zip(recs, analyzer.pipe(items), strict=True), 1):
            line = to_contract(rec, f"{inputs}:{n}", analysis)
            n_events += len(analysis.events)
            f.write(json.dumps(line, ensure_ascii=False) + "\n")
    return time.perf_counter() - t0, n_events / max(len(recs), 1)


def main() -> int:
    """Make inputs, predict, score; the scorer's exit status is ours."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default="../shared", help="the shared folder (eval/ inside)")
    ap.add_argument("--work", default="/tmp/plover", help="folder for inputs and predictions")
    ap.add_argument("--split", default="dev", choices=["dev", "test", "all"])
    ap.add_argument("--min", type=float, default=None, help="fail below this type accuracy")
    a = ap.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    scorer = Path(a.shared) / "eval" / "score_plover.py"
    work = Path(a.work)
    subprocess.run([sys.executable, str(scorer), "--split", a.split, "--make-inputs", str(work)],
                   check=True)
    names = components()
    pred = work / f"plover-{a.split}-pred.jsonl"
    secs, per = predict(work / f"plover-{a.split}.jsonl", pred, names)
    logger.info("components %s; analysed in %.1f s; %.2f events per record; predictions in %s",
                names, secs, per, pred)
    cmd = [sys.executable, str(scorer), "--split", a.split, "--pred", str(pred)]
    if a.min is not None:
        cmd += ["--min", str(a.min)]
    return subprocess.run(cmd, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())

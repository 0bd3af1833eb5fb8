#!/usr/bin/env python3
"""Measure attribution (quotes) on PolNeAR with the actors + quotes components only.

Writes the split as JSONL with the shared scorer (``--make-jsonl``), analyses
every text with ``Analyzer(["rashomon_actors", "rashomon_quotes"])``, writes
predictions in the analyze-JSONL contract shape and runs the scorer on them.
Does not need the CLI. With ``--bench`` it also times bare spaCy ``nlp.pipe``
against the analysis on the same texts and prints the throughput ratio.

    PYTHONPATH=src .venv/bin/python scripts/eval_polnear.py [--bench] [--min-f1 0.5]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rashomon.analyze.base import DocContext
from rashomon.analyze.pipeline import Analyzer, load_model
from rashomon.models import Article, Outlet

logger = logging.getLogger("eval_polnear")
ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
COMPONENTS = ["rashomon_actors", "rashomon_quotes"]


def make_inputs(scorer: Path, split: str, path: Path) -> list[dict]:
    """Have the scorer write the split as JSONL, and read it back."""
    subprocess.run([sys.executable, str(scorer), "--split", split, "--make-jsonl", str(path)],
                   check=True, capture_output=True, text=True)
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def to_article(rec: dict, analysis) -> dict:
    """One prediction line in the contract's analyze-JSONL shape."""
    url = rec.get("url")
    art = Article(id=hashlib.sha1((url or rec["text"]).encode()).hexdigest()[:16],
                  source=url or "", url=url, title=rec.get("title"),
                  outlet=Outlet(name=rec.get("outlet")), published=rec.get("published"),
                  language="en", dateline=None, text=rec["text"],
                  actors=analysis.actors, quotes=analysis.quotes, analyzed=True)
    return art.to_dict()


def analyse(records: list[dict], out: Path) -> float:
    """Analyse all texts, write predictions, return the seconds the analysis took."""
    analyzer = Analyzer(components=COMPONENTS)
    t0 = time.perf_counter()
    items = [(r["text"], DocContext(outlet_name=r.get("outlet"))) for r in records]
    results = list(analyzer.pipe(items))
    took = time.perf_counter() - t0
    with out.open("w", encoding="utf-8") as f:
        for rec, res in zip(records, results):
            f.write(json.dumps(to_article(rec, res), ensure_ascii=False) + "\n")
    return took


def bare_spacy_seconds(records: list[dict]) -> float:
    """Seconds bare ``nlp.pipe`` of the same model takes on the same texts."""
    nlp = load_model()
    t0 = time.perf_counter()
    for _ in nlp.pipe((r["text"] for r in records), batch_size=32):
        pass
    return time.perf_counter() - t0


def score(scorer: Path, split: str, pred: Path) -> tuple[float, float, str]:
    """Run the shared scorer; (content F1, speaker accuracy, its full output)."""
    res = subprocess.run([sys.executable, str(scorer), "--split", split, "--pred", str(pred)],
                         check=False, capture_output=True, text=True)
    out = res.stdout + res.stderr
    m = re.search(r"content F1 ([\d.]+) speaker-acc ([\d.]+)", out)
    if m is None:
        raise SystemExit(f"scorer failed:\n{out}")
    return float(m.group(1)), float(m.group(2)), out


def main() -> int:
    """Run the evaluation; exit 1 when a figure is below its floor."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--eval-dir", type=Path, default=EVAL, help="the shared eval folder")
    ap.add_argument("--split", default="dev", choices=["dev", "test"])
    ap.add_argument("--pred", type=Path, default=None, help="where to keep the predictions")
    ap.add_argument("--bench", action="store_true", help="also time bare spaCy on the texts")
    ap.add_argument("--min-f1", type=float, default=None)
    ap.add_argument("--min-speaker", type=float, default=None)
    a = ap.parse_args()
    scorer = a.eval_dir / "score_polnear.py"
    with tempfile.TemporaryDirectory() as tmp:
        records = make_inputs(scorer, a.split, Path(tmp) / "inputs.jsonl")
        pred = a.pred or Path(tmp) / "pred.jsonl"
        took = analyse(records, pred)
        f1, spk, out = score(scorer, a.split, pred)
    print(out.rstrip())
    print(f"analysed {len(records)} texts in {took:.1f}s")
    if a.bench:
        bare = bare_spacy_seconds(records)
        print(f"analysis/spacy throughput ratio {bare / took:.2f}")
    low = (a.min_f1 is not None and f1 < a.min_f1) or \
        (a.min_speaker is not None and spk < a.min_speaker)
    return 1 if low else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""TimeBank DATE/DURATION value F1 of the rashomon time component, without the CLI.

Makes the scorer's inputs (../shared/eval/score_tempeval.py --make-inputs),
runs the analysis pipeline with only ``rashomon_times`` (the publication date
of each document is its creation time), writes predictions in the contract's
analyze JSONL shape and runs the scorer on them. Exit status is the scorer's
(1 when value F1 < --min).

    PYTHONPATH=src .venv/bin/python scripts/eval_tempeval.py [--split dev] [--min 0.65]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import time
from dataclasses import asdict
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCORER = ROOT.parent / "shared" / "eval" / "score_tempeval.py"


def make_inputs(workdir: Path, split: str) -> Path:
    """Have the scorer write its input JSONL; return its path."""
    subprocess.run([sys.executable, str(SCORER), "--make-inputs", str(workdir), "--split", split],
                   check=True, stdout=subprocess.DEVNULL)
    return workdir / f"tempeval-{split}.jsonl"


def predict(inputs: Path, out: Path) -> tuple[int, float]:
    """Analyse every document of ``inputs`` into ``out``; (documents, seconds)."""
    from rashomon.analyze.base import DocContext
    from rashomon.analyze.pipeline import Analyzer

    rows = [json.loads(line) for line in inputs.read_text(encoding="utf-8").splitlines() if line]
    analyzer = Analyzer(components=["rashomon_times"])
    items = [(r["text"], DocContext(published=date.fromisoformat(r["published"])
                                    if r.get("published") else None)) for r in rows]
    t0 = time.perf_counter()
    with out.open("w", encoding="utf-8") as fh:
        for row, analysis in zip(rows, analyzer.pipe(items)):
            fh.write(json.dumps({
                "id": hashlib.sha1(row["url"].encode()).hexdigest()[:16],
                "source": str(inputs), "url": row["url"], "title": row.get("title"),
                "published": row.get("published"), "text": row["text"],
                "times": [asdict(t) for t in analysis.times]}) + "\n")
    return len(rows), time.perf_counter() - t0


def main() -> int:
    """Make inputs, predict, score; return the scorer's exit status."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", default="dev", choices=["dev", "test", "all"])
    ap.add_argument("--workdir", default="/tmp/te", type=Path)
    ap.add_argument("--min", type=float, default=None, help="exit 1 if value F1 < MIN")
    a = ap.parse_args()
    a.workdir.mkdir(parents=True, exist_ok=True)
    inputs = make_inputs(a.workdir, a.split)
    pred = a.workdir / f"tempeval-{a.split}-pred.jsonl"
    n, secs = predict(inputs, pred)
    print(f"analysed {n} documents in {secs:.1f} s ({n / max(secs, 1e-9):.1f} docs/s); "
          f"predictions in {pred}")
    cmd = [sys.executable, str(SCORER), "--pred", str(pred), "--split", a.split]
    if a.min is not None:
        cmd += ["--min", str(a.min)]
    return subprocess.run(cmd, check=False).returncode


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    sys.exit(main())

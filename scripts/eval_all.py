#!/usr/bin/env python3
"""Run every evaluation on ../shared/eval through the CLI and record the figures.

Each set is scored by the scorer shipped beside the data, on the output of
`rashomon analyze` / `rashomon incidents` (the commands are the ones in the
eval README). Prints a table, writes docs/evaluation.md (with --write) and
exits 1 when a figure is below the floor recorded in scripts/eval_floors.json.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLOORS = json.loads((ROOT / "scripts" / "eval_floors.json").read_text())
BIN = Path(sys.executable).parent


def sh(cmd: list[str], out: Path | None = None) -> str:
    """Run a command; its stdout goes to `out` when given, else is returned."""
    if out is not None:
        with out.open("w", encoding="utf-8") as fh:
            subprocess.run(cmd, check=True, stdout=fh, cwd=ROOT)
        return ""
    res = subprocess.run(cmd, check=True, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    return res.stdout


def last_line(text: str) -> str:
    return [ln for ln in text.splitlines() if ln.strip()][-1]


def num(pattern: str, line: str) -> float:
    m = re.search(pattern, line)
    if not m:
        raise SystemExit(f"could not read {pattern!r} from {line!r}")
    return float(m.group(1))


def run_extraction(ev: Path, tmp: Path) -> dict[str, float]:
    pages = tmp / "ae"
    pages.mkdir()
    for f in sorted((ev / "article-extraction" / "html").glob("*.html.gz")):
        (pages / f.name[:-3]).write_bytes(gzip.decompress(f.read_bytes()))
    sh([str(BIN / "rashomon"), "analyze", str(pages), "--no-analyze", "--format", "jsonl"],
       tmp / "ae.jsonl")
    ours = last_line(sh([sys.executable, str(ev / "score_extraction.py"), "--pred",
                         str(tmp / "ae.jsonl")]))
    base = last_line(sh([sys.executable, str(ev / "score_extraction.py"), "--baseline",
                         "trafilatura"]))
    return {"extraction F1 (rashomon)": num(r"F1 ([\d.]+)", ours),
            "extraction F1 (trafilatura baseline)": num(r"F1 ([\d.]+)", base)}


def run_polnear(ev: Path, tmp: Path) -> dict[str, float]:
    sh([sys.executable, str(ev / "score_polnear.py"), "--make-jsonl", str(tmp / "pn.jsonl")])
    sh([str(BIN / "rashomon"), "analyze", str(tmp / "pn.jsonl"), "--format", "jsonl"],
       tmp / "pn-pred.jsonl")
    line = last_line(sh([sys.executable, str(ev / "score_polnear.py"), "--pred",
                         str(tmp / "pn-pred.jsonl")]))
    return {"PolNeAR dev content F1": num(r"content F1 ([\d.]+)", line),
            "PolNeAR dev speaker accuracy": num(r"speaker-acc ([\d.]+)", line)}


def run_plover(ev: Path, tmp: Path) -> dict[str, float]:
    sh([sys.executable, str(ev / "score_plover.py"), "--make-inputs", str(tmp / "pl")])
    sh([str(BIN / "rashomon"), "analyze", str(tmp / "pl" / "plover-dev.jsonl"), "--format",
        "jsonl"], tmp / "pl-pred.jsonl")
    line = last_line(sh([sys.executable, str(ev / "score_plover.py"), "--pred",
                         str(tmp / "pl-pred.jsonl")]))
    return {"PLOVER dev type accuracy": num(r"type-acc ([\d.]+)", line)}


def run_tempeval(ev: Path, tmp: Path) -> dict[str, float]:
    sh([sys.executable, str(ev / "score_tempeval.py"), "--make-inputs", str(tmp / "te")])
    sh([str(BIN / "rashomon"), "analyze", str(tmp / "te" / "tempeval-dev.jsonl"), "--format",
        "jsonl"], tmp / "te-pred.jsonl")
    line = last_line(sh([sys.executable, str(ev / "score_tempeval.py"), "--pred",
                         str(tmp / "te-pred.jsonl")]))
    return {"TimeBank dev value F1": num(r"value-F1 ([\d.]+)", line)}


def run_corpus(ev: Path, tmp: Path) -> dict[str, float]:
    c = ev / "corpus-dev"
    outlets = str(c / "outlets.json")
    sh([str(BIN / "rashomon"), "analyze", str(c / "pages"), "--outlets", outlets, "--format",
        "jsonl"], tmp / "corpus.jsonl")
    db = tmp / "corpus.db"
    sh([str(BIN / "rashomon"), "ingest", str(c / "pages"), "--outlets", outlets, "--db", str(db)])
    sh([str(BIN / "rashomon"), "incidents", "--db", str(db), "--format", "json"],
       tmp / "incidents.json")
    line = last_line(sh([sys.executable, str(ev / "score_corpus.py"), "--gold",
                         str(c / "gold.json"), "--pred-analyze", str(tmp / "corpus.jsonl"),
                         "--pred-incidents", str(tmp / "incidents.json")]))
    found, total = (int(x) for x in re.search(r"contradictions (\d+)/(\d+)", line).groups())
    return {"corpus-dev item recall": num(r"recall ([\d.]+)", line),
            "corpus-dev incident pairwise F1": num(r"incidents-F1 ([\d.]+)", line),
            "corpus-dev contradictions found (share)": found / total if total else 0.0}


SETS = {"extraction": run_extraction, "polnear": run_polnear, "plover": run_plover,
        "tempeval": run_tempeval, "corpus": run_corpus}


NOTES = [
    "## What each figure is",
    "",
    ("- **Extraction**: token-level F1 of our cleaned body text against the human-checked "
    "article bodies of the article-extraction benchmark (181 pages), averaged over pages; the "
    "trafilatura row scores the baseline output shipped with the data. Ours must not be below it."),
    ("- **PolNeAR dev** (84 texts): attribution content F1 and speaker accuracy of "
    "`quotes`. For scale, textacy's `direct_quotations` scores 0.24 / 0.86."),
    "- **PLOVER dev** (161 sentences): event type accuracy of `events`.",
    "- **TimeBank dev**: DATE/DURATION value F1 of `times` (dateparser's `search_dates`: 0.11).",
    ("- **corpus-dev** (12 pages, 6 invented outlets): recall of gold quotes, claims, times, "
    "frames, events and boilerplate that must not remain; incident clustering pairwise F1; "
    "the share of gold contradictions found by `rashomon incidents`."),
    "",
    "## Commands",
    "",
    "```",
    "make eval                      # = .venv/bin/python scripts/eval_all.py --shared ../shared --write",
    "python scripts/eval_all.py --only polnear   # one set",
    "```",
    "",
    ("Each set is run exactly as in `../shared/eval/README.md` (`rashomon analyze ... --format "
    "jsonl`, `rashomon ingest` + `rashomon incidents` for the corpus) and scored by the scorer "
    "shipped beside the data. Rules and lexicons were built as general rules and tested on "
    "sentences we wrote; the evaluation texts are not in the repository."),
]


def write_report(results: dict[str, float], path: Path) -> None:
    intro = ("Figures from `make eval` (`python scripts/eval_all.py --write`), which runs the "
             "commands of `../shared/eval/README.md` through the `rashomon` CLI and the scorers "
             "shipped beside the data. Floors live in `scripts/eval_floors.json`; "
             "`tests/test_eval_gate.py` fails when a figure drops below its floor.")
    lines = ["# Evaluation", "", intro, "",
             f"Last run: {time.strftime('%Y-%m-%d')}", "",
             "| measure | figure | floor |", "|---|---|---|"]
    for key, value in results.items():
        floor = FLOORS.get(key)
        lines.append(f"| {key} | {value:.3f} | {'' if floor is None else floor} |")
    path.write_text("\n".join([*lines, "", *NOTES]) + "\n", encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--only", action="append", choices=sorted(SETS))
    ap.add_argument("--write", action="store_true", help="write docs/evaluation.md")
    args = ap.parse_args()
    ev = Path(args.shared) / "eval"
    if not ev.is_dir():
        print(f"no evaluation data at {ev}", file=sys.stderr)
        return 2
    results: dict[str, float] = {}
    tmp = Path(tempfile.mkdtemp(prefix="rashomon-eval-"))
    try:
        for name in args.only or list(SETS):
            t0 = time.monotonic()
            results.update(SETS[name](ev, tmp))
            print(f"[{name}: {time.monotonic() - t0:.0f}s]", file=sys.stderr)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    below = []
    for key, value in results.items():
        floor = FLOORS.get(key)
        ok = floor is None or value >= floor
        below += [] if ok else [key]
        print(f"{key:45s} {value:6.3f}  floor {floor if floor is not None else '-':>5}"
              f"  {'ok' if ok else 'BELOW FLOOR'}")
    if args.write and not args.only:
        write_report(results, ROOT / "docs" / "evaluation.md")
    return 1 if below else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Score incidents and contradictions on ../shared/eval/corpus-dev (or another corpus).

Runs the pipeline in-process (ingest -> extract -> analyse -> incidents), writes
the two prediction files the scorer reads (`rashomon analyze` JSONL and
`rashomon incidents` JSON, as ../shared/contract.md describes them) and runs
../shared/eval/score_corpus.py on them. Analysis components that are not
installed yet are skipped and named in the output.

    python scripts/eval_corpus.py [--shared ../shared] [--corpus corpus-dev] [--out DIR]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import logging
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from rashomon.analyze.pipeline import COMPONENTS
from rashomon.compare.contradictions import incidents_json
from rashomon.compare.incidents import cluster_incidents
from rashomon.ingest import iter_inputs
from rashomon.models import Article, Failure
from rashomon.pipeline import Options, _context, process_batch


def available_components() -> tuple[list[str], list[str]]:
    """(components whose module exists, missing ones)."""
    have, missing = [], []
    for name, module in COMPONENTS.items():
        (have if importlib.util.find_spec(module) else missing).append(name)
    return have, missing


def analyse(articles: list[Article], components: list[str]) -> None:
    """Analyse with the given components only (the same steps as pipeline.analyze_articles)."""
    from rashomon.analyze.pipeline import Analyzer

    analyzer = Analyzer(components)
    items = ((a.text, _context(a)) for a in articles)
    for article, result in zip(articles, analyzer.pipe(items), strict=True):
        article.actors, article.quotes, article.claims = result.actors, result.quotes, result.claims
        article.times, article.events, article.frames = result.times, result.events, result.frames
        article.leaning, article.analyzed = result.leaning, True


def run(corpus: Path, out: Path) -> tuple[Path, Path, list[str]]:
    """Process the corpus pages; write corpus.jsonl and incidents.json into ``out``."""
    have, missing = available_components()
    options = Options(outlets=str(corpus / "outlets.json"), analyze=not missing)
    raws = list(iter_inputs([str(corpus / "pages")]))
    results = process_batch(raws, options)
    articles = [r for r in results if isinstance(r, Article)]
    for failure in (r for r in results if isinstance(r, Failure)):
        print(f"failed: {failure.source}: {failure.reason}", file=sys.stderr)
    if missing:
        analyse([a for a in articles if a.language in (None, "en")], have)
    out.mkdir(parents=True, exist_ok=True)
    analyze_path, incidents_path = out / "corpus.jsonl", out / "incidents.json"
    with analyze_path.open("w", encoding="utf-8") as fh:
        for a in articles:
            fh.write(json.dumps(a.to_dict(), ensure_ascii=False) + "\n")
    started = time.perf_counter()
    incidents = cluster_incidents(articles)
    data = incidents_json(incidents, articles)
    took = time.perf_counter() - started
    incidents_path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{len(articles)} articles -> {len(incidents)} incidents in {took:.2f} s "
          f"(compare stage only)")
    for inc in data["incidents"]:
        print(f"  {inc['label']}: {len(inc['articles'])} articles, "
              f"{sum(c['kind'] == 'contradiction' for c in inc['contradictions'])} contradictions, "
              f"{sum(c['kind'] == 'revision' for c in inc['contradictions'])} revisions")
    return analyze_path, incidents_path, missing


def main() -> int:
    """Run the pipeline and the scorer; the scorer's exit status is returned."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"), help="the ../shared folder")
    ap.add_argument("--corpus", default="corpus-dev", help="corpus folder under shared/eval")
    ap.add_argument("--out", default="/tmp/rashomon-eval-corpus", help="where predictions go")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING)
    ev = Path(args.shared) / "eval"
    corpus = ev / args.corpus
    analyze_path, incidents_path, missing = run(corpus, Path(args.out))
    if missing:
        print(f"analysis components not available yet: {', '.join(missing)}")
    cmd = [sys.executable, str(ev / "score_corpus.py"), "--gold", str(corpus / "gold.json"),
           "--pred-analyze", str(analyze_path), "--pred-incidents", str(incidents_path)]
    print("$ " + " ".join(cmd), flush=True)
    return subprocess.run(cmd, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())

"""Write a PNG of each page of the web app, for review: `make screenshots`.

Builds a store from the sample corpus when --db does not exist yet, serves it
on a free loopback port and drives Debian's Chromium with Playwright.
Usage: python scripts/screenshots.py [--db out/screenshots.db] [--out out/screenshots]
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

logger = logging.getLogger("screenshots")


def build_store(db: Path) -> None:
    """Ingest the sample corpus into ``db``."""
    from rashomon.pipeline import Options, ingest
    from rashomon.store import open_store

    db.parent.mkdir(parents=True, exist_ok=True)
    logger.info("building %s from samples/corpus (takes a little while)", db)
    with open_store(db) as store:
        ingest([str(ROOT / "samples" / "corpus")], store,
               Options(outlets=str(ROOT / "samples" / "outlets.yaml")))


def pages(db: Path) -> list[tuple[str, str]]:
    """(file name, path) of every page worth a look, with ids picked from the store."""
    from rashomon import catalog

    snap = catalog.snapshot(str(db))
    incs = catalog.list_incidents(snap)
    best = max(incs, key=lambda i: (i["contradictions"], i["revisions"], i["articles"]),
               default=None)
    out = [("incidents", "/incidents"), ("articles", "/articles"), ("actors", "/actors"),
           ("outlets", "/outlets"), ("search", "/search?q=ceasefire"), ("docs", "/docs")]
    if best:
        out.append(("dossier", f"/incidents/{best['id']}"))
        d = catalog.incident_dossier(snap, best["id"])
        if d["sources"]:
            rich = max(d["sources"], key=lambda a: sum(a["counts"].values()))
            out.append(("article", f"/articles/{rich['id']}"))
    actors = catalog.list_actors(snap)
    if actors:
        out.append(("actor", f"/actors/{actors[0]['id']}"))
    outlets = catalog.list_outlets(snap)
    if outlets:
        out.append(("outlet", f"/outlets/{outlets[0]['key']}"))
    return out


def main(argv: list[str] | None = None) -> int:
    """Serve the store and save one full-page PNG per page."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="out/screenshots.db")
    parser.add_argument("--out", default="out/screenshots")
    parser.add_argument("--width", type=int, default=1280)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if not Path(CHROMIUM).exists():
        logger.error("%s is missing: run `bash scripts/ensure_chromium.sh` first", CHROMIUM)
        return 1
    from playwright.sync_api import sync_playwright

    from rashomon.serve import create_app
    from rashomon.serve.background import running

    db, out = Path(args.db), Path(args.out)
    if not db.exists():
        build_store(db)
    out.mkdir(parents=True, exist_ok=True)
    todo = pages(db)
    with running(create_app(str(db))) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": args.width, "height": 900})
        for name, path in todo:
            page.goto(base + path, wait_until="networkidle")
            page.screenshot(path=str(out / f"{name}.png"), full_page=True)
            logger.info("wrote %s (%s)", out / f"{name}.png", path)
        page.emulate_media(media="print")
        for name, path in todo:
            if name == "dossier":
                page.goto(base + path, wait_until="networkidle")
                page.screenshot(path=str(out / "dossier_print.png"), full_page=True)
                logger.info("wrote %s (print styles)", out / "dossier_print.png")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

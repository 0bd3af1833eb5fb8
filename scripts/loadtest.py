"""A small load run against the web app on loopback: p50/p95 per page.

Starts `rashomon serve` on the given store in a separate process (or uses --url),
warms it, then sends --requests requests spread over every kind of page and API
endpoint from --concurrency client threads, and prints the latency per kind.
Usage: python scripts/loadtest.py --db out/screenshots.db [--requests 500]
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent


def start_server(db: str, port: int) -> subprocess.Popen[bytes]:
    """`serve(db)` in a child process, so that client and server do not share a GIL."""
    code = ("import logging; logging.basicConfig(level=logging.WARNING);"
            "from rashomon.serve import serve; import sys;"
            f"serve({db!r}, '127.0.0.1', {port}, None)")
    return subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


def wait_up(base: str, timeout: float = 30.0) -> None:
    """Poll until the server answers (the first answer also builds its snapshot)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/api/v1/outlets", timeout=30).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise SystemExit(f"the server at {base} did not come up")


def targets(base: str) -> list[tuple[str, str]]:
    """(kind, path) for every page kind, with ids taken from the API."""
    c = httpx.Client(base_url=base, timeout=30)
    incs = c.get("/api/v1/incidents?limit=1000").json()["items"]
    arts = c.get("/api/v1/articles?limit=1000").json()["items"]
    actors = c.get("/api/v1/actors?limit=10").json()["items"]
    outlets = c.get("/api/v1/outlets?limit=100").json()["items"]
    out = [("/incidents", "/incidents"), ("/search?q=", "/search?q=ceasefire"),
           ("/search?q=", "/search?q=jets+downed"), ("/api/v1/incidents", "/api/v1/incidents"),
           ("/api/v1/search", "/api/v1/search?q=drones"), ("/api/v1/claims", "/api/v1/claims")]
    out += [("/incidents/{id}", f"/incidents/{i['id']}") for i in incs]
    out += [("/api/v1/incidents/{id}", f"/api/v1/incidents/{i['id']}") for i in incs]
    out += [("/articles/{id}", f"/articles/{a['id']}") for a in arts]
    out += [("/api/v1/articles/{id}", f"/api/v1/articles/{a['id']}") for a in arts[:10]]
    out += [("/actors/{id}", f"/actors/{a['id']}") for a in actors]
    out += [("/outlets/{domain}", f"/outlets/{o['key']}") for o in outlets]
    return out


def run(base: str, n: int, concurrency: int) -> dict[str, list[float]]:
    """Send ``n`` requests round-robin over the targets; latencies (ms) per kind."""
    todo = list(itertools.islice(itertools.cycle(targets(base)), n))
    times: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []

    def one(item: tuple[str, str], client: httpx.Client) -> None:
        kind, path = item
        t0 = time.perf_counter()
        r = client.get(path)
        times[kind].append(1000 * (time.perf_counter() - t0))
        if r.status_code != 200:
            errors.append(f"{r.status_code} {path}")

    clients = [httpx.Client(base_url=base, timeout=30) for _ in range(concurrency)]
    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(lambda ix: one(ix[1], clients[ix[0] % concurrency]), enumerate(todo)))
    if errors:
        print(f"{len(errors)} non-200 answers, e.g. {errors[:3]}")
    return times


def report(times: dict[str, list[float]], wall: float) -> None:
    """Print p50/p95/max per kind of page."""
    total = sum(len(v) for v in times.values())
    print(f"{total} requests in {wall:.1f} s ({total / wall:.0f} req/s)")
    print(f"{'page':28} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for kind, ms in sorted(times.items()):
        ms.sort()
        p95 = ms[min(len(ms) - 1, int(0.95 * len(ms)))]
        print(f"{kind:28} {len(ms):5d} {statistics.median(ms):8.1f} {p95:8.1f} {ms[-1]:8.1f}")


def main(argv: list[str] | None = None) -> int:
    """Start (or reach) the server, warm it, run the load and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="out/screenshots.db")
    parser.add_argument("--url", help="an already running server; --db is then ignored")
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args(argv)
    proc = None
    base = args.url
    if not base:
        if not Path(args.db).exists():
            raise SystemExit(f"no store at {args.db}: run `make screenshots` or ingest first")
        proc = start_server(args.db, args.port)
        base = f"http://127.0.0.1:{args.port}"
    try:
        wait_up(base)
        run(base, len(targets(base)), 1)  # warm-up: snapshot, incident analyses, templates
        t0 = time.perf_counter()
        times = run(base, args.requests, args.concurrency)
        report(times, time.perf_counter() - t0)
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(10)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Stores for the web app tests (imported by tests/test_serve_*.py).

The sample corpus is ingested once per test process with the real pipeline
(spaCy included). Two articles written for these tests are added with their
analysis placed by hand, so that highlighting and escaping are checked on
items whose offsets we know: one ordinary analysed article, and one whose
title, text, speaker, outlet and framing notes carry HTML/script payloads.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rashomon.models import Actor, Article, Claim, Event, Frame, Outlet, Quote

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
ATTR = '"><script>alert(2)</script>'

LEDGER_TEXT = (
    "Rawalpindi, May 8: The army said its air defences had downed 12 drones over Lahore "
    "and Karachi overnight.\n"
    "\"We will answer any aggression at a time of our choosing,\" the military spokesman "
    "Ahmed Sharif Chaudhry told reporters at a briefing.\n"
    "Two soldiers were martyred in the exchange of fire along the Line of Control, the "
    "statement added.")

_BUILT: dict[str, Path] = {}


def _span(text: str, phrase: str) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)


def ledger_article() -> Article:
    """An analysed article with one quote, claim, event and framing term at known offsets."""
    t = LEDGER_TEXT
    q0, q1 = _span(t, "We will answer any aggression at a time of our choosing,")
    c0, c1 = _span(t, "12")
    e0, e1 = _span(t, "downed 12 drones over Lahore and Karachi")
    f0, f1 = _span(t, "martyred")
    s0, s1 = _span(t, "Ahmed Sharif Chaudhry")
    sentence = t[:t.index("\n")]
    return Article(
        id="1edger0000000001", source="ledger.html",
        url="https://www.testledger.example/news/drones-downed", title="Army says 12 drones downed",
        outlet=Outlet("The Test Ledger", "testledger.example", "PK", "newspaper"),
        published="2025-05-08", language="en", dateline=None, text=t, analyzed=True,
        actors=[Actor("PAK", "Pakistan", "GPE", "PK", mentions=[]),
                Actor("person:ahmed-sharif-chaudhry", "Ahmed Sharif Chaudhry", "PERSON", "PK",
                      "MIL", mentions=[(s0, s1)])],
        quotes=[Quote("Ahmed Sharif Chaudhry", "person:ahmed-sharif-chaudhry", "told", t[q0:q1],
                      "direct", q0, q1, reason="test_direct_rule")],
        claims=[Claim("army", None, True, 12.0, None, None, "=cmd|' /C calc'!A0 drones",
                      "downed", "claimed", sentence, c0, c1, text="12", unit="count",
                      reason="test_claim_rule")],
        events=[Event("ASSAULT", "aerial", "PAK", "IND", "2025-05-08", "Lahore", False, False,
                      "army", t[e0:e1], e0, e1, trigger="downed", reason="test_event_rule")],
        frames=[Frame("martyred", "killed", "PK", "casualty", f0, f1, term="martyred",
                      reason="test_frame_rule")])


XSS_TEXT = (f"Officials said the page {SCRIPT} was harmless and {IMG} showed nothing.\n"
            f"A spokesman said the drones had been shot down over the border town.")


def xss_article() -> Article:
    """An analysed article whose every user-visible string carries a script payload."""
    t = XSS_TEXT
    q0, q1 = _span(t, "the drones had been shot down over the border town")
    f0, f1 = _span(t, "harmless")
    return Article(
        id="0badc0de00000001", source="xss.html", url="https://www.xss.example/news/x",
        title=f"{SCRIPT} Headline {IMG}", standfirst=ATTR,
        outlet=Outlet(f"{IMG} Outlet", "xss.example", "IN"), published="2025-05-09",
        language="en", dateline=None, text=t, analyzed=True,
        actors=[Actor("person:xss", f"{SCRIPT} Speaker", "PERSON", "IN", mentions=[])],
        quotes=[Quote(f"{SCRIPT} Speaker", "person:xss", "said", t[q0:q1], "indirect", q0, q1,
                      reason=ATTR)],
        frames=[Frame("harmless", ATTR, "IN", "test", f0, f1, term="harmless", reason=ATTR)])


def build_sample_store(base: Path) -> Path:
    """The sample corpus (real ingest) plus the two hand-analysed articles; built once."""
    if "db" in _BUILT:
        return _BUILT["db"]
    from rashomon.pipeline import Options, ingest
    from rashomon.store import open_store

    db = base / "sample.db"
    with open_store(db) as store:
        ingest([str(SAMPLES / "corpus")], store, Options(outlets=str(SAMPLES / "outlets.yaml")))
        for article in (ledger_article(), xss_article()):
            store.add_article(article)
    _BUILT["db"] = db
    return db


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Path of the shared sample store (read-only for the tests)."""
    return build_sample_store(tmp_path_factory.mktemp("serve"))

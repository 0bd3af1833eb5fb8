"""Browser tests: Playwright driving Debian's Chromium against a live server.

Skipped, with the reason, when /usr/bin/chromium is absent (`bash
scripts/ensure_chromium.sh` installs it as root).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest_serve import IMG, SCRIPT, sample_db  # noqa: F401 - fixture

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("Debian's Chromium (/usr/bin/chromium) is not installed: "
                    "run `bash scripts/ensure_chromium.sh`")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def base_url(sample_db: Path, browser: Any) -> Iterator[str]:  # noqa: F811
    from rashomon.serve import create_app
    from rashomon.serve.background import running

    with running(create_app(str(sample_db))) as url:
        yield url


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    """A fresh page that records dialogs (a script that ran) and CSP/console errors."""
    p = browser.new_page(viewport={"width": 1280, "height": 900})
    p.dialogs, p.errors = [], []
    p.on("dialog", lambda d: (p.dialogs.append(d.message), d.dismiss()))
    p.on("console", lambda m: p.errors.append(m.text) if m.type == "error" else None)
    p.on("pageerror", lambda e: p.errors.append(str(e)))
    yield p
    p.close()


def test_click_through_incident_dossier_article(page: Any, base_url: str) -> None:
    page.goto(base_url + "/")
    assert page.locator("h1").inner_text() == "Incidents"
    rows = page.locator("table.incidents a.incident-link")
    assert rows.count() > 0
    label = rows.first.inner_text()
    rows.first.click()
    page.wait_for_load_state()
    assert re.search(r"/incidents/inc-", page.url)
    assert page.locator("h1").inner_text() == label
    for side in ("Pakistani", "Indian", "International"):
        assert page.locator(".col-head", has_text=side).count() == 1
    link = page.locator("#sources ol.sources a").first
    title = link.inner_text()
    link.click()
    page.wait_for_load_state()
    assert "/articles/" in page.url and page.locator("h1").inner_text() == title
    assert page.locator("#article-text p").count() > 1
    assert not page.errors, page.errors


def test_sentence_links_scroll_to_a_highlighted_target(page: Any, base_url: str) -> None:
    page.goto(base_url + "/actors/person:ahmed-sharif-chaudhry")
    link = page.locator("a.src[href*='/articles/1edger0000000001#c-']").first
    href = link.get_attribute("href")
    link.click()
    page.wait_for_load_state()
    anchor = href.split("#")[1]
    assert page.evaluate("document.querySelector(':target') && document.querySelector(':target').id") == anchor
    assert "We will answer any aggression" in page.locator(f"#{anchor}").inner_text()


def test_clicking_a_highlight_pins_its_details(page: Any, base_url: str) -> None:
    page.goto(base_url + "/articles/1edger0000000001")
    page.locator("#article-text .hl-claim").first.click()
    details = page.locator("#details").inner_text()
    assert "claimed" in details and "test_claim_rule" in details
    page.locator("#article-text .hl-frame").first.click()
    details = page.locator("#details").inner_text()
    assert "killed" in details and "test_frame_rule" in details
    assert not page.errors, page.errors


def test_search_from_the_header(page: Any, base_url: str) -> None:
    page.goto(base_url + "/incidents")
    page.fill("header.site input[name=q]", "ceasefire")
    page.press("header.site input[name=q]", "Enter")
    page.wait_for_load_state()
    assert "/search?q=ceasefire" in page.url
    marks = page.locator(".results mark").all_inner_texts()
    assert marks and all(m.lower().startswith("ceasefire") for m in marks)
    page.locator(".results a.hit-title").first.click()
    page.wait_for_load_state()
    assert "/articles/" in page.url


@pytest.mark.parametrize("path", ["/articles/0badc0de00000001", "/search?q=harmless",
                                  "/actors/person:xss", "/outlets/xss.example",
                                  "/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E"])
def test_no_payload_script_runs_and_text_shows_literally(page: Any, base_url: str,
                                                         path: str) -> None:
    page.goto(base_url + path)
    page.wait_for_timeout(300)
    assert page.dialogs == [], f"a script ran on {path}"
    body = page.locator("main").inner_text()
    if path.startswith("/articles/"):
        assert page.locator("h1").inner_text() == f"{SCRIPT} Headline {IMG}"
        assert SCRIPT in body and IMG in body
        page.locator("#article-text .hl-quote").first.click()
        assert SCRIPT in page.locator("#details").inner_text()
    assert page.locator("main img").count() == 0


def test_dossier_of_the_payload_article_runs_no_script(page: Any, base_url: str) -> None:
    import httpx

    incidents = httpx.get(base_url + "/api/v1/incidents?limit=1000").json()["items"]
    for inc in incidents:
        page.goto(f"{base_url}/incidents/{inc['id']}")
        assert page.dialogs == []
    assert page.locator("main img").count() == 0


@pytest.mark.parametrize("path", ["/", "/articles", "/actors", "/outlets", "/docs",
                                  "/outlets/testledger.example"])
def test_pages_render_under_the_csp_without_errors(page: Any, base_url: str, path: str) -> None:
    response = page.goto(base_url + path)
    assert response.status == 200
    assert "Content-Security-Policy" in {k.title(): v for k, v in response.headers.items()}
    assert page.locator("h1").count() == 1 and page.locator("h1").inner_text().strip()
    assert not page.errors, page.errors

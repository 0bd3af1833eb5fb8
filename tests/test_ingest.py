"""iter_inputs on local inputs: files, directories, text with front matter, JSONL, feeds, WARC,
and every kind of bad input (each becomes a Failure; the batch goes on)."""

from __future__ import annotations

import io
import shutil
import tracemalloc
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from rashomon.extract import extract_article
from rashomon.ingest import count_inputs, iter_inputs
from rashomon.ingest.decode import decode_bytes
from rashomon.models import Failure, RawDocument

FIX = Path(__file__).parent / "fixtures" / "ingest"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256)) * 4


def read(*inputs: str | Path, **kwargs: object) -> list[RawDocument | Failure]:
    return list(iter_inputs([str(i) for i in inputs], **kwargs))  # type: ignore[arg-type]


def one(*inputs: str | Path) -> RawDocument | Failure:
    items = read(*inputs)
    assert len(items) == 1, items
    return items[0]


def test_directory_is_read_recursively_by_extension() -> None:
    items = read(FIX / "pages")
    assert all(isinstance(i, RawDocument) for i in items)
    names = [Path(i.source).name for i in items]
    assert names == ["briefing.md", "story_two.htm", "plain.txt", "story_one.html"]


def test_front_matter_fills_the_metadata() -> None:
    doc = one(FIX / "pages" / "nested" / "briefing.md")
    assert isinstance(doc, RawDocument)
    assert doc.title == "Airspace reopens after five-day closure"
    assert doc.url == "https://www.example-dispatch.org/briefings/airspace-reopens?utm_source=rss"
    assert (doc.outlet, doc.published, doc.country, doc.author) == (
        "Example Dispatch", "2025-05-12", "GB", "Dispatch Desk")
    assert doc.text is not None and doc.text.startswith("# Airspace reopens")
    assert "title:" not in doc.text
    article = extract_article(doc)
    assert article.dateline is not None and article.dateline.places == ["Islamabad"]
    assert article.outlet.domain == "example-dispatch.org"
    assert "Follow us" not in article.text


def test_plain_text_file_joins_wrapped_lines() -> None:
    doc = one(FIX / "pages" / "plain.txt")
    assert isinstance(doc, RawDocument) and doc.title is None
    article = extract_article(doc)
    assert article.title == "Ceasefire monitors to visit border villages"
    assert article.dateline is not None
    assert article.dateline.text == "NEW DELHI, May 13 (PTI) -"
    assert article.text.split("\n") == [
        ("A team of officials will visit villages near the border this week to assess damage "
         "from the recent shelling, an official said on Tuesday."),
        "The team will report to the home ministry within two weeks.",
    ]


def test_html_file_extracts() -> None:
    doc = one(FIX / "pages" / "story_one.html")
    assert isinstance(doc, RawDocument) and doc.html and doc.url is None
    article = extract_article(doc)
    assert article.title == "Schools reopen in Poonch after shelling stops"
    assert article.outlet.name == "Jammu Chronicle"
    assert article.text.startswith("Schools in the Poonch district reopened on Thursday")


def test_mislabelled_cp1252_page_decodes() -> None:
    doc = one(FIX / "cp1252_mislabelled.html")
    assert isinstance(doc, RawDocument) and doc.html is not None
    assert "Traders’ café reopens" in doc.html
    article = extract_article(doc)
    assert "“We lost almost every customer when the crossing closed,” he said" in article.text
    assert "\ufffd" not in article.text


def test_utf16_with_bom_decodes() -> None:
    doc = one(FIX / "utf16_bom.html")
    assert isinstance(doc, RawDocument) and doc.html is not None
    assert not doc.html.startswith("\ufeff")
    article = extract_article(doc)
    assert article.title == "Flights resume at Srinagar airport"
    assert article.text.startswith("Commercial flights resumed at Srinagar airport on Monday")


def test_utf16_without_bom_decodes() -> None:
    doc = one(FIX / "utf16le_nobom.txt")
    assert isinstance(doc, RawDocument) and doc.text is not None
    assert doc.text.startswith("Karachi port resumes normal operations")


@pytest.mark.parametrize(("data", "declared", "expected"), [
    ("Pakistan’s “ceasefire”".encode("cp1252"), None, "Pakistan’s “ceasefire”"),
    ("Pakistan’s “ceasefire”".encode(), "iso-8859-1", "Pakistan’s “ceasefire”"),
    ("Çà et là".encode("latin-1"), "latin-1", "Çà et là"),
    ("Ceasefire holds in Kashmir".encode("utf-16-be"), None, "Ceasefire holds in Kashmir"),
])
def test_decode_bytes(data: bytes, declared: str | None, expected: str) -> None:
    assert decode_bytes(data, declared) == expected


def test_jsonl_lines_become_documents_or_failures() -> None:
    path = FIX / "articles.jsonl"
    items = read(path)
    assert [i.source for i in items] == [f"{path}:{n}" for n in (1, 2, 3, 4, 6)]
    first, second = items[0], items[1]
    assert isinstance(first, RawDocument) and isinstance(second, RawDocument)
    assert (first.published, first.outlet, first.html) == ("2025-05-10", "Example Wire", None)
    assert first.text is not None and first.text.startswith("Military operations directors")
    assert second.published == "2025-05-09" and second.html is not None
    assert extract_article(second).text.startswith("The national carrier cancelled all flights")
    reasons = [i.reason for i in items[2:] if isinstance(i, Failure)]
    assert reasons[0] == "JSON line is not an object"
    assert reasons[1] == "no 'html' or 'text' field"
    assert reasons[2].startswith("invalid JSON line")


def test_feed_file_with_full_content_yields_documents() -> None:
    items = read(FIX / "feed_full.rss")
    assert [type(i) for i in items] == [RawDocument, RawDocument]
    first = items[0]
    assert isinstance(first, RawDocument)
    assert first.url == first.source == "https://www.bordergazette.example/news/farmers-return-fields"
    assert (first.title, first.published, first.author) == (
        "Farmers return to fields near the border", "2025-05-13", "Gazette Correspondent")
    article = extract_article(first)
    assert article.dateline is not None and article.dateline.places == ["Sialkot"]
    assert article.text.startswith("Farmers in villages along the working boundary")
    assert "Read more" not in article.text and article.cleanup == ["read_more_link"]


def test_feed_file_links_are_fetched_under_the_ssrf_guard(tmp_path: Path) -> None:
    feed = tmp_path / "links.atom"
    text = (FIX / "feed_links.atom").read_text("utf-8").replace("{base}", "http://127.0.0.1:9")
    feed.write_text(text, "utf-8")
    items = read(feed)
    assert len(items) == 2
    for item in items:
        assert isinstance(item, Failure) and item.stage == "fetch"
        assert item.source.startswith("http://127.0.0.1:9/news/")
        assert "loopback" in item.reason


def test_feed_that_is_an_html_page_fails() -> None:
    failure = one(FIX / "not_a_feed.xml")
    assert isinstance(failure, Failure)
    assert failure.reason == "not a feed: the content is an HTML page"


def _http_record(writer: WARCWriter, uri: str, status: str, ctype: str, body: bytes) -> None:
    headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                                  http_headers=headers))


def _warc(path: Path, gzip: bool) -> None:
    story = (FIX / "pages" / "story_one.html").read_bytes()
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        _http_record(writer, "https://jammuchronicle.example/schools", "200 OK",
                     "text/html; charset=utf-8", story)
        _http_record(writer, "https://jammuchronicle.example/gone", "404 Not Found",
                     "text/html", b"<html><body>Not found</body></html>")
        _http_record(writer, "https://jammuchronicle.example/logo.png", "200 OK", "image/png",
                     PNG)
        writer.write_record(writer.create_warc_record(
            "https://jammuchronicle.example/schools", "request",
            payload=io.BytesIO(b"GET /schools HTTP/1.1\r\n\r\n")))


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_html_responses_become_documents(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    _warc(path, gzip=name.endswith(".gz"))
    doc = one(path)
    assert isinstance(doc, RawDocument)
    assert doc.url == "https://jammuchronicle.example/schools"
    assert doc.source == f"{path}#https://jammuchronicle.example/schools"
    article = extract_article(doc)
    assert article.outlet.domain == "jammuchronicle.example"
    assert article.text.startswith("Schools in the Poonch district reopened")


def test_broken_warc_fails(tmp_path: Path) -> None:
    path = tmp_path / "broken.warc"
    path.write_text("this is not a WARC file\n" * 20)
    failure = one(path)
    assert isinstance(failure, Failure) and failure.reason.startswith("broken WARC file")


def test_fifty_megabyte_file_fails_by_the_size_cap_without_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "huge.html"
    with big.open("wb") as fh:
        fh.write(b"<html><body><p>" + b"Shelling continued overnight. " * 100)
        fh.truncate(50 * 1024 * 1024)
    tracemalloc.start()
    failure = one(big)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert isinstance(failure, Failure)
    assert failure.reason == "too large: 50.0 MB, over the 10 MB cap"
    assert peak < 5 * 1024 * 1024


@pytest.mark.parametrize(("name", "data", "reason"), [
    ("image.html", PNG, "binary file (PNG image), not text"),
    ("scan.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary file (PDF), not text"),
    ("blob.md", bytes(range(256)) * 8, "binary file (binary data), not text"),
    ("empty.html", b"", "empty file"),
    ("blank.txt", b"  \n\n\t ", "empty file"),
    ("scripts-only.html", b"<html><head><script>var a = 1;</script></head><body></body></html>",
     "HTML without any text"),
    ("only-front-matter.md", b"---\ntitle: Nothing here\n---\n\n", "no text after the front matter"),
    ("bad-front-matter.md", b"---\ntitle: [unclosed\n---\nSome text here.\n",
     "invalid YAML front matter: while parsing a flow sequence"),
    ("mystery.bin", PNG, "binary file (PNG image), not text"),
    ("feed.xml", b'<?xml version="1.0"?><urlset><url><loc>x</loc></url></urlset>',
     "not a feed: no RSS or Atom entries found"),
    ("broken.html.gz", b"\x1f\x8b\x08\x00garbage", "broken gzip file"),
])
def test_bad_files_become_failures(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    failure = one(path)
    assert isinstance(failure, Failure), failure
    assert failure.reason.startswith(reason)
    assert failure.source == str(path) and failure.stage == "ingest"
    assert "\n" not in failure.reason


def test_missing_paths_empty_directories_and_other_schemes(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    items = read(tmp_path / "nope.html", tmp_path / "empty", "ftp://example.com/a")
    assert [(i.source, i.reason) for i in items if isinstance(i, Failure)] == [
        (str(tmp_path / "nope.html"), "no such file or directory"),
        (str(tmp_path / "empty"), ("no readable files in the directory "
                                  "(.html .htm .txt .md .jsonl .warc .xml .rss .atom)")),
        ("ftp://example.com/a", ("unsupported URL scheme in 'ftp://example.com/a' "
                                "(only http and https)")),
    ]


def test_a_batch_of_bad_inputs_never_stops(tmp_path: Path) -> None:
    batch = tmp_path / "batch"
    shutil.copytree(FIX / "pages", batch)
    (batch / "image.html").write_bytes(PNG)
    (batch / "empty.txt").write_bytes(b"")
    (batch / "z-truncated.html").write_text(
        "<html><body><article><h1>Ceasefire holds</h1><p>MUZAFFARABAD: Shops reopened on "
        "Monday as the ceasefire held for a second day, officials said, and buses retu", "utf-8")
    items = read(tmp_path / "missing", batch, FIX / "not_a_feed.xml")
    docs = [i for i in items if isinstance(i, RawDocument)]
    failures = [i for i in items if isinstance(i, Failure)]
    assert len(docs) == 5
    assert sorted(Path(f.source).name for f in failures) == [
        "empty.txt", "image.html", "missing", "not_a_feed.xml"]
    truncated = extract_article(docs[-1])
    assert truncated.text.startswith("Shops reopened on Monday as the ceasefire held")


def test_count_inputs_matches_what_iter_inputs_yields(tmp_path: Path) -> None:
    inputs = [str(FIX / "pages"), str(FIX / "articles.jsonl"), str(tmp_path / "missing.html"),
              str(FIX / "utf16_bom.html")]
    assert count_inputs(inputs) == len(read(*inputs)) == 11
    assert count_inputs([str(FIX / "feed_full.rss")]) is None
    assert count_inputs(["https://news.example/"]) is None

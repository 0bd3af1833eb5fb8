"""extract_article on pages with realistic site chrome, and on text/Markdown inputs."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from rashomon.dedup import text_hash as dedup_text_hash
from rashomon.errors import ExtractionError
from rashomon.extract import detect_language, extract_article
from rashomon.extract.normalize import normalize_url
from rashomon.models import Article, RawDocument

PAGES = Path(__file__).parent / "fixtures" / "extract"


def page(name: str, **fields: str) -> Article:
    path = PAGES / name
    return extract_article(RawDocument(source=str(path), html=path.read_text("utf-8"), **fields))


@pytest.fixture(scope="module")
def pk_daily() -> Article:
    return page("pk_daily_byline_date.html")


@pytest.fixture(scope="module")
def in_wire() -> Article:
    return page("in_wire_jsonld.html")


@pytest.fixture(scope="module")
def intl() -> Article:
    return page("intl_multi_dateline.html")


def test_body_is_cleaned_of_in_body_chrome(pk_daily: Article) -> None:
    text = pk_daily.text
    assert text.startswith("The military's media wing said on Thursday")
    assert text.endswith("called for restraint from all sides.")
    for chrome in ("Read more", "Also read", "What we know about", "Follow us",
                   "Published in", "Comments are closed", "proud of our forces", "©",
                   "Most Popular", "E-Paper"):
        assert chrome not in text
    assert pk_daily.cleanup == ["read_more_link", "read_more_heading", "social_follow",
                                "published_in_trailer", "comment_trailer"]


def test_dateline_title_and_standfirst_are_kept_apart(pk_daily: Article) -> None:
    assert pk_daily.dateline is not None
    assert (pk_daily.dateline.text, pk_daily.dateline.places) == ("ISLAMABAD:", ["Islamabad"])
    assert pk_daily.title == "Army says drones downed over Lahore, Rawalpindi"
    assert pk_daily.standfirst is not None
    assert pk_daily.standfirst.startswith("Military spokesman says interceptions")
    assert not pk_daily.text.startswith(pk_daily.title)
    assert "Military spokesman says" not in pk_daily.text


def test_byline_date_wins_over_the_page_header_date(pk_daily: Article) -> None:
    # the top bar prints "Sunday, August 31, 2025" (trafilatura alone takes that date);
    # the byline under the headline says May 8
    assert pk_daily.published == "2025-05-08"


def test_structured_date_wins_over_the_header_date(in_wire: Article) -> None:
    assert in_wire.published == "2025-05-07"
    assert in_wire.author == "Staff Writer"


def test_metadata_outlet_ids_and_hashes(pk_daily: Article) -> None:
    url = "https://www.dailymeridian.com.pk/news/2025/05/drones-downed-lahore-rawalpindi"
    assert pk_daily.url == url and pk_daily.canonical_url == url
    assert pk_daily.outlet.name == "The Daily Meridian"
    assert pk_daily.outlet.domain == "dailymeridian.com.pk"
    assert pk_daily.outlet.country is None
    assert pk_daily.id == hashlib.sha1(normalize_url(url).encode()).hexdigest()[:16]
    assert pk_daily.text_hash == dedup_text_hash(pk_daily.text)  # the hash the store compares
    assert pk_daily.language == "en"
    assert pk_daily.source.endswith("pk_daily_byline_date.html")


def test_wire_page_cleanup_and_dateline(in_wire: Article) -> None:
    assert in_wire.dateline is not None
    assert in_wire.dateline.text == "NEW DELHI, May 7 (Reuters) -"
    assert in_wire.text.startswith("India said on Wednesday it had struck nine sites")
    for chrome in ("ADVERTISEMENT", "ALSO READ", "Photo:", "Story continues", "Download the",
                   "Sign up", "Catch all the latest", "Copyright"):
        assert chrome not in in_wire.text
    assert set(in_wire.cleanup) == {"ad_marker", "read_more_link", "photo_credit", "app_promo",
                                    "newsletter_promo", "copyright_line"}
    assert in_wire.standfirst == ("The defence ministry described the overnight strikes as "
                                  "focused, measured and non-escalatory in nature.")
    assert in_wire.outlet.domain == "bharatherald.in"


def test_multi_place_dateline_after_a_timestamp_line(intl: Article) -> None:
    assert intl.dateline is not None
    assert intl.dateline.places == ["Washington", "New Delhi", "Moscow"]
    assert intl.text.startswith("Diplomats from the United States and Russia")
    assert intl.published == "2025-05-09"
    assert "timestamp_line" in intl.cleanup
    assert "Share on Facebook" not in intl.text and "Related:" not in intl.text
    # no URL anywhere on the page: the id is the hash of the normalised text
    assert intl.url is None and intl.outlet.domain is None
    assert intl.id == intl.text_hash[:16]


def test_input_metadata_overrides_the_page() -> None:
    article = page("pk_daily_byline_date.html", published="2025-05-09", country="PK",
                   url="https://dailymeridian.com.pk/news/x?utm_source=twitter")
    assert article.published == "2025-05-09"
    assert article.outlet.country == "PK"
    assert article.url == "https://dailymeridian.com.pk/news/x?utm_source=twitter"
    assert article.id == page("pk_daily_byline_date.html",
                              url="https://www.dailymeridian.com.pk/news/x").id


NO_DATE_PAGE = """<html><head><title>Talks resume</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Talks resume between military officers</h1>
<p>Military officers from both countries spoke by hotline on Monday, officials said, and agreed
to keep the ceasefire in place while talks continued later in the week.</p>
<p>Neither side gave details of the conversation, which lasted about forty minutes.</p>
</article><footer><p>© 2025 Valley Times. All rights reserved.</p></footer></body></html>"""


def test_footer_copyright_year_is_no_publication_date() -> None:
    article = extract_article(RawDocument(source="x.html", html=NO_DATE_PAGE,
                                          url="https://www.valleytimes.example/talks-resume"))
    assert article.published is None
    # no site name on the page: a bare host name is not taken as the outlet's name
    assert article.outlet.name is None
    assert article.outlet.domain == "valleytimes.example"
    named = extract_article(RawDocument(source="x.html", html=NO_DATE_PAGE, outlet="Valley Times",
                                        url="https://www.valleytimes.example/talks-resume"))
    assert named.outlet.name == "Valley Times"


def test_page_without_article_raises() -> None:
    with pytest.raises(ExtractionError, match="no article"):
        page("no_article.html")


def test_truncated_page_keeps_what_arrived() -> None:
    article = page("truncated.html")
    assert article.dateline is not None and article.dateline.places == ["Muzaffarabad"]
    assert article.text.startswith("Shops reopened and buses returned")
    assert "District officials said schools would stay shut" in article.text


def test_non_english_page_keeps_its_language() -> None:
    article = page("urdu.html")
    assert article.language == "ur"
    assert "جنگ بندی" in article.text


def test_empty_inputs_raise() -> None:
    with pytest.raises(ExtractionError):
        extract_article(RawDocument(source="x"))
    with pytest.raises(ExtractionError):
        extract_article(RawDocument(source="x", html="<html><body></body></html>"))
    with pytest.raises(ExtractionError):
        extract_article(RawDocument(source="x", text="   \n  "))


MARKDOWN = """# Airspace reopens after five-day closure

**ISLAMABAD:** Pakistan reopened its airspace to all flights on Monday, the civil
aviation authority said, ending a closure that had forced airlines to reroute flights.

Airlines said schedules would take *several days* to return to normal; see the
[authority's notice](https://example.org/notice) for details.

- Domestic flights resumed first.
- International flights followed from noon.

Follow us on Twitter for the latest updates.
"""


def test_markdown_text_is_stripped_cleaned_and_split() -> None:
    article = extract_article(RawDocument(source="brief.md", text=MARKDOWN,
                                          url="https://example.org/b?utm_medium=social"))
    assert article.title == "Airspace reopens after five-day closure"
    assert article.dateline is not None and article.dateline.places == ["Islamabad"]
    assert article.text.split("\n") == [
        ("Pakistan reopened its airspace to all flights on Monday, the civil aviation authority "
         "said, ending a closure that had forced airlines to reroute flights."),
        ("Airlines said schedules would take several days to return to normal; see the "
         "authority's notice for details."),
        "Domestic flights resumed first.",
        "International flights followed from noon.",
    ]
    assert article.cleanup == ["social_follow"]
    assert article.id == hashlib.sha1(b"example.org/b").hexdigest()[:16]
    assert article.language == "en"


def test_text_id_and_hash_ignore_case_spacing_and_punctuation() -> None:
    a = extract_article(RawDocument(source="a.txt", text="Talks resumed in Geneva on Monday."))
    b = extract_article(RawDocument(source="b.txt", text="talks  resumed in Geneva, on Monday"))
    assert a.id == b.id and a.text_hash == b.text_hash
    c = extract_article(RawDocument(source="c.txt", text="Talks collapsed in Geneva on Monday."))
    assert c.text_hash != a.text_hash


def test_raw_outlet_is_used_when_the_page_names_none() -> None:
    article = extract_article(RawDocument(
        source="x.txt", text="KARACHI: Port operations returned to normal on Wednesday.",
        outlet="Example Daily", country="PK"))
    assert (article.outlet.name, article.outlet.country) == ("Example Daily", "PK")
    assert article.text == "Port operations returned to normal on Wednesday."


@pytest.mark.parametrize(("text", "lang"), [
    ("The army said on Thursday that it had shot down several drones near the border.", "en"),
    ("پاکستان کی فوج نے جمعرات کو کہا کہ اس نے سرحد کے قریب کئی ڈرون مار گرائے ہیں۔", "ur"),
    ("भारतीय सेना ने गुरुवार को कहा कि उसने सीमा के पास कई ड्रोन मार गिराए।", "hi"),
    ("Die Armee teilte am Donnerstag mit, sie habe mehrere Drohnen abgeschossen.", "de"),
    ("Hello", "und"),
    ("", "und"),
    ("12 34 56 -- ?? !!", "und"),
])
def test_detect_language(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def _story(summary_html: str, paragraphs: list[str], description: str) -> str:
    """A news page with a header, a summary block as given, and body paragraphs."""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<html><head><title>Border crossing reopens - Valley Times</title>
<meta name="description" content="{description}">
<meta property="og:site_name" content="Valley Times"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/live">Live TV</a></nav>
<main><article><h1>Border crossing reopens for traders after two weeks</h1>
{summary_html}
<div class="byline">By Staff Reporter | May 14, 2025</div>
<div class="story-text">{body}</div></article>
<aside><h3>Trending</h3><ul><li><a href="/a">Gold prices steady</a></li></ul></aside></main>
<footer><p>© 2025 Valley Times</p></footer></body></html>"""


SUMMARY = ("Trucks carrying fruit and cement crossed in both directions on Wednesday; officials "
           "say passenger traffic will follow next week.")
STORY = [
    ("TORKHAM: The border crossing reopened to trade on Wednesday after a two-week closure, "
     "customs officials said, and more than 300 trucks crossed before sunset."),
    ("Traders said perishable goods worth millions had rotted while the crossing was shut, and "
     "asked the government for compensation."),
    "Officials on both sides said talks on passenger traffic would be held early next week.",
]


@pytest.mark.parametrize("summary_html", [
    f'<p class="story__summary">{SUMMARY}</p>',  # a class that says so
    f"<h2>{SUMMARY}</h2>",  # a subheading under the headline
])
def test_standfirst_paragraph_is_moved_out_of_the_body(summary_html: str) -> None:
    article = extract_article(RawDocument(source="x.html", html=_story(summary_html, STORY, SUMMARY)))
    assert article.standfirst == SUMMARY
    assert article.text.startswith("The border crossing reopened to trade on Wednesday")
    assert "Trucks carrying fruit" not in article.text
    assert article.dateline is not None and article.dateline.places == ["Torkham"]
    assert "standfirst_lead" in article.cleanup


def test_unmarked_standfirst_before_the_dateline_is_moved_out() -> None:
    # the summary is a plain <p> in the body, but the dateline opens the paragraph after it
    article = extract_article(RawDocument(
        source="x.html", html=_story("", [SUMMARY, *STORY], SUMMARY.replace(";", ",")[:90] + "...")))
    assert article.standfirst == SUMMARY
    assert article.dateline is not None and article.dateline.text == "TORKHAM:"
    assert article.text.startswith("The border crossing reopened")


def test_lede_that_doubles_as_the_description_stays_in_the_body() -> None:
    lede = STORY[0].removeprefix("TORKHAM: ")
    paragraphs = [lede, *STORY[1:]]
    article = extract_article(RawDocument(source="x.html", html=_story("", paragraphs, lede)))
    assert article.text.startswith(lede)
    assert article.standfirst == lede
    assert "standfirst_lead" not in article.cleanup

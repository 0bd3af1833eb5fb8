"""Cleanup rules on the in-body chrome news sites leave behind, and on news prose they must keep."""

from __future__ import annotations

import pytest

from rashomon.extract.cleanup import clean_text, load_rules
from rashomon.resources import load_data

BODY = [
    "The army said on Thursday that air defence units had intercepted drones over several cities.",
    "A spokesman said wreckage had been recovered and would be shown to foreign diplomats.",
    "The foreign office said it would brief ambassadors on Friday and called for restraint.",
]


def _with(line: str, at: int = 1) -> str:
    lines = list(BODY)
    lines.insert(at, line)
    return "\n".join(lines)


@pytest.mark.parametrize(("line", "rule"), [
    ("Read more: India says it struck nine sites", "read_more_link"),
    ("ALSO READ | Timeline of the crisis since April 22", "read_more_link"),
    ("Related: Villagers flee shelling along the Line of Control", "read_more_link"),
    ("» See also: Airspace closed for 48 hours", "read_more_link"),
    ("Follow us on Twitter and Facebook for the latest updates.", "social_follow"),
    ("For the latest news, follow The Daily Meridian on Instagram", "social_follow"),
    ("Join our WhatsApp channel for breaking news", "social_follow"),
    ("Share this article", "social_follow"),
    ("Sign up for our Morning Brief newsletter", "newsletter_promo"),
    ("Want more? Subscribe to our weekly South Asia digest", "newsletter_promo"),
    ("Get our daily newsletter delivered to your inbox", "newsletter_promo"),
    ("Download the Bharat Herald app for the latest news on the go.", "app_promo"),
    ("Now available on Google Play and the App Store", "app_promo"),
    ("ADVERTISEMENT", "ad_marker"),
    ("Story continues below advertisement", "ad_marker"),
    ("Copyright © 2025 Example Wire. All rights reserved.", "copyright_line"),
    ("© Reuters 2025", "copyright_line"),
    ("(c) Copyright Thomson Reuters 2025", "copyright_line"),
    ("This material may not be published, broadcast, rewritten or redistributed.",
     "copyright_line"),
    ("Follow The Valley Times on Telegram for live updates.", "social_follow"),
    ("Comments on this story are moderated and may take a while to appear.", "comment_trailer"),
    ("This article was auto-generated from a syndicated news agency feed.", "syndication_note"),
    ("(With inputs from agencies)", "syndication_note"),
    (("This report has been published from a news agency feed; only the headline has been "
      "changed by The Frontier Daily. Published in The Frontier Daily, June 2nd, 2025"),
     "syndication_note"),
    ("Reporting by Sana Qureshi in Karachi; Editing by Paul Hart", "staff_credit"),
    ("Photo: AFP", "photo_credit"),
    ("Soldiers patrol a street in Srinagar. | Photo Credit: PTI", "photo_credit"),
    ("Smoke rises over a building in Muzaffarabad. (Photo: Reuters)", "photo_credit"),
    ("Watch Valley News 24 LIVE on the VN24 app - stream it on Android and iOS", "app_promo"),
    ("Download Frontier Today app now for the fastest updates.", "app_promo"),
    ("Get breaking news alerts on your phone before anyone else.", "app_promo"),
    (("Reporting by Sana Qureshi in Karachi, Imran Baig and Nadia Shah in Lahore; Writing by "
      "Omar Farooq; Editing by Paul Hart and Lena Moss"), "staff_credit"),
    ("Our Standards: The Meridian Wire Trust Principles.", "standards_note"),
    ("File photo", "photo_credit"),
    ("| Representational image |", "photo_credit"),
    ("[Photo]", "photo_credit"),
    ("Most read in South Asia", "read_more_heading"),
    ("Subscribe to Frontier Today on YouTube for more videos from the region:", "social_follow"),
    ("Like this story? Share it with your friends!", "social_follow"),
    ("Click here to subscribe to The Border Brief newsletter", "newsletter_promo"),
    ("Sign up: the day's top stories from Islamabad, every morning.", "newsletter_promo"),
    ("Get the morning's top headlines delivered to your inbox.", "newsletter_promo"),
    ("Thanks for signing up!", "newsletter_promo"),
    ("GET VALLEY NEWS ON THE GO BY TAPPING HERE", "app_promo"),
    (("(Reporting by Sana Qureshi, Imran Baig, with additional reporting by Nadia Shah, "
      "editing by Paul Hart.)"), "staff_credit"),
    ("Agency writers Imran Baig, Nadia Shah and Lena Moss contributed to this report.",
     "contributor_credit"),
    ("Omar Farooq contributed reporting from Peshawar.", "contributor_credit"),
    ("Write to Sana Qureshi at sana.qureshi@example.org", "contact_line"),
    ("sana.qureshi@example.org", "contact_line"),
    ("SOURCE: News agencies", "source_line"),
])
def test_rule_drops_line_and_names_itself(line: str, rule: str) -> None:
    cleaned, fired = clean_text(_with(line))
    assert line not in cleaned
    assert cleaned.split("\n") == BODY
    assert fired == [rule]


@pytest.mark.parametrize("sentence", [
    "He said he would follow the situation on social media and respond if needed.",
    "Journalists were asked to register for the briefing at the ministry on Friday.",
    "Residents were told to download the civil defence app to receive air raid alerts.",
    "Officials said the photo shared on social media had been taken in 2019, not this week.",
    "The minister said all comments made by the spokesman were his own.",
    "Read the full statement, the spokesman told reporters, and you will see no threat.",
    "The broadcaster said copyright rules did not stop it from airing the footage.",
    "By Friday evening, the shelling had stopped along most of the Line of Control.",
    "Related talks are expected in Geneva next week, diplomats said.",
    "Reporting by state television was restricted during the fighting, editors said.",
    "The price of a bag of flour rose to 5,000 © rupees in some markets.",
    "Watch lists of suspects were shared with police in three provinces, officials said.",
    "Get-togethers planned for the Eid holiday were cancelled in border villages.",
    "File photos of the suspects were shown to reporters at the briefing.",
    "Our standards of living have fallen since the border closed, a trader said.",
    "The agency said its reporters had followed the Trust Principles.",
    "Photos",  # a word that a hard line break left alone; the sentence goes on below
    "More than 200 families left the village overnight, officials said.",
    "Sources said the talks had been cancelled at the last minute.",
    "The ministry contributed to the relief fund, a spokesman said.",
    "Contact with the convoy was lost at 3pm, the army said in a statement.",
    "Get-well messages poured in for the injured officer on Monday.",
])
def test_news_prose_is_kept(sentence: str) -> None:
    cleaned, fired = clean_text(_with(sentence))
    assert sentence in cleaned
    assert fired == []


def test_inline_photo_credit_is_cut_from_the_paragraph() -> None:
    text = ("The army said three drones were shot down (Photo: AFP) near the border town "
            "on Thursday, and that no one was hurt in the incident.")
    cleaned, fired = clean_text(text)
    assert cleaned == ("The army said three drones were shot down near the border town "
                       "on Thursday, and that no one was hurt in the incident.")
    assert fired == ["photo_credit_inline"]


def test_copyright_glued_to_a_paragraph_end_is_cut() -> None:
    cleaned, fired = clean_text("The ministry said talks would resume on Monday. © Valley Times")
    assert cleaned == "The ministry said talks would resume on Monday."
    assert fired == ["copyright_inline"]


def test_glued_advert_marker_is_stripped_from_the_paragraph_start() -> None:
    cleaned, fired = clean_text("ADVERTISEMENT The spokesman said talks would resume.")
    assert cleaned == "The spokesman said talks would resume."
    assert fired == ["ad_prefix"]


def test_also_read_heading_takes_the_linked_headline_with_it() -> None:
    text = _with("Also read\nPakistan closes airspace for 48 hours")
    cleaned, fired = clean_text(text)
    assert cleaned.split("\n") == BODY
    assert fired == ["read_more_heading"]


def test_bare_related_label_takes_the_linked_headline_with_it() -> None:
    cleaned, fired = clean_text(_with("Related:\nCeasefire timeline: what we know so far"))
    assert cleaned.split("\n") == BODY
    assert fired == ["read_more_heading"]


def test_also_read_heading_keeps_a_following_sentence() -> None:
    text = "\n".join([BODY[0], "Also read", BODY[1], BODY[2]])
    cleaned, _ = clean_text(text)
    assert cleaned.split("\n") == BODY


def test_click_to_tweet_button_is_cut_from_the_quote() -> None:
    cleaned, fired = clean_text("Peace is built one checkpoint at a time.Click To Tweet")
    assert cleaned == "Peace is built one checkpoint at a time."
    assert fired == ["share_inline"]


def test_comment_trailer_drops_everything_after_it_near_the_end() -> None:
    text = "\n".join(BODY + ["Comments are closed on this story.",
                             "Great reporting, thank you!", "Why is nobody asking about prices?"])
    cleaned, fired = clean_text(text)
    assert cleaned.split("\n") == BODY
    assert fired == ["comment_trailer"]


def test_comment_trailer_early_in_the_text_only_drops_its_line() -> None:
    text = "\n".join(["Leave a comment"] + BODY + BODY)
    cleaned, fired = clean_text(text)
    assert cleaned.split("\n") == BODY + BODY
    assert fired == ["comment_trailer"]


def test_head_and_tail_zones() -> None:
    head = "\n".join(["By Staff Reporter", "Updated: May 9, 2025 16:20 PKT"] + BODY)
    cleaned, fired = clean_text(head)
    assert cleaned.split("\n") == BODY
    assert fired == ["byline_line", "timestamp_line"]  # in the order they fired
    for stamp in ("UPDATED: Fri., May 9, 2025", "Updated at 4:35 p.m.", "5 min read",
                  "Reading time: 3 minutes"):
        cleaned, fired = clean_text("\n".join([stamp] + BODY))
        assert (cleaned.split("\n"), fired) == (BODY, ["timestamp_line"]), stamp
    # a byline-like line deep in the body is not touched
    middle = "\n".join(BODY + ["By Staff Reporter"] + BODY + BODY)
    assert "By Staff Reporter" in clean_text(middle)[0]
    tail = "\n".join(BODY + ["Published in Dawn, May 9th, 2025", "Tags: India, Pakistan, LoC"])
    cleaned, fired = clean_text(tail)
    assert cleaned.split("\n") == BODY
    assert fired == ["published_in_trailer", "tags_line"]


def test_long_paragraph_is_never_dropped_by_a_line_rule() -> None:
    long_line = ("Read more: " + "the spokesman described the events of the night in detail, " * 6)
    cleaned, fired = clean_text(long_line)
    assert cleaned == long_line.strip()
    assert fired == []


def test_rules_file_is_well_formed() -> None:
    entries = load_data("cleanup.yaml")["rules"]
    names = [e["name"] for e in entries]
    assert len(names) == len(set(names))
    assert [r.name for r in load_rules()] == names
    for entry in entries:
        assert entry["patterns"], entry["name"]


def test_empty_text() -> None:
    assert clean_text("") == ("", [])

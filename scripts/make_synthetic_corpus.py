"""Write a synthetic corpus of conflict-news pages for benchmarks and tests.

Every page is invented here from templates: made-up outlets (``.example``
domains), officials and quotes about a border crisis between two countries,
laid out in one of four site templates (broadsheet, wire, broadcaster portal
with JSON-LD, legacy table layout) with the navigation, asides, related links
and comments that real pages carry. Bodies are 200-1,500 words. Output is
deterministic for a given seed.

    python scripts/make_synthetic_corpus.py --n 200 --out /tmp/corpus [--seed 7]

writes ``OUT/pages/page-00000.html`` ... and ``OUT/outlets.yaml`` (the invented
outlets, for ``--outlets``).
"""

from __future__ import annotations

import argparse
import html
import json
import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class Outlet:
    """An invented outlet: where it is based and which layout its site uses."""

    name: str
    domain: str
    country: str
    kind: str
    layout: str


OUTLETS = (
    Outlet("The Northern Ledger", "northernledger.example", "IN", "newspaper", "broadsheet"),
    Outlet("Capital Bulletin", "capitalbulletin.example", "IN", "newspaper", "legacy"),
    Outlet("Deccan Signal TV", "deccansignal.example", "IN", "broadcaster", "portal"),
    Outlet("Indus Evening Post", "indusevening.example", "PK", "newspaper", "broadsheet"),
    Outlet("Margalla Daily", "margalladaily.example", "PK", "newspaper", "legacy"),
    Outlet("Frontier Newsline", "frontiernewsline.example", "PK", "broadcaster", "portal"),
    Outlet("Meridian Wire", "meridianwire.example", "INTL", "wire", "wire"),
    Outlet("Harbourside Times", "harboursidetimes.example", "GB", "newspaper", "broadsheet"),
    Outlet("Global Desk Agency", "globaldesk.example", "INTL", "wire", "wire"),
)

OFFICIALS = {
    "IN": [("Defence Minister", "Rakesh Varma"), ("foreign ministry spokesperson", "Meera Iyer"),
           ("Colonel", "Anand Rao"), ("Air Marshal", "Vikram Sethi"),
           ("Home Secretary", "Sunil Bhatia"), ("army spokesman Brigadier", "Harish Menon")],
    "PK": [("Information Minister", "Tariq Hussain"),
           ("military spokesman Major General", "Kamran Baig"),
           ("Foreign Office spokeswoman", "Sana Qadir"), ("Defence Minister", "Imran Latif"),
           ("Air Vice Marshal", "Faisal Raza"), ("Interior Minister", "Naveed Akhtar")],
    "INTL": [("UN spokesperson", "Lucia Ferreira"), ("US State Department spokesman", "Daniel Price"),
             ("analyst", "Helen Marsh"), ("retired general", "Peter Okafor"),
             ("Red Cross regional director", "Ana Lindqvist")],
}
COUNTRY = {"IN": "India", "PK": "Pakistan"}
DEMONYM = {"IN": "Indian", "PK": "Pakistani"}
CAPITAL = {"IN": "New Delhi", "PK": "Islamabad"}
PLACES = {"IN": ["Srinagar", "Jammu", "Poonch", "Amritsar", "Pathankot", "Rajouri", "Uri"],
          "PK": ["Muzaffarabad", "Bahawalpur", "Sialkot", "Lahore", "Kotli", "Bhimber",
                 "Muridke"]}
LOADED = {"IN": ["terror camps", "cross-border terrorism", "terror launch pads",
                 "Pakistan-occupied Kashmir", "terrorist infrastructure"],
          "PK": ["Indian-occupied Kashmir", "unprovoked aggression", "cowardly attack",
                 "Azad Kashmir", "Indian state terrorism"],
          "NEUTRAL": ["militant groups", "Pakistan-administered Kashmir",
                      "Indian-administered Kashmir", "the disputed region", "armed groups"]}
SAY = ("said", "told reporters", "said in a statement", "told a news conference", "added",
       "wrote on social media", "insisted", "claimed", "warned")
NUMBER_WORDS = ("two", "three", "four", "five", "six", "seven", "nine", "twelve")


def _cap(sentence: str) -> str:
    """Upper-case the first letter (titles such as "analyst" may open a sentence)."""
    return sentence[:1].upper() + sentence[1:]


class Writer:
    """Draws the sentences, paragraphs and pages of one corpus from one random stream."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def pick(self, seq):
        return self.rng.choice(seq)

    def official(self, side: str) -> tuple[str, str]:
        title, name = self.pick(OFFICIALS[side])
        return title, name

    def when(self, published: date) -> str:
        back = self.rng.randint(1, 5)
        day = published - timedelta(days=back)
        return self.pick((f"on {WEEKDAYS[day.weekday()]}", f"late on {WEEKDAYS[day.weekday()]}",
                          f"on {day.strftime('%B')} {day.day}", "earlier this week",
                          "overnight", f"in the early hours of {WEEKDAYS[day.weekday()]}"))

    # ---- sentences, by kind -------------------------------------------------------
    def lead(self, side: str, other: str, published: date) -> str:
        return self.pick((
            (f"{DEMONYM[side]} forces struck what officials called {self.pick(LOADED[side])} "
            f"near {self.pick(PLACES[other])} {self.when(published)}, the sharpest escalation "
            f"between the neighbours in years."),
            (f"Shelling along the Line of Control killed at least {self.rng.randint(2, 19)} "
            f"people {self.when(published)}, local officials said, as {COUNTRY[side]} and "
            f"{COUNTRY[other]} traded blame for the violence."),
            (f"{COUNTRY[other]} said it shot down {self.pick(NUMBER_WORDS)} {DEMONYM[side]} "
            f"drones over {self.pick(PLACES[other])} {self.when(published)}, a claim "
            f"{CAPITAL[side]} rejected as baseless."),
            (f"Air raid sirens sounded across {self.pick(PLACES[side])} {self.when(published)} "
            f"after reports of explosions near a military base."),
        ))

    def quote(self, side: str, other: str, published: date) -> str:
        title, name = self.official(self.pick((side, other, "INTL")))
        verb = self.pick(SAY)
        return self.pick((
            (f"\u201cWe will respond to any {self.pick(LOADED[side])} with full force,\u201d "
            f"{title} {name} {verb}."),
            (f"{title} {name} {verb} that the strikes had been \u201cmeasured, precise and "
            f"non-escalatory\u201d and had not targeted any civilian site."),
            (f"\u201cThe international community cannot remain silent,\u201d {name} {verb}, "
            f"calling for an independent investigation."),
            (f"According to {title} {name}, the government had been briefed about the attack "
            f"{self.when(published)} and had ordered troops to remain on high alert."),
            (f"{name}, the {title.lower()}, {verb} the ceasefire was holding \u201cfor now\u201d "
            f"but that both sides had moved heavy artillery closer to the border."),
            (f"\u201cOur forces acted in self-defence,\u201d {title} {name} {verb}. "
            f"\u201cNo one should test our resolve.\u201d"),
        ))

    def claim(self, side: str, other: str, published: date) -> str:
        low = self.rng.randint(3, 40)
        return self.pick((
            (f"{COUNTRY[side]}'s army said {low} soldiers had been killed and "
            f"{low * 2 + self.rng.randint(0, 9)} wounded since the fighting began."),
            (f"Officials in {self.pick(PLACES[other])} put the death toll at {low}, while "
            f"{DEMONYM[side]} media reported between {low + 5} and {low + 12} dead."),
            (f"At least {self.rng.randint(100, 4000)} families have fled villages near the "
            f"frontier, according to local authorities."),
            (f"The military said it had destroyed {self.pick(NUMBER_WORDS)} enemy posts and "
            f"downed {self.rng.randint(2, 30)} drones over {self.rng.randint(2, 4)} days."),
            (f"{CAPITAL[other]} denied losing any aircraft, but a senior official admitted "
            f"that {self.pick(NUMBER_WORDS)} jets had been damaged."),
            (f"Hospitals in {self.pick(PLACES[side])} treated {self.rng.randint(12, 240)} "
            f"injured people {self.when(published)}."),
        ))

    def background(self, side: str, other: str, published: date) -> str:
        return self.pick((
            (f"The two nuclear-armed neighbours have fought several wars since independence, "
            f"most of them over {self.pick(LOADED['NEUTRAL'])}."),
            (f"Tensions rose sharply last month after an attack on tourists that "
            f"{CAPITAL[side]} blamed on {self.pick(LOADED['NEUTRAL'])} backed by {COUNTRY[other]}."),
            f"{COUNTRY[other]} has denied any involvement and offered to join a neutral inquiry.",
            ("Diplomats from several Gulf states have been shuttling between the two capitals, "
            "urging restraint and a return to talks."),
            (f"Airlines suspended flights to {self.pick(PLACES[side])} and {self.pick(PLACES[other])}"
            f", and schools along the border were closed for {self.rng.randint(2, 10)} days."),
            ("Markets fell on the news, with the benchmark index losing more than two percent "
            "before recovering some ground in afternoon trade."),
            (f"The {self.pick(('United Nations', 'European Union', 'United States'))} called on "
            f"both sides to show maximum restraint and to resolve the dispute through dialogue."),
        ))

    def colour(self, side: str, other: str, published: date) -> str:
        place = self.pick(PLACES[side])
        return self.pick((
            (f"In {place}, shopkeepers pulled down their shutters as ambulances raced through "
            f"the narrow streets, their sirens echoing off the hills."),
            (f"Residents of {place} described a night of loud explosions. \u201cThe windows shook "
            f"and the children would not stop crying,\u201d said one woman, who asked not to be "
            f"named."),
            (f"Volunteers handed out water and blankets at a school in {place} that had been "
            f"turned into a shelter for families from the border villages."),
            (f"Farmers near {place} said they had abandoned the wheat harvest, fearing more "
            f"shelling in the coming days."),
        ))

    def paragraph(self, side: str, other: str, published: date) -> str:
        kinds = (self.quote, self.claim, self.background, self.colour, self.quote, self.claim)
        return " ".join(_cap(self.pick(kinds)(side, other, published))
                        for _ in range(self.rng.randint(1, 3)))

    def body(self, side: str, other: str, published: date, words: int) -> list[str]:
        paras = [_cap(self.lead(side, other, published))]
        count = len(paras[0].split())
        while count < words:
            para = self.paragraph(side, other, published)
            paras.append(para)
            count += len(para.split())
        return paras

    def headline(self, side: str, other: str) -> str:
        return self.pick((
            f"{COUNTRY[side]} says strikes hit {self.pick(LOADED[side])} as tensions soar",
            (f"{COUNTRY[other]} vows response after overnight attacks near "
            f"{self.pick(PLACES[other])}"),
            (f"Death toll rises along the frontier as {COUNTRY[side]} and {COUNTRY[other]} "
            f"trade fire"),
            f"Calls for restraint grow as {DEMONYM[side]} and {DEMONYM[other]} forces clash",
            f"Ceasefire under strain after a night of shelling in {self.pick(PLACES[side])}",
        ))


# ---- page layouts -------------------------------------------------------------------


def _p(paras: list[str], tag: str = "p") -> str:
    return "\n".join(f"<{tag}>{html.escape(p)}</{tag}>" for p in paras)


def _nav(outlet: Outlet) -> str:
    items = ("Home", "World", "Region", "Politics", "Business", "Sport", "Opinion", "Video")
    links = "".join(f'<li><a href="https://{outlet.domain}/{i.lower()}">{i}</a></li>'
                    for i in items)
    return f'<nav class="main-nav"><ul>{links}</ul></nav>'


def _related(outlet: Outlet, titles: list[str]) -> str:
    links = "".join(f'<li><a href="https://{outlet.domain}/news/{k}">{html.escape(t)}</a></li>'
                    for k, t in enumerate(titles))
    return f'<section class="related"><h3>Related stories</h3><ul>{links}</ul></section>'


def _comments(w: Writer) -> str:
    names = ("kashif_88", "R. Sharma", "peace-lover", "M. Ali", "observer2025")
    texts = ("Both governments should talk instead of fighting.",
             "The media is hiding the real numbers.", "Prayers for the families.",
             "This will only end at the negotiating table.")
    rows = "".join(f'<div class="comment"><span class="user">{w.pick(names)}</span>'
                   f"<p>{w.pick(texts)}</p></div>" for _ in range(w.rng.randint(1, 4)))
    return f'<section id="comments"><h3>Comments</h3>{rows}</section>'


def _head(outlet: Outlet, a: dict, extra: str = "") -> str:
    return (f"<head><meta charset=\"utf-8\"><title>{html.escape(a['title'])} | {outlet.name}"
            f"</title><meta property=\"og:title\" content=\"{html.escape(a['title'])}\">"
            f"<meta property=\"og:site_name\" content=\"{outlet.name}\">"
            f"<meta name=\"description\" content=\"{html.escape(a['standfirst'])}\">"
            f"<meta property=\"article:published_time\" content=\"{a['published']}T09:30:00Z\">"
            f"<link rel=\"canonical\" href=\"{a['url']}\">{extra}</head>")


def layout_broadsheet(w: Writer, outlet: Outlet, a: dict) -> str:
    """A modern newspaper page: header date, article element, asides, related, comments."""
    paras = [_p([p]) for p in a["body"]]
    if len(paras) > 4:
        paras.insert(3, f'<aside class="read-more"><p>Read more: '
                        f'<a href="https://{outlet.domain}/x">{html.escape(a["related"][0])}'
                        f"</a></p></aside>")
    today = a["today"].strftime("%A, %B %d, %Y")
    return (f"<!DOCTYPE html><html lang=\"en\">{_head(outlet, a)}<body>"
            f"<header class=\"site-header\"><div class=\"today\">{today}</div>"
            f"<a class=\"logo\" href=\"https://{outlet.domain}/\">{outlet.name}</a>{_nav(outlet)}"
            f"</header><main><article class=\"story\"><h1>{html.escape(a['title'])}</h1>"
            f"<p class=\"standfirst\">{html.escape(a['standfirst'])}</p>"
            f"<div class=\"byline\">By <span class=\"author\">{a['author']}</span> | "
            f"<time datetime=\"{a['published']}\">{a['published_text']}</time></div>"
            f"<div class=\"story-body\">{''.join(paras)}</div></article>"
            f"{_related(outlet, a['related'])}{_comments(w)}</main>"
            f"<footer><p>&copy; 2025 {outlet.name}. All rights reserved.</p>"
            f"<a href=\"https://{outlet.domain}/privacy\">Privacy</a></footer></body></html>")


def layout_wire(w: Writer, outlet: Outlet, a: dict) -> str:
    """A sparse wire-agency page with a dateline opening the first paragraph."""
    body = list(a["body"])
    body[0] = f"{a['dateline'].upper()}, {a['published_text']} ({outlet.name}) - {body[0]}"
    return (f"<html>{_head(outlet, a)}<body><div id=\"top\">{outlet.name} | Top News</div>"
            f"<div id=\"story\"><h2 class=\"headline\">{html.escape(a['title'])}</h2>"
            f"<span class=\"date\">{a['published_text']}</span>{_p(body)}"
            f"<p class=\"credit\">Reporting by {a['author']}; editing by desk staff</p></div>"
            f"<div id=\"more\">{_related(outlet, a['related'])}</div></body></html>")


def layout_portal(w: Writer, outlet: Outlet, a: dict) -> str:
    """A broadcaster portal: JSON-LD metadata, div paragraphs, video block, trending list."""
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle",
                     "headline": a["title"], "datePublished": f"{a['published']}T09:30:00Z",
                     "author": {"@type": "Person", "name": a["author"]},
                     "publisher": {"@type": "Organization", "name": outlet.name}})
    extra = f'<script type="application/ld+json">{ld}</script>'
    return (f"<!DOCTYPE html><html>{_head(outlet, a, extra)}<body>{_nav(outlet)}"
            f"<div class=\"breaking\">BREAKING: live coverage continues</div>"
            f"<section class=\"article\"><h1 class=\"title\">{html.escape(a['title'])}</h1>"
            f"<div class=\"meta\">{a['author']} &middot; {a['published_text']}</div>"
            f"<div class=\"video-player\">Watch: our correspondent reports from the border"
            f"</div><div class=\"article-body\">{_p(a['body'], 'p')}</div></section>"
            f"<aside class=\"trending\"><h4>Trending</h4>{_related(outlet, a['related'])}"
            f"</aside>{_comments(w)}<footer>{outlet.name} Digital</footer></body></html>")


def layout_legacy(w: Writer, outlet: Outlet, a: dict) -> str:
    """An old table layout with today's date in the header, above the byline date."""
    today = a["today"].strftime("%A, %B %d, %Y")
    return (f"<html>{_head(outlet, a)}<body><table width=\"100%\"><tr><td class=\"masthead\">"
            f"{outlet.name}</td><td align=\"right\">{today}</td></tr></table>"
            f"<table><tr><td class=\"leftcol\">{_nav(outlet)}</td><td class=\"content\">"
            f"<h1>{html.escape(a['title'])}</h1><div class=\"byline\">{a['author']}, "
            f"{a['published_text']}</div><div class=\"text\">{_p(a['body'])}</div></td>"
            f"<td class=\"rightcol\">{_related(outlet, a['related'])}</td></tr></table>"
            f"<div class=\"footer\">Contact us | Advertise | Archive</div></body></html>")


LAYOUTS = {"broadsheet": layout_broadsheet, "wire": layout_wire, "portal": layout_portal,
           "legacy": layout_legacy}
AUTHORS = ("Priya Nair", "Omar Siddiqui", "Claire Dawson", "Farhan Malik", "Kavita Joshi",
           "Staff Reporter", "Jonathan Reeve", "Ayesha Khan")


def make_page(w: Writer, index: int, min_words: int = 200, max_words: int = 1500) -> str:
    """One synthetic article page (HTML)."""
    outlet = OUTLETS[index % len(OUTLETS)]
    side = outlet.country if outlet.country in COUNTRY else w.pick(("IN", "PK"))
    other = "PK" if side == "IN" else "IN"
    published = date(2025, 5, 1) + timedelta(days=w.rng.randint(0, 20))
    words = w.rng.randint(min_words, max_words)
    body = w.body(side, other, published, words)
    title = w.headline(side, other)
    a = {"title": title, "body": body, "standfirst": body[0].split(",")[0] + ".",
         "published": published.isoformat(), "today": published + timedelta(days=w.rng.randint(0, 90)),
         "published_text": f"{published.strftime('%B')} {published.day}, {published.year}",
         "author": w.pick(AUTHORS), "dateline": w.pick(PLACES[side] + [CAPITAL[side]]),
         "url": f"https://{outlet.domain}/news/2025/05/{index:05d}-"
                + "-".join(title.lower().split()[:6]).replace("'", ""),
         "related": [w.headline(other, side) for _ in range(3)]}
    return LAYOUTS[outlet.layout](w, outlet, a)


def make_corpus(n: int, seed: int = 7, min_words: int = 200,
                max_words: int = 1500) -> list[tuple[str, str]]:
    """``n`` (file name, html) pairs, deterministic for ``seed``."""
    w = Writer(seed)
    return [(f"page-{i:05d}.html", make_page(w, i, min_words, max_words)) for i in range(n)]


def outlets_yaml() -> str:
    """The invented outlets as a registry file for ``--outlets``."""
    return "".join(f"- {{domain: {o.domain}, name: {o.name}, country: {o.country}, "
                   f"kind: {o.kind}}}\n" for o in OUTLETS)


def write_corpus(out: Path, n: int, seed: int = 7, min_words: int = 200,
                 max_words: int = 1500) -> list[Path]:
    """Write ``out/pages/*.html`` and ``out/outlets.yaml``; returns the page paths."""
    (out / "pages").mkdir(parents=True, exist_ok=True)
    paths = []
    for name, page in make_corpus(n, seed, min_words, max_words):
        path = out / "pages" / name
        path.write_text(page, encoding="utf-8")
        paths.append(path)
    (out / "outlets.yaml").write_text(outlets_yaml(), encoding="utf-8")
    return paths


def main() -> None:
    """Command line: --n, --out, --seed, --min-words, --max-words."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--min-words", type=int, default=200)
    parser.add_argument("--max-words", type=int, default=1500)
    args = parser.parse_args()
    paths = write_corpus(args.out, args.n, args.seed, args.min_words, args.max_words)
    print(f"wrote {len(paths)} pages and outlets.yaml to {args.out}")


if __name__ == "__main__":
    main()

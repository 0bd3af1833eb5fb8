"""Builders for hand-made analysed articles used by the compare/report tests.

The sentences are written for these tests; the analysis items (claims, quotes,
events, times, actors) are placed by hand at the offsets of the phrases they
name, as the analysis stage would place them.
"""

from __future__ import annotations

import hashlib

from rashomon.compare.incidents import Incident, merge_profiles
from rashomon.compare.linking import link_items
from rashomon.compare.profiles import build_profile
from rashomon.compare.text import split_sentences
from rashomon.models import Actor, Article, Claim, Event, Frame, Outlet, Quote, TimeExpr

OUTLETS = {
    "IN": ("Ganga Herald", "gangaherald.example"),
    "IN2": ("Deccan Daybook", "deccandaybook.example"),
    "PK": ("Margalla Times", "margallatimes.example"),
    "PK2": ("Ravi Evening News", "ravievening.example"),
    "INTL": ("Globe Wire", "globewire.example"),
    "INTL2": ("Harbour Review", "harbourreview.example"),
}


def outlet(key: str) -> Outlet:
    """A registry-like outlet for a key of ``OUTLETS`` (country from the key)."""
    name, domain = OUTLETS[key]
    return Outlet(name=name, domain=domain, country=key.rstrip("0123456789"))


def find(text: str, phrase: str, occurrence: int = 0) -> tuple[int, int]:
    """(start, end) of the n-th occurrence of ``phrase`` in ``text``."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    return start, start + len(phrase)


def sentence_of(text: str, start: int) -> str:
    """The sentence of ``text`` holding offset ``start``."""
    return next(s.text for s in split_sentences(text) if s.start <= start < s.end)


def article(key: str, outlet_key: str, published: str | None, title: str, paragraphs: list[str],
            **kw: object) -> Article:
    """An extracted article; analysis items are added with the helpers below."""
    text = "\n".join(paragraphs)
    o = outlet(outlet_key)
    aid = hashlib.sha1(key.encode()).hexdigest()[:16]
    return Article(id=aid, source=f"{key}.html", url=f"https://www.{o.domain}/news/{key}",
                   title=title, outlet=o, published=published, language="en", dateline=None,
                   text=text, analyzed=True, **kw)  # type: ignore[arg-type]


def add_claim(a: Article, number: str, value: float | None, *, obj: str | None = None,
              predicate: str | None = None, claimant: str | None = None,
              claimant_actor: str | None = None, hedge: str = "asserted", low: float | None = None,
              high: float | None = None, occurrence: int = 0, unit: str | None = None) -> Claim:
    """Add a claim on the figure ``number`` (its n-th occurrence) and return it."""
    start, end = find(a.text, number, occurrence)
    c = Claim(claimant=claimant or a.outlet.name, claimant_actor=claimant_actor,
              attributed=claimant is not None, value=value, low=low, high=high, object=obj,
              predicate=predicate, hedge=hedge, sentence=sentence_of(a.text, start),
              start=start, end=end, text=number, unit=unit)
    a.claims.append(c)
    return c


def add_actor(a: Article, aid: str, name: str, kind: str, country: str | None,
              mentions: list[str]) -> Actor:
    """Add an actor with the offsets of its first mention of each phrase."""
    actor = Actor(id=aid, name=name, type=kind, country=country,
                  mentions=[find(a.text, m) for m in mentions])
    a.actors.append(actor)
    return actor


def add_quote(a: Article, content: str, speaker: str, speaker_actor: str | None = None,
              cue: str = "said", kind: str = "direct") -> Quote:
    """Add a quote whose content is the phrase ``content``."""
    start, end = find(a.text, content)
    q = Quote(speaker=speaker, speaker_actor=speaker_actor, cue=cue, content=content, kind=kind,
              start=start, end=end)
    a.quotes.append(q)
    return q


def add_event(a: Article, trigger: str, etype: str, actor: str | None, target: str | None,
              date: str | None = None, location: str | None = None,
              source: str | None = None) -> Event:
    """Add an event triggered by the phrase ``trigger``."""
    start, end = find(a.text, trigger)
    ev = Event(type=etype, mode=None, actor=actor, target=target, date=date, location=location,
               negated=False, hypothetical=False, source=source or a.outlet.name,
               text=trigger, start=start, end=end, trigger=trigger,
               sentence=sentence_of(a.text, start))
    a.events.append(ev)
    return ev


def add_time(a: Article, phrase: str, value: str, ttype: str = "DATE") -> TimeExpr:
    """Add a normalised time expression."""
    start, end = find(a.text, phrase)
    t = TimeExpr(text=phrase, value=value, type=ttype, start=start, end=end)
    a.times.append(t)
    return t


def add_frame(a: Article, phrase: str, leaning: str, neutral: str | None = None,
              category: str = "label") -> Frame:
    """Add a framing term."""
    start, end = find(a.text, phrase)
    f = Frame(text=phrase, neutral=neutral, leaning=leaning, category=category, start=start,
              end=end, term=phrase.lower())
    a.frames.append(f)
    return f


# ---------------------------------------------------------------- a small hand-written corpus


def attack_articles() -> list[Article]:
    """Three outlets on an attack on tourists (22-23 April 2025)."""
    a1 = article("attack-intl", "INTL", "2025-04-22",
                 "Gunmen kill tourists at a meadow near Pahalgam in Indian-administered Kashmir", [
                     ("Gunmen opened fire on a group of tourists at a meadow near Pahalgam in "
                     "Indian-administered Kashmir on Tuesday, killing at least 24 people, police said."),
                     ("The attackers came out of a pine forest and shot at visitors who had come for "
                     "pony rides, witnesses said."),
                     ("Indian officials said the gunmen were backed by Pakistan, a charge Islamabad "
                     "rejected."),
                     "It was the deadliest attack on civilians in the region in years."])
    add_claim(a1, "24", 24, low=24, obj="people", predicate="killing",
              claimant="Jammu and Kashmir Police", hedge="estimated")
    add_time(a1, "on Tuesday", "2025-04-22")
    add_event(a1, "opened fire", "ASSAULT", "militants", "IN", "2025-04-22", "Pahalgam")
    a2 = article("attack-in", "IN", "2025-04-23",
                 "Pahalgam terror attack: 28 tourists killed as terrorists fire on visitors", [
                     ("Terrorists fired on tourists at a meadow near Pahalgam on Tuesday afternoon, "
                     "killing 28 people in the worst attack on visitors to the valley."),
                     ("The terrorists came from across the border, officials said, pointing to "
                     "cross-border terrorism backed by Pakistan."),
                     ("Security forces have launched a search operation in the forests around the "
                     "meadow.")])
    add_claim(a2, "28", 28, obj="people", predicate="killing")
    add_time(a2, "on Tuesday afternoon", "2025-04-22")
    add_event(a2, "fired on", "ASSAULT", "militants", "IN", "2025-04-22", "Pahalgam")
    a3 = article("attack-pk", "PK", "2025-04-23",
                 "Pakistan denies any role in Pahalgam attack, offers neutral probe", [
                     ("Pakistan on Wednesday denied any role in the attack on tourists near Pahalgam "
                     "in which 26 people were killed, and offered to join a neutral investigation."),
                     ("The foreign office called India's allegations baseless and said New Delhi had "
                     "offered no evidence."),
                     "The attack has sharply raised tensions between the two neighbours."])
    add_claim(a3, "26", 26, obj="people", predicate="were killed")
    return [a1, a2, a3]


def ceasefire_articles() -> list[Article]:
    """Three outlets on the ceasefire of 10 May 2025; one recaps the April attack."""
    c1 = article("ceasefire-intl", "INTL", "2025-05-10",
                 "India and Pakistan agree to ceasefire after four days of fighting", [
                     ("India and Pakistan agreed to a ceasefire on Saturday after four days of missile "
                     "and drone exchanges, with the truce taking effect at 1130 GMT."),
                     ("US President Donald Trump said the ceasefire came after a long night of talks "
                     "mediated by the United States."),
                     ("The fighting began after India struck what it called militant camps in Pakistan "
                     "on 7 May, two weeks after gunmen killed 26 people near Pahalgam on 22 April."),
                     ("India's foreign secretary said the halt to firing was worked out directly "
                     "between the two armies' directors general of military operations.")])
    add_actor(c1, "trump", "Donald Trump", "PERSON", "US", ["Donald Trump"])
    add_quote(c1, "the ceasefire came after a long night of talks mediated by the United States",
              "Donald Trump", "trump", kind="indirect")
    add_claim(c1, "26", 26, obj="people", predicate="killed")
    add_time(c1, "on 22 April", "2025-04-22")
    add_time(c1, "on 7 May", "2025-05-07")
    add_time(c1, "on Saturday", "2025-05-10")
    add_event(c1, "agreed to a ceasefire", "AGREE", "IN", "PK", "2025-05-10")
    c2 = article("ceasefire-pk", "PK", "2025-05-10",
                 "Ceasefire with India takes hold as guns fall silent", [
                     ("A ceasefire between Pakistan and India came into force at 4:30 pm PKT on "
                     "Saturday, the foreign office said."),
                     ("Foreign Minister Ishaq Dar thanked the United States for brokering the truce "
                     "and said Pakistan had always sought peace.")])
    add_actor(c2, "dar", "Ishaq Dar", "PERSON", "PK", ["Ishaq Dar"])
    add_event(c2, "ceasefire", "AGREE", "PK", "IN", "2025-05-10")
    c3 = article("ceasefire-in", "IN", "2025-05-10",
                 "India and Pakistan agree to halt firing from 5 pm, says foreign secretary", [
                     ("India and Pakistan have agreed to stop all firing and military action on land, "
                     "air and sea with effect from 5 pm on Saturday, Foreign Secretary Vikram Misri "
                     "said."),
                     ("The understanding to stop firing was reached directly between the two "
                     "directors general of military operations, without any mediation, Misri said.")])
    add_actor(c3, "misri", "Vikram Misri", "PERSON", "IN", ["Vikram Misri"])
    add_event(c3, "agreed to stop all firing", "AGREE", "IN", "PK", "2025-05-10")
    return [c1, c2, c3]


def strikes_2025_articles() -> list[Article]:
    """Two outlets on the strikes of 7 May 2025; one recalls the 2019 strike."""
    s1 = article("strikes-intl", "INTL", "2025-05-07",
                 "India fires missiles at nine sites in Pakistan, Pakistan says 26 civilians killed", [
                     ("India launched missile strikes on nine sites in Pakistan and "
                     "Pakistan-administered Kashmir early on Wednesday, saying it had hit camps used "
                     "by militants."),
                     ("Pakistan's military said six locations were struck and 26 civilians were "
                     "killed."),
                     ("In 2019, Indian jets struck a hillside near Balakot after a suicide bombing in "
                     "Pulwama.")])
    add_claim(s1, "nine", 9, obj="sites", predicate="strikes", claimant="Indian government")
    add_claim(s1, "six", 6, obj="locations", predicate="were struck", claimant="Pakistan's military")
    add_claim(s1, "26", 26, obj="civilians", predicate="were killed", claimant="Pakistan's military")
    add_event(s1, "launched missile strikes", "ASSAULT", "IN", "PK", "2025-05-07")
    s2 = article("strikes-pk", "PK", "2025-05-07",
                 "Indian missiles strike six locations, 26 civilians martyred, says military", [
                     ("Indian missiles struck six locations in Pakistan and Azad Kashmir overnight, "
                     "killing 26 civilians, the military's media wing said on Wednesday."),
                     ("Pakistan shot down five Indian jets, including three Rafales, the spokesman "
                     "said."),
                     "India has not commented on the claim."])
    add_claim(s2, "six", 6, obj="locations", predicate="struck", claimant="ISPR")
    add_claim(s2, "26", 26, obj="civilians", predicate="killing", claimant="ISPR")
    add_claim(s2, "five", 5, obj="Indian jets", predicate="shot down", claimant="ISPR")
    add_event(s2, "struck six locations", "ASSAULT", "IN", "PK", "2025-05-07")
    return [s1, s2]


def balakot_2019_article() -> Article:
    """An Indian outlet on the strike of February 2019 (the look-alike incident)."""
    b = article("balakot-2019", "IN2", "2019-02-26",
                "Indian jets strike militant camp near Balakot in Pakistan", [
                    ("Indian warplanes struck a militant training camp near Balakot in Pakistan early "
                    "on Tuesday, twelve days after a suicide bombing killed 40 paramilitary police in "
                    "Pulwama."),
                    ("Pakistan said the jets dropped their payload on an empty hillside and caused no "
                    "casualties.")])
    add_claim(b, "40", 40, obj="paramilitary police", predicate="killed")
    add_event(b, "struck a militant training camp", "ASSAULT", "IN", "PK", "2019-02-26")
    return b


def one_incident(articles: list[Article], parties: tuple[str, ...] = ("IN", "PK")) -> Incident:
    """All ``articles`` as one incident (no clustering), with their items linked."""
    profiles = [build_profile(a) for a in articles]
    dates = sorted(a.published for a in articles if a.published)
    inc = Incident(id="inc-test", label="Test incident", start=dates[0] if dates else None,
                   end=dates[-1] if dates else None, article_ids=[a.id for a in articles],
                   parties=list(parties), profile=merge_profiles(profiles, "inc-test"))
    inc.copies = {a.id: a.copy_of for a in articles if a.copy_of}
    link_items([inc], articles)
    return inc

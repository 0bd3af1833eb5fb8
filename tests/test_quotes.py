"""Quotes: every form on sentences written for these tests."""

from __future__ import annotations

import pytest

from rashomon.analyze.pipeline import build_nlp
from rashomon.analyze.quotes import (
    extract_quotes,
    hedge_of,
    lexicon,
    quote_at,
    quote_segments,
    verb_group,
)


@pytest.fixture(scope="module")
def nlp():
    return build_nlp(["rashomon_actors", "rashomon_quotes"])


def quotes(nlp, text, kind=None):
    doc = nlp(text)
    found = doc._.quotes
    for q in found:  # offsets always point into the text
        assert 0 <= q.start < q.end <= len(text)
    return [q for q in found if kind is None or q.kind == kind]


def one(nlp, text, kind):
    found = quotes(nlp, text, kind)
    assert len(found) == 1, [(q.kind, q.content) for q in quotes(nlp, text)]
    return found[0]


# ---------------------------------------------------------------- lexicon
def test_lexicon_has_a_few_hundred_verbs_in_groups():
    lex = lexicon()
    assert len(lex.group_of) >= 300
    assert verb_group("deny") == "deny" and verb_group("confirm") == "confirm"
    assert verb_group("say") == "neutral" and verb_group("warn") == "warn"
    assert verb_group("eat") is None


# ---------------------------------------------------------------- direct
def test_direct_cue_after_with_inverted_speaker(nlp):
    q = one(nlp, '"We will answer at a time of our choosing," said Lt Gen Ahmed Sharif '
                 'Chaudhry, the military\'s spokesman.', "direct")
    assert q.speaker == "Ahmed Sharif Chaudhry"
    assert q.speaker_actor == "person:ahmed-sharif-chaudhry"
    assert q.cue == "said" and q.content.startswith("We will answer")
    assert q.reason == "direct_cue_after:neutral"


def test_direct_cue_after_with_subject_first_and_curly_quotes(nlp):
    text = "\u201cThe talks went well,\u201d Marisol Okafor said on Friday."
    q = one(nlp, text, "direct")
    assert q.speaker == "Marisol Okafor"
    assert text[q.start:q.end] == "The talks went well,"


def test_direct_cue_before_with_colon_multi_sentence(nlp):
    q = one(nlp, 'Foreign Minister Ishaq Dar said: "Pakistan wants peace. But we will '
                 'defend every inch of our soil."', "direct")
    assert q.speaker == "Ishaq Dar"
    assert q.content == "Pakistan wants peace. But we will defend every inch of our soil."


def test_split_quote_is_one_quote(nlp):
    text = '"The strikes were measured," Vikram Misri said, "and they were not escalatory."'
    q = one(nlp, text, "direct")
    assert q.speaker == "Vikram Misri"
    assert q.content == "The strikes were measured, and they were not escalatory."
    assert text[q.start:].startswith("The strikes") and text[:q.end].endswith("escalatory.")


def test_multi_paragraph_quote_continues(nlp):
    text = ('Shashi Tharoor addressed the gathering.\n\n'
            '"This is the first part of what I have to say.\n\n'
            '"And this is where it ends," he said.')
    q = one(nlp, text, "direct")
    assert q.speaker == "Shashi Tharoor"
    assert "first part" in q.content and "where it ends" in q.content


def test_each_speaker_keeps_own_quote_when_colons_introduce_them(nlp):
    text = ('Dara Whitfield said: "We are ready." Tomas Lindqvist said: "So are we."')
    found = quotes(nlp, text, "direct")
    assert [(q.speaker, q.content) for q in found] == [
        ("Dara Whitfield", "We are ready."), ("Tomas Lindqvist", "So are we.")]


def test_unbalanced_quote_marks_do_not_break_the_article(nlp):
    text = ('The minister spoke of a "new chapter in ties.\n\n'
            '"We will not back down," said Imtiaz Halvorsen.')
    found = quotes(nlp, text, "direct")
    assert [(q.speaker, q.content) for q in found] == [
        ("Imtiaz Halvorsen", "We will not back down,")]


def test_quote_segments_straight_marks_per_paragraph():
    text = 'He said "one" and "two.\nThen "three" here.'
    segs = [text[s.start:s.end] for s in quote_segments(text)]
    assert segs == ["one", "two.", "three"]


def test_standalone_quote_paragraph_continues_previous_speaker(nlp):
    text = ('"We were not consulted," said Rukhsana Bell.\n\n'
            '"Nobody asked the villagers what they wanted."')
    found = quotes(nlp, text, "direct")
    assert [q.speaker for q in found] == ["Rukhsana Bell", "Rukhsana Bell"]
    assert found[1].reason.startswith("direct_continued")


def test_scare_quotes_are_not_quotes(nlp):
    assert quotes(nlp, 'The so-called "peace train" left the station on time.') == []


# ---------------------------------------------------------------- partial
def test_partial_quote_inside_reported_speech(nlp):
    q = one(nlp, 'Yuri Ushakov warned of "grave risks of escalation" in the region.',
            "partial")
    assert q.content == "grave risks of escalation"
    assert q.speaker == "Yuri Ushakov" and q.cue.startswith("warned")


def test_partial_quote_in_that_clause(nlp):
    text = 'Omar Abdullah said the attack was "much larger than anything we have seen".'
    q = one(nlp, text, "partial")
    assert q.content.startswith("much larger") and q.speaker == "Omar Abdullah"


# ---------------------------------------------------------------- indirect
@pytest.mark.parametrize("verb, group", [
    ("said", "neutral"), ("warned", "warn"), ("indicated", "announce"),
    ("reiterated", "assert"), ("underscored", "assert"), ("confirmed", "confirm"),
    ("denied", "deny"), ("claimed", "claim"),
])
def test_indirect_speech_with_that(nlp, verb, group):
    q = one(nlp, f"Kamala Iyer {verb} that the border crossing would stay closed.",
            "indirect")
    assert q.speaker == "Kamala Iyer" and q.cue == verb
    assert q.content == "that the border crossing would stay closed"
    assert q.reason == f"indirect_ccomp:{group}"


def test_indirect_without_that_and_after_the_clause(nlp):
    q = one(nlp, "Pakistan had shot down five jets, Ahmed Sharif Chaudhry said on Thursday.",
            "indirect")
    assert q.content == "Pakistan had shot down five jets"
    assert q.speaker == "Ahmed Sharif Chaudhry"


def test_urged_and_proposed(nlp):
    q = one(nlp, "Antonio Guterres urged both sides to exercise maximum restraint.",
            "indirect")
    assert q.content == "both sides to exercise maximum restraint" and q.reason.endswith(":urge")
    q = one(nlp, "Lena Marsh proposed that the talks move to Geneva.", "indirect")
    assert q.content == "that the talks move to Geneva"


def test_participle_speaker_is_main_clause_subject(nlp):
    text = ("Russian presidential aide Yuri Ushakov spoke to reporters in Moscow, "
            "reiterating Moscow's stance that disputes must be settled bilaterally.")
    found = [q for q in quotes(nlp, text, "indirect") if q.cue == "reiterating"]
    assert len(found) == 1
    assert found[0].speaker == "Yuri Ushakov"
    assert found[0].content == "that disputes must be settled bilaterally"


def test_hedges_from_groups(nlp):
    denied = one(nlp, "The Indian Air Force denied that any aircraft had been lost.",
                 "indirect")
    assert hedge_of(denied) == "denied" and denied.speaker == "Indian Air Force"
    confirmed = one(nlp, "The Pakistan Army confirmed that three soldiers had died.",
                    "indirect")
    assert hedge_of(confirmed) == "confirmed"
    said = one(nlp, "Nadia Roux said the road was open.", "indirect")
    assert hedge_of(said) is None


# ---------------------------------------------------------------- according to
def test_according_to_both_orders(nlp):
    q = one(nlp, "At least 26 people were killed, according to the Jammu and Kashmir Police.",
            "according_to")
    assert q.content == "At least 26 people were killed"
    assert q.speaker == "Jammu and Kashmir Police" and q.speaker_actor == "IND-POL-JKP"
    q = one(nlp, "According to Indian officials, nine sites were hit overnight.",
            "according_to")
    assert q.content == "nine sites were hit overnight"
    assert q.speaker == "Indian officials" and q.speaker_actor == "IND-GOV"


# ---------------------------------------------------------------- speaker resolution
def test_pronoun_speaker_goes_back_to_named_person(nlp):
    text = ("Bilawal Bhutto-Zardari arrived in New York on Monday. "
            "He said Pakistan had made its case.")
    q = one(nlp, text, "indirect")
    assert q.speaker == "Bilawal Bhutto-Zardari"
    assert text[q.speaker_start:q.speaker_end] == "He"


def test_short_name_speaker_is_full_name(nlp):
    text = "Shashi Tharoor led the delegation. Tharoor said India would not be found wanting."
    q = one(nlp, text, "indirect")
    assert q.speaker == "Shashi Tharoor"


def test_title_speaker_goes_back_to_holder(nlp):
    text = ("The ministry spokesman, Randhir Jaiswal, met reporters on Saturday. "
            "The spokesman said the talks had been productive.")
    q = one(nlp, text, "indirect")
    assert q.speaker == "Randhir Jaiswal"
    assert q.speaker_actor == "person:randhir-jaiswal"


def test_unnamed_group_speaker_keeps_phrase(nlp):
    q = one(nlp, "Pakistani officials said six locations had been struck.", "indirect")
    assert q.speaker == "Pakistani officials" and q.speaker_actor == "PAK-GOV"


# ---------------------------------------------------------------- quote_at
def test_quote_at_finds_the_quote_holding_a_number(nlp):
    text = "Ahmed Sharif Chaudhry said that five Indian jets had been shot down."
    doc = nlp(text)
    s = text.index("five")
    q = quote_at(doc, s, s + 4)
    assert q is not None and q.speaker == "Ahmed Sharif Chaudhry"
    assert quote_at(doc, 0, 5) is None


def test_extract_quotes_is_pure(nlp):
    doc = nlp('"Calm must prevail," said Antonio Guterres.')
    assert [q.content for q in extract_quotes(doc)] == [q.content for q in doc._.quotes]


def test_quote_resumed_after_attribution_sentence_is_joined(nlp):
    text = ('"We did not start this," Ahmed Sharif Chaudhry said. "But we will finish it."')
    q = one(nlp, text, "direct")
    assert q.content == "We did not start this, But we will finish it."
    assert q.speaker == "Ahmed Sharif Chaudhry"


def test_bare_name_attributions(nlp):
    q = one(nlp, 'Wajid Hussain: "The shelling went on all night."', "direct")
    assert q.speaker == "Wajid Hussain" and q.cue == ":"
    q = one(nlp, '"We only want to go home." \u2015 Zainab Mirza', "direct")
    assert q.speaker == "Zainab Mirza" and q.reason == "direct_name_only:neutral"


def test_title_phrase_needs_every_modifier_to_fit(nlp):
    text = ("Republican presidential nominee Dale Brandt and Democratic presidential nominee "
            "Maya Ortiz debated. The Democratic presidential nominee said taxes would rise.")
    q = one(nlp, text, "indirect")
    assert q.speaker == "Maya Ortiz"


def test_two_apostrophe_quote_marks(nlp):
    text = "''The plan will not work,'' said Corvin Abara, an economist in Lagos."
    q = one(nlp, text, "direct")
    assert q.content == "The plan will not work," and q.speaker == "Corvin Abara"


def test_quote_continues_after_long_attribution(nlp):
    text = ('"This is not reform," said Helga Brandvold, who ran the budget office for a '
            'decade before joining a think tank in Oslo. "It is the opposite of reform."')
    q = one(nlp, text, "direct")
    assert q.content == "This is not reform, It is the opposite of reform."


def test_transcript_lines(nlp):
    text = ("MODERATOR: Let us turn to the border.\n\n"
            "Nadia Farooqui spoke next.\n\n"
            "Nadia Farooqui: The border has been quiet since Sunday.\n\n"
            "MODERATOR: Thank you.")
    found = quotes(nlp, text, "direct")
    assert [(q.speaker, q.content) for q in found] == [
        ("Moderator", "Let us turn to the border."),
        ("Nadia Farooqui", "The border has been quiet since Sunday."),
        ("Moderator", "Thank you.")]
    assert quotes(nlp, "Note: this story was updated at noon.") == []


def test_country_as_speaker_is_its_government(nlp):
    q = one(nlp, "Pakistan said six locations had been struck overnight.", "indirect")
    assert q.speaker == "Pakistani government" and q.speaker_actor == "PAK-GOV"


def test_pronoun_after_title_speaker_follows_the_speaker(nlp):
    text = ("Vikram Misri briefed reporters after a meeting chaired by Prime Minister "
            "Narendra Modi. Visas would be cancelled, the foreign secretary said. "
            "He added that the border post would close.")
    found = quotes(nlp, text, "indirect")
    assert [q.speaker for q in found] == ["Vikram Misri", "Vikram Misri"]


def test_title_naming_an_agency_head_is_the_person(nlp):
    text = ('Lt Gen Ahmed Sharif Chaudhry spoke for an hour. '
            'The DG ISPR said: "Our response will be firm."')
    q = one(nlp, text, "direct")
    assert q.speaker == "Ahmed Sharif Chaudhry"


def test_bare_group_noun_inherits_the_country_named_before(nlp):
    text = ("Indian officials said nine sites were hit. "
            "Officials said the targets included training camps.")
    found = quotes(nlp, text, "indirect")
    assert [q.speaker_actor for q in found] == ["IND-GOV", "IND-GOV"]


def test_document_sources_speak_for_their_institution(nlp):
    q = one(nlp, "At least 31 people died, according to a statement from the ISPR.",
            "according_to")
    assert q.speaker == "Inter-Services Public Relations"
    q = one(nlp, "A spokesman for the Pakistani Foreign Office said the talks were off.",
            "indirect")
    assert q.speaker_actor == "PAK-GOV-MOFA"


def test_degenerate_inputs(nlp):
    assert quotes(nlp, "") == []
    assert quotes(nlp, '"\n\n"\n\n" "') == []
    text = '"Unclosed one.\n\nPlain text here.\n\n"We stand firm," said Irfan Qazi.'
    assert [q.speaker for q in quotes(nlp, text, "direct")] == ["Irfan Qazi"]


def test_dateline_is_not_a_transcript_speaker(nlp):
    text = ("ISLAMABAD: Pakistan said on Wednesday it had shot down five jets.\n\n"
            "NEW DELHI: India denied losing any aircraft.")
    assert quotes(nlp, text, "direct") == []
    assert {q.speaker for q in quotes(nlp, text, "indirect")} == {
        "Pakistani government", "Indian government"}


# ---------------------------------------------------------------- institutions and groups
def analysed(nlp, text, country=None):
    from rashomon.analyze.base import DocContext

    doc = nlp.make_doc(text)
    doc._.ctx = DocContext(outlet_name="Test Wire", outlet_country=country)
    return nlp(doc)


@pytest.mark.parametrize("country, speaker, actor", [
    ("IN", "Indian officials", "IND-GOV"),
    ("PK", "Pakistani officials", "PAK-GOV"),
    ("INTL", "Officials", None),
])
def test_bare_officials_of_a_national_outlet_are_its_countrys(nlp, country, speaker, actor):
    doc = analysed(nlp, "Officials said the shelling had stopped.", country)
    [q] = doc._.quotes
    assert (q.speaker, q.speaker_actor) == (speaker, actor)


def test_a_place_framing_the_report_gives_officials_their_country(nlp):
    doc = analysed(nlp, "In Rajouri, officials said two schools were damaged.", "INTL")
    assert (doc._.quotes[0].speaker, doc._.quotes[0].speaker_actor) == ("Indian officials",
                                                                        "IND-GOV")


def test_a_military_speaks_through_its_media_wing(nlp):
    doc = analysed(nlp, "Pakistan's military said three drones had been intercepted.", "INTL")
    [q] = doc._.quotes
    assert (q.speaker, q.speaker_actor) == ("Pakistani military", "PAK-MIL-ISPR")
    ispr = next(a for a in doc._.actors if a.id == "PAK-MIL-ISPR")
    assert ispr.mentions == [] and ispr.reason == "voice-of:PAK-MIL"


def test_they_after_a_group_subject_is_that_group(nlp):
    doc = analysed(nlp, "China said the talks were useful. Indian officials gave no figures. "
                        "They said the camps were empty.")
    assert doc._.quotes[-1].speaker == "Indian officials"


def test_a_speaker_who_gives_his_name(nlp):
    q = one(nlp, '"The walls shook all night," said a shopkeeper who gave his name as Rashid.',
            "direct")
    assert q.speaker == "Rashid"


def test_reports_citing_a_source_are_that_source_speaking(nlp):
    found = quotes(nlp, "Local reports citing the police said four people were hurt.")
    assert found and all(q.speaker == "police" for q in found)


def test_putting_a_figure_at_a_number_is_a_statement(nlp):
    found = quotes(nlp, "Major General Faisal Rana spoke to reporters. Later the general put "
                        "the number of dead at 19.", "indirect")
    q = next(q for q in found if q.reason.startswith("indirect_figure"))
    assert (q.speaker, q.content) == ("Faisal Rana", "put the number of dead at 19")


def test_describing_something_as_something_is_a_statement(nlp):
    q = one(nlp, "The ministry described the dam as a threat to 30 million farmers.", "indirect")
    assert q.content == "the dam as a threat to 30 million farmers"
    assert q.reason == "indirect_as:neutral"


def test_what_was_announced_does_not_speak(nlp):
    found = quotes(nlp, "The measures were announced after the cabinet met, and trade fell.")
    assert all(q.speaker != "measures" for q in found)


@pytest.mark.parametrize("text, country, speaker, actor", [
    ("Analysts in Lahore said the talks would fail.", "INTL", "Analysts in Lahore", None),
    ("Officials in Delhi said nothing had changed.", "INTL", "Officials in Delhi", "IND-GOV"),
    ("The Army said two drones were downed over Jammu.", "IN", "Indian army", "IND-MIL"),
    ("The defence ministry said the radar near Lahore was hit.", "PK",
     "Pakistani defence ministry", "PAK-GOV"),
])
def test_where_people_are_is_not_whom_they_speak_for(nlp, text, country, speaker, actor):
    [q] = analysed(nlp, text, country)._.quotes
    assert (q.speaker, q.speaker_actor) == (speaker, actor)


def test_decisions_and_weapons_do_not_speak(nlp):
    doc = analysed(nlp, "Islamabad said India's decision threatens millions of farmers.")
    assert [q.speaker for q in doc._.quotes] == ["Pakistani government"]
    doc = analysed(nlp, "The strikes showed that the air defences had failed.")
    assert all(q.speaker is None for q in doc._.quotes)


def test_officials_inherit_only_a_country_named_before_them(nlp):
    doc = analysed(nlp, "According to police officials, four people died. Later, Indian "
                        "officials said the toll was five. Officials said it could rise.",
                   "INTL")
    by_content = {q.content[:10]: q.speaker_actor for q in doc._.quotes}
    assert by_content == {"four peopl": None, "the toll w": "IND-GOV", "it could r": "IND-GOV"}


def test_a_foreign_outlets_officials_are_not_its_own(nlp):
    text = ("India and Pakistan exchanged fire. India blamed Pakistan and Pakistan blamed "
            "India. Officials said two villages were hit.")
    assert analysed(nlp, text, "US")._.quotes[-1].speaker_actor is None
    assert analysed(nlp, text, "PK")._.quotes[-1].speaker_actor == "PAK-GOV"


def test_people_based_somewhere_do_not_speak_for_its_government(nlp):
    [q] = analysed(nlp, "Washington-based analysts said the truce would hold.")._.quotes
    assert q.speaker_actor is None


# ---------------------------------------------------------------- titles with names
@pytest.mark.parametrize("text, name", [
    (('"We hope the lock gates will open again by Friday," the harbour master, Odile Ferrand, '
     'told reporters at the pier.'), "Odile Ferrand"),
    ('"The tanks will be refilled within a week," a spokesman, Pieter Janssens, said.',
     "Pieter Janssens"),
    (('"No decision has been taken on the tender," the ministry\'s spokeswoman, Ingrid Solberg, '
     'said in a statement.'), "Ingrid Solberg"),
])
def test_cue_after_a_title_with_an_appositive_name_is_direct(nlp, text, name):
    q = one(nlp, text, "direct")
    assert q.speaker == name
    assert q.speaker_actor is not None and q.speaker_actor.startswith("person:")
    assert not quotes(nlp, text, "partial")


def test_reporting_verb_inside_a_direct_quote_is_no_outside_speaker(nlp):
    text = ("Dock workers said on Monday that the cranes had stopped.\n\n"
            '"We believe the cargo will be unloaded soon," the harbour master, Odile Ferrand, '
            "told reporters. She added that six ships were anchored offshore.")
    found = quotes(nlp, text)
    assert not [q for q in found if q.speaker and "workers" in q.speaker
                and "cargo" in q.content]
    added = [q for q in found if "six ships" in q.content]
    assert len(added) == 1 and added[0].speaker == "Odile Ferrand"


def test_pronoun_cue_inside_a_quoted_fragment_takes_the_fragment_speaker(nlp):
    text = ("Engineers at the canal authority said on Monday that the banks were weak.\n\n"
            'The mayor, Tomas Berg, warned of "what we expect will be the worst flood in a '
            'decade" at a briefing.')
    found = [q for q in quotes(nlp, text) if "worst flood" in q.content]
    assert found and all(q.speaker == "Tomas Berg" for q in found), \
        [(q.kind, q.speaker) for q in found]


# ---------------------------------------------------------------- pronouns and self-references
def test_he_after_an_unnamed_speaker_is_that_speaker(nlp):
    text = ('"The bridge will reopen on Monday," a senior engineer of the Sindh '
            'irrigation department said. He added that 12 workers were still on site.')
    q = next(q for q in quotes(nlp, text, "indirect") if "12 workers" in q.content)
    assert q.speaker == "senior engineer of the Sindh irrigation department"
    assert q.speaker_start is not None and text[q.speaker_start:q.speaker_end] == "He"


def test_he_with_nobody_to_refer_to_is_no_name(nlp):
    q = one(nlp, "The meeting ended late. He said that the talks would resume in June.",
            "indirect")
    assert q.speaker is None and q.speaker_actor is None


def test_its_officials_are_the_countrys(nlp):
    doc = analysed(nlp, "Pakistan disputes that account. Its officials say the talks were "
                        "requested by the other side.", "INTL")
    q = next(q for q in doc._.quotes if "talks" in q.content)
    assert (q.speaker, q.speaker_actor) == ("Pakistani officials", "PAK-GOV")


@pytest.mark.parametrize("subject", ["The Courier", "This newspaper", "NVC"])
def test_an_outlet_naming_itself_is_the_outlet(nlp, subject):
    from rashomon.analyze.base import DocContext

    doc = nlp.make_doc(f"{subject} reported on Monday that the dam had been closed.")
    doc._.ctx = DocContext(outlet_name="The Narmada Valley Courier", outlet_country="IN")
    (q,) = nlp(doc)._.quotes
    assert q.speaker == "The Narmada Valley Courier"


def test_another_paper_is_not_the_outlet(nlp):
    from rashomon.analyze.base import DocContext

    doc = nlp.make_doc("The Lahore Courier reported on Monday that the dam had been closed.")
    doc._.ctx = DocContext(outlet_name="The Narmada Valley Courier", outlet_country="IN")
    (q,) = nlp(doc)._.quotes
    assert q.speaker != "The Narmada Valley Courier"

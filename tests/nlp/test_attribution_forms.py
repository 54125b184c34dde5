"""Who said what in features and magazines: one test per attribution order, on passages of a
few sentences each (features, interviews, posts and the forms the product was specified on)."""

from __future__ import annotations

from spacy.language import Language

from bot.models import Quote
from bot.nlp.quotes import extract_quotes


def listed(nlp: Language, text: str) -> list[Quote]:
    """The quotes a reader is shown: everything but ``other``."""
    quotes, _ = extract_quotes(nlp(text))
    return [q for q in quotes if q.kind != "other"]


def said(nlp: Language, text: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in listed(nlp, text)]


def test_feature_present_tense_x_says(nlp: Language) -> None:
    text = (
        "Lena Varga opened her bakery in Dayton eleven years ago. "
        "“We bake everything before dawn,” Varga says. “Nobody sees that part.”"
    )
    assert [speaker for _, speaker in said(nlp, text)] == ["Lena Varga", "Lena Varga"]


def test_says_x_with_a_relative_clause_after_the_name(nlp: Language) -> None:
    text = (
        "The shop on Main Street sells out by noon most days.\n\n"
        "“The ovens are older than I am,” says Tomas Reyes, who runs the counter."
    )
    assert said(nlp, text) == [("The ovens are older than I am,", "Tomas Reyes")]


def test_x_says_then_he_says_is_not_the_executive_named_in_between(nlp: Language) -> None:
    text = (
        "Ruben Ortiz says growth came from small towns, where Karl Meier, the finance chief, "
        "had opened forty stores. “Big cities were never our market,” he says."
    )
    assert said(nlp, text) == [("Big cities were never our market,", "Ruben Ortiz")]


def test_according_to_x_opening_the_sentence(nlp: Language) -> None:
    text = (
        "The samples arrived at the lab on Monday.\n\n"
        "According to Maya Lindgren, the lab's director, “the samples were never "
        "contaminated, and the results stand.”"
    )
    assert [speaker for _, speaker in said(nlp, text)] == ["Maya Lindgren"]


def test_question_and_answer_transcript_gives_the_answers_to_the_interviewee(
    nlp: Language,
) -> None:
    text = (
        "We spoke with the novelist Ingrid Solberg about her new book and her years abroad.\n\n"
        "Q: Why did you move back to Norway?\n\n"
        "A: My mother was ill, and I wanted to be near her.\n\n"
        "Q: Did the move change your writing?\n\n"
        "A: Completely. The rain got into every chapter."
    )
    assert said(nlp, text) == [
        ("My mother was ill, and I wanted to be near her.", "Ingrid Solberg"),
        ("Completely. The rain got into every chapter.", "Ingrid Solberg"),
    ]


def test_named_transcript_turns_are_their_speakers_words(nlp: Language) -> None:
    text = (
        "The radio host Pavel Novak asked the farmer Jana Horak about the drought.\n\n"
        "Novak: How bad was the summer for your fields?\n\n"
        "Horak: The worst in forty years. We lost half of the wheat.\n\n"
        "Novak: Will you plant again in the spring?\n\n"
        "Horak: We have no choice, so yes, we will plant again."
    )
    assert [speaker for _, speaker in said(nlp, text)] == [
        "Pavel Novak",
        "Jana Horak",
        "Pavel Novak",
        "Jana Horak",
    ]


def test_headed_list_is_not_a_transcript(nlp: Language) -> None:
    text = (
        "Here is what each town needs.\n\n"
        "Lakeport: 1,200 new homes by 2030.\n\n"
        "Dunmore: 400 homes and a school.\n\n"
        "Lakeport: 300 more after that.\n\n"
        "Dunmore: 80 homes for the elderly."
    )
    assert said(nlp, text) == []


def test_post_set_off_in_its_own_paragraph_with_its_signature(nlp: Language) -> None:
    text = (
        "The city council voted on Tuesday to close the old ferry terminal.\n\n"
        "The terminal served this town for ninety years, and we will fight to keep it open "
        "for the next ninety. pic.twitter.com/abc123XYZ\n\n"
        "— Port of Halden (@porthalden) March 4, 2025\n\n"
        "Council members did not respond to requests for comment."
    )
    quotes = listed(nlp, text)
    assert [(q.text, q.speaker) for q in quotes] == [
        (
            "The terminal served this town for ninety years, and we will fight to keep it "
            "open for the next ninety.",
            "Port of Halden",
        )
    ]


def test_owner_of_a_noun_cue_later_in_the_sentence_speaks(nlp: Language) -> None:
    text = (
        "Chancellor Erik Dahl spoke in Oslo on Friday about the new tariffs.\n\n"
        "Mr. Dahl's warning stood in sharp contrast to Senator Ida Moreau's remarks in Paris, "
        "where she met with trade unions. “Nobody wins a trade war, and everybody pays for "
        "it,” she said."
    )
    assert [speaker for _, speaker in said(nlp, text)] == ["Ida Moreau"]


def test_quote_on_its_own_line_then_those_were_the_words_of(nlp: Language) -> None:
    text = (
        "“We cannot spend money that we do not have.”\n\n"
        "Those were the stark words of Finance Minister Greta Holm on Friday, as she "
        "presented the budget to parliament.\n\n"
        "The opposition called the plan cruel."
    )
    assert said(nlp, text) == [("We cannot spend money that we do not have.", "Greta Holm")]


def test_pronoun_goes_to_the_main_clause_subject_not_the_when_clause(nlp: Language) -> None:
    text = (
        "The board met on Thursday to discuss the merger.\n\n"
        "When Mr. Halvorsen asked about the cost of the deal, Mr. Brandt dismissed the "
        "concern. He said the numbers were sound. “Why would we stop now?” he asked."
    )
    assert [speaker for _, speaker in said(nlp, text)] == ["Brandt"]


def test_pronoun_skips_a_woman_named_inside_a_that_clause(nlp: Language) -> None:
    text = (
        "Residents packed the council chamber on Tuesday to complain about the harbour road."
        "\n\nCouncillor Beatrice Hallam said the city had ignored the warnings. “People have "
        "been patient for far too long,” Hallam said.\n\n"
        "Mayor Ferreira later acknowledged that Hallam had warned her about the delays. She "
        "promised that crews would return next week. “We heard the criticism, and we will do "
        "better,” she said."
    )
    assert [speaker for _, speaker in said(nlp, text)] == ["Beatrice Hallam", "Ferreira"]


def test_owner_named_after_the_quote_beats_the_person_named_before(nlp: Language) -> None:
    text = (
        "The report reached Inspector Paul Varga late on Sunday. “This changes nothing about "
        "the case,” Chief Inspector Lisa Moran said of the report on Monday."
    )
    assert [speaker for _, speaker in said(nlp, text)] == ["Lisa Moran"]


def test_reporting_verb_right_before_the_quote_beats_the_relaying_clause(
    nlp: Language,
) -> None:
    text = (
        "Olaf Brenner was charged in May.\n\n"
        "During the call, he asked about the mayor and said, “someone should teach her a "
        "lesson,” the prosecutor’s office said."
    )
    assert [speaker for _, speaker in said(nlp, text)] == ["Olaf Brenner"]


def test_quote_after_the_verb_of_a_when_clause_is_its_subjects(nlp: Language) -> None:
    text = (
        "Premier Aldo Ricci faced a hostile crowd on Sunday.\n\n"
        "Audience members laughed when he urged voters, “Look at what I have already built.”"
    )
    assert [speaker for _, speaker in said(nlp, text)] == ["Aldo Ricci"]


def test_name_right_before_a_trailing_verb_beats_the_titles_before_it(nlp: Language) -> None:
    text = (
        "“Sales were below our expectations this quarter,” chairman, chief executive and "
        "president Martin Kovac said in the earnings release."
    )
    assert [speaker for _, speaker in said(nlp, text)] == ["Martin Kovac"]


def test_quote_after_a_sentence_about_a_named_person(nlp: Language) -> None:
    text = (
        "The agency's budget hearing ran late on Tuesday.\n\n"
        "Director Helga Strand expects three launches next year. “A fourth one would be a "
        "stretch, and I will not promise it.”"
    )
    assert [speaker for _, speaker in said(nlp, text)] == ["Helga Strand"]


def test_she_after_the_actress_is_the_actress_the_article_named(nlp: Language) -> None:
    text = (
        "Oscar-winning actress Marta Lindqvist wrote her first song at 54.\n\n"
        "Her son Jonas Berg, a filmmaker, remembers the summer well. He was twenty and "
        "living at home. He had just finished school. His band played every weekend. “It was "
        "a strange time for all of us,” he said. “Nobody slept much.”\n\n"
        "The actress was not looking for a new career, though. “I had always liked music,” "
        "she said."
    )
    assert [speaker for _, speaker in said(nlp, text)][-1] == "Marta Lindqvist"


def test_they_after_a_company_spoken_of_in_the_plural(nlp: Language) -> None:
    text = (
        "Fjord Records have twice denied blocking the concert.\n\n"
        "“We never asked anyone to cancel the show,” they said in a statement on Friday."
    )
    assert [speaker for _, speaker in said(nlp, text)] == ["Fjord Records"]


def test_noun_cue_written_after_the_speakers_name(nlp: Language) -> None:
    text = (
        "Two neighbours reacted within hours, with Foreign Minister Lars Eklund warning of "
        "“grave consequences for the region.”"
    )
    assert [speaker for _, speaker in said(nlp, text)] == ["Lars Eklund"]


def test_transcript_labels_in_capitals_are_people(nlp: Language) -> None:
    text = (
        "Partial transcript as follows:\n\n"
        "NORA BLAKE: Will the senator debate again?\n\n"
        "TOMAS ECK: She will, and she will win again.\n\n"
        "BLAKE: Even after the last poll?\n\n"
        "ECK: Polls do not vote, Nora."
    )
    assert [speaker for _, speaker in said(nlp, text)] == [
        "Nora Blake",
        "Tomas Eck",
        "Nora Blake",
        "Tomas Eck",
    ]


def test_embedded_post_markup_is_not_part_of_the_words(nlp: Language) -> None:
    text = (
        "The senator answered within the hour.\n\n"
        '<tweet id="1" author="@idamoreau">The tariff vote was a mistake and I will say so '
        "on the floor tomorrow. — Ida Moreau (@idamoreau) June 2, 2024</tweet>.\n\n"
        "Her office did not add to the post."
    )
    assert said(nlp, text) == [
        (
            "The tariff vote was a mistake and I will say so on the floor tomorrow.",
            "Ida Moreau",
        )
    ]


def test_faq_answers_are_nobodys_quotes(nlp: Language) -> None:
    text = (
        "Lena Varga founded the shop in 2012. Here are the answers to common questions.\n\n"
        "Q: When does the shop open?\n\n"
        "A: Every day at seven, except on public holidays.\n\n"
        "Q: Do you deliver?\n\n"
        "A: Only within the city, and only before noon."
    )
    assert said(nlp, text) == []


def test_they_after_a_company_named_beside_its_description(nlp: Language) -> None:
    text = (
        "The company that organises the festival, Nordlys Events, denies that a deal was "
        "made.\n\n"
        "“Nothing has been signed, and nothing will be signed this week,” they said."
    )
    assert [speaker for _, speaker in said(nlp, text)] == ["Nordlys Events"]


def test_a_quote_after_a_wire_dateline_then_the_promise_x_made(nlp: Language) -> None:
    text = (
        "Lakeport keeps its ferry\n\n"
        "LAKEPORT, Ohio (AP) — “The ferry stays, whatever the budget says.”\n\n"
        "That was the promise Mayor Ines Carvalho made to the harbour board on Tuesday, a week "
        "after the state cut its grant."
    )
    assert said(nlp, text) == [("The ferry stays, whatever the budget says.", "Ines Carvalho")]


def test_the_words_someone_heard_are_not_theirs(nlp: Language) -> None:
    text = (
        "“The ferry stays, whatever the budget says.”\n\n"
        "That was the promise the harbour board heard on Tuesday."
    )
    assert [speaker for _, speaker in said(nlp, text)] in ([], [None])


def test_predictions_that_a_product_will_be_a_phrase_are_not_the_products_words(
    nlp: Language,
) -> None:
    text = (
        "While you have probably heard predictions that Lumen will be the “Spotify of maps,” "
        "it turns out the analogy only goes so far."
    )
    assert "Lumen" not in {speaker for _, speaker in said(nlp, text)}

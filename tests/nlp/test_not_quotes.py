"""Quoted stretches that are nobody's words: one test per form, each on a few sentences.

Every passage also has a real quote, so a test fails both when a title is listed and when the
check swallows what someone actually said.
"""

from __future__ import annotations

from spacy.language import Language

from bot.digest_text import render_text
from bot.models import Article, Quote, Speaker
from bot.nlp.analyze import analyze
from bot.nlp.quotes import extract_quotes
from bot.nlp.quotes.marks import find_quoted_spans


def quotes_of(nlp: Language, text: str) -> tuple[list[Quote], list[Speaker]]:
    return extract_quotes(nlp(text))


def listed(nlp: Language, text: str) -> list[tuple[str, str | None]]:
    """(quote text, speaker) for every stretch shown as someone's words."""
    quotes, _ = quotes_of(nlp, text)
    return [(q.text, q.speaker) for q in quotes if q.kind != "other"]


REAL = "“We recorded it in one night,” said Mira Solberg."
"""A real quote closing every passage: it must stay listed, with its speaker."""
REAL_QUOTE = ("We recorded it in one night,", "Mira Solberg")


def test_song_title_after_song_is_not_a_quote(nlp: Language) -> None:
    text = f"The band closed with the song “Harbour Lights,” a slow ballad. {REAL}"
    assert listed(nlp, text) == [REAL_QUOTE]


def test_album_title_is_not_given_to_the_band_member_named_nearby(nlp: Language) -> None:
    text = f"Mira Solberg wrote most of the album “Paper Moons” in Oslo. {REAL}"
    assert listed(nlp, text) == [REAL_QUOTE]


def test_book_title_single_word_is_not_a_quote(nlp: Language) -> None:
    text = f"The neurologist described the case in his book “Earworms” last year. {REAL}"
    assert listed(nlp, text) == [REAL_QUOTE]


def test_film_and_show_titles_listed_in_brackets_are_not_quotes(nlp: Language) -> None:
    text = (
        f"Her brother, director Tomas Solberg (“The Long Field,” “Quiet Water”), joined "
        f"the tour in May. {REAL}"
    )
    assert listed(nlp, text) == [REAL_QUOTE]


def test_show_title_before_a_noun_is_a_name(nlp: Language) -> None:
    text = (
        "Mira Solberg left the show in May.\n\n"
        "“I miss the crew every day,” the former “Night Harbour” star said on “NHL.”"
    )
    assert [quote for quote, _ in listed(nlp, text)] == ["I miss the crew every day,"]


def test_series_title_with_a_colon_after_titled_is_not_a_quote(nlp: Language) -> None:
    text = (
        "Mira Solberg said the studio will release a sequel titled “Star Garden: The Return” "
        "in spring."
    )
    assert listed(nlp, text) == []


def test_title_named_once_is_a_title_wherever_it_recurs(nlp: Language) -> None:
    text = (
        "Mira Solberg appeared on an episode of “NHL” in March.\n\n"
        "“It was a thrill,” she said on “NHL” this week."
    )
    assert listed(nlp, text) == [("It was a thrill,", "Mira Solberg")]


def test_single_quoted_title_in_headline_style_is_not_a_quote(nlp: Language) -> None:
    text = (
        "Studio keeps its hit show\n\n"
        "Mira Solberg said the studio renewed ‘Harbour Lights’ for a second season."
    )
    assert listed(nlp, text) == []


def test_single_quoted_name_someone_was_called_stays_their_words(nlp: Language) -> None:
    text = (
        "A ferry with a new name\n\n"
        "Mira Solberg called the new ferry ‘Slow Boat Home’ at the launch."
    )
    assert listed(nlp, text) == [("Slow Boat Home", "Mira Solberg")]


def test_program_called_by_a_participle_is_a_name(nlp: Language) -> None:
    text = (
        "The city started a program called “Green Streets” to plant trees. "
        "“The trees will cool whole blocks,” Mayor Ida Berg said."
    )
    assert listed(nlp, text) == [("The trees will cool whole blocks,", "Ida Berg")]


def test_nickname_of_a_place_dubbed_by_others_is_a_name(nlp: Language) -> None:
    text = (
        "The old jail reopens as a museum\n\n"
        "Lars Ek said he worked for years at the old jail, dubbed the “Riverside Palace” "
        "by its guards."
    )
    assert listed(nlp, text) == []


def test_term_a_speaker_dubbed_stays_their_partial_quote(nlp: Language) -> None:
    text = (
        "Helga Norum runs the bank. The bank will sell what the chief executive, Helga "
        "Norum, dubbed the ‘new ledger’ to small firms."
    )
    quotes, _ = quotes_of(nlp, text)
    assert [(q.text, q.kind, q.speaker) for q in quotes] == [
        ("new ledger", "partial", "Helga Norum")
    ]


def test_heading_alone_on_its_line_is_not_a_quote(nlp: Language) -> None:
    text = (
        "The chain began in Bergen in 2004.\n\n"
        "“We will open three more stores,” said Mira Solberg.\n\n"
        "“Why Every Town in Norway Deserves a Good Bakery Again”\n\n"
        "The chain has forty shops."
    )
    assert listed(nlp, text) == [("We will open three more stores,", "Mira Solberg")]


def test_pull_quote_alone_on_its_line_is_not_listed(nlp: Language) -> None:
    text = (
        "The chain began in Bergen in 2004.\n\n"
        "“We will open three more stores,” said Mira Solberg.\n\n"
        "“Bread is the cheapest joy there is.”\n\n"
        "She first told investors in 2004 that “bread is the cheapest joy there is.”"
    )
    assert listed(nlp, text) == [
        ("We will open three more stores,", "Mira Solberg"),
        ("bread is the cheapest joy there is.", "Mira Solberg"),
    ]


def test_slogan_and_signs_are_not_quotes(nlp: Language) -> None:
    text = (
        "Protesters carried signs reading “Save Our Pier” and chanted “Not for sale!” "
        "outside the hall. “We will keep coming back,” said Ola Dahl, who organised it."
    )
    assert listed(nlp, text) == [("We will keep coming back,", "Ola Dahl")]


def test_word_being_mentioned_is_not_a_quote(nlp: Language) -> None:
    text = "Ola Dahl says he owns the word “Pier” and has sold the use of “Pier” to the city."
    assert listed(nlp, text) == []


def test_so_called_term_is_not_a_quote(nlp: Language) -> None:
    text = (
        "Economists warned about the so-called “bread tax” on Monday. "
        "“It hurts the poorest families,” said Ola Dahl, an economist."
    )
    assert listed(nlp, text) == [("It hurts the poorest families,", "Ola Dahl")]


def test_scare_quotes_in_the_writers_own_clause_are_not_a_quote(nlp: Language) -> None:
    text = (
        "Envoy row in the senate\n\n"
        "Ola Dahl says he will not back an envoy appointed to investigate the “harbour "
        "scandal.” The senator also explained why he stayed silent when the “harbour reset” "
        "failed last year."
    )
    assert listed(nlp, text) == []


def test_fragment_under_a_speech_verb_stays_a_partial_quote(nlp: Language) -> None:
    text = (
        "Harbour deal under fire\n\n"
        "Senator Ola Dahl called the harbour deal “a quiet robbery” on Monday, and said the "
        "mayor was “far too eager” to sign it."
    )
    assert listed(nlp, text) == [("a quiet robbery", "Ola Dahl"), ("far too eager", "Ola Dahl")]


def test_imagined_question_is_not_a_quote(nlp: Language) -> None:
    text = (
        "You might think, “Why would anyone buy a boat in winter?” "
        "“Prices are lowest in January,” said Ola Dahl, a broker."
    )
    assert listed(nlp, text) == [("Prices are lowest in January,", "Ola Dahl")]


def test_sung_lyrics_are_not_a_statement(nlp: Language) -> None:
    text = (
        "In the final scene the heroine steps onto the stage. “Take me home across the "
        "water,” she sings. “I was nervous for weeks,” said Mira Solberg, who plays her."
    )
    assert listed(nlp, text) == [("I was nervous for weeks,", "Mira Solberg")]


def test_same_words_quoted_twice_share_the_speaker_and_are_listed_once(
    nlp: Language,
) -> None:
    text = (
        "Mira Solberg spoke to the council on Monday. “We need a new pier by spring,” "
        "Mira Solberg said.\n\n"
        "The council agreed. Its minutes record the request. “We need a new pier by spring.”"
    )
    quotes, speakers = quotes_of(nlp, text)
    assert [q.speaker for q in quotes] == ["Mira Solberg", "Mira Solberg"]
    assert [(s.name, s.quote_indices) for s in speakers] == [("Mira Solberg", (0,))]


def test_quote_that_lost_its_closer_does_not_swallow_the_next_quotes() -> None:
    text = (
        "A demo came in called “Harbour (“Lights Out”). “It hit me at once,” he said. "
        "“It just worked.”"
    )
    spans = [text[s.start : s.end] for s in find_quoted_spans(text)]
    assert spans == ["Harbour (“Lights Out”)", "It hit me at once,", "It just worked."]


def test_digest_lists_no_title_and_each_unattributed_statement_once(nlp: Language) -> None:
    text = (
        "The band Harbour played its new album on Friday.\n\n"
        "Fans filled the hall for the song “Paper Moons” and stayed for the encore. "
        "“We recorded it in one night,” said Mira Solberg, the singer.\n\n"
        "“The hall has never sounded better.”\n\n"
        "Tickets for the spring tour sold out within an hour of going on sale.\n\n"
        "“The hall has never sounded better.”"
    )
    digest = render_text(analyze(Article(text=text, title="Harbour live"), nlp=nlp))
    who_said_what = digest[digest.index("Who said what") :]
    assert "Paper Moons" not in who_said_what
    assert "We recorded it in one night" in who_said_what
    assert who_said_what.count("The hall has never sounded better") == 1

"""One person, one speaker: clustering names, roles, aliases and the digest order."""

from __future__ import annotations

from spacy.language import Language

from bot.nlp.quotes import extract_quotes


def test_mentions_cluster_into_one_speaker_with_full_name_and_role(nlp: Language) -> None:
    text = (
        "Finance Minister Anna Lindqvist presented the budget on Monday.\n\n"
        "“We will cut taxes,” Ms. Lindqvist said.\n\n"
        "Lindqvist added that “nobody will pay more.”"
    )
    quotes, speakers = extract_quotes(nlp(text))
    assert [q.speaker for q in quotes] == ["Anna Lindqvist", "Anna Lindqvist"]
    assert len(speakers) == 1
    speaker = speakers[0]
    assert speaker.name == "Anna Lindqvist"
    assert speaker.role == "Finance Minister"
    assert set(speaker.aliases) == {"Ms. Lindqvist", "Lindqvist"}
    assert speaker.quote_indices == (0, 1)


def test_speaker_span_leaves_out_title_and_parenthetical(nlp: Language) -> None:
    text = (
        "“This bill will not pass,” said Rep. G.K. Butterfield (D-N.C.), "
        "head of the Congressional Black Caucus."
    )
    quotes, speakers = extract_quotes(nlp(text))
    assert quotes[0].speaker == "G.K. Butterfield"
    assert speakers[0].role == "Rep."


def test_two_people_with_one_surname_stay_apart(nlp: Language) -> None:
    text = (
        "Anna Berg and her brother Lars Berg run the farm.\n\n"
        "“We will not sell,” Anna Berg said.\n\n"
        "“Never,” Lars Berg said."
    )
    quotes, speakers = extract_quotes(nlp(text))
    assert [q.speaker for q in quotes] == ["Anna Berg", "Lars Berg"]
    assert {s.name for s in speakers} == {"Anna Berg", "Lars Berg"}


def test_speakers_are_ordered_by_how_much_they_are_quoted(nlp: Language) -> None:
    text = (
        "“The vote is close,” said Peter Brandt.\n\n"
        "“We have a plan,” Anna Lindqvist said. “It will work.”\n\n"
        "“It is fully funded,” Lindqvist added."
    )
    _, speakers = extract_quotes(nlp(text))
    assert [s.name for s in speakers] == ["Anna Lindqvist", "Peter Brandt"]
    assert speakers[0].quote_indices == (1, 2, 3)


def test_other_quotes_belong_to_no_speaker(nlp: Language) -> None:
    text = "The so-called “reform package” passed. “It is a start,” Peter Brandt said."
    quotes, speakers = extract_quotes(nlp(text))
    other = [i for i, q in enumerate(quotes) if q.kind == "other"]
    assert other == [0]
    assert all(0 not in s.quote_indices for s in speakers)


def test_definite_description_joins_the_one_person_with_that_role(nlp: Language) -> None:
    text = (
        "“The farm will open in May,” Mayor Elena Vasquez said on Tuesday.\n\n"
        "The mayor called the delay “entirely reasonable” and left."
    )
    quotes, speakers = extract_quotes(nlp(text))
    assert [q.speaker for q in quotes] == ["Elena Vasquez", "Elena Vasquez"]
    assert speakers[0].role == "Mayor"
    assert "The mayor" in speakers[0].aliases


def test_description_before_the_name_is_the_role(nlp: Language) -> None:
    text = (
        "The city's chief engineer, Tomasz Nowak, said the panels run cooler. "
        "“We expect more output in summer,” he said."
    )
    quotes, speakers = extract_quotes(nlp(text))
    assert quotes[0].speaker == "Tomasz Nowak"
    assert speakers[0].role == "the city's chief engineer"


def test_title_variant_of_a_name_is_the_same_speaker(nlp: Language) -> None:
    text = (
        "“It costs too much,” David Brennan said.\n\n"
        "Councillor David Brennan called the plan “a costly detour” on Monday."
    )
    _, speakers = extract_quotes(nlp(text))
    assert [(s.name, s.quote_indices) for s in speakers] == [("David Brennan", (0, 1))]


def test_unnamed_source_keeps_the_words_that_say_which_one(nlp: Language) -> None:
    text = (
        "“We will win the state,” a source close to the campaign said.\n\n"
        "A lawyer involved in the talks called the offer “insulting.”"
    )
    quotes, _ = extract_quotes(nlp(text))
    assert [q.speaker for q in quotes] == [
        "a source close to the campaign",
        "a lawyer involved in the talks",
    ]


def test_description_stops_at_the_comma_before_a_relative_clause(nlp: Language) -> None:
    text = (
        "“His numbers are twenty years old,” said a longtime adviser to Brandt, "
        "who declined to be named."
    )
    quotes, _ = extract_quotes(nlp(text))
    assert [q.speaker for q in quotes] == ["a longtime adviser to Brandt"]


def test_statement_from_a_named_persons_office_is_theirs(nlp: Language) -> None:
    text = (
        "Anna Lindqvist did not attend the hearing.\n\n"
        "Lindqvist's office said the minister “has nothing to add” to her testimony."
    )
    quotes, _ = extract_quotes(nlp(text))
    assert [(q.speaker, q.mention) for q in quotes] == [("Anna Lindqvist", "Lindqvist's office")]

"""Speakers are people or organisations, with roles as written and one entry each.

Documents speak for whoever issued them, a relaying source is not the speaker, a description
the article ties to a name becomes that name, and unnamed sources keep a readable description.
"""

from __future__ import annotations

from spacy.language import Language

from bot.models import Speaker
from bot.nlp.quotes import extract_quotes


def said(nlp: Language, text: str) -> list[str | None]:
    quotes, _ = extract_quotes(nlp(text))
    return [q.speaker for q in quotes if q.kind != "other"]


def speakers(nlp: Language, text: str) -> list[Speaker]:
    return extract_quotes(nlp(text))[1]


def test_a_statement_issued_by_a_company_speaks_for_the_company(nlp: Language) -> None:
    text = (
        "Northwind Traders announced 200 job cuts on Monday.\n\n"
        "“We regret the decision,” the statement said."
    )
    assert said(nlp, text) == ["Northwind Traders"]


def test_it_says_of_a_statement_goes_to_the_group_that_put_it_out(nlp: Language) -> None:
    text = (
        "Grey Harbour have twice denied doing anything wrong. Now they have put out another "
        "statement.\n\n“We will grant every licence,” it says."
    )
    assert said(nlp, text) == ["Grey Harbour"]


def test_a_letter_by_a_group_and_its_members_are_one_speaker(nlp: Language) -> None:
    text = (
        "Physicians United, a group of seven doctors, sent a letter to the council on Monday. "
        "The letter called the plan “a danger to patients.” “We will not stay quiet,” the "
        "physicians said. “Nobody listens,” the doctors added."
    )
    found = speakers(nlp, text)
    assert [s.name for s in found] == ["Physicians United"]
    assert set(found[0].aliases) == {"The letter", "the physicians", "the doctors"}


def test_a_reporter_relaying_a_source_is_not_the_source(nlp: Language) -> None:
    text = (
        "Peter Brandt was arrested in May. During the call, he asked about the budget and "
        "said, “somebody ought to stop her,” the prosecutor’s office said."
    )
    assert said(nlp, text) == ["Peter Brandt"]


def test_words_framed_by_a_subordinate_verb_are_its_speakers(nlp: Language) -> None:
    text = (
        "Anna Lindqvist spoke last. Audience members laughed when she urged voters, "
        "“Look at what I delivered.”"
    )
    assert said(nlp, text) == ["Anna Lindqvist"]


def test_an_unnamed_source_keeps_a_readable_description(nlp: Language) -> None:
    assert said(nlp, "“The deal is dead,” a senior official said.") == ["a senior official"]
    text = (
        "The hearing opened late.\n\nFederal prosecutors alleged that the guards “slept on duty.”"
    )
    assert said(nlp, text) == ["federal prosecutors"]


def test_a_title_with_no_name_is_a_description_not_a_person(nlp: Language) -> None:
    text = (
        "The ruling came on Monday. The United Nations High Commissioner for Human Rights said "
        "the move did “not change the law.”"
    )
    assert said(nlp, text) == ["the United Nations High Commissioner for Human Rights"]


def test_a_description_tied_to_a_name_becomes_that_name(nlp: Language) -> None:
    text = (
        "A career Navy officer, Capt. Lena Vos, testified on Tuesday.\n\n"
        "“I heard the order twice,” the officer said."
    )
    found = speakers(nlp, text)
    assert [s.name for s in found] == ["Lena Vos"]
    assert found[0].aliases == ("the officer",)


def test_the_company_is_the_company_the_article_names(nlp: Language) -> None:
    text = (
        "Northwind Traders reported a loss on Monday.\n\n"
        "“We expected it,” the company said in a note to investors."
    )
    found = speakers(nlp, text)
    assert [(s.name, s.kind) for s in found] == [("Northwind Traders", "organization")]
    assert found[0].aliases == ("the company",)


def test_the_group_named_in_an_appositive_speaks_under_its_name(nlp: Language) -> None:
    text = (
        "The group, Riverside Tenants Union, formed in May.\n\n"
        "“We want repairs before winter,” the group said on Friday."
    )
    assert said(nlp, text) == ["Riverside Tenants Union"]


def test_the_company_named_after_its_relative_clause(nlp: Language) -> None:
    text = (
        "The company that runs the awards, Bright Lights Productions, denies that anything "
        "has been agreed.\n\n“We have no further comment,” they said."
    )
    assert said(nlp, text) == ["Bright Lights Productions"]


def test_an_epithet_goes_to_the_person_the_text_is_about(nlp: Language) -> None:
    text = (
        "James Holt hosted the show on Monday. His wife, Kim, was there. Holt said that Kim "
        "was expecting a child.\n\n“We are very happy,” said the actor."
    )
    assert said(nlp, text) == ["James Holt"]


def test_a_team_named_with_the_is_not_a_person(nlp: Language) -> None:
    text = (
        "Coach Bruno Reyes spoke after the game.\n\n"
        "The Falcons still rank last in the league.\n\n"
        "“We believe in ourselves,” he said."
    )
    assert said(nlp, text) == ["Bruno Reyes"]


def test_the_whole_title_before_a_name_is_the_role(nlp: Language) -> None:
    text = "Secretary of State Anna Lindqvist arrived on Monday. “We are ready,” Lindqvist said."
    assert speakers(nlp, text)[0].role == "Secretary of State"


def test_an_honorific_is_never_a_role(nlp: Language) -> None:
    text = "Dr. Peter Brandt runs the clinic. “We are full,” Dr. Brandt said."
    found = speakers(nlp, text)
    assert found[0].name == "Peter Brandt"
    assert found[0].role is None


def test_a_list_of_roles_before_a_name_is_that_persons_role(nlp: Language) -> None:
    text = "“Sales grew,” chairman, CEO and president Tomas Varga said in the earnings release."
    found = speakers(nlp, text)
    assert [(s.name, s.role) for s in found] == [("Tomas Varga", "chairman, CEO and president")]


def test_the_companys_role_names_the_company(nlp: Language) -> None:
    text = (
        "Northwind Traders reported a loss on Monday. Northwind Traders will close two "
        "plants. “We expected it,” said the company’s chief operating officer, Lena Vos."
    )
    found = speakers(nlp, text)
    assert found[0].role == "chief operating officer of Northwind Traders"


def test_a_pronoun_after_a_description_goes_to_the_described_person(nlp: Language) -> None:
    text = (
        "Actress Maria Olsen has a new film. Her daughter, Eva Lind, directed it, and Lind said "
        "the shoot was long.\n\nDespite the few roles for women her age, the actress was not "
        "looking for work. “I was happy at home,” she said."
    )
    assert said(nlp, text) == ["Maria Olsen"]


def test_the_same_words_quoted_twice_are_listed_once_under_their_speaker(nlp: Language) -> None:
    text = (
        "“The rocket is the only way to the Moon,” said Doug Hale, a former administrator.\n\n"
        "“If you do not have a big booster, you will not make it,” Tom Stark said.\n\n"
        "“We are late, and the schedule is slipping,” he continued. “The rocket is the only "
        "way to the Moon.”"
    )
    quotes, found = extract_quotes(nlp(text))
    assert quotes[3].speaker == "Doug Hale"
    hale = next(s for s in found if s.name == "Doug Hale")
    assert 0 in hale.quote_indices
    assert 3 not in hale.quote_indices


def test_a_description_with_other_words_is_not_tied_to_a_role(nlp: Language) -> None:
    text = (
        "Republican Donald Trump spoke on Monday. Speaker Paul Ryan says the world is watching."
        "\n\nIn an interview, the Wisconsin Republican said allies wanted to know if the U.S. "
        "is “still in the game.”"
    )
    assert said(nlp, text) != ["Donald Trump"]

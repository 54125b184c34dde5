"""Who can speak: a speaker is a person, a group or an organisation, never a number or a thing."""

from __future__ import annotations

from spacy.language import Language

from bot.nlp.quotes import extract_quotes
from bot.nlp.quotes.agents import can_speak, is_date


def speakers(nlp: Language, text: str) -> list[str | None]:
    """The speaker of every quote (an ``other`` one, such as a fragment nobody can be named
    for, has none)."""
    quotes, _ = extract_quotes(nlp(text))
    return [q.speaker for q in quotes]


def test_a_percentage_of_a_poll_never_speaks(nlp: Language) -> None:
    text = "In a poll released on Monday, 73 percent said the economy was “getting worse.”"
    assert speakers(nlp, text) == [None]


def test_a_report_speaks_for_the_author_it_names(nlp: Language) -> None:
    owned = "The IMF's report warned that the outlook was “very unclear.”"
    by = "A report by the International Monetary Fund warned that the outlook was “very unclear.”"
    assert speakers(nlp, owned) == ["IMF"]
    assert speakers(nlp, by) == ["International Monetary Fund"]


def test_a_statement_owned_by_a_group_is_the_groups(nlp: Language) -> None:
    text = "The campaign’s statement called the ruling “a victory for voters.”"
    assert speakers(nlp, text) == ["the campaign"]


def test_a_study_by_two_authors_speaks_for_both_as_itself(nlp: Language) -> None:
    one = "A study by Peter Schott said the jobs were “lost to trade.”"
    two = "A study by economists Peter Schott and Justin Pierce said the jobs were “lost to trade.”"
    assert speakers(nlp, one) == ["Peter Schott"]
    assert speakers(nlp, two) == ["a study by economists Peter Schott and Justin Pierce"]


def test_an_ad_named_for_a_person_is_theirs(nlp: Language) -> None:
    assert speakers(nlp, "The Rove ad says Clinton is “unfit to lead.”") == ["Rove"]


def test_a_report_without_an_author_speaks_as_itself(nlp: Language) -> None:
    text = "The report said the economy would “shrink sharply” next year."
    assert speakers(nlp, text) == ["the report"]


def test_things_that_cannot_speak_leave_the_speaker_unknown(nlp: Language) -> None:
    assert speakers(nlp, "Her economic plan says taxes will be “cut for every family.”") == [None]
    assert speakers(nlp, "The timeline of events said the attack was “carefully planned.”") == [
        None
    ]
    text = (
        "His face darted from side to side, his eyes gleaming, as if to say, "
        "“Did you see me pull that off?”"
    )
    assert speakers(nlp, text) == [None]


def test_a_capitalised_word_opening_a_headline_line_is_not_a_name(nlp: Language) -> None:
    text = (
        "Trump questions the fairness of moderators ahead of debate; \n"
        "Talk compared to 'working the referees' at a basketball game."
    )
    assert speakers(nlp, text) == [None]


def test_a_dateline_is_not_the_speaker(nlp: Language) -> None:
    text = "LONDON (Reuters) - Donald Trump said he was “unlikely” to get along with David Cameron."
    assert speakers(nlp, text) == ["Donald Trump"]


def test_a_town_and_state_before_the_subject_do_not_speak(nlp: Language) -> None:
    text = (
        "Speaking at a town hall event in Salem, New Hampshire, Trump went after Bush, "
        "calling him “a total stiff.”"
    )
    assert speakers(nlp, text) == ["Trump"]


def test_a_place_someone_was_sent_to_does_not_speak(nlp: Language) -> None:
    text = (
        'Marcel Lehel Lazar, known online as "Guccifer," was extradited to the United States '
        "from Romania and pleaded guilty."
    )
    assert speakers(nlp, text) == [None]


def test_a_country_that_is_the_subject_speaks_for_its_government(nlp: Language) -> None:
    assert speakers(nlp, "Russia insisted that Pyongyang “stop its dangerous escapades.”") == [
        "Russia"
    ]
    assert speakers(nlp, "According to Russia, the test was “a provocation.”") == ["Russia"]


def test_the_speaker_is_the_person_a_description_is_about(nlp: Language) -> None:
    text = "“Nobody wants this,” said a former official who oversaw the investigations."
    assert speakers(nlp, text) == ["a former official"]


def test_groups_and_unnamed_sources_still_speak(nlp: Language) -> None:
    assert speakers(nlp, "Officials said the bridge was “unsafe for traffic.”") == ["officials"]
    text = "The share of Republicans saying “gun rights come first” rose by 28 points."
    assert speakers(nlp, text) == ["the share of Republicans"]
    text = "Led by Speaker Melissa Mark-Viverito, the rally denounced the plan as “a disgrace.”"
    assert speakers(nlp, text) == ["the rally"]


def test_nouns_with_an_agent_ending_that_name_things(nlp: Language) -> None:
    doc = nlp("The dispute centers and the commentator and his temper and the spokesman.")
    words = {token.text: can_speak(token) for token in doc if token.pos_ == "NOUN"}
    assert words["commentator"] and words["spokesman"]
    assert not words["temper"]


def test_a_day_is_a_date_not_a_speaker(nlp: Language) -> None:
    doc = nlp("Trump said Tuesday that the race was over.")
    assert is_date(doc[2])
    assert not is_date(doc[0])

"""Briefs an editor would publish: the news first, every sentence readable alone, clean text.

Each passage is written for the test: a feature that opens on a scene, wire copy with a
dateline, a question lede, a quote on its own line, bullets pasted into prose.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from bot.models import Article, Quote, Speaker, SummarySentence
from bot.nlp.analyze import AnalysisOptions, analyze
from bot.nlp.clean import clean_byline, clean_text, dateline_length
from bot.nlp.quotes import select_key_quotes
from bot.nlp.summarize import rank_sentences, select_summary, summarize

SCENE_FEATURE = """The kitchen smelled of cardamom and burnt sugar when Maria Okafor opened the \
bakery door at four in the morning, as she has done every day for eleven years.

Flour dusted the counters. A radio hummed in the corner, and the first trays of bread cooled by \
the window while the street outside was still dark.

Okafor's bakery in Leeds is one of 300 small bakeries that will close this year after energy \
prices tripled, the National Bakers Association said in a report published on Tuesday.

The association warned that a further 1,200 bakeries could shut by 2026 unless the government \
extends its energy support scheme beyond March.

Okafor said she had raised the price of a loaf twice since January but still lost money every \
week.

Her customers, many of them pensioners, have started buying half loaves, she said.

The Treasury said it was reviewing the support scheme and would announce a decision in the \
spring budget.
"""

WIRE_STORY = """LONDON (AP) — Britain's central bank raised its main interest rate to 5.25% on \
Thursday, the highest level in 15 years, as it tries to bring down inflation that remains far \
above its target.

The Bank of England's nine-member Monetary Policy Committee voted 6-3 for the quarter-point \
increase, its 14th straight rise since December 2021.

Two members wanted a bigger half-point rise, while one voted to keep rates on hold.

Inflation fell to 7.9% in June from 8.7% in May, but it remains almost four times the bank's 2% \
target.

Governor Andrew Bailey said the bank would keep rates high for as long as needed.

Economists expect one more rise before the end of the year.
"""

QUESTION_LEDE = """What happens to a city when its only bridge closes for a whole year?

Residents of Millbrook are about to find out. The Millbrook River Bridge will close on March 1 \
for a $60 million rebuild, the state transport department announced on Monday.

The bridge carries 40,000 vehicles a day and is the only road link between the town centre and \
the eastern suburbs.

A free ferry will run every fifteen minutes during the closure, and the state will add two \
extra bus routes.

The department said engineers had found cracks in two of the old bridge's supports.
"""

QUOTE_LEDE = """"We will not sell the harbour, not now and not ever."

That was the promise Mayor Elena Ruiz made to a packed town hall in Port Alder on Wednesday \
night, a day after a developer offered $80 million for the old docks.

Ruiz's pledge drew a standing ovation from about 400 residents, many of whom fish from the docks.

The developer, Castlegate Homes, wants to build 900 flats on the site and says the project \
would create 1,500 jobs.

The council will vote on the offer at its meeting in January.
"""

HEADLINE_CHOICE = """Westport council met on Tuesday evening to set the transport budget for \
next year.

Ferry fares between the harbour and the three islands will double from January.

Bus drivers across the county will strike for two days in March over pay.

Councillors will meet again in the summer to review the decisions.
"""


def _summary(nlp: Language, text: str, title: str = "") -> list[SummarySentence]:
    return summarize(nlp(clean_text(text)), title=title)


def test_a_feature_that_opens_on_a_scene_gets_its_nut_graf(nlp: Language) -> None:
    summary = " ".join(s.text for s in _summary(nlp, SCENE_FEATURE))
    assert "300 small bakeries that will close this year" in summary
    assert "Flour dusted the counters" not in summary


def test_the_lede_of_a_wire_story_stays_without_its_dateline(nlp: Language) -> None:
    doc = nlp(clean_text(WIRE_STORY))
    summary = summarize(doc)
    assert summary[0].index == 0
    assert summary[0].text.startswith("Britain's central bank raised its main interest rate")
    assert doc.text[summary[0].start : summary[0].end] == summary[0].text


def test_the_headline_decides_between_two_equally_placed_facts(nlp: Language) -> None:
    doc = nlp(clean_text(HEADLINE_CHOICE))
    ferry = summarize(doc, sentences=1, title="Island ferry fares to double | Westport News")
    strike = summarize(doc, sentences=1, title="Bus drivers to strike over pay")
    assert ferry[0].text.startswith("Ferry fares")
    assert strike[0].text.startswith("Bus drivers")


def test_a_question_lede_never_reaches_the_summary(nlp: Language) -> None:
    summary = _summary(nlp, QUESTION_LEDE)
    assert summary
    assert all(not s.text.rstrip().endswith("?") for s in summary)
    assert all("about to find out" not in s.text for s in summary)
    assert "Millbrook River Bridge will close on March 1" in summary[0].text


def test_a_quote_on_its_own_line_comes_with_the_sentence_that_names_its_speaker(
    nlp: Language,
) -> None:
    summary = _summary(nlp, QUOTE_LEDE)
    texts = [s.text for s in summary]
    quote = '"We will not sell the harbour, not now and not ever."'
    assert quote in texts
    assert texts[texts.index(quote) + 1].startswith("That was the promise Mayor Elena Ruiz made")


def _ranked(*sentences: tuple[int, str]) -> list[SummarySentence]:
    return [
        SummarySentence(text, index * 100, index * 100 + len(text), index)
        for index, text in sentences
    ]


@pytest.mark.parametrize(
    "opener",
    [
        "He said the plan",
        "Yet she has already amended the plan",
        "Also, the plan",
        "The option was implicit in the plan",
        "The tech giant said the plan",
        "To uncover the effects of the changes, the plan",
        "However, the plan",
        "They said the plan",
    ],
)
def test_a_sentence_that_needs_what_came_before_never_opens_the_summary(opener: str) -> None:
    ranked = _ranked(
        (6, f"{opener} would cost 40 million pounds over ten years."),
        (9, "Westport council approved a new harbour plan on Monday."),
        (12, "Work on the new harbour wall will start in the spring."),
    )
    summary = select_summary(ranked, sentences=3, words=90)
    assert summary[0].index == 9
    assert all(s.index != 6 for s in summary)


def test_a_dangling_sentence_may_follow_the_sentence_it_leans_on() -> None:
    ranked = _ranked(
        (5, "Yet she has already amended the plan twice this year."),
        (4, "Mayor Ana Ferreira unveiled the harbour plan in January."),
    )
    assert [s.index for s in select_summary(ranked, sentences=2, words=90)] == [4, 5]


def test_a_question_and_a_piece_of_a_longer_quote_are_never_summary_sentences() -> None:
    ranked = _ranked(
        (0, "Do they simply wash their hands of the peace effort, and walk away?"),
        (3, "“We are not going anywhere, and we will not be silenced."),
        (4, "The talks resumed in Geneva on Monday after a pause of three months."),
    )
    assert [s.index for s in select_summary(ranked, sentences=3, words=90)] == [4]


@pytest.mark.parametrize(
    ("sentence", "dateline"),
    [
        ("WASHINGTON (AP) — The Senate passed the bill.", "WASHINGTON (AP) — "),
        ("(Reuters) - Shares in the carmaker fell 5%.", "(Reuters) - "),
        ("SIOUX FALLS, S.D. – The state launched a campaign.", "SIOUX FALLS, S.D. – "),
        ("NEW DELHI: Nearly 150 people returned home.", "NEW DELHI: "),
        ("Hong Kong (CNN Business) Asian markets were mixed.", "Hong Kong (CNN Business) "),
        ("Two hostages — an American and an Australian — were freed.", ""),
        ("NASA — the agency said — will launch in May.", ""),
    ],
)
def test_datelines_and_wire_tags_are_recognised(sentence: str, dateline: str) -> None:
    assert sentence[: dateline_length(sentence)] == dateline


def test_bullets_become_items_of_their_own_and_never_join_the_prose() -> None:
    text = (
        "Shares rose in busy trading on the exchange on Monday.\n"
        "• Apple gained 3% on strong phone sales\n"
        "• Google fell 2% after its results\n"
        "The market closed higher. Results of the week: ▪ Oil rose ▪ Gold fell"
    )
    assert clean_text(text).split("\n\n") == [
        "Shares rose in busy trading on the exchange on Monday.",
        "Apple gained 3% on strong phone sales",
        "Google fell 2% after its results",
        "The market closed higher. Results of the week:",
        "Oil rose",
        "Gold fell",
    ]


def test_a_closing_quote_mark_before_a_paragraph_break_stays_with_its_sentence(
    nlp: Language,
) -> None:
    text = (
        "Mayor Ana Ferreira spoke at the pier on Friday night after the vote.\n\n"
        'She was clear. "We are keeping that promise tonight."\n\n'
        "The crowd cheered for ten minutes before the fireworks began."
    )
    ranked = rank_sentences(nlp(clean_text(text)), algorithm="lead")
    texts = [s.text for s in ranked]
    assert '"We are keeping that promise tonight."' in texts
    assert not any(t.startswith('"') and t.count('"') == 1 for t in texts)


@pytest.mark.parametrize(
    ("byline", "clean"),
    [("By By Jane Doe", "Jane Doe"), ("by Jane Doe", "Jane Doe"), ("Jane Doe", "Jane Doe")],
)
def test_a_byline_is_given_once_without_its_by(byline: str, clean: str) -> None:
    assert clean_byline(byline) == clean


def test_the_analysis_keeps_the_byline_as_a_name(nlp: Language) -> None:
    article = Article(text=WIRE_STORY, byline="By By Jill Lawless")
    assert analyze(article, AnalysisOptions(), nlp).byline == "Jill Lawless"


def _quote(text: str, speaker: str | None, start: int, kind: str = "direct") -> Quote:
    return Quote(text, start, start + len(text), kind=kind, speaker=speaker, confidence=0.9)  # type: ignore[arg-type]


HARBOUR_SUMMARY = [
    SummarySentence("Port Alder council will vote in January on an offer for the old docks.", 0, 70)
]


def test_two_pieces_of_one_quote_never_take_two_key_quote_slots() -> None:
    quotes = [
        _quote("We will not sell the harbour to anyone, not now,", "Elena Ruiz", 100),
        _quote("And we will fight any developer who tries to buy the docks.", "Elena Ruiz", 165),
        _quote("The offer for the docks stays open until the end of the year.", "Simon Hale", 600),
        _quote("Our fishermen have worked these docks for two hundred years.", "Elena Ruiz", 900),
    ]
    speakers = [Speaker("Elena Ruiz", quote_indices=(0, 1, 3)), Speaker("Simon Hale")]
    picked = select_key_quotes(quotes, speakers, HARBOUR_SUMMARY, limit=3)
    assert not {0, 1} <= set(picked)
    assert 1 not in picked  # "And we will fight …" is the second half: it does not read alone.


def test_a_quote_already_in_the_summary_or_given_twice_is_not_a_key_quote() -> None:
    summary = [
        SummarySentence(
            "“We will not sell the harbour,” Mayor Elena Ruiz told the town hall on Wednesday.",
            0,
            80,
        )
    ]
    quotes = [
        _quote("We will not sell the harbour,", "Elena Ruiz", 1),
        _quote("The offer for the docks stays open until the end of the year.", "Simon Hale", 300),
        _quote("The offer for the docks stays open until the end of the year.", "Simon Hale", 900),
        _quote("Our fishermen have worked these docks for two hundred years.", "Elena Ruiz", 600),
    ]
    speakers = [Speaker("Elena Ruiz", quote_indices=(0, 3)), Speaker("Simon Hale")]
    picked = select_key_quotes(quotes, speakers, summary, limit=3)
    assert 0 not in picked
    assert not {1, 2} <= set(picked)
    assert set(picked) >= {3}


def test_key_quotes_give_each_side_of_the_story_its_voice() -> None:
    quotes = [
        _quote(
            "Port Alder council will never sell the old docks to any developer.", "Elena Ruiz", 0
        ),
        _quote(
            "The old docks belong to Port Alder, and the council will vote no.", "Elena Ruiz", 400
        ),
        _quote("The vote in January will keep the docks in council hands.", "Elena Ruiz", 800),
        _quote("The project would bring jobs.", "Simon Hale", 1200),
    ]
    speakers = [Speaker("Elena Ruiz", quote_indices=(0, 1, 2)), Speaker("Simon Hale")]
    picked = select_key_quotes(quotes, speakers, HARBOUR_SUMMARY, limit=2)
    assert {quotes[i].speaker for i in picked} == {"Elena Ruiz", "Simon Hale"}


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("is going to have to accept terms that work for us", "partial"),
        ("And she said, the board.", "direct"),
        ("costly detour", "partial"),
        ("Harbour Lights", "other"),
    ],
)
def test_fragments_and_not_quotes_are_never_key_quotes(text: str, kind: str) -> None:
    quotes = [_quote(text, "Elena Ruiz", 0, kind)]
    assert select_key_quotes(quotes, [Speaker("Elena Ruiz")], HARBOUR_SUMMARY) == ()

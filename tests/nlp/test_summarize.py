"""Summaries: every algorithm, the summary rules, and rankings that rebuild any length."""

from __future__ import annotations

import json
from dataclasses import replace
from importlib import resources

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from bot.errors import InputError
from bot.models import Article, SummarySentence
from bot.nlp.analyze import AnalysisOptions, prepare_text
from bot.nlp.clean import clean_text
from bot.nlp.summarize import (
    ALGORITHMS,
    opens_on_missing_antecedent,
    rank_sentences,
    select_summary,
    summarize,
)
from bot.nlp.summarize.features import headline_words
from bot.nlp.summarize.news import SCORER_FILE, rank_news, shipped_scorer
from bot.nlp.summarize.sentences import candidate_sentences

ARTICLE = """Harbour town opens new ferry terminal

The town of Westport opened a new ferry terminal on Monday after three years of building work.
The terminal cost 40 million pounds and can handle twice as many passengers as the old one.
It was built on land reclaimed from the harbour, which engineers had to drain first.
Click here to subscribe to our daily newsletter.
Local businesses expect more visitors from the islands during the summer months.
“This terminal changes everything for our island families,” said the harbour master, Ruth Ellis.
Ferries to the three northern islands will now leave every hour instead of every two hours.
But some residents complained about the noise during the long construction period.
The council said it would plant trees along the new access road to reduce noise.
Tickets.
The first ferry from the new terminal left at six in the morning with 200 passengers on board.
"""


@pytest.fixture(scope="module")
def doc(nlp: Language) -> Doc:
    return nlp(clean_text(ARTICLE))


def _words(summary: list[SummarySentence]) -> int:
    return sum(len(sentence.text.split()) for sentence in summary)


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_every_algorithm_gives_a_summary_that_obeys_the_rules(doc: Doc, algorithm: str) -> None:
    summary = summarize(doc, algorithm=algorithm)
    assert 1 <= len(summary) <= 3
    assert [s.index for s in summary] == sorted(s.index for s in summary)
    assert _words(summary) <= 99
    for sentence in summary:
        assert len(sentence.text.split()) >= 5
        assert "Click here" not in sentence.text
        assert doc.text[sentence.start : sentence.end] == sentence.text
    assert not opens_on_missing_antecedent(summary)


def test_the_algorithms_named_by_the_issue_are_all_offered() -> None:
    assert ALGORITHMS[0] == "news"
    assert set(ALGORITHMS) == {
        "news", "lead", "lexrank", "textrank", "lsa", "luhn", "edmundson", "sumbasic", "kl"
    }  # fmt: skip


def test_an_unknown_algorithm_is_an_input_error(doc: Doc) -> None:
    with pytest.raises(InputError, match="Unknown algorithm 'bart'"):
        rank_sentences(doc, algorithm="bart")
    with pytest.raises(InputError, match="Unknown algorithm"):
        prepare_text(Article(text=ARTICLE), AnalysisOptions(algorithm="bart"))


def test_ranking_is_filtered_limited_and_best_first(doc: Doc) -> None:
    ranked = rank_sentences(doc, limit=5)
    assert len(ranked) == 5
    assert len({s.index for s in ranked}) == 5
    assert all(len(s.text.split()) >= 5 for s in ranked)
    every = rank_sentences(doc, limit=50)
    texts = {s.text for s in every}
    assert not any(text.startswith(("Click here", "Tickets")) for text in texts)
    assert [s.text for s in every[:5]] == [s.text for s in ranked]


def test_a_heading_line_is_its_own_sentence_not_fused_with_the_lede(doc: Doc) -> None:
    heading, lede = rank_sentences(doc, algorithm="lead", limit=2)
    assert heading.text == "Harbour town opens new ferry terminal"
    assert lede.text.startswith("The town of Westport opened")


def test_summarize_is_select_summary_over_the_ranking(doc: Doc) -> None:
    ranked = rank_sentences(doc)
    assert summarize(doc, sentences=2, words=60) == select_summary(ranked, sentences=2, words=60)


def test_a_stored_ranking_gives_any_shorter_summary_without_a_new_parse(doc: Doc) -> None:
    ranked = rank_sentences(doc)
    long = select_summary(ranked, sentences=5, words=200)
    short = select_summary(ranked, sentences=1, words=90)
    assert len(long) == 5
    assert len(short) == 1
    assert short[0] in long


def test_the_word_budget_stops_the_summary_before_the_sentence_count(doc: Doc) -> None:
    summary = select_summary(rank_sentences(doc, algorithm="lead"), sentences=3, words=30)
    assert len(summary) < 3
    assert _words(summary) <= 33 or len(summary) == 1


def _sentence(index: int, text: str) -> SummarySentence:
    return SummarySentence(text, index * 100, index * 100 + len(text), index)


def test_a_summary_never_opens_on_a_sentence_that_hangs_on_a_missing_antecedent() -> None:
    ranked = [
        _sentence(4, "He resigned on Friday after ten years in the job."),
        _sentence(7, "Westport council will choose a new mayor in the spring."),
        _sentence(9, "Elections for the council are due next year."),
    ]
    summary = select_summary(ranked, sentences=2, words=90)
    assert [s.index for s in summary] == [7, 9]


def test_a_dangling_sentence_may_follow_once_an_earlier_sentence_opens_the_summary() -> None:
    ranked = [
        _sentence(4, "But the mayor refused to resign after the vote on Friday."),
        _sentence(3, "Westport council voted against the mayor's budget on Friday."),
    ]
    summary = select_summary(ranked, sentences=2, words=90)
    assert [s.index for s in summary] == [3, 4]


@pytest.mark.parametrize(
    "opener", ["He", "She", "They", "It", "This", "But", "However,", "Also", "And", "‘It"]
)
def test_openers_that_point_back_are_recognised(opener: str) -> None:
    summary = [_sentence(5, f"{opener} was a long night for the rescue teams on the coast.")]
    assert opens_on_missing_antecedent(summary)


def test_the_first_sentence_of_the_article_may_open_with_any_word() -> None:
    assert not opens_on_missing_antecedent([_sentence(0, "It was a long night on the coast.")])


def test_no_summary_repeats_the_lede_in_other_words(nlp: Language) -> None:
    text = (
        "The city council approved a new budget for local schools on Tuesday evening. "
        "On Tuesday evening the city council approved the new budget for local schools. "
        "Teachers will receive a pay rise of four percent from September. "
        "Parents had campaigned for smaller classes for more than two years. "
        "The budget also pays for two new science laboratories at the high school. "
        "Opposition members said the plan left too little money for road repairs."
    )
    doc = nlp(text)
    lead = summarize(doc, algorithm="lead")
    news = summarize(doc)
    assert [s.index for s in lead][:2] == [0, 2]
    assert not {0, 1} <= {s.index for s in news}


def test_the_news_ranker_prefers_reported_fact_to_quoted_speech(nlp: Language) -> None:
    text = (
        "Storms closed the main coastal road for three days last week, cutting off two villages. "
        "“We have never seen waves like this in all my life on this farm,” one farmer said. "
        "Engineers reopened one lane on Sunday after removing fallen rocks. "
        "Repairs to the sea wall will cost the county about two million pounds this year. "
        "The county plans to raise the height of the sea wall by one metre next spring. "
        "Residents of both villages were told to expect more closures this winter."
    )
    news = summarize(nlp(text))
    assert all("never seen waves" not in s.text for s in news)


def test_a_text_without_usable_sentences_has_an_empty_ranking(nlp: Language) -> None:
    assert rank_sentences(nlp("Too short. Also short.")) == []
    assert summarize(nlp("Too short. Also short.")) == []


def test_a_line_the_page_repeats_appears_once_in_the_summary() -> None:
    caption = _sentence(2, "Westport's new terminal opened on Monday with a ribbon cutting.")
    repeat = _sentence(6, "Westport's new terminal opened on Monday with a ribbon cutting.")
    other = _sentence(3, "Ferries to the islands will now leave every hour of the day.")
    summary = select_summary([caption, repeat, other], sentences=3, words=90)
    assert [s.index for s in summary] == [2, 3]


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_text_of_only_stop_words_still_gets_a_summary(nlp: Language, algorithm: str) -> None:
    doc = nlp("She said that it was what it was. He said that it is what it is.")
    assert len(summarize(doc, algorithm=algorithm)) >= 1


def test_a_summary_of_no_sentences_is_empty() -> None:
    ranked = [_sentence(0, "The council met on Monday to vote on the plan.")]
    assert select_summary(ranked, sentences=0, words=90) == []


def test_the_scorer_s_redundancy_weight_pushes_a_restatement_below_new_facts(
    nlp: Language,
) -> None:
    text = (
        "The regional water board approved a plan on Monday to build a desalination plant "
        "near the port of Eastbay, which has suffered three dry summers in a row. "
        "The water board's plan for a desalination plant near the Eastbay port was approved "
        "after dry summers. "
        "The plant will cost 90 million euros and should supply 40,000 homes from 2028. "
        "Fishermen fear that the salty water the plant returns to the sea will harm the catch."
    )
    candidates = candidate_sentences(nlp(text))
    words = headline_words("Water board approves desalination plant for Eastbay")
    shipped = shipped_scorer()
    tolerant = rank_news(candidates, words, replace(shipped, redundancy=0.0))
    strict = rank_news(candidates, words, replace(shipped, redundancy=2.0))
    assert tolerant[:2] == [0, 1]
    assert strict[0] == 0 and strict.index(1) > strict.index(2)


def test_the_shipped_scorer_reads_its_cross_validated_redundancy_weight() -> None:
    data = json.loads(resources.files("bot.nlp.summarize").joinpath(SCORER_FILE).read_text("utf-8"))
    assert shipped_scorer().redundancy == data["redundancy"]

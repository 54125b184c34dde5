"""Pastes built to be slow or large: every stage stays near-linear and memory stays bounded.

Each shape below took tens of seconds (quadratic) before: the time limits here are generous,
ten times what the engine needs on a loaded machine; the timings themselves live in
``bench/bench_engine.py``.
"""

from __future__ import annotations

import time

from spacy.language import Language

from bot.models import Article
from bot.nlp.analyze import AnalysisOptions, analyze_doc, prepare_text
from bot.nlp.clean import clean_text
from bot.nlp.parse import PIECE_CHARS, parse, split_for_parsing
from bot.nlp.quotes.marks import find_quoted_spans
from bot.nlp.summarize import CANDIDATE_LIMIT, rank_sentences
from bot.nlp.summarize.features import _speech_share

LENIENT = AnalysisOptions(strict=False, max_chars=1_000_000)


def _after_parse_seconds(nlp: Language, text: str) -> tuple[float, int]:
    article, body = prepare_text(Article(text=text), LENIENT)
    doc = parse(nlp, body)
    started = time.perf_counter()
    analysis = analyze_doc(article, doc, LENIENT)
    return time.perf_counter() - started, len(analysis.quotes)


def test_thousands_of_quotes_in_one_sentence_are_attributed_in_linear_time(
    nlp: Language,
) -> None:
    text = "Mayor Ana Ruiz said " + " ".join(["“yes”"] * 2_500) + " and left the hall."
    seconds, quotes = _after_parse_seconds(nlp, text)
    assert quotes == 2_500
    assert seconds < 5


def test_deeply_nested_unclosed_quotes_do_not_stall_the_summary(nlp: Language) -> None:
    text = (
        "The council met on Monday to vote on the harbour plan.\n\n"
        "Mayor Ana Ruiz said: “Level " + "‘Level " * 6_000 + "down.\n\n"
        "The vote was put off until the spring session."
    )
    seconds, _ = _after_parse_seconds(nlp, text)
    assert seconds < 5


def test_speech_share_of_a_line_of_unclosed_marks_is_linear() -> None:
    line = "“open " * 40_000 + "end."
    started = time.perf_counter()
    assert _speech_share(line) == 0.0
    assert time.perf_counter() - started < 2


def test_a_very_long_text_is_parsed_in_pieces_that_join_back_exactly(nlp: Language) -> None:
    paragraph = "The ferry left the harbour at noon. Nobody on the pier waved at it."
    text = "\n\n".join([paragraph] * 700) + "\n\n" + "word " * 3_000
    pieces = split_for_parsing(text)
    assert len(pieces) > 2 and max(len(piece) for piece in pieces) <= PIECE_CHARS
    assert "".join(pieces) == text
    doc = parse(nlp, text)
    assert doc.text == text
    assert sum(1 for _ in doc.sents) >= 1_400
    token = doc[len(doc) // 2]
    assert token.sent.start <= token.i < token.sent.end


def test_text_dense_with_marks_is_parsed_in_smaller_pieces() -> None:
    text = "Mayor Ana Ruiz said " + " ".join(["“yes”"] * 6_000) + " and left the hall."
    assert len(text) < 50_000
    pieces = split_for_parsing(text)
    assert len(pieces) >= 3 and "".join(pieces) == text


def test_an_ordinary_article_is_parsed_whole(nlp: Language) -> None:
    text = "The ferry left the harbour at noon.\n\nNobody on the pier waved at it."
    assert split_for_parsing(text) == [text]
    whole, joined = nlp(text), parse(nlp, text)
    assert [t.dep_ for t in whole] == [t.dep_ for t in joined]
    assert [s.text for s in whole.sents] == [s.text for s in joined.sents]


def test_rankers_compare_a_bounded_number_of_sentences(nlp: Language) -> None:
    sentences = [
        f"The ferry number {n} left the harbour at noon today." for n in range(CANDIDATE_LIMIT + 20)
    ]
    doc = parse(nlp, " ".join(sentences))
    ranked = rank_sentences(doc, limit=1_000)
    assert len(ranked) == CANDIDATE_LIMIT


def test_quote_marks_among_thousands_of_tags_are_found_in_linear_time() -> None:
    text = "He said " + " ".join(['<b class="x">“yes”</b>'] * 8_000)
    started = time.perf_counter()
    assert len(find_quoted_spans(text)) == 8_000
    assert time.perf_counter() - started < 5


def test_thousands_of_soft_wrapped_lines_are_joined_in_linear_time() -> None:
    text = "\n".join(["and the council met again to talk it over"] * 25_000)
    started = time.perf_counter()
    assert clean_text(text).count("\n") == 0
    assert time.perf_counter() - started < 5


def test_thousands_of_they_said_in_one_sentence_are_resolved_in_linear_time(
    nlp: Language,
) -> None:
    text = "The union met on Monday. " + " ".join(["“Yes,” they said,"] * 2_000) + " and left."
    seconds, quotes = _after_parse_seconds(nlp, text)
    assert quotes == 2_000
    assert seconds < 6

"""``analyze(article) -> Analysis``: clean once, parse once, then summarize and find quotes.

This is the engine's one entry point; the worker pool calls it in another process and the CLI's
evaluation commands call ``analyze_many`` so that batches go through ``nlp.pipe``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc

from bot.errors import InputError
from bot.models import ENGINE_VERSION, Analysis, Article
from bot.nlp.clean import clean_byline, clean_text
from bot.nlp.language import looks_english
from bot.nlp.model import load_pipeline
from bot.nlp.parse import parse, parse_many
from bot.nlp.quotes import extract_quotes, select_key_quotes
from bot.nlp.summarize import ALGORITHMS, rank_sentences, select_summary

MAX_TEXT_CHARS = 200_000
"""About 30,000 words: longer than any news article, short enough to parse in seconds."""


@dataclass(frozen=True)
class AnalysisOptions:
    """How to summarize: the user-facing knobs of one analysis."""

    sentences: int = 3
    words: int = 90
    algorithm: str = "news"
    max_chars: int = MAX_TEXT_CHARS
    strict: bool = True
    """Refuse input that cannot be summarized (one sentence, no punctuation) instead of warning."""


def prepare_text(article: Article, options: AnalysisOptions) -> tuple[Article, str]:
    """Validate and clean an article's text, raising ``InputError`` for unusable input.

    Returns the article (titled from its headline line when it had no title) and the cleaned
    body to parse; a headline on the first line is not part of the body (``split_headline``).
    """
    if options.algorithm not in ALGORITHMS:
        names = ", ".join(ALGORITHMS)
        raise InputError(f"Unknown algorithm {options.algorithm!r}; choose one of: {names}.")
    if not 1 <= options.sentences <= 10:
        raise InputError("The number of summary sentences must be between 1 and 10.")
    if not article.text or not article.text.strip():
        raise InputError("The text is empty: there is nothing to summarize.")
    if len(article.text) > options.max_chars:
        raise InputError(
            f"The text is too long ({len(article.text):,} characters; "
            f"the limit is {options.max_chars:,})."
        )
    if "\x00" in article.text:
        raise InputError("The input looks like binary data, not text.")
    headline, body = split_headline(clean_text(article.text))
    if options.strict and (run_on := run_on_problem(body)):
        raise InputError(run_on)  # before the parse, which a 200,000-character line would cost
    if headline and not article.title:
        article = replace(article, title=headline)
    return article, body


HEADLINE_MAX_CHARS = 160


def split_headline(text: str) -> tuple[str, str]:
    """Split a leading headline paragraph off the body: ``(headline, body)``.

    Pasted articles and text files usually start with their headline on a line of its own. Left
    in, it fuses with the first sentence or crowds a real sentence out of the summary. A first
    paragraph counts as a headline when it is short, does not end like a sentence, and more
    paragraphs follow.
    """
    first, separator, rest = text.partition("\n\n")
    first = first.strip()
    if (
        separator
        and rest.strip()
        and 0 < len(first) <= HEADLINE_MAX_CHARS
        and "\n" not in first
        and not _ends_like_a_sentence(first)
    ):
        return first, rest
    return "", text


_CLOSING_MARKS = "\"”’'"
_OPENING_MARKS = "\"“‘'"


def _ends_like_a_sentence(line: str) -> bool:
    """A line ending on sentence punctuation, inside closing quote marks or not, or a line that
    is all one quotation ("“We will not sell”"). A headline may end on a quoted phrase
    ("Plague fears grow – ‘The worst is coming’"): that mark closes words, not a sentence."""
    words = line.rstrip(_CLOSING_MARKS)
    if words.endswith((".", "!", "?", ":", ";", ",")):
        return True
    return words != line and line.startswith(tuple(_OPENING_MARKS))


def analyze(
    article: Article, options: AnalysisOptions | None = None, nlp: Language | None = None
) -> Analysis:
    """Analyze one article: the summary, its quotes and speakers, and the key quotes."""
    options = options or AnalysisOptions()
    article, text = prepare_text(article, options)
    nlp = nlp or load_pipeline()
    return analyze_doc(article, parse(nlp, text), options)


def analyze_many(
    articles: Iterable[Article],
    options: AnalysisOptions | None = None,
    nlp: Language | None = None,
    batch_size: int = 16,
) -> Iterator[Analysis | InputError]:
    """Analyze a stream of articles through ``nlp.pipe``; bad inputs yield their error."""
    options = options or AnalysisOptions()
    nlp = nlp or load_pipeline()
    prepared: list[tuple[Article, str | InputError]] = []
    for article in articles:
        try:
            prepared.append(prepare_text(article, options))
        except InputError as error:
            prepared.append((article, error))
    texts = (text for _, text in prepared if isinstance(text, str))
    docs = parse_many(nlp, texts, batch_size=batch_size)
    for article, text in prepared:
        if isinstance(text, InputError):
            yield text
            continue
        try:
            yield analyze_doc(article, next(docs), options)
        except InputError as error:
            yield error


def analyze_doc(article: Article, doc: Doc, options: AnalysisOptions) -> Analysis:
    """Everything after the parse: the part that must stay cheap next to spaCy itself."""
    warnings = _check_prose(doc, options)
    language = "en" if looks_english(doc) else "unknown"
    if language != "en":
        warnings.append("This text does not look like English; the summary may be poor.")
    ranked = rank_sentences(doc, algorithm=options.algorithm, title=article.title)
    summary = select_summary(ranked, sentences=options.sentences, words=options.words)
    quotes, speakers = extract_quotes(doc)
    key_quotes = select_key_quotes(quotes, speakers, summary)
    return Analysis(
        title=article.title or _fallback_title(doc),
        url=article.canonical_url or article.url,
        summary=tuple(summary),
        ranked=tuple(ranked),
        quotes=tuple(quotes),
        speakers=tuple(speakers),
        key_quotes=key_quotes,
        word_count=sum(1 for token in doc if token.is_alpha or token.like_num),
        language=language,
        algorithm=options.algorithm,
        warnings=tuple(warnings),
        byline=clean_byline(article.byline),
        published=article.published,
        text=doc.text,
        engine_version=ENGINE_VERSION,
    )


def _check_prose(doc: Doc, options: AnalysisOptions) -> list[str]:
    """Refuse (or, when not strict, warn about) text that is not prose a summary can be made of.

    Sentence ends are counted on the characters as well as taken from the parse: the English
    parser does not split Chinese or Arabic text, which must get the language warning instead.
    """
    problems: list[str] = []
    text = doc.text
    ends = len(_SENTENCE_END.findall(text))
    if not ends and not any(
        token.text in {".", "!", "?", "…"} or token.text.endswith((".", "!", "?")) for token in doc
    ):
        problems.append("The text has no sentence punctuation; it does not look like an article.")
    elif ends < 2 and sum(1 for _ in doc.sents) < 2:
        problems.append("The text is a single sentence: there is nothing to summarize.")
    run_on = run_on_problem(text)
    if run_on:
        problems.append(run_on)
    if problems and options.strict:
        raise InputError(problems[0])
    return problems


SENTENCE_END_MARKS = ".!?…。！？｡؟।॥۔።᙮"
"""Full stops, question and exclamation marks of Latin, CJK, Arabic, Devanagari, Urdu,
Ethiopic and Canadian syllabic scripts."""
_SENTENCE_END = re.compile(r"[.!?…؟।॥۔።᙮](?=\s|$|[\"'”’»)\]])|[。！？｡]")
"""A sentence end: a mark before a space, a line end or a closing quote; CJK ends need none."""
_RUN_ON_BREAK = re.compile(rf"[{SENTENCE_END_MARKS}\n]")
MAX_SENTENCE_CHARS = 2_000
"""Longer than any sentence of real prose (about 350 words): past it, the text is a paste of
something else (a list without stops, a keyboard mash) and would parse as one huge sentence."""


def run_on_problem(text: str) -> str:
    """Why ``text`` is refused for a "sentence" longer than any real one, or ``""``."""
    longest = longest_run_on(text)
    if longest <= MAX_SENTENCE_CHARS:
        return ""
    return (
        f"The text has a sentence of {longest:,} characters with no end; real sentences "
        f"are shorter than {MAX_SENTENCE_CHARS:,}, so this does not look like an article."
    )


def longest_run_on(text: str) -> int:
    """The most characters between two sentence ends (or line breaks) in ``text``."""
    longest = previous = 0
    for match in _RUN_ON_BREAK.finditer(text):
        longest = max(longest, match.start() - previous)
        previous = match.end()
    return max(longest, len(text) - previous)


def _fallback_title(doc: Doc) -> str:
    """A title for untitled text: its first line when short, else the first sentence's start."""
    first_line = doc.text.split("\n", 1)[0].strip()
    if 0 < len(first_line) <= 120 and not first_line.endswith("."):
        return first_line
    first = next(iter(doc.sents)).text.strip()
    return first if len(first) <= 100 else first[:97].rsplit(" ", 1)[0] + "…"

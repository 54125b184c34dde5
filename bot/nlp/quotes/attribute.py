"""Attach each quoted stretch to the cue that attributes it, in news-writing order of evidence.

First a speaker label ("WALLACE: …" in a transcript, "Caddell: …" in a headline); then the
clause right after a quote ("…,” said X / “…,” X said / “…” ― X); then a cue in the quote's
own sentence, a reporting verb that governs the quote before a nearer one ("X said", "according
to X", "X's warning"); then a colon introduction; then an earlier quote in the same paragraph
(interrupted quotes); then the next sentence ("That was the verdict of X"); then the sentence
before, for a quote that opens a sentence mid-paragraph ("…, Schiff said. “…”"); then the main
reporting verb of the paragraph before, for a quote paragraph with no cue of its own (continued
quotes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice

from spacy.tokens import Token

from bot.nlp.clean import dateline_length
from bot.nlp.quotes.classify import opens_clause, opens_sentence
from bot.nlp.quotes.cues import EDITORIAL_LABELS, cue_text, speaker_of, speech_cues
from bot.nlp.quotes.introducing import introducing_cue
from bot.nlp.quotes.layout import DocLayout
from bot.nlp.quotes.marks import QuotedSpan
from bot.nlp.quotes.trailing import trailing_cue

CUE_REACH = 150
"""Tokens on either side of a quote (and levels up its parse) searched for its cue: more than
any real sentence needs, and a bound on the work a sentence of thousands of quotes makes."""
QUOTE_REACH = 50
"""Earlier quotes of a paragraph a quote may share a speaker with: past a run of unattributed
quotes this long (no paragraph of prose has one), looking further back is quadratic."""
_NOUN_CUE_PENALTY = 8
"""Tokens a noun cue ("in a statement") counts as farther away than a verb cue."""


@dataclass(frozen=True)
class Attribution:
    """Where a quote's speaker comes from: the cue, its speaker token and how it was found."""

    method: str
    cue: str | None = None
    cue_token: int | None = None
    speaker_token: int | None = None
    inherit_from: int | None = None
    """Index of an earlier quote whose speaker this one shares."""
    signed: str | None = None
    """The name exactly as a post's signature or a transcript label writes it ("Port of
    Halden"), for organisations the parse cuts short."""


def attribute_all(layout: DocLayout) -> list[Attribution | None]:
    """One attribution (or None) per quoted stretch, in order."""
    found: list[Attribution | None] = []
    for index, span in enumerate(layout.spans):
        found.append(_attribute(layout, index, span, found))
    return found


def _attribute(
    layout: DocLayout, index: int, span: QuotedSpan, earlier: list[Attribution | None]
) -> Attribution | None:
    first, last = layout.token_ranges[index]
    if last <= first:
        return None
    if index in layout.unmarked:
        return _signed_attribution(layout, layout.unmarked[index], span)
    p_start, p_end = layout.paragraph_bounds(span.open_at)
    if _subheading(layout, span, p_start, p_end):
        return None
    sent_first = layout.sentences[layout.sentence_of[first]].start
    sent_last = layout.sentences[layout.sentence_of[last - 1]].end
    label = _speaker_label(layout, span, p_start)
    if label is not None:
        return label
    introduced = introducing_cue(layout, first, p_start)
    if introduced is not None:
        verb, speaker = introduced
        return Attribution("cue", cue_text(verb), verb.i, speaker)
    if _ends_statement(layout.text, span):
        whole = opens_clause(layout.text, p_start, span.open_at)
        trailing = trailing_cue(layout.doc, last, layout.quoted, whole)
        if trailing is not None:
            verb, speaker = trailing
            return Attribution("cue", cue_text(verb), verb.i, speaker)
    frame = layout.free_tokens(
        max(sent_first, first - CUE_REACH), min(sent_last, last + CUE_REACH), p_start, p_end
    )
    own = _nearest_cue(layout, frame, first, last)
    if own is not None:
        return own
    colon = _colon_cue(layout, span, p_start)
    if colon is not None:
        return colon
    previous = _previous_in_paragraph(layout, index, earlier, p_start)
    if previous is not None:
        return previous
    after = _next_sentence_cue(layout, last, p_end) or _next_paragraph_cue(layout, span, last)
    if after is not None:
        return after
    before = _previous_sentence_cue(layout, span, first, p_start)
    if before is not None:
        return before
    return _continued_paragraph(layout, index, span, earlier, p_start)


_TRANSCRIPT_LABEL = re.compile(r"([A-Z][A-Z.'’\-]+(?: [A-Z][A-Z.'’\-]+){0,2}):\s")
_LEAD_LABEL = re.compile(r"(?:[A-Z][\w.'’\-]*\s){0,3}[A-Z][\w.'’\-]*(?=:\s)")
_EDITORIAL_LABEL = re.compile(rf"(?:Editor['’]s )?(?:{'|'.join(EDITORIAL_LABELS)})\b", re.I)
"""A paper's own label ("Editor's Note: …") is no speaker label."""


def _speaker_label(layout: DocLayout, span: QuotedSpan, p_start: int) -> Attribution | None:
    """ "WALLACE: Governor, …" in a transcript, and "Pat Caddell: Voters Worried …" headlines."""
    text = layout.text
    label = _TRANSCRIPT_LABEL.match(text, span.start)
    if label is not None:
        return _label_attribution(layout, label.end(1))
    lead = _LEAD_LABEL.match(text, p_start)
    if lead is not None and lead.end() < span.open_at and not _EDITORIAL_LABEL.match(lead[0]):
        return _label_attribution(layout, lead.end())
    return None


def _signed_attribution(
    layout: DocLayout, name: tuple[int, int] | None, span: QuotedSpan
) -> Attribution | None:
    """A transcript turn or a signed post: its label or signature names the speaker; an
    interview's "A:" answers are the interviewee's, the first person the article names."""
    if name is None:
        person = next(
            (e for e in layout.doc.ents if e.label_ == "PERSON" and e.end_char <= span.open_at),
            None,
        )
        return Attribution("label", ":", person[-1].i, person[-1].i) if person else None
    words = layout.doc.char_span(*name, alignment_mode="expand")
    if words is None or len(words) == 0:
        return None
    return Attribution("label", ":", words[-1].i, words[-1].i, signed=words.text)


def _label_attribution(layout: DocLayout, colon_at: int) -> Attribution | None:
    name = layout.doc.char_span(colon_at - 1, colon_at, alignment_mode="expand")
    if name is None or len(name) == 0:
        return None
    token = name[-1]
    if not (
        token.pos_ == "PROPN"
        or token.ent_type_ in ("PERSON", "ORG")
        or token.is_upper
        or (token.is_title and token.pos_ == "NOUN")
    ):
        return None
    return Attribution("label", ":", token.i, token.i)


def _nearest_cue(
    layout: DocLayout, tokens: list[Token], first: int, last: int, method: str = "cue"
) -> Attribution | None:
    """The cue for the quote at tokens ``[first, last)`` among ``tokens``.

    A reporting verb that governs the quote wins, the outermost one first ("Trump said that
    Clinton once described it as “…”" is Trump's report); otherwise the nearest cue.
    """
    governing = _ancestors(layout, first, last)
    best: tuple[int, Token, int] | None = None
    for cue in speech_cues(tokens):
        speaker = speaker_of(cue, layout.quoted)
        if speaker is None or layout.token_paragraph[speaker] != layout.token_paragraph[cue.i]:
            continue
        distance = first - cue.i if cue.i < first else cue.i - last
        if cue.pos_ == "NOUN":
            distance += _NOUN_CUE_PENALTY
        if cue.i in governing:
            distance = -1000 - governing[cue.i]
        if best is None or distance < best[0]:
            best = (distance, cue, speaker)
    if best is None:
        return None
    _, cue, speaker = best
    return Attribution(method, cue_text(cue), cue.i, speaker)


def _ancestors(layout: DocLayout, first: int, last: int) -> dict[int, int]:
    """Token index → height above the quote, for every token that governs the quote."""
    if last <= first:
        return {}
    root = layout.doc[first:last].root
    return {token.i: height for height, token in enumerate(islice(root.ancestors, CUE_REACH))}


def _colon_cue(layout: DocLayout, span: QuotedSpan, p_start: int) -> Attribution | None:
    """ "But Ms. Okafor added: “…”" and a quote paragraph after "Caddell continued:"."""
    text = layout.text
    lead = text[p_start : span.open_at].rstrip()
    if lead:
        colon_at = p_start + len(lead) - 1 if lead.endswith(":") else None
    else:
        before = text[:p_start].rstrip()
        colon_at = len(before) - 1 if before.endswith(":") else None
    if colon_at is None:
        return None
    token = layout.doc.char_span(colon_at, colon_at + 1, alignment_mode="expand")
    if token is None or len(token) == 0:
        return None
    sentence = layout.sentences[layout.sentence_of[token[0].i]]
    c_start, c_end = layout.paragraph_bounds(colon_at)
    start = max(sentence.start, token[0].i - CUE_REACH)
    tokens = layout.free_tokens(start, token[0].i + 1, c_start, c_end)
    found = _nearest_cue(layout, tokens, token[0].i, token[0].i + 1, "colon")
    if found is not None:
        return found
    inside = {t.i for t in tokens}
    subjects = [t for t in tokens if t.dep_ in ("nsubj", "nsubjpass") and t.head.i in inside]
    if subjects:
        return Attribution("colon", ":", token[0].i, subjects[0].i)
    return None


def _previous_in_paragraph(
    layout: DocLayout, index: int, earlier: list[Attribution | None], p_start: int
) -> Attribution | None:
    """“A,” X said. “B.”: B shares the speaker of A."""
    for back in range(index - 1, max(-1, index - 1 - QUOTE_REACH), -1):
        if layout.spans[back].open_at < p_start:
            break
        if earlier[back] is not None:
            return Attribution("interrupted", inherit_from=back)
    return None


def _next_sentence_cue(layout: DocLayout, last: int, p_end: int) -> Attribution | None:
    """A quote followed by "That was the verdict of X" or "So said X." in its paragraph."""
    sentence = layout.sentence_of[last - 1]
    if sentence + 1 >= len(layout.sentences):
        return None
    following = layout.sentences[sentence + 1]
    if following.start_char >= p_end:
        return None
    end = min(following.end, following.start + CUE_REACH)
    tokens = layout.free_tokens(following.start, end, following.start_char, p_end)
    return _nearest_cue(layout, tokens, last, last, "next sentence")


_POINTING_WORDS = frozenset({"that", "those", "these", "this", "such", "so"})


def _next_paragraph_cue(layout: DocLayout, span: QuotedSpan, last: int) -> Attribution | None:
    """A quote standing alone as its paragraph (after a wire dateline, if any), then "Those
    were the stark words of Finance Minister X on Friday, as …" or "That was the promise X
    made …": a next paragraph that opens by pointing back at the words names their speaker."""
    p_start, p_end = layout.paragraph_bounds(span.open_at)
    line_end = p_start + len(layout.text[p_start:p_end].rstrip())
    lede = p_start + dateline_length(layout.text[p_start:p_end])  # "LONDON (AP) — “…”"
    alone = span.open_at in (p_start, lede) and span.outer_end >= line_end
    paragraph = layout.paragraph_of(span.open_at) + 1
    if not alone or paragraph >= len(layout.paragraphs):
        return None
    n_start, n_end = layout.paragraphs[paragraph]
    first_word = layout.text[n_start:n_end].split(maxsplit=1)[:1]
    if not first_word or first_word[0].lower() not in _POINTING_WORDS:
        return None
    opening = layout.doc.char_span(n_start, n_start + 1, alignment_mode="expand")
    if opening is None or len(opening) == 0:
        return None
    sentence = layout.sentences[layout.sentence_of[opening[0].i]]
    tokens = layout.free_tokens(sentence.start, sentence.end, n_start, n_end)
    return _nearest_cue(layout, tokens, last, last, "next sentence")


def _previous_sentence_cue(
    layout: DocLayout, span: QuotedSpan, first: int, p_start: int
) -> Attribution | None:
    """ "…, Schiff said. “The other factor is …”": a quote that opens a sentence in the middle
    of a paragraph, after a sentence whose main verb reports someone, is that person's."""
    if not opens_sentence(layout.text, p_start, span.open_at):
        return None
    sentence = layout.sentence_of[first]
    if sentence == 0:
        return None
    previous = layout.sentences[sentence - 1]
    start = max(previous.start, previous.end - CUE_REACH)
    tokens = layout.free_tokens(start, previous.end, p_start, span.open_at)
    found = _main_cue(layout, tokens)
    if found is None:
        return _previous_subject(tokens)
    return Attribution("previous sentence", found.cue, found.cue_token, found.speaker_token)


def _previous_subject(tokens: list[Token]) -> Attribution | None:
    """ "Lund expects three launches this year. “Four would be a stretch.”": a feature opens
    a quote right after a sentence about a named person; with no reporting verb anywhere near,
    the words are the subject's of that sentence's main clause."""
    inside = {t.i for t in tokens}
    for token in tokens:
        if token.dep_ != "nsubj" or token.head.dep_ != "ROOT" or token.head.i not in inside:
            continue
        named = token.pos_ == "PROPN" and token.ent_type_ in ("PERSON", "ORG", "")
        if named or token.ent_type_ == "PERSON" or token.lower_ in ("he", "she"):
            return Attribution("previous sentence", None, None, token.i)
    return None


def _continued_paragraph(
    layout: DocLayout,
    index: int,
    span: QuotedSpan,
    earlier: list[Attribution | None],
    p_start: int,
) -> Attribution | None:
    """A quote paragraph without a cue continues the previous paragraph's speaker."""
    if span.open_at != p_start and not span.continued:
        return None
    previous_paragraph = layout.paragraph_of(p_start) - 1
    if previous_paragraph < 0:
        return None
    for back in range(index - 1, -1, -1):
        if layout.paragraph_of(layout.spans[back].open_at) < previous_paragraph:
            break
        if earlier[back] is not None:
            return Attribution("continued", inherit_from=back)
    pp_start, pp_end = layout.paragraphs[previous_paragraph]
    start_token = layout.doc.char_span(pp_start, pp_end, alignment_mode="expand")
    if start_token is None:
        return None
    start = max(start_token.start, start_token.end - CUE_REACH)
    tokens = layout.free_tokens(start, start_token.end, pp_start, pp_end)
    return _main_cue(layout, tokens)


def _main_cue(layout: DocLayout, tokens: list[Token]) -> Attribution | None:
    """The reporting verb highest in its sentence, from the last sentence that has one.

    "Carter said that critics had been predicting a withdrawal": Carter, not the critics.
    """
    best: tuple[int, int, Token, int] | None = None
    for cue in speech_cues(tokens):
        speaker = speaker_of(cue, layout.quoted)
        if speaker is None or cue.pos_ == "NOUN":
            continue
        rank = (layout.sentence_of[cue.i], -sum(1 for _ in islice(cue.ancestors, CUE_REACH)))
        if best is None or rank > best[:2]:
            best = (*rank, cue, speaker)
    if best is None:
        return None
    return Attribution("continued", cue_text(best[2]), best[2].i, best[3])


def _ends_statement(text: str, span: QuotedSpan) -> bool:
    """“…,” / “…?” / “…!” followed by more words: the attribution comes right after."""
    if span.close_end is None:
        return False
    last_inner = text[span.end - 1]
    after = text[span.close_end : span.close_end + 4].lstrip(_INLINE_SPACE)
    return last_inner in ",?!—–―-" or after[:1] == "," or after[:1] in _SIGNATURE_DASHES


_INLINE_SPACE = " \t\u00a0\u2009\u202f"
"""Spaces that can sit between a closing mark and what follows it on the same line (web copy
is full of no-break spaces)."""
_SIGNATURE_DASHES = ("—", "―", "–")
"""“…” ― Carla Sanchez: a dash after a closed quote signs it with the speaker's name."""


def _subheading(layout: DocLayout, span: QuotedSpan, p_start: int, p_end: int) -> bool:
    """ "'Coal Isn't the Villain.'" alone on its line: a section heading, not a quote."""
    whole = span.open_at == p_start and span.outer_end >= p_end - 2
    words = len(layout.text[span.start : span.end].split())
    return whole and span.family == "single" and words <= _HEADING_WORDS


_HEADING_WORDS = 10

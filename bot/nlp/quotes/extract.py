"""``extract_quotes``: from one parsed article to its quotes and who said each of them."""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from bot.models import Quote, QuoteKind, Speaker
from bot.nlp.quotes.agents import (
    TEXT_NOUNS,
    can_speak,
    is_date,
    is_place,
    speaking_head,
    text_author,
)
from bot.nlp.quotes.attribute import Attribution, attribute_all
from bot.nlp.quotes.classify import classify, follows_title_word, opens_clause
from bot.nlp.quotes.descriptions import resolve_description
from bot.nlp.quotes.issuers import group_antecedent_named, issuer_of
from bot.nlp.quotes.layout import DocLayout
from bot.nlp.quotes.marks import find_quoted_spans
from bot.nlp.quotes.names import PRONOUN_GENDER, Mention, mention_for
from bot.nlp.quotes.not_quotes import not_quote_reasons
from bot.nlp.quotes.people import People
from bot.nlp.quotes.pronouns import (
    follow_pronoun_subjects,
    group_antecedent,
    resolve_pronoun,
)
from bot.nlp.quotes.relay import framed_speaker
from bot.nlp.quotes.repeats import copies, share_repeated
from bot.nlp.quotes.scare_quotes import fragment_not_reported
from bot.nlp.quotes.speakers import SpeakerRef, group_speakers
from bot.nlp.quotes.unmarked import find_unmarked_quotes

_METHOD_CONFIDENCE = {
    "cue": 0.9,
    "colon": 0.8,
    "interrupted": 0.85,
    "next sentence": 0.7,
    "previous sentence": 0.7,
    "continued": 0.7,
}
_KIND_CONFIDENCE = {"person": 1.0, "organization": 0.9, "nominal": 0.7, "pronoun": 0.8}
_CONTEXT_CHARS = 600
PRONOUN_WORDS = frozenset({"he", "she", "they", "it", "we", "i", "you"})


@dataclass(frozen=True)
class _Resolved:
    ref: SpeakerRef | None
    mention: str | None
    cue: str | None
    confidence: float


def extract_quotes(doc: Doc) -> tuple[list[Quote], list[Speaker]]:
    """Find the quotes in ``doc`` and group them by speaker, most prominent speaker first.

    Never raises on odd punctuation: unbalanced marks only cost their own paragraph.
    """
    text = doc.text
    marked = find_quoted_spans(text)
    unmarked = find_unmarked_quotes(text, marked)
    if not marked and not unmarked:
        return [], []
    spans = sorted([*marked, *(u.span for u in unmarked)], key=lambda span: span.open_at)
    names = {u.span: u.name for u in unmarked}
    signed = {index: names[span] for index, span in enumerate(spans) if span in names}
    layout = DocLayout(doc, spans, text, signed)
    people = People(
        doc, layout.sentence_of, layout.token_paragraph, layout.token_section, layout.quoted
    )
    chained = follow_pronoun_subjects(people)
    attributions = [
        framed_speaker(layout, index, found) for index, found in enumerate(attribute_all(layout))
    ]
    cue_tokens = _cue_tokens(attributions)
    not_quotes = not_quote_reasons(layout, cue_tokens)
    resolved: list[_Resolved] = []
    for attribution in attributions:
        resolved.append(_resolve(layout, people, chained, attribution, resolved))
    texts = [text[span.start : span.end] for span in layout.spans]
    resolved = share_repeated(texts, attributions, resolved, _strength)
    quotes: list[Quote] = []
    for index, (attribution, found) in enumerate(zip(attributions, resolved, strict=True)):
        kind = "other" if not_quotes[index] else _kind_of(layout, index, attribution, cue_tokens)
        if kind == "partial" and found.ref is None:
            kind = "other"  # a fragment is only worth showing as somebody's words
        if index in layout.unmarked and found.ref is None:
            kind = "other"  # words without marks are a quote only through who signs them
        quotes.append(_quote(layout, index, kind, found))
    _share_copies(layout, quotes, resolved, not_quotes)
    refs = [r.ref if q.kind != "other" else None for r, q in zip(resolved, quotes, strict=True)]
    return quotes, group_speakers(quotes, refs, people)


def _share_copies(
    layout: DocLayout,
    quotes: list[Quote],
    resolved: list[_Resolved],
    not_quotes: list[str | None],
) -> None:
    """Give an unattributed copy of quoted words the speaker and kind of an attributed copy
    (``group_speakers`` then lists a speaker's same words once)."""
    for members in copies(layout):
        owners = [i for i in members if quotes[i].kind != "other" and resolved[i].ref]
        if not owners:
            continue
        owner = owners[0]
        for index in members:
            if index == owner or not_quotes[index]:
                continue
            if quotes[index].speaker is None:  # unattributed, or classified alone as a term
                resolved[index] = resolved[owner]
                quotes[index] = _quote(layout, index, quotes[owner].kind, resolved[owner])


def _cue_tokens(attributions: list[Attribution | None]) -> list[int | None]:
    """The cue token of each quote's attribution, following inherited ones to their source."""
    tokens: list[int | None] = []
    for attribution in attributions:
        if attribution is None:
            tokens.append(None)
        elif attribution.inherit_from is not None:
            tokens.append(tokens[attribution.inherit_from])
        else:
            tokens.append(attribution.cue_token)
    return tokens


def _strength(found: _Resolved) -> float:
    """How firmly a quote is attributed: a named speaker at a clear cue most."""
    if found.ref is None:
        return 0.0
    if found.ref.kind not in ("person", "organization"):
        return found.confidence / 2  # a description never overrides a name
    named = found.mention is not None and found.mention.lower() not in PRONOUN_WORDS
    return 1.0 + found.confidence + (0.5 if named else 0.0)


def _kind_of(
    layout: DocLayout, index: int, attribution: Attribution | None, cue_tokens: list[int | None]
) -> QuoteKind:
    span = layout.spans[index]
    text = layout.text
    p_start, _ = layout.paragraph_bounds(span.open_at)
    own_cue = attribution is not None and attribution.method in ("cue", "label")
    kind = classify(
        text[span.start : span.end],
        opens=opens_clause(text, p_start, span.open_at) or span.continued,
        attributed=attribution is not None,
        own_cue=own_cue or _cue_follows(layout, index),
        headline=layout.paragraph_of(span.open_at) == 0,
        after_title_word=follows_title_word(text, p_start, span.open_at),
    )
    if kind == "partial" and fragment_not_reported(layout, index, cue_tokens[index]) is not None:
        return "other"
    return kind


def _quote(layout: DocLayout, index: int, kind: QuoteKind, found: _Resolved) -> Quote:
    """The public record of one quote; ``other`` quotes carry no speaker, cue or confidence."""
    span = layout.spans[index]
    first, last = layout.token_ranges[index]
    attributed = kind != "other"
    return Quote(
        text=layout.text[span.start : span.end],
        start=span.start,
        end=span.end,
        kind=kind,
        speaker=found.ref.name if found.ref and attributed else None,
        mention=found.mention if attributed else None,
        cue=found.cue if attributed else None,
        confidence=round(found.confidence, 2) if attributed else 0.0,
        context=_context(layout, first, last),
    )


def _resolve(
    layout: DocLayout,
    people: People,
    chained: dict[int, str],
    attribution: Attribution | None,
    resolved: list[_Resolved],
) -> _Resolved:
    if attribution is None:
        return _Resolved(None, None, None, 0.0)
    base = _METHOD_CONFIDENCE.get(attribution.method, 0.6)
    if attribution.inherit_from is not None:
        earlier = resolved[attribution.inherit_from]
        return replace(earlier, confidence=earlier.confidence * base / 0.9)
    if attribution.speaker_token is None:
        return _Resolved(None, None, attribution.cue, 0.0)
    token = layout.doc[attribution.speaker_token]
    mention = mention_for(token)
    if mention is None:
        return _Resolved(None, token.text, attribution.cue, 0.0)
    confidence = base * _KIND_CONFIDENCE[mention.kind]
    if mention.kind == "pronoun":
        issuer = group_antecedent_named(token, people)
        if issuer is not None:
            ref = SpeakerRef(issuer.name, issuer.kind, mention.written)
            return _Resolved(ref, mention.written, attribution.cue, confidence * 0.8)
        group = group_antecedent(token, people)
        named = mention_for(group) if group is not None else None
        speaks = named is not None and (named.kind != "nominal" or can_speak(group))
        if named is not None and named.kind != "pronoun" and speaks:
            ref = SpeakerRef(named.name, named.kind, mention.written)
            return _Resolved(ref, mention.written, attribution.cue, confidence * 0.8)
        name = resolve_pronoun(token, people, chained) if token.lower_ in PRONOUN_GENDER else None
        ref = SpeakerRef(name, "person", mention.written) if name else None
        return _Resolved(ref, mention.written, attribution.cue, confidence if ref else 0.0)
    if attribution.signed:
        mention = _signed_mention(mention, attribution.signed)
    if mention.kind == "organization" and people.knows(mention.name):
        mention = replace(mention, kind="person")
    elif (
        mention.kind == "nominal" and mention.name == token.text and _named_elsewhere(token, people)
    ):
        mention = replace(mention, name=token.text, kind="person")
    if mention.kind == "nominal":
        principal = _principal(token, people)
        if principal is not None:
            mention = replace(mention, name=principal, kind="person")
    if mention.kind == "nominal":
        named = resolve_description(token, people)
        if named is not None:
            mention = replace(mention, name=named.name, kind=named.kind)
    speaking = _speaking(token, mention, people)
    if speaking is None:
        return _Resolved(None, mention.written, attribution.cue, 0.0)
    token, mention = speaking
    if mention.kind == "person":
        name = people.add_speaker(mention.name, token.i, mention.gender, mention.role)
        ref = SpeakerRef(name, "person", mention.written, mention.role)
    else:
        ref = SpeakerRef(mention.name, mention.kind, mention.written, mention.role)
    return _Resolved(ref, mention.written, attribution.cue, confidence)


def _signed_mention(mention: Mention, signed: str) -> Mention:
    """The speaker a transcript label or a post's signature writes out: "KATE BOULDUAN" is a
    person, "Port of Halden" an organisation the parse cut short. No role: what the parser
    hangs on a label as an apposition is the first words of the turn."""
    if mention.kind == "person" and not mention.name.isupper():
        return replace(mention, role=None)
    if signed.isupper():
        return replace(mention, name=signed.title(), written=signed, kind="person", role=None)
    return replace(mention, name=signed, written=signed, kind="organization", role=None)


def _speaking(token: Token, mention: Mention, people: People) -> tuple[Token, Mention] | None:
    """The mention that speaks: a text's author when its phrase names one ("the IMF's report"
    is the IMF), the person a description is about, None for what cannot speak (a number, a
    date, a place, a thing)."""
    if is_date(token) or (mention.kind != "person" and is_place(token)):
        return None
    if mention.kind != "nominal":
        return token, mention
    author = text_author(token)
    if author is not None:
        named = mention_for(author)
        if named is not None and named.kind != "pronoun":
            return author, replace(named, written=mention.written)
    issuer = issuer_of(token, people) if token.lemma_.lower() in TEXT_NOUNS else None
    if issuer is not None:
        return token, replace(mention, name=issuer.name, kind=issuer.kind)
    head = speaking_head(token)
    if head is None:
        return None
    if head.i == token.i:
        return token, mention
    described = mention_for(head)
    return (head, described) if described is not None and described.kind != "pronoun" else None


def _named_elsewhere(token: Token, people: People) -> bool:
    """ "Reid: 'Never underestimate him'": a capitalised word the parser did not take for a
    name (headlines fool it) is the person the article names that way elsewhere."""
    return (token.is_title or token.is_upper) and people.knows(token.text)


def _principal(token: Token, people: People) -> str | None:
    """ "Powell's office said": a statement from a named person's office is that person's."""
    if token.lemma_.lower() != "office":
        return None
    for child in token.lefts:
        if (
            child.dep_ in ("poss", "compound")
            and child.pos_ == "PROPN"
            and people.knows(child.text)
        ):
            return child.text
    return None


def _cue_follows(layout: DocLayout, index: int) -> bool:
    """“…,” she said: a quote right before its cue is a whole statement."""
    span = layout.spans[index]
    text = layout.text
    after = text[span.outer_end : span.outer_end + 1]
    return span.close_end is not None and (text[span.end - 1] == "," or after == ",")


def _context(layout: DocLayout, first: int, last: int) -> str:
    if last <= first:
        return ""
    start = layout.sentences[layout.sentence_of[first]].start_char
    end = layout.sentences[layout.sentence_of[last - 1]].end_char
    text = layout.text[start:end].strip()
    return text if len(text) <= _CONTEXT_CHARS else text[: _CONTEXT_CHARS - 1] + "…"

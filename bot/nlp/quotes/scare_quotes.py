"""Scare quotes: a fragment in quotation marks that nobody is reported as saying.

"Called the plan a “costly detour”" quotes someone; "a prosecutor entrusted to investigate
“collusion”" and "when the “reset” failed" are the writer holding a word at a distance. The
difference is in the parse: a partial quote sits under a reporting verb (or the clause
"according to" qualifies), a scare quote in a clause of the writer's own (a participle that
describes a thing, a condition or a time), whatever reporting verb the sentence has elsewhere.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from bot.nlp.quotes.cues import speech_cues
from bot.nlp.quotes.layout import DocLayout


def fragment_not_reported(layout: DocLayout, index: int, cue_token: int | None) -> str | None:
    """Why a fragment (not a whole statement) is the writer's own words, or None.

    A fragment is someone's partial quote when a cue of its sentence reports it: the fragment
    sits under a reporting verb ("called the plan a “costly detour”", "said it was “fully”
    ready"), in the clause "according to" qualifies, or in a list with such a fragment
    ("a “liar,” a “bully” and a “narcissist”"). Inside a clause that only modifies something
    ("a prosecutor entrusted to investigate “collusion”", "when the “reset” failed") it is the
    writer's scare quote or term, whatever verb the sentence has elsewhere.
    """
    first, last = layout.token_ranges[index]
    if cue_token is None or last <= first or first <= cue_token < last:
        return None
    if layout.paragraph_of(layout.spans[index].open_at) == 0:
        return None  # a headline's fragment stands for the story's quote, which comes later
    cue = layout.doc[cue_token]
    if cue.lower_ == "according" or cue.pos_ == "NOUN" or _in_a_list(layout, index):
        return None
    if _reported_by(layout, first, last, cue) or reported(layout, index):
        return None
    return "scare quotes or a term"


def reported(layout: DocLayout, index: int) -> bool:
    """Whether some reporting verb of the quote's sentence governs it ("Trump called her “…”
    and “…”", "references to her as “…”")."""
    first, last = layout.token_ranges[index]
    if last <= first:
        return False
    sentence = layout.doc[first].sent
    p_start, p_end = layout.paragraph_bounds(layout.spans[index].open_at)
    frame = layout.free_tokens(sentence.start, sentence.end, p_start, p_end)
    return any(_reported_by(layout, first, last, cue) for cue in speech_cues(frame))


def _in_a_list(layout: DocLayout, index: int) -> bool:
    """ "a “liar,” a “bully” and a “narcissist”": quoted fragments listed one after another."""
    text = layout.text
    for other in (index - 1, index + 1):
        if not 0 <= other < len(layout.spans):
            continue
        left, right = sorted((layout.spans[index], layout.spans[other]), key=lambda s: s.open_at)
        if left.close_end is None:
            continue
        between = text[left.close_end : right.open_at]
        if len(between) <= 8 and _FRAGMENT_JOIN.fullmatch(between):
            return True
    return False


_FRAGMENT_JOIN = re.compile(r"\s*,?\s*(?:(?:and|or)\s+)?(?:(?:a|an|the)\s+)?")


def _reported_by(layout: DocLayout, first: int, last: int, cue: Token) -> bool:
    """Whether climbing from the fragment reaches the cue (or the clause the cue hangs on)
    before it leaves through a modifying clause."""
    targets = {cue.i}
    if cue.dep_ in _ATTACHED_CUE_DEPS or _as_put_it(cue):
        targets.add(cue.head.i)  # "X, he said, can “…”"
    node = inner_root(layout, first, last)
    while node.head.i != node.i:
        if node.head.i in targets:
            return True
        if _modifying_clause(node) and node.i not in layout.quoted:
            return False
        node = node.head
    return node.i in targets or 0 <= cue.i - last <= _TRAILING_CUE_REACH


_TRAILING_CUE_REACH = 3
"""“…,” he said: a cue right after the fragment reports it however the parse hangs it."""
_ATTACHED_CUE_DEPS = frozenset({"parataxis"})
_CONDITIONS = frozenset("if when whenever unless until once whether".split())  # noqa: SIM905


def _modifying_clause(verb: Token) -> bool:
    """A participle that describes a thing ("a prosecutor entrusted to …") or a clause that
    sets a condition or a time ("if Putin would give …", "when the plan failed"): the writer's
    own framing. A reason, a purpose or a content clause ("because there is …", "to take …",
    "evidence that she was …", "a man who is …") may still be what was said."""
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    if verb.dep_ == "acl":  # a content clause: "evidence that she was …", "the need to …"
        return not any(c.dep_ == "mark" or c.lower_ == "to" for c in verb.children)
    return verb.dep_ == "advcl" and any(
        c.dep_ in ("mark", "advmod") and c.lower_ in _CONDITIONS for c in verb.children
    )


def _as_put_it(cue: Token) -> bool:
    """ "As Simonyan put it, RT is “…”": the cue hangs on the clause it reports."""
    return cue.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in cue.children)


def inner_root(layout: DocLayout, first: int, last: int) -> Token:
    """The head word of the quoted words themselves, marks left out."""
    words = [t for t in layout.doc[first:last] if not t.is_quote and not t.is_punct] or list(
        layout.doc[first:last]
    )
    inside = {t.i for t in words}
    for token in words:
        if token.head.i not in inside or token.head.i == token.i:
            return token
    return words[0]

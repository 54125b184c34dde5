"""A source who relays someone's words is not the speaker of them.

"He called the office and said, “…,” the prosecutor's office said": the office reports the
call, the caller said the words. "Lawmakers laughed when he told voters, “…”": the words are
his. When a reporting verb opens the quote itself ("said, “…”", "told voters: “…”") and its
speaker differs from the cue the quote was first given to, the verb that frames the quote wins.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from bot.nlp.quotes.attribute import Attribution
from bot.nlp.quotes.cues import SPEECH_VERBS, cue_text
from bot.nlp.quotes.layout import DocLayout

_FRAME_PUNCT = frozenset({",", ":"})
_OBJECT_DEPS = frozenset({"dobj", "dative", "pobj"})


def framed_speaker(layout: DocLayout, index: int, found: Attribution | None) -> Attribution | None:
    """The attribution of quote ``index``, given to the verb that frames the quote when that
    verb has a speaker of its own other than ``found``'s."""
    if found is None or found.speaker_token is None or found.inherit_from is not None:
        return found
    if found.method == "label":
        return found  # "Cruz: Trump Would Put …, ‘…’": the label names the speaker
    first, _ = layout.token_ranges[index]
    verb = _framing_verb(layout, first)
    if verb is None or verb.i == found.cue_token:
        return found
    speaker = _own_subject(verb)
    if speaker is None or speaker in layout.quoted or _same_name(layout, speaker, found):
        return found
    if layout.token_paragraph[speaker] != layout.token_paragraph[verb.i]:
        return found
    return replace(found, cue=cue_text(verb), cue_token=verb.i, speaker_token=speaker)


def _same_name(layout: DocLayout, speaker: int, found: Attribution) -> bool:
    """Whether the two speaker tokens are one name ("Suu" and "Kyi")."""
    old = found.speaker_token
    if old is None or speaker == old:
        return True
    doc = layout.doc
    return doc[speaker].head.i == old or doc[old].head.i == speaker


def _framing_verb(layout: DocLayout, first: int) -> Token | None:
    """The reporting verb right before a quote's opening mark and its comma or colon:
    "said, “", "told voters: “"."""
    doc = layout.doc
    at = first - 1
    if at < 1 or doc[at].text not in _FRAME_PUNCT or at - 1 in layout.quoted:
        return None
    before = doc[at - 1]
    if _speech_verb(before):
        return before
    if before.dep_ in _OBJECT_DEPS:
        verb = before.head if before.dep_ != "pobj" else before.head.head
        if _speech_verb(verb) and verb.i >= at - 4:
            return verb
    return None


def _own_subject(verb: Token) -> int | None:
    """The subject the framing verb itself names ("he said, “…”", "he asked … and said, “…”"),
    never one reached through a parse that hangs the verb elsewhere."""
    shared = verb.dep_ == "conj" and _speech_verb(verb.head)  # "asked … and said, “…”"
    for clause in (verb, verb.head) if shared else (verb,):
        for child in clause.children:
            if child.dep_ == "nsubj" and (
                child.lower_ in _PERSONAL or child.pos_ == "PROPN" or child.ent_type_
            ):
                return child.i
    return None


_PERSONAL = frozenset({"he", "she", "they", "we", "i", "it"})
"""Personal pronouns; "which" in "the caption which reads, “…”" is no speaker."""


def _speech_verb(token: Token) -> bool:
    return token.pos_ == "VERB" and token.lemma_.lower() in SPEECH_VERBS

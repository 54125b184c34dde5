"""The reporting verb right before a quote: "…, he asked about the plan and said, “…”".

Its clause runs up to the comma or colon before the opening mark, so it introduces the quote
whatever a later clause or an outer verb says; read on the tokens just before the quote
because the parser often hangs the quote on the wrong verb.
"""

from __future__ import annotations

from spacy.tokens import Token

from bot.nlp.quotes.cues import speaker_of, speech_cues
from bot.nlp.quotes.layout import DocLayout

_INTRO_REACH = 8
"""Words a reporting verb's own complements may take between it and the quote it introduces
("told reporters on Monday, “…”")."""
_INTRO_TAGS = frozenset({"VBD", "VBZ", "VBP", "VB"})
"""Finite verbs only: a participle ("…, adding, “…”") belongs to its main clause's subject,
which the governing-cue search already finds."""


def introducing_cue(layout: DocLayout, first: int, p_start: int) -> tuple[Token, int] | None:
    """ "…, he asked about the plan and said, “…”, the office said": the reporting verb whose
    clause runs up to the comma or colon before a quote introduces it, whatever a later clause
    ("the office said") or an outer verb the parser hung the quote on ("Audience members
    laughed when he urged voters, “…”") says. Participles ("Asked about it, “…”", "…,
    adding, “…”") introduce nobody of their own."""
    doc = layout.doc
    at = first - 1
    if at < 0 or doc[at].text not in (",", ":") or doc[at].idx < p_start:
        return None
    sentence_start = layout.sentences[layout.sentence_of[first]].start
    for i in range(at - 1, max(sentence_start, at - 1 - _INTRO_REACH) - 1, -1):
        token = doc[i]
        if i in layout.quoted or token.idx < p_start or token.text in (".", ";", "!", "?"):
            return None
        if token.pos_ not in ("VERB", "AUX"):
            continue
        if not _introduces(token):
            return None
        speaker = speaker_of(token, layout.quoted)
        if speaker is None or layout.token_paragraph[speaker] != layout.token_paragraph[i]:
            return None
        if doc[speaker].lower_ in _NOT_SPEAKING_PRONOUNS or doc[speaker].head.lower_ == "by":
            return None  # "said it was too early but added, “…”": the parse lost the subject
        return token, speaker
    return None


_NOT_SPEAKING_PRONOUNS = frozenset({"it", "this", "that", "there", "which", "what"})
_THINKING = frozenset({"believe", "think", "feel", "hope", "fear", "worry"})
"""Reporting verbs of thought: "people who feel that way, “…”" does not introduce a quote."""


def _introduces(verb: Token) -> bool:
    """A reporting verb that can introduce the quote after it: not a thought, not a verb of a
    relative clause describing someone else ("some people who say so, “…”")."""
    return (
        verb.pos_ == "VERB"
        and verb.tag_ in _INTRO_TAGS
        and verb.dep_ not in ("relcl", "acl")
        and verb.lemma_.lower() not in _THINKING
        and bool(speech_cues([verb]))
    )

"""Can a sentence stand alone? The text-only checks the summary rules and the scorer share.

A brief is read without the article around it, so every sentence in it must make sense on its
own, or follow the sentence it leans on. These checks read the sentence's text only (no parse),
because the summary rules run again on a stored ranking, long after the parse is gone.
"""

from __future__ import annotations

import re

DANGLING_OPENERS = frozenset(
    {
        "he", "she", "they", "it", "this", "that", "these", "those", "his", "her", "hers",
        "their", "its", "him", "them", "but", "however", "also", "and", "or", "so", "yet",
        "still", "meanwhile", "moreover", "furthermore", "instead", "then", "nevertheless",
        "nonetheless", "thus", "therefore", "besides", "otherwise", "likewise", "similarly",
        "additionally", "such", "both", "another", "plus", "again", "later", "there",
        "here", "hence", "accordingly", "consequently", "regardless", "anyway", "after",
        "afterwards", "earlier", "indeed", "overall", "elsewhere", "too", "nor",
    }
)  # fmt: skip
"""First words that point back at something said before (a person, an event, an argument)."""

_FIRST_WORD = re.compile(r"[^\w]*(\w+)")
_DETERMINERS = frozenset({"the", "this", "that", "these", "those", "such"})
_INTRODUCING = frozenset(
    {
        "of", "in", "for", "from", "at", "on", "with", "who", "whom", "whose", "which", "that",
        "to", "by", "behind", "between", "and", "or", "named", "called", "known", "dubbed",
        "led", "run", "owned", "based", "near", "under", "over", "across", "against", "like",
    }
)  # fmt: skip
"""Words after a definite description that go on to say which one is meant ("The man who …",
"The group stage of qualifying …")."""
_NOUN_PHRASE_WORDS = 3
_FINITE_VERBS = frozenset(
    {
        "is", "are", "was", "were", "has", "have", "had", "will", "would", "could", "can", "may",
        "might", "should", "must", "did", "does", "do", "said", "says", "found", "told", "made",
        "took", "came", "went", "gave", "saw", "got", "put", "set", "led", "left", "met", "won",
        "lost", "began", "became", "brought", "held", "kept", "knew", "thought", "sold", "shows",
        "show", "showed", "he", "she", "they", "we", "it", "remains", "seems", "appears",
    }
)  # fmt: skip
"""The verb (or a pronoun subject) that ends a bare description: "The option was …"."""
_WORD = re.compile(r"[\w'’-]+|[,;:]")
_PURPOSE_CLAUSE = re.compile(r"^To \w+ [^,]*\b(?:the|this|these|those)\b[^,]*,")
""""To uncover the effects of the changes, …": a purpose clause about something named before."""
_OWN_TIME = re.compile(
    r"(?:This|That|These|Those|Later|Earlier) (?:year|week|month|morning|afternoon|evening|"
    r"night|season|summer|winter|spring|autumn|fall|weekend|time|decade|century)s?\b"
    r"|(?:Later|Earlier|Then) (?:on )?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
    r"Sunday|today|this|that|in|on)\b"
)
_OPENING_MARKS = "\"“‘'«"
_CLOSING_MARKS = "\"”’'»"
_SPEECH_OUTSIDE = re.compile(
    r"\b(?:said|says|say|told|tells|asked|added|wrote|writes|tweeted|according to|explained|"
    r"insisted|argued|warned|declared|announced|stated)\b",
    re.IGNORECASE,
)


def first_word(text: str) -> str:
    match = _FIRST_WORD.match(text)
    return match.group(1).lower() if match else ""


def points_back(text: str) -> bool:
    """Opens on a pronoun or a connective ("He said …", "But …", "Yet she …").

    "This year" and "That night" name their own time and point back at nothing.
    """
    if _OWN_TIME.match(text.lstrip(_OPENING_MARKS)):
        return False
    return first_word(text) in DANGLING_OPENERS


def opens_on_definite(text: str) -> bool:
    """Opens on a bare definite description ("The option …", "The tech giant …").

    A bare definite description as the subject refers to something named before; one with a
    modifier ("The group stage of qualifying …", "The man who …") or a proper name ("The United
    States", "The equity benchmark Sensex") says itself which one is meant.
    """
    stripped = text.lstrip(_OPENING_MARKS + " ")
    if _PURPOSE_CLAUSE.match(stripped):
        return True
    words = _WORD.findall(stripped)
    if len(words) < 3 or words[0].lower() not in _DETERMINERS or not words[0][:1].isupper():
        return False
    for word in words[1 : 2 + _NOUN_PHRASE_WORDS]:
        lower = word.lower()
        if word[:1].isupper() or word[:1].isdigit():
            return False  # A name: "The United States", "The equity benchmark Sensex".
        if lower in _INTRODUCING or word in {",", ";", ":"} or lower.endswith("ing"):
            return False
        if lower in _FINITE_VERBS or (lower.endswith("ed") and word != words[1]):
            return True
    return False


def is_question(text: str) -> bool:
    return text.rstrip(_CLOSING_MARKS + " )").endswith("?")


def is_bare_quote(text: str) -> bool:
    """Quoted words with nobody saying them: the speaker, if anywhere, is in the next sentence."""
    stripped = text.strip()
    if not stripped or stripped[0] not in _OPENING_MARKS:
        return False
    closing = max(stripped.rfind(mark) for mark in _CLOSING_MARKS)
    outside = stripped[closing + 1 :] if closing > 0 else ""
    return not _SPEECH_OUTSIDE.search(outside)


def has_unbalanced_quote(text: str) -> bool:
    """A quote opened and not closed, or closed without opening: a piece of a longer quote."""
    straight = text.count('"') % 2 == 1
    return straight or text.count("“") != text.count("”")


def needs_context(text: str) -> bool:
    """True when a reader of this sentence alone would ask "who?", "which?" or "what before?"."""
    return (
        points_back(text)
        or opens_on_definite(text)
        or is_question(text)
        or has_unbalanced_quote(text)
        or text.lstrip()[:1].islower()
    )

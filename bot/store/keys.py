"""The normalised keys the store looks things up by: content hashes, name keys, quote words.

Lookups must not depend on how a text was typed or pasted: the same article with other line
breaks is the same article, "Dr. José Ortiz" and "dr jose ortiz" are the same name, and a line
remembered with straight quotes matches one printed with curly ones.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'"})


def content_hash(text: str) -> str:
    """SHA-256 of the text with Unicode normalised (NFC) and every run of whitespace one space.

    ``str.split`` and the regex ``\\s`` know the same whitespace (``str.isspace``), so this is
    ``re.sub(r"\\s+", " ", text).strip()``, five times faster: it runs on every request.
    """
    normalised = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def fold(text: str) -> str:
    """Case-folded, accent-free text with one kind of apostrophe."""
    text = text.translate(_APOSTROPHES)
    if text.isascii():
        return text.casefold()  # nothing to decompose; linking a scope's names folds thousands
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def words(text: str) -> list[str]:
    """The words of ``text``, folded, without quote marks or punctuation ("don't" stays whole)."""
    return _WORD.findall(fold(text))


def plain(text: str) -> str:
    """``text`` as its folded words joined by single spaces: what fuzzy matching compares."""
    return " ".join(words(text))


def name_key(name: str) -> str:
    """The key a speaker name or alias is stored and looked up by."""
    return plain(name)


NAME_SUFFIXES = ("jr", "sr", "ii", "iii", "iv")


def surname_key(name: str) -> str:
    """The key a speaker is found by when linking names across articles: the last word of its
    name key, or the word before a suffix ("carl brandt jr" → "brandt"). The store computes
    the same for every stored speaker (the ``surname_key`` column of migration 0007)."""
    folded = name_key(name).split()
    if len(folded) > 1 and folded[-1] in NAME_SUFFIXES:
        folded.pop()
    return folded[-1] if folded else ""

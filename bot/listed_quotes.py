"""Which quotes a digest lists without a speaker: statements nobody was found to have said.

The who-said-what lists of the terminal digest and the Discord pages both end with the quotes
no speaker was found for. Titles, names, terms and scare quotes (kind ``other``) are nobody's
words and are never listed there, and words quoted twice are listed once (a repeat of words
already listed under their speaker is not listed again). Kept out of ``bot.nlp`` so both faces
can use it without loading spaCy.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from bot.models import Quote


def unattributed_quotes(
    quotes: Sequence[Quote], unnamed_speakers: Collection[str] = ()
) -> list[Quote]:
    """The statements and fragments without a speaker, each of them once, in article order.

    ``unnamed_speakers`` are speaker names the engine marks unknown ("the message"): a face
    that never shows them as a heading lists their quotes here instead.
    """

    def speaks(quote: Quote) -> bool:
        return bool(quote.speaker) and quote.speaker not in unnamed_speakers

    spoken = {q.text.strip().lower() for q in quotes if speaks(q) and q.kind != "other"}
    seen: set[str] = set()
    found: list[Quote] = []
    for quote in quotes:
        key = quote.text.strip().lower()
        if quote.kind != "other" and not speaks(quote) and key not in seen | spoken:
            seen.add(key)
            found.append(quote)
    return found

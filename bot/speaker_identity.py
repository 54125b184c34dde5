"""One person, one name across a scope's articles: "President Trump" is "Donald Trump".

The engine resolves names within one article. Across articles the store keeps each article's
canonical name, so an article that only ever wrote "President Trump" (or "Mr. Okafor") would
list a second person next to the "Donald Trump" of another article. This module decides, from
the names a scope has quoted and nothing else, which of them are one person and which name to
show for that person: pure data in, a mapping out, so every driver behind ``Store`` and every
face gets the same answer.

The rules, careful on purpose (a wrong merge puts words in someone else's mouth):

- Titles and honorifics before a name ("President", "Sen.", "Dr.", "Mr.") are set aside before
  names are compared; suffixes ("Jr.") are part of who someone is.
- A shorter name links to a fuller one only when it is a shortening of it: the same surname,
  and its given names (if any) agree with the fuller name's, initials included ("D. Trump",
  "Donald J. Trump").
- It links only when exactly one fullest person in the scope fits. "Okafor" (or "Mr. Okafor")
  stays apart when both "Nate Okafor" and "Ruth Okafor" were quoted; a bare surname with one
  full-name candidate links to it.
- Only people are linked; organisations and descriptions ("an insider") keep their own names.

Callers pass only one scope's names (``Store.scope_speakers``), so nothing links across scopes.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from bot.store.keys import NAME_SUFFIXES, name_key, words
from bot.store.records import SpeakerTally

TITLES = frozenset(
    """
    mr mrs ms miss mx mister sir dame lady lord dr doctor prof professor rev reverend hon
    president pres vice prime minister premier chancellor secretary senator sen sens rep reps
    representative congressman congresswoman governor gov mayor deputy speaker judge justice
    chief general gen lt col maj capt sgt adm cpl pvt commissioner sheriff ambassador attorney
    director chairman chairwoman chair ceo king queen prince princess pope cardinal bishop
    father sister brother rabbi imam sheikh coach former acting the state of
    """.split()  # noqa: SIM905
)
"""Words written before a name that are not part of it. The engine keeps its own list for
parsing (``bot.nlp.quotes.names``); this one only compares stored names, without spaCy."""

GENDERED_HONORIFICS = {
    "mr": "male", "mister": "male", "sir": "male", "lord": "male",
    "mrs": "female", "ms": "female", "miss": "female", "dame": "female", "lady": "female",
}  # fmt: skip
SUFFIXES = frozenset(NAME_SUFFIXES)
PARTICLES = frozenset(
    "de da di del della van von der den du la le bin ibn al el dos das ter ten st".split()  # noqa: SIM905
)
_INITIALS = re.compile(r"^(?:[A-Z]\.?)+$")


@dataclass(frozen=True)
class PersonName:
    """A person's name reduced to what identifies them: given names, surname, suffix."""

    given: tuple[str, ...]
    """Folded given names, particles left out; an initial is a one-letter entry."""
    surname: str
    suffix: str = ""
    titled: bool = False
    """The name as written had a title or honorific before it."""
    gender: str | None = None
    """What a gendered honorific ("Mr.", "Ms.") before the name states."""

    @functools.cached_property
    def key(self) -> str:
        return " ".join((*self.given, self.surname, self.suffix)).strip()

    @functools.cached_property
    def fullness(self) -> tuple[int, int]:
        return len(self.given), sum(map(len, self.given))


def person_name(name: str) -> PersonName | None:
    """The identifying parts of a person's name, or ``None`` when it does not look like one
    (a description such as "a senior official", or nothing left after the titles).

    Everything up to the last title word goes ("Finance Minister Ana Lindqvist", "Secretary
    of State …"), as long as a name is left after it.
    """
    tokens = name.replace(",", " ").split()
    folded = [_folded(t) for t in tokens]
    suffix = ""
    if len(tokens) > 1 and folded[-1] in SUFFIXES:
        suffix, tokens, folded = folded[-1], tokens[:-1], folded[:-1]
    last_title = max((i for i, f in enumerate(folded[:-1]) if f in TITLES), default=-1)
    titles = folded[: last_title + 1]
    tokens, folded = tokens[last_title + 1 :], folded[last_title + 1 :]
    if not tokens or (len(tokens) == 1 and folded[0] in TITLES):
        return None
    if not all(map(_name_like, tokens, folded)) or not tokens[-1][:1].isupper():
        return None
    given = tuple(
        f[:1] if _INITIALS.match(t) else f
        for t, f in zip(tokens[:-1], folded[:-1], strict=True)
        if f not in PARTICLES
    )
    if not folded[-1] or not all(given):
        return None
    gender = next((GENDERED_HONORIFICS[t] for t in titles if t in GENDERED_HONORIFICS), None)
    return PersonName(given, folded[-1], suffix, bool(titles), gender)


@functools.lru_cache(maxsize=65536)
def _folded(token: str) -> str:
    """A token's folded words joined by hyphens ("Smith-Jones" → "smith-jones"); cached, as
    a scope's names repeat their given names and titles thousands of times."""
    return "-".join(words(token))


def _name_like(token: str, folded: str) -> bool:
    """A capitalised word, an initial or a particle ("de", "van", "al-")."""
    return token[:1].isupper() or folded.split("-")[0] in PARTICLES


def is_shortening(short: PersonName, full: PersonName) -> bool:
    """``short`` could name the same person as ``full``, with no more given names than it."""
    if short.surname != full.surname or (short.suffix and short.suffix != full.suffix):
        return False
    if not short.given:
        return True
    if short.suffix != full.suffix or not full.given or len(short.given) > len(full.given):
        return False
    if not _same_given(short.given[0], full.given[0]):
        return False
    rest = iter(full.given[1:])
    return all(any(_same_given(g, other) for other in rest) for g in short.given[1:])


def _same_given(one: str, other: str) -> bool:
    if len(one) == 1 or len(other) == 1:
        return one[0] == other[0]
    return one == other


class SpeakerIdentities:
    """Which of a scope's speaker names are one person, and the name shown for each."""

    def __init__(self, shown: dict[str, str], spelled: dict[str, str]) -> None:
        self._shown = shown
        # By each known spelling too, so the store's own names need no folding.
        self._spelled = spelled

    def shown(self, name: str | None) -> str | None:
        """The name to show for ``name`` (itself when nothing links it)."""
        if not name:
            return name
        if name in self._spelled:
            return self._spelled[name]
        return self._shown.get(name_key(name), name)

    def names_of(self, name: str) -> list[str]:
        """Every known name (name keys) that is shown as the same person as ``name``."""
        person = self.shown(name)
        return [key for key, shown in self._shown.items() if shown == person]

    def most_quoted(self, tallies: Iterable[SpeakerTally], limit: int) -> list[tuple[str, int]]:
        """``(shown name, quotes)`` of ``tallies`` summed over each person's names, most
        quoted first (ties by name)."""
        totals: dict[str, int] = {}
        for tally in tallies:
            person = self.shown(tally.name) or tally.name
            totals[person] = totals.get(person, 0) + tally.quotes
        return sorted(totals.items(), key=lambda item: (-item[1], item[0]))[:limit]


def link_speakers(known: Iterable[SpeakerTally]) -> SpeakerIdentities:
    """Link one scope's speaker names to the fullest name of the person they stand for."""
    spellings: dict[str, SpeakerTally] = {}
    counts: dict[str, int] = {}
    keys: dict[str, str] = {}
    for speaker in known:
        key = keys[speaker.name] = name_key(speaker.name)
        if key:
            spellings.setdefault(key, speaker)
            counts[key] = counts.get(key, 0) + speaker.quotes
    people = {
        key: parsed
        for key in _maybe_linked(spellings)
        if spellings[key].kind == "person"
        and (parsed := person_name(spellings[key].name)) is not None
    }
    target = _targets(people)
    members: dict[tuple[str, str], list[str]] = {}
    for key in spellings:
        group = ("person", target[key]) if key in target else ("own", key)
        members.setdefault(group, []).append(key)
    shown = {}
    for group in members.values():
        if len(group) == 1:
            shown[group[0]] = spellings[group[0]].name
            continue
        best = _best_spelling(group, spellings, counts, people)
        shown.update((key, best) for key in group)
    spelled = {name: shown[key] for name, key in keys.items() if key}
    return SpeakerIdentities(shown, spelled)


def _maybe_linked(spellings: dict[str, SpeakerTally]) -> list[str]:
    """The name keys that might link, picked on their words before any name is parsed.

    A name can only link to another of the same last word, and only if one of them is
    shorter than its full form (one word, an initial, a title or a particle in it) or the two
    start alike ("Donald Trump", "Donald J. Trump"). Most of a large scope's names are full
    names with a surname of their own, and are left as they are without parsing.
    """
    by_word: dict[str, list[tuple[str, list[str]]]] = {}
    for key in spellings:
        words_of = key.split()
        if len(words_of) > 1 and words_of[-1] in SUFFIXES:
            words_of.pop()
        by_word.setdefault(words_of[-1], []).append((key, words_of))
    picked = []
    for named in by_word.values():
        firsts = [words_of[0] for _, words_of in named]
        if len(named) > 1 and (
            len(set(firsts)) < len(firsts) or any(_short_form(w) for _, w in named)
        ):
            picked.extend(key for key, _ in named)
    return picked


def _short_form(words_of: list[str]) -> bool:
    """One word, or a word that is an initial, a title or a particle."""
    return len(words_of) == 1 or any(
        len(word) == 1 or word in TITLES or word in PARTICLES for word in words_of
    )


def _targets(people: dict[str, PersonName]) -> dict[str, str]:
    """Each person's name key → the key of its group (the fullest core it links to)."""
    cores: dict[str, PersonName] = {}
    genders: dict[str, set[str]] = {}
    by_surname: dict[str, list[str]] = {}
    for parsed in people.values():
        if parsed.key not in cores:
            cores[parsed.key] = parsed
            by_surname.setdefault(parsed.surname, []).append(parsed.key)
        if parsed.gender:
            genders.setdefault(parsed.key, set()).add(parsed.gender)
    fuller = {
        core: [
            other
            for other in by_surname[parsed.surname]
            if cores[other].fullness > parsed.fullness and is_shortening(parsed, cores[other])
        ]
        for core, parsed in cores.items()
    }
    target = {}
    for key, parsed in people.items():
        fullest = {c for c in fuller[parsed.key] if not fuller[c]}
        if len(genders.get(parsed.key, ())) > 1:
            continue  # "Mr." and "Ms." of one surname: two people, whichever full name fits
        if len(fullest) == 1:
            target[key] = next(iter(fullest))
        elif not fullest:
            target[key] = parsed.key
        # Several candidates ("Mr. Okafor" among two Okafors): the name stays its own.
    return target


def _best_spelling(
    group: list[str],
    spellings: dict[str, SpeakerTally],
    counts: dict[str, int],
    people: dict[str, PersonName],
) -> str:
    """The fullest spelling of a group; untitled before titled, then the most quoted."""

    def rank(key: str) -> tuple[int, int, bool, int, str]:
        parsed = people.get(key)
        given, letters = parsed.fullness if parsed else (0, 0)
        titled = parsed.titled if parsed else False
        return (-given, -letters, titled, -counts[key], spellings[key].name)

    return spellings[min(group, key=rank)].name

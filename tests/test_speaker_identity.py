"""Linking a scope's speaker names: one person, one name, and never a guess between two."""

from __future__ import annotations

import pytest

from bot.speaker_identity import KnownSpeaker, link_speakers, person_name


def _shown(*names: str | KnownSpeaker) -> dict[str, str | None]:
    known = [n if isinstance(n, KnownSpeaker) else KnownSpeaker(n, quotes=1) for n in names]
    identities = link_speakers(known)
    return {k.name: identities.shown(k.name) for k in known}


@pytest.mark.parametrize(
    "short", ["President Okonjo", "Okonjo", "Mr. Okonjo", "Sen. Okonjo", "Dr. Okonjo"]
)
def test_a_titled_or_bare_surname_links_to_the_one_full_name(short: str) -> None:
    assert _shown("Bayo Okonjo", short)[short] == "Bayo Okonjo"


def test_a_surname_shared_by_two_full_names_links_to_neither() -> None:
    shown = _shown("Nate Okafor", "Ruth Okafor", "Mr. Okafor", "Okafor")
    assert shown == {
        "Nate Okafor": "Nate Okafor",
        "Ruth Okafor": "Ruth Okafor",
        "Mr. Okafor": "Mr. Okafor",
        "Okafor": "Okafor",
    }


def test_a_middle_initial_is_the_fuller_name_of_the_same_person() -> None:
    shown = _shown("Marisol Vega", "Marisol K. Vega", "Vega", "M. Vega")
    assert set(shown.values()) == {"Marisol K. Vega"}


def test_an_initial_that_fits_two_people_links_to_neither() -> None:
    shown = _shown("Jonas Hale", "Judith Hale", "J. Hale")
    assert shown["J. Hale"] == "J. Hale"


def test_father_and_son_stay_two_people() -> None:
    shown = _shown("Carl Brandt", "Carl Brandt Jr.", "Brandt")
    assert shown == {"Carl Brandt": "Carl Brandt", "Carl Brandt Jr.": "Carl Brandt Jr.",
                     "Brandt": "Brandt"}  # fmt: skip


def test_titled_and_bare_forms_of_one_surname_are_one_person_without_a_full_name() -> None:
    shown = _shown("Governor Tamsin", "Tamsin")
    assert shown == {"Governor Tamsin": "Tamsin", "Tamsin": "Tamsin"}


def test_mr_and_ms_of_one_surname_stay_apart_without_a_full_name() -> None:
    shown = _shown("Mr. Ferreira", "Ms. Ferreira")
    assert shown == {"Mr. Ferreira": "Mr. Ferreira", "Ms. Ferreira": "Ms. Ferreira"}


def test_organisations_and_descriptions_are_never_linked() -> None:
    shown = _shown(
        KnownSpeaker("Harlow", kind="organization"),
        KnownSpeaker("Emma Harlow", kind="person"),
        KnownSpeaker("a senior official", kind="person"),
        KnownSpeaker("Priya Official", kind="person"),
    )
    assert shown["Harlow"] == "Harlow" and shown["a senior official"] == "a senior official"


def test_the_shown_name_prefers_the_untitled_full_spelling() -> None:
    shown = _shown("President Lena Marsh", "Lena Marsh", "Marsh")
    assert set(shown.values()) == {"Lena Marsh"}


def test_most_quoted_sums_every_name_of_a_person() -> None:
    identities = link_speakers(
        [
            KnownSpeaker("Bayo Okonjo", quotes=2),
            KnownSpeaker("President Okonjo", quotes=3),
            KnownSpeaker("Nate Okafor", quotes=4),
            KnownSpeaker("Ruth Okafor", quotes=1),
            KnownSpeaker("Okafor", quotes=1),
        ]
    )
    assert identities.most_quoted(3) == [("Bayo Okonjo", 5), ("Nate Okafor", 4), ("Okafor", 1)]
    assert sorted(identities.names_of("Bayo Okonjo")) == ["bayo okonjo", "president okonjo"]


@pytest.mark.parametrize("text", ["", "the company", "an insider", "Dr.", "s"])
def test_what_is_not_a_name_has_no_person_name(text: str) -> None:
    assert person_name(text) is None

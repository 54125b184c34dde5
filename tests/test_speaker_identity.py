"""Linking a scope's speaker names: one person, one name, and never a guess between two."""

from __future__ import annotations

import pytest

from bot.speaker_identity import link_speakers, person_name
from bot.store.records import SpeakerTally


def _shown(*names: str | SpeakerTally) -> dict[str, str | None]:
    known = [n if isinstance(n, SpeakerTally) else SpeakerTally(n, quotes=1) for n in names]
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


@pytest.mark.parametrize("full", [(), ("Lucia Ferreira",)])
def test_mr_and_ms_of_one_surname_are_two_people(full: tuple[str, ...]) -> None:
    shown = _shown("Mr. Ferreira", "Ms. Ferreira", *full)
    assert shown["Mr. Ferreira"] == "Mr. Ferreira" and shown["Ms. Ferreira"] == "Ms. Ferreira"


def test_organisations_and_descriptions_are_never_linked() -> None:
    shown = _shown(
        SpeakerTally("Harlow", kind="organization"),
        SpeakerTally("Emma Harlow", kind="person"),
        SpeakerTally("a senior official", kind="person"),
        SpeakerTally("Priya Official", kind="person"),
    )
    assert shown["Harlow"] == "Harlow" and shown["a senior official"] == "a senior official"


def test_the_shown_name_prefers_the_untitled_full_spelling() -> None:
    shown = _shown("President Lena Marsh", "Lena Marsh", "Marsh")
    assert set(shown.values()) == {"Lena Marsh"}


def test_most_quoted_sums_every_name_of_a_person() -> None:
    tallies = [
        SpeakerTally("Bayo Okonjo", quotes=2),
        SpeakerTally("President Okonjo", quotes=3),
        SpeakerTally("Nate Okafor", quotes=4),
        SpeakerTally("Ruth Okafor", quotes=1),
        SpeakerTally("Okafor", quotes=1),
    ]
    identities = link_speakers(tallies)
    assert identities.most_quoted(tallies, 3) == [
        ("Bayo Okonjo", 5),
        ("Nate Okafor", 4),
        ("Okafor", 1),
    ]
    assert sorted(identities.names_of("Bayo Okonjo")) == ["bayo okonjo", "president okonjo"]


@pytest.mark.parametrize(
    "written",
    ["Finance Minister Ana Lindqvist", "Secretary of State Ana Lindqvist", "Dr. Ana Lindqvist"],
)
def test_every_title_before_a_name_is_set_aside(written: str) -> None:
    parsed = person_name(written)
    assert parsed is not None and (parsed.given, parsed.surname) == (("ana",), "lindqvist")
    assert _shown(written, "Lindqvist")["Lindqvist"] == written


def test_a_name_that_ends_in_a_title_word_keeps_it() -> None:
    parsed = person_name("Martin Luther King Jr.")
    assert parsed is not None and parsed.surname == "king" and parsed.suffix == "jr"


@pytest.mark.parametrize("text", ["", "the company", "an insider", "Dr.", "s"])
def test_what_is_not_a_name_has_no_person_name(text: str) -> None:
    assert person_name(text) is None


def test_in_a_crowd_of_full_names_only_the_one_that_fits_links() -> None:
    crowd = [f"{first} {last}" for first in ("Ada", "Bram", "Cleo", "Dov") for last in
             ("Ferro", "Gault", "Hiltz", "Ivers", "Jolly")]  # fmt: skip
    shown = _shown(*crowd, "Cleo Hiltz", "Hiltz", "Mx. Ivers", "Dov Q. Gault", "Ferro")
    assert {name: person for name, person in shown.items() if name != person} == {
        "Dov Gault": "Dov Q. Gault"
    }

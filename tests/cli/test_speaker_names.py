"""``briefbot speakers``, ``quotes`` and ``whosaid`` show one person under the fullest name the
analysed articles gave, with the real engine: one article names the president in full, the
next only as "President Okonjo"; "Mr. Okafor" stays apart from the two Okafors named in full."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.conftest import Run

TERMINAL = """Port of Lagos expands its container terminal

The port authority on Tuesday opened a second container terminal on the lagoon, doubling the number of ships that can unload at once.

"We have waited twenty years for a berth that can take the largest ships in the world," said Bayo Okonjo, the president of the republic, at the opening ceremony.

Nate Okafor, who runs a shipping agency near the docks, said the queues had already shortened. "My trucks used to wait three days at the gate, and now they wait one," Okafor said.

Ruth Okafor, a customs officer, said the new scanners would speed up inspections. "Every container now goes through the scanner in under a minute," she said.
"""  # noqa: E501

RAIL = """New rail line to the port approved

The cabinet on Thursday approved a freight rail line from the new container terminal to the northern highway.

"Goods that sit on the quay do nothing for the farmers upcountry," President Okonjo told reporters after the meeting.

A trader at the market, Mr. Okafor, said he hoped the line would bring down the price of fertiliser. "Every bag costs me twice what it did last year," Mr. Okafor said.
"""  # noqa: E501


@pytest.fixture
def analysed(briefbot: Run, tmp_path: Path) -> Run:
    for name, text in (("terminal.txt", TERMINAL), ("rail.txt", RAIL)):
        path = tmp_path / name
        path.write_text(text)
        assert briefbot("analyze", str(path))[0] == 0
    return briefbot


def test_speakers_lists_one_person_under_the_full_name(analysed: Run) -> None:
    code, out, _ = analysed("speakers")
    assert code == 0
    listed = {line.rsplit(None, 2)[0]: line.split()[-2] for line in out.splitlines()}
    assert listed == {"Bayo Okonjo": "2", "Nate Okafor": "1", "Ruth Okafor": "1", "Okafor": "1"}


def test_a_persons_quotes_and_who_said_use_the_full_name(analysed: Run) -> None:
    code, out, _ = analysed("quotes", "--speaker", "Bayo Okonjo")
    assert code == 0
    assert "Goods that sit on the quay" in out and "We have waited twenty years" in out
    code, out, _ = analysed("whosaid", "goods that sit on the quay")
    assert code == 0 and "— Bayo Okonjo, President" in out
    code, out, _ = analysed("whosaid", "every bag costs me twice")
    assert code == 0 and "— Okafor" in out

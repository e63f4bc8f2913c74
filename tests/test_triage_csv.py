"""The triage CSV writes most lines itself, joined in C: each must be what ``csv.writer`` writes."""

from __future__ import annotations

import csv
import io
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from aipd.triage_report import _plain_line
from strategies import texts

#: Texts with what makes the csv module quote a cell (« ; », « " », line breaks), spaces at either end,
#: formula starts, accents.
cell_texts = st.one_of(
    texts(20),
    st.text(alphabet=st.sampled_from(list(" ;\"\r\n\t=+-@aé€|,'")), max_size=8),
    st.sampled_from(["", " ", ";", '"', "\n", "\r\n", "a;b", 'dit "oui"', "ligne 1\nligne 2", "'=1+1"]),
)
cells = st.lists(st.one_of(cell_texts, st.integers(-(10**6), 10**12)), max_size=20)


def _csv_module(row: list[Any]) -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerow(row)
    return out.getvalue()


@settings(max_examples=500, deadline=None)
@given(cells)
def test_a_line_written_without_the_csv_module_is_the_csv_modules(row: list[Any]) -> None:
    """Where the fast path writes a line, it is byte for byte csv.writer's; it steps aside for a
    cell that needs quotes (or anything but texts and whole numbers)."""
    line = _plain_line(row)
    if line is not None:
        assert line == _csv_module(row)
    needs_quotes = any(isinstance(v, str) and any(c in v for c in ';"\r\n') for v in row)
    if needs_quotes:
        assert line is None


def test_the_fast_path_leaves_a_lone_cell_and_other_types_to_the_csv_module() -> None:
    """A lone empty cell is written quoted by csv.writer; None, floats and booleans as it chooses."""
    assert _plain_line([""]) is None
    assert _plain_line(["a", None]) is None
    assert _plain_line(["a", 1.5]) is None
    assert _plain_line(["a", True]) is None
    assert _plain_line([1, "a", ""]) == "1;a;\r\n"

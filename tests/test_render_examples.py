"""Every example of examples/ renders, in French and English, to a document that reopens with its outline."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest

import aipd
from aipd.render.docx import build_document

EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "examples").glob("*.yaml"))
io_module = pytest.importorskip("aipd.io", reason="the YAML loader (aipd.io) is not in this tree yet")


def test_there_are_examples() -> None:
    """The examples folder is not empty (otherwise the test below proves nothing)."""
    assert len(EXAMPLES) >= 3


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_example_renders(path: Path, lang: str) -> None:
    """The example's AIPD reopens, starts with the summary and ends with the traceability annex."""
    result = aipd.assess(io_module.load(path))
    data = build_document(result, lang=lang)  # type: ignore[arg-type]
    assert data == build_document(result, lang=lang)  # type: ignore[arg-type]
    d = docx.Document(io.BytesIO(data))
    h1 = [p.text for p in d.paragraphs if p.style.name == "Heading 1"]
    assert h1[0] == ("Synthèse" if lang == "fr" else "Summary")
    assert h1[-1].startswith("Annexe 5" if lang == "fr" else "Annex 5")
    assert result.input_digest in "\n".join(c.text for t in d.tables for r in t.rows for c in r.cells)

"""docs/tutorial.ipynb runs from top to bottom, as a DPO would run it, and is stored without outputs."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "docs" / "tutorial.ipynb"


def _notebook() -> nbformat.NotebookNode:
    return nbformat.read(NOTEBOOK, as_version=4)


def test_notebook_is_stored_without_outputs() -> None:
    """Every code cell is committed cleared, so diffs show only what a person wrote."""
    nb = _notebook()
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [], f"cell {cell.id} has outputs: clear them before committing"
            assert cell.execution_count is None, f"cell {cell.id} has an execution count"


def test_notebook_runs_without_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Executed in an empty working dir with the repository's examples, no cell raises and the key outputs show."""
    monkeypatch.setenv("AIPD_EXAMPLES", str(ROOT / "examples"))
    # The kernel writes nothing outside its temporary folder: the working dir is empty and stays so.
    nb = _notebook()
    client = NotebookClient(
        nb, timeout=60, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    )
    client.execute()  # raises CellExecutionError naming the cell on any error

    def text(cell: nbformat.NotebookNode) -> str:
        parts = []
        for out in cell.outputs:
            if out.output_type == "stream":
                parts.append(out.text)
            elif "data" in out:
                parts.append(out.data.get("text/html", "") + out.data.get("text/plain", ""))
        return "".join(parts)

    outputs = {cell.id: text(cell) for cell in nb.cells if cell.cell_type == "code"}
    everything = "\n".join(outputs.values())
    assert "AIPD requise" in everything
    assert "Cartographie des risques" in everything
    assert "monitoring.systematic" in everything  # the evolved fact is reported missing, not false
    assert "aipd-cameras-augmentees.docx" in everything
    assert "Prior consultation of the CNIL" in everything  # the English section
    assert list(tmp_path.iterdir()) == []


def test_notebook_names_the_source_of_the_criteria() -> None:
    """The notebook's prose names the criteria by their text, the WP248 guidelines of the G29 (approved by
    the EDPB), not as "the EDPB's criteria", and says that the AI risks join the CNIL's feared events."""
    prose = " ".join(
        " ".join(cell.source.split()) for cell in _notebook().cells if cell.cell_type == "markdown"
    )
    assert "critères du CEPD" not in prose
    assert "lignes directrices WP248" in prose
    assert "risques propres à l'IA" in prose

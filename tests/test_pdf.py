"""LibreOffice opens and lays out every AIPD document (CI installs it; missing there is a failure)."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from types import ModuleType

import pytest

import aipd
from render_cases import assessment, minimal_assessment, registry

ROOT = Path(__file__).resolve().parent.parent


def _check_pdf() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_pdf", ROOT / "scripts" / "check_pdf.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


CHECK = _check_pdf()


@pytest.fixture
def need_soffice() -> None:
    if CHECK.soffice() is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI must install LibreOffice (libreoffice-writer-nogui) for the PDF check")
        pytest.skip("LibreOffice not installed on this machine")


@pytest.mark.slow
@pytest.mark.usefixtures("need_soffice")
def test_documents_convert_to_pdf_without_warnings(tmp_path: Path) -> None:
    """Full, minimal, blocking, English and every example's documents all convert cleanly."""
    docs = [
        aipd.render_docx(assessment(), tmp_path / "full-fr.docx", registry=registry()),
        aipd.render_docx(
            assessment(blocking=True), tmp_path / "blocking-en.docx", lang="en", registry=registry()
        ),
        aipd.render_docx(minimal_assessment(), tmp_path / "minimal-fr.docx", registry=registry()),
    ]
    if hasattr(aipd, "load"):
        docs += CHECK.render_examples(tmp_path / "examples")
    problems = CHECK.convert(docs, tmp_path / "pdf")
    assert problems == []


def test_a_broken_document_is_reported(tmp_path: Path, need_soffice: None) -> None:
    """The check fails when LibreOffice cannot convert a document."""
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"PK\x03\x04 not really a document")
    assert CHECK.convert([bad], tmp_path / "pdf") != []

"""Convert AIPD documents to PDF with LibreOffice (headless) and fail on any error or warning.

Word is not available in CI; LibreOffice is the independent reader that tells
whether a document opens and lays out. Used by ``tests/test_pdf.py`` and by
hand::

    python scripts/check_pdf.py                 # every example, both languages
    python scripts/check_pdf.py a.docx b.docx   # given documents

Exit status 0 when every document converted cleanly, 1 otherwise.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# LibreOffice prints this on machines without Java; it is unrelated to the document.
BENIGN = ("failed to launch javaldx",)


def soffice() -> str | None:
    """The LibreOffice executable, if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(documents: Sequence[Path], outdir: Path, *, timeout: float = 300) -> list[str]:
    """Convert ``documents`` to PDF in ``outdir``; return the problems (empty when all is well)."""
    exe = soffice()
    if exe is None:
        return ["LibreOffice (soffice) is not installed"]
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="aipd-lo-profile-") as profile:
        proc = subprocess.run(
            [
                exe,
                f"-env:UserInstallation={Path(profile).as_uri()}",
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf",
                "--outdir",
                str(outdir),
                *map(str, documents),
            ],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    problems: list[str] = []
    if proc.returncode != 0:
        problems.append(f"soffice exited with {proc.returncode}")
    for line in (proc.stderr + "\n" + proc.stdout).splitlines():
        low = line.lower()
        if not line.strip() or any(b in low for b in BENIGN) or line.startswith("convert "):
            continue
        problems.append(f"soffice: {line}")
    for doc in documents:
        pdf = outdir / (doc.stem + ".pdf")
        if not pdf.is_file() or pdf.stat().st_size < 1000:
            problems.append(f"{doc.name}: no PDF produced")
        elif not pdf.read_bytes().startswith(b"%PDF-"):
            problems.append(f"{doc.name}: output is not a PDF")
    return problems


def render_examples(outdir: Path) -> list[Path]:
    """Render every example of ``examples/`` in French and English."""
    import aipd

    outdir.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    for example in sorted((ROOT / "examples").glob("*.yaml")):
        result = aipd.assess(aipd.load(example))
        for lang in ("fr", "en"):
            paths.append(aipd.render_docx(result, outdir / f"{example.stem}-{lang}.docx", lang=lang))
    return paths


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    with tempfile.TemporaryDirectory(prefix="aipd-pdf-") as tmp:
        out = Path(tmp)
        documents = [Path(a) for a in args] if args else render_examples(out / "docx")
        start = time.perf_counter()
        problems = convert(documents, out / "pdf")
        elapsed = time.perf_counter() - start
    for p in problems:
        print(p, file=sys.stderr)
    print(f"{len(documents)} document(s) converted in {elapsed:.1f} s; {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

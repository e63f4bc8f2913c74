"""How much does aipd add on top of python-docx when writing the AIPD document?

For each example, times ``build_document`` (context, Jinja wording, python-docx
structure, canonical ZIP) and, in the same run, python-docx alone writing a
document with the same paragraphs and tables (the floor). Prints the ratio;
the aim is at most 1.5× the floor. Run: ``python benchmarks/bench_render.py``.
"""

from __future__ import annotations

import io
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx

import aipd
from aipd.render.docx import build_document

ROOT = Path(__file__).resolve().parent.parent
REPEAT = 7


def _median_time(fn: Callable[[], Any]) -> float:
    fn()  # warm-up: imports, template compilation
    times = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _content(data: bytes) -> list[tuple[str, Any]]:
    """The document's body as ('p', text) and ('t', rows of cell texts), in order."""
    d = docx.Document(io.BytesIO(data))
    body: list[tuple[str, Any]] = []
    tables = iter(d.tables)
    paragraphs = iter(d.paragraphs)
    for child in d.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            body.append(("p", next(paragraphs).text))
        elif tag == "tbl":
            body.append(("t", [[c.text for c in r.cells] for r in next(tables).rows]))
    return body


def _floor(content: list[tuple[str, Any]]) -> bytes:
    """python-docx alone: the same paragraphs and tables in its default template."""
    d = docx.Document()
    for kind, value in content:
        if kind == "p":
            d.add_paragraph(value)
        else:
            table = d.add_table(rows=len(value), cols=len(value[0]))
            for row, texts in zip(table.rows, value, strict=True):
                for cell, text in zip(row.cells, texts, strict=True):
                    cell.paragraphs[0].add_run(text)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def cases() -> list[tuple[str, aipd.Assessment]]:
    load = getattr(aipd, "load", None)
    if load is not None:
        return [(p.stem, aipd.assess(load(p))) for p in sorted((ROOT / "examples").glob("*.yaml"))]
    sys.path.insert(0, str(ROOT / "tests"))
    from render_cases import assessment  # the tests' case, until the loader exists

    return [("render_cases", assessment(blocking=True))]


def main() -> int:
    worst = 0.0
    print(f"{'case':32} {'aipd ms':>9} {'floor ms':>9} {'ratio':>6} {'paragraphs':>10} {'tables':>6}")
    for name, result in cases():
        data = build_document(result)
        content = _content(data)
        ours = _median_time(lambda result=result: build_document(result))
        floor = _median_time(lambda content=content: _floor(content))
        ratio = ours / floor
        worst = max(worst, ratio)
        n_p = sum(1 for k, _ in content if k == "p")
        n_t = sum(1 for k, _ in content if k == "t")
        print(f"{name:32} {ours * 1000:9.1f} {floor * 1000:9.1f} {ratio:6.2f} {n_p:10} {n_t:6}")
    print(f"worst ratio: {worst:.2f} (aim: at most 1.5)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

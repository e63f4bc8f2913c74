"""The AIPD document's structure, built with python-docx in the reference styles.

Structure lives here, wording in the templates (:mod:`aipd.render.text`), look
in the reference ``.docx``. The sections follow the CNIL method (PIA, parts 1
to 4) and GDPR art. 35(7); annexes carry the screening table, the AI Act part,
the art. 36(3) consultation file and the traceability of the result.

Outputs are reproducible (core properties from the assessment's date, a
canonical ZIP) and written atomically: a failed render keeps the previous file.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import docx
from docx.document import Document as DocxDocument
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.styles import BabelFish
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree  # type: ignore[import-untyped]  # lxml ships no type stubs

from aipd.atomic import write_bytes
from aipd.errors import TemplateError
from aipd.i18n import Lang, format_number, t, typography
from aipd.render.context import build_context
from aipd.render.text import (
    ALERT,
    BOX,
    BULLET,
    LINE,
    TODO_END,
    TODO_START,
    Wording,
    as_written,
    builtin_template_dir,
)
from aipd.risks import zone

if TYPE_CHECKING:
    from aipd.assess import Assessment

__all__ = ["build_document", "canonical_zip", "write_atomically"]

#: Styles the builder uses; a collectivité's reference lacking one gets the built-in definition.
STYLES_USED = (
    "Title",
    "Subtitle",
    "Heading 1",
    "Heading 2",
    "Heading 3",
    "List Bullet",
    "Caption",
    "TOC Heading",
    "toc 1",
    "toc 2",
    "toc 3",
    "AIPD Table",
    "AIPD Table Text",
    "AIPD Box",
    "AIPD Alert",
    "AIPD To Complete",
    "AIPD Signature",
)

LANG_TAGS: dict[Lang, str] = {"fr": "fr-FR", "en": "en-GB"}

#: Cell shading of the risk map (CNIL order: severity vertical, likelihood horizontal).
#: Red is the high-risk zone of the settings (the line acceptability and prior consultation
#: use), orange the band one level below it, green the rest; the legend says so in words,
#: so colour is never the only signal.
MAP_COLOURS = {"low": "C8E6C9", "medium": "FFE0B2", "high": "F4B6B0"}

#: Elements of the art. 36(3) file the document sets out in its parts: the file table points to them
#: (labels ``file_where_<letter>``).
FILE_WHERE = frozenset("abc")

#: Heading levels in the table of contents.
TOC_DEPTH = 2

_FIXED_DATE = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def _line(c: Mapping[str, Any]) -> dict[str, Any]:
    """The high-risk line of the assessment's settings, as :meth:`risk_map` takes it."""
    return {"level": c["high_risk_rank"], "axes": c["high_risk_axes"]}


# --- low-level helpers -------------------------------------------------------------------


def _set_cell_shading(cell: Any, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tc_pr.append(shd)


def _mark_header_row(row: Any) -> None:
    """Repeat the row at the top of each page and tell assistive tools it is a header."""
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


_R, _RPR, _RSTYLE, _B, _T, _BR, _TAB = (qn(f"w:{n}") for n in ("r", "rPr", "rStyle", "b", "t", "br", "tab"))
_VAL, _SPACE = qn("w:val"), qn("xml:space")


def _run(p: Any, text: str, *, style: str | None = None, bold: bool = False) -> None:
    """Append a run to paragraph element ``p``: line breaks become ``w:br``, tabs ``w:tab``.

    Written with lxml: python-docx's run API appends text one character at a time.
    """
    r = etree.SubElement(p, _R)
    if style is not None or bold:
        rpr = etree.SubElement(r, _RPR)
        if style is not None:
            etree.SubElement(rpr, _RSTYLE).set(_VAL, style)
        if bold:
            etree.SubElement(rpr, _B)
    for i, line in enumerate(text.split("\n")):
        if i:
            etree.SubElement(r, _BR)
        for j, chunk in enumerate(line.split("\t")):
            if j:
                etree.SubElement(r, _TAB)
            if chunk:
                t = etree.SubElement(r, _T)
                t.text = chunk
                t.set(_SPACE, "preserve")


def _mark_header_row_el(tr: Any) -> None:
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr.get_or_add_trPr().append(el)


_PPR, _PSTYLE = qn("w:pPr"), qn("w:pStyle")


def _ppr(p: Any) -> Any:
    """The paragraph's properties, created as its first child when missing."""
    ppr = p.find(_PPR)
    if ppr is None:
        ppr = OxmlElement("w:pPr")
        p.insert(0, ppr)
    return ppr


def _set_style(p: Any, style_id: str) -> None:
    """Set a paragraph's style directly: python-docx's setter searches the schema order each time,
    which cost about half of the render time."""
    ppr = _ppr(p)
    el = ppr.find(_PSTYLE)
    if el is None:
        el = OxmlElement("w:pStyle")
        ppr.insert(0, el)
    el.set(_VAL, style_id)


def _keep_next(p: Any) -> None:
    """Keep the paragraph on the same page as the next one (``w:keepNext`` right after ``w:pStyle``)."""
    ppr = _ppr(p)
    if ppr.find(qn("w:keepNext")) is not None:
        return
    first = ppr[0] if len(ppr) else None
    ppr.insert(1 if first is not None and first.tag == _PSTYLE else 0, OxmlElement("w:keepNext"))


def _keep_together(trs: Sequence[Any]) -> None:
    """Keep a small table on one page: rows never split, each row kept with the next, and the
    last row with the caption that follows."""
    for tr in trs:
        tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        for tc in tr.tc_lst:
            for p in tc.p_lst:
                _keep_next(p)


def _set_widths(tbl: Any, widths: Sequence[float]) -> None:
    """Column widths in cm, on the grid (LibreOffice reads it) and on each cell (Word reads those)."""
    twips = [str(round(w * 567)) for w in widths]
    for col, w in zip(tbl.tblGrid.gridCol_lst, twips, strict=True):
        col.set(qn("w:w"), w)
    for tr in tbl.tr_lst:
        for tc, w in zip(tr.tc_lst, twips, strict=True):
            tc_w = tc.get_or_add_tcPr().get_or_add_tcW()
            tc_w.set(qn("w:w"), w)
            tc_w.set(qn("w:type"), "dxa")


def _table_description(table: Table, caption: str, description: str) -> None:
    """Alternative text of a table (read by screen readers)."""
    tbl_pr = table._tbl.tblPr
    cap = OxmlElement("w:tblCaption")
    cap.set(qn("w:val"), caption)
    desc = OxmlElement("w:tblDescription")
    desc.set(qn("w:val"), description)
    tbl_pr.append(cap)
    tbl_pr.append(desc)


def _field_runs(paragraph: Paragraph, instruction: str, cached: str) -> None:
    """A complex field (begin, instruction, separate, cached result, end) in one paragraph."""

    def fld(kind: str) -> Any:
        r = OxmlElement("w:r")
        c = OxmlElement("w:fldChar")
        c.set(qn("w:fldCharType"), kind)
        r.append(c)
        return r

    p = paragraph._p
    p.append(fld("begin"))
    r = OxmlElement("w:r")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    r.append(instr)
    p.append(r)
    p.append(fld("separate"))
    paragraph.add_run(cached)
    p.append(fld("end"))


def _zip(blobs: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for name in sorted(blobs):
            info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0o644 << 16
            dst.writestr(info, blobs[name], compress_type=zipfile.ZIP_DEFLATED, compresslevel=6)
    return out.getvalue()


def canonical_zip(data: bytes) -> bytes:
    """Re-pack a DOCX so the same content gives the same bytes.

    Entries sorted by name, a fixed timestamp (1980-01-01), fixed system and
    permissions, DEFLATE at a fixed level: python-docx stamps the clock
    otherwise (python-docx issue 1042).
    """
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        return _zip({name: src.read(name) for name in src.namelist()})


class _Collector:
    """Stands in for python-docx's zip writer: keeps each package item's bytes."""

    def __init__(self) -> None:
        self.blobs: dict[str, bytes] = {}

    def write(self, pack_uri: Any, blob: bytes) -> None:
        self.blobs[pack_uri.membername] = blob


def package_bytes(doc: DocxDocument) -> bytes:
    """The document as a canonical ZIP, compressed once.

    Uses python-docx's package writer steps with a collector instead of its zip
    file (saving then re-packing compresses twice); falls back to that if the
    writer's internals change.
    """
    try:
        from docx.opc.pkgwriter import PackageWriter

        package = doc.part.package
        parts = list(package.parts)
        for part in parts:
            part.before_marshal()
        collector = _Collector()
        # python-docx's own steps, untyped and typed for its zip writer; the collector has its write()
        PackageWriter._write_content_types_stream(collector, parts)  # type: ignore[no-untyped-call]
        PackageWriter._write_pkg_rels(collector, package.rels)  # type: ignore[no-untyped-call]
        PackageWriter._write_parts(collector, parts)  # type: ignore[arg-type]
    except AttributeError:  # pragma: no cover - python-docx changed its writer
        buf = io.BytesIO()
        doc.save(buf)
        return canonical_zip(buf.getvalue())
    return _zip(collector.blobs)


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (see :mod:`aipd.atomic`)."""
    write_bytes(path, data)


# --- the builder ------------------------------------------------------------------------


class _Builder:
    """Appends the document's parts in order; every text goes through :meth:`_runs`."""

    def __init__(self, doc: DocxDocument, wording: Wording, ctx: dict[str, Any]) -> None:
        self.doc = doc
        self.w = wording
        self.ctx = ctx
        self.headings: list[tuple[int, str]] = []
        # style ids resolved once: python-docx's name lookup scans every style each time
        self.sid = _style_ids(doc)
        self._todo = self.L("todo_label")
        # the separator of a list in a cell: « a ; b » with an espace insécable in French
        self.sep = typography(" ; ", ctx["lang"]) if ctx["lang"] == "fr" else "; "
        # « libellé : valeur », with an espace insécable before the colon in French
        self.colon = "\u00a0: " if ctx["lang"] == "fr" else ": "

    # wording
    def L(self, key: str) -> str:  # short name for the many label look-ups
        return self.w.label("labels", key)

    # text
    def _runs(self, paragraph: Paragraph, text: str) -> None:
        """Add ``text`` as runs; « À compléter » spans become highlighted runs."""
        rest = text
        while rest:
            start = rest.find(TODO_START)
            if start < 0:
                self._plain_run(paragraph, rest)
                break
            if start:
                self._plain_run(paragraph, rest[:start])
            end = rest.find(TODO_END, start)
            end = len(rest) if end < 0 else end
            what = rest[start + 1 : end]
            label = (
                f"{self._todo}\u00a0: {what}"
                if what and self.ctx["lang"] == "fr"
                else (f"{self._todo}: {what}" if what else self._todo)
            )
            _run(paragraph._p, f"[{label}]", style=self.sid["AIPD To Complete"])
            rest = rest[end + 1 :]

    @staticmethod
    def _plain_run(paragraph: Paragraph, text: str) -> None:
        _run(paragraph._p, text)

    def para(self, text: str, style: str | None = None) -> Paragraph:
        p = self.doc.add_paragraph()
        if style is not None:
            _set_style(p._p, self.sid[style])
        self._runs(p, text)
        return p

    def heading(self, text: str, level: int) -> None:
        p = self.doc.add_paragraph()._p
        _set_style(p, self.sid[f"Heading {level}"])
        _run(p, text)
        self.headings.append((level, text))

    def blocks(self, part: str, key: str, **kwargs: Any) -> None:
        """Render a wording block: blank lines separate paragraphs, ``- `` starts a bullet,
        ``> `` a highlighted box, ``! `` an alert; other line breaks of the template inside a paragraph
        are spaces.

        Only the template's own text is read as layout (its marks, :func:`aipd.render.text.layout`):
        a value it quotes is text, shown as written, its line breaks kept as line breaks (``w:br``)
        inside its paragraph, so no user or plug-in text can open a bullet, a box or an alert."""
        text = self.w.block(part, key, **kwargs)
        for lines in _split_blocks(text):
            if all(line[0] == BULLET for line in lines):
                for line in lines:
                    self.para(as_written(line[1:].strip()), "List Bullet")
            elif lines[0][0] == BOX:
                self.para(as_written(" ".join(line.removeprefix(BOX).strip() for line in lines)), "AIPD Box")
            elif lines[0][0] == ALERT:
                self.para(
                    as_written(" ".join(line.removeprefix(ALERT).strip() for line in lines)), "AIPD Alert"
                )
            else:
                self.para(as_written(" ".join(line.strip() for line in lines)))

    def value(self, v: Any, what: str = "") -> str:
        """A cell value as text: yes/no for facts, « À compléter » for what is unknown."""
        if v is True:
            return self.L("yes")
        if v is False:
            return self.L("no")
        if v is None or v == "" or v == []:
            return f"{TODO_START}{what}{TODO_END}"
        if isinstance(v, list):
            return self.sep.join(self.value(x) for x in v)
        if isinstance(v, dict):
            colon = "\u00a0: " if self.ctx["lang"] == "fr" else ": "
            return self.sep.join(
                f"{k}{colon}{self.value(x)}" for k, x in v.items() if x not in (None, [], "")
            )
        return str(v)

    def table(
        self,
        headers: Sequence[str],
        rows: Iterable[Sequence[Any]],
        *,
        caption: str,
        widths: Sequence[float] | None = None,
        keep_together: bool = False,
    ) -> Table:
        """A table in the reference's table style, header row repeated on each page."""
        rows = [list(r) for r in rows]
        table: Table = self.doc.add_table(rows=1 + len(rows), cols=len(headers))
        tbl = table._tbl
        tbl.tblStyle_val = self.sid["AIPD Table"]
        # lxml directly: python-docx's row and cell objects cost more than the document itself
        trs = tbl.tr_lst
        _mark_header_row_el(trs[0])
        text_style = self.sid["AIPD Table Text"]
        for tc, text in zip(trs[0].tc_lst, headers, strict=True):
            p_el = tc.p_lst[0]
            _set_style(p_el, text_style)
            _run(p_el, text, bold=True)
        for tr, values in zip(trs[1:], rows, strict=True):
            for tc, v in zip(tr.tc_lst, values, strict=True):
                p = Paragraph(tc.p_lst[0], table)
                _set_style(p._p, text_style)
                self._runs(p, v if isinstance(v, str) else self.value(v))
        if widths:
            _set_widths(tbl, widths)
        if keep_together:
            _keep_together(tbl.tr_lst)
        _table_description(table, caption, caption)
        self.para(caption, "Caption")
        return table

    def _fact_answer(self, row: dict[str, Any]) -> str:
        if row.get("none"):
            return self.L("none_declared")
        if row.get("moot"):
            return self.L("not_stated_moot")
        return self.value(row["value"], row["label"])

    def facts_table(self, rows: Sequence[dict[str, Any]], *, caption: str) -> None:
        self.table(
            [self.L("col_fact"), self.L("col_answer")],
            [(r["label"], self._fact_answer(r)) for r in rows],
            caption=caption,
            widths=(10, 6.5),
        )

    def risk_map(self, marks: dict[str, list[str]], *, caption: str, level: int, axes: str) -> None:
        """The CNIL 4×4 map as a native table: severity rows (4 at the top), likelihood columns."""
        levels = [self.L(f"level_{i}") for i in range(1, 5)]
        self._keep_last_paragraph_with_next()
        table = self.doc.add_table(rows=5, cols=5)
        table._tbl.tblStyle_val = self.sid["AIPD Table"]
        rows = table.rows
        _mark_header_row(rows[0])
        head = rows[0].cells
        corner = head[0].paragraphs[0]
        _set_style(corner._p, self.sid["AIPD Table Text"])
        _run(corner._p, self.L("map_corner"), bold=True)
        for i, cell in enumerate(head[1:], start=1):
            p = cell.paragraphs[0]
            _set_style(p._p, self.sid["AIPD Table Text"])
            _run(p._p, f"{self.L('likelihood')} {i} — {levels[i - 1]}", bold=True)
        for r, severity in enumerate((4, 3, 2, 1), start=1):
            cells = rows[r].cells
            p = cells[0].paragraphs[0]
            _set_style(p._p, self.sid["AIPD Table Text"])
            _run(p._p, f"{self.L('severity')} {severity} — {levels[severity - 1]}", bold=True)
            for likelihood in range(1, 5):
                cell = cells[likelihood]
                _set_cell_shading(cell, MAP_COLOURS[zone(severity, likelihood, level=level, axes=axes)])
                p = cell.paragraphs[0]
                _set_style(p._p, self.sid["AIPD Table Text"])
                found = marks.get(f"{severity},{likelihood}", [])
                _run(p._p, ", ".join(found) if found else "–")
        _keep_together(table._tbl.tr_lst)
        _table_description(table, caption, self.L("map_description"))
        self.para(caption, "Caption")

    def _keep_last_paragraph_with_next(self) -> None:
        """The paragraph introducing a table stays on the table's page."""
        for el in reversed(self.doc.element.body):
            if el.tag == qn("w:p"):
                _keep_next(el)
                return

    def page_break(self) -> None:
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _split_blocks(text: str) -> list[list[str]]:
    """The paragraphs of a wording block, each as its non-blank lines, stripped: lines are those of
    the template's text (split at :data:`LINE`), so a line break in a value it quotes splits nothing."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for raw in text.split(LINE):
        line = raw.strip()
        if line:
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


# --- sections -----------------------------------------------------------------------------


def _cover(b: _Builder) -> None:
    c = b.ctx
    b.doc.add_paragraph(b.L("document_kind"))._p.style = b.sid["Subtitle"]
    b.doc.add_paragraph(c["doc"]["processing"])._p.style = b.sid["Title"]
    dpo = c["dpo"]
    dpo_text = None
    if dpo:
        designation = dpo.get("cnil_designation")
        dpo_text = b.sep.join(
            x
            for x in (
                dpo["name"],
                dpo.get("organisation"),
                dpo.get("email"),
                b.L("cover_dpo_designation").replace("{n}", designation) if designation else None,
            )
            if x
        )
    rows = [
        (b.L("cover_organisation"), c["doc"]["organisation"]),
        (b.L("cover_processing"), c["doc"]["processing"]),
        (b.L("cover_version"), c["doc"]["version"]),
        (b.L("cover_date"), b.value(c["doc"]["date"], b.L("cover_date"))),
        # the document's date is the last update, else the creation: the other one is said beside it
        *(
            (b.L(f"cover_{k}"), c["doc"][k])
            for k in ("created", "updated")
            if c["doc"][k] and c["doc"][k] != c["doc"]["date"]
        ),
        (b.L("cover_status"), c["doc"]["status"]),
        (b.L("cover_authors"), b.value(c["doc"]["authors"], b.L("cover_authors"))),
        (b.L("cover_dpo"), b.value(dpo_text, b.L("cover_dpo"))),
        (b.L("cover_verdict"), c["verdict"]["label"]),
    ]
    if c["consultation"] is not None:
        rows.append((b.L("cover_consultation"), c["consultation"]["label"]))
    if c["ai_act"] is not None:
        rows.append((b.L("cover_ai_act"), c["ai_act"]["label"]))
    b.table([b.L("col_item"), b.L("col_value")], rows, caption=b.L("cover_caption"), widths=(5, 11.5))
    b.page_break()


def _synthese(b: _Builder) -> None:
    c = b.ctx
    b.heading(b.L("h_synthese"), 1)
    # Solely automated decisions art. 47 LIL forbids stop the processing as a blocking issue does:
    # said first, not only in annex 3.
    forbidden = c["algorithmic"] is not None and c["algorithmic"]["forbidden"] is True
    if c["blocking"] or forbidden:
        b.heading(b.L("h_blocking"), 2)
        b.blocks("synthese", "blocking")
    b.heading(b.L("h_verdict"), 2)
    b.blocks("synthese", "verdict")
    if c["ai_system"] is not None or c["ai_act"] is not None:
        b.heading(b.L("h_ai_act_summary"), 2)
        b.blocks("synthese", "ai_act")
    b.heading(b.L("h_consultation_summary"), 2)
    b.blocks("synthese", "consultation")
    b.heading(b.L("h_map_summary"), 2)
    b.blocks("synthese", "map")
    if c["risk_map"]["placed"]:
        merged: dict[str, list[str]] = {}
        for key in sorted(set(c["risk_map"]["initial"]) | set(c["risk_map"]["residual"])):
            merged[key] = c["risk_map"]["initial"].get(key, []) + c["risk_map"]["residual"].get(key, [])
        b.risk_map(merged, caption=b.L("map_caption_both"), **_line(c))
        _risk_legend(b)
    b.heading(b.L("h_main_actions"), 2)
    b.blocks("synthese", "actions")
    if c["notices"] or c["missing_facts"]:
        b.heading(b.L("h_notices"), 2)
        b.blocks("synthese", "notices")


def _risk_legend(b: _Builder) -> None:
    b.table(
        [b.L("col_mark"), b.L("col_risk"), b.L("col_acceptability")],
        [
            (r["letter"], r["title"], b.value(r["acceptability"], b.L("col_acceptability")))
            for r in b.ctx["risks"]
        ],
        caption=b.L("legend_caption"),
        widths=(2, 8.5, 6),
    )
    b.blocks("risques", "map_legend")


def _contexte(b: _Builder) -> None:
    c = b.ctx
    b.heading(b.L("h_contexte"), 1)
    b.heading(b.L("h_overview"), 2)
    b.blocks("contexte", "overview")
    b.table(
        [b.L("col_purpose"), b.L("col_basis"), b.L("col_legal_text")],
        [
            (
                p["description"],
                b.value(p["legal_basis"], b.L("col_basis")) + _legitimate_interest(b, p),
                b.value(p["legal_text"], b.L("col_legal_text")),
            )
            for p in c["purposes"]
        ]
        or [_todo_row(b, "col_purpose", 3)],
        caption=b.L("purposes_caption"),
        widths=(8, 4, 4.5),
    )
    b.blocks("contexte", "actors")
    if c["processors"]:
        b.table(
            [b.L("col_processor"), b.L("col_role"), b.L("col_country"), b.L("col_art28")],
            [
                (
                    p["name"],
                    p["role"],
                    b.value(p["country"], b.L("col_country")),
                    b.value(p["contract_art28"], b.L("col_art28")),
                )
                for p in c["processors"]
            ],
            caption=b.L("processors_caption"),
        )
    b.heading(b.L("h_data_processes"), 2)
    b.heading(b.L("h_data"), 3)
    b.blocks("contexte", "data")
    b.table(
        [b.L("col_data"), b.L("col_details"), b.L("col_sources"), b.L("col_retention")],
        [
            (
                f"{d['kind']} ({b.L('persons_count').replace('{n}', d['persons_text'])})"
                if d.get("persons_text")
                else d["kind"],
                b.value(d["description"], b.L("col_details")),
                b.value(d["sources"], b.L("col_sources")),
                b.value(_retention(b, d["retention"]), b.L("col_retention")),
            )
            for d in c["data"]
        ]
        or [_todo_row(b, "col_data", 4)],
        caption=b.L("data_caption"),
        widths=(3.5, 6, 3, 4),
    )
    b.heading(b.L("h_subjects"), 3)
    b.table(
        [b.L("col_subjects"), b.L("col_details"), b.L("col_count"), b.L("col_vulnerable")],
        [
            (
                s["kind"],
                b.value(s["description"], b.L("col_details")),
                b.value(s["count_text"], b.L("col_count"))
                + (
                    f"\n{b.L('out_of_population').replace('{n}', s['relevant_population_text'])}"
                    if s["relevant_population_text"]
                    else ""
                ),
                b.value(s["is_vulnerable"], b.L("col_vulnerable"))
                + (f"{b.colon}{b.sep.join(s['vulnerabilities'])}" if s["vulnerabilities"] else ""),
            )
            for s in c["subjects"]
        ]
        or [_todo_row(b, "col_subjects", 4)],
        caption=b.L("subjects_caption"),
        widths=(4, 7, 3, 2.5),
    )
    b.blocks("contexte", "scale")
    b.heading(b.L("h_recipients"), 3)
    b.blocks("contexte", "recipients")
    b.heading(b.L("h_assets"), 3)
    b.blocks("contexte", "assets")
    if c["assets"]:
        b.table(
            [
                b.L("col_asset_kind"),
                b.L("col_name"),
                b.L("col_hosting"),
                b.L("col_provider"),
                b.L("col_internet_facing"),
            ],
            [
                (
                    a["kind"],
                    a["name"] + (f"\n{a['description']}" if a["description"] else ""),
                    b.value(a["hosting"], b.L("col_hosting")),
                    b.value(a["provider"], b.L("col_provider")),
                    b.L("not_stated_moot")
                    if a["internet_facing"] is None and not a["internet_facing_asked"]
                    else b.value(a["internet_facing"], b.L("col_internet_facing")),
                )
                for a in c["assets"]
            ],
            caption=b.L("assets_caption"),
        )
    b.heading(b.L("h_features"), 3)
    b.blocks("contexte", "features")
    for key in ("monitoring", "evaluation", "decisions", "matching", "technology"):
        b.facts_table(c[key], caption=b.L(f"facts_{key}"))


def _todo_row(b: _Builder, what: str, columns: int) -> list[str]:
    """The one row of an empty table: « À compléter » in every cell, never blank."""
    return [b.value(None, b.L(what))] * columns


def _legitimate_interest(b: _Builder, p: dict[str, Any]) -> str:
    """The legitimate interest pursued, under the basis: art. 35(7)(a) asks for it when the basis is
    art. 6(1)(f), so it is « À compléter » then; given with another basis, it is shown as declared."""
    if p["legitimate_interest"]:
        return f"\n{b.L('legitimate_interest')}{b.colon}{p['legitimate_interest']}"
    if p["legal_basis_code"] == "legitimate_interests":
        return "\n" + b.value(None, b.L("legitimate_interest"))
    return ""


def _retention(b: _Builder, r: dict[str, Any] | None) -> str | None:
    """Each period under its name, then what justifies them (GDPR art. 5(1)(e)). The active period is
    « À compléter » when missing; once it is known, so are the final fate and the justification the
    principles ask for (part 2.1)."""
    if not r:
        return None
    active = bool(r.get("active"))
    periods = [
        f"{b.L('retention_' + key)}{b.colon}{r[key]}"
        if r.get(key)
        else b.value(None, b.L("retention_" + key))
        for key in ("active", "intermediate", "final_fate")
        if r.get(key) or key == "active" or (key == "final_fate" and active)
    ]
    lines = [b.sep.join(periods)]
    if r.get("justification"):
        lines.append(f"{b.L('retention_justification')}{b.colon}{r['justification']}")
    elif active:
        lines.append(b.value(None, b.L("retention_justification")))
    return "\n".join(lines)


def _principes(b: _Builder) -> None:
    principles = b.ctx["principles"]
    b.heading(b.L("h_principes"), 1)
    b.blocks("principes", "intro")
    for key in ("proportionality", "rights"):
        b.heading(b.L(f"h_{key}"), 2)
        b.blocks("principes", key)
        if principles is not None:
            _principles_table(b, principles[key], caption=b.L(f"{key}_caption"))


def _todo_list(b: _Builder, items: Sequence[str]) -> str:
    """What is missing, one « À compléter » item a line, or "nothing to add"."""
    return "\n".join(b.value(None, m) for m in items) if items else b.L("nothing_missing")


def _principles_table(b: _Builder, rows: Sequence[dict[str, Any]], *, caption: str) -> None:
    b.table(
        [b.L("col_principle"), b.L("col_status"), b.L("col_established"), b.L("col_missing")],
        [
            (
                f"{p['title']}\n{_cite(b, p['source'])}",
                p["status"],
                "\n".join(p["established"]) or b.value(None, b.L("col_established")),
                _todo_list(b, p["missing"]),
            )
            for p in rows
        ],
        caption=caption,
        widths=(4, 2.5, 5.5, 4.5),
    )


def _risques(b: _Builder) -> None:
    c = b.ctx
    b.heading(b.L("h_risques"), 1)
    b.blocks("risques", "intro")
    b.heading(b.L("h_measures"), 2)
    b.blocks("risques", "measures")
    if c["measures"]:
        b.table(
            [b.L("col_measure"), b.L("col_family"), b.L("col_status"), b.L("col_details")],
            [
                (
                    _measure_name(b, m),
                    b.value(m["family"], b.L("col_family")),
                    m["status_label"],
                    b.value(m["description"], b.L("col_details")) + _in_place_by(b, m),
                )
                for m in c["measures"]
            ],
            caption=b.L("measures_caption"),
            widths=(4.5, 3.5, 2.5, 6),
        )
    b.heading(b.L("h_risk_analysis"), 2)
    for risk in c["risks"]:
        b.heading(f"{risk['letter']}. {risk['title']}", 3)
        b.blocks("risques", "risk", risk=risk)
        proposed = risk["proposed"]

        def retained(axis: str, risk: dict[str, Any] = risk) -> str:
            text = _lvl(b, risk[axis])
            return f"{text} ({b.L('retained_by_dpo')})" if axis in risk["overridden"] else text

        b.table(
            [
                b.L("col_axis"),
                b.L("col_proposed_initial"),
                b.L("col_retained_initial"),
                b.L("col_proposed_residual"),
                b.L("col_retained_residual"),
            ],
            [
                (
                    b.L(axis),
                    _proposed(b, proposed[axis]),
                    retained(axis),
                    _proposed(b, proposed[f"residual_{axis}"]),
                    retained(f"residual_{axis}"),
                )
                for axis in ("severity", "likelihood")
            ],
            caption=f"{b.L('levels_caption')} {risk['letter']}",
            widths=(3, 3.4, 3.4, 3.4, 3.3),
            keep_together=True,
        )
        b.blocks("risques", "acceptability", risk=risk)
        b.blocks("risques", "risk_reasons", risk=risk)
    b.heading(b.L("h_map"), 2)
    b.blocks("risques", "map_intro")
    b.risk_map(c["risk_map"]["initial"], caption=b.L("map_caption_initial"), **_line(c))
    b.risk_map(c["risk_map"]["residual"], caption=b.L("map_caption_residual"), **_line(c))
    _risk_legend(b)


def _measure_name(b: _Builder, m: dict[str, Any]) -> str:
    """The measure's title (declared, else the catalogue's). One no plug-in contributes is said to be
    off the catalogue, under its id, its effect on the levels not counted (known once the risks are
    analysed): the reader sees which measures the levels do not take into account."""
    title = str(m["title"])
    if not m["in_catalogue"] and b.ctx["risks_analysed"]:
        return title + "\n" + b.L("measure_off_catalogue").replace("{id}", m["id"])
    return title


def _in_place_by(b: _Builder, m: dict[str, Any]) -> str:
    """Who answers for a measure in place, and its date: a measure not in place has them in the action
    plan (part 4.1), so they are said here only for the measures in place."""
    if m["status"] != "implemented":
        return ""
    said = [
        f"{b.L(label)}{b.colon}{m[key]}"
        for key, label in (("owner", "col_owner"), ("due", "col_due"))
        if m[key]
    ]
    return "\n" + b.sep.join(said) if said else ""


def _proposed(b: _Builder, level: dict[str, Any] | None) -> str:
    """aipd's proposal; a dash when aipd proposes nothing (a risk no plug-in describes)."""
    return "–" if level is None else f"{level['rank']} — {level['label']}"


def _lvl(b: _Builder, level: dict[str, Any] | None) -> str:
    if level is None:
        return b.value(None, b.L("level_to_set"))
    return f"{level['rank']} — {level['label']}"


def _validation(b: _Builder) -> None:
    c = b.ctx
    b.heading(b.L("h_validation"), 1)
    b.heading(b.L("h_action_plan"), 2)
    b.blocks("validation", "action_plan")
    if c["action_plan"]:
        b.table(
            [b.L("col_action"), b.L("col_risks"), b.L("col_owner"), b.L("col_due"), b.L("col_status")],
            [
                (
                    a["action"],
                    ", ".join(r["letter"] or r["id"] for r in a["risks"]) or "–",
                    b.value(a["owner"], b.L("col_owner")),
                    b.value(a["due"], b.L("col_due")),
                    a["status_label"],
                )
                for a in c["action_plan"]
            ],
            caption=b.L("action_plan_caption"),
            widths=(6.5, 2, 3.5, 2.5, 2),
        )
    b.heading(b.L("h_dpo_opinion"), 2)
    b.blocks("validation", "dpo")
    b.heading(b.L("h_subjects_views"), 2)
    b.blocks("validation", "subjects_views")
    b.heading(b.L("h_decision"), 2)
    b.blocks("validation", "decision")
    b.table(
        [b.L("col_item"), b.L("col_value")],
        [
            (b.L("sig_decision"), c["validation"]["decision"]),
            (b.L("sig_date"), b.value(c["validation"]["decision_date"], b.L("sig_date"))),
            (b.L("sig_signatory"), b.value(c["validation"]["signatory"], b.L("sig_signatory"))),
            (b.L("sig_signature"), "\n\n" + b.L("sig_place")),
        ],
        caption=b.L("signature_caption"),
        widths=(5, 11.5),
    )


def _annexes(b: _Builder) -> None:
    c = b.ctx
    b.page_break()
    b.heading(b.L("h_annex_screening"), 1)
    b.blocks("annexes", "screening")
    for kind, rows in (("criteria", c["criteria"]), ("list_items", c["list_items"])):
        if not rows:
            continue
        b.heading(b.L(f"h_annex_{kind}"), 2)
        b.table(
            [b.L("col_rule"), b.L("col_status"), b.L("col_rationale"), b.L("col_source"), b.L("col_plugin")],
            [
                (
                    f"{f['title']} ({f['id']})",
                    f["status_label"],
                    f["rationale"]
                    + (
                        ("\n" + b.L("missing_prefix") + " " + b.sep.join(m["label"] for m in f["missing"]))
                        if f["missing"]
                        else ""
                    ),
                    _cite(b, f["source"]),
                    f["plugin"],
                )
                for f in rows
            ],
            caption=b.L(f"caption_{kind}"),
            widths=(4, 2, 5.5, 3.5, 1.5),
        )
    if c["ai_system"] is not None or c["ai_act"] is not None:
        _annex_ai_act(b)
    _annex_algorithmic(b)
    _annex_consultation(b)
    if c["consultation"] is not None and c["consultation"]["required"] is False:
        # no letter asking to consult the CNIL when the analysis says consultation is not required
        b.blocks("annexes", "no_cover_letter")
    else:
        b.page_break()
        b.heading(b.L("h_cover_letter"), 2)
        b.blocks("annexes", "cover_letter")
    b.page_break()
    b.heading(b.L("h_annex_trace"), 1)
    b.blocks("annexes", "traceability")
    tr = c["trace"]
    b.table(
        [b.L("col_item"), b.L("col_value")],
        [
            (b.L("trace_id"), c["doc"]["id"]),
            (b.L("trace_version"), f"aipd {tr['aipd_version']}"),
            (b.L("trace_digest"), f"SHA-256 {tr['digest']}"),
            (b.L("trace_date"), b.value(tr["date"], b.L("trace_date"))),
            (
                b.L("trace_plugins"),
                "\n".join(f"{p['name']} {p['version'] or ''}".strip() for p in tr["plugins"])
                or b.L("nothing"),
            ),
            (b.L("trace_settings"), "\n".join(_setting(b, s) for s in tr["settings"])),
            # Said only when a plug-in's file replaces aipd's wording: the DPO signs words aipd did not write.
            *([(b.L("trace_wording"), "\n".join(overrides))] if (overrides := b.w.overrides()) else []),
        ],
        caption=b.L("trace_caption"),
        widths=(5, 11.5),
    )


def _annex_ai_act(b: _Builder) -> None:
    """Annex 2: class and why, duties with their dates, the dates, the FRIA (art. 27), the declared facts."""
    c = b.ctx
    ai = c["ai_act"]
    b.page_break()
    b.heading(b.L("h_annex_ai_act"), 1)
    b.blocks("annexes", "ai_act")
    if ai is not None:
        b.heading(b.L("h_annex_ai_act_duties"), 2)
        if ai["duties"]:
            b.table(
                [
                    b.L("col_article"),
                    b.L("col_duty"),
                    b.L("col_addressee"),
                    b.L("col_applies_from"),
                    b.L("col_in_force"),
                ],
                [
                    (
                        d["article"],
                        d["title"] + (f"\n{d['detail']}" if d["detail"] else ""),
                        b.L(f"addressee_{d['addressee']}"),
                        d["applies_from"],
                        b.value(d["in_force"], b.L("col_in_force")),
                    )
                    for d in ai["duties"]
                ],
                caption=b.L("duties_caption"),
                widths=(2, 7, 2.5, 2.5, 2.5),
            )
        b.blocks("annexes", "ai_act_dates")
        b.table(
            [b.L("col_date"), b.L("col_deadline"), b.L("col_source")],
            [
                (
                    d["date"] + (f" ({b.L('reported_date')})" if d["reported"] else ""),
                    d["title"],
                    _cite(b, d["source"]),
                )
                for d in ai["deadlines"]
            ]
            # not an AI system: no date of the AI Act applies, and nothing is left to complete
            or (
                [["–", b.L("no_deadline_not_ai"), "–"]]
                if ai["class_code"] == "not_ai_system"
                else [_todo_row(b, "col_deadline", 3)]
            ),
            caption=b.L("deadlines_caption"),
            widths=(3, 8, 5.5),
        )
    b.heading(b.L("h_annex_fria"), 2)
    b.blocks("annexes", "fria")
    if ai is not None and ai["fria"]["elements"]:
        b.table(
            [b.L("col_element"), b.L("col_content"), b.L("col_status")],
            [
                (
                    f"{e['letter']}) {e['title']}",
                    "\n".join([*e["content"], *(b.value(None, m["label"]) for m in e["missing"])])
                    or b.value(None, e["title"]),
                    e["status"],
                )
                for e in ai["fria"]["elements"]
            ],
            caption=b.L("fria_caption"),
            widths=(5, 8.5, 3),
        )
    if c["ai_system_rows"]:
        b.heading(b.L("h_annex_ai_act_facts"), 2)
        b.facts_table(c["ai_system_rows"], caption=b.L("ai_system_caption"))


def _annex_algorithmic(b: _Builder) -> None:
    """Annex 3: the rules on algorithmic decisions, each with whether it applies and what it requires."""
    algo = b.ctx["algorithmic"]
    b.page_break()
    b.heading(b.L("h_annex_algorithmic"), 1)
    b.blocks("annexes", "algorithmic")
    if algo is None:
        return
    b.table(
        [b.L("col_rule"), b.L("col_applies"), b.L("col_rationale"), b.L("col_duties"), b.L("col_source")],
        [
            (
                r["title"],
                r["status"],
                r["rationale"]
                + (
                    "\n" + b.L("missing_prefix") + " " + b.sep.join(m["label"] for m in r["missing"])
                    if r["missing"]
                    else ""
                ),
                "\n".join(r["duties"]) or "–",
                _cite(b, r["source"]),
            )
            for r in algo["rules"]
        ],
        caption=b.L("algorithmic_caption"),
        widths=(3.5, 2.4, 5, 3.1, 2.5),
    )


def _annex_consultation(b: _Builder) -> None:
    """Annex 4: the consultation decision and its grounds, the art. 36(3) file element by element."""
    co = b.ctx["consultation"]
    b.page_break()
    b.heading(b.L("h_annex_consultation"), 1)
    b.blocks("annexes", "consultation_file")
    if co is None:
        return
    b.table(
        [b.L("col_ground"), b.L("col_status"), b.L("col_rationale"), b.L("col_source")],
        [
            (
                f"{g['title']} ({g['id']})",
                g["status"],
                g["rationale"]
                + (
                    "\n" + b.L("missing_prefix") + " " + b.sep.join(m["label"] for m in g["missing"])
                    if g["missing"]
                    else ""
                ),
                _cite(b, g["source"]),
            )
            for g in co["grounds"]
        ],
        caption=b.L("grounds_caption"),
        widths=(4, 2, 6.5, 4),
    )
    b.table(
        [b.L("col_element"), b.L("col_content"), b.L("col_status")],
        [
            (
                f"{f['letter']}) {f['title']}",
                "\n".join(
                    [
                        f["detail"],
                        *(b.value(None, m["label"]) for m in f["missing"]),
                        # where the document sets the element out, so the CNIL can find it
                        *([b.L(f"file_where_{f['letter']}")] if f["letter"] in FILE_WHERE else []),
                    ]
                ),
                b.L("on_request")
                if f["present"] is None
                else (b.L("present_yes") if f["present"] else b.value(None, f["title"])),
            )
            for f in co["file"]
        ],
        caption=b.L("file_caption"),
        widths=(6, 7.5, 3),
    )


def _setting(b: _Builder, s: dict[str, Any]) -> str:
    """One setting as a DPO reads it: its label, its value in the document's words, then its identifier
    (so the result can be reproduced): « Seuil de grande échelle (personnes) : 5 000 (large_scale_persons) »."""
    value = s["value"]
    if s["name"] == "high_risk_axes":
        text = b.L(f"setting_axes_{value}")
    elif isinstance(value, bool):
        text = b.value(value)
    elif isinstance(value, int):
        text = format_number(value, b.ctx["lang"]) or ""
    elif isinstance(value, float):
        text = f"{value:g}".replace(".", ",") if b.ctx["lang"] == "fr" else f"{value:g}"
    elif isinstance(value, list):
        text = b.sep.join(str(x) for x in value) if value else b.L("none_declared")
    else:
        text = str(value)
    colon = "\u00a0: " if b.ctx["lang"] == "fr" else ": "
    return f"{b.L('setting_' + s['name'])}{colon}{text} ({s['name']})"


def _cite(b: _Builder, source: dict[str, Any] | None) -> str:
    if not source:
        return b.value(None)
    text = source["citation"] or ""
    if source["reliability"] != "verified":
        text += f" ({b.L('reliability_' + source['reliability'])})"
    return text


# --- Word features ---------------------------------------------------------------------------


def _insert_toc(b: _Builder, anchor: Paragraph) -> None:
    """A TOC field whose cached result already lists the headings (no page numbers);
    Word refreshes it on opening (``w:updateFields``)."""
    anchor._p.style = b.sid["TOC Heading"]
    anchor.add_run(b.L("toc_title"))
    # Two levels: the method's parts and their sections fit on one page; risks are listed in the map legend.
    entries = [(lvl, text) for lvl, text in b.headings if lvl <= TOC_DEPTH] or [(1, b.L("toc_placeholder"))]
    anchor_el = anchor._p
    previous = anchor_el
    for i, (lvl, text) in enumerate(entries):
        p = Paragraph(OxmlElement("w:p"), anchor._parent)
        p._p.style = b.sid[f"toc {lvl}"]
        if i == 0:
            _begin_toc(p)
        p.add_run(text)
        if i == len(entries) - 1:
            end = OxmlElement("w:r")
            fc = OxmlElement("w:fldChar")
            fc.set(qn("w:fldCharType"), "end")
            end.append(fc)
            p._p.append(end)
        previous.addnext(p._p)
        previous = p._p
    brk = Paragraph(OxmlElement("w:p"), anchor._parent)
    brk.add_run().add_break(WD_BREAK.PAGE)
    previous.addnext(brk._p)


def _begin_toc(p: Paragraph) -> None:
    for kind, instr in (("begin", None), (None, f'TOC \\o "1-{TOC_DEPTH}" \\h \\z \\u'), ("separate", None)):
        r = OxmlElement("w:r")
        if kind:
            fc = OxmlElement("w:fldChar")
            fc.set(qn("w:fldCharType"), kind)
            if kind == "begin":
                fc.set(qn("w:dirty"), "true")
            r.append(fc)
        else:
            it = OxmlElement("w:instrText")
            it.set(qn("xml:space"), "preserve")
            it.text = f" {instr} "
            r.append(it)
        p._p.append(r)


def _update_fields_on_open(doc: DocxDocument) -> None:
    settings = doc.settings.element
    for old in settings.findall(qn("w:updateFields")):
        settings.remove(old)
    el = OxmlElement("w:updateFields")
    el.set(qn("w:val"), "true")
    settings.append(el)


def _style_ids(doc: DocxDocument) -> dict[str, str]:
    """Style name (as Word shows it) → style id, read once from the styles part."""
    ids: dict[str, str] = {}
    for el in doc.styles.element.iterchildren(qn("w:style")):
        name = el.find(qn("w:name"))
        sid = el.get(qn("w:styleId"))
        if name is not None and sid is not None:
            ids[BabelFish.internal2ui(name.get(_VAL))] = sid
    return ids


def _set_language(doc: DocxDocument, tag: str) -> None:
    """The proofing language, on the document defaults and on every paragraph style."""
    styles = doc.styles.element
    rpr_default = styles.find(qn("w:docDefaults") + "/" + qn("w:rPrDefault") + "/" + qn("w:rPr"))
    targets = [rpr_default] if rpr_default is not None else []
    for el in styles.iterchildren(qn("w:style")):
        if el.get(qn("w:type")) == "paragraph":
            targets.append(el.get_or_add_rPr())
    for rpr in targets:
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr.append(lang)
        lang.set(qn("w:val"), tag)


def _refresh_title_fields(doc: DocxDocument, title: str) -> None:
    """Headers may show the title through a ``TITLE`` field: set its cached text too."""
    for section in doc.sections:
        for part in (section.header, section.first_page_header, section.even_page_header):
            if part.is_linked_to_previous:
                continue
            for fld in part._element.iter(qn("w:fldSimple")):
                if "TITLE" in (fld.get(qn("w:instr")) or ""):
                    ts = list(fld.iter(qn("w:t")))
                    if ts:
                        ts[0].text = title
                        for extra in ts[1:]:
                            extra.text = ""


def _ensure_styles(doc: DocxDocument) -> None:
    """Copy from the built-in reference any style the builder uses and the given one lacks."""
    names = {s.name for s in doc.styles}
    missing = [n for n in STYLES_USED if n not in names]
    if not missing:
        return
    builtin = docx.Document(str(builtin_template_dir() / "reference.docx"))
    for name in missing:
        src = next((s for s in builtin.styles if s.name == name), None)
        if src is None:
            raise TemplateError(
                "reference.docx",
                None,
                t(f"style « {name} » introuvable", f"style '{name}' not found"),
            )
        doc.styles.element.append(copy.deepcopy(src.element))


def _clear_body(doc: DocxDocument) -> None:
    """Remove the reference's sample content, keeping the final section properties."""
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def _core_properties(doc: DocxDocument, ctx: dict[str, Any], title: str, tag: str) -> None:
    props = doc.core_properties
    iso = ctx["doc"]["date_iso"]
    when = dt.datetime.fromisoformat(iso).replace(tzinfo=dt.UTC) if iso else _FIXED_DATE
    props.title = title[:255]
    props.subject = ctx["doc"]["organisation"][:255]
    props.author = (", ".join(ctx["doc"]["authors"]) or ctx["doc"]["organisation"])[:255]
    props.last_modified_by = "aipd"
    props.keywords = "AIPD, DPIA, RGPD, CNIL"
    props.comments = f"aipd {ctx['trace']['aipd_version']}; SHA-256 {ctx['trace']['digest']}"
    props.category = ctx["verdict"]["label"]
    props.language = tag
    props.revision = 1
    props.created = when
    props.modified = when
    props.last_printed = when
    props.version = ctx["doc"]["version"][:255]
    props.identifier = ctx["doc"]["id"]
    props.content_status = ctx["doc"]["status"]


# --- entry points ---------------------------------------------------------------------------

SECTIONS: tuple[Callable[[_Builder], None], ...] = (
    _synthese,
    _contexte,
    _principes,
    _risques,
    _validation,
    _annexes,
)


def build_document(
    assessment: Assessment,
    *,
    lang: Lang = "fr",
    template: Path | None = None,
    plugin_dirs: Sequence[Path] = (),
) -> bytes:
    """The DOCX bytes of the AIPD of ``assessment`` (canonical ZIP)."""
    ctx = build_context(assessment, lang=lang)
    reference = Path(template) if template is not None else builtin_template_dir() / "reference.docx"
    try:
        doc = docx.Document(str(reference))
    except Exception as exc:
        raise TemplateError(
            str(reference),
            None,
            t(f"document de référence illisible : {exc}", f"unreadable reference document: {exc}"),
        ) from exc
    _clear_body(doc)
    _ensure_styles(doc)
    wording = Wording(lang=lang, context=ctx, plugin_dirs=plugin_dirs)
    b = _Builder(doc, wording, ctx)
    _cover(b)
    toc_anchor = doc.add_paragraph()
    for section in SECTIONS:
        section(b)
    _insert_toc(b, toc_anchor)
    tag = LANG_TAGS[lang]
    title = f"{b.L('document_short')} — {ctx['doc']['processing']}"
    _set_language(doc, tag)
    _update_fields_on_open(doc)
    _refresh_title_fields(doc, title)
    _core_properties(doc, ctx, title, tag)
    return package_bytes(doc)

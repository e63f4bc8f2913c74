"""Build ``templates/default/reference.docx``, the look of the AIPD document.

The reference holds styles only (fonts, colours, headings, table style,
highlighted « À compléter » runs, header with the title, footer with page
numbers); the document's text is written by aipd. A collectivité may restyle a
copy in Word (keeping the style names) and pass it with ``--template``.

Run from the repository root: ``python templates/build_reference.py``. The
result is byte-reproducible, so it is committed and checked in the tests.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from aipd.render.docx import canonical_zip  # noqa: E402  # the repository's own packer, after the path fix

FONT = "Arial"  # metric-compatible Liberation Sans replaces it where Arial is missing
NAVY = RGBColor(0x1F, 0x38, 0x64)
BLUE = RGBColor(0x2F, 0x54, 0x96)
GREY = RGBColor(0x59, 0x59, 0x59)


def _font(
    style: docx.styles.style.BaseStyle,
    size: float,
    *,
    bold: bool = False,
    colour: RGBColor | None = None,
    italic: bool = False,
) -> None:
    f = style.font  # type: ignore[attr-defined]  # paragraph and character styles have a font
    f.name = FONT
    f.size = Pt(size)
    f.bold = bold
    f.italic = italic
    if colour is not None:
        f.color.rgb = colour
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(attr), None)


def _shade_paragraph(style: docx.styles.style.BaseStyle, fill: str, border: str) -> None:
    ppr = style.element.get_or_add_pPr()
    ppr.append(
        parse_xml(
            f'<w:pBdr {nsdecls("w")}><w:left w:val="single" w:sz="24" w:space="6" w:color="{border}"/></w:pBdr>'
        )
    )
    ppr.append(parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{fill}"/>'))


def build() -> bytes:
    doc = docx.Document()
    styles = doc.styles

    # page: A4, 2 cm margins, a cover page without header or footer
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2))
    section.different_first_page_header_footer = True

    normal = styles["Normal"]
    _font(normal, 10.5)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15

    _font(styles["Title"], 24, bold=True, colour=NAVY)
    styles["Title"].paragraph_format.space_after = Pt(18)
    _font(styles["Subtitle"], 14, colour=BLUE)
    styles["Subtitle"].paragraph_format.space_before = Pt(120)
    for level, size, colour in ((1, 16, NAVY), (2, 13, BLUE), (3, 11, NAVY)):
        h = styles[f"Heading {level}"]
        _font(h, size, bold=True, colour=colour)
        h.paragraph_format.space_before = Pt(18 if level == 1 else 12)
        h.paragraph_format.space_after = Pt(6)
        h.paragraph_format.keep_with_next = True
    _font(styles["Caption"], 8.5, italic=True, colour=GREY)
    styles["Caption"].paragraph_format.space_after = Pt(10)
    _font(styles["List Bullet"], 10.5)
    _font(styles["TOC Heading"], 16, bold=True, colour=NAVY)

    for level in (1, 2, 3):
        toc = styles.add_style(f"toc {level}", WD_STYLE_TYPE.PARAGRAPH)
        toc.base_style = normal
        toc.paragraph_format.left_indent = Cm(0.6 * (level - 1))
        toc.paragraph_format.space_after = Pt(2)
        _font(toc, 10.5 if level == 1 else 10, bold=level == 1)

    cell_text = styles.add_style("AIPD Table Text", WD_STYLE_TYPE.PARAGRAPH)
    cell_text.base_style = normal
    _font(cell_text, 9)
    cell_text.paragraph_format.space_after = Pt(2)
    cell_text.paragraph_format.line_spacing = 1.0

    box = styles.add_style("AIPD Box", WD_STYLE_TYPE.PARAGRAPH)
    box.base_style = normal
    _font(box, 11, bold=True, colour=NAVY)
    _shade_paragraph(box, "EAF1FB", "2F5496")

    alert = styles.add_style("AIPD Alert", WD_STYLE_TYPE.PARAGRAPH)
    alert.base_style = normal
    _font(alert, 11, bold=True, colour=RGBColor(0x9B, 0x1C, 0x1C))
    _shade_paragraph(alert, "FDECEA", "B71C1C")

    todo = styles.add_style("AIPD To Complete", WD_STYLE_TYPE.CHARACTER)
    _font(todo, 10, bold=True, colour=RGBColor(0x7A, 0x45, 0x00))
    todo.element.get_or_add_rPr().append(
        parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="FFF2B3"/>')
    )

    signature = styles.add_style("AIPD Signature", WD_STYLE_TYPE.PARAGRAPH)
    signature.base_style = normal
    signature.paragraph_format.space_before = Pt(36)

    # table style: thin grid, shaded header row that repeats (the builder marks it)
    table = styles.add_style("AIPD Table", WD_STYLE_TYPE.TABLE)
    table.base_style = styles["Table Grid"]
    table.element.append(
        parse_xml(
            f"<w:tblPr {nsdecls('w')}><w:tblBorders>"
            + "".join(
                f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="8EAADB"/>'
                for side in ("top", "left", "bottom", "right", "insideH", "insideV")
            )
            + '</w:tblBorders><w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="80" w:type="dxa"/>'
            '<w:bottom w:w="40" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr>'
        )
    )
    table.element.append(
        parse_xml(
            f'<w:tblStylePr {nsdecls("w")} w:type="firstRow"><w:rPr><w:b/><w:color w:val="1F3864"/></w:rPr>'
            '<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="D9E2F3"/></w:tcPr></w:tblStylePr>'
        )
    )

    # header: the document title (TITLE field, refreshed by aipd); footer: page n / N
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    header._p.append(
        parse_xml(
            f'<w:fldSimple {nsdecls("w")} w:instr=" TITLE \\* MERGEFORMAT "><w:r><w:rPr><w:sz w:val="16"/>'
            '<w:color w:val="595959"/></w:rPr><w:t>AIPD</w:t></w:r></w:fldSimple>'
        )
    )
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for i, instr in enumerate(("PAGE", "NUMPAGES")):
        if i:
            footer.add_run(" / ")
        footer._p.append(
            parse_xml(
                f'<w:fldSimple {nsdecls("w")} w:instr=" {instr} "><w:r><w:t>1</w:t></w:r></w:fldSimple>'
            )
        )

    # sample body: shows a DPO every style to restyle; aipd removes it when rendering
    doc.add_paragraph("Analyse d'impact relative à la protection des données", style="Subtitle")
    doc.add_paragraph("Titre du traitement", style="Title")
    doc.add_paragraph("Sommaire", style="TOC Heading")
    for level in (1, 2, 3):
        doc.add_paragraph(f"Titre de niveau {level}", style=f"Heading {level}")
        doc.add_paragraph(f"Entrée de sommaire {level}", style=f"toc {level}")
    doc.add_paragraph("Texte courant.")
    doc.add_paragraph("Élément de liste.", style="List Bullet")
    doc.add_paragraph("Encadré : la conclusion.", style="AIPD Box")
    doc.add_paragraph("Alerte : un point bloquant.", style="AIPD Alert")
    p = doc.add_paragraph("Texte avec un élément ")
    p.add_run("[À compléter]", style="AIPD To Complete")
    t = doc.add_table(rows=2, cols=2, style="AIPD Table")
    for row in t.rows:
        for cell in row.cells:
            cell.paragraphs[0].style = cell_text
            cell.paragraphs[0].add_run("Cellule")
    doc.add_paragraph("Légende du tableau", style="Caption")
    doc.add_paragraph("Signature", style="AIPD Signature")

    props = doc.core_properties
    when = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    props.title = "AIPD — document de référence"
    props.author = "aipd"
    props.last_modified_by = "aipd"
    props.comments = "Styles of the AIPD document; restyle in Word, keep the style names."
    props.revision = 1
    props.created = props.modified = props.last_printed = when
    props.language = "fr-FR"

    buf = io.BytesIO()
    doc.save(buf)
    return canonical_zip(buf.getvalue())


def main() -> None:
    out = HERE / "default" / "reference.docx"
    out.write_bytes(build())
    print(out)


if __name__ == "__main__":
    main()

"""Writing a triage: one line per processing (CSV, XLSX) and a summary (Markdown).

The CSV is what French spreadsheets open without a dialog: UTF-8 with BOM,
``;`` separators, CRLF line ends, headers in the chosen language; a text cell that
would start a formula gets an apostrophe before it (CSV injection). The XLSX is
written in openpyxl's write-only mode (rows streamed to the file). Both are
written to a temporary file replaced at the end, so a failure keeps the old one.
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Callable, Iterable
from typing import IO, Any

from aipd.atomic import atomic_path
from aipd.i18n import Lang, t
from aipd.registers import INSTALL_HINT, DomainHint
from aipd.text import from_markdown_text, markdown_text, spreadsheet_cell
from aipd.triage import TriageOutcome, TriageResult, TriageSummary

__all__ = [
    "COLUMNS",
    "Progress",
    "atomic_path",
    "result_row",
    "summary_docx",
    "summary_markdown",
    "write_csv",
    "write_xlsx",
]

#: The output columns, French then English.
COLUMNS = (
    t("Ligne", "Row"),
    t("Référence", "Reference"),
    t("Identifiant", "Identifier"),
    t("Traitement", "Processing"),
    t("Résultat", "Outcome"),
    t("Motif", "Reason"),
    t("Critères WP248 remplis", "WP248 criteria met"),
    t("Listes de la CNIL", "CNIL lists"),
    # Every rule met whose effect is REQUIRES, besides the CNIL lists (a column of their own): GDPR
    # art. 35(3), loi Informatique et Libertés art. 90, the CNIL's presumption for high-risk AI
    # systems, a plug-in's. Each with its effect (mandatory or presumed necessary) and source.
    t(
        "Règles rendant l'AIPD requise, hors listes de la CNIL (effet — source)",
        "Rules making a DPIA required, besides the CNIL lists (effect — source)",
    ),
    t("Points bloquants", "Blocking issues"),
    t("Classe AI Act", "AI Act class"),
    t("Faits manquants", "Missing facts"),
    t("Faits supposés (à confirmer)", "Assumed facts (to confirm)"),
    t("Problèmes de lecture", "Reading problems"),
    t("Remarques", "Notes"),
    # Last, so that readers of the earlier columns by position keep working.
    t("Source (fichier [feuille])", "Source (file [sheet])"),
    # After the source, for the same reason.
    t(
        "Domaines suggérés par le nom ou la finalité (à vérifier, non utilisés par l'examen)",
        "Domains suggested by the name or purpose (to check, not used by the screening)",
    ),
)


def _join(values: Iterable[str]) -> str:
    return " | ".join(values)


def result_row(r: TriageResult, lang: Lang = "fr") -> list[Any]:
    """One output line, in :data:`COLUMNS` order."""
    return [
        r.row,
        r.register_ref or "",
        r.id or "",
        r.name or "",
        r.outcome.label(lang),
        r.reason.get(lang) if r.reason else "",
        _join(r.criteria_met),
        _join(
            f"{i} {x.get(lang)}{_exemption(r, i, lang)}"
            for i, x in zip(r.list_items, r.list_titles, strict=True)
        ),
        _join(f"{i} : {x.get(lang)}" for i, x in zip(r.mandatory, r.mandatory_sources, strict=True)),
        _join(r.blocking),
        r.ai_act_class.label(lang) if r.ai_act_class else "",
        _join(r.missing_facts),
        _join(r.assumed),
        _join(p.format(lang) for p in r.problems),
        _join(n.get(lang) for n in r.notes),
        r.source or "",
        _join(_hint(h, lang) for h in r.domain_hints),
    ]


def _exemption(r: TriageResult, item: str, lang: Lang) -> str:
    """What an item of an exemption list does to this row, after its title: the column « Listes de la
    CNIL » holds the items of both lists, and a type exempt from a DPIA is no reason to start one."""
    if item not in r.list_exemptions:
        return ""
    if r.outcome is TriageOutcome.REQUIRED:  # only a rule requiring a DPIA prevails over an exemption
        return t(
            " (type dispensé d'AIPD, mais la dispense ne s'applique pas : une règle rendant l'AIPD requise prévaut)",
            " (exempt type, but the exemption does not apply: a rule making a DPIA required prevails)",
        ).get(lang)
    return t(" (type dispensé d'AIPD)", " (exempt type)").get(lang)


def _hint(hint: DomainHint, lang: Lang) -> str:
    """« Vidéoprotection (« caméras ») »: the domain suggested and the words that suggest it."""
    if lang == "fr":
        return f"{hint.domain.fr} ({', '.join(f'« {w} »' for w in hint.words)})"
    return f"{hint.domain.en} ({', '.join(repr(w) for w in hint.words)})"


def _plain_line(cells: list[Any]) -> str | None:
    """The CSV line ``csv.writer`` (``;``, minimal quoting, CRLF) writes for ``cells``, when no cell
    needs quotes: texts and whole numbers, none holding ``;``, ``"`` or a line break, two cells or
    more; else ``None``. Most result lines are such: joined in C, they are not scanned character by
    character by the csv module (a quarter of the cost of writing a result)."""
    if len(cells) < 2 or any(type(v) is not str and type(v) is not int for v in cells):
        return None
    line = ";".join([v if type(v) is str else str(v) for v in cells])
    if line.count(";") != len(cells) - 1 or '"' in line or "\n" in line or "\r" in line:
        return None
    return line + "\r\n"


def _write_csv_to(
    handle: IO[str], results: Iterable[TriageResult], lang: Lang, each: Callable[[TriageResult], None]
) -> None:
    writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
    writer.writerow([c.get(lang) for c in COLUMNS])
    write = handle.write
    for r in results:
        each(r)
        # Every text cell carries a register's or a plug-in's words (a name, a reference, a quoted
        # value in a note or a problem, a file name): one starting with "=", "+", "-", "@", a tab or
        # a carriage return would run as a formula in the DPO's spreadsheet. The row number is an
        # int, written as a number.
        cells = [spreadsheet_cell(v) if isinstance(v, str) else v for v in result_row(r, lang)]
        line = _plain_line(cells)
        if line is None:
            writer.writerow(cells)
        else:
            write(line)


def write_csv(
    results: Iterable[TriageResult],
    out: str | os.PathLike[str] | IO[str],
    *,
    lang: Lang = "fr",
    each: Callable[[TriageResult], None] = lambda r: None,
) -> None:
    """Write the results as CSV (UTF-8 with BOM, ``;``, CRLF), calling ``each`` on every result.

    A text cell that a spreadsheet would run as a formula is written with an apostrophe before it
    (:func:`aipd.text.spreadsheet_cell`)."""
    if not isinstance(out, str | os.PathLike):
        out.write("\ufeff")
        _write_csv_to(out, results, lang, each)
        return
    with atomic_path(out, ".csv") as tmp, tmp.open("w", encoding="utf-8-sig", newline="") as handle:
        _write_csv_to(handle, results, lang, each)


def write_xlsx(
    results: Iterable[TriageResult],
    out: str | os.PathLike[str],
    *,
    lang: Lang = "fr",
    each: Callable[[TriageResult], None] = lambda r: None,
) -> None:
    """Write the results as XLSX (openpyxl write-only: rows go to the file as they come)."""
    try:
        from openpyxl import Workbook  # optional dependency: extra "registers"
    except ImportError as exc:
        from aipd.errors import InputError, Problem

        raise InputError(
            [
                Problem(
                    "-o",
                    t(
                        f"l'écriture XLSX demande la bibliothèque openpyxl : {INSTALL_HINT}",
                        f"writing XLSX needs the openpyxl library: {INSTALL_HINT}",
                    ),
                )
            ]
        ) from exc
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    sheet = book.create_sheet(t("Tri du registre", "Register triage").get(lang))
    sheet.append([c.get(lang) for c in COLUMNS])

    def as_text(value: Any) -> Any:
        # openpyxl stores a text starting with "=" as a formula: a register's name
        # '=HYPERLINK("http://…")' would be a live link in the DPO's spreadsheet. Typed as text.
        if isinstance(value, str) and value.startswith("="):
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"
            return cell
        return value

    for r in results:
        each(r)
        sheet.append([as_text(v) for v in result_row(r, lang)])
    with atomic_path(out, ".xlsx") as tmp:
        book.save(tmp)


def _md(text: str) -> str:
    """A register's or a plug-in's text shown as written in the Markdown summary (a cell, a list item):
    a processing named ``**URGENT**`` or ``<img …>`` is not bold nor an image (:func:`markdown_text`)."""
    return markdown_text(text)


def summary_markdown(summary: TriageSummary, *, source: str, lang: Lang = "fr") -> str:
    """The summary of a triage: totals, the AIPDs to start first (and why), unreadable rows, missing facts."""

    def s(fr: str, en: str) -> str:
        return fr if lang == "fr" else en

    lines = [
        s("# Tri du registre des traitements", "# Triage of the register of processing activities"),
        "",
        s(
            f"Registre : {_md(source)} — {summary.rows} traitement(s) lu(s).",
            f"Register: {_md(source)} — {summary.rows} processing(s) read.",
        ),
        "",
        s("## Totaux", "## Totals"),
        "",
        s("| Résultat | Nombre |", "| Outcome | Count |"),
        "|---|---:|",
    ]
    for outcome in TriageOutcome:
        lines.append(f"| {outcome.label(lang)} | {summary.counts[outcome]} |")
    lines.append("")
    if summary.ai_systems:
        lines += [
            s(
                f"Systèmes d'IA déclarés : {summary.ai_systems}, dont {summary.ai_high_or_prohibited} à haut risque "
                "ou relevant d'une pratique interdite (AI Act, art. 5 et 6).",
                f"AI systems declared: {summary.ai_systems}, of which {summary.ai_high_or_prohibited} high-risk or "
                "a prohibited practice (AI Act arts. 5 and 6).",
            ),
            "",
        ]
    if summary.hinted:
        counts = sorted(summary.suggested_domains.items(), key=lambda kv: (-kv[1], kv[0].label(lang)))
        listed = s(" ; ", "; ").join(f"{d.label(lang)}{s(' : ', ': ')}{n}" for d, n in counts)
        lines += [
            s(
                f"Domaines suggérés par le nom ou la finalité de {summary.hinted} traitement(s) (colonne "
                "« Domaines suggérés ») : à vérifier puis à inscrire dans le registre, colonne « Domaine ». "
                "L'examen ne s'en sert pas : aucune dispense de la liste de la CNIL (délibération 2019-118) "
                "n'est accordée sur une supposition. ",
                f"Domains suggested by the name or purpose of {summary.hinted} processing(s) (column "
                '"Domains suggested"): to check, then to write in the register, column "Domaine". The '
                "screening does not use them: no exemption of the CNIL list (délibération 2019-118) is granted "
                "on a guess. ",
            )
            + _md(listed)
            + ".",
            "",
        ]
    lines += [s("## AIPD à engager en premier", "## DPIAs to start first"), ""]
    first = summary.first
    if not first and summary.presumed_count:
        lines += [
            s(
                "Aucune AIPD établie comme requise d'après les faits du registre ; "
                f"{summary.presumed_count} traitement(s) en remplissent probablement les conditions (section suivante).",
                "No DPIA established as required on the register's facts; "
                f"{summary.presumed_count} processing(s) probably meet the conditions (next section).",
            ),
            "",
        ]
    elif not first:
        lines += [
            s(
                "Aucune AIPD requise d'après les faits du registre.",
                "No DPIA required on the register's facts.",
            ),
            "",
        ]
    else:
        lines += [
            s(
                "Ordre : point bloquant d'abord ; puis système d'IA interdit ou à haut risque ; puis nombre de "
                "règles rendant l'AIPD requise (cas où elle est obligatoire : art. 35.3 du RGPD, art. 90 de la loi "
                "Informatique et Libertés ; présomption d'une source citée : fiche de la CNIL sur les systèmes "
                "d'IA à haut risque) et d'items de la liste de la CNIL des types exigeant une AIPD (les types "
                "dispensés ne comptent pas) ; puis nombre de critères WP248 ; enfin "
                "l'ordre du registre.",
                "Order: blocking issue first; then a prohibited or high-risk AI system; then the number of rules "
                "making a DPIA required (cases where it is mandatory: GDPR art. 35(3), loi Informatique et Libertés "
                "art. 90; a presumption of a cited source: the CNIL's sheet on high-risk AI systems) and of items "
                "of the CNIL's list of types requiring a DPIA (exempt types do not count); then the number of "
                "WP248 criteria; then the register's order.",
            ),
            "",
            s(
                "| Rang | Ligne | Traitement | Pourquoi | Critères WP248 |",
                "| Rank | Row | Processing | Why | WP248 criteria |",
            ),
            "|---:|---:|---|---|---|",
        ]
        for rank, r in enumerate(first, start=1):
            why = [
                *r.blocking,
                *(r.ai_act_class.label(lang) for r in [r] if r.ai_act_class),
                *r.mandatory,
                # An exemption list's item met on a required row is overridden: no reason to start it.
                *(i for i in r.list_items if i not in r.list_exemptions),
            ]
            lines.append(
                f"| {rank} | {r.row} | {_md(r.name or '')} | {_md(', '.join(why) or (r.reason.get(lang) if r.reason else ''))} "
                f"| {_md(', '.join(r.criteria_met))} |"
            )
        lines.append("")
    presumed = summary.presumed_first
    if presumed:
        lines += [
            s(
                f"## AIPD probables, faits à compléter ({summary.presumed_count})",
                f"## Probable DPIAs, facts to complete ({summary.presumed_count})",
            ),
            "",
            s(
                "Ces traitements remplissent au moins deux critères WP248 ou une règle rendant l'AIPD requise "
                "(art. 35.3 du RGPD, art. 90 de la loi Informatique et Libertés, présomption d'une source "
                "citée) : l'AIPD est présumée requise, mais un fait manque pour le dire (souvent une dispense "
                "de la liste de la CNIL qui pourrait s'appliquer). Complétez-les en premier, dans cet ordre.",
                "These processings meet at least two WP248 criteria or a rule making a DPIA required (GDPR "
                "art. 35(3), loi Informatique et Libertés art. 90, a presumption of a cited source): a DPIA is "
                "presumed required, but a fact is missing to say so (often a CNIL list exemption that might "
                "apply). Complete them first, in this order.",
            ),
            "",
            s(
                "| Rang | Ligne | Traitement | Règles et critères WP248 remplis | Faits à compléter |",
                "| Rank | Row | Processing | Rules and WP248 criteria met | Facts to complete |",
            ),
            "|---:|---:|---|---|---|",
        ]
        for rank, r in enumerate(presumed, start=1):
            facts = ", ".join(r.missing_facts[:5]) + (" …" if len(r.missing_facts) > 5 else "")
            lines.append(
                f"| {rank} | {r.row} | {_md(r.name or '')} | {_md(', '.join((*r.mandatory, *r.criteria_met)))} "
                f"| {_md(facts)} |"
            )
        lines.append("")
    if summary.failed:
        lines += [
            s(f"## Lignes illisibles ({summary.failed})", f"## Unreadable rows ({summary.failed})"),
            "",
            s(
                "Ces lignes n'ont pas été triées ; corrigez-les dans le registre (toutes figurent dans le tableau "
                "de sortie).",
                "These rows were not triaged; correct them in the register (all are in the output table).",
            ),
            "",
        ]
        for r in summary.unreadable:
            reasons = "; ".join(p.message.get(lang) + f" ({p.path})" for p in r.problems)
            lines.append(f"- {s('ligne', 'row')} {r.row} : {_md(reasons)}")
        if summary.failed > len(summary.unreadable):
            lines.append(
                s(
                    f"- … et {summary.failed - len(summary.unreadable)} autre(s)",
                    f"- … and {summary.failed - len(summary.unreadable)} more",
                )
            )
        lines.append("")
    missing = summary.top_missing()
    if missing:
        lines += [
            s("## Faits à collecter le plus souvent", "## Facts most often to collect"),
            "",
            s("| Fait (chemin du modèle) | Traitements |", "| Fact (model path) | Processings |"),
            "|---|---:|",
            *(f"| `{fact}` | {n} |" for fact, n in missing),
            "",
        ]
    return "\n".join(lines)


class Progress:
    """A progress bar on a terminal's stderr, silent elsewhere (pipes, files, CI).

    Shown only when ``stream.isatty()`` and the ``CI`` variable is unset; redrawn at
    most every 1 % of ``total`` (or every 200 rows when the total is unknown).
    """

    def __init__(self, total: int | None, stream: IO[str], *, enabled: bool | None = None) -> None:
        self.total = total if total and total > 0 else None
        self.stream = stream
        isatty = getattr(stream, "isatty", lambda: False)
        self.enabled = enabled if enabled is not None else bool(isatty()) and not os.environ.get("CI")
        self.done = 0
        self.step = max(1, (self.total or 20_000) // 100)

    def __call__(self, _result: TriageResult) -> None:
        self.done += 1
        if self.enabled and self.done % self.step == 0:
            self._draw()

    def _draw(self) -> None:
        if self.total:
            share = min(self.done / self.total, 1.0)
            bar = "#" * int(share * 30)
            self.stream.write(f"\r[{bar:<30}] {self.done}/{self.total}")
        else:
            self.stream.write(f"\r{self.done}")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self._draw()
            self.stream.write("\n")
            self.stream.flush()


def _cells(line: str) -> list[str]:
    """The cells of a Markdown table line written by :func:`summary_markdown`."""
    parts = line.strip().split("|")[1:-1]  # a text's own "|" is a character reference (_md)
    return [_plain(p.strip()) for p in parts]


def _plain(line: str) -> str:
    """A line of the Markdown summary as plain text: aipd's code marks dropped, the texts' characters
    read back (:func:`from_markdown_text`), so the DOCX shows a name as written, backticks included."""
    return from_markdown_text(line.replace("`", ""))


def summary_docx(summary: TriageSummary, *, source: str, lang: Lang = "fr") -> bytes:
    """The summary as a DOCX (same content as :func:`summary_markdown`), canonical bytes.

    Built from the Markdown text, so both formats say the same; packaged with the
    document renderer's canonical ZIP, so the same triage gives the same bytes.
    """
    from docx import Document

    from aipd.render.docx import package_bytes

    doc = Document()
    table: list[list[str]] = []

    def flush() -> None:
        if not table:
            return
        t_ = doc.add_table(rows=len(table), cols=len(table[0]))
        t_.style = "Table Grid"
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                t_.cell(r, c).text = value
                if r == 0:
                    for run in t_.cell(r, c).paragraphs[0].runs:
                        run.bold = True
        table.clear()

    # Markdown's own line ends only: splitlines() also splits at U+2028 or U+0085, which a name may hold
    for line in summary_markdown(summary, source=source, lang=lang).split("\n"):
        if line.startswith("|"):
            if not re.fullmatch(r"\|[-:|]+\|", line.strip()):
                table.append(_cells(line))
            continue
        flush()
        if line.startswith("## "):
            doc.add_heading(line[3:], level=2)
        elif line.startswith("# "):
            doc.add_heading(line[2:], level=1)
        elif line.startswith("- "):
            doc.add_paragraph(_plain(line[2:]), style="List Bullet")
        elif line.strip():
            doc.add_paragraph(_plain(line))
    flush()
    return package_bytes(doc)

"""The action plan (CNIL method, part 4): what remains to do, by whom, by when, against which risks.

Its rows are the measures the operation declares as planned or considered (or
in place with a due date still to come, which count as planned) and the other
actions it lists (``operation.actions``). Each catalogue measure
carries the risks it addresses, taken from the risk analysis. The plan
exports as a CSV a French spreadsheet opens as it is.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from typing import TYPE_CHECKING, Literal

import attrs

from aipd.i18n import Lang, Text, check_lang
from aipd.model import ProcessingOperation
from aipd.registry import Catalogue
from aipd.risks import RiskAnalysis
from aipd.vocabulary import MeasureStatus

if TYPE_CHECKING:
    from aipd.assess import Assessment

__all__ = ["ActionPlan", "ActionRow", "action_plan", "action_plan_csv"]


@attrs.frozen(kw_only=True)
class ActionRow:
    """One line of the plan: a measure not yet in place, or another action."""

    kind: Literal["measure", "action"]
    id: str | None
    title: Text
    owner: str | None
    due: dt.date | None
    status: MeasureStatus
    risks: tuple[str, ...]
    risk_titles: tuple[Text, ...]


@attrs.frozen(kw_only=True)
class ActionPlan:
    """The rows sorted by due date (undated last), then kind and title; ``missing`` lists gaps."""

    rows: tuple[ActionRow, ...]
    missing: tuple[str, ...]

    def __iter__(self) -> Iterator[ActionRow]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)


def action_plan(op: ProcessingOperation, catalogue: Catalogue, risks: RiskAnalysis) -> ActionPlan:
    """Build the plan from the declared measures not yet implemented and the other actions."""
    by_id = catalogue.measures_by_id
    addressed: dict[str, list[tuple[str, Text]]] = {}
    for r in risks:
        for rm in r.addressed_by:
            addressed.setdefault(rm.id, []).append((r.id, r.title))
    rows: list[ActionRow] = []
    missing: list[str] = []
    for i, m in enumerate(op.measures):
        status = op.counted_status(m)  # « En place » with a due date to come counts as planned
        if status is MeasureStatus.IMPLEMENTED:
            continue
        cat = by_id.get(m.id)
        title = Text(m.title, m.title) if m.title else cat.title if cat else Text(m.id, m.id)
        linked = addressed.get(m.id, [])
        rows.append(
            ActionRow(
                kind="measure",
                id=m.id,
                title=title,
                owner=m.owner,
                due=m.due,
                status=status,
                risks=tuple(rid for rid, _ in linked),
                risk_titles=tuple(tt for _, tt in linked),
            )
        )
        if m.owner is None:
            missing.append(f"measures[{i}].owner")
        if m.due is None:
            missing.append(f"measures[{i}].due")
    for i, a in enumerate(op.actions):
        rows.append(
            ActionRow(
                kind="action",
                id=None,
                title=Text(a.action, a.action),
                owner=a.owner,
                due=a.due,
                status=a.status,
                risks=(),
                risk_titles=(),
            )
        )
        if a.owner is None:
            missing.append(f"actions[{i}].owner")
        if a.due is None:
            missing.append(f"actions[{i}].due")
    rows.sort(key=lambda r: (r.due or dt.date.max, r.kind, r.title.fr, r.id or ""))
    return ActionPlan(rows=tuple(rows), missing=tuple(missing))


_HEADERS: dict[Lang, tuple[str, ...]] = {
    "fr": ("Mesure ou action", "Identifiant", "Responsable", "Échéance", "État", "Risques traités"),
    "en": ("Measure or action", "Identifier", "Owner", "Due date", "Status", "Risks addressed"),
}

# Characters that make a spreadsheet read a cell as a formula (CSV injection): such a
# cell is prefixed with an apostrophe, which Excel and LibreOffice show as plain text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value


def action_plan_csv(assessment: Assessment, lang: Lang = "fr") -> str:
    """The action plan as CSV text for a spreadsheet: BOM, ``;`` separator, CRLF line ends.

    French Excel uses the comma as decimal separator and so expects ``;``
    between fields; without the UTF-8 byte order mark it reads the file as
    Windows-1252 and garbles accents. Fields holding ``;``, quotes or line
    breaks are quoted (quotes doubled), as RFC 4180 says. Dates are ISO
    (AAAA-MM-JJ), which both Excel and LibreOffice recognise.
    """
    lang = check_lang(lang)
    plan = assessment.action_plan
    if plan is None:
        raise ValueError("assessment has no action plan (built by aipd.assess)")
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(_HEADERS[lang])
    for r in plan.rows:
        writer.writerow(
            [
                _cell(r.title.get(lang)),
                _cell(r.id or ""),
                _cell(r.owner or ""),
                r.due.isoformat() if r.due else "",
                r.status.label(lang),
                _cell(", ".join(tt.get(lang) for tt in r.risk_titles)),
            ]
        )
    return "\ufeff" + out.getvalue()

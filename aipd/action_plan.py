"""The action plan (CNIL method, part 4): what remains to do, by whom, by when, against which risks.

Its rows are the measures the operation declares as planned or considered (or
in place with a due date still to come, which count as planned) and the other
actions it lists (``operation.actions``), then what the analysis itself leaves
to do: each principle « problème à résoudre » (to correct), the facts the risk
levels still wait for, and each level the DPO lowered without a justification.
Each catalogue measure carries the risks it addresses, taken from the risk
analysis. The plan exports as a CSV a French spreadsheet opens as it is.
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
from aipd.text import spreadsheet_cell
from aipd.vocabulary import MeasureStatus

if TYPE_CHECKING:
    from aipd.assess import Assessment
    from aipd.consultation import Consultation
    from aipd.principles import Principles
    from aipd.screening import Screening

__all__ = ["ActionPlan", "ActionRow", "action_plan", "action_plan_csv"]


#: The state of a row the analysis adds (a principle to correct, facts to complete): nobody has
#: planned it yet.
TO_DO = Text("À faire", "To do")


@attrs.frozen(kw_only=True)
class ActionRow:
    """One line of the plan: a measure not yet in place, another action, or what the analysis
    leaves to do (``kind`` ``"principle"``: a principle to correct; ``"facts"``: facts to
    complete or a lowered level to justify), whose ``status`` is ``None`` (« À faire »)."""

    kind: Literal["measure", "action", "principle", "facts"]
    id: str | None
    title: Text
    owner: str | None
    due: dt.date | None
    status: MeasureStatus | None
    risks: tuple[str, ...]
    risk_titles: tuple[Text, ...]
    #: ``title`` is the user's own words (a measure's title, an action), shown as written: no
    #: typography, in either language; else it is aipd's or a plug-in's wording.
    user_title: bool = False

    @property
    def status_label(self) -> Text:
        """The state as a DPO reads it: the measure's or action's, « À faire » for the analysis's rows."""
        return TO_DO if self.status is None else Text(self.status.fr, self.status.en)


@attrs.frozen(kw_only=True)
class ActionPlan:
    """The rows sorted by due date (undated last), then kind and title; ``missing`` lists gaps."""

    rows: tuple[ActionRow, ...]
    missing: tuple[str, ...]

    def __iter__(self) -> Iterator[ActionRow]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)


def action_plan(
    op: ProcessingOperation,
    catalogue: Catalogue,
    risks: RiskAnalysis,
    principles: Principles | None = None,
    *,
    screening: Screening | None = None,
    consultation: Consultation | None = None,
) -> ActionPlan:
    """Build the plan from the declared measures not yet implemented and the other actions, then
    what the analysis leaves to do: the principles to correct (``principles``), the facts the
    screening, the risks and the consultation decision wait for (``screening``,
    ``consultation``), the lowered levels to justify."""
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
        user_title = bool(m.title) or cat is None  # the user's title, or the user's own id
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
                user_title=user_title,
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
                user_title=True,
            )
        )
        if a.owner is None:
            missing.append(f"actions[{i}].owner")
        if a.due is None:
            missing.append(f"actions[{i}].due")
    rows += _analysis_rows(op, risks, principles, screening, consultation)
    rows.sort(key=lambda r: (r.due or dt.date.max, _KIND_ORDER[r.kind], r.title.fr, r.id or ""))
    return ActionPlan(rows=tuple(rows), missing=tuple(missing))


#: Undated rows: the declared actions and measures first, then what the analysis leaves to do.
_KIND_ORDER = {"action": 0, "measure": 1, "principle": 2, "facts": 3}


def _analysis_rows(
    op: ProcessingOperation,
    risks: RiskAnalysis,
    principles: Principles | None,
    screening: Screening | None,
    consultation: Consultation | None,
) -> list[ActionRow]:
    """What the analysis leaves to do, so the plan a DPO signs lists it (CNIL method, part 4:
    the plan gathers what was judged « à corriger », and what the levels still wait for)."""
    from aipd.model import path_label

    def row(kind: Literal["principle", "facts"], title: Text, linked: list[tuple[str, Text]]) -> ActionRow:
        return ActionRow(
            kind=kind,
            id=None,
            title=title,
            owner=None,
            due=None,
            status=None,
            risks=tuple(rid for rid, _ in linked),
            risk_titles=tuple(tt for _, tt in linked),
        )

    rows: list[ActionRow] = []
    for p in principles.problems if principles is not None else ():
        rows.append(
            row(
                "principle",
                Text(
                    f"À corriger — {p.title.fr} ({p.source.citation.fr}) : "
                    + " ; ".join(m.fr for m in p.missing or p.established),
                    f"To correct — {p.title.en} ({p.source.citation.en}): "
                    + "; ".join(m.en for m in p.missing or p.established),
                ),
                [],
            )
        )

    def labels(paths: list[str], lang: Lang) -> str:
        return (" ; " if lang == "fr" else "; ").join(
            label.get(lang) if (label := path_label(m)) is not None else m for m in paths
        )

    asked: set[str] = set()
    screening_facts = list(screening.missing_facts) if screening is not None else []
    if screening_facts:
        asked.update(screening_facts)
        rows.append(
            row(
                "facts",
                Text(
                    "Compléter les faits dont dépend l'examen préalable (AIPD requise ou non) : "
                    + labels(screening_facts, "fr"),
                    "Complete the facts the screening depends on (DPIA required or not): "
                    + labels(screening_facts, "en"),
                ),
                [],
            )
        )
    waiting = [r for r in risks if r.missing]
    facts = list(dict.fromkeys(m for r in waiting for m in r.missing))
    asked.update(facts)
    if facts:
        rows.append(
            row(
                "facts",
                Text(
                    "Compléter les faits dont dépendent les niveaux de risque (un fait inconnu peut relever un "
                    "niveau, voire rendre la consultation préalable nécessaire) : " + labels(facts, "fr"),
                    "Complete the facts the risk levels depend on (an unknown fact may raise a level, or make "
                    "prior consultation necessary): " + labels(facts, "en"),
                ),
                [(r.id, r.title) for r in waiting],
            )
        )
    # The consultation's own open questions (the justifications have their rows below).
    deciding = [
        m
        for g in (consultation.grounds if consultation is not None else ())
        for m in g.missing
        if m not in asked and not m.endswith(".justification")
    ]
    deciding = list(dict.fromkeys(deciding))
    if deciding:
        rows.append(
            row(
                "facts",
                Text(
                    "Compléter les faits dont dépend la décision de consulter la CNIL : "
                    + labels(deciding, "fr"),
                    "Complete the facts the decision to consult the CNIL depends on: "
                    + labels(deciding, "en"),
                ),
                [],
            )
        )
    for i, j in enumerate(op.risk_judgements):
        r = risks.get(j.risk)
        if r is not None and r.lowered_unjustified:
            rows.append(
                row(
                    "facts",
                    Text(
                        f"Justifier les niveaux retenus sous la proposition pour le risque « {r.title.fr} » "
                        f"(risk_judgements[{i}].justification)",
                        f"Justify the levels retained below the proposal for the risk '{r.title.en}' "
                        f"(risk_judgements[{i}].justification)",
                    ),
                    [(r.id, r.title)],
                )
            )
    return rows


_HEADERS: dict[Lang, tuple[str, ...]] = {
    "fr": ("Mesure ou action", "Identifiant", "Responsable", "Échéance", "État", "Risques traités"),
    "en": ("Measure or action", "Identifier", "Owner", "Due date", "Status", "Risks addressed"),
}

# A cell a spreadsheet would run as a formula (CSV injection) gets an apostrophe: one guard for
# every CSV aipd writes (aipd.text.spreadsheet_cell).
_cell = spreadsheet_cell


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
                r.status_label.get(lang),
                _cell(", ".join(tt.get(lang) for tt in r.risk_titles)),
            ]
        )
    return "\ufeff" + out.getvalue()

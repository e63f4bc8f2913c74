"""Rich display in Jupyter (HTML) and elsewhere (Markdown).

A DPO working in a notebook sees blocking issues and the verdict first, in
French by default. The classes expose IPython's ``_repr_html_`` and
``_repr_markdown_`` protocol by delegating here, so this presentation code
stays out of the model and the analysis.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from typing import TYPE_CHECKING

import attrs

from aipd.i18n import Lang
from aipd.text import markdown_text
from aipd.vocabulary import Level

if TYPE_CHECKING:
    from aipd.ai_act import AIActAssessment
    from aipd.assess import Assessment
    from aipd.consultation import Consultation
    from aipd.model import ProcessingOperation
    from aipd.risks import AssessedRisk, RiskAnalysis
    from aipd.screening import Finding

__all__ = [
    "FindingsTable",
    "RiskMap",
    "assessment_html",
    "assessment_markdown",
    "operation_html",
    "operation_markdown",
    "risks_html",
    "risks_markdown",
]

_STATUS_COLOUR = {"met": "#b71c1c", "not_met": "#1b5e20", "unknown": "#e65100"}
_REQ_COLOUR = {"required": "#b71c1c", "not_required": "#1b5e20", "incomplete": "#e65100"}

_L = {
    "blocking": ("Points bloquants", "Blocking issues"),
    "verdict": ("Verdict", "Verdict"),
    "reason": ("Motif", "Reason"),
    "notices": ("Points d'attention", "Notices"),
    "missing": ("Faits manquants", "Missing facts"),
    "rule": ("Règle", "Rule"),
    "status": ("État", "Status"),
    "rationale": ("Justification", "Rationale"),
    "source": ("Source", "Source"),
    "plugin": ("Extension", "Plug-in"),
    "controller": ("Responsable de traitement", "Controller"),
    "purposes": ("Finalités", "Purposes"),
    "data": ("Données", "Data"),
    "subjects": ("Personnes concernées", "Data subjects"),
    "persons": ("Nombre de personnes", "Number of persons"),
    "ai": ("Système d'IA", "AI system"),
    "unknown": ("inconnu", "unknown"),
    "none": ("aucun", "none"),
    "basis_missing": ("base légale à préciser", "legal basis to be stated"),
    "findings": ("Règles examinées", "Rules checked"),
    "risks": ("Risques", "Risks"),
    "risk": ("Risque", "Risk"),
    "risk_map": ("Cartographie des risques", "Risk map"),
    "severity": ("Gravité", "Severity"),
    "likelihood": ("Vraisemblance", "Likelihood"),
    "initial": ("Avant mesures prévues", "Before planned measures"),
    "residual": ("Après mesures prévues", "After planned measures"),
    "acceptability": ("Acceptabilité", "Acceptability"),
    "measures": ("Mesures", "Measures"),
    "consultation": ("Consultation préalable de la CNIL", "Prior consultation of the CNIL"),
    "ai_act": ("Règlement sur l'IA (AI Act)", "AI Act"),
    "fria_due": (
        "Analyse d'impact sur les droits fondamentaux (art. 27) due.",
        "Fundamental rights impact assessment (art. 27) due.",
    ),
    "grounds": ("Fondements examinés", "Grounds checked"),
    "high_zone": ("zone de risque élevé", "high-risk zone"),
    "near_zone": ("un niveau en dessous", "one level below"),
    "no_risk": ("aucun risque analysé", "no risk analysed"),
}


def _l(key: str, lang: Lang) -> str:
    fr, en = _L[key]
    return fr if lang == "fr" else en


@attrs.frozen
class FindingsTable:
    """The findings of an assessment as a table, for notebooks."""

    findings: tuple[Finding, ...]
    lang: Lang = "fr"

    def _repr_html_(self) -> str:
        return _findings_html(self.findings, self.lang)

    def _repr_markdown_(self) -> str:
        return _findings_markdown(self.findings, self.lang)


def _findings_html(findings: Sequence[Finding], lang: Lang) -> str:
    head = "".join(
        f"<th style='text-align:left'>{escape(_l(k, lang))}</th>"
        for k in ("rule", "status", "rationale", "source", "plugin")
    )
    rows = []
    for f in findings:
        colour = _STATUS_COLOUR[f.status.value]
        rows.append(
            "<tr>"
            f"<td><code>{escape(f.id)}</code><br>{escape(f.title.get(lang))}</td>"
            f"<td style='color:{colour};font-weight:bold'>{escape(f.status.label(lang))}</td>"
            f"<td>{escape(f.rationale.get(lang))}</td>"
            f"<td>{escape(f.source.citation.get(lang))}</td>"
            f"<td>{escape(f.plugin.label())}</td>"
            "</tr>"
        )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _md(text: str) -> str:
    """A user's or a plug-in's text shown as written in Markdown (see :func:`aipd.text.markdown_text`)."""
    return markdown_text(text)


def _findings_markdown(findings: Sequence[Finding], lang: Lang) -> str:
    cols = [_l(k, lang) for k in ("rule", "status", "rationale", "source")]
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for f in findings:
        lines.append(
            f"| `{f.id}` {_md(f.title.get(lang))} | {_md(f.status.label(lang))} | "
            f"{_md(f.rationale.get(lang))} | {_md(f.source.citation.get(lang))} |"
        )
    return "\n".join(lines)


def _forbidden_decisions(a: Assessment, lang: Lang) -> list[str]:
    """Solely automated decisions art. 47 LIL forbids: a blocking issue, as the document's summary says."""
    from aipd.algorithmic_decisions import FORBIDDEN_SOURCE

    decisions = a.algorithmic_decisions
    if decisions is None or not a.decisions_forbidden:
        return []
    head = (
        "Décisions entièrement automatisées interdites"
        if lang == "fr"
        else "Solely automated decisions that are forbidden"
    )
    source = FORBIDDEN_SOURCE.citation.get(lang)
    return [f"{head} ({source}) — " + " ".join(p.get(lang) for p in decisions.problems)]


def _ul(items: Iterable[str]) -> str:
    return "<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>"


def assessment_html(a: Assessment, lang: Lang | None = None) -> str:
    """Blocking issues, then the verdict, notices, missing facts and the findings table."""
    lang = lang or a.settings.lang
    v = a.verdict
    parts = [f"<div><h3>{escape(a.operation.name)}</h3>"]
    forbidden = _forbidden_decisions(a, lang)
    if a.blocking or forbidden:
        parts.append(
            "<div style='border:2px solid #b71c1c;padding:6px'>"
            f"<strong style='color:#b71c1c'>{escape(_l('blocking', lang))}</strong>"
            + _ul(
                [
                    *(
                        f"{f.title.get(lang)} — {f.rationale.get(lang)} ({f.source.citation.get(lang)})"
                        for f in a.blocking
                    ),
                    *forbidden,
                ]
            )
            + "</div>"
        )
    colour = _REQ_COLOUR[v.requirement.value]
    parts.append(
        f"<p><strong>{escape(_l('verdict', lang))} :</strong> "
        f"<span style='color:{colour};font-weight:bold'>{escape(v.requirement.label(lang))}</span><br>"
        f"<strong>{escape(_l('reason', lang))} :</strong> {escape(v.reason.label(lang))} — "
        f"{escape(v.explanation.get(lang))}</p>"
    )
    if a.ai_act is not None:
        parts.append(_ai_act_html(a.ai_act, lang))
    if a.consultation is not None:
        parts.append(_consultation_html(a.consultation, lang))
    if a.notices:
        parts.append(f"<p><strong>{escape(_l('notices', lang))}</strong></p>")
        parts.append(_ul(n.message.get(lang) for n in a.notices))
    if a.missing_facts:
        parts.append(f"<p><strong>{escape(_l('missing', lang))}</strong></p>")
        parts.append(
            "<ul>" + "".join(f"<li><code>{escape(m)}</code></li>" for m in a.missing_facts) + "</ul>"
        )
    parts.append(f"<details><summary>{escape(_l('findings', lang))} ({len(a.findings)})</summary>")
    parts.append(_findings_html(a.findings, lang))
    parts.append("</details>")
    if a.risks is not None:
        parts.append(f"<details><summary>{escape(_l('risks', lang))} ({len(a.risks)})</summary>")
        parts.append(risks_html(a.risks, lang))
        parts.append("</details>")
    parts.append("</div>")
    return "".join(parts)


def assessment_markdown(a: Assessment, lang: Lang | None = None) -> str:
    """The same content as :func:`assessment_html`, in Markdown."""
    lang = lang or a.settings.lang
    v = a.verdict
    out = [f"### {_md(a.operation.name)}", ""]
    forbidden = _forbidden_decisions(a, lang)
    if a.blocking or forbidden:
        out += [f"**{_l('blocking', lang)}**", ""]  # a blank line: a list after a paragraph, in any Markdown
        out += [f"- {_md(f.title.get(lang))} — {_md(f.rationale.get(lang))}" for f in a.blocking]
        out += [f"- {_md(line)}" for line in forbidden]
        out.append("")
    out.append(f"**{_l('verdict', lang)} :** {v.requirement.label(lang)}  ")
    out.append(f"**{_l('reason', lang)} :** {v.reason.label(lang)} — {_md(v.explanation.get(lang))}")
    out.append("")
    if a.ai_act is not None:
        x = a.ai_act
        fria = f" {_l('fria_due', lang)}" if x.fria is not None and x.fria.due else ""
        out.append(
            f"**{_l('ai_act', lang)} :** {x.ai_class.label(lang)} ({_md(x.article.get(lang))}) — "
            f"{_md(x.rationale.get(lang))}{fria}"
        )
        out.append("")
    if a.consultation is not None:
        c = a.consultation
        out.append(
            f"**{_l('consultation', lang)} :** {_md(c.label.get(lang))} — {_md(c.explanation.get(lang))}"
        )
        out.append("")
    if a.notices:
        out += [f"**{_l('notices', lang)}**", ""]
        out += [f"- {_md(n.message.get(lang))}" for n in a.notices]
        out.append("")
    if a.missing_facts:
        out.append(f"**{_l('missing', lang)}** : " + ", ".join(f"`{m}`" for m in a.missing_facts))
        out.append("")
    out.append(_findings_markdown(a.findings, lang))
    if a.risks is not None:
        out += ["", f"**{_l('risks', lang)}**", "", risks_markdown(a.risks, lang)]
    return "\n".join(out)


def _operation_lines(op: ProcessingOperation, lang: Lang) -> list[tuple[str, str]]:
    unknown = _l("unknown", lang)
    purposes = "; ".join(
        f"{p.description} ({p.legal_basis.label(lang) if p.legal_basis else _l('basis_missing', lang)})"
        for p in op.purposes
    )

    from aipd.render.context import format_number  # the document's way of writing a number

    data = ", ".join(
        d.kind.label(lang) + (f" ({format_number(d.persons, lang)})" if d.persons is not None else "")
        for d in op.data
    )
    subjects = ", ".join(s.kind.label(lang) for s in op.data_subjects)
    persons = format_number(op.persons, lang) or unknown
    rows = [
        (_l("controller", lang), f"{op.controller.name} ({op.controller.kind.label(lang)})"),
        (_l("purposes", lang), purposes or _l("none", lang)),
        (_l("data", lang), data or _l("none", lang)),
        (_l("subjects", lang), subjects or _l("none", lang)),
        (_l("persons", lang), persons),
    ]
    if op.ai_system is not None:
        rows.append((_l("ai", lang), op.ai_system.name))
    return rows


def operation_html(op: ProcessingOperation, lang: Lang = "fr") -> str:
    """A compact card describing the operation."""
    rows = "".join(
        f"<tr><th style='text-align:left'>{escape(k)}</th><td>{escape(v)}</td></tr>"
        for k, v in _operation_lines(op, lang)
    )
    return f"<div><h3>{escape(op.name)} <small><code>{escape(op.id)}</code></small></h3><table>{rows}</table></div>"


def operation_markdown(op: ProcessingOperation, lang: Lang = "fr") -> str:
    """The same card, in Markdown."""
    lines = [f"### {_md(op.name)} (`{op.id}`)", ""]
    lines += [f"- **{k}** : {_md(v)}" for k, v in _operation_lines(op, lang)]
    return "\n".join(lines)


# --- Risks (CNIL method: severity × likelihood, 1 to 4) -------------------------------------------


@attrs.frozen
class RiskMap:
    """The risk analysis as a 4×4 map and a table, for notebooks.

    The map puts severity up and likelihood across, as the CNIL's PIA tool
    does; each risk shows where it stands before the planned measures (○) and
    after them (●), and the cells of the high-risk zone are shaded, so the
    DPO sees at a glance which risks the action plan does not bring down.
    """

    risks: RiskAnalysis
    lang: Lang = "fr"

    def _repr_html_(self) -> str:
        return risks_html(self.risks, self.lang)

    def _repr_markdown_(self) -> str:
        return risks_markdown(self.risks, self.lang)


#: Cell shades of the notebook map, by zone of :func:`aipd.risks.zone` (the document's colours, lighter).
_SHADES = {"high": "#f8d7da", "medium": "#ffe8cc", "low": "#e8f5e9"}


def _shade(risks: RiskAnalysis, severity: int, likelihood: int) -> str:
    from aipd.risks import zone  # the same line as acceptability and the document's map

    return _SHADES[zone(severity, likelihood, level=risks.high_risk_level.rank, axes=risks.high_risk_axes)]


def _levels(s: Level | None, lik: Level | None, lang: Lang) -> str:
    if s is None or lik is None:
        return _l("unknown", lang)
    return f"{s.label(lang)} / {lik.label(lang)}"


def _risk_rows(risks: RiskAnalysis, lang: Lang) -> list[tuple[AssessedRisk, str, str, str, str]]:
    rows = []
    for r in risks:
        acc = r.acceptability.label(lang).split(":")[0] if r.acceptability else _l("unknown", lang)
        measures = "; ".join(m.get(lang) for m in r.measures)
        rows.append(
            (
                r,
                _levels(r.severity, r.likelihood, lang),
                _levels(r.residual_severity, r.residual_likelihood, lang),
                acc,
                measures,
            )
        )
    return rows


def _grid_html(risks: RiskAnalysis, lang: Lang) -> str:
    marks: dict[tuple[int, int], list[str]] = {}
    for index, r in enumerate(risks, start=1):
        p = r.position
        for stage, sign in (("initial", "○"), ("residual", "●")):
            at = p[stage]
            if at is not None:
                marks.setdefault((at["severity"], at["likelihood"]), []).append(f"{sign}{index}")
    cell = "border:1px solid #999;width:7em;height:3em;text-align:center;vertical-align:middle"
    rows = []
    for severity in (4, 3, 2, 1):
        tds = [f"<th style='text-align:right'>{escape(Level.from_rank(severity).label(lang))}</th>"]
        for likelihood in (1, 2, 3, 4):
            shade = _shade(risks, severity, likelihood)
            text = " ".join(marks.get((severity, likelihood), []))
            tds.append(f"<td style='{cell};background:{shade}'>{escape(text)}</td>")
        rows.append("<tr>" + "".join(tds) + "</tr>")
    foot = "<tr><th></th>" + "".join(
        f"<th>{escape(Level.from_rank(lik).label(lang))}</th>" for lik in (1, 2, 3, 4)
    )
    legend = (
        f"<p><small>↑ {escape(_l('severity', lang))} · → {escape(_l('likelihood', lang))} · "
        f"○ {escape(_l('initial', lang).lower())} · ● {escape(_l('residual', lang).lower())} · "
        f"<span style='background:{_SHADES['high']}'>{escape(_l('high_zone', lang))}</span> · "
        f"<span style='background:{_SHADES['medium']}'>{escape(_l('near_zone', lang))}</span> — "
        f"{escape(risks.source.citation.get(lang))}</small></p>"
    )
    return f"<table style='border-collapse:collapse'>{''.join(rows)}{foot}</tr></table>{legend}"


def risks_html(risks: RiskAnalysis, lang: Lang = "fr") -> str:
    """The risk map, then one row per risk: retained levels before and after measures, acceptability."""
    if not len(risks):
        return f"<p>{escape(_l('no_risk', lang))}</p>"
    head = "".join(
        f"<th style='text-align:left'>{escape(_l(k, lang))}</th>"
        for k in ("risk", "initial", "residual", "acceptability", "measures")
    )
    body = []
    for index, (r, initial, residual, acc, measures) in enumerate(_risk_rows(risks, lang), start=1):
        colour = "#b71c1c" if r.high else "#1b5e20" if r.high is False else "#e65100"
        body.append(
            "<tr>"
            f"<td>{index}. <code>{escape(r.id)}</code><br>{escape(r.title.get(lang))}</td>"
            f"<td>{escape(initial)}</td><td>{escape(residual)}</td>"
            f"<td style='color:{colour};font-weight:bold'>{escape(acc)}</td>"
            f"<td>{escape(measures)}</td>"
            "</tr>"
        )
    table = f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    return f"<div><h4>{escape(_l('risk_map', lang))}</h4>{_grid_html(risks, lang)}{table}</div>"


def risks_markdown(risks: RiskAnalysis, lang: Lang = "fr") -> str:
    """The same risks as :func:`risks_html`, as a Markdown table (severity / likelihood)."""
    if not len(risks):
        return _l("no_risk", lang)
    sub = f"{_l('severity', lang)} / {_l('likelihood', lang)}"
    cols = [
        _l("risk", lang),
        f"{_l('initial', lang)} ({sub})",
        f"{_l('residual', lang)} ({sub})",
        _l("acceptability", lang),
    ]
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for r, initial, residual, acc, _ in _risk_rows(risks, lang):
        lines.append(f"| `{r.id}` {_md(r.title.get(lang))} | {_md(initial)} | {_md(residual)} | {_md(acc)} |")
    return "\n".join(lines)


def _ai_act_html(x: AIActAssessment, lang: Lang) -> str:
    colour = {"prohibited": "#b71c1c", "high_risk": "#e65100", "unknown": "#e65100"}.get(
        x.ai_class.value, "#1b5e20"
    )
    fria = f"<br><strong>{escape(_l('fria_due', lang))}</strong>" if x.fria is not None and x.fria.due else ""
    return (
        f"<p><strong>{escape(_l('ai_act', lang))} :</strong> "
        f"<span style='color:{colour};font-weight:bold'>{escape(x.ai_class.label(lang))}</span> "
        f"({escape(x.article.get(lang))})<br>{escape(x.rationale.get(lang))}{fria}</p>"
    )


def _consultation_html(c: Consultation, lang: Lang) -> str:
    colour = {True: "#b71c1c", False: "#1b5e20", None: "#e65100"}[c.required]
    grounds = _ul(
        f"{g.status.label(lang)} — {g.title.get(lang)} ({g.source.citation.get(lang)})" for g in c.grounds
    )
    return (
        f"<p><strong>{escape(_l('consultation', lang))} :</strong> "
        f"<span style='color:{colour};font-weight:bold'>{escape(c.label.get(lang))}</span><br>"
        f"{escape(c.explanation.get(lang))}</p>"
        f"<details><summary>{escape(_l('grounds', lang))} ({len(c.grounds)})</summary>{grounds}</details>"
    )

"""The CNIL PIA tool's exchange file (JSON), both ways.

:func:`export_pia` writes what the CNIL's PIA software imports: the five
top-level keys ``pia``, ``answers``, ``measures``, ``evaluations``,
``comments`` (all present, the last four arrays), answers keyed by the
tool's question ids (111–123 context, 211–227 principles, 3x1–3x6 for the
three feared events), measures whose titles are repeated exactly in answers
324/334/344, evaluations holding the residual levels (``gauges.x`` severity,
``gauges.y`` likelihood). Dates are ISO-8601, taken from the assessment's date,
never from the clock. Rich text is escaped HTML within ``p``, ``ul``, ``li``,
``strong``, ``br``.

What the format has no place for is carried in **comments** (chosen over a
custom ``structure_data``: a custom structure replaces the tool's standard
sections, which would then have to be re-created): each risk beyond the three
feared events (AI risks, a vendor's risks) is one comment on question 111,
readable, starting with ``[aipd:risk <id>]``; and the whole operation, as
aipd's canonical JSON, is one comment starting with ``[aipd:data]``. On import
that copy is the base, and every value the PIA file holds in its own place
(name, dates, authors, opinions, gauges, lists) that differs from what aipd
would export for it is taken as the DPO's edit in the tool. A file made in the
tool alone (no copy) gives an operation built from the file's own fields, and
every gauge in it is the DPO's.

Measures are matched to the copy's by title, else by the id aipd writes in their
content; one the file no longer holds was deleted in the tool and goes. The
tool's evaluations 3.1.n give a measure's due date and owner, and « à corriger »
makes a measure in place a planned one. The evaluator's other verdicts have no
place in the model: they go to the notes, and « à corriger » (or an action plan)
becomes an action of the plan. Nothing read makes a level lower without the file
saying so; what cannot be mapped is said in :attr:`PiaImport.notes`.

Unknown references (``"3.1.[object Object]"`` in real exports) are tolerated
and listed in :attr:`PiaImport.unknown_references`.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections.abc import Iterable, Mapping
from html.parser import HTMLParser
from typing import Any, Literal

import attrs

from aipd.assess import Assessment, assess
from aipd.convert import unstructure
from aipd.errors import InputError, Problem
from aipd.i18n import Lang, Text, t
from aipd.io import load
from aipd.model import (
    ActionItem,
    Controller,
    DpoContact,
    Measure,
    ProcessingOperation,
    RiskJudgement,
    Validation,
)
from aipd.registry import Registry
from aipd.risks import ACCESS, DISAPPEARANCE, FEARED_TITLES, MODIFICATION, AssessedRisk
from aipd.settings import Settings
from aipd.vocabulary import DecisionOutcome, Level, MeasureStatus, OrganisationKind, Status

__all__ = ["PiaImport", "export_pia", "import_pia"]

#: Feared event → item number in section 3 (3.2, 3.3, 3.4).
FEARED_ITEMS = {ACCESS: 2, MODIFICATION: 3, DISAPPEARANCE: 4}
CONTEXT_QUESTIONS = (111, 112, 113, 121, 122, 123)
PRINCIPLE_QUESTIONS = (211, 212, 213, 214, 215, 221, 222, 223, 224, 225, 226, 227)
RISK_QUESTIONS = tuple(300 + item * 10 + rank for item in (2, 3, 4) for rank in range(1, 7))
KNOWN_QUESTIONS = frozenset((*CONTEXT_QUESTIONS, *PRINCIPLE_QUESTIONS, *RISK_QUESTIONS))
#: The question that carries aipd's comments (extra risks, the operation's copy).
CARRIER_QUESTION = 111
DATA_TAG = "[aipd:data]"
RISK_TAG = "[aipd:risk "

# PIA statuses (the tool's model): 0 doing, 1 refused, 2 simple validation, 3 signed validation, 4 archived.
_PIA_DOING, _PIA_REFUSED, _PIA_SIMPLE, _PIA_SIGNED = 0, 1, 2, 3
# Evaluation statuses: 0 pending, 1 to be fixed, 2 improvable, 3 acceptable; global 1 = started.
_EVAL_TO_FIX, _EVAL_IMPROVABLE, _EVAL_ACCEPTABLE = 1, 2, 3
_GLOBAL_STARTED = 1
_FIELD_FR = {"severity": "gravité", "likelihood": "vraisemblance"}


# --- HTML -------------------------------------------------------------------------------------


def _p(text: str) -> str:
    """A paragraph of escaped text; line breaks kept as ``<br>``."""
    return "<p>" + html.escape(text, quote=False).replace("\n", "<br>") + "</p>"


def _ul(items: Iterable[str]) -> str:
    lis = "".join(f"<li>{html.escape(i, quote=False)}</li>" for i in items)
    return f"<ul>{lis}</ul>" if lis else ""


def _section(title: str, items: Iterable[str]) -> str:
    items = list(items)
    if not items:
        return ""
    return f"<p><strong>{html.escape(title, quote=False)}</strong></p>" + _ul(items)


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "li") and self.parts:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("p", "div", "ul", "ol"):
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_to_text(value: Any) -> str:
    """The text of an HTML fragment (tags dropped, entities decoded, blank lines removed)."""
    if not isinstance(value, str):
        return ""
    parser = _TextParser()
    parser.feed(value)
    parser.close()
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in "".join(parser.parts).split("\n")]
    return "\n".join(line for line in lines if line)


# --- export -------------------------------------------------------------------------------------


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00.000Z"


def _answer(
    ref: int, stamp: str, *, text: str | None = None, gauge: int | None = None, items: Iterable[str] = ()
) -> dict[str, Any]:
    return {
        "reference_to": ref,
        "data": {"text": text, "gauge": gauge, "list": list(items)},
        "created_at": stamp,
    }


def _lowered_text(r: AssessedRisk, axis: Literal["severity", "likelihood"], lang: Lang) -> str:
    """For a gauge the DPO set below aipd's proposal without a justification: said first, so the
    proposal's reasons that follow are not read as the reasons of the lower level."""
    if axis not in r.lowered or r.proposed_initial is None:
        return ""
    proposed = getattr(r.proposed_initial, axis).level
    return _p(
        t(
            f"Niveau retenu par le DPD, plus bas que celui que propose aipd (« {proposed.fr} ») pour les "
            "raisons ci-dessous : justification du DPD à fournir.",
            f"Level retained by the DPO, lower than the one aipd proposes ('{proposed.en}') for the reasons "
            "below: the DPO's justification is to be given.",
        ).get(lang)
    )


def _measure_titles(a: Assessment, lang: Lang) -> dict[str, str]:
    """Each declared measure's title in the PIA file, unique (the tool matches answers 3x4 by title)."""
    catalogue = {m.id: m.title.get(lang) for m in (a.risks.declared_measures if a.risks else ())}
    titles: dict[str, str] = {}
    used: set[str] = set()
    for m in a.operation.measures:
        title = m.title or catalogue.get(m.id) or m.id
        if title in used:
            title = f"{title} ({m.id})"
        used.add(title)
        titles[m.id] = title
    return titles


def _context(op: ProcessingOperation, lang: Lang) -> dict[int, str]:
    def L(fr: str, en: str) -> str:
        return fr if lang == "fr" else en

    c = op.controller
    purposes = [
        p.description
        + (f" — {p.legal_basis.label(lang)}" if p.legal_basis else "")
        + (
            f" ({L('intérêt légitime poursuivi : ', 'legitimate interest pursued: ')}{p.legitimate_interest})"
            if p.legitimate_interest
            else ""
        )
        for p in op.purposes
    ]
    q111 = (_p(op.description) if op.description else "") + _section(L("Finalités", "Purposes"), purposes)
    q111 += _section(L("Responsable de traitement", "Controller"), [f"{c.name} ({c.kind.label(lang)})"])
    actors = [
        f"{c.name}"
        + (f", {L('représenté par', 'represented by')} {c.representative}" if c.representative else "")
    ]
    if c.dpo:
        actors.append(f"{L('DPD', 'DPO')} : {c.dpo.name}")
    q112 = _section(L("Responsable", "Controller"), actors)
    q112 += _section(
        L("Responsables conjoints", "Joint controllers"),
        [j.name + (f" — {j.responsibilities}" if j.responsibilities else "") for j in op.joint_controllers],
    )
    q112 += _section(
        L("Sous-traitants", "Processors"),
        [f"{p.name} — {p.role}" + (f" ({p.country})" if p.country else "") for p in op.processors],
    )
    refs = [p.legal_text for p in op.purposes if p.legal_text]
    if op.legal.specific_law:
        refs.append(op.legal.specific_law)
    q113 = _section(
        L("Textes et référentiels", "Texts and standards"),
        [
            *([op.legal.regime.label(lang)] if op.legal.regime is not None else []),
            *refs,
            *op.legal.prior_formalities,
        ],
    )
    q121 = _section(
        L("Données", "Data"),
        [
            d.kind.label(lang)
            + (f" : {d.description}" if d.description else "")
            + (f" ({d.persons} {L('personnes', 'persons')})" if d.persons is not None else "")
            for d in op.data
        ],
    )
    q121 += _section(
        L("Personnes concernées", "Data subjects"),
        [
            s.kind.label(lang)
            + (f" : {s.description}" if s.description else "")
            + (f" ({s.count})" if s.count is not None else "")
            for s in op.data_subjects
        ],
    )
    q121 += _section(
        L("Destinataires", "Recipients"),
        [r.name + (f" ({r.kind.label(lang)})" if r.kind else "") for r in op.recipients],
    )
    life = []
    for d in op.data:
        parts = [s.label(lang) for s in d.sources]
        r = d.retention
        if r is not None:
            # the same periods and justification as the document's data table (art. 5(1)(e) GDPR)
            if r.active:
                parts.append(
                    L("conservation en base active : ", "retention in the active database: ") + r.active
                )
            if r.intermediate:
                parts.append(L("archivage intermédiaire : ", "intermediate archive: ") + r.intermediate)
            if r.final_fate is not None:
                parts.append(L("sort final : ", "final fate: ") + r.final_fate.label(lang))
            if r.justification:
                parts.append(L("justification des durées : ", "why these periods: ") + r.justification)
        if parts:
            life.append(f"{d.kind.label(lang)} — " + " ; ".join(parts))
    q122 = _section(L("Cycle de vie des données", "Data life cycle"), life)
    q122 += _section(
        L("Transferts hors UE", "Transfers outside the EU"),
        [
            f"{x.recipient} ({x.country})"
            + (f" — {x.safeguard.label(lang)}" if x.safeguard else "")
            + (f" ({L('référence : ', 'reference: ')}{x.documentation})" if x.documentation else "")
            for x in op.transfers
        ],
    )
    q123 = _section(
        L("Supports", "Supporting assets"),
        [
            f"{s.kind.label(lang)} : {s.name}"
            + (f" ({s.provider})" if s.provider else "")
            + (f" — {s.hosting.label(lang)}" if s.hosting else "")
            for s in op.assets
        ],
    )
    return {111: q111, 112: q112, 113: q113, 121: q121, 122: q122, 123: q123}


def _risk_comment(r: AssessedRisk, lang: Lang) -> str:
    def lv(level: Level | None) -> str:
        return level.label(lang) if level else t("non évaluée", "not assessed").get(lang)

    head = f"{RISK_TAG}{r.id}] {r.title.get(lang)}"
    body = [
        t("Gravité", "Severity").get(lang) + f" : {lv(r.severity)} → {lv(r.residual_severity)}",
        t("Vraisemblance", "Likelihood").get(lang) + f" : {lv(r.likelihood)} → {lv(r.residual_likelihood)}",
    ]
    if r.impacts:
        body.append(t("Impacts", "Impacts").get(lang) + " : " + " ; ".join(i.get(lang) for i in r.impacts))
    if r.threats:
        body.append(t("Menaces", "Threats").get(lang) + " : " + " ; ".join(i.get(lang) for i in r.threats))
    if r.risk_sources:
        body.append(
            t("Sources", "Sources").get(lang) + " : " + " ; ".join(i.get(lang) for i in r.risk_sources)
        )
    if r.addressed_by:
        body.append(
            t("Mesures", "Measures").get(lang) + " : " + " ; ".join(m.label.get(lang) for m in r.addressed_by)
        )
    if r.source:
        body.append(t("Source", "Source").get(lang) + " : " + r.source.citation.get(lang))
    return head + "\n" + "\n".join(body)


def export_pia(assessment: Assessment, *, lang: Lang | None = None) -> dict[str, Any]:
    """The PIA tool's JSON file (a dict ready for ``json.dumps``) for an assessment made by :func:`aipd.assess`.

    Raises :class:`aipd.InputError` when the operation has no date (``created``
    or ``updated``): the file's dates come from it, never from the clock.
    """
    lang = lang or assessment.settings.lang
    op = assessment.operation
    if assessment.date is None:
        raise InputError(
            [
                Problem(
                    "$.created",
                    t(
                        "une date (created ou updated) est nécessaire : le fichier PIA date chaque élément",
                        "a date (created or updated) is needed: the PIA file dates every item",
                    ),
                )
            ]
        )
    stamp = _stamp(assessment.date)
    created = _stamp(op.created or assessment.date)
    v = op.validation
    if v.decision is DecisionOutcome.REFUSED:
        status = _PIA_REFUSED
    elif op.status is Status.VALIDATED:
        status = _PIA_SIGNED if v.signatory else _PIA_SIMPLE
    else:
        status = _PIA_DOING
    searched = True if v.data_subjects_views else (False if v.data_subjects_not_sought else None)
    pia = {
        "name": op.name,
        "category": op.controller.name,
        "status": status,
        "author_name": ", ".join(op.authors),
        "evaluator_name": "",
        "validator_name": v.signatory or "",
        "dpos_names": op.controller.dpo.name if op.controller.dpo else "",
        "dpo_status": None,
        "dpo_opinion": v.dpo_opinion or "",
        "people_names": "",
        "concerned_people_searched_opinion": searched,
        "concerned_people_searched_content": v.data_subjects_not_sought or "",
        "concerned_people_status": None,
        "concerned_people_opinion": v.data_subjects_views or "",
        "rejection_reason": "",
        "applied_adjustments": "",
        "created_at": created,
        "updated_at": stamp,
    }
    answers = [_answer(ref, stamp, text=text) for ref, text in _context(op, lang).items()]
    if assessment.principles is not None:
        for ref, check in zip(PRINCIPLE_QUESTIONS, assessment.principles.all, strict=False):
            text = _p(check.assessment.get(lang)) + _p(check.source.citation.get(lang))
            answers.append(_answer(ref, stamp, text=text))
    titles = _measure_titles(assessment, lang)
    measures = []
    ids: dict[str, int] = {}
    for n, m in enumerate(op.measures, start=1):
        ids[m.id] = n
        content = _p(m.description) if m.description else ""
        # The status the analysis counts: « en place » with a due date to come is planned in the tool too.
        content += _p(f"{op.counted_status(m).label(lang)} [{m.id}]")
        measures.append(
            {"id": n, "title": titles[m.id], "content": content, "placeholder": "", "created_at": stamp}
        )
    evaluations: list[dict[str, Any]] = []
    comments: list[dict[str, Any]] = []
    risks = list(assessment.risks or ())
    for r in risks:
        item = FEARED_ITEMS.get(r.id)
        if item is None:
            comments.append(
                {
                    "reference_to": CARRIER_QUESTION,
                    "for_measure": False,
                    "description": _risk_comment(r, lang),
                    "created_at": stamp,
                }
            )
            continue
        base = 300 + item * 10
        answers += [
            _answer(base + 1, stamp, items=[i.get(lang) for i in r.impacts]),
            _answer(base + 2, stamp, items=[i.get(lang) for i in r.threats]),
            _answer(base + 3, stamp, items=[i.get(lang) for i in r.risk_sources]),
            _answer(base + 4, stamp, items=[titles[m.id] for m in r.addressed_by if m.id in titles]),
        ]
        sev_reasons = r.proposed_initial.severity.reasons if r.proposed_initial else ()
        lik_reasons = r.proposed_initial.likelihood.reasons if r.proposed_initial else ()
        j = r.judgement.justification if r.judgement and r.judgement.justification else None
        answers += [
            _answer(
                base + 5,
                stamp,
                gauge=r.severity.rank if r.severity else None,
                text=_p(j)
                if j
                else _lowered_text(r, "severity", lang) + "".join(_p(x.get(lang)) for x in sev_reasons),
            ),
            _answer(
                base + 6,
                stamp,
                gauge=r.likelihood.rank if r.likelihood else None,
                text=_p(j)
                if j
                else _lowered_text(r, "likelihood", lang) + "".join(_p(x.get(lang)) for x in lik_reasons),
            ),
        ]
        if r.residual_severity is not None and r.residual_likelihood is not None:
            high = r.high
            evaluations.append(
                {
                    "reference_to": f"3.{item}",
                    "status": _EVAL_TO_FIX
                    if high
                    else (_EVAL_ACCEPTABLE if high is False else _EVAL_IMPROVABLE),
                    "evaluation_comment": t(
                        "Niveaux résiduels proposés par aipd (mesures en place et prévues), à confirmer par l'évaluateur.",
                        "Residual levels proposed by aipd (measures in place and planned), for the evaluator to confirm.",
                    ).get(lang),
                    "action_plan_comment": "",
                    "gauges": {"x": r.residual_severity.rank, "y": r.residual_likelihood.rank},
                    "estimated_implementation_date": None,
                    "person_in_charge": "",
                    "global_status": _GLOBAL_STARTED,
                    "created_at": stamp,
                }
            )
    for m in op.measures:
        counted = op.counted_status(m)
        if counted is MeasureStatus.IMPLEMENTED:
            continue
        evaluations.append(
            {
                "reference_to": f"3.1.{ids[m.id]}",
                "status": _EVAL_IMPROVABLE,
                "evaluation_comment": "",
                "action_plan_comment": counted.label(lang),
                "gauges": {"x": 0, "y": 0},
                "estimated_implementation_date": _stamp(m.due) if m.due else None,
                "person_in_charge": m.owner or "",
                "global_status": _GLOBAL_STARTED,
                "created_at": stamp,
            }
        )
    payload = json.dumps(unstructure(op), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    comments.append(
        {
            "reference_to": CARRIER_QUESTION,
            "for_measure": False,
            "description": f"{DATA_TAG} "
            + t(
                "copie du traitement au format d'aipd, pour le réimporter sans perte (ne pas modifier) : ",
                "copy of the processing in aipd's format, to import it back without loss (do not edit): ",
            ).get(lang)
            + payload,
            "created_at": stamp,
        }
    )
    return {
        "pia": pia,
        "answers": answers,
        "measures": measures,
        "evaluations": evaluations,
        "comments": comments,
    }


# --- import -------------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class PiaImport:
    """What a PIA file gave: the operation (with the DPO's risk judgements), and what was tolerated.

    ``from_copy`` says whether aipd's own copy of the operation was found (a file
    aipd exported); ``unknown_references`` lists the answers, evaluations and
    comments whose reference the format does not define; ``texts`` keeps the
    plain text of every context and principle answer (question id → text);
    ``notes`` says what was assumed, changed or could not be mapped (French
    first): a measure deleted in the tool, a status read from it, a gauge
    emptied, an evaluator's verdict, a measure taken out of a risk's list.
    """

    operation: ProcessingOperation
    risk_judgements: tuple[RiskJudgement, ...]
    unknown_references: tuple[str, ...]
    from_copy: bool
    texts: Mapping[int, str] = attrs.field(factory=dict)
    notes: tuple[Text, ...] = ()


def _bad(path: str, fr: str, en: str) -> InputError:
    return InputError([Problem(path, t(fr, en))])


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def _level(value: Any) -> Level | None:
    n = _int(value)
    return Level.from_rank(n) if n is not None and 1 <= n <= 4 else None


def _date(value: Any) -> dt.date | None:
    if isinstance(value, str) and re.match(r"^\d{4}-\d{2}-\d{2}", value):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _slug(text: str) -> str:
    import unicodedata

    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:60] or "sans-nom"


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _strings(values: Iterable[Any]) -> tuple[str, ...]:
    return tuple(v.strip() for v in values if isinstance(v, str) and v.strip())


def import_pia(
    data: Mapping[str, Any] | str | bytes,
    *,
    controller: Controller | None = None,
    settings: Settings | None = None,
    registry: Registry | None = None,
) -> PiaImport:
    """Read a PIA tool file (parsed JSON, or its text) into an operation and the DPO's risk judgements.

    ``controller`` is used for a file made in the tool alone (the format has no
    place for the kind of body). Raises :class:`aipd.InputError` for a file that
    is not a PIA file (no ``pia`` object) or whose aipd copy is invalid.
    """
    settings = settings or Settings()
    lang = settings.lang
    if isinstance(data, str | bytes):
        try:
            data = json.loads(data)
        except ValueError as exc:
            raise _bad("$", f"JSON illisible : {exc}", f"unreadable JSON: {exc}") from exc
    if not isinstance(data, Mapping) or not isinstance(data.get("pia"), Mapping):
        raise _bad(
            "$.pia",
            "le fichier n'est pas un fichier PIA (objet « pia » absent)",
            "the file is not a PIA file (no 'pia' object)",
        )
    pia: Mapping[str, Any] = data["pia"]
    unknown: list[str] = []
    notes: list[Text] = []
    answers: dict[int, Mapping[str, Any]] = {}
    for i, a in enumerate(_list(data.get("answers"))):
        ref = _int(a.get("reference_to")) if isinstance(a, Mapping) else None
        if ref is None or ref not in KNOWN_QUESTIONS or not isinstance(a.get("data"), Mapping):
            unknown.append(f"answers[{i}]: {(a.get('reference_to') if isinstance(a, Mapping) else a)!r}")
            continue
        answers[ref] = a["data"]
    pia_measures: dict[int, Mapping[str, Any]] = {}
    for i, m in enumerate(_list(data.get("measures"))):
        mid = _int(m.get("id")) if isinstance(m, Mapping) else None
        if mid is None or not isinstance(m.get("title"), str):
            unknown.append(f"measures[{i}]: {(m.get('id') if isinstance(m, Mapping) else m)!r}")
            continue
        pia_measures[mid] = m
    evaluations: dict[str, Mapping[str, Any]] = {}
    for i, e in enumerate(_list(data.get("evaluations"))):
        ref = e.get("reference_to") if isinstance(e, Mapping) else None
        ok = isinstance(ref, str) and (
            ref in ("1.1", "1.2", "3.2", "3.3", "3.4")
            or re.fullmatch(r"2\.1\.21[1-5]|2\.2\.22[1-7]", ref) is not None
            or (ref.startswith("3.1.") and _int(ref[4:]) in pia_measures)
        )
        if not ok:
            unknown.append(f"evaluations[{i}]: {ref!r}")
            continue
        assert isinstance(ref, str)
        evaluations[ref] = e
    copy: Any = None
    extra_comments: list[str] = []
    for i, c in enumerate(_list(data.get("comments"))):
        if not isinstance(c, Mapping):
            unknown.append(f"comments[{i}]: {c!r}")
            continue
        ref = _int(c.get("reference_to"))
        raw_desc = c.get("description")
        desc: str = raw_desc if isinstance(raw_desc, str) else ""
        if c.get("for_measure"):
            if ref not in pia_measures:
                unknown.append(f"comments[{i}]: {c.get('reference_to')!r}")
            continue
        if ref is None or ref not in KNOWN_QUESTIONS:
            unknown.append(f"comments[{i}]: {c.get('reference_to')!r}")
            continue
        if desc.startswith(DATA_TAG) and copy is None:
            start = desc.find("{")
            try:
                copy = json.loads(desc[start:]) if start >= 0 else None
            except ValueError:
                notes.append(t("copie aipd illisible : ignorée", "aipd copy unreadable: ignored"))
        elif desc.startswith(RISK_TAG):
            extra_comments.append(desc)

    # The base: aipd's own copy when the file came from aipd, else the file's own fields.
    if isinstance(copy, Mapping):
        copy = _last_judgements(copy, notes)
        base = load(copy, lang=lang)
        from_copy = True
    else:
        name = _clean_name(pia.get("name"))
        if controller is None:
            notes.append(
                t(
                    "nature de l'organisme absente du fichier PIA : « autre » retenu, à corriger",
                    "kind of body not in the PIA file: 'other' used, to correct",
                )
            )
            controller = Controller(
                name=str(pia.get("category") or "Responsable de traitement non indiqué"),
                kind=OrganisationKind.OTHER,
            )
        day = _date(pia.get("created_at"))
        base = ProcessingOperation(
            id=f"pia-{_slug(name)}",
            name=name,
            controller=controller,
            description=html_to_text(answers.get(111, {}).get("text")) or None,
            created=day,
        )
        from_copy = False

    # What aipd would write for the base: a slot of the file that differs is the DPO's edit.
    base_assessment = (
        assess(base, settings=settings, registry=registry) if base.created or base.updated else None
    )
    expected = export_pia(base_assessment, lang=lang) if base_assessment else None
    exp_pia: Mapping[str, Any] = expected["pia"] if expected else {}
    exp_answers = {a["reference_to"]: a["data"] for a in expected["answers"]} if expected else {}
    exp_evals = {e["reference_to"]: e for e in expected["evaluations"]} if expected else {}

    def edited(key: str) -> bool:
        return key in pia and pia.get(key) != exp_pia.get(key)

    changes: dict[str, Any] = {}
    if edited("name"):
        changes["name"] = _clean_name(pia.get("name"))
    if edited("author_name") and isinstance(pia.get("author_name"), str):
        changes["authors"] = tuple(a.strip() for a in pia["author_name"].split(",") if a.strip())
    if edited("created_at") and _date(pia.get("created_at")):
        changes["created"] = _date(pia.get("created_at"))
    if edited("updated_at") and _date(pia.get("updated_at")):
        changes["updated"] = _date(pia.get("updated_at"))
    if edited("dpos_names") and isinstance(pia.get("dpos_names"), str) and pia["dpos_names"].strip():
        dpo = base.controller.dpo
        new_dpo = (
            attrs.evolve(dpo, name=pia["dpos_names"].strip())
            if dpo
            else DpoContact(name=pia["dpos_names"].strip())
        )
        changes["controller"] = attrs.evolve(base.controller, dpo=new_dpo)
    vchanges: dict[str, Any] = {}
    for key, field in (
        ("dpo_opinion", "dpo_opinion"),
        ("concerned_people_opinion", "data_subjects_views"),
        ("concerned_people_searched_content", "data_subjects_not_sought"),
        ("validator_name", "signatory"),
    ):
        if edited(key):
            value = pia.get(key)
            vchanges[field] = value.strip() if isinstance(value, str) and value.strip() else None
    if edited("status"):
        status = _int(pia.get("status"))
        if status in (_PIA_SIMPLE, _PIA_SIGNED):
            changes["status"] = Status.VALIDATED
        elif status == _PIA_REFUSED:
            vchanges["decision"] = DecisionOutcome.REFUSED
        elif status == _PIA_DOING:
            changes["status"] = Status.DRAFT
    if vchanges:
        changes["validation"] = (
            attrs.evolve(base.validation, **vchanges) if base.validation else Validation(**vchanges)
        )

    # Measures. In a file aipd exported, each of the file's measures is the copy's measure that
    # aipd wrote under the same title, else under the id in its content (a title edited in the
    # tool). A copy's measure the file no longer holds was deleted in the tool: it goes, said in
    # the notes, so it stops lowering a risk. A measure the tool added is added.
    exp_measures: list[Mapping[str, Any]] = list(expected["measures"]) if expected and from_copy else []
    free = list(range(len(exp_measures)))  # positions in base.measures not yet found in the file
    matched: dict[int, int] = {}  # the file's measure id -> position in base.measures
    contents = {mid: _measure_content(m.get("content")) for mid, m in pia_measures.items()}
    for mid, m in pia_measures.items():
        title = m["title"].strip()
        pos = next((i for i in free if exp_measures[i]["title"].strip() == title), None)
        marker_id = contents[mid][2]
        if pos is None and marker_id is not None:
            pos = next((i for i in free if base.measures[i].id == marker_id), None)
        if pos is not None:
            free.remove(pos)
            matched[mid] = pos
    measures: list[Measure] = []
    deleted = set(free) if isinstance(data.get("measures"), list) else set()
    found = {pos: mid for mid, pos in matched.items()}
    for pos, measure in enumerate(base.measures):
        if pos in deleted:
            title = exp_measures[pos]["title"]
            notes.append(
                t(
                    f"mesure « {title} » ({measure.id}) supprimée dans l'outil : retirée du traitement, elle ne "
                    "réduit plus aucun risque",
                    f"measure '{title}' ({measure.id}) deleted in the tool: removed from the operation, it no "
                    "longer lowers any risk",
                )
            )
            continue
        if pos in found:
            mid = found[pos]
            title = pia_measures[mid]["title"].strip()
            if title and title != exp_measures[pos]["title"].strip():  # renamed in the tool
                measure = attrs.evolve(measure, title=title)
            if html_to_text(pia_measures[mid].get("content")) != html_to_text(
                exp_measures[pos].get("content")
            ):
                # The content edited in the tool: its description, and its status if it still says one.
                description, mstatus, _ = contents[mid]
                measure = attrs.evolve(measure, description=description)
                if mstatus is not None and mstatus is not measure.status:
                    notes.append(
                        t(
                            f"mesure « {title} » : état « {mstatus.fr} » lu dans l'outil (« {measure.status.fr} » "
                            "dans la copie d'aipd)",
                            f"measure '{title}': status '{mstatus.en}' read from the tool ('{measure.status.en}' "
                            "in the aipd copy)",
                        )
                    )
                    measure = attrs.evolve(measure, status=mstatus)
            measure = _evaluated_measure(
                measure, title, evaluations.get(f"3.1.{mid}"), exp_evals.get(f"3.1.{pos + 1}"), notes
            )
        measures.append(measure)
    for mid, m in pia_measures.items():
        title = m["title"].strip()
        if mid in matched or not title:
            continue
        description, mstatus, marker_id = contents[mid]
        measure_id = marker_id or f"pia:{_slug(title)}"
        if all(x.id != measure_id for x in (*base.measures, *measures)):
            added = Measure(
                id=measure_id,
                title=title,
                status=mstatus or MeasureStatus.IMPLEMENTED,
                description=description,
            )
            measures.append(_evaluated_measure(added, title, evaluations.get(f"3.1.{mid}"), None, notes))
    if tuple(measures) != base.measures:
        changes["measures"] = tuple(measures)
    if exp_measures:
        _linked_measures(answers, exp_answers, pia_measures, matched, exp_measures, deleted, notes)

    # One judgement per risk (the loader refuses two; a copy's were reduced to the last above).
    judgements = {j.risk: j for j in base.risk_judgements}
    updated: dict[str, RiskJudgement] = {}
    for risk_id, item in FEARED_ITEMS.items():
        jc: dict[str, Any] = {}
        b = 300 + item * 10
        for rank, field in ((1, "impacts"), (2, "threats"), (3, "sources")):
            got = _strings(_list(answers.get(b + rank, {}).get("list")))
            exp = _strings(_list(exp_answers.get(b + rank, {}).get("list")))
            if got != exp:
                old = getattr(judgements[risk_id], field) if risk_id in judgements else ()
                jc[field] = tuple(dict.fromkeys([*old, *(x for x in got if x not in exp)]))
        for rank, field in ((5, "severity"), (6, "likelihood")):
            a = answers.get(b + rank)
            if a is None:
                continue
            level = _level(a.get("gauge"))
            # In a file made in the tool every gauge is the DPO's: one equal to aipd's proposal of
            # today is still kept, or completing the facts later would silently replace it.
            proposed = _level(exp_answers.get(b + rank, {}).get("gauge")) if from_copy else None
            if level is not None and level != proposed:
                jc[field] = level
            elif level is None and proposed is not None:
                notes.append(
                    t(
                        f"jauge {b + rank} ({_FIELD_FR[field]}) effacée dans l'outil : le niveau de la copie "
                        f"d'aipd ({proposed.fr}) est gardé, à revoir",
                        f"gauge {b + rank} ({field}) cleared in the tool: the aipd copy's level ({proposed.en}) "
                        "is kept, to review",
                    )
                )
            if html_to_text(a.get("text")) != html_to_text(exp_answers.get(b + rank, {}).get("text")):
                jc["justification"] = html_to_text(a.get("text")) or None
        ev = evaluations.get(f"3.{item}")
        gauges = ev.get("gauges") if ev else None
        if isinstance(gauges, Mapping):
            got_g = (_level(gauges.get("x")), _level(gauges.get("y")))
            exp_g = exp_evals.get(f"3.{item}", {}).get("gauges", {}) if from_copy else {}
            if got_g != (_level(exp_g.get("x")), _level(exp_g.get("y"))):
                if got_g[0] is not None:
                    jc["residual_severity"] = got_g[0]
                if got_g[1] is not None:
                    jc["residual_likelihood"] = got_g[1]
        if jc:
            old_j = judgements.get(risk_id) or RiskJudgement(risk=risk_id)
            updated[risk_id] = attrs.evolve(old_j, **jc)
    ordered = [updated.pop(j.risk, j) for j in base.risk_judgements]
    ordered += list(updated.values())  # feared events the DPO judged only in the tool, in the method's order
    if tuple(ordered) != base.risk_judgements:
        changes["risk_judgements"] = tuple(ordered)
    actions = _evaluator_actions(evaluations, exp_evals if from_copy else {}, base.actions, lang, notes)
    if actions:
        changes["actions"] = (*base.actions, *actions)
    op = attrs.evolve(base, **changes) if changes else base
    texts = {
        ref: html_to_text(answers[ref].get("text"))
        for ref in (*CONTEXT_QUESTIONS, *PRINCIPLE_QUESTIONS)
        if ref in answers
    }
    if extra_comments and not from_copy:
        notes.append(
            t(
                f"{len(extra_comments)} risque(s) complémentaire(s) d'aipd en commentaire, sans copie du "
                "traitement : non réimportés",
                f"{len(extra_comments)} aipd extra risk(s) in comments, "
                "without the operation's copy: not imported",
            )
        )
    return PiaImport(
        operation=op,
        risk_judgements=op.risk_judgements,
        unknown_references=tuple(unknown),
        from_copy=from_copy,
        texts={k: v for k, v in texts.items() if v},
        notes=tuple(notes),
    )


_MARKER = re.compile(r"(.*) \[([a-z0-9][a-z0-9_.-]*(?::[a-z0-9][a-z0-9_.-]*)?)\]")


def _measure_content(content: Any) -> tuple[str | None, MeasureStatus | None, str | None]:
    """A measure's description, status and id from its content: aipd writes « <status> [<id>] »
    as the last line; a content without that line is all description."""
    text = html_to_text(content)
    lines = text.split("\n") if text else []
    marker = _MARKER.fullmatch(lines[-1]) if lines else None
    if marker is None:
        return "\n".join(lines) or None, None, None
    status = next((x for x in MeasureStatus if marker[1] in (x.fr, x.en)), None)
    return "\n".join(lines[:-1]) or None, status, marker[2]


#: The evaluator's verdicts in the tool (evaluation ``status``).
_VERDICTS = {
    0: t("en attente", "pending"),
    _EVAL_TO_FIX: t("à corriger", "to fix"),
    _EVAL_IMPROVABLE: t("améliorable", "improvable"),
    _EVAL_ACCEPTABLE: t("acceptable", "acceptable"),
}


def _evaluation_view(e: Mapping[str, Any] | None) -> tuple[Any, ...]:
    """What an evaluation says, apart from its gauges and dates of writing, for comparing two."""
    if e is None:
        return (None, "", "", None, "")

    def text(key: str) -> str:
        value = e.get(key)
        return value.strip() if isinstance(value, str) else ""

    return (
        _int(e.get("status")),
        text("evaluation_comment"),
        text("action_plan_comment"),
        _date(e.get("estimated_implementation_date")),
        text("person_in_charge"),
    )


def _evaluated_measure(
    measure: Measure,
    title: str,
    ev: Mapping[str, Any] | None,
    expected: Mapping[str, Any] | None,
    notes: list[Text],
) -> Measure:
    """``measure`` with what the tool's evaluation 3.1.n says, when it is not what aipd wrote.

    « À corriger » makes a measure said to be in place a planned one (never the other way:
    a verdict does not put a measure in place); the evaluation's date and person in charge
    become the measure's due date and owner; the evaluator's comments go to the notes.
    """
    if ev is None:
        return measure
    status, comment, plan, due, person = _evaluation_view(ev)
    exp_status, exp_comment, exp_plan, exp_due, exp_person = _evaluation_view(expected)
    if (status, comment, plan, due, person) == (exp_status, exp_comment, exp_plan, exp_due, exp_person):
        return measure
    changes: dict[str, Any] = {}
    if due is not None and due != exp_due:
        changes["due"] = due
    if person and person != exp_person:
        changes["owner"] = person
    planned = status == _EVAL_TO_FIX and measure.status is MeasureStatus.IMPLEMENTED
    if planned:
        changes["status"] = MeasureStatus.PLANNED
    said = [
        *([(f"avis : {comment}", f"comment: {comment}")] if comment and comment != exp_comment else []),
        *([(f"plan d'action : {plan}", f"action plan: {plan}")] if plan and plan != exp_plan else []),
    ]
    if planned or said:
        verdict = _VERDICTS.get(status or 0, _VERDICTS[0])
        head_fr = f"mesure « {title} » jugée « {verdict.fr} » par l'évaluateur de l'outil"
        head_en = f"measure '{title}' judged '{verdict.en}' by the tool's evaluator"
        if planned:
            head_fr += " : comptée comme prévue"
            head_en += ": counted as planned"
        notes.append(
            t(
                " ; ".join([head_fr, *(x[0] for x in said)]),
                "; ".join([head_en, *(x[1] for x in said)]),
            )
        )
    return attrs.evolve(measure, **changes) if changes else measure


#: The items the tool's evaluator judges besides the measures (evaluation ``reference_to``).
_EVALUATED_ITEMS: dict[str, Text] = {
    "1.1": t("Vue d'ensemble du traitement", "Overview of the processing"),
    "1.2": t("Données, processus et supports", "Data, processes and supporting assets"),
    "2.1.211": t("Finalités", "Purposes"),
    "2.1.212": t("Fondement", "Legal basis"),
    "2.1.213": t("Minimisation des données", "Data minimisation"),
    "2.1.214": t("Exactitude des données", "Accuracy of data"),
    "2.1.215": t("Durées de conservation", "Retention periods"),
    "2.2.221": t("Information des personnes", "Information of the persons"),
    "2.2.222": t("Recueil du consentement", "Obtaining consent"),
    "2.2.223": t("Droits d'accès et à la portabilité", "Rights of access and to portability"),
    "2.2.224": t("Droits de rectification et d'effacement", "Rights to rectification and erasure"),
    "2.2.225": t("Droits à la limitation et d'opposition", "Rights to restriction and to object"),
    "2.2.226": t("Sous-traitance", "Processors"),
    "2.2.227": t("Transferts hors de l'Union européenne", "Transfers outside the European Union"),
    **{f"3.{item}": FEARED_TITLES[risk] for risk, item in FEARED_ITEMS.items()},
}


def _evaluator_actions(
    evaluations: Mapping[str, Mapping[str, Any]],
    expected: Mapping[str, Mapping[str, Any]],
    existing: tuple[ActionItem, ...],
    lang: Lang,
    notes: list[Text],
) -> list[ActionItem]:
    """The evaluator's verdicts on items 1.1 to 3.4, where they are not what aipd wrote.

    The model has no place for a verdict: each goes to the notes, and one « à corriger », or
    one with an action plan, becomes an action of the plan (the date and person in charge its
    due date and owner), so the correction asked for is not lost. A risk judged « à corriger »
    keeps aipd's levels: the note asks for higher residual levels if the DPO agrees.
    """
    actions: list[ActionItem] = []
    for ref, label in _EVALUATED_ITEMS.items():
        ev = evaluations.get(ref)
        if ev is None:
            continue
        status, comment, plan, due, person = _evaluation_view(ev)
        exp_status, exp_comment, exp_plan, *_ = _evaluation_view(expected.get(ref))
        new_comment = comment if comment != exp_comment else ""
        new_plan = plan if plan != exp_plan else ""
        if status == exp_status and not new_comment and not new_plan:
            continue
        if status in (None, 0, _EVAL_ACCEPTABLE) and not new_comment and not new_plan:
            continue  # nothing judged, or judged acceptable without a word
        verdict = _VERDICTS.get(status or 0, _VERDICTS[0])
        fr = f"évaluation {ref} ({label.fr}) : « {verdict.fr} » selon l'évaluateur de l'outil"
        en = f"evaluation {ref} ({label.en}): '{verdict.en}' according to the tool's evaluator"
        if exp_status is not None and exp_status != status:
            aipd_verdict = _VERDICTS.get(exp_status, _VERDICTS[0])
            fr += f" (aipd : « {aipd_verdict.fr} »)"
            en += f" (aipd: '{aipd_verdict.en}')"
        if status == _EVAL_TO_FIX or new_plan:
            what = new_plan or new_comment or t("à corriger", "to fix").get(lang)
            sep = " : " if lang == "fr" else ": "
            action = ActionItem(
                action=f"{label.get(lang)} (PIA {ref}){sep}{what}", owner=person or None, due=due
            )
            if action not in existing and action not in actions:
                actions.append(action)
            fr += " ; action ajoutée au plan"
            en += "; action added to the plan"
        if ref.startswith("3.") and status == _EVAL_TO_FIX:
            fr += " ; les niveaux d'aipd restent : retenez des niveaux résiduels plus élevés si vous le jugez"
            en += "; aipd's levels stand: retain higher residual levels if you agree"
        if new_comment:
            fr += f" ; avis : {new_comment}"
            en += f"; comment: {new_comment}"
        if new_plan:
            fr += f" ; plan d'action : {new_plan}"
            en += f"; action plan: {new_plan}"
        notes.append(t(fr, en))
    return actions


def _linked_measures(
    answers: Mapping[int, Mapping[str, Any]],
    expected: Mapping[int, Mapping[str, Any]],
    pia_measures: Mapping[int, Mapping[str, Any]],
    matched: Mapping[int, int],
    exp_measures: list[Mapping[str, Any]],
    deleted: set[int],
    notes: list[Text],
) -> None:
    """Answers 3x4 (the measures that treat a risk) edited in the tool, said in ``notes``.

    aipd counts a measure for the risks its type treats (the catalogue), not for a list the
    DPO keeps per risk: a measure taken out of a risk's list in the tool would go on lowering
    that risk, and one put in would not lower it. Neither can be mapped, so each is said.
    """

    def positions(titles: Iterable[str], of: Iterable[tuple[str, int]]) -> set[int]:
        wanted = set(titles)
        return {pos for title, pos in of if title in wanted}

    in_file = [(pia_measures[mid]["title"].strip(), pos) for mid, pos in matched.items()]
    exported = [(m["title"].strip(), pos) for pos, m in enumerate(exp_measures)]
    names = {pos: title for title, pos in exported} | {pos: title for title, pos in in_file}
    file_titles = {title for title, _ in in_file}
    for risk_id, item in FEARED_ITEMS.items():
        ref = 300 + item * 10 + 4
        if ref not in answers:
            continue
        listed = _strings(_list(answers[ref].get("list")))
        # A title the file's measures no longer hold may be one renamed in the tool: its old title.
        got = positions(listed, in_file) | positions([x for x in listed if x not in file_titles], exported)
        exp = positions(_strings(_list(expected.get(ref, {}).get("list"))), exported)
        risk = FEARED_TITLES[risk_id]
        for pos in sorted(exp - got - deleted):
            notes.append(
                t(
                    f"mesure « {names[pos]} » retirée des mesures du risque « {risk.fr} » (question {ref}) dans "
                    "l'outil : aipd la compte toujours pour ce risque, d'après son type ; si elle ne le réduit "
                    "pas, retenez vos propres niveaux",
                    f"measure '{names[pos]}' taken out of the measures of risk '{risk.en}' (question {ref}) in "
                    "the tool: aipd still counts it for this risk, by its type; if it does not lower it, retain "
                    "your own levels",
                )
            )
        for pos in sorted(got - exp):
            notes.append(
                t(
                    f"mesure « {names[pos]} » ajoutée aux mesures du risque « {risk.fr} » (question {ref}) dans "
                    "l'outil : aipd ne la compte pas pour ce risque, son type ne le traite pas",
                    f"measure '{names[pos]}' added to the measures of risk '{risk.en}' (question {ref}) in the "
                    "tool: aipd does not count it for this risk, its type does not treat it",
                )
            )


def _last_judgements(copy: Mapping[str, Any], notes: list[Text]) -> Mapping[str, Any]:
    """aipd's copy with one judgement per risk: the last, the one the analysis read and the file shows.

    An operation built in code can hold two judgements for a risk (the loader refuses them);
    the earlier ones were ignored by the analysis. They are dropped so the operation loads, and
    each is said in ``notes`` with its levels, so nothing goes without a word.
    """
    items = copy.get("risk_judgements")
    if not isinstance(items, list):
        return copy
    last = {
        j["risk"]: i for i, j in enumerate(items) if isinstance(j, Mapping) and isinstance(j.get("risk"), str)
    }
    dropped = [i for i, j in enumerate(items) if isinstance(j, Mapping) and last.get(j.get("risk"), i) != i]
    if not dropped:
        return copy
    for i in dropped:
        j = items[i]
        levels = []
        for key, fr, en in (
            ("severity", "gravité", "severity"),
            ("likelihood", "vraisemblance", "likelihood"),
            ("residual_severity", "gravité résiduelle", "residual severity"),
            ("residual_likelihood", "vraisemblance résiduelle", "residual likelihood"),
        ):
            level = next((x for x in Level if x.value == j.get(key)), None)
            if level is not None:
                levels.append((f"{fr} {level.fr}", f"{en} {level.en}"))
        just = j.get("justification")
        if isinstance(just, str) and just:
            levels.append((f"justification « {just} »", f"justification '{just}'"))
        fr_levels = ", ".join(x[0] for x in levels) or "aucun niveau"
        en_levels = ", ".join(x[1] for x in levels) or "no level"
        notes.append(
            t(
                f"copie d'aipd : jugement n° {i + 1} du risque « {j['risk']} » écarté ({fr_levels}) : "
                "un seul jugement par risque, le dernier, que l'analyse lisait et que le fichier montre",
                f"aipd copy: judgement no. {i + 1} of risk '{j['risk']}' dropped ({en_levels}): "
                "one judgement per risk, the last, which the analysis read and the file shows",
            )
        )
    return {**copy, "risk_judgements": [j for i, j in enumerate(items) if i not in dropped]}


def _clean_name(value: Any) -> str:
    """The PIA's name without the ``(IMPORT) `` prefixes the tool adds on each import."""
    name = value if isinstance(value, str) else ""
    while name.startswith("(IMPORT) "):
        name = name[len("(IMPORT) ") :]
    return name.strip() or "PIA sans nom"

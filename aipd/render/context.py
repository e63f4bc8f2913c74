"""Assessment → a plain mapping for the document, in one language.

Everything the wording templates and the document builder read comes from
here: strings, numbers, booleans, ``None`` for what is not known, lists and
dicts. No model object crosses this line, so templates cannot call into the
model and the mapping can be tested on its own. Labels of vocabularies and
texts contributed by plug-ins are picked in the document's language here;
the library's own sentences live in the templates.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import enum
import functools
import re
import typing
from collections.abc import Collection, Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from aipd.catalogue import Source
from aipd.i18n import Lang, Text, check_lang, format_date, format_number, t, typography
from aipd.model import ProcessingOperation, path_label
from aipd.render.text import RESERVED
from aipd.risks import DIGITAL_ASSETS
from aipd.vocabulary import LegalRegime, Level, MeasureStatus, Vocabulary

if TYPE_CHECKING:
    from aipd.assess import Assessment
    from aipd.screening import Finding

__all__ = ["build_context", "fact_label", "format_date", "format_number"]

# The private-use characters of the document's layout and of « À compléter » items
# (aipd.render.text.RESERVED): removed from user and plug-in text, so that only a template writes them.
_NO_MARKERS = str.maketrans("", "", RESERVED)
_HAS_MARKER = re.compile(f"[{RESERVED}]")

#: The CNIL method's three feared events (PIA, part 3), in the method's order.
FEARED_EVENTS: tuple[tuple[str, Text], ...] = (
    ("cnil:illegitimate_access", Text("Accès illégitime à des données", "Illegitimate access to data")),
    (
        "cnil:unwanted_modification",
        Text("Modification non désirée de données", "Unwanted modification of data"),
    ),
    ("cnil:disappearance", Text("Disparition de données", "Disappearance of data")),
)


def _s(value: str | None) -> str | None:
    return None if value is None else value.translate(_NO_MARKERS)


def _label(value: Any, lang: Lang) -> str:
    """A vocabulary's label in ``lang``, in that language's typography."""
    return typography(str(value.label(lang)), lang)


#: The user's texts that French typography would change, while a document is built: a sentence of
#: aipd's that quotes one (« Fondement indiqué : « … » », « Sous-traitant : … ») is typeset around it,
#: never inside it, so the user's words are shown as written.
_VERBATIM: contextvars.ContextVar[re.Pattern[str] | None] = contextvars.ContextVar(
    "aipd_verbatim", default=None
)


def _user_texts(op: ProcessingOperation) -> re.Pattern[str] | None:
    """The operation's free texts that :func:`typography` would change, longest first, as one pattern."""
    found: set[str] = set()
    stack: list[Any] = [op]
    while stack:
        obj = stack.pop()
        if isinstance(obj, str):
            if not isinstance(obj, enum.Enum) and typography(obj, "fr") != obj:
                found.add(obj)
        elif isinstance(obj, tuple):
            stack.extend(obj)
        elif attrs.has(type(obj)):
            stack.extend(getattr(obj, a.name) for a in attrs.fields(type(obj)))
    if not found:
        return None
    return re.compile("|".join(re.escape(x) for x in sorted(found, key=len, reverse=True)))


def _typeset(text: str, lang: Lang) -> str:
    """``text`` in ``lang``'s typography, except the user's texts it quotes (:data:`_VERBATIM`)."""
    quoted = _VERBATIM.get()
    if lang != "fr" or quoted is None:
        return typography(text, lang)
    out: list[str] = []
    last = 0
    for m in quoted.finditer(text):
        out += (typography(text[last : m.start()], lang), m.group())
        last = m.end()
    out.append(typography(text[last:], lang))
    return "".join(out)


def _text(value: Text | None, lang: Lang) -> str | None:
    """A library or plug-in sentence in ``lang``, in that language's typography (user text is not one,
    even quoted in the sentence)."""
    return None if value is None else _s(_typeset(value.get(lang), lang))


def plain(value: Any, lang: Lang) -> Any:
    """Any model value as plain data: labels for vocabularies, formatted dates, dicts for objects."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, str) and not isinstance(value, enum.Enum):
        return _s(value)
    if isinstance(value, Vocabulary):
        return _label(value, lang)
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, Text):
        return _text(value, lang)
    if isinstance(value, dt.date):
        return format_date(value, lang)
    if attrs.has(type(value)):
        return {a.name: plain(getattr(value, a.name), lang) for a in attrs.fields(type(value))}
    if isinstance(value, tuple | list):
        return [plain(v, lang) for v in value]
    if isinstance(value, frozenset | set):
        return sorted(plain(v, lang) for v in value)
    return _s(str(value))


def fact_rows(
    obj: Any, lang: Lang, *, skip: Iterable[str] = (), path: str = "", asked: Collection[str] = ()
) -> list[dict[str, Any]]:
    """One row per documented field of an attrs value: its label and its plain value.

    An empty list is "none declared" (``none``: the document says « Néant ») unless
    its path (``path.field``) is in ``asked``, the facts an analysis still needs:
    then it is unknown and shown « À compléter ». A rule that needs a list asks for
    it when it is empty (``data``, ``domains``); one that reads it as "none" (the
    Annex III areas of an AI system) does not. Likewise an unknown yes/no fact that
    no analysis asks for is ``moot`` (« Non renseigné, sans incidence sur les
    conclusions »).
    """
    skipped = set(skip)
    rows: list[dict[str, Any]] = []
    for a in attrs.fields(type(obj)):
        doc = a.metadata.get("doc")
        if a.name in skipped or not isinstance(doc, Text):
            continue
        value = getattr(obj, a.name)
        field_path = f"{path}.{a.name}" if path else a.name
        none = isinstance(value, tuple) and not value and field_path not in asked
        # A yes/no fact left unknown that no analysis needs (the exception of a practice the
        # system does not carry out): said as such rather than flagged « À compléter ».
        moot = value is None and _is_yes_no(type(obj), a.name) and field_path not in asked
        rows.append(
            {
                "field": a.name,
                "label": typography(doc.get(lang), lang),
                "value": plain(value, lang),
                "none": none,
                "moot": moot,
            }
        )
    return rows


_YES_NO: dict[type, frozenset[str]] = {}


def _is_yes_no(cls: type, name: str) -> bool:
    """Whether the field is a yes/no fact (``bool | None``); type hints read once per class."""
    fields = _YES_NO.get(cls)
    if fields is None:
        hints = typing.get_type_hints(cls)
        fields = _YES_NO[cls] = frozenset(n for n, h in hints.items() if h == (bool | None))
    return name in fields


def _asked(assessment: Assessment) -> frozenset[str]:
    """Every model path an analysis of ``assessment`` names as still needed."""
    paths: set[str] = set(assessment.missing_facts)
    risks = getattr(assessment, "risks", None)
    if risks is not None:
        paths.update(m for r in risks.risks for m in r.missing)
    for part in ("principles", "ai_act", "algorithmic_decisions", "validation"):
        value = getattr(assessment, part, None)
        if value is None:
            continue
        if part == "principles":
            paths.update(m for p in (*value.proportionality, *value.rights) for m in p.missing_facts)
        else:
            paths.update(value.missing_facts)
    return frozenset(paths)


@functools.lru_cache(maxsize=4096)
def fact_label(path: str, lang: Lang) -> str:
    """The documented label of a model path (``scale.persons`` → « Nombre de personnes concernées »),
    in the document's typography; a path the model does not know is shown as it is."""
    label = path_label(path)
    return path if label is None else typography(label.get(lang), lang)


def _source(source: Source | None, lang: Lang) -> dict[str, Any] | None:
    if source is None:
        return None
    return {
        "citation": _text(source.citation, lang),
        "url": _s(source.url),
        "reliability": source.reliability,
    }


def _finding(f: Finding, lang: Lang) -> dict[str, Any]:
    return {
        "id": f.id,
        "kind": f.kind,
        "group": f.group,
        "number": f.number,
        "title": _text(f.title, lang),
        "effect": f.effect.value,
        "effect_label": typography(f.effect_text.get(lang), lang),
        "status": f.status.value,
        "status_label": _label(f.status, lang),
        "rationale": _text(f.rationale, lang),
        "missing": [{"path": m, "label": fact_label(m, lang)} for m in f.missing],
        "source": _source(f.source, lang),
        "plugin": f.plugin.label(),
        "builtin": f.plugin.builtin,
        "counts_as": f.counts_as,
        "conditions": _text(f.conditions, lang),
    }


def _level(level: Level | None, lang: Lang) -> dict[str, Any] | None:
    if level is None:
        return None
    return {"rank": level.rank, "label": _label(level, lang), "code": level.value}


def _letters(n: int) -> list[str]:
    """A, B, … Z, AA, AB…: short marks for the risk map."""
    out: list[str] = []
    for i in range(n):
        s = ""
        i += 1
        while i:
            i, r = divmod(i - 1, 26)
            s = chr(65 + r) + s
        out.append(s)
    return out


def _risks(assessment: Assessment, lang: Lang) -> list[dict[str, Any]]:
    """The risks of the document: the analysis's when present, else the DPO's judgements.

    Each risk carries its initial and residual levels (``None`` when not set)."""
    op = assessment.operation
    analysed = getattr(assessment, "risks", None)
    rows: list[dict[str, Any]] = []
    if analysed is not None:
        for r in analysed:
            rows.append(_analysed_risk(r, lang))
    else:
        judged = {j.risk: j for j in op.risk_judgements}
        ids = [rid for rid, _ in FEARED_EVENTS] + sorted(set(judged) - {rid for rid, _ in FEARED_EVENTS})
        titles = dict(FEARED_EVENTS)
        for rid in ids:
            j = judged.get(rid)
            rows.append(
                {
                    "id": rid,
                    "title": _text(titles.get(rid), lang) or rid,
                    "description": None,
                    "feared_event": rid in titles,
                    "applies": None,
                    "applies_rationale": None,
                    "impacts": list(j.impacts) if j else [],
                    "threats": list(j.threats) if j else [],
                    "sources": list(j.sources) if j else [],
                    "measures": [],
                    "severity": _level(j.severity, lang) if j else None,
                    "likelihood": _level(j.likelihood, lang) if j else None,
                    "residual_severity": _level(j.residual_severity, lang) if j else None,
                    "residual_likelihood": _level(j.residual_likelihood, lang) if j else None,
                    "justification": None,
                    "dpo_justification": _s(j.justification) if j else None,
                    "missing": [],
                    "measures_declared": [],
                    "measures_to_consider": [],
                    "proposed": dict.fromkeys(
                        ("severity", "likelihood", "residual_severity", "residual_likelihood")
                    ),
                    "overridden": [],
                    "acceptability": None,
                    "acceptability_code": None,
                    "notes": [],
                    "source": None,
                    "plugin": None,
                    "high": None,
                }
            )
    for risk, letter in zip(rows, _letters(len(rows)), strict=True):
        risk["letter"] = letter
    return rows


def _analysed_risk(r: Any, lang: Lang) -> dict[str, Any]:
    """One risk of :mod:`aipd.risks` as plain data: proposed and retained levels, overrides, acceptability."""

    def get(name: str) -> Any:
        return getattr(r, name, None)

    def texts(value: Any) -> list[str]:
        return [str(plain(v, lang)) for v in (value or ())]

    def proposed(estimate: Any, axis: str) -> dict[str, Any] | None:
        return None if estimate is None else _level(getattr(estimate, axis).level, lang)

    plugin = get("plugin")
    judgement = get("judgement")
    dpo_words = _s(judgement.justification) if judgement is not None and judgement.justification else None
    addressed = tuple(get("addressed_by") or ())
    acceptability = get("acceptability")
    p_initial, p_residual = get("proposed_initial"), get("proposed_residual")
    return {
        "id": get("id"),
        "title": plain(get("title"), lang),
        "description": plain(get("description"), lang),
        "feared_event": bool(get("feared_event")),
        "applies": get("applies"),
        "applies_rationale": plain(get("rationale"), lang),
        "missing": [{"path": m, "label": fact_label(m, lang)} for m in (get("missing") or ())],
        "impacts": texts(get("impacts")),
        "threats": texts(get("threats")),
        "sources": texts(get("risk_sources") or get("sources")),
        "measures": texts(get("measures")),
        "measures_declared": [_text(m.label, lang) for m in addressed if m.status is not None],
        "measures_to_consider": [_text(m.title, lang) for m in addressed if m.status is None],
        "severity": _level(get("severity"), lang),
        "likelihood": _level(get("likelihood"), lang),
        "residual_severity": _level(get("residual_severity"), lang),
        "residual_likelihood": _level(get("residual_likelihood"), lang),
        "proposed": {
            "severity": proposed(p_initial, "severity"),
            "likelihood": proposed(p_initial, "likelihood"),
            "residual_severity": proposed(p_residual, "severity"),
            "residual_likelihood": proposed(p_residual, "likelihood"),
        },
        "overridden": list(get("overridden") or ()),
        "dpo_justification": dpo_words,
        # The proposal's reasons, also when the DPO gave words (kept apart): both are shown, so a
        # reader sees what the DPO's levels depart from.
        "justification": plain(get("proposal_reasons"), lang)
        if get("proposal_reasons") is not None
        else (None if dpo_words else plain(get("justification"), lang)),
        "acceptability": _label(acceptability, lang) if acceptability is not None else None,
        "acceptability_code": acceptability.value if acceptability is not None else None,
        "notes": texts(get("notes")),
        "source": _source(get("source"), lang),
        "plugin": plugin.label() if plugin is not None and hasattr(plugin, "label") else None,
        "high": get("high"),
    }


def risk_map(risks: list[dict[str, Any]]) -> dict[str, Any]:
    """Marks per cell of the 4×4 map, keyed ``"severity,likelihood"`` (ranks 1–4).

    Initial positions are marked with the risk's letter, residual ones with the
    letter and a prime (A′), so the map reads without colour.
    """
    initial: dict[str, list[str]] = {}
    residual: dict[str, list[str]] = {}
    for r in risks:
        if r["severity"] and r["likelihood"]:
            initial.setdefault(f"{r['severity']['rank']},{r['likelihood']['rank']}", []).append(r["letter"])
        if r["residual_severity"] and r["residual_likelihood"]:
            key = f"{r['residual_severity']['rank']},{r['residual_likelihood']['rank']}"
            residual.setdefault(key, []).append(r["letter"] + "′")
    placed = any(initial.values()) or any(residual.values())
    return {"initial": initial, "residual": residual, "placed": placed}


def _catalogue_measures(assessment: Assessment) -> dict[str, Any]:
    """Declared measures a plug-in contributes, by id (from the risk analysis), for their titles."""
    analysed = getattr(assessment, "risks", None)
    return {m.id: m for m in getattr(analysed, "declared_measures", ())}


#: The state shown for a measure declared « En place » with a due date to come (counted as planned).
_IN_PLACE_LATER = Text(
    "Prévue (déclarée en place, mais son échéance suit la date du document)",
    "Planned (declared in place, but its due date comes after the document's date)",
)
_IN_PLACE_UNDATED = Text(
    "Prévue (déclarée en place avec une échéance, dans un document sans date)",
    "Planned (declared in place with a due date, in an undated document)",
)


def _status_label(op: ProcessingOperation, m: Any, lang: Lang) -> str:
    if not op.in_place_later(m):
        return _label(m.status, lang)
    return (_IN_PLACE_UNDATED if op.reference_date is None else _IN_PLACE_LATER).get(lang)


def _measures(assessment: Assessment, lang: Lang) -> list[dict[str, Any]]:
    """Declared measures, named by the operation's title, else the catalogue's, else their id."""
    known = _catalogue_measures(assessment)
    op = assessment.operation
    risks = getattr(assessment, "risks", None)
    # Declared measures the facts leave nothing to act on: said beside their status.
    idle = {
        d.id: d.not_counted
        for d in (getattr(risks, "declared_measures", None) or ())
        if getattr(d, "not_counted", None) is not None
    }
    rows: list[dict[str, Any]] = []
    for m in sorted(op.measures, key=lambda m: m.id):
        cat = known.get(m.id)
        status_label = _status_label(op, m, lang)
        if m.id in idle:
            status_label += (t(" — non comptée : ", " — not counted: ") + idle[m.id]).get(lang)
        family = m.family if m.family is not None else (cat.family if cat is not None else None)
        rows.append(
            {
                "id": m.id,
                "title": _s(m.title) or (_text(cat.title, lang) if cat is not None else None) or m.id,
                "in_catalogue": cat is not None,
                "family": plain(family, lang),
                "family_code": family.value if family is not None else None,
                "status": op.counted_status(m).value,
                "status_label": status_label,
                "description": _s(m.description),
                "owner": _s(m.owner),
                "due": format_date(m.due, lang),
            }
        )
    return rows


def _action_plan(assessment: Assessment, lang: Lang, letters: Mapping[str, str]) -> list[dict[str, Any]]:
    """The analysis's action plan (titles, owners, dates, risks addressed), else the declared rows."""
    plan = getattr(assessment, "action_plan", None)
    op = assessment.operation
    if plan is not None:
        return [
            {
                "action": _s(row.title.fr) if row.user_title else _text(row.title, lang),
                "id": row.id,
                "kind": row.kind,
                "owner": _s(row.owner),
                "due": format_date(row.due, lang),
                "due_iso": row.due.isoformat() if row.due else "",
                "status_label": _text(row.status_label, lang),
                "risks": [
                    {"id": rid, "letter": letters.get(rid), "title": _text(title, lang)}
                    for rid, title in zip(row.risks, row.risk_titles, strict=True)
                ],
            }
            for row in plan
        ]
    rows: list[dict[str, Any]] = [
        {
            "action": _s(m.title) or m.id,
            "id": m.id,
            "kind": "measure",
            "owner": _s(m.owner),
            "due": format_date(m.due, lang),
            "due_iso": m.due.isoformat() if m.due else "",
            "status_label": _status_label(op, m, lang),
            "risks": [],
        }
        for m in op.measures
        if op.counted_status(m) is not MeasureStatus.IMPLEMENTED
    ]
    rows += [
        {
            "action": _s(a.action),
            "id": None,
            "kind": "action",
            "owner": _s(a.owner),
            "due": format_date(a.due, lang),
            "due_iso": a.due.isoformat() if a.due else "",
            "status_label": _label(a.status, lang),
            "risks": [],
        }
        for a in op.actions
    ]
    return sorted(rows, key=lambda r: (r["due_iso"] or "9999", r["action"] or ""))


def _facts(paths: Iterable[str], lang: Lang) -> list[dict[str, str]]:
    return [{"path": m, "label": fact_label(m, lang)} for m in paths]


def _principles(assessment: Assessment, lang: Lang) -> dict[str, Any] | None:
    """Part 2: each principle with what the facts establish, what is missing, its article and status."""
    value = getattr(assessment, "principles", None)
    if value is None:
        return None

    def check(p: Any) -> dict[str, Any]:
        return {
            "id": p.id,
            "title": _text(p.title, lang),
            "status": _label(p.status, lang),
            "status_code": p.status.value,
            "established": [_text(e, lang) for e in p.established],
            "missing": [_text(m, lang) for m in p.missing],
            "missing_facts": _facts(p.missing_facts, lang),
            "source": _source(p.source, lang),
            "assessment": _text(p.assessment, lang),
        }

    return {
        "proportionality": [check(p) for p in value.proportionality],
        "rights": [check(p) for p in value.rights],
    }


def _validation_review(assessment: Assessment, lang: Lang) -> dict[str, Any] | None:
    value = getattr(assessment, "validation", None)
    if value is None:
        return None
    return {
        "dpo_opinion_given": value.dpo_opinion_given,
        "data_subjects_addressed": value.data_subjects_addressed,
        "decided": value.decided,
        "missing": [_text(m, lang) for m in value.missing],
        "missing_facts": _facts(value.missing_facts, lang),
        "source": _source(value.source, lang),
    }


def _ground_text(ground_id: str) -> str:
    """Which text a consultation ground applies: ``lil`` (loi 78-17) or ``gdpr``, or ``other``."""
    if ground_id.startswith("lil:"):
        return "lil"
    if ground_id.startswith("gdpr:"):
        return "gdpr"
    return "other"


def _consultation(assessment: Assessment, lang: Lang, letters: Mapping[str, str]) -> dict[str, Any] | None:
    """Must the CNIL be consulted, on which text (``text``: ``gdpr`` art. 36 or ``lil`` art. 90), the file."""
    value = getattr(assessment, "consultation", None)
    if value is None:
        return None
    grounds = [
        {
            "id": g.id,
            "title": _text(g.title, lang),
            "effect": g.effect,
            "status": _label(g.status, lang),
            "status_code": g.status.value,
            "rationale": _text(g.rationale, lang),
            "missing": _facts(g.missing, lang),
            "source": _source(g.source, lang),
        }
        for g in value.grounds
    ]
    consulting = [g for g in grounds if g["effect"] == "consult"]
    met = [g for g in consulting if g["status_code"] == "met"]
    deciding = met or consulting
    texts = {_ground_text(g["id"]) for g in deciding}
    text = "lil" if "lil" in texts else "gdpr"
    if assessment.operation.legal.regime is LegalRegime.POLICE_JUSTICE:
        text = "lil"
    return {
        "required": value.required,
        "label": _text(value.label, lang),
        "explanation": _text(value.explanation, lang),
        "text": text,
        "deciding": [g["source"]["citation"] for g in deciding if g["source"]],
        "grounds": grounds,
        "file": [
            {
                "letter": f.letter,
                "title": _text(f.title, lang),
                "present": f.present,
                "detail": _text(f.detail, lang),
                "missing": _facts(f.missing, lang),
            }
            for f in value.file
        ],
        "high_risks": [letters.get(r, r) for r in value.high_risks],
        "high_initial_risks": [letters.get(r, r) for r in value.high_initial_risks],
        "missing": _facts(value.missing, lang),
    }


def _ai_act(assessment: Assessment, lang: Lang) -> dict[str, Any] | None:
    """The AI Act part: class and deciding articles, role, duties with dates, deadlines, FRIA."""
    value = getattr(assessment, "ai_act", None)
    if value is None:
        return None
    fria = value.fria
    # The high-risk deployer's own duties (art. 26), named in the summary next to the FRIA.
    art26 = [d for d in value.duties if d.id.startswith("ai-act:art26-")]
    return {
        "art26": [_text(d.article, lang) for d in art26],
        "art26_from": format_date(min(d.applies_from for d in art26), lang) if art26 else None,
        "class_code": value.ai_class.value,
        "label": _label(value.ai_class, lang),
        "provisional": _label(value.provisional_class, lang) if value.provisional_class is not None else None,
        "article": _text(value.article, lang),
        "explanation": _text(value.rationale, lang),
        "decided_by": list(value.decided_by),
        "prohibited": list(value.prohibited),
        "annex_iii": list(value.annex_iii),
        "transparency": list(value.transparency),
        "role": _label(value.role, lang) if value.role is not None else None,
        "duties": [
            {
                "id": d.id,
                "article": _text(d.article, lang),
                "title": _text(d.title, lang),
                "addressee": d.addressee,
                "applies_from": format_date(d.applies_from, lang),
                "in_force": d.in_force,
                "detail": _text(d.detail, lang),
                "source": _source(d.source, lang),
            }
            for d in value.duties
        ],
        "deadlines": [
            {
                "id": d.id,
                "date": format_date(d.date, lang),
                "title": _text(d.title, lang),
                "reported": d.reported,
                "source": _source(d.source, lang),
            }
            for d in value.deadlines
        ],
        "fria": {
            "due": fria.due,
            "reason": _text(fria.reason, lang),
            "source": _source(fria.source, lang),
            "elements": [
                {
                    "letter": e.letter,
                    "title": _text(e.title, lang),
                    "content": [_text(c, lang) for c in e.content],
                    "status": _label(e.status, lang),
                    "status_code": e.status.value,
                    "missing": _facts(e.missing, lang),
                }
                for e in fria.elements
            ],
            "missing_facts": _facts(fria.missing_facts, lang),
            "notes": [_text(n, lang) for n in fria.notes],
        },
        "missing_facts": _facts(value.missing_facts, lang),
        "notes": [_text(n, lang) for n in value.notes],
        "reference_date": format_date(value.reference_date, lang),
    }


def _algorithmic(assessment: Assessment, lang: Lang) -> dict[str, Any] | None:
    """The rules on algorithmic decisions (CRPA L. 311-3-1, L. 312-1-3; GDPR art. 22; LIL art. 47)."""
    value = getattr(assessment, "algorithmic_decisions", None)
    if value is None:
        return None
    rules = [
        {
            "id": r.id,
            "title": _text(r.title, lang),
            "status": _label(r.status, lang),
            "status_code": r.status.value,
            "rationale": _text(r.rationale, lang),
            "duties": [_text(d, lang) for d in r.duties],
            "missing": _facts(r.missing, lang),
            "source": _source(r.source, lang),
        }
        for r in value.rules
    ]
    return {
        "rules": rules,
        "applying": [r for r in rules if r["status_code"] != "not_met"],
        "forbidden": value.forbidden,
        "problems": [_text(p, lang) for p in value.problems],
        "missing_facts": _facts(value.missing_facts, lang),
    }


def build_context(assessment: Assessment, *, lang: Lang = "fr") -> dict[str, Any]:
    """The plain mapping the document is written from, in ``lang``."""
    lang = check_lang(lang)
    token = _VERBATIM.set(_user_texts(assessment.operation) if lang == "fr" else None)
    try:
        context = _build_context(assessment, lang)
    finally:
        _VERBATIM.reset(token)
    _scrub(context)
    return context


def _scrub(value: dict[str, Any] | list[Any]) -> None:
    """Remove, in place, the layout characters (:data:`RESERVED`) from every text of the mapping.

    Free texts already lose them on the way in (:func:`_s`); this pass covers every other string (an
    identifier, a plug-in's name or label), so that the rule « only a template writes layout » does
    not depend on each field remembering it.
    """
    stack: list[dict[str, Any] | list[Any]] = [value]
    while stack:
        container = stack.pop()
        items = container.items() if isinstance(container, dict) else enumerate(container)
        for key, item in items:
            if isinstance(item, str):
                if _HAS_MARKER.search(item):
                    container[key] = item.translate(_NO_MARKERS)  # type: ignore[index]  # key fits its container
            elif isinstance(item, dict | list):
                stack.append(item)


def _build_context(assessment: Assessment, lang: Lang) -> dict[str, Any]:
    op = assessment.operation
    ctl = op.controller
    findings = [_finding(f, lang) for f in assessment.findings]
    risks = _risks(assessment, lang)
    verdict = assessment.verdict
    dpo = plain(ctl.dpo, lang) if ctl.dpo is not None else None
    letters = {r["id"]: r["letter"] for r in risks}
    # The analysis's acceptability decides what stays high; the threshold test is the fallback.
    high_residual = [
        r["letter"]
        for r in risks
        if r["high"]
        or (
            r["high"] is None
            and r["residual_severity"]
            and r["residual_likelihood"]
            and max(r["residual_severity"]["rank"], r["residual_likelihood"]["rank"])
            >= assessment.settings.high_risk_level.rank
        )
    ]
    asked = _asked(assessment)
    context: dict[str, Any] = {
        "lang": lang,
        "doc": {
            "organisation": _s(ctl.name),
            "processing": _s(op.name),
            "id": op.id,
            "version": _s(op.version),
            "date": format_date(assessment.date, lang),
            "date_iso": assessment.date.isoformat() if assessment.date else None,
            "created": format_date(op.created, lang),
            "updated": format_date(op.updated, lang),
            "status": _label(op.status, lang),
            "status_code": op.status.value,
            "authors": [_s(a) for a in op.authors],
            "register_ref": _s(op.register_ref),
        },
        "controller": plain(ctl, lang)
        | {
            "dpo": dpo,
            "population_served_text": format_number(ctl.population_served, lang),
            "agents_text": format_number(ctl.agents, lang),
        },
        "dpo": dpo,
        "operation": {
            "name": _s(op.name),
            "description": _s(op.description),
            "domains": [_label(d, lang) for d in op.domains],
        },
        "verdict": {
            "code": verdict.requirement.value,
            "label": _label(verdict.requirement, lang),
            "reason_code": verdict.reason.value,
            "reason": _label(verdict.reason, lang),
            "explanation": _text(verdict.explanation, lang),
            "decisive": list(verdict.decisive),
            "criteria_met": list(verdict.criteria_met),
            "criteria_unknown": list(verdict.criteria_unknown),
        },
        "blocking": [_finding(f, lang) for f in assessment.blocking],
        "notices": [
            {"code": n.code, "message": _text(n.message, lang), "related": list(n.related)}
            for n in assessment.notices
        ],
        "missing_facts": [{"path": m, "label": fact_label(m, lang)} for m in assessment.missing_facts],
        "findings": findings,
        "criteria": [f for f in findings if f["kind"] == "criterion"],
        "list_items": [f for f in findings if f["kind"] == "list_item"],
        "purposes": [
            plain(p, lang) | {"legal_basis_code": p.legal_basis.value if p.legal_basis is not None else None}
            for p in op.purposes
        ],
        "legal": plain(op.legal, lang),
        "regime_code": op.legal.regime.value if op.legal.regime is not None else None,
        "regime_in_doubt": op.regime_in_doubt,
        "data": [plain(d, lang) | {"persons_text": format_number(d.persons, lang)} for d in op.data],
        "special_categories": [_label(k, lang) for k in op.special_categories],
        "subjects": [
            plain(s, lang)
            | {
                "count_text": format_number(s.count, lang),
                "relevant_population_text": format_number(s.relevant_population, lang),
                "is_vulnerable": s.is_vulnerable,
            }
            for s in op.data_subjects
        ],
        "persons": format_number(op.persons, lang),
        "scale": plain(op.scale, lang)
        | {
            "persons_text": format_number(op.scale.persons, lang),
            "relevant_population_text": format_number(op.scale.relevant_population, lang),
            "records_text": format_number(op.scale.records, lang),
            "data_items_text": format_number(op.scale.data_items, lang),
        },
        "recipients": plain(op.recipients, lang),
        "processors": plain(op.processors, lang),
        "joint_controllers": plain(op.joint_controllers, lang),
        "transfers": plain(op.transfers, lang),
        # whether the asset's exposure is asked for (a digital asset, unknown, that the risks need):
        # « À compléter » then, « non renseigné, sans incidence » otherwise
        "assets": [
            plain(a, lang)
            | {
                "internet_facing_asked": a.internet_facing is None
                and a.kind in DIGITAL_ASSETS
                and "assets[].internet_facing" in asked
            }
            for a in op.assets
        ],
        "measures": _measures(assessment, lang),
        "monitoring": fact_rows(op.monitoring, lang, path="monitoring", asked=asked),
        "evaluation": fact_rows(op.evaluation, lang, path="evaluation", asked=asked),
        "decisions": fact_rows(op.decisions, lang, path="decisions", asked=asked),
        "matching": fact_rows(op.matching, lang, path="matching", asked=asked),
        "technology": fact_rows(op.technology, lang, path="technology", asked=asked),
        "ai_system": plain(op.ai_system, lang) if op.ai_system is not None else None,
        "ai_system_rows": (
            fact_rows(op.ai_system, lang, path="ai_system", asked=asked) if op.ai_system is not None else []
        ),
        "risks": risks,
        "risks_analysed": getattr(assessment, "risks", None) is not None,
        "risk_map": risk_map(risks),
        "high_residual": high_residual,
        "residual_complete": bool(risks)
        and all(r["residual_severity"] and r["residual_likelihood"] for r in risks),
        "high_risk_level": _label(assessment.settings.high_risk_level, lang),
        "high_risk_rank": assessment.settings.high_risk_level.rank,
        "high_risk_axes": assessment.settings.high_risk_axes,
        "action_plan": _action_plan(assessment, lang, letters),
        "validation": plain(op.validation, lang) | {"decision_code": op.validation.decision.value},
        "validation_review": _validation_review(assessment, lang),
        "ai_act": _ai_act(assessment, lang),
        "algorithmic": _algorithmic(assessment, lang),
        "principles": _principles(assessment, lang),
        "consultation": _consultation(assessment, lang, letters),
        "trace": {
            "aipd_version": assessment.aipd_version,
            "plugins": [
                {"name": p.name, "version": p.version, "distribution": p.distribution, "builtin": p.builtin}
                for p in assessment.plugins
            ],
            "digest": assessment.input_digest,
            "date": format_date(assessment.date, lang),
            "settings": _settings_rows(assessment, lang),
        },
    }
    return context


def _settings_rows(assessment: Assessment, lang: Lang) -> list[dict[str, Any]]:
    s = assessment.settings
    return [
        {"name": a.name, "value": plain(getattr(s, a.name), lang)}
        for a in attrs.fields(type(s))
        if a.name not in ("lang",)
    ]


def as_mapping(context: Mapping[str, Any]) -> dict[str, Any]:
    """A shallow copy, so a template cannot change the builder's view."""
    return dict(context)

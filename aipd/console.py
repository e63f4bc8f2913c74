"""Plain-text reports for the terminal, French by default.

Built from the data of :mod:`aipd.report`, so ``aipd assess`` in text and in
JSON can never say different things. The order is the order a DPO acts in:
blocking issues first, then the verdict and its reason, the rules checked,
the notices, and the facts still needed. Output is deterministic: no colours,
no terminal-width detection.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from aipd.i18n import Lang

__all__ = ["assessment_text", "catalogue_text"]

#: Widths of the shortened columns of the rules table.
RATIONALE_WIDTH = 70
SOURCE_WIDTH = 48

_WORDS: dict[str, tuple[str, str]] = {
    "operation": ("Traitement", "Processing"),
    "version": ("version", "version"),
    "blocking": ("POINTS BLOQUANTS", "BLOCKING ISSUES"),
    "blocking_hint": (
        "Le traitement ne peut pas être mis en œuvre en l'état.",
        "The processing cannot go ahead as it stands.",
    ),
    "forbidden_decisions": (
        "Décisions entièrement automatisées interdites",
        "Solely automated decisions that are forbidden",
    ),
    "verdict": ("Verdict", "Verdict"),
    "reason": ("Motif", "Reason"),
    "rules": ("Règles examinées", "Rules checked"),
    "id": ("Identifiant", "Id"),
    "status": ("Statut", "Status"),
    "rationale": ("Justification", "Rationale"),
    "source": ("Source", "Source"),
    "notices": ("Avertissements", "Notices"),
    "missing": ("Faits manquants", "Missing facts"),
    "needed_by": ("nécessaire pour", "needed by"),
    "none": ("néant", "none"),
    "plugins": ("Extensions", "Plug-ins"),
    "blocked": ("Extensions bloquées", "Blocked plug-ins"),
    "builtin": ("intégrée", "built-in"),
    "criteria": ("Critères", "Criteria"),
    "list_items": ("Types de traitements des listes", "Types of processing on lists"),
    "risks": ("Risques", "Risks"),
    "measures": ("Mesures", "Measures"),
    "counts_as": ("compte pour", "counts as"),
    "unverified": ("à vérifier", "to be checked"),
}

#: Short status marks for the table, so it stays narrow.
_STATUS: dict[str, tuple[str, str]] = {
    "met": ("rempli", "met"),
    "not_met": ("non rempli", "not met"),
    "unknown": ("inconnu", "unknown"),
}


def _w(key: str, lang: Lang) -> str:
    fr, en = _WORDS[key]
    return fr if lang == "fr" else en


def _head(key: str, lang: Lang) -> str:
    """A label before a value: « Verdict : » in French (space before the colon), "Verdict:" in English."""
    return _w(key, lang) + (" :" if lang == "fr" else ":")


def _short(text: str | None, width: int) -> str:
    """One line, cut at ``width`` characters with an ellipsis."""
    flat = " ".join((text or "").split())
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"


def _source(source: dict[str, Any] | None, lang: Lang) -> str:
    if not source:
        return ""
    citation = str(source["citation"])
    if source["reliability"] != "verified":
        citation += f" ({_w('unverified', lang)})"
    return citation


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    return [line(header), line(["-" * w for w in widths]), *(line(r) for r in rows)]


def _plugin_label(p: dict[str, Any], lang: Lang) -> str:
    label = str(p["name"]) + (f" {p['version']}" if p.get("version") else "")
    if p.get("builtin"):
        label += f" ({_w('builtin', lang)})"
    elif p.get("distribution"):
        label += f" ({p['distribution']})"
    return label


def assessment_text(data: dict[str, Any]) -> str:
    """The report of ``aipd assess`` from :func:`aipd.report.assessment_to_data`."""
    lang: Lang = data["lang"]
    op = data["operation"]
    findings = {f["id"]: f for f in data["findings"]}
    out: list[str] = [
        f"{_head('operation', lang)} {op['name']} ({op['id']}, {_w('version', lang)} {op['version']})"
    ]

    decisions: dict[str, Any] = data.get("forbidden_decisions") or {}
    forbidden = decisions.get("forbidden") is True
    if data["blocking"] or forbidden:
        count = len(data["blocking"]) + forbidden
        out += ["", f"{_w('blocking', lang)} ({count})", _w("blocking_hint", lang)]
        for fid in data["blocking"]:
            f = findings[fid]
            out.append(f"  ✖ {fid} — {f['title']}")
            out.append(f"    {f['rationale']}")
            out.append(f"    {_head('source', lang)} {_source(f['source'], lang)}")
        if forbidden:
            out.append(f"  ✖ {_w('forbidden_decisions', lang)}")
            out.append(f"    {' '.join(decisions['problems'])}")
            out.append(f"    {_head('source', lang)} {_source(decisions['source'], lang)}")

    v = data["verdict"]
    out += [
        "",
        f"{_head('verdict', lang)} {v['requirement_label']}",
        f"{_head('reason', lang)} {v['reason_label']}",
        f"  {v['explanation']}",
    ]

    rows = [
        [
            f["id"],
            _STATUS[f["status"]][0 if lang == "fr" else 1],
            _short(f["rationale"], RATIONALE_WIDTH),
            _short(_source(f["source"], lang), SOURCE_WIDTH),
        ]
        for f in data["findings"]
    ]
    out += ["", f"{_w('rules', lang)} ({len(rows)})"]
    header = [_w("id", lang), _w("status", lang), _w("rationale", lang), _w("source", lang)]
    out += ["  " + line for line in _table(header, rows)] if rows else [f"  ({_w('none', lang)})"]

    out += ["", f"{_w('notices', lang)} ({len(data['notices'])})"]
    for n in data["notices"]:
        related = f" [{', '.join(n['related'])}]" if n["related"] else ""
        out.append(f"  ! {n['message']}{related}")
    if not data["notices"]:
        out.append(f"  ({_w('none', lang)})")

    out += ["", f"{_w('missing', lang)} ({len(data['missing_facts'])})"]
    for m in data["missing_facts"]:
        label = f" — {m['label']}" if m["label"] != m["path"] else ""
        out.append(f"  ? {m['path']}{label} ({_w('needed_by', lang)} {', '.join(m['needed_by'])})")
    if not data["missing_facts"]:
        out.append(f"  ({_w('none', lang)})")

    out += ["", f"{_head('plugins', lang)} " + ", ".join(_plugin_label(p, lang) for p in data["plugins"])]
    if data["blocked_plugins"]:
        out.append(
            f"{_head('blocked', lang)} " + ", ".join(_plugin_label(p, lang) for p in data["blocked_plugins"])
        )
    return "\n".join(out) + "\n"


def catalogue_text(data: dict[str, Any]) -> str:
    """The listing of ``aipd plugins`` from :func:`aipd.report.catalogue_to_data`."""
    lang: Lang = data["lang"]
    out: list[str] = []
    for p in data["plugins"]:
        if out:
            out.append("")
        out.append(_plugin_label(p, lang))
        for key in ("criteria", "list_items", "risks", "measures"):
            values = p[key]
            if not values:
                continue
            out.append(f"  {_w(key, lang)} ({len(values)})")
            for v in values:
                extra = f" [{v['effect']}]" if "effect" in v else ""
                if v.get("counts_as"):
                    extra += f" ({_w('counts_as', lang)} {v['counts_as']})"
                out.append(f"    {v['id']}{extra} — {v['title']}")
                src = _source(v.get("source"), lang)
                if src:
                    out.append(f"      {_head('source', lang)} {src}")
    if not data["plugins"]:
        out.append(f"{_head('plugins', lang)} ({_w('none', lang)})")
    if data["blocked_plugins"]:
        out += [
            "",
            f"{_head('blocked', lang)} " + ", ".join(_plugin_label(p, lang) for p in data["blocked_plugins"]),
        ]
    return "\n".join(out) + "\n"

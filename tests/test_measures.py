"""The built-in measures catalogue: the ids others rely on, families, links to risks, cross-references."""

from __future__ import annotations

import re
from pathlib import Path

from aipd.riskdoc import measures_table
from aipd.vocabulary import MeasureFamily
from content_cases import builtin_catalogue

DOC = Path(__file__).resolve().parent.parent / "docs" / "risks.md"

#: Ids other modules, plug-ins and the examples refer to.
REQUIRED = {
    "builtin:access_control",
    "builtin:encryption",
    "builtin:logging",
    "builtin:pseudonymisation",
    "builtin:minimisation",
    "builtin:retention_purge",
    "builtin:information_notice",
    "builtin:dpo_opinion",
    "builtin:human_review",
    "builtin:bias_audit",
    "builtin:staff_training",
    "builtin:backup",
    "builtin:processor_contract",
    "builtin:output_filtering",
    "builtin:security_testing",
    "builtin:training_data_minimisation",
    "builtin:differential_privacy",
    "builtin:transparency_information",
}

#: Measures that lower no level on purpose: the DPO's opinion (art. 35(2)) informs the
#: decision, and these rights measures belong to part 2 of the method (principles).
NO_RISK_ON_PURPOSE = {
    "builtin:dpo_opinion",
    "builtin:consent_management",
    "builtin:opposition",
    "builtin:portability",
}


def _builtin_measures() -> dict[str, object]:
    cat = builtin_catalogue()
    return {m.id: m for m in cat.measures if cat.origin(m.id).name == "builtin.measures"}


def test_required_ids_exist() -> None:
    """Every measure id other helpers and the examples use is in the catalogue."""
    assert set(_builtin_measures()) >= REQUIRED


def test_every_measure_id_a_risk_names_exists() -> None:
    """Each measure id listed by any risk of the loaded catalogue exists (catches typos in risk plug-ins)."""
    cat = builtin_catalogue()
    ids = {m.id for m in cat.measures}
    dangling = sorted((r.id, m) for r in cat.risks for m in r.measures if m not in ids)
    assert dangling == []


def test_every_risk_a_measure_reduces_exists() -> None:
    """Each risk id a measure ``reduces`` is a risk of the loaded catalogue."""
    cat = builtin_catalogue()
    risks = {r.id for r in cat.risks}
    dangling = sorted((m.id, r) for m in cat.measures for r in m.reduces if r not in risks)
    assert dangling == []


def test_measures_are_linked_to_risks_except_on_purpose() -> None:
    """Every built-in measure reduces a risk, except the few documented as lowering nothing."""
    cat = builtin_catalogue()
    named = {m for r in cat.risks for m in r.measures}
    unlinked = {mid for mid, m in _builtin_measures().items() if not m.reduces and mid not in named}  # type: ignore[attr-defined]
    assert unlinked == NO_RISK_ON_PURPOSE


def test_families_follow_the_cnil_method() -> None:
    """Measures sit in the CNIL's families: data, security, organisational, rights."""
    m = _builtin_measures()
    expected = {
        "builtin:pseudonymisation": MeasureFamily.DATA,
        "builtin:access_control": MeasureFamily.SECURITY,
        "builtin:staff_training": MeasureFamily.ORGANISATIONAL,
        "builtin:information_notice": MeasureFamily.RIGHTS,
    }
    for mid, family in expected.items():
        assert m[mid].family is family  # type: ignore[attr-defined]
    assert {x.family for x in m.values()} == set(MeasureFamily)  # type: ignore[attr-defined]


def test_texts_are_bilingual_and_sourced() -> None:
    """Each measure has French and English titles and descriptions, and a source."""
    for m in _builtin_measures().values():
        assert m.title.fr
        assert m.title.en
        assert m.description.fr
        assert m.description.en
        assert m.source is not None  # type: ignore[attr-defined]


def test_docs_table_matches_the_catalogue() -> None:
    """docs/risks.md holds the generated measures table (run python -m aipd.riskdoc)."""
    text = DOC.read_text(encoding="utf-8")
    for lang in ("fr", "en"):
        block = re.search(rf"<!-- measures:{lang}:start -->\n(.*?)<!-- measures:{lang}:end -->", text, re.S)
        assert block is not None
        assert block.group(1) == measures_table(builtin_catalogue().measures, lang)

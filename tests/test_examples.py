"""The example cases: each loads, survives a dump unchanged and holds what a DPO reader needs.

They are also golden cases for the screening, AI Act and risk tests, so the facts each one was
written to exercise are pinned here: editing an example cannot quietly change what it shows.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import aipd
from aipd.consistency import contradictions
from aipd.model import ProcessingOperation
from aipd.vocabulary import AIArea, DataKind, Domain, LegalRegime, Status

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
FILES = sorted(EXAMPLES.glob("*.yaml"))

# The README, the documentation and other tests refer to these names.
REQUIRED_NAMES = (
    "cameras-augmentees.yaml",
    "chatbot-site-ville.yaml",
    "detection-fraude-ccas.yaml",
    "compteurs-eau.yaml",
    "assistant-agents.yaml",
    "comptage-trafic.yaml",
    "inscription-cantine.yaml",
)


def _load(name: str) -> ProcessingOperation:
    return aipd.load(EXAMPLES / name)


def _luhn_valid(digits: str) -> bool:
    total = 0
    for i, char in enumerate(reversed(digits)):
        d = int(char)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def test_required_examples_exist() -> None:
    """Every example named in the brief and the README is present."""
    present = {f.name for f in FILES}
    assert set(REQUIRED_NAMES) <= present


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_example_loads(path: Path) -> None:
    """Each example loads strictly into a ProcessingOperation."""
    op = aipd.load(path)
    assert isinstance(op, ProcessingOperation)


def test_example_ids_are_unique() -> None:
    """No two examples share an operation id."""
    ids = [aipd.load(f).id for f in FILES]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_example_round_trips(path: Path, tmp_path: Path) -> None:
    """Dumping an example and loading the dump gives back an equal operation."""
    op = aipd.load(path)
    dumped = tmp_path / path.name
    dumped.write_text(aipd.dump(op), encoding="utf-8")
    again = aipd.load(dumped)
    assert again == op
    assert aipd.dump(again) == aipd.dump(op)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_example_has_what_a_dpo_reader_needs(path: Path) -> None:
    """Purposes with a legal basis and text, a controller with a DPO, data, persons, measures."""
    op = aipd.load(path)
    assert op.purposes
    for purpose in op.purposes:
        assert purpose.legal_basis is not None
        assert purpose.legal_text
    assert op.controller.dpo is not None
    assert op.controller.dpo.name
    assert op.controller.population_served is not None
    assert op.measures
    assert op.data
    assert op.data_subjects
    assert op.domains
    assert op.created is not None
    assert op.updated is not None
    assert op.created <= op.updated


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_example_siren_is_fictional(path: Path) -> None:
    """Each SIREN has nine digits and a wrong Luhn key, so it cannot name a real body."""
    siren = aipd.load(path).controller.siren
    assert siren is not None
    assert re.fullmatch(r"[0-9]{9}", siren)
    assert not _luhn_valid(siren)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_validated_example_records_opinion_and_decision(path: Path) -> None:
    """A validated example carries the DPO's opinion and the controller's decision."""
    op = aipd.load(path)
    if op.status is not Status.VALIDATED:
        assert op.validation.decision.value == "pending"
        return
    assert op.validation.dpo_opinion
    assert op.validation.dpo_opinion_date is not None
    assert op.validation.decision.value != "pending"
    assert op.validation.decision_date is not None


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_readme_describes_every_example(path: Path) -> None:
    """examples/README.md has a line for each example, in French and in English."""
    readme = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    assert readme.count(f"`{path.name}`") >= 2


def _readme_rows(name: str) -> list[str]:
    """The rows of examples/README.md's tables (French, then English) that describe ``name``."""
    readme = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    return [line for line in readme.splitlines() if line.startswith(f"| `{name}` |")]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_readme_names_the_mandatory_grounds_each_example_meets(path: Path) -> None:
    """Each README row names every GDPR art. 35(3) case the example meets, and the CNIL list
    (2018-327 required, 2019-118 exempt) it falls on: a DPO reading the expected result must not
    see fewer grounds than the assessment gives."""
    met = {f.id for f in aipd.assess(aipd.load(path)).findings if f.status is aipd.FindingStatus.MET}
    rows = _readme_rows(path.name)
    assert len(rows) == 2
    french, english = rows
    for letter in "abc":
        if f"gdpr:art35-3-{letter}" in met:
            assert f"35.3.{letter}" in french
            assert f"35(3)({letter})" in english
    for deliberation in ("2018-327", "2019-118"):
        if any(rule.startswith(f"cnil-{deliberation}:") for rule in met):
            assert deliberation in french
            assert deliberation in english


def test_luhn_helper_recognises_a_valid_key() -> None:
    """The Luhn helper accepts a valid key and rejects a changed digit."""
    assert _luhn_valid("123456782")
    assert not _luhn_valid("123456783")


# --- the facts each golden case was written to exercise ------------------------------------


def test_cameras_flagship_facts() -> None:
    """Augmented cameras: public-area monitoring under loi 2023-380, no biometrics, human review."""
    op = _load("cameras-augmentees.yaml")
    assert op.status is Status.VALIDATED
    assert op.legal.regime is LegalRegime.POLICE_JUSTICE
    assert op.legal.specific_law is not None
    assert "2023-380" in op.legal.specific_law
    assert op.monitoring.systematic is True
    assert op.monitoring.public_area is True
    assert op.technology.innovative is True
    assert DataKind.BIOMETRIC not in op.data_kinds
    assert op.ai_system is not None
    assert op.ai_system.biometric_identification is False
    assert op.ai_system.areas == ()
    assert op.decisions.automated is False
    assert op.persons == 120_000
    assert op.risk_judgements
    assert op.actions


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_example_has_no_contradictory_facts(path: Path) -> None:
    """An example is filled as a DPO should: no two facts contradict each other (aipd.consistency)."""
    assert contradictions(aipd.load(path)) == ()


def test_chatbot_facts() -> None:
    """Town chatbot: one criterion only (innovative use), small scale, interacts with persons."""
    op = _load("chatbot-site-ville.yaml")
    assert op.technology.innovative is True
    assert op.persons == 2_600
    assert not any(k.is_special_category or k.is_highly_personal for k in op.data_kinds)
    assert all(s.is_vulnerable is False for s in op.data_subjects)
    assert op.ai_system is not None
    assert op.ai_system.interacts_with_persons is True
    assert op.ai_system.areas == ()


def test_ccas_facts() -> None:
    """CCAS fraud score: profiling of people in hardship for public benefits, with matching."""
    op = _load("detection-fraude-ccas.yaml")
    assert op.evaluation.profiling is True
    assert op.matching.combines is True
    assert op.decisions.access_to_rights is True
    assert DataKind.HEALTH in op.special_categories
    assert any(s.is_vulnerable for s in op.data_subjects)
    assert op.ai_system is not None
    assert AIArea.PUBLIC_BENEFITS in op.ai_system.areas
    assert op.ai_system.profiling is True
    assert op.ai_system.art6_3_conditions
    assert op.ai_system.provider_instructions is None


def test_ccas_health_data_concern_a_few_hundred_persons() -> None:
    """CCAS: health data of 640 of 9,211 persons are not processed on a large scale (art. 35(3)(b) not met),
    yet the DPIA stays required by art. 35(3)(a), the CNIL list and the AI Act presumption."""
    op = _load("detection-fraude-ccas.yaml")
    assert [d.persons for d in op.data if d.kind is DataKind.HEALTH] == [640]
    result = aipd.assess(op)
    finding = next(f for f in result.findings if f.id == "gdpr:art35-3-b")
    assert finding.status.value == "not_met"
    assert "640" in finding.rationale.fr
    assert result.verdict.requirement.value == "required"
    assert "gdpr:art35-3-a" in result.verdict.decisive


def test_water_meters_leave_facts_unknown() -> None:
    """Water meters: large scale known, the facts that would decide the verdict left unknown."""
    op = _load("compteurs-eau.yaml")
    assert op.persons == 41_500
    assert not any(k.is_special_category or k.is_highly_personal for k in op.data_kinds)
    assert op.monitoring.systematic is None
    assert op.evaluation.scoring is None
    assert op.evaluation.profiling is None
    assert op.technology.innovative is None
    assert {p.legal_basis.value for p in op.purposes if p.legal_basis} == {
        "contract",
        "legal_obligation",
        "consent",
    }
    assert op.ai_system is not None
    assert op.ai_system.infers_outputs is False


def test_assistant_facts() -> None:
    """Agents' assistant: generative, residents' communications in prompts, staff as users."""
    op = _load("assistant-agents.yaml")
    assert DataKind.COMMUNICATIONS in op.data_kinds
    assert op.technology.innovative is True
    assert op.ai_system is not None
    assert op.ai_system.generates_synthetic_content is True
    assert op.ai_system.public_interest_text is True
    assert op.ai_system.editorial_review is True
    assert op.ai_system.emotion_recognition is False


def test_traffic_counting_facts() -> None:
    """Traffic counting: public-area cameras, statistics only, images erased at once."""
    op = _load("comptage-trafic.yaml")
    assert op.monitoring.public_area is True
    assert op.data_kinds == frozenset({DataKind.IMAGE})
    assert op.ai_system is not None
    assert [o.value for o in op.ai_system.outputs] == ["statistics"]
    assert op.ai_system.biometric_identification is False


def test_canteen_facts() -> None:
    """Canteen: school services with children and health data, no biometrics and no AI."""
    op = _load("inscription-cantine.yaml")
    assert Domain.SCHOOL_SERVICES in op.domains
    assert DataKind.HEALTH in op.special_categories
    assert DataKind.BIOMETRIC not in op.data_kinds
    assert op.ai_system is None
    assert op.controller.kind.is_collectivite


def test_badges_facts() -> None:
    """Badges: access and working time of 400 staff, no biometrics, no AI."""
    op = _load("badges-temps-travail.yaml")
    assert op.domains == (Domain.ACCESS_CONTROL_WORKING_TIME,)
    assert op.controller.agents == 400
    assert DataKind.BIOMETRIC not in op.data_kinds
    assert op.ai_system is None


def test_cv_screening_facts() -> None:
    """CV screening: recruitment profiling with a transfer to the United States."""
    op = _load("tri-candidatures.yaml")
    assert op.ai_system is not None
    assert AIArea.RECRUITMENT in op.ai_system.areas
    assert op.evaluation.profiling is True
    assert [t.country for t in op.transfers] == ["US"]

"""The summary `aipd check` prints (aipd.summary) and the check command itself."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

import strategies
from aipd import io
from aipd.cli import main
from aipd.model import ProcessingOperation
from aipd.summary import summary, unknown_facts

FULL = """\
id: cameras
name: Vidéoprotection augmentée
controller:
  name: Commune de Test
  kind: commune
  siren: "123456789"
purposes:
  - description: Sécurité des espaces publics
    legal_basis: public_task
  - description: Statistiques
data:
  - kind: image
  - kind: health
  - kind: offences
data_subjects:
  - kind: general_public
    count: 12000
  - kind: children
    vulnerabilities: [child]
ai_system:
  name: VisionCity
  provider: Éditeur SA
  role: deployer
"""


def test_summary_names_the_operation_controller_purposes_and_bases() -> None:
    """Name, id, controller with SIREN, and each purpose with its legal basis or 'unknown'."""
    text = summary(io.load(FULL), "fr")
    assert "Traitement\u00a0: Vidéoprotection augmentée (cameras, version 1, Brouillon)" in text
    assert "Responsable de traitement\u00a0: Commune de Test (Commune, SIREN 123456789)" in text
    assert "Sécurité des espaces publics — Mission d'intérêt public" in text
    assert "Statistiques — base légale inconnue" in text


def test_summary_flags_special_categories_and_offence_data() -> None:
    """Art. 9 categories and art. 10 offence data are flagged; ordinary data is not."""
    lines = summary(io.load(FULL), "fr").splitlines()
    health = next(line for line in lines if "santé" in line)
    image = next(line for line in lines if "Image" in line)
    offences = next(line for line in lines if "Infractions" in line)
    assert "catégorie particulière, art. 9" in health
    assert "art. 10" in offences
    assert "catégorie particulière" not in image


def test_summary_counts_persons_and_marks_vulnerable_ones() -> None:
    """Counts use French digit grouping; unknown counts and vulnerability are said."""
    text = summary(io.load(FULL), "fr")
    assert "Public, passants (12\u00a0000, vulnérabilité inconnue)" in text
    assert "Enfants (mineurs) (nombre inconnu, vulnérables)" in text
    assert "Nombre total de personnes\u00a0: inconnu" in text


def test_summary_names_the_ai_system_or_says_there_is_none() -> None:
    """The AI system with provider and role; 'aucun déclaré' without one."""
    assert "Système d'IA\u00a0: VisionCity, fournisseur Éditeur SA, Déployeur" in summary(io.load(FULL))
    minimal = FULL.split("ai_system:")[0]
    assert "Système d'IA\u00a0: aucun déclaré" in summary(io.load(minimal))


def test_summary_counts_unknown_facts() -> None:
    """The last line gives the number of facts still unknown."""
    op = io.load(FULL)
    assert summary(op).splitlines()[-1] == (
        f"Faits encore inconnus\u00a0: {len(unknown_facts(op))} (à renseigner pour une analyse complète)"
    )


def test_unknown_facts_are_paths_of_none_facts_not_text() -> None:
    """Unknown yes/no, numbers, choices and dates count; empty free text does not."""
    op = io.load(FULL)
    facts = unknown_facts(op)
    assert "purposes[1].legal_basis" in facts
    assert "data_subjects[1].count" in facts
    assert "data_subjects[0].count" not in facts
    assert "scale.persons" in facts
    assert "ai_system.real_time" in facts
    assert "description" not in facts
    assert "controller.address" not in facts


def test_filling_a_fact_lowers_the_count() -> None:
    """Answering a question removes it from the unknown facts."""
    before = unknown_facts(io.load(FULL))
    after = unknown_facts(io.load(FULL + "monitoring:\n  systematic: false\n"))
    assert set(before) - set(after) == {"monitoring.systematic"}


def test_summary_in_english() -> None:
    """lang='en' gives English headings and labels, digits grouped with commas."""
    text = summary(io.load(FULL), "en")
    assert "Processing: Vidéoprotection augmentée" in text
    assert "Controller: Commune de Test (Municipality" in text
    assert "[special category, GDPR art. 9]" in text
    assert "General public, passers-by (12,000, vulnerability unknown)" in text
    assert "Facts still unknown:" in text


@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(strategies.operations())
def test_summary_never_fails_and_names_the_operation(op: ProcessingOperation) -> None:
    """Any operation can be summarised, in both languages."""
    assert op.name in summary(op, "fr")
    assert op.controller.name in summary(op, "en")


def test_check_prints_the_summary_and_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`aipd check FILE` validates the file, prints the summary and exits 0."""
    path = tmp_path / "op.yaml"
    path.write_text(FULL, encoding="utf-8")
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert out == summary(io.load(FULL), "fr") + "\n"


def test_check_bad_file_exits_2_with_every_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bad file exits 2 and lists all its problems with file and line, without a traceback."""
    path = tmp_path / "op.yaml"
    path.write_text(
        FULL.replace("kind: commune", "kind: comune") + "scale:\n  persons: -1\n", encoding="utf-8"
    )
    assert main(["check", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "Entrée invalide (2 problèmes)" in captured.err
    assert f"{path}:5:9: $.controller.kind" in captured.err
    assert f"{path}:25:12: $.scale.persons" in captured.err
    assert "Traceback" not in captured.err


def test_check_in_english_and_with_max_bytes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--lang en prints problems in English; --max-bytes lowers the size limit."""
    path = tmp_path / "op.yaml"
    path.write_text(FULL, encoding="utf-8")
    assert main(["check", "--lang", "en", "--max-bytes", "100", str(path)]) == 2
    assert "input too large" in capsys.readouterr().err


def test_check_missing_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A missing file is reported in one line, exit 2."""
    assert main(["check", str(tmp_path / "absent.yaml")]) == 2
    assert "absent.yaml" in capsys.readouterr().err


@pytest.mark.parametrize(("vulnerable", "said"), [(None, ", vulnérabilité inconnue)"), (False, "(40)")])
def test_summary_says_an_unknown_vulnerability(vulnerable: bool | None, said: str) -> None:
    """A category whose vulnerability is unknown is said so, not shown as a category of persons not vulnerable."""
    import attrs

    op = io.load(FULL)
    public = attrs.evolve(op.data_subjects[0], count=40, vulnerable=vulnerable)
    text = summary(attrs.evolve(op, data_subjects=(public,)), "fr")
    line = next(line for line in text.splitlines() if "passants" in line)
    assert line.endswith(said)

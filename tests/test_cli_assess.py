"""``aipd assess`` and ``aipd plugins``: report order, languages, JSON, --block, exit codes 0/1/2/3."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

from aipd import cli
from aipd.catalogue import Criterion, Effect, FindingStatus, Outcome, Source
from aipd.errors import InputError, Problem
from aipd.hookspecs import hookimpl
from aipd.i18n import t
from aipd.model import Controller, ProcessingOperation
from aipd.registry import Registry
from aipd.report import ASSESSMENT_KEYS
from aipd.settings import Settings
from aipd.vocabulary import OrganisationKind

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def operation() -> ProcessingOperation:
    return ProcessingOperation(
        id="demo", name="Démo", controller=Controller(name="Ville de Test", kind=OrganisationKind.COMMUNE)
    )


def rule(cid: str, effect: Effect, status: FindingStatus) -> Criterion:
    def test(_op: ProcessingOperation, _s: Settings) -> Outcome:
        if status is FindingStatus.UNKNOWN:
            return Outcome.unknown(t("nombre inconnu", "number unknown"), missing=("scale.persons",))
        return Outcome(status=status, rationale=t(f"motif de {cid}", f"reason for {cid}"))

    return Criterion(
        id=cid,
        title=t(f"Titre {cid}", f"Title {cid}"),
        source=Source(citation=t(f"Texte, art. {cid}", f"Text, art. {cid}"), reliability="recalled"),
        effect=effect,
        test=test,
    )


class Plug:
    def __init__(self, *criteria: Criterion, version: str = "1.0") -> None:
        self._criteria = criteria
        self.__version__ = version

    @hookimpl
    def aipd_criteria(self) -> Iterable[Criterion]:
        return self._criteria


class Broken:
    __version__ = "6.6"

    @hookimpl
    def aipd_criteria(self) -> list[Criterion]:
        raise RuntimeError("vendor bug")


def use(
    monkeypatch: pytest.MonkeyPatch, *plugins: tuple[str, object], op: ProcessingOperation | None = None
) -> None:
    """The CLI sees only these plug-ins and reads this operation, whatever the file name."""

    def registry(blocked: Iterable[str] = ()) -> Registry:
        return Registry(builtins=False, entry_points=False, plugins=plugins, blocked=blocked)

    def load(_path: str, *, max_bytes: int | None) -> ProcessingOperation:
        return op or operation()

    monkeypatch.setattr(cli, "default_registry", registry)
    monkeypatch.setattr(cli, "_load", load)


DEMO = (
    "demo",
    Plug(
        rule("demo:watch", Effect.COUNTS, FindingStatus.MET),
        rule("demo:scale", Effect.COUNTS, FindingStatus.UNKNOWN),
        rule("demo:other", Effect.COUNTS, FindingStatus.NOT_MET),
    ),
)
BAN = ("ban", Plug(rule("ban:forbidden", Effect.BLOCKS, FindingStatus.MET), version="3.1"))


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_help_lists_the_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    """aipd --help ends with the exit codes."""
    with pytest.raises(SystemExit) as exc:
        cli.main(["--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    for line in (
        "0  terminé",
        "1  point bloquant",
        "2  entrée invalide",
        "3  défaut d'une extension",
        "141  sortie",
    ):
        assert line in out


def test_text_report_in_french_and_in_order(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Blocking issues, verdict and reason, rules table, notices, missing facts: in that order, in French."""
    use(monkeypatch, DEMO, BAN)
    code, out, _ = run(capsys, "assess", "x.yaml")
    assert code == cli.EXIT_FINDING
    order = [
        "POINTS BLOQUANTS",
        "Verdict :",
        "Motif :",
        "Règles examinées (4)",
        "Avertissements",
        "Faits manquants (1)",
    ]
    positions = [out.index(word) for word in order]
    assert positions == sorted(positions)
    assert "ban:forbidden — Titre ban:forbidden" in out
    assert "Incomplet" in out
    assert "demo:scale     inconnu     nombre inconnu" in out
    assert "(à vérifier)" in out
    assert "scale.persons — Échelle › Nombre de personnes concernées (nécessaire pour demo:scale)" in out
    assert "Extensions : ban 3.1, demo 1.0" in out


def test_text_report_in_english(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """--lang en switches the library's words and the plug-ins' texts."""
    use(monkeypatch, DEMO)
    code, out, _ = run(capsys, "assess", "x.yaml", "--lang", "en")
    assert code == cli.EXIT_OK
    assert "Rules checked (3)" in out
    assert "Title demo:watch" not in out  # the table shows ids and rationales, not titles
    assert "reason for demo:watch" in out
    assert "Règles" not in out


def test_english_labels_take_no_space_before_the_colon(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """French typography puts a space before a colon, English none: « Verdict : » but "Verdict:", as
    `aipd check --lang en` already writes ("Processing:")."""
    use(monkeypatch, DEMO)
    _, out, _ = run(capsys, "assess", "x.yaml", "--lang", "en")
    assert "Verdict: " in out
    assert "Plug-ins: " in out
    assert " : " not in out
    _, out, _ = run(capsys, "assess", "x.yaml")
    assert "Verdict : " in out


def test_json_report(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """--format json prints the documented JSON, identical from one run to the next."""
    use(monkeypatch, DEMO, BAN)
    code, out, _ = run(capsys, "assess", "x.yaml", "--format", "json")
    assert code == cli.EXIT_FINDING
    data = json.loads(out)
    assert tuple(data) == ASSESSMENT_KEYS
    assert data["blocking"] == ["ban:forbidden"]
    assert run(capsys, "assess", "x.yaml", "--format", "json")[1] == out


def test_block_removes_a_plugin_and_its_blocking_issue(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """--block NAME leaves the plug-in out (and says so); without the blocking rule the exit code is 0."""
    use(monkeypatch, DEMO, BAN)
    code, out, _ = run(capsys, "assess", "x.yaml", "--block", "ban")
    assert code == cli.EXIT_OK
    assert "ban:forbidden" not in out
    assert "Extensions bloquées : ban 3.1" in out


def test_block_of_an_unknown_name_is_bad_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A --block name that matches no plug-in exits 2 with the names that exist."""
    use(monkeypatch, DEMO)
    code, out, err = run(capsys, "assess", "x.yaml", "--block", "demoo")
    assert code == cli.EXIT_INPUT
    assert out == ""
    assert "aucune extension nommée demoo (extensions chargées : demo)" in err


def test_plugin_fault_exits_3_naming_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A plug-in whose hook raises makes the command exit 3, naming plug-in and version, no traceback."""
    use(monkeypatch, DEMO, ("broken", Broken()))
    code, out, err = run(capsys, "assess", "x.yaml", "--lang", "en")
    assert code == cli.EXIT_PLUGIN
    assert out == ""
    assert "Plug-in « broken 6.6 »" in err
    assert "RuntimeError: vendor bug" in err
    assert "Traceback" not in err


def test_bad_input_exits_2(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """An invalid file exits 2 with its problems."""
    use(monkeypatch, DEMO)

    def bad(_path: str, *, max_bytes: int | None) -> ProcessingOperation:
        raise InputError([Problem(path="$.scale.persons", message=t("nombre attendu", "number expected"))])

    monkeypatch.setattr(cli, "_load", bad)
    code, _, err = run(capsys, "assess", "x.yaml")
    assert code == cli.EXIT_INPUT
    assert "$.scale.persons: nombre attendu" in err


def test_missing_file_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A file that does not exist exits 2 (through the real loader)."""
    code, out, err = run(capsys, "assess", str(tmp_path / "absent.yaml"))
    assert code == cli.EXIT_INPUT
    assert out == ""
    assert err


def test_plugins_lists_catalogue(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """aipd plugins shows each plug-in with version and its criteria with effects and sources."""
    use(monkeypatch, DEMO, BAN)
    code, out, _ = run(capsys, "plugins", "--block", "ban")
    assert code == cli.EXIT_OK
    assert out.startswith("demo 1.0\n  Critères (3)\n    demo:other [counts] — Titre demo:other\n")
    assert "      Source : Texte, art. demo:other (à vérifier)" in out
    assert out.rstrip().endswith("Extensions bloquées : ban 3.1")


def test_plugins_json(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """aipd plugins --format json gives the catalogue data."""
    use(monkeypatch, DEMO)
    code, out, _ = run(capsys, "plugins", "--format", "json", "--lang", "en")
    data: dict[str, Any] = json.loads(out)
    assert code == cli.EXIT_OK
    assert data["format"] == "aipd-catalogue"
    assert [c["id"] for c in data["plugins"][0]["criteria"]] == ["demo:other", "demo:scale", "demo:watch"]


def test_plugins_with_the_installed_plugins(capsys: pytest.CaptureFixture[str]) -> None:
    """With the real registry, the example vendor plug-in appears with its distribution and catalogue."""
    code, out, err = run(capsys, "plugins", "--format", "json")
    assert code == cli.EXIT_OK, err
    plugins = {p["name"]: p for p in json.loads(out)["plugins"]}
    assert plugins["acme"]["distribution"] == "acme-aipd"
    assert [c["id"] for c in plugins["acme"]["criteria"]] == ["acme:lpr_camera"]
    assert plugins["acme"]["criteria"][0]["counts_as"] == "wp248:systematic_monitoring"


def test_assess_a_real_example_file(capsys: pytest.CaptureFixture[str]) -> None:
    """aipd assess on a golden example reads the file and prints a verdict (real loader, real plug-ins)."""
    path = EXAMPLES / "comptage-trafic.yaml"
    code, out, err = run(capsys, "assess", str(path), "--format", "json")
    assert code in (cli.EXIT_OK, cli.EXIT_FINDING), err
    data = json.loads(out)
    assert data["operation"]["id"] == "comptage-trafic-cameras"
    assert data["verdict"]["requirement"] in ("required", "not_required", "incomplete")


@pytest.mark.parametrize("argv", [["--lang", "en", "plugins"], ["plugins", "--lang", "en"]])
def test_lang_before_or_after_the_command(
    argv: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """--lang works before the sub-command as well as after it."""
    use(monkeypatch, DEMO)
    code, out, _ = run(capsys, *argv)
    assert code == cli.EXIT_OK
    assert "Criteria (3)" in out


def test_forbidden_automated_decisions_are_a_blocking_issue(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Solely automated administrative decisions on health data (LIL art. 47, GDPR art. 22) cannot go ahead:
    ``aipd assess`` exits 1 and says so first, as the document's summary does. Before, it exited 0 with no
    blocking issue, and a script trusting the exit code let the processing through."""
    import attrs

    from aipd.model import DataCategory, Decisions
    from aipd.vocabulary import DataKind, DecisionEffect, HumanInvolvement

    decided = attrs.evolve(
        operation(),
        data=(DataCategory(kind=DataKind.HEALTH),),
        decisions=Decisions(
            automated=True,
            effect=DecisionEffect.LEGAL,
            human_involvement=HumanInvolvement.NONE,
            administrative_decisions=True,
            administrative_appeals=False,
        ),
    )
    use(monkeypatch, DEMO, op=decided)
    code, out, _ = run(capsys, "assess", "x.yaml")
    assert code == cli.EXIT_FINDING
    blocking = out[out.index("POINTS BLOQUANTS (1)") : out.index("Verdict")]
    assert "Décisions entièrement automatisées interdites" in blocking
    assert "art. 47" in blocking
    code, out, _ = run(capsys, "assess", "x.yaml", "--format", "json")
    assert code == cli.EXIT_FINDING
    data = json.loads(out)["forbidden_decisions"]
    assert data["forbidden"] is True
    assert data["problems"]
    assert "art. 47" in data["source"]["citation"]
    assert data["source"]["reliability"] == "recalled"
    # The same operation whose decisions keep a person in the loop is not blocked.
    use(
        monkeypatch,
        DEMO,
        op=attrs.evolve(
            decided, decisions=attrs.evolve(decided.decisions, human_involvement=HumanInvolvement.REVIEW)
        ),
    )
    code, out, _ = run(capsys, "assess", "x.yaml", "--format", "json")
    assert code == cli.EXIT_OK
    assert json.loads(out)["forbidden_decisions"]["forbidden"] is False


def test_a_closed_output_is_not_a_file_error() -> None:
    """``aipd plugins --format json | head -c 10``: the reader closes the pipe. Before, aipd printed
    « Erreur de fichier  : Broken pipe » and exited 2 (bad input); now it says nothing and exits 141,
    as a shell reports a command a closed pipe stopped."""
    import subprocess
    import sys

    with subprocess.Popen(
        [sys.executable, "-m", "aipd.cli", "plugins", "--format", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as proc:
        assert proc.stdout is not None
        assert proc.stderr is not None
        assert proc.stdout.read(10)
        proc.stdout.close()  # the reader stops: the output (~100 kB) no longer fits the pipe
        err = proc.stderr.read().decode()
        assert proc.wait(timeout=60) == cli.EXIT_CLOSED
    assert err == ""


def test_a_file_error_without_a_file_name_reads_cleanly(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An OS error without a file name read « Erreur de fichier  : … » (two spaces before the colon)."""

    def load(_path: str, *, max_bytes: int | None) -> ProcessingOperation:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(cli, "_load", load)
    code, _, err = run(capsys, "assess", "x.yaml")
    assert code == cli.EXIT_INPUT
    assert err.strip() == "Erreur de fichier : Permission denied"

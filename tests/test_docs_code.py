"""The code blocks of the documentation run as written and print what their comments say.

A reader copies them: a block that fails, or whose ``# comment`` announces an output the code no longer
gives, teaches something false. Checked here: the Python blocks of README.md, docs/tutorial.md and
docs/pia.md, and docs/writing-a-plugin.md, whose blocks must be enough to write, package and run a plug-in.
"""

from __future__ import annotations

import contextlib
import io
import re
import tomllib
import types
from pathlib import Path

import pytest

import aipd
from aipd.model import Controller, ProcessingOperation, SupportingAsset
from aipd.vocabulary import AssetKind, OrganisationKind

ROOT = Path(__file__).resolve().parent.parent
PLUGIN_PAGE = ROOT / "docs" / "writing-a-plugin.md"
EXAMPLE_PYPROJECT = ROOT / "plugins" / "example-vendor" / "pyproject.toml"

#: ``print(...)  # what it prints`` on one line: the comment is the output the page promises.
_PRINTED = re.compile(r"^\s*print\(.*\)\s+#\s+(?P<expected>.+?)\s*$")


def blocks(text: str, lang: str) -> list[str]:
    """The fenced code blocks of ``text`` in language ``lang``, in order."""
    return re.findall(rf"^```{lang}\n(.*?)^```", text, flags=re.MULTILINE | re.DOTALL)


def run(code: str) -> str:
    """Execute ``code`` as a script in the current directory; what it printed."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "<doc block>", "exec"), {"__name__": "__doc_block__"})
    return out.getvalue()


def broken_promises(code: str, printed: str) -> list[str]:
    """The outputs announced by ``# comments`` after a ``print`` of ``code`` that ``printed`` lacks."""
    lines = printed.splitlines()
    promised = [m.group("expected") for line in code.splitlines() if (m := _PRINTED.match(line))]
    return [expected for expected in promised if not any(expected in line for line in lines)]


@pytest.fixture
def in_a_folder_with_the_examples(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty working folder where ``examples/`` is the repository's, as in the pages' commands."""
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    # "traitement.yaml", the operation file the reference pages' commands take
    (tmp_path / "traitement.yaml").write_bytes((ROOT / "examples" / "cameras-augmentees.yaml").read_bytes())
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize(
    ("page", "writes"),
    [("README.md", ".docx"), ("docs/tutorial.md", ".docx"), ("docs/pia.md", ".json")],
)
def test_python_blocks_print_what_their_comments_say(
    page: str, writes: str, in_a_folder_with_the_examples: Path
) -> None:
    """Each Python block of the page runs and prints every output its comments announce."""
    code_blocks = blocks((ROOT / page).read_text(encoding="utf-8"), "python")
    assert code_blocks, f"{page} has no Python block"
    for code in code_blocks:
        assert broken_promises(code, run(code)) == []
    assert any(p.suffix == writes for p in in_a_folder_with_the_examples.iterdir())


def test_a_wrong_promise_is_caught() -> None:
    """The comment check is not vacuous: an announced output that is not printed is reported."""
    code = 'print("AIPD requise")  # AIPD requise\nprint("AIPD requise")  # AIPD non requise\n'
    assert broken_promises(code, run(code)) == ["AIPD non requise"]


def _french_part() -> str:
    return PLUGIN_PAGE.read_text(encoding="utf-8").partition("\n## English\n")[0]


def test_plugin_page_pyproject_is_the_example_one() -> None:
    """The page's pyproject.toml is the example vendor's (every key it shows has the example's value) and
    holds what packaging needs for aipd to read the version: a build backend and the version's source."""
    shown = tomllib.loads(blocks(_french_part(), "toml")[0])
    real = tomllib.loads(EXAMPLE_PYPROJECT.read_text(encoding="utf-8"))

    def differences(part: object, whole: object, path: str) -> list[str]:
        if isinstance(part, dict) and isinstance(whole, dict):
            return [d for k, v in part.items() for d in differences(v, whole.get(k), f"{path}.{k}")]
        return [] if part == whole else [path]

    assert differences(shown, real, "$") == []
    assert shown["build-system"]["build-backend"] == "hatchling.build"
    assert shown["tool"]["hatch"]["version"]["path"] == "acme_aipd/__init__.py"
    assert shown["project"]["dynamic"] == ["version"]
    assert shown["project"]["entry-points"]["aipd"] == {"acme": "acme_aipd.plugin"}


def plugin_from_page() -> types.ModuleType:
    """The module the Python blocks of parts 2 to 4 of the page make, put end to end."""
    french = _french_part()
    code = "\n\n".join(blocks(french[french.index("## 2.") : french.index("## 5.")], "python"))
    module = types.ModuleType("page_plugin")
    exec(compile(code, str(PLUGIN_PAGE), "exec"), module.__dict__)
    return module


def test_plugin_page_blocks_make_a_working_plugin() -> None:
    """The page's code alone is a plug-in: registered, its criterion meets WP248 criterion 3 for an Acme
    camera, its risk applies and its measure is in the catalogue."""
    registry = aipd.Registry(entry_points=False, plugins=[("acme", plugin_from_page())])
    op = ProcessingOperation(
        id="lapi",
        name="Lecture des plaques aux entrées de ville",
        controller=Controller(name="Commune de Test", kind=OrganisationKind.COMMUNE),
        assets=(SupportingAsset(kind=AssetKind.HARDWARE, name="Caméras PlateSight", provider="Acme Vision"),),
    )
    result = aipd.assess(op, registry=registry)
    finding = next(f for f in result.findings if f.id == "acme:lpr_camera")
    assert finding.status is aipd.FindingStatus.MET
    assert finding.plugin.name == "acme"
    assert "wp248:systematic_monitoring" in result.verdict.criteria_met
    assert "acme:plate_misreading" in {r.id for r in result.risks}
    assert "acme:human_plate_check" in {m.id for m in registry.measures()}


def test_plugin_page_registry_block_prints_what_it_says(monkeypatch: pytest.MonkeyPatch) -> None:
    """The block that tries the example plug-in without installing it runs from the repository root."""
    monkeypatch.chdir(ROOT)
    french = _french_part()
    (code,) = blocks(french[french.index("## 5.") : french.index("## 6.")], "python")
    assert broken_promises(code, run(code)) == []


def test_concepts_quotes_a_rationale_aipd_writes() -> None:
    """The rationale docs/concepts.md quotes for criterion 5 is, word for word, the one aipd writes for the
    bundled canteen example (a quote the code no longer produces would show a DPO a wording they never see)."""
    text = " ".join((ROOT / "docs" / "concepts.md").read_text(encoding="utf-8").split())
    match = re.search(r"cantine fournie en exemple : « (.+?) »\)", text)
    assert match, "docs/concepts.md no longer quotes the canteen's criterion 5"
    result = aipd.assess(aipd.load(ROOT / "examples" / "inscription-cantine.yaml"))
    finding = next(f for f in result.findings if f.id == "wp248:large_scale")
    assert match.group(1) == " ".join(finding.rationale.fr.split())


def test_maintainer_commands_the_pages_give_succeed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every ``python -m aipd.docgen|rulesdoc|riskdoc …`` command the pages name exits 0, run from the root of
    a copy of the repository's docs (``python -m aipd.docgen write`` was documented and exits 2)."""
    from aipd import docgen, riskdoc, rulesdoc

    mains = {"docgen": docgen.main, "rulesdoc": rulesdoc.main, "riskdoc": riskdoc.main}
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    commands = {
        match.group(1, 2)
        for page in pages
        if page.name != "changelog.md"  # the changelog quotes history, not instructions
        for match in re.finditer(
            r"`python -m aipd\.(docgen|rulesdoc|riskdoc)((?: [\w-]+)*)`", page.read_text("utf-8")
        )
    }
    assert ("docgen", "") in commands
    (tmp_path / "docs").mkdir()
    for page in (ROOT / "docs").glob("*.md"):
        (tmp_path / "docs" / page.name).write_bytes(page.read_bytes())
    monkeypatch.chdir(tmp_path)
    for module, args in sorted(commands):
        with contextlib.redirect_stdout(io.StringIO()):
            assert mains[module](args.split()) == 0, f"python -m aipd.{module}{args}"


def test_home_page_shows_the_verdict_aipd_assess_prints(
    in_a_folder_with_the_examples: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The output docs/index.md shows for `aipd assess examples/cameras-augmentees.yaml` is printed as shown."""
    from aipd import cli

    (shown,) = blocks((ROOT / "docs" / "index.md").read_text(encoding="utf-8"), "text")
    assert cli.main(["assess", "examples/cameras-augmentees.yaml"]) == cli.EXIT_OK
    assert shown in capsys.readouterr().out

"""The wheel: built from the repository, installed in a fresh virtual environment, it works.

An editable install hides packaging mistakes (a module left out of the wheel, a
missing dependency, data files only present in the repository), so the wheel is
built and installed with its declared dependencies in a new venv, and
``aipd check`` is run there from outside the repository.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _example() -> Path:
    """The first shipped example (examples/ is part of the repository, not of the wheel)."""
    shipped = sorted((ROOT / "examples").glob("*.yaml"))
    assert shipped, "examples/*.yaml are missing"
    return shipped[0]


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    # Without the caller's PYTHONPATH: a suite run with PYTHONPATH=<checkout> would make the fresh
    # venv import the checkout instead of the installed wheel, and test nothing of the wheel.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=600, check=False)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    # Without isolation when hatchling is at hand (fast, offline); else pip's isolated build.
    if importlib.util.find_spec("hatchling") is not None:
        args = [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(ROOT)]
    else:
        args = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)]
    done = _run(args, cwd=out)
    assert done.returncode == 0, done.stdout + done.stderr
    (built,) = out.glob("aipd-*.whl")
    return built


@pytest.fixture(scope="module")
def venv_python(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    env = tmp_path_factory.mktemp("venv")
    done = _run([sys.executable, "-m", "venv", str(env)], cwd=env)
    assert done.returncode == 0, done.stderr
    python = env / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
    done = _run(
        [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", str(wheel)], cwd=env
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return python


def test_wheel_contains_the_package_the_plugins_and_the_templates(wheel: Path) -> None:
    """The wheel ships aipd (typed), the built-in plug-ins and the default templates."""
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "aipd/io.py" in names
    assert "aipd/py.typed" in names
    assert "aipd_builtin/__init__.py" in names
    assert any(n.startswith("aipd/_templates/") for n in names)
    assert not any(n.startswith("tests/") for n in names)


def test_installed_wheel_checks_an_example(venv_python: Path, tmp_path: Path) -> None:
    """`aipd check` from the installed wheel validates an example and prints its summary."""
    aipd = venv_python.parent / ("aipd.exe" if sys.platform == "win32" else "aipd")
    done = _run([str(aipd), "check", str(_example())], cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Traitement\u00a0: ")
    assert "Faits encore inconnus" in done.stdout or "Tous les faits" in done.stdout


def test_installed_wheel_is_the_one_imported(venv_python: Path, tmp_path: Path) -> None:
    """The venv imports aipd from its own site-packages, not from the repository."""
    done = _run([str(venv_python), "-c", "import aipd; print(aipd.__file__)"], cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "site-packages" in done.stdout
    assert str(ROOT) not in done.stdout


def test_installed_wheel_refuses_bad_input_without_traceback(venv_python: Path, tmp_path: Path) -> None:
    """Bad input exits 2 with the located problems, from the installed package too."""
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\nname: n\ncontroller:\n  name: c\n  kind: comune\n", encoding="utf-8")
    aipd = venv_python.parent / ("aipd.exe" if sys.platform == "win32" else "aipd")
    done = _run([str(aipd), "check", str(bad)], cwd=tmp_path)
    assert done.returncode == 2
    assert "bad.yaml:5:9: $.controller.kind" in done.stderr
    assert "Traceback" not in done.stderr

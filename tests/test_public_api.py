"""Meta-tests of the public API: every exported name exists, is documented and typed."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

import aipd
from aipd.docgen import hook_functions

PUBLIC = sorted(aipd.__all__)
CALLABLES = [n for n in PUBLIC if inspect.isfunction(getattr(aipd, n)) or inspect.isclass(getattr(aipd, n))]


def test_all_names_exist_and_are_unique() -> None:
    """Every name in aipd.__all__ is importable from aipd, once."""
    assert len(set(aipd.__all__)) == len(aipd.__all__)
    for name in aipd.__all__:
        assert hasattr(aipd, name), name


def test_package_is_typed() -> None:
    """aipd ships py.typed, so type checkers read its annotations."""
    assert (Path(aipd.__file__).parent / "py.typed").exists()


@pytest.mark.parametrize("name", CALLABLES)
def test_public_name_has_a_docstring(name: str) -> None:
    """Every public class and function carries its own non-empty docstring."""
    obj = getattr(aipd, name)
    assert (obj.__doc__ or "").strip(), f"aipd.{name} has no docstring"


@pytest.mark.parametrize("name", [n for n in CALLABLES if inspect.isfunction(getattr(aipd, n))])
def test_public_function_is_annotated(name: str) -> None:
    """Every parameter and the return of a public function are annotated."""
    sig = inspect.signature(getattr(aipd, name))
    for param in sig.parameters.values():
        assert param.annotation is not inspect.Parameter.empty, f"aipd.{name}: {param.name} is not annotated"
    assert sig.return_annotation is not inspect.Signature.empty, f"aipd.{name} has no return annotation"


@pytest.mark.parametrize("name", [n for n in CALLABLES if inspect.isclass(getattr(aipd, n))])
def test_public_methods_are_documented_and_annotated(name: str) -> None:
    """Public methods defined by a public class have a docstring and a return annotation."""
    cls = getattr(aipd, name)
    for attr, value in vars(cls).items():
        if attr.startswith("_") or not inspect.isfunction(value):
            continue
        assert (value.__doc__ or "").strip(), f"aipd.{name}.{attr} has no docstring"
        assert inspect.signature(value).return_annotation is not inspect.Signature.empty, f"{name}.{attr}"


@pytest.mark.parametrize("hook", hook_functions(), ids=lambda fn: fn.__name__)
def test_hook_has_a_docstring(hook: object) -> None:
    """Every hook specification is documented (its docstring is the hook reference)."""
    assert (getattr(hook, "__doc__", None) or "").strip()


def test_a_missing_docstring_is_caught() -> None:
    """The docstring check is not vacuous: an undocumented function fails it."""

    def undocumented() -> None:
        pass

    assert not (undocumented.__doc__ or "").strip()

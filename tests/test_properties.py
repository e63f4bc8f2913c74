"""Properties on generated operations that the per-module tests check only on fixed cases.

- the built-in plug-ins registered in any order give the same assessment of any operation
  (tests/test_registry.py permutes generated plug-ins on one fixed operation);
- any generated valid operation renders to a DOCX python-docx reopens, in both languages
  (tests/test_render_docx.py varies only the text of one minimal operation);
- LibreOffice lays out a small sample of generated operations with hostile text;
- the loader's work is bounded by its limits: however deep, wide or alias-heavy the input,
  it walks at most MAX_NODES + 1 nodes and MAX_DEPTH + 1 levels before answering;
- on any operation, declaring a measure planned instead of implemented never lowers a level nor
  makes the consultation « not required », and a DPO's judgement without a justification never
  makes it « not required » when it was not (tests/test_risks.py and tests/test_consultation.py
  check these on operations built around the facts the levels read).
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
import os
from pathlib import Path
from types import ModuleType
from typing import Any, Literal

import attrs
import docx
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from tests.strategies import operations

import aipd
from aipd import io
from aipd.assess import Assessment, assess
from aipd.model import ProcessingOperation
from aipd.registry import BUILTIN_PLUGINS, Registry

ROOT = Path(__file__).resolve().parent.parent

#: Everything assess() concludes, compared field by field so a failure names the part.
CONCLUSIONS = (
    "screening",
    "risks",
    "principles",
    "action_plan",
    "validation",
    "consultation",
    "ai_act",
    "algorithmic_decisions",
    "input_digest",
    "plugins",
)


def builtins_in(order: list[tuple[str, str]]) -> Registry:
    """The built-in plug-ins, registered as extras in ``order``."""
    plugins = [(name, importlib.import_module(module)) for name, module in order]
    return Registry(builtins=False, entry_points=False, plugins=plugins)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(op=operations(), order=st.permutations(BUILTIN_PLUGINS))
def test_builtin_plugin_order_never_changes_the_assessment(
    op: ProcessingOperation, order: list[tuple[str, str]]
) -> None:
    """The built-in plug-ins in any registration order give the same assessment of any operation."""
    first = assess(op, registry=builtins_in(list(BUILTIN_PLUGINS)))
    second = assess(op, registry=builtins_in(order))
    for part in CONCLUSIONS:
        assert getattr(first, part) == getattr(second, part), part


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(op=operations())
def test_assess_twice_gives_equal_assessments(op: ProcessingOperation) -> None:
    """Two assessments of the same generated operation are equal in every conclusion, not only the screening."""
    first, second = assess(op), assess(op)
    for part in CONCLUSIONS:
        assert getattr(first, part) == getattr(second, part), part


def _render(assessment: Assessment, path: Path, lang: str) -> docx.document.Document:
    out = aipd.render_docx(assessment, path, lang="en" if lang == "en" else "fr")
    return docx.Document(str(out))


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(op=operations(), lang=st.sampled_from(["fr", "en"]))
def test_any_valid_operation_renders_a_document_that_reopens(
    op: ProcessingOperation, lang: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Any generated operation gives a DOCX that python-docx reopens, with its title and headings."""
    path = tmp_path_factory.mktemp("render") / "aipd.docx"
    document = _render(assess(op), path, lang)
    styles = {p.style.name for p in document.paragraphs if p.style is not None}
    assert "Title" in styles
    assert "Heading 1" in styles


# --- LibreOffice -------------------------------------------------------------------------------


def _check_pdf() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_pdf", ROOT / "scripts" / "check_pdf.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


CHECK = _check_pdf()

#: Surrogates cannot be encoded in UTF-8, so no file could hold them.
SURROGATES: tuple[Literal["Cs"]] = ("Cs",)
HOSTILE = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=SURROGATES), min_size=1, max_size=120
).filter(lambda s: s.strip() != "")


@st.composite
def hostile_operations(draw: st.DrawFn) -> ProcessingOperation:
    """A generated operation whose name and description are arbitrary Unicode."""
    op = draw(operations())
    return attrs.evolve(op, name=draw(HOSTILE), description=draw(HOSTILE))


@pytest.mark.slow
@settings(
    max_examples=1,
    deadline=None,
    phases=[Phase.generate],  # one soffice call; a failure prints the five operations as drawn
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(ops=st.lists(hostile_operations(), min_size=5, max_size=5))
def test_libreoffice_converts_generated_documents(
    ops: list[ProcessingOperation], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Five generated operations with hostile text render to documents LibreOffice converts cleanly."""
    if CHECK.soffice() is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI must install LibreOffice (libreoffice-writer-nogui) for the PDF check")
        pytest.skip("LibreOffice not installed on this machine")
    folder = tmp_path_factory.mktemp("pdf")
    docs = [
        aipd.render_docx(assess(op), folder / f"generated-{i}.docx", lang="fr" if i % 2 else "en")
        for i, op in enumerate(ops)
    ]
    assert CHECK.convert(docs, folder / "pdf") == []


# --- the loader's work is bounded ---------------------------------------------------------------


def _laughs(levels: int, fan: int) -> str:
    """A 'billion laughs' file: each anchor repeats the previous one ``fan`` times."""
    lines = [f"l0: &l0 [{', '.join(['x'] * fan)}]"]
    for i in range(1, levels):
        lines.append(f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * fan)}]")
    return "\n".join(lines) + "\n"


def _deep(depth: int) -> str:
    return "description: " + "[" * depth + "]" * depth + "\n"


def _deep_maps(depth: int) -> str:
    return (
        "description:\n"
        + "".join("  " * (i + 1) + f"k{i}:\n" for i in range(depth))
        + "  " * (depth + 1)
        + "x\n"
    )


def _wide(items: int) -> str:
    return "authors: [" + ", ".join(f"a{i}" for i in range(items)) + "]\n"


SHAPES: dict[str, Any] = {
    "laughs_under_limit": _laughs(2, 100),
    "laughs_at_limit": _laughs(5, 10),
    "laughs_far_over_limit": _laughs(9, 10),
    "laughs_wide_fan": _laughs(3, 300),
    "deep_sequences_at_limit": _deep(io.MAX_DEPTH - 2),
    "deep_sequences_over_limit": _deep(io.MAX_DEPTH + 1),
    "deep_sequences_far_over_limit": _deep(20_000),
    "deep_mappings_over_limit": _deep_maps(io.MAX_DEPTH + 5),
    "wide_under_limit": _wide(io.MAX_NODES // 2),
    "wide_over_limit": _wide(io.MAX_NODES + 10),
    "json_deep_over_limit": '{"description": ' + "[" * 100_000 + "]" * 100_000 + "}",
    "json_wide_over_limit": '{"authors": [' + ", ".join(['"a"'] * (io.MAX_NODES + 10)) + "]}",
}


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_loader_walk_is_bounded_by_its_limits(shape: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Deep, wide and alias-heavy inputs near and past each limit: at most MAX_NODES + 1 nodes walked, then an answer."""
    walked: list[int] = []
    count = io._Context.count

    def counting(self: Any, path: str, depth: int, line: int | None, column: int | None) -> None:
        walked.append(depth)
        count(self, path, depth, line, column)

    monkeypatch.setattr(io._Context, "count", counting)
    # Loading or refusing are both answers; too-deep input is refused while parsing, before the walk.
    with contextlib.suppress(aipd.InputError):
        io.load(SHAPES[shape])
    assert len(walked) <= io.MAX_NODES + 1
    assert max(walked, default=0) <= io.MAX_DEPTH + 1


def test_the_node_bound_is_reached_by_the_alias_bomb(monkeypatch: pytest.MonkeyPatch) -> None:
    """The bound above is not vacuous: the far-over-limit bomb walks exactly MAX_NODES + 1 nodes and is refused."""
    walked = 0
    count = io._Context.count

    def counting(self: Any, path: str, depth: int, line: int | None, column: int | None) -> None:
        nonlocal walked
        walked += 1
        count(self, path, depth, line, column)

    monkeypatch.setattr(io._Context, "count", counting)
    with pytest.raises(aipd.InputError) as info:
        io.load(SHAPES["laughs_far_over_limit"])
    assert walked == io.MAX_NODES + 1
    assert str(io.MAX_NODES) in info.value.problems[0].message.en


_AXES = ("severity", "likelihood", "residual_severity", "residual_likelihood")


def _decided(op: ProcessingOperation) -> tuple[Any, bool | None]:
    from aipd.consultation import decide_consultation
    from aipd.risks import analyse_risks
    from aipd.screening import screen

    catalogue = Registry(entry_points=False).catalogue()
    risks = analyse_risks(op, catalogue, aipd.Settings())
    screening = screen(op, catalogue, aipd.Settings())
    return risks, decide_consultation(op, risks, screening, aipd.Settings()).required


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(op=operations(), pick=st.integers(min_value=0))
def test_a_measure_put_off_never_lowers_a_level_of_any_operation(op: ProcessingOperation, pick: int) -> None:
    """Any operation: one declared measure planned (or considered) instead of implemented never lowers
    a retained level, and never turns a consultation required or open into « not required »."""
    from aipd.vocabulary import MeasureStatus

    if not op.measures:
        return
    k = pick % len(op.measures)
    done = attrs.evolve(
        op,
        measures=tuple(
            attrs.evolve(m, status=MeasureStatus.IMPLEMENTED, due=None) if i == k else m
            for i, m in enumerate(op.measures)
        ),
    )
    base, required = _decided(done)
    for later in (MeasureStatus.PLANNED, MeasureStatus.CONSIDERED):
        put_off = attrs.evolve(
            done,
            measures=tuple(
                attrs.evolve(m, status=later) if i == k else m for i, m in enumerate(done.measures)
            ),
        )
        risks, put_off_required = _decided(put_off)
        for b, a in zip(base, risks, strict=True):
            for name in _AXES:
                before, after = getattr(b, name), getattr(a, name)
                if before is not None and after is not None:
                    assert after.rank >= before.rank, (b.id, name, later)
        if required is not False:
            assert put_off_required is not False, later


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(op=operations())
def test_judgements_without_justification_never_close_the_consultation_of_any_operation(
    op: ProcessingOperation,
) -> None:
    """Any operation: its DPO's judgements, stripped of their justifications, never turn a consultation
    the proposal leaves required or open into « not required » (levels written without a word may
    raise a risk, never settle it)."""
    if not op.risk_judgements:
        return
    bare = attrs.evolve(
        op, risk_judgements=tuple(attrs.evolve(j, justification=None) for j in op.risk_judgements)
    )
    _, proposed = _decided(attrs.evolve(op, risk_judgements=()))
    _, judged = _decided(bare)
    if proposed is not False:
        assert judged is not False


@pytest.mark.parametrize(
    "source",
    [
        SHAPES["json_wide_over_limit"],
        {"authors": ["a"] * (io.MAX_NODES + 10)},
        {"authors": [[["a"] * 100] * 100] * 11},
    ],
    ids=["json", "mapping", "mapping_nested"],
)
def test_json_and_mappings_past_the_node_bound_are_refused(source: Any) -> None:
    """JSON and Python mappings are walked without ``_Context.count`` (inline, for speed): the bound
    still holds for them, with the same problem."""
    with pytest.raises(aipd.InputError) as info:
        io.load(source)
    assert len(info.value.problems) == 1
    assert str(io.MAX_NODES) in info.value.problems[0].message.en
    assert "once aliases are expanded" in info.value.problems[0].message.en

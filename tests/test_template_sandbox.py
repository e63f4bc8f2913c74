"""A wording template from a vendor or a collectivité cannot leave Jinja's sandbox.

Each escape attempt is written as a wording override (``<lang>/<part>.md.j2`` in
a template folder, as a plug-in ships it) and must end in :class:`aipd.TemplateError`
naming the template, never in file contents, Python internals or a hang.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.render_cases import assessment

from aipd import TemplateError, render_docx
from aipd.render.text import MAX_POWER_BITS, MAX_REPEAT, Wording

#: Escape attempts: name -> template expression. Each must raise TemplateError.
ESCAPES: dict[str, str] = {
    # reading a file through Python's object graph
    "class_mro": "{{ ''.__class__.__mro__ }}",
    "subclasses": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "function_globals": "{{ todo.__globals__ }}",
    "builtins": "{{ todo.__globals__['__builtins__'] }}",
    "open": "{{ open('/etc/passwd').read() }}",
    "subscript_dunder": "{{ ''['__class__'] }}",
    "attr_filter": "{{ ''|attr('__class__') }}",
    "str_format": "{{ '{0.__class__.__mro__}'.format('') }}",
    "str_format_map": "{{ '{x.__class__}'.format_map({'x': ''}) }}",
    "bound_method_self": "{{ {}.update.__self__ }}",
    "generator_frame": "{{ (range(3)|map('string')).gi_frame }}",
    # importing modules and reading files through the loader
    "import_os": "{% import 'os' as os %}{{ os }}",
    "from_import": "{% from 'os' import system %}{{ system }}",
    "include_parent": "{% include '../../../../../../etc/passwd' %}",
    "include_absolute": "{% include '/etc/passwd' %}",
    "cycler_globals": "{{ cycler.__init__.__globals__.os }}",
    "joiner_globals": "{{ joiner.__init__.__globals__ }}",
    # reaching Jinja's and the host's internals
    "template_reference_context": "{{ self._TemplateReference__context }}",
    "flask_config": "{{ config }}",
    "lipsum_globals": "{{ lipsum.__globals__ }}",
    "namespace_init": "{% set ns = namespace() %}{{ ns.__init__ }}",
    "underscored_attribute": "{{ todo._private }}",
    # exhausting memory or CPU in one expression
    "huge_range": "{{ range(10**9)|length }}",
    "string_repeat": "{{ ('x' * 10**8)|length }}",
    "list_repeat": "{{ ([1] * 10**8)|length }}",
    "repeat_left_int": "{{ (10**8 * 'x')|length }}",
    "huge_power": "{{ (3 ** (10 ** 9))|string|length }}",
}


#: Why each attempt fails (a fragment of the English message), so a test cannot pass on an
#: unrelated error such as a syntax mistake in the attempt itself.
WHY: dict[str, str] = {
    **dict.fromkeys(ESCAPES, "is unsafe"),
    **dict.fromkeys(("open", "flask_config"), "is undefined"),
    **dict.fromkeys(("namespace_init", "underscored_attribute"), "has no attribute"),
    **dict.fromkeys(("import_os", "from_import", "include_parent", "include_absolute"), "template not found"),
    "huge_range": "MAX_RANGE",
    **dict.fromkeys(("string_repeat", "list_repeat", "repeat_left_int"), "repetition too long"),
    "huge_power": "power too large",
}


def override(root: Path, part: str, body: str) -> Path:
    """A template folder whose French ``part`` holds one macro ``text_x`` with ``body``."""
    folder = root / "fr"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{part}.md.j2").write_text(
        "{% macro text_x() %}" + body + "{% endmacro %}\n", encoding="utf-8"
    )
    return root


@pytest.mark.parametrize("name", sorted(ESCAPES))
def test_escape_attempt_is_a_template_error(tmp_path: Path, name: str) -> None:
    """Each escape attempt raises aipd.TemplateError naming the template, not a secret nor a hang."""
    part = f"evil_{name}"
    wording = Wording(lang="fr", context={}, plugin_dirs=[override(tmp_path, part, ESCAPES[name])])
    with pytest.raises(TemplateError) as info:
        wording.block(part, "x")
    assert f"{part}.md.j2" in info.value.template
    assert WHY[name] in info.value.message.en
    assert "root:" not in str(info.value)  # nothing of /etc/passwd leaks into the message


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("{{ ('ab' * 3) }}", "ababab"),
        ("{{ ('-' * 20)|length }}", "20"),
        ("{{ 2 ** 10 }}", "1024"),
        ("{{ 6 * 7 }}", "42"),
        ("{{ 1.5 ** 2 }}", "2.25"),
        ("{{ ([0] * 3)|length }}", "3"),
        ("{{ self }}", "<TemplateReference 'fr/ok.md.j2'>"),
    ],
)
def test_ordinary_operators_still_work(tmp_path: Path, body: str, expected: str) -> None:
    """Bounding * and ** leaves arithmetic and short repetitions as Jinja computes them."""
    wording = Wording(lang="fr", context={}, plugin_dirs=[override(tmp_path, "ok", body)])
    assert wording.block("ok", "x") == expected


def test_bounds_are_exact(tmp_path: Path) -> None:
    """A repetition of exactly MAX_REPEAT items passes and one more fails; likewise for powers."""
    body = "{{ ('x' * n)|length }}"
    (tmp_path / "fr").mkdir()
    (tmp_path / "fr" / "edge.md.j2").write_text("{% macro text_x(n) %}" + body + "{% endmacro %}\n")
    (tmp_path / "fr" / "power.md.j2").write_text("{% macro text_x(n) %}{{ (2 ** n) > 0 }}{% endmacro %}\n")
    wording = Wording(lang="fr", context={}, plugin_dirs=[tmp_path])
    assert wording.block("edge", "x", n=MAX_REPEAT) == str(MAX_REPEAT)
    with pytest.raises(TemplateError, match="répétition trop longue") as info:
        wording.block("edge", "x", n=MAX_REPEAT + 1)
    assert "repetition too long" in info.value.message.en
    # 2 has a bit length of 2, so 2 ** n is bounded at n = MAX_POWER_BITS // 2
    assert wording.block("power", "x", n=MAX_POWER_BITS // 2) == "True"
    with pytest.raises(TemplateError, match="puissance trop grande") as info:
        wording.block("power", "x", n=MAX_POWER_BITS // 2 + 1)
    assert "power too large" in info.value.message.en


def test_context_values_do_not_open_the_sandbox(tmp_path: Path) -> None:
    """Values the document passes to templates expose no underscored attribute either."""
    body = "{{ operation.__class__ }}"
    wording = Wording(
        lang="fr", context={"operation": {"name": "x"}}, plugin_dirs=[override(tmp_path, "ctx", body)]
    )
    with pytest.raises(
        TemplateError, match="accès interdit à l'attribut « __class__ » d'un objet « dict »"
    ) as info:
        wording.block("ctx", "x")
    assert "is unsafe" in info.value.message.en


@pytest.mark.parametrize(
    ("body", "fr", "en"),
    [
        (
            "{{ nom_inconnu }}",
            "« nom_inconnu » n'est pas défini",
            "UndefinedError: 'nom_inconnu' is undefined",
        ),
        (
            "{{ operation.titre }}",
            "un objet « dict » n'a pas d'attribut « titre »",
            "has no attribute 'titre'",
        ),
        ("{{ operation.liste[3] }}", "un objet « list » n'a pas d'élément 3", "has no element 3"),
        (
            "{{ operation.vide.x }}",
            "la valeur vide (None) n'a pas d'attribut « x »",
            "'None' has no attribute 'x'",
        ),
        (
            "{{ ''.__class__ }}",
            "refusé par le bac à sable : accès interdit à l'attribut « __class__ » d'un objet « str »",
            "is unsafe",
        ),
    ],
)
def test_template_mistakes_are_explained_in_french_first(tmp_path: Path, body: str, fr: str, en: str) -> None:
    """A vendor's or a collectivité's typo reads in French first, naming the file and line."""
    context = {"operation": {"liste": [1], "vide": None}}
    wording = Wording(lang="fr", context=context, plugin_dirs=[override(tmp_path, "typo", body)])
    with pytest.raises(TemplateError) as info:
        wording.block("typo", "x")
    assert info.value.message.fr == fr
    assert en in info.value.message.en
    assert str(info.value).startswith(f"{info.value.template}:1: {info.value.message.fr}")


def test_escape_through_render_docx_writes_no_document(tmp_path: Path) -> None:
    """An override of a real wording file that tries an escape fails render_docx and leaves no file."""
    templates = tmp_path / "templates"
    (templates / "fr").mkdir(parents=True)
    (templates / "fr" / "labels.md.j2").write_text(
        "{% set title = ''.__class__.__mro__[1].__subclasses__() %}\n", encoding="utf-8"
    )
    out = tmp_path / "aipd.docx"
    with pytest.raises(TemplateError) as info:
        render_docx(assessment(), out, template_dirs=[templates])
    assert "labels.md.j2" in info.value.template
    assert "is unsafe" in info.value.message.en
    assert not out.exists()

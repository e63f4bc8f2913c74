"""A wording template cannot exhaust memory or time: each blow-up is refused, with a reason.

Each attempt is written as a wording override (``<lang>/<part>.md.j2`` in a template folder, as a
plug-in ships it) and must end in :class:`aipd.TemplateError` naming the template, with a French
message first (« refusé par le bac à sable : … ») that says what was refused and which limit of
docs/templates.md applies. No test here is timed: each asserts the error, which the counters raise
whatever the machine's speed.
"""

from __future__ import annotations

import threading
import tracemalloc
from pathlib import Path

import attrs
import docx
import pytest
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

import aipd
from aipd import TemplateError
from aipd.render import text
from aipd.render.docx import build_document
from aipd.render.text import (
    MAX_OUTPUT,
    MAX_POWER_BITS,
    MAX_RANGE,
    MAX_REPEAT,
    MAX_STEPS,
    Wording,
    environment,
    template_search_path,
)

ROOT = Path(__file__).resolve().parent.parent

BIG = '{% set s = "x" * 100000 %}'  # the longest string one repetition may build

#: name -> (template body, fragment of the English reason, fragment of the French reason).
BLOW_UPS: dict[str, tuple[str, str, str]] = {
    # padding and widths (one operation, MAX_REPEAT)
    "center_filter": ('{{ "x"|center(10**9) }}', "center: 999,999,999 characters", "center : 999 999 999"),
    "center_method": ('{{ "x".center(10**9) }}', "center: 999,999,999", "center : 999 999 999"),
    "ljust_method": ('{{ "x".ljust(10**9) }}', "ljust: 999,999,999", "ljust : 999 999 999"),
    "rjust_method": ('{{ "x".rjust(10**9, "-") }}', "rjust: 999,999,999", "rjust : 999 999 999"),
    "zfill_method": ('{{ "1".zfill(10**9) }}', "zfill: 999,999,999", "zfill : 999 999 999"),
    "expandtabs_method": ('{{ "\\t".expandtabs(10**9) }}', "expandtabs: 1,000,000,000", "expandtabs : "),
    "percent_filter_width": ('{{ "%9999999999s"|format(1) }}', "%: 9,999,999,999", "% : 9 999 999 999"),
    "percent_filter_precision": ('{{ "%.999999999f"|format(1.0) }}', "%: 999,999,999", "% : 999 999 999"),
    "percent_operator_width": ('{{ "%999999999d" % 1 }}', "%: 999,999,999", "% : 999 999 999"),
    "percent_star_width": ('{{ "%*s" % (10**9, 1) }}', "%: 1,000,000,000", "% : 1 000 000 000"),
    "percent_keyed_width": ('{{ "%(a)999999999s" % {"a": 1} }}', "%: 999,999,999", "% : 999 999 999"),
    "format_width": ('{{ "{:>999999999}".format(1) }}', "format: 999,999,999", "format : 999 999 999"),
    "format_precision": ('{{ "{:.999999999f}".format(1.0) }}', "format: 999,999,999", "format : "),
    "format_nested_width": ('{{ "{:>{w}}".format(1, w=10**9) }}', "format: 1,000,000,000", "format : "),
    "format_map_width": ('{{ "{x:>999999999}".format_map({"x": 1}) }}', "format: 999,999,999", "format : "),
    "markup_format_width": ('{{ ("{:>999999999}"|safe).format(1) }}', "format: 999,999,999", "format : "),
    "indent_width": ('{{ "x\\ny"|indent(width=10**9) }}', "indent: 1,000,000,000", "indent : "),
    "indent_many_lines": ('{{ ("x\\n" * 50000)|indent(3) }}', "indent: 150,003", "indent : 150 003"),
    "wordwrap_separator": (
        '{{ "a b c"|wordwrap(1, wrapstring="x" * 100000) }}',
        "wordwrap: 200,000",
        "wordwrap",
    ),
    "join_filter_separator": ('{{ range(100000)|join("y" * 100000) }}', "join: 9,999,900,000", "join : "),
    "join_method_separator": (
        '{{ ("y" * 100000).join(range(3)|map("string")) }}',
        "join: 200,000",
        "join : 200 000",
    ),
    "replace_filter": ('{{ "xx"|replace("", "y" * 100000) }}', "replace: 300,000", "replace : 300 000"),
    "replace_method": ('{{ "xx".replace("", "y" * 100000) }}', "replace: 300,000", "replace : 300 000"),
    "translate_method": ('{{ "abc".translate({97: "y" * 100000}) }}', "translate: 299,997", "translate : "),
    "batch_fill": ("{{ [1]|batch(10**9, 0)|list }}", "batch: 999,999,999", "batch : "),
    "slice_count": ("{{ [1]|slice(10**8)|list }}", "slice: 100,000,000", "slice : "),
    "lipsum_count": ("{{ lipsum(10**6) }}", "lipsum: 100,000,000", "lipsum : "),
    "tojson_indent": ("{{ [1]|tojson(indent=10**9) }}", "tojson: 1,000,000,000", "tojson : "),
    # numbers and ranges
    "range_list": ("{{ range(10**9)|list }}", "range() too long", "range() trop long"),
    "range_overflow": ("{{ range(10**30)|length }}", "range() too long", "range() trop long"),
    "integer_product": ("{% set x = 3 ** 4000 %}{{ x * x }}", "product too large", "produit trop grand"),
    # text of a container holding one string many times (MAX_OUTPUT)
    "output_of_shared_list": (BIG + "{{ [[s]] * 100000 }}", "text too long", "texte trop long"),
    "string_filter_of_shared_list": (
        BIG + "{{ ([[s]] * 100000)|string }}",
        "text too long",
        "texte trop long",
    ),
    "join_of_shared_list": (BIG + "{{ ([s] * 100000)|join }}", "text too long", "texte trop long"),
    "concat_of_shared_list": (BIG + '{{ [[s]] * 100000 ~ "" }}', "text too long", "texte trop long"),
    "dict_values_output": (
        BIG + "{{ dict.fromkeys(range(100000), s).values() }}",
        "text too long",
        "texte trop long",
    ),
    "percent_of_shared_list": (BIG + '{{ "%s" % ([s] * 100000,) }}', "text too long", "texte trop long"),
    "format_of_shared_list": (BIG + '{{ "{}".format([s] * 100000) }}', "text too long", "texte trop long"),
    "format_repr_of_shared_list": (
        BIG + '{{ "{!r}".format([s] * 100000) }}',
        "text too long",
        "texte trop long",
    ),
    "nested_literals": (
        BIG + "{% set a = [s, s] %}{% set b = [a, a] %}{% set c = [b, b] %}{% set d = [c, c] %}"
        "{% set e = [d, d] %}{% set f = [e, e] %}{% set g = [f, f] %}{% set h = [g, g] %}{{ [h, h] }}",
        "text too long",
        "texte trop long",
    ),
    # growth by doubling in a short loop (MAX_OUTPUT for text, MAX_STEPS for lists)
    "concat_doubling": (
        '{% set ns = namespace(s="x" * 100000) %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}',
        "text too long",
        "texte trop long",
    ),
    "plus_doubling": (
        '{% set ns = namespace(s="x" * 100000) %}{% for i in range(40) %}{% set ns.s = ns.s + ns.s %}{% endfor %}',
        "text too long",
        "texte trop long",
    ),
    "list_plus_doubling": (
        "{% set ns = namespace(l=[1]) %}{% for i in range(40) %}{% set ns.l = ns.l + ns.l %}{% endfor %}",
        "runs too long",
        "trop long à exécuter",
    ),
    "list_extend_doubling": (
        '{% set l = [1] %}{% for i in range(40) %}{{ l.extend(l) or "" }}{% endfor %}',
        "runs too long",
        "trop long à exécuter",
    ),
    "sum_of_lists": ("{{ ([[1]] * 100000)|sum(start=[]) }}", "runs too long", "trop long à exécuter"),
    # big integers built step by step (MAX_POWER_BITS)
    "integer_growth_by_plus": (
        "{% set ns = namespace(x=2 ** 5000) %}{% for i in range(10000) %}{% set ns.x = ns.x + ns.x %}{% endfor %}",
        "number too large",
        "nombre trop grand",
    ),
    "integer_growth_by_minus": (
        "{% set ns = namespace(x=2 ** 5000) %}{% for i in range(10000) %}{% set ns.x = ns.x - (0 - ns.x) %}"
        "{% endfor %}",
        "number too large",
        "nombre trop grand",
    ),
    # many fields of a bounded width: their sum is output (MAX_OUTPUT), counted before it is built
    "format_repeated_field": ('{{ ("{0:100000}" * 1000).format("") }}', "text too long", "texte trop long"),
    "percent_repeated_field": (
        '{{ ("%(a)100000s" * 1000) % {"a": ""} }}',
        "text too long",
        "texte trop long",
    ),
    # filters whose text is several times their value's, checked before it is built (MAX_OUTPUT)
    "escape_growth": (
        '{% set s = "&" * 100000 %}{{ ([s] * 40)|join|e }}',
        "text too long",
        "texte trop long",
    ),
    "urlencode_growth": (
        '{% set s = "😀" * 100000 %}{{ ([s] * 20)|join|urlencode }}',
        "text too long",
        "texte trop long",
    ),
    "tojson_growth": (
        '{% set s = "<" * 100000 %}{{ ([s] * 30)|join|tojson }}',
        "text too long",
        "texte trop long",
    ),
    "urlize_target": (
        '{{ ("a.com " * 16000)|urlize(target="x" * 100000) }}',
        "text too long",
        "texte trop long",
    ),
    # running too long (MAX_STEPS)
    "list_repetition_in_loop": (
        "{% for i in range(1000) %}{% set l = [0, 0] * 50000 %}{% endfor %}",
        "runs too long",
        "trop long à exécuter",
    ),
    # comparing or hashing nested containers goes through every item at every depth (MAX_STEPS)
    "nested_equality": (
        BIG + '{% set a = [s] * 1000 %}{% set b = [s ~ ""] * 1000 %}{{ [a] * 1000 == [b] * 1000 }}',
        "runs too long",
        "trop long à exécuter",
    ),
    "nested_eq_test": (
        BIG + '{% set a = [s] * 1000 %}{% set b = [s ~ ""] * 1000 %}{{ [a] * 1000 is eq [b] * 1000 }}',
        "runs too long",
        "trop long à exécuter",
    ),
    "nested_sort_filter": (
        BIG + '{% set a = [s] * 1000 %}{% set b = [s ~ ""] * 1000 %}{{ ([[a]] * 500 + [[b]] * 500)|sort }}',
        "runs too long",
        "trop long à exécuter",
    ),
    "nested_sort_method": (
        BIG + "{% set a = [s] * 1000 %}{% set l = [[a]] * 1000 %}{{ l.sort() }}",
        "runs too long",
        "trop long à exécuter",
    ),
    "nested_count_method": (
        BIG + '{% set a = [s] * 1000 %}{{ ([a] * 1000).count([s ~ ""] * 1000) }}',
        "runs too long",
        "trop long à exécuter",
    ),
    "nested_tuple_key": (
        '{% set a = ("x",) * 1000 %}{% set b = (a,) * 1000 %}{{ {b: 1}|length }}',
        "runs too long",
        "trop long à exécuter",
    ),
    "nested_loops": (
        "{% for i in range(10**4) %}{% for j in range(10**4) %}{% endfor %}{% endfor %}",
        "runs too long",
        "trop long à exécuter",
    ),
    "nested_filtered_loops": (
        "{% set l = [0] * 100000 %}{% for a in l %}{% for b in l if b %}{% endfor %}{% endfor %}",
        "runs too long",
        "trop long à exécuter",
    ),
    "in_test_in_loop": (
        "{% set l = [0] * 100000 %}{% for a in range(100000) %}{% if 5 in l %}{% endif %}{% endfor %}",
        "runs too long",
        "trop long à exécuter",
    ),
    "equality_in_loop": (
        BIG + '{% set t = s ~ "" %}{% for i in range(100000) %}{% if s == t %}{% endif %}{% endfor %}',
        "runs too long",
        "trop long à exécuter",
    ),
    "filter_in_loop": (
        "{% set l = [0] * 100000 %}{% for a in range(100000) %}{{ l|sort|length }}{% endfor %}",
        "runs too long",
        "trop long à exécuter",
    ),
    "slice_in_loop": (
        BIG + "{% for i in range(100000) %}{% set t = s[1:] %}{% endfor %}",
        "runs too long",
        "trop long à exécuter",
    ),
    "recursive_loop": (
        "{% for i in range(3) recursive %}{{ loop(range(100000)) if loop.depth < 9 }}{% endfor %}",
        "runs too long",
        "trop long à exécuter",
    ),
    # writing too much (MAX_OUTPUT)
    "output_in_loop": (
        '{% for a in range(100000) %}{{ "x" * 100000 }}{% endfor %}',
        "text too long",
        "texte trop long",
    ),
    "literal_text_in_loop": (
        "{% for a in range(100000) %}{% for b in range(9) %}" + "x" * 300 + "{% endfor %}{% endfor %}",
        "text too long",
        "texte trop long",
    ),
    "recursive_macro": (
        "{% macro m(n) %}{% if n %}{{ m(n - 1) }}{{ m(n - 1) }}{% else %}{{ 'x' * 1000 }}{% endif %}{% endmacro %}"
        "{{ m(40) }}",
        "text too long",
        "texte trop long",
    ),
}

#: The limit each reason names, so the message points to the right line of docs/templates.md.
LIMIT_OF = {
    "text too long": "MAX_OUTPUT",
    "runs too long": "MAX_STEPS",
    "range() too long": "MAX_RANGE",
    "product too large": "MAX_POWER_BITS",
    "number too large": "MAX_POWER_BITS",
}


def override(root: Path, part: str, body: str) -> Path:
    """A template folder whose French ``part`` holds one macro ``text_x`` with ``body``."""
    folder = root / "fr"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{part}.md.j2").write_text(
        "{% macro text_x() %}" + body + "{% endmacro %}\n", encoding="utf-8"
    )
    return root


def block(tmp_path: Path, body: str, part: str = "x") -> str:
    return Wording(lang="fr", context={}, plugin_dirs=[override(tmp_path, part, body)]).block(part, "x")


@pytest.mark.parametrize("name", sorted(BLOW_UPS))
def test_blow_up_is_refused(tmp_path: Path, name: str) -> None:
    """Each blow-up raises aipd.TemplateError naming the template, French first, with what was refused."""
    body, en, fr = BLOW_UPS[name]
    part = f"lourd_{name}"
    with pytest.raises(TemplateError) as info:
        block(tmp_path, body, part)
    error = info.value
    assert error.template.endswith(f"{part}.md.j2")
    assert error.line == 1
    assert error.message.fr.startswith("refusé par le bac à sable : ")
    assert fr in error.message.fr
    assert error.message.en.startswith("refused by the sandbox: ")
    assert en in error.message.en
    limit = next((v for k, v in LIMIT_OF.items() if k in en), "MAX_REPEAT")
    assert f"({limit})" in error.message.fr
    assert str(error).startswith(f"{error.template}:1: refusé par le bac à sable")  # French first


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ('{{ "x"|truncate(10**9) }}', "x"),  # truncate never adds: nothing to bound
        ('{{ "abcdefghij"|truncate(7, end="…", leeway=0) }}', "abcdef…"),
        ('{{ "ab"|center(6) }}|', "  ab  |"),
        ('{{ "ab".ljust(4, ".") }}{{ "7".zfill(3) }}', "ab..007"),
        ('{{ "%5s|%-4d|%.2f" % ("a", 7, 1.5) }}', "    a|7   |1.50"),
        ('{{ "%(n)03d"|format(n=7) }}', "007"),
        ('{{ "{:>5}|{:.1f}|{:{w}}".format("a", 2.25, "b", w=3) }}', "    a|2.2|b  "),
        ('{{ "a\\nb"|indent(2, first=true) }}', "  a\n  b"),
        ('{{ "un deux trois"|wordwrap(5, wrapstring=" / ") }}', "un / deux / trois"),
        ('{{ ["a", "b", "c"]|join(", ") }}', "a, b, c"),
        ('{{ ", ".join(["a", "b"]) }}', "a, b"),
        ('{{ "a-b-c"|replace("-", " – ") }}', "a – b – c"),
        ("{{ [1, 2, 3]|batch(2, 0)|list }}", "[[1, 2], [3, 0]]"),
        ("{{ [1, 2, 3]|slice(2)|list }}", "[[1, 2], [3]]"),
        ('{{ {"a": [1]}|tojson(2) }}', '{\n  "a": [\n    1\n  ]\n}'),
        ("{{ [[1], [2, 3]]|sum(start=[]) }}", "[1, 2, 3]"),
        ("{{ range(5)|list }}", "[0, 1, 2, 3, 4]"),
        (
            "{{ [1.5, none] }} {% set ns = namespace(a=1) %}{{ [ns]|string }}",
            "[1.5, None] [<Namespace {'a': 1}>]",
        ),
        ('{{ "%*d|%ld|%-3s|" % (5, 42, 7, "a") }}', "   42|7|a  |"),
        ('{{ "aaa"|replace("a", "b", 2) }} {{ "aaa".replace("a", "b", 1) }}', "bba baa"),
        ('{{ [{"n": 1}, {"n": 2}]|sum(attribute="n") }}', "3"),
        ("{{ lipsum(1, false, 20, 21)|wordcount }}", "20"),
        (
            "{% for i in range(3) %}{% for j in range(2) %}{{ i ~ j }} {% endfor %}{% endfor %}",
            "00 01 10 11 20 21 ",
        ),
        ('{{ "b" in "abc" }} {{ [1, 2] == [1, 2] }} {{ "abcdef"[1:3] }}', "True True bc"),
        ("{{ (2 ** 100) * 3 }} {{ 7 - 10 }}", f"{2**100 * 3} -3"),
        ('{% set l = [1, 2] %}{{ l.append(l) or "" }}{{ l }}', "[1, 2, [...]]"),  # a cycle is not endless
        ("{{ [3, 1, 2]|sort }} {{ [[2], [1]]|max }} {{ [1, 2, 1].count(1) }}", "[1, 2, 3] [2] 2"),
        ('{{ {(1, "a"): 2}[(1, "a")] }} {{ [1, [2]] == [1, [2]] }}', "2 True"),
        ('{{ "{0:>3}{0:>3}".format("a") }} {{ "%3s%3s" % ("a", "b") }}', "  a  a   a  b"),
        (
            "{{ '<a & \"b\">'|e }} {{ 'é/x'|urlencode }} {{ '<é>'|tojson }}",
            r'&lt;a &amp; &#34;b&#34;&gt; %C3%A9/x "\u003c\u00e9\u003e"',
        ),
        (
            '{{ "voir www.cnil.fr"|urlize(target="_blank") }}',
            'voir <a href="https://www.cnil.fr" rel="noopener" target="_blank">www.cnil.fr</a>',
        ),
    ],
)
def test_ordinary_wording_still_works(tmp_path: Path, body: str, expected: str) -> None:
    """The bounded filters, methods and operators give what Jinja's own sandbox gives for ordinary wording."""
    plain = SandboxedEnvironment(trim_blocks=True, lstrip_blocks=True).from_string(body).render()
    assert plain == expected
    assert block(tmp_path, body) == expected


@pytest.mark.parametrize("name", ["format_repeated_field", "percent_repeated_field", "urlize_target"])
def test_text_is_refused_before_it_is_built(tmp_path: Path, name: str) -> None:
    """A text the document has no room for is refused while it is small: the memory the render
    allocates stays under 1.5 × MAX_OUTPUT bytes, where building it would take 100 MB and more."""
    tracemalloc.start()
    try:
        with pytest.raises(TemplateError, match="MAX_OUTPUT"):
            block(tmp_path, BLOW_UPS[name][0], f"tot_{name}")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 1.5 * MAX_OUTPUT, f"{peak:,} bytes"


class _Formatted:
    """A context object with a ``format`` method of its own (not str.format)."""

    def format(self, pattern: str) -> str:
        return f"formatted {pattern}"


@pytest.mark.parametrize(
    ("body", "fr", "en"),
    [
        (
            "{{ 1 / 0 }}",
            "division par zéro (ZeroDivisionError : division by zero)",
            "ZeroDivisionError: division by zero",
        ),
        (
            "{% macro r() %}{{ r() }}{% endmacro %}{{ r() }}",
            "récursion sans fin : un modèle s'inclut, s'étend ou s'appelle lui-même",
            "endless recursion: a template includes, extends or calls itself",
        ),
        (
            "{% import 'fr/fault.md.j2' as me %}{{ me.text_x() }}",
            "récursion sans fin",
            "RecursionError",
        ),
        (
            '{{ "{x}".format_map({"x": 1}, 2) }}',
            "TypeError : format_map() takes exactly one argument (2 given)",
            "TypeError: format_map() takes exactly one argument (2 given)",
        ),
        (
            '{{ "{x}".format_map(x=1) }}',
            "TypeError : format_map() takes no keyword arguments",
            "TypeError: format_map() takes no keyword arguments",
        ),
        ("{{ f() }}", "SecurityError : ", "is not safely callable"),
    ],
)
def test_other_template_faults_name_their_python_error(tmp_path: Path, body: str, fr: str, en: str) -> None:
    """What is neither a limit, an unknown name nor a refused attribute is a TemplateError giving
    Python's error (as Jinja's sandbox gives it for format_map), at the template's line."""

    def unsafe() -> str:  # pragma: no cover - the sandbox refuses to call it
        return "called"

    unsafe.unsafe_callable = True  # type: ignore[attr-defined]
    root = override(tmp_path, "fault", body)
    wording = Wording(lang="fr", context={"f": unsafe}, plugin_dirs=[root])
    with pytest.raises(TemplateError) as info:
        wording.block("fault", "x")
    assert fr in info.value.message.fr
    assert en in info.value.message.en
    assert info.value.line in (1, None)  # Python's recursion error loses the template's frames


def test_a_format_method_of_another_object_is_called_as_it_is(tmp_path: Path) -> None:
    """Only str.format goes through the bounded formatter; another object's format is its own."""
    root = override(tmp_path, "fmt", '{{ obj.format("{}") }}')
    assert Wording(lang="fr", context={"obj": _Formatted()}, plugin_dirs=[root]).block("fmt", "x") == (
        "formatted {}"
    )


def test_an_undefined_label_is_named(tmp_path: Path) -> None:
    """Asking for a label the wording file does not set says which one, in French first."""
    (tmp_path / "fr").mkdir()
    (tmp_path / "fr" / "labels.md.j2").write_text("{% set title = 'Titre' %}", encoding="utf-8")
    wording = Wording(lang="fr", context={}, plugin_dirs=[tmp_path])
    assert wording.label("labels", "title") == "Titre"
    with pytest.raises(TemplateError, match="libellé « subtitle » non défini"):
        wording.label("labels", "subtitle")


def test_widths_are_bounded_exactly(tmp_path: Path) -> None:
    """Padding that adds exactly MAX_REPEAT characters passes; one more is refused."""
    (tmp_path / "fr").mkdir()
    (tmp_path / "fr" / "w.md.j2").write_text(
        "{% macro text_center(n) %}{{ ('x'|center(n))|length }}{% endmacro %}"
        "{% macro text_format(n) %}{{ ('{:>' ~ n ~ '}').format('')|length }}{% endmacro %}"
        "{% macro text_range(n) %}{{ range(n)|length }}{% endmacro %}\n",
        encoding="utf-8",
    )
    wording = Wording(lang="fr", context={}, plugin_dirs=[tmp_path])
    assert wording.block("w", "center", n=MAX_REPEAT + 1) == str(MAX_REPEAT + 1)
    with pytest.raises(TemplateError, match="MAX_REPEAT"):
        wording.block("w", "center", n=MAX_REPEAT + 2)
    assert wording.block("w", "format", n=MAX_REPEAT) == str(MAX_REPEAT)
    with pytest.raises(TemplateError, match="MAX_REPEAT"):
        wording.block("w", "format", n=MAX_REPEAT + 1)
    assert Wording(lang="fr", context={}, plugin_dirs=[tmp_path]).block("w", "range", n=MAX_RANGE) == str(
        MAX_RANGE
    )
    with pytest.raises(TemplateError, match="MAX_RANGE"):
        wording.block("w", "range", n=MAX_RANGE + 1)


def test_budget_is_per_document(tmp_path: Path) -> None:
    """Steps add up over the blocks of one document, and a new document starts afresh."""
    body = "{% for i in range(60000) %}{% for j in range(2) %}{% endfor %}{% endfor %}done"
    root = override(tmp_path, "p", body)
    first = Wording(lang="fr", context={}, plugin_dirs=[root])
    assert first.block("p", "x") == "done"
    per_block = first._budget.steps
    assert MAX_STEPS // 5 < per_block < MAX_STEPS // 2  # loop iterations and calls of range()
    for _ in range(MAX_STEPS // per_block - 1):
        assert first.block("p", "x") == "done"
    with pytest.raises(TemplateError, match="MAX_STEPS"):
        first.block("p", "x")
    assert Wording(lang="fr", context={}, plugin_dirs=[root]).block("p", "x") == "done"


def test_include_in_a_loop_counts_the_included_text(tmp_path: Path) -> None:
    """The literal text of an included template is counted each time it is included."""
    override(tmp_path, "inc", "{% for i in range(100000) %}{% include 'fr/page.md.j2' %}{% endfor %}")
    (tmp_path / "fr" / "page.md.j2").write_text("x" * 1000, encoding="utf-8")
    wording = Wording(lang="fr", context={}, plugin_dirs=[tmp_path])
    with pytest.raises(TemplateError, match="MAX_OUTPUT"):
        wording.block("inc", "x")


def test_a_block_is_counted_each_time_its_parent_calls_it(tmp_path: Path) -> None:
    """A child template's block runs where its parent calls it, in a loop here: its literal text is
    counted at each call, not once for the child template."""
    override(tmp_path, "blk", "{% include 'fr/child.md.j2' %}")
    (tmp_path / "fr" / "base.md.j2").write_text(
        "{% for i in range(900) %}{% for j in range(1000) %}{% block b %}{% endblock %}{% endfor %}{% endfor %}",
        encoding="utf-8",
    )
    (tmp_path / "fr" / "child.md.j2").write_text(
        "{% extends 'fr/base.md.j2' %}{% block b %}" + "x" * 2000 + "{% endblock %}", encoding="utf-8"
    )
    with pytest.raises(TemplateError, match="MAX_OUTPUT"):
        Wording(lang="fr", context={}, plugin_dirs=[tmp_path]).block("blk", "x")
    (tmp_path / "fr" / "base.md.j2").write_text("[{% block b %}{% endblock %}]", encoding="utf-8")
    (tmp_path / "fr" / "child.md.j2").write_text(
        "{% extends 'fr/base.md.j2' %}{% block b %}enfant{% endblock %}", encoding="utf-8"
    )
    wording = Wording(lang="fr", context={}, plugin_dirs=[tmp_path])
    assert wording.block("blk", "x") == "[enfant]"
    assert wording._budget.chars == len("[enfant]")  # each literal counted once: block, parent


def test_a_label_is_counted_and_its_faults_are_the_templates(tmp_path: Path) -> None:
    """A label may be any value a template built: turning it into text is counted against the
    document, and a label too long to write is a TemplateError naming the template (unbounded,
    ``str()`` would try to build 10 billion characters)."""
    (tmp_path / "fr").mkdir()
    (tmp_path / "fr" / "labels.md.j2").write_text(
        '{% set s = "x" * 100000 %}{% set title = [s] * 100000 %}{% set short = [1, 2] %}', encoding="utf-8"
    )
    wording = Wording(lang="fr", context={}, plugin_dirs=[tmp_path])
    assert wording.label("labels", "short") == "[1, 2]"
    before = wording._budget.chars
    assert wording.label("labels", "short") == "[1, 2]"
    assert wording._budget.chars == before + len("[1, 2]")
    with pytest.raises(TemplateError, match="MAX_OUTPUT") as info:
        wording.label("labels", "title")
    assert info.value.template.endswith("labels.md.j2")


def test_limits_hold_in_a_thread(tmp_path: Path) -> None:
    """The counters work in any thread (no signal): a render in a worker thread is stopped too."""
    root = override(tmp_path, "t", BLOW_UPS["nested_loops"][0])
    errors: list[BaseException] = []

    def render() -> None:
        try:
            Wording(lang="fr", context={}, plugin_dirs=[root]).block("t", "x")
        except BaseException as exc:  # the assertion is made in the main thread
            errors.append(exc)

    worker = threading.Thread(target=render)
    worker.start()
    worker.join()
    assert len(errors) == 1
    assert isinstance(errors[0], TemplateError)
    assert "MAX_STEPS" in errors[0].message.en


def test_a_template_rendered_outside_wording_is_bounded() -> None:
    """A template rendered straight from the environment gets a budget of its own."""
    env = environment(template_search_path())
    with pytest.raises(SecurityError, match="MAX_STEPS"):
        env.from_string(BLOW_UPS["nested_loops"][0]).render()
    assert env.from_string("{% for i in range(3) %}{{ i }}{% endfor %}").render() == "012"


def test_generate_stream_and_module_macros_are_bounded() -> None:
    """``generate()``, ``stream()`` and a module's macros called from Python count against a budget
    of their own too: without one, each operation would start from zero and loops would never stop."""
    env = environment(template_search_path())
    loops = BLOW_UPS["nested_loops"][0]
    with pytest.raises(SecurityError, match="MAX_STEPS"):
        "".join(env.from_string(loops).generate())
    with pytest.raises(SecurityError, match="MAX_STEPS"):
        "".join(env.from_string(loops).stream())
    module = env.from_string(
        "{% macro m() %}" + loops + "{% endmacro %}{% macro ok(x) %}<{{ x }}>{% endmacro %}"
    ).module
    with pytest.raises(SecurityError, match="MAX_STEPS"):
        module.m()
    assert module.ok(3) == "<3>"
    assert (module.ok.name, repr(module.ok)) == ("ok", "<Macro 'ok'>")  # still reads as Jinja's macro
    assert list(env.from_string("a{% for i in range(2) %}{{ i }}{% endfor %}").generate()) == ["a", "0", "1"]
    call = "{% macro ok(x) %}<{{ x }}{{ caller() }}>{% endmacro %}{% call ok(2) %}c{% endcall %}"
    assert env.from_string(call).render() == "<2c>"


def test_recursion_counts_each_call(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each macro call is counted: a recursion that outputs almost nothing still stops at MAX_STEPS."""
    monkeypatch.setattr(text, "MAX_STEPS", 20_000)  # the real limit takes seconds of calls to reach
    body = "{% macro m(n) %}{% if n %}{{ m(n - 1) }}{{ m(n - 1) }}{% endif %}{% endmacro %}{{ m(40) }}"
    with pytest.raises(TemplateError, match="MAX_STEPS"):
        block(tmp_path, body)


def test_built_in_templates_stay_far_below_the_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every example's document uses less than 5 % of MAX_STEPS and 1 % of MAX_OUTPUT (docs/templates.md
    gives the figures): the limits stop runaway templates, never the document aipd writes."""
    budgets: list[text._Budget] = []
    created = Wording.__init__

    def spy(self: Wording, **kwargs: object) -> None:
        created(self, **kwargs)  # type: ignore[arg-type]
        budgets.append(self._budget)

    monkeypatch.setattr(Wording, "__init__", spy)
    for example in sorted((ROOT / "examples").glob("*.yaml")):
        build_document(aipd.assess(aipd.load(example)), lang="fr")
        assert 300 < budgets[-1].steps < MAX_STEPS // 20, example.name
        assert 10_000 < budgets[-1].chars < MAX_OUTPUT // 100, example.name


def test_a_long_user_text_passes_the_built_in_templates(tmp_path: Path) -> None:
    """A description of 4 million characters (what a 5 Mio operation file can hold) is the user's,
    not a runaway template: the built-in templates render it whole."""
    operation = aipd.load(ROOT / "examples" / "cameras-augmentees.yaml")
    description = "é" * 4_000_000 + " fin"
    operation = attrs.evolve(operation, description=description)
    path = aipd.render_docx(aipd.assess(operation), tmp_path / "long.docx")
    paragraphs = [p.text for p in docx.Document(str(path)).paragraphs]
    assert description in paragraphs


def test_long_user_texts_can_be_compared_and_sorted(tmp_path: Path) -> None:
    """Comparing, sorting or searching a list of long texts from the operation counts them by 100
    characters, like any other use of a text: a vendor's template may do it on real data."""
    root = override(tmp_path, "cmp", '{{ "b" in texts }} {{ texts|sort|length }} {{ texts[0]|length }}')
    wording = Wording(lang="fr", context={"texts": ["é" * 2_000_000, "b"]}, plugin_dirs=[root])
    assert wording.block("cmp", "x") == "True 2 2000000"


def test_limits_are_documented() -> None:
    """docs/templates.md states the value of each limit, in French and in English."""
    page = (ROOT / "docs" / "templates.md").read_text(encoding="utf-8")
    french, _, english = page.partition("\n## English\n")
    for name, value in (
        ("MAX_REPEAT", MAX_REPEAT),
        ("MAX_POWER_BITS", MAX_POWER_BITS),
        ("MAX_RANGE", MAX_RANGE),
        ("MAX_STEPS", MAX_STEPS),
        ("MAX_OUTPUT", MAX_OUTPUT),
    ):
        assert f"`{name}`" in french, name
        assert f"{value:,}".replace(",", " ") in french, name
        assert f"`{name}`" in english, name
        assert f"{value:,}" in english, name

"""The wording of the AIPD document: Jinja templates, per language, overridable.

The document has three owners: structure in code (:mod:`aipd.render.docx`),
wording here, look in a reference ``.docx``. Templates produce plain text that
python-docx escapes itself, so autoescape is off; the environment is sandboxed
(a vendor's template cannot reach Python internals, nor exhaust memory or time:
see the limits ``MAX_*`` below and docs/templates.md) and undefined names are
errors. Any fault in a template becomes :class:`aipd.TemplateError` naming the
template file and line, because a DPO must be able to fix a wording override.

Each wording file ``<lang>/<part>.md.j2`` defines top-level ``{% set %}``
labels and ``{% macro %}`` blocks; the code asks for them by name. Template
lookup has one owner, :func:`builtin_template_dir`.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import json
import re
import textwrap
import traceback
import types
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence, Sized
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.exceptions import SecurityError
from jinja2.filters import make_attrgetter
from jinja2.runtime import LoopContext
from jinja2.sandbox import SandboxedEnvironment, SandboxedEscapeFormatter, SandboxedFormatter
from jinja2.utils import Namespace, generate_lorem_ipsum, missing
from jinja2.visitor import NodeTransformer
from markupsafe import Markup

from aipd.errors import TemplateError
from aipd.i18n import Lang, Text, t, typography

__all__ = [
    "ALERT",
    "BOX",
    "BULLET",
    "LINE",
    "MAX_OUTPUT",
    "MAX_POWER_BITS",
    "MAX_RANGE",
    "MAX_REPEAT",
    "MAX_STEPS",
    "RESERVED",
    "TODO_END",
    "TODO_START",
    "Wording",
    "as_written",
    "builtin_template_dir",
    "environment",
    "layout",
    "template_search_path",
]

#: Private-use characters that delimit an « À compléter » item in rendered text;
#: the document builder turns the span into a highlighted run. User text is
#: stripped of them (:mod:`aipd.render.context`) so only templates can emit one.
TODO_START = "\ue000"
TODO_END = "\ue001"

# --- The layout a wording template writes ------------------------------------------------------
#
# A wording block is read by the document builder as a tiny markup: blank lines separate paragraphs,
# "- " starts a bullet, "> " a box (« AIPD Box »), "! " an alert (« AIPD Alert »). Only a template's
# own text may write that layout: a value a template outputs (``{{ operation.description }}``, a
# purpose, a DPO's words, a plug-in's rationale) is text, whatever it holds, so that nothing a user or
# a vendor's field writes can take the look of aipd's alerts in a document the CNIL reads.
#
# So the literal text of every template (what is written outside ``{{ }}`` and ``{% %}``) is rewritten
# when the template is parsed: its line breaks become LINE, and a "- ", "> " or "! " that starts one
# of its lines gets BULLET, BOX or ALERT for its first character. The builder reads only those
# characters as layout; a line break in a value stays a line break inside its paragraph. The context
# removes every RESERVED character from what it takes from the user or a plug-in, so no value can
# hold one. Each mark takes the place of one character: lengths, and so the sandbox's counts, are
# unchanged.

#: A line break of the template's own text.
LINE = "\ue002"
#: The first character of a template line that starts a bullet ("- ").
BULLET = "\ue003"
#: The first character of a template line that starts a box ("> ").
BOX = "\ue004"
#: The first character of a template line that starts an alert ("! ").
ALERT = "\ue005"
#: Every character only a template may write; removed from user and plug-in text.
RESERVED = TODO_START + TODO_END + LINE + BULLET + BOX + ALERT

_MARKS = {"-": BULLET, ">": BOX, "!": ALERT}
_LINE_START = re.compile(r"(^|\n)([ \t]*)([->!]) ")
_AS_WRITTEN = str.maketrans({LINE: "\n", BULLET: "-", BOX: ">", ALERT: "!"})


def layout(data: str) -> str:
    """A template's literal text with its layout marked (LINE, BULLET, BOX, ALERT), same length.

    A mark is put wherever a line *may* start: at the start of the text too, since the text may
    follow a line break written before it (``{% for %}`` then ``- {{ item }}``). The builder takes a
    mark as layout only at the start of a line, and as the character it replaces elsewhere.
    """
    if "\n" not in data and data.lstrip(" \t")[:1] not in _MARKS:
        return data
    return _LINE_START.sub(lambda m: f"{m[1]}{m[2]}{_MARKS[m[3]]} ", data).replace("\n", LINE)


def as_written(text: str) -> str:
    """``text`` with its layout marks back to the characters a template wrote (labels, headings)."""
    return text.translate(_AS_WRITTEN)


_PACKAGE_ROOT = Path(__file__).resolve().parent.parent


def builtin_template_dir(name: str = "default") -> Path:
    """The folder of the built-in templates: packaged data first, the repository second.

    A wheel force-includes ``templates/`` as ``aipd/_templates``; an editable
    install does not see force-included data, so the repository's
    ``templates/`` is the fallback. This is the one place that decides.
    """
    for candidate in (_PACKAGE_ROOT / "_templates" / name, _PACKAGE_ROOT.parent / "templates" / name):
        if (candidate / "reference.docx").is_file():
            return candidate
    raise TemplateError(
        name,
        None,
        t(
            f"dossier de modèles introuvable (cherché dans {_PACKAGE_ROOT / '_templates'} "
            f"et {_PACKAGE_ROOT.parent / 'templates'})",
            f"template folder not found (looked in {_PACKAGE_ROOT / '_templates'} "
            f"and {_PACKAGE_ROOT.parent / 'templates'})",
        ),
    )


def template_search_path(plugin_dirs: Iterable[Path] = ()) -> tuple[Path, ...]:
    """Plug-in folders (in the registry's order, by plug-in name), then the built-in one."""
    return (*plugin_dirs, builtin_template_dir())


def todo(what: str = "") -> str:
    """An « À compléter » item: the document shows it highlighted, with its label."""
    return f"{TODO_START}{what}{TODO_END}"


def _or_todo(value: Any, what: str = "") -> Any:
    """``value`` when it is known and not empty, else an « À compléter » item."""
    if value is None or value == "" or value == () or value == []:
        return todo(what)
    return value


# --- The sandbox's limits ----------------------------------------------------------------------
#
# Jinja's sandbox stops a template from reaching Python internals, but not from exhausting memory
# or time: ``"x"|center(10**9)`` builds a gigabyte, two nested loops over ``range(10**5)`` run for
# hours. A wording template is written by a collectivité or a vendor, not by aipd, so each such
# operation is bounded here, in two ways that do not depend on signals or threads (a render may run
# in any thread) nor on the machine's speed (the same template passes or fails everywhere):
#
# * per operation: what one operation may add (repetition, padding, separators, indentation) and
#   the size of what it reads are checked *before* it runs;
# * per document: every loop iteration and every value a filter or a call handles is counted
#   (MAX_STEPS), and every character a template outputs or builds (MAX_OUTPUT). A template that
#   loops too long or writes too much stops with a TemplateError instead of hanging the tool.
#
# Loops, ``~`` and ``in`` compile to plain Python that no sandbox hook sees, so the parsed template
# is rewritten (:class:`_Metering`) to pass them through counting helpers first.

#: The most items or characters one operation may build by repetition (``*``), or add by padding,
#: indenting, wrapping, separating or filling (``center``, ``ljust``, format widths and precisions,
#: ``indent``, ``wordwrap``, ``join``, ``replace``, ``batch``, ``tojson``…). Wording never needs more.
MAX_REPEAT = 100_000
#: The largest integer (in bits) ``**``, ``*``, ``+`` or ``-`` may build.
MAX_POWER_BITS = 10_000
#: The most values one ``range()`` may hold (Jinja's own sandbox limit, with a French message).
MAX_RANGE = 100_000
#: Operations per document: loop iterations, plus the items each filter, test, call, comparison
#: or slice handles (every item at every depth for a comparison, a sort or a hash; a text counts
#: one per 100 characters). The built-in templates use at most 1 100 for the examples, 16 000 for
#: the largest example with its lists 200 times longer.
MAX_STEPS = 1_000_000
#: Characters per document that templates output or build (``~``, ``+``, filters, calls). Four
#: times the largest input aipd reads (:data:`aipd.io.MAX_BYTES`, 5 Mio); the built-in templates
#: use at most 67 000 for the examples, 450 000 for the example with 200 times longer lists.
MAX_OUTPUT = 20_000_000


def _n(value: int, lang: Lang) -> str:
    """A count as a reader writes it: ``100 000`` in French, ``100,000`` in English."""
    return f"{value:,}".replace(",", " " if lang == "fr" else ",")


class _Said(str):
    """An English message that carries its French wording: Jinja passes an error's message as one
    string, from where it is raised to :meth:`Wording._guard`, which writes it French first."""

    fr: str

    def __new__(cls, en: str, fr: str) -> _Said:
        said = super().__new__(cls, en)
        said.fr = fr
        return said


def _type_name(obj: Any) -> str:
    return "None" if obj is None else type(obj).__name__


def _object_fr(obj: Any) -> str:
    return "la valeur vide (None)" if obj is None else f"un objet « {type(obj).__name__} »"


class _Undefined(jinja2.StrictUndefined):
    """Jinja's strict undefined (any use is an error), with its message in French too."""

    __slots__ = ()

    @property
    def _undefined_message(self) -> str:
        en = super()._undefined_message
        if self._undefined_hint:
            return en
        name, obj = self._undefined_name, self._undefined_obj
        if obj is missing:
            fr = f"« {name} » n'est pas défini"
        elif not isinstance(name, str):
            fr = f"{_object_fr(obj)} n'a pas d'élément {name!r}"
        else:
            fr = f"{_object_fr(obj)} n'a pas d'attribut « {name} »"
        return _Said(en, fr)


class _Refused(SecurityError):
    """An operation the sandbox refuses, with the bilingual reason (turned into a TemplateError)."""

    def __init__(self, text: Text) -> None:
        self.text = text
        super().__init__(text.en)


def _too_many_added(what: str, added: int) -> _Refused:
    return _Refused(
        t(
            f"{what} : {_n(added, 'fr')} caractères ou éléments ajoutés, au plus "
            f"{_n(MAX_REPEAT, 'fr')} sont admis (MAX_REPEAT)",
            f"{what}: {_n(added, 'en')} characters or items added, at most "
            f"{_n(MAX_REPEAT, 'en')} are allowed (MAX_REPEAT)",
        )
    )


def _too_large(fr: str, en: str) -> _Refused:
    return _Refused(
        t(
            f"{fr} : le bac à sable admet au plus {_n(MAX_POWER_BITS, 'fr')} bits (MAX_POWER_BITS)",
            f"{en}: the sandbox allows at most {_n(MAX_POWER_BITS, 'en')} bits (MAX_POWER_BITS)",
        )
    )


def _check_added(what: str, added: int) -> None:
    """``what`` would add ``added`` characters or items: refuse it above MAX_REPEAT."""
    if added > MAX_REPEAT:
        raise _too_many_added(what, added)


class _Budget:
    """What the templates of one document have used so far."""

    __slots__ = ("chars", "steps")

    def __init__(self) -> None:
        self.steps = 0
        self.chars = 0

    def step(self, count: int) -> None:
        self.steps += count
        if self.steps > MAX_STEPS:
            raise _Refused(
                t(
                    f"modèle trop long à exécuter : plus de {_n(MAX_STEPS, 'fr')} opérations "
                    "(tours de boucle, valeurs traitées par les filtres et les appels) pour un document "
                    "(MAX_STEPS)",
                    f"template runs too long: more than {_n(MAX_STEPS, 'en')} operations (loop "
                    "iterations, values handled by filters and calls) for one document (MAX_STEPS)",
                )
            )

    def text(self, count: int) -> None:
        self.chars += count
        if self.chars > MAX_OUTPUT:
            raise _Refused(
                t(
                    f"texte trop long : plus de {_n(MAX_OUTPUT, 'fr')} caractères produits par les "
                    "modèles pour un document (MAX_OUTPUT)",
                    f"text too long: more than {_n(MAX_OUTPUT, 'en')} characters produced by the "
                    "templates for one document (MAX_OUTPUT)",
                )
            )


_BUDGET: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar("aipd_template_budget", default=None)


def _budget() -> _Budget:
    """The current document's budget; outside a metered render, a fresh one (per-operation limits)."""
    return _BUDGET.get() or _Budget()


@contextlib.contextmanager
def _metered(budget: _Budget | None = None) -> Iterator[None]:
    """Count against ``budget``, or against the active one, or against a new one."""
    if budget is None and _BUDGET.get() is not None:
        yield
        return
    token = _BUDGET.set(budget or _Budget())
    try:
        yield
    finally:
        _BUDGET.reset(token)


# Concrete types, not the collections.abc ones: these checks run at every call and loop iteration.
_TEXTS = (str, bytes, bytearray)
_SEQUENCES: tuple[type[Collection[Any]], ...] = (
    list,
    tuple,
    set,
    frozenset,
    type({}.keys()),
    type({}.values()),
    type({}.items()),
)
_SIZED: tuple[type[Sized], ...] = (*_TEXTS, *_SEQUENCES, dict, range)
_CONTAINERS = (*_SEQUENCES, dict, Namespace)


#: A text counts one step per this many characters: filters, comparisons and methods go through
#: text at memory speed, and a user's text (a description of several megabytes) must pass the
#: built-in templates, while a loop that goes through a long text again and again still stops.
_CHARS_PER_STEP = 100


def _size(value: Any) -> int:
    """How many items an operation on ``value`` goes through (0 for what has no cheap length)."""
    if isinstance(value, _TEXTS):
        return (len(value) + _CHARS_PER_STEP - 1) // _CHARS_PER_STEP
    return len(value) if isinstance(value, _SIZED) else 0


def _compared_size(value: Any, budget: _Budget) -> int:
    """What comparing or hashing ``value`` may go through: its length, or for a container every
    item it holds at any depth (``[[s] * 1000] * 1000 == …`` compares a million strings)."""
    if isinstance(value, _CONTAINERS):
        return _text_size(value, MAX_STEPS - budget.steps, _CHARS_PER_STEP)
    return _size(value)


def _text_size(value: Any, limit: int, chars_per_unit: int = 1) -> int:
    """About ``len(str(value))`` for a container, counted without building it; stops past ``limit``.

    A list may hold the same large string many times (``[[s]] * 100000``): its length is small,
    its text is not, and ``str()`` cannot be interrupted once started. With ``chars_per_unit``,
    the characters of a text count that many to a unit (steps count texts by 100 characters).
    """
    size = 0
    stack: list[Any] = [value]
    inside: set[int] = set()  # the containers being walked: met again, they are a cycle (``[...]``)
    while stack and size <= limit:
        item = stack.pop()
        if isinstance(item, _Leave):
            inside.discard(item.key)
        elif isinstance(item, _TEXTS):
            size += (len(item) + 3) // chars_per_unit
        elif isinstance(item, int):
            size += item.bit_length() // 3 + 1
        elif not isinstance(item, _CONTAINERS):
            size += 8
        elif id(item) in inside:
            size += 5
        else:
            inside.add(id(item))
            stack.append(_Leave(id(item)))
            if isinstance(item, Namespace):
                size += 14
                stack.append(getattr(item, "_Namespace__attrs", {}))
            elif isinstance(item, dict):
                size += 2 + 4 * len(item)
                stack.extend(item.keys())
                stack.extend(item.values())
            elif isinstance(item, _SEQUENCES):
                size += 2 + 2 * len(item)
                stack.extend(item)
    return size


class _Leave:
    """Marks, in :func:`_text_size`'s stack, the end of a container's items."""

    __slots__ = ("key",)

    def __init__(self, key: int) -> None:
        self.key = key


def _check_text(value: Any, budget: _Budget) -> None:
    """Refuse to turn a container into text longer than what the document has left."""
    if isinstance(value, _CONTAINERS):
        left = MAX_OUTPUT - budget.chars
        if _text_size(value, left) > left:
            budget.text(MAX_OUTPUT + 1)


def _as_text(value: Any) -> str:
    """``str(value)``, counted against the document's output."""
    budget = _budget()
    if isinstance(value, str):
        text = value
    else:
        _check_text(value, budget)
        text = str(value)
    budget.text(len(text))
    return text


@jinja2.pass_context
def _finalize(context: Any, value: Any) -> str:
    """Every ``{{ … }}`` goes through here (``pass_context`` keeps Jinja from folding constants
    at compile time, so a constant output is counted too)."""
    return _as_text(value)


def _check_repeat(seq: Any, times: Any) -> None:
    if (
        isinstance(seq, str | bytes | list | tuple)
        and isinstance(times, int)
        and len(seq) * times > MAX_REPEAT
    ):
        raise _Refused(
            t(
                f"répétition trop longue : le bac à sable admet au plus {_n(MAX_REPEAT, 'fr')} "
                "éléments (MAX_REPEAT)",
                f"repetition too long: the sandbox allows at most {_n(MAX_REPEAT, 'en')} items (MAX_REPEAT)",
            )
        )


def _check_spec_number(what: str, digits: str) -> int:
    """A width or precision written in a format: at most MAX_REPEAT; returns it."""
    number = int(digits) if len(digits) <= 18 else 10**18
    _check_added(what, number)
    return number


def _check_format_spec(spec: str) -> int:
    """Each number of a ``str.format`` spec (width, precision) is at most MAX_REPEAT; returns their
    sum, which bounds what the field may add.

    Checking every run of digits, rather than parsing the mini-language, holds for every type's
    ``__format__`` and every Python version; a fill character that is a digit is a run of one.
    """
    digits = ""
    total = 0
    for char in spec + " ":
        if char in "0123456789":
            digits += char
        elif digits:
            total += _check_spec_number("format", digits)
            digits = ""
    return total


def _check_percent(fmt: str | bytes, values: Any) -> None:
    """Widths and precisions of a ``%`` format (``*`` read from the values) are at most MAX_REPEAT
    each, and all of them together are counted against the document's output before it is built
    (a format may repeat one field many times)."""
    added = 0
    text = fmt.decode("latin-1") if isinstance(fmt, bytes) else fmt
    positional = values if isinstance(values, tuple) else (values,)
    index = 0
    pos = text.find("%")
    while pos >= 0:
        pos += 1
        keyed = pos < len(text) and text[pos] == "("
        if keyed:  # a mapping key: Python counts nested parentheses
            depth = 0
            while pos < len(text):
                depth += {"(": 1, ")": -1}.get(text[pos], 0)
                pos += 1
                if depth == 0:
                    break
        while pos < len(text) and text[pos] in "-#0 +":
            pos += 1
        for part in ("width", "precision"):
            if part == "precision":
                if pos >= len(text) or text[pos] != ".":
                    break
                pos += 1
            if pos < len(text) and text[pos] == "*":
                number = positional[index] if index < len(positional) else 0
                index += 1
                pos += 1
                if isinstance(number, int):
                    _check_added("%", abs(number))
                    added += abs(number)
            else:
                end = pos
                while end < len(text) and text[end] in "0123456789":
                    end += 1
                if end > pos:
                    added += _check_spec_number("%", text[pos:end])
                pos = end
        while pos < len(text) and text[pos] in "hlL":
            pos += 1
        if pos < len(text) and text[pos] != "%" and not keyed:
            index += 1
        pos = text.find("%", pos + 1)
    if added:
        _budget().text(added)


class _CappedFormatter(SandboxedFormatter):
    """``str.format`` in the sandbox, with widths and precisions bounded and containers measured."""

    def convert_field(self, value: Any, conversion: str | None) -> Any:
        _check_text(value, _budget())
        return super().convert_field(value, conversion)

    def format_field(self, value: Any, format_spec: str) -> Any:
        budget = _budget()
        added = _check_format_spec(format_spec)
        if added:  # counted field by field, before it is built: a format may repeat one field
            budget.text(added)
        _check_text(value, budget)
        return super().format_field(value, format_spec)


class _CappedEscapeFormatter(_CappedFormatter, SandboxedEscapeFormatter):
    """The same for ``Markup.format``."""


def _check_str_method(method: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...]:
    """Bound what a ``str``/``bytes`` method may add; returns the arguments to call it with."""
    owner = getattr(method, "__self__", None)
    if not isinstance(owner, _TEXTS):
        return args
    name = getattr(method, "__name__", "")
    if name in ("center", "ljust", "rjust", "zfill"):
        width = args[0] if args else kwargs.get("width")
        if isinstance(width, int):
            _check_added(name, width - len(owner))
    elif name == "expandtabs":
        size = args[0] if args else kwargs.get("tabsize", 8)
        if isinstance(size, int):
            tabs = owner.count("\t") if isinstance(owner, str) else owner.count(b"\t")
            _check_added(name, tabs * size)
    elif name == "join" and args:
        args = (_checked_join(args[0], owner), *args[1:])
    elif name == "replace" and len(args) >= 2:
        old, new = args[0], args[1]
        count = args[2] if len(args) > 2 else kwargs.get("count", -1)
        if isinstance(old, _TEXTS) and isinstance(new, _TEXTS):
            _check_added(name, _replace_growth(owner, old, new, count))
    elif name == "translate" and args and isinstance(owner, str):
        table = args[0]
        values = (
            table.values() if isinstance(table, Mapping) else table if isinstance(table, list | tuple) else ()
        )
        longest = max((len(v) for v in values if isinstance(v, str)), default=1)
        _check_added(name, len(owner) * (longest - 1))
    return args


#: Container methods that compare their own items with an argument, or (``sort``) with each other.
_COMPARING_METHODS = frozenset({"count", "index", "remove", "sort"})
_CONTAINER_TYPES = (dict, frozenset, list, set, tuple)


def _check_compared_method(method: Any, owner: Any, args: tuple[Any, ...], budget: _Budget) -> None:
    """Charge a container method for what it hashes or compares: its arguments at any depth (a
    key, an item to find), and its own items when it compares them all."""
    cost = sum(_compared_size(value, budget) for value in args)
    name = getattr(method, "__name__", "")
    if name in _COMPARING_METHODS and isinstance(owner, _CONTAINERS):
        items = _compared_size(owner, budget)
        cost += items * _sorting(_size(owner)) if name == "sort" else items
    budget.step(cost)


def _checked_join(value: Any, separator: Sized) -> list[Any] | tuple[Any, ...]:
    """The items ``join`` will go through (read once), counted, with the separators they add bounded."""
    items = value if isinstance(value, list | tuple) else list(value)
    budget = _budget()
    budget.step(len(items))
    _check_added("join", max(len(items) - 1, 0) * len(separator))
    _check_text(items, budget)
    return items


def _replace_growth(text: Any, old: Any, new: Any, count: Any) -> int:
    """How many characters ``text.replace(old, new, count)`` adds, counted before replacing."""
    found = text.count(old) if len(old) else len(text) + 1
    if isinstance(count, int) and count >= 0:
        found = min(found, count)
    return found * (len(new) - len(old))


# --- Filters: each one counted, those that can add a lot bounded first ---------------------------

#: Filters that never turn their arguments into text (their input needs no text measure).
_STRUCTURAL_FILTERS = frozenset(
    {
        "abs", "attr", "batch", "count", "d", "default", "dictsort", "filesizeformat", "first",
        "float", "groupby", "int", "items", "last", "length", "list", "map", "max", "min",
        "or_todo", "random", "reject", "rejectattr", "reverse", "round", "select", "selectattr",
        "slice", "sort", "sum", "unique",
    }
)  # fmt: skip


def _capped_filters(filters: Mapping[str, Callable[..., Any]]) -> dict[str, Callable[..., Any]]:
    """Jinja's filters that can add a lot, each preceded by its bound (same arguments)."""
    capped: dict[str, Callable[..., Any]] = {}

    def wrap(name: str, fn: Callable[..., Any]) -> None:
        if name in filters:
            capped[name] = functools.wraps(filters[name])(fn)

    def center(value: Any, width: int = 80) -> Any:
        if isinstance(width, int):
            _check_added("center", width - len(str(value)))
        return filters["center"](value, width)

    def indent(s: Any, width: int | str = 4, first: bool = False, blank: bool = False) -> Any:
        unit = len(width) if isinstance(width, str) else width if isinstance(width, int) else 0
        _check_added("indent", unit)
        _check_added("indent", unit * (len(str(s).splitlines()) + 1))
        return filters["indent"](s, width, first, blank)

    def wordwrap(environment: Any, s: Any, width: int = 79, break_long_words: bool = True,
                 wrapstring: str | None = None, break_on_hyphens: bool = True) -> Any:  # fmt: skip
        separator = environment.newline_sequence if wrapstring is None else wrapstring
        if isinstance(width, int) and width > 0 and len(separator) > 1:
            paragraphs = str(s).splitlines()
            breaks = max(len(paragraphs) - 1, 0) + sum(
                max(len(textwrap.wrap(line, width=width, expand_tabs=False, replace_whitespace=False,
                                      break_long_words=break_long_words,
                                      break_on_hyphens=break_on_hyphens)) - 1, 0)
                for line in paragraphs
            )  # fmt: skip
            _check_added("wordwrap", breaks * len(separator))
        return filters["wordwrap"](environment, s, width, break_long_words, wrapstring, break_on_hyphens)

    def join(eval_ctx: Any, value: Any, d: str = "", attribute: Any = None) -> Any:
        return filters["join"](eval_ctx, _checked_join(value, str(d)), d, attribute)

    def replace(eval_ctx: Any, s: Any, old: Any, new: Any, count: Any = None) -> Any:
        _check_added("replace", _replace_growth(str(s), str(old), str(new), count))
        return filters["replace"](eval_ctx, s, old, new, count)

    def format_(value: Any, *args: Any, **kwargs: Any) -> Any:
        _check_percent(str(value), kwargs or args)
        return filters["format"](value, *args, **kwargs)

    def batch(value: Any, linecount: int, fill_with: Any = None) -> Any:
        if fill_with is not None and isinstance(linecount, int):
            _check_added("batch", linecount - 1)
        return filters["batch"](value, linecount, fill_with)

    def slice_(eval_ctx: Any, value: Any, slices: int, fill_with: Any = None) -> Any:
        if isinstance(slices, int):
            _check_added("slice", slices)
        return filters["slice"](eval_ctx, value, slices, fill_with)

    def tojson(eval_ctx: Any, value: Any, indent: int | str | None = None) -> Any:
        unit = len(indent) if isinstance(indent, str) else indent if isinstance(indent, int) else 0
        if unit > 0:
            lines = len(json.dumps(value, sort_keys=True, indent=1)) - len(
                json.dumps(value, sort_keys=True, indent=0)
            )
            _check_added("tojson", unit * lines)
        return filters["tojson"](eval_ctx, value, indent)

    def urlize(eval_ctx: Any, value: Any, trim_url_limit: int | None = None, nofollow: bool = False,
               target: str | None = None, rel: str | None = None,
               extra_schemes: Iterable[str] | None = None) -> Any:  # fmt: skip
        # every other character may start a link, each written twice, escaped, with its attributes
        text = str(value)
        _check_room(
            12 * len(text) + (len(text) // 2 + 1) * (60 + len(str(target or "")) + len(str(rel or ""))),
            _budget(),
        )
        return filters["urlize"](eval_ctx, value, trim_url_limit, nofollow, target, rel, extra_schemes)

    def sum_(environment: Any, iterable: Any, attribute: Any = None, start: Any = 0) -> Any:
        values = list(iterable)
        if attribute is not None:
            getter = make_attrgetter(environment, attribute)
            values = [getter(v) for v in values]
        if isinstance(start, list | tuple):
            # summing sequences copies the running total at each step: charge those copies
            total, copies = len(start), 0
            for v in values:
                total += _size(v)
                copies += total
            _budget().step(copies)
        return filters["sum"](environment, values, start=start)

    for name, fn in (
        ("center", center), ("indent", indent), ("wordwrap", wordwrap), ("join", join),
        ("replace", replace), ("format", format_), ("batch", batch), ("slice", slice_),
        ("tojson", tojson), ("urlize", urlize), ("sum", sum_),
    ):  # fmt: skip
        wrap(name, fn)
    return capped


#: Filters and tests that compare or hash their values: charged every item at any depth (and the
#: filters, which sort or group, once more per halving of the list).
_COMPARING_FILTERS = frozenset({"dictsort", "groupby", "max", "min", "sort", "unique"})
_COMPARING_TESTS = frozenset(
    {"!=", "<", "<=", "==", ">", ">=", "eq", "equalto", "ge", "greaterthan", "gt", "in", "le",
     "lessthan", "lt", "ne"}
)  # fmt: skip


#: Filters whose text may be longer than their value's, at most this many times: an emoji becomes
#: ``\ud83d\ude00`` (tojson) or ``%F0%9F%98%80`` (urlencode), a quote ``&#34;`` (escape).
_GROWTH = {"e": 5, "escape": 5, "forceescape": 5, "tojson": 12, "urlencode": 12, "xmlattr": 6}


def _check_growth(value: Any, times: int, budget: _Budget) -> None:
    """Refuse, before it is built, a text that may be ``times`` the value's and exceed what the
    document has left."""
    left = MAX_OUTPUT - budget.chars
    size = len(value) if isinstance(value, _TEXTS) else _text_size(value, left)
    _check_room(size * times, budget)


def _check_room(bound: int, budget: _Budget) -> None:
    """A text of at most ``bound`` characters is about to be built: refuse it now if the document
    has no room for that much (it is counted when built, by what it really is)."""
    if bound > MAX_OUTPUT - budget.chars:
        budget.text(bound)


def _sorting(count: int) -> int:
    """How many times a sort of ``count`` items goes through each of them, at most (once per halving)."""
    return max(count, 1).bit_length()


def _metered_callable(
    fn: Callable[..., Any],
    *,
    text_check: bool,
    compares: bool = False,
    sorts: bool = False,
    growth: int = 0,
) -> Callable[..., Any]:
    """A filter or test counted against the document: one step plus the items it is given (at any
    depth when it ``compares`` them, once per halving when it ``sorts`` them), its text result
    counted as output, its container arguments measured first (``text_check``) and, when its text
    may be ``growth`` times its value's, that bound checked against what the document has left."""
    skip = 1 if getattr(fn, "jinja_pass_arg", None) is not None else 0

    @functools.wraps(fn)
    def metered(*args: Any, **kwargs: Any) -> Any:
        budget = _budget()
        data = args[skip:]
        if growth and data:
            _check_growth(data[0], growth, budget)
        if compares:
            cost = sum(_compared_size(v, budget) for v in (*data, *kwargs.values()))
            if sorts and data:
                cost *= _sorting(_size(data[0]))
            budget.step(1 + cost)
        else:
            budget.step(1 + sum(map(_size, data)) + sum(map(_size, kwargs.values())))
        if text_check:
            for value in (*data, *kwargs.values()):
                _check_text(value, budget)
        result = fn(*args, **kwargs)
        if isinstance(result, str):
            budget.text(len(result))
        return result

    return metered


def _lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:
    """Jinja's ``lipsum()``, at most MAX_REPEAT words."""
    if isinstance(n, int) and isinstance(max, int):
        _check_added("lipsum", n * max)
    return generate_lorem_ipsum(n, html, min, max)


def _range(*args: int) -> range:
    """``range()`` of at most MAX_RANGE values."""
    values = range(*args)
    try:
        length = len(values)
    except OverflowError:
        length = MAX_RANGE + 1
    if length > MAX_RANGE:
        raise _Refused(
            t(
                f"range() trop long : au plus {_n(MAX_RANGE, 'fr')} valeurs sont admises (MAX_RANGE)",
                f"range() too long: at most {_n(MAX_RANGE, 'en')} values are allowed (MAX_RANGE)",
            )
        )
    return values


# --- Loops, ``~`` and ``in``: rewritten to be counted ---------------------------------------------

_METERS = frozenset({"_meter_iter", "_meter_text", "_meter_str", "_meter_scan", "_meter_compared"})


def _meter_call(name: str, args: list[Any], lineno: int) -> nodes.Call:
    """A call to the environment's helper ``name`` (a node a template cannot write itself)."""
    return nodes.Call(nodes.EnvironmentAttribute(name, lineno=lineno), args, [], None, None, lineno=lineno)


def _static_chars(body: Iterable[nodes.Node]) -> int:
    """The literal text ``body`` outputs each time it runs, nested loops, blocks and macros excepted
    (they count their own: each loop per iteration, each block each time it runs, wherever a parent
    template calls it, each macro call by its result)."""
    total = 0
    for node in body:
        if isinstance(node, nodes.TemplateData):
            total += len(node.data)
        elif isinstance(node, nodes.For):
            total += _static_chars(node.else_)
        elif not isinstance(node, nodes.Macro | nodes.CallBlock | nodes.Block):
            total += _static_chars(node.iter_child_nodes())
    return total


def _tick_literal_text(body: list[nodes.Node], lineno: int) -> None:
    """Start ``body`` by counting the literal text it outputs each time it runs."""
    chars = _static_chars(body)
    if chars:
        tick = _meter_call("_meter_text", [nodes.Const(chars, lineno=lineno)], lineno)
        body.insert(0, nodes.ExprStmt(tick, lineno=lineno))


class _Metering(NodeTransformer):
    """Rewrites a parsed template so loops, ``~`` and ``in`` go through the counting helpers."""

    def visit_For(self, node: nodes.For) -> nodes.Node:
        self.generic_visit(node)
        node.iter = _meter_call("_meter_iter", [node.iter], node.lineno)
        _tick_literal_text(node.body, node.lineno)
        return node

    def visit_Block(self, node: nodes.Block) -> nodes.Node:
        # a child template's block runs where its parent calls it, maybe in a loop: counted each time
        self.generic_visit(node)
        _tick_literal_text(node.body, node.lineno)
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        self.generic_visit(node)
        node.nodes = [_meter_call("_meter_str", [part], node.lineno) for part in node.nodes]
        return node

    def visit_Compare(self, node: nodes.Compare) -> nodes.Node:
        # ``in`` and ``==`` go through a whole string or list, and each list they hold
        self.generic_visit(node)
        node.expr = _meter_call("_meter_compared", [node.expr], node.lineno)
        for operand in node.ops:
            operand.expr = _meter_call("_meter_compared", [operand.expr], node.lineno)
        return node

    def visit_Dict(self, node: nodes.Dict) -> nodes.Node:
        # a key is hashed, and a tuple's hash goes through each item it holds
        self.generic_visit(node)
        for pair in node.items:
            pair.key = _meter_call("_meter_compared", [pair.key], node.lineno)
        return node

    def visit_Getitem(self, node: nodes.Getitem) -> nodes.Node:
        # a slice copies its string or list, and Jinja compiles it to plain Python
        self.generic_visit(node)
        if isinstance(node.arg, nodes.Slice):
            node.node = _meter_call("_meter_scan", [node.node], node.lineno)
        return node


class _MeteredMacro:
    """A module's macro: called from Python outside :class:`Wording`, it counts against a budget of
    its own; called from a template or a Wording, against the document's."""

    __slots__ = ("_macro",)

    def __init__(self, macro: jinja2.runtime.Macro) -> None:
        self._macro = macro

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        with _metered():
            return self._macro(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._macro, name)

    def __repr__(self) -> str:
        return repr(self._macro)


class _MeteredTemplate(jinja2.Template):
    """A template rendered outside :class:`Wording` (``render``, ``generate``, ``stream``, a
    module's macros) still counts against a budget of its own."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        with _metered():
            return super().render(*args, **kwargs)

    def generate(self, *args: Any, **kwargs: Any) -> Iterator[str]:
        # the budget is set around each piece only: a generator must not leave it set between them
        budget = _BUDGET.get() or _Budget()
        pieces = super().generate(*args, **kwargs)
        while True:
            with _metered(budget):
                piece = next(pieces, None)
            if piece is None:
                return
            yield piece

    def make_module(
        self,
        vars: dict[str, Any] | None = None,
        shared: bool = False,
        locals: Mapping[str, Any] | None = None,
    ) -> jinja2.environment.TemplateModule:
        with _metered():
            module = super().make_module(vars, shared, locals)
        for name, value in list(module.__dict__.items()):  # ``vars`` is a parameter here
            if isinstance(value, jinja2.runtime.Macro):
                setattr(module, name, _MeteredMacro(value))
        return module


_TAG = re.compile(r"({#.*?#}|{{.*?}}|{%.*?%})", re.DOTALL)
_STRING = re.compile(r""""(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'""")


def french_source(source: str) -> str:
    """A French template's own wording with French typography (:func:`aipd.i18n.typography`).

    Applied to the template's text and to the string literals of its tags (labels, « À compléter »
    items), never to what an expression outputs: the facts a user wrote are shown as written.
    Only spaces change, so line numbers in error messages stay right.
    """
    parts = _TAG.split(source)
    out: list[str] = []
    for i, part in enumerate(parts):
        if i % 2 == 0:
            out.append(typography(part, "fr"))
        elif part.startswith("{#"):
            out.append(part)
        else:
            out.append(_STRING.sub(lambda m: typography(m.group(0), "fr"), part))
    return "".join(out)


class _WordingSandbox(SandboxedEnvironment):
    """Jinja's sandbox, with every operation that can exhaust memory or time bounded."""

    intercepted_binops = frozenset({"*", "**", "+", "-", "%"})
    template_class = _MeteredTemplate

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, finalize=_finalize, **kwargs)
        self.globals["range"] = _range
        self.globals["lipsum"] = _lipsum

    def preprocess(self, source: str, name: str | None = None, filename: str | None = None) -> str:
        """French templates (``fr/…``) get French typography in their own wording."""
        source = super().preprocess(source, name, filename)
        return french_source(source) if name is not None and name.startswith("fr/") else source

    def meter_filters(self) -> None:
        """Count every filter and test (call once the project's own filters are added)."""
        filters = {**self.filters, **_capped_filters(self.filters)}
        self.filters = {
            name: _metered_callable(
                fn,
                text_check=name not in _STRUCTURAL_FILTERS,
                compares=name in _COMPARING_FILTERS,
                sorts=name in _COMPARING_FILTERS,
                growth=_GROWTH.get(name, 0),
            )
            for name, fn in filters.items()
        }
        tests: Mapping[str, Any] = self.tests  # typed by Jinja as the builtin ``function``
        self.tests = {
            name: _metered_callable(fn, text_check=False, compares=name in _COMPARING_TESTS)
            for name, fn in tests.items()
        }

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        for data in tree.find_all(nodes.TemplateData):
            data.data = layout(data.data)
        _Metering().visit(tree)
        _tick_literal_text(tree.body, 1)  # the template's own text, each time it is rendered or included
        tree.set_environment(self)
        return tree

    # helpers the rewritten templates call (see _Metering)

    def _meter_iter(self, iterable: Any) -> Iterator[Any]:
        budget = _budget()
        for item in iterable:
            budget.step(1)
            yield item

    def _meter_text(self, chars: int) -> None:
        _budget().text(chars)

    def _meter_str(self, value: Any) -> str:
        return _as_text(value)

    def _meter_scan(self, container: Any) -> Any:
        _budget().step(1 + _size(container))
        return container

    def _meter_compared(self, value: Any) -> Any:
        budget = _budget()
        budget.step(1 + _compared_size(value, budget))
        return value

    # sandbox hooks

    def unsafe_undefined(self, obj: Any, attribute: str) -> jinja2.Undefined:
        kind = _type_name(obj)
        return self.undefined(
            _Said(
                f"access to attribute {attribute!r} of {kind!r} object is unsafe.",
                f"accès interdit à l'attribut « {attribute} » d'un objet « {kind} »",
            ),
            obj=obj,
            name=attribute,
            exc=SecurityError,
        )

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        owner = getattr(__obj, "__self__", None)
        if owner is __self and getattr(__obj, "__name__", "") in _METERS:
            return __obj(*args)  # Jinja adds _loop_vars/_block_vars keywords inside loops and blocks
        budget = _budget()
        named = [v for k, v in kwargs.items() if k not in ("_loop_vars", "_block_vars")]
        budget.step(
            1 + _size(owner) + len(args) + sum(map(_size, args)) + len(named) + sum(map(_size, named))
        )
        if isinstance(owner, _CONTAINERS) or (
            isinstance(owner, type) and issubclass(owner, _CONTAINER_TYPES)
        ):
            _check_compared_method(__obj, owner, (*args, *named), budget)
        args = _check_str_method(__obj, args, kwargs)
        if isinstance(__obj, LoopContext) and args:  # a recursive loop's next level
            args = (__self._meter_iter(args[0]), *args[1:])
        result = super().call(__context, __obj, *args, **kwargs)
        if isinstance(result, str):
            budget.text(len(result))
        return result

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        budget = _budget()
        if operator == "*":
            _check_repeat(left, right)
            _check_repeat(right, left)
            if (
                isinstance(left, int)
                and isinstance(right, int)
                and left.bit_length() + right.bit_length() > MAX_POWER_BITS
            ):
                raise _too_large("produit trop grand", "product too large")
        elif operator == "**":
            if (
                isinstance(left, int)
                and isinstance(right, int)
                and right > 0
                and abs(left) > 1
                and right * abs(left).bit_length() > MAX_POWER_BITS
            ):
                raise _too_large("puissance trop grande", "power too large")
        elif operator == "+":
            if isinstance(left, _TEXTS) and isinstance(right, _TEXTS):
                budget.text(len(left) + len(right))  # counted before it is built, not again after
                return super().call_binop(context, operator, left, right)
            if isinstance(left, list | tuple) and isinstance(right, list | tuple):
                budget.step(len(left) + len(right))
        elif operator == "%" and isinstance(left, str | bytes):
            _check_percent(left, right)
            values = (
                right.values()
                if isinstance(right, Mapping)
                else right
                if isinstance(right, tuple)
                else (right,)
            )
            for value in values:
                _check_text(value, budget)
        result = super().call_binop(context, operator, left, right)
        if isinstance(result, _TEXTS):
            budget.text(len(result))
        elif operator == "*" and isinstance(result, list | tuple):
            budget.step(len(result))  # a repetition builds each item (``+`` was counted before)
        elif isinstance(result, int) and result.bit_length() > MAX_POWER_BITS:
            # ``+`` and ``-`` add a bit at each step of a loop: bounded like ``*`` and ``**``
            raise _too_large("nombre trop grand", "number too large")
        return result

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """Jinja's wrapper of ``str.format`` (Jinja 3.1.5 and later), with bounded formatters.

        Follows ``SandboxedEnvironment.wrap_str_format`` of Jinja 3.1.6 line for line but for the
        formatter classes: compare them again when a Jinja release changes that method.
        """
        if not isinstance(value, types.MethodType | types.BuiltinMethodType) or value.__name__ not in (
            "format",
            "format_map",
        ):
            return None
        owner = value.__self__
        if not isinstance(owner, str):
            return None
        str_type = type(owner)
        is_format_map = value.__name__ == "format_map"
        formatter: SandboxedFormatter = (
            _CappedEscapeFormatter(self, escape=owner.escape)
            if isinstance(owner, Markup)
            else _CappedFormatter(self)
        )

        def wrapper(*args: Any, **kwargs: Any) -> str:
            if is_format_map:
                if kwargs:
                    raise TypeError("format_map() takes no keyword arguments")
                if len(args) != 1:
                    raise TypeError(f"format_map() takes exactly one argument ({len(args)} given)")
                kwargs = args[0]
                args = ()
            return str_type(formatter.vformat(owner, args, kwargs))

        return functools.update_wrapper(wrapper, value)


@functools.lru_cache(maxsize=16)
def environment(search_path: tuple[Path, ...]) -> SandboxedEnvironment:
    """The Jinja environment over ``search_path`` (cached: templates compile once)."""
    env = _WordingSandbox(
        loader=jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(p)) for p in search_path]),
        undefined=_Undefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.globals["todo"] = todo
    env.filters["or_todo"] = _or_todo
    env.meter_filters()
    return env


def _line_in_template(exc: BaseException, template: jinja2.Template | None) -> int | None:
    """The template line of a runtime error.

    Jinja rewrites tracebacks only for errors raised while rendering; a macro
    called from Python keeps the compiled code's line, which the template maps
    back to its own line.
    """
    if template is None or template.filename is None:
        return None
    rewritten = getattr(exc, "lineno", None)
    line: int | None = None
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename == template.filename and frame.lineno is not None:
            line = frame.lineno
    if line is None:
        return rewritten if isinstance(rewritten, int) else None
    return template.get_corresponding_lineno(line)


class Wording:
    """The wording of one document in one language: labels and text blocks by name.

    ``part`` names a file ``<lang>/<part>.md.j2``; it is rendered once with the
    context, and its labels and macros are read from the resulting module.
    """

    def __init__(self, *, lang: Lang, context: Mapping[str, Any], plugin_dirs: Sequence[Path] = ()) -> None:
        self.lang = lang
        self.context = context
        self.search_path = template_search_path(plugin_dirs)
        self.env = environment(self.search_path)
        self._modules: dict[str, tuple[Any, str, jinja2.Template]] = {}
        self._budget = _Budget()  # the sandbox's per-document counts (MAX_STEPS, MAX_OUTPUT)

    def _module(self, part: str) -> tuple[Any, str, jinja2.Template]:
        if part not in self._modules:
            name = f"{self.lang}/{part}.md.j2"
            template: jinja2.Template = self._guard(name, None, lambda: self.env.get_template(name))
            module = self._guard(name, template, lambda: template.make_module(dict(self.context)))
            self._modules[part] = (module, name, template)
        return self._modules[part]

    def _builtin(self, part: str, template: jinja2.Template) -> tuple[Any, str, jinja2.Template] | None:
        """The built-in ``part`` when ``template`` is a plug-in's file that replaces it, else None.

        A collectivité's or a vendor's file may set only the labels and blocks it changes: one that a
        later aipd adds is read from aipd's own file, so an upgrade never breaks a wording override.
        """
        builtin = self.search_path[-1]
        if template.filename is None or Path(template.filename).resolve().is_relative_to(builtin.resolve()):
            return None
        key = f"builtin:{part}"
        if key not in self._modules:
            name = f"{self.lang}/{part}.md.j2"
            env = environment((builtin,))
            try:
                found: jinja2.Template = self._guard(name, None, lambda: env.get_template(name))
                module = self._guard(name, found, lambda: found.make_module(dict(self.context)))
            except TemplateError:
                # aipd's own file does not render with this context (a partial one, in a test): the
                # name stays undefined, and the error names the override's file, where it was asked.
                return None
            self._modules[key] = (module, name, found)
        return self._modules[key]

    def overrides(self) -> tuple[str, ...]:
        """The wording files of plug-in folders that replace aipd's in this language, in full or in
        part (``fr/synthese.md.j2 (/path/of/the/folder)``), in the order they are looked up: the
        traceability annex names them, so a DPO knows which wording aipd did not write."""
        builtin = self.search_path[-1] / self.lang
        parts = sorted(p.name for p in builtin.glob("*.md.j2"))
        found = []
        for part in parts:
            for folder in self.search_path[:-1]:
                if (folder / self.lang / part).is_file():
                    found.append(f"{self.lang}/{part} ({folder})")
                    break
        return tuple(found)

    def label(self, part: str, key: str) -> str:
        """A label (a top-level ``{% set key = ... %}``) of ``part``, else of the built-in ``part``."""
        module, name, template = self._module(part)
        value = getattr(module, key, None)
        if value is None or callable(value):
            builtin = self._builtin(part, template)
            if (
                builtin is not None
                and not callable(found := getattr(builtin[0], key, None))
                and found is not None
            ):
                module, name, template = builtin
                value = found
        if value is None or callable(value):
            raise TemplateError(
                template.filename or name,
                None,
                t(f"libellé « {key} » non défini", f"label '{key}' is not defined"),
            )
        # a label may be any value the template built: its text is counted and any fault is the template's
        text: str = self._guard(name, template, lambda: _as_text(value))
        # a label is shown as one text (a heading, a cell), never read as layout
        return as_written(text)

    def block(self, part: str, key: str, **kwargs: Any) -> str:
        """A text block (a ``{% macro text_<key>() %}``) of ``part``, else of the built-in ``part``, rendered now.

        Its layout is marked (:data:`LINE`, :data:`BULLET`, :data:`BOX`, :data:`ALERT`, see
        :func:`layout`); :func:`as_written` gives the text as the template wrote it."""
        module, name, template = self._module(part)
        macro = getattr(module, f"text_{key}", None)
        if not callable(macro):
            builtin = self._builtin(part, template)
            if builtin is not None and callable(found := getattr(builtin[0], f"text_{key}", None)):
                module, name, template = builtin
                macro = found
        if not callable(macro):
            raise TemplateError(
                template.filename or name,
                None,
                t(
                    f"bloc « {key} » non défini (macro text_{key} attendue)",
                    f"block '{key}' is not defined (macro text_{key} expected)",
                ),
            )
        return str(self._guard(name, template, lambda: macro(**kwargs)))

    def _guard(self, name: str, template: jinja2.Template | None, fn: Callable[[], Any]) -> Any:
        try:
            with _metered(self._budget):
                return fn()
        except TemplateError:
            raise
        except _Refused as exc:
            raise TemplateError(
                (template.filename if template is not None else None) or name,
                _line_in_template(exc, template),
                t(f"refusé par le bac à sable : {exc.text.fr}", f"refused by the sandbox: {exc.text.en}"),
            ) from exc
        except (SecurityError, jinja2.UndefinedError) as exc:
            said = exc.message
            if not isinstance(said, _Said):
                raise self._fault(name, template, exc) from exc
            refused = isinstance(exc, SecurityError)
            raise TemplateError(
                (template.filename if template is not None else None) or name,
                _line_in_template(exc, template),
                t(f"refusé par le bac à sable : {said.fr}", f"refused by the sandbox: {said}")
                if refused
                else t(said.fr, f"UndefinedError: {said}"),
            ) from exc
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateError(
                exc.filename or exc.name or name,
                exc.lineno,
                t(f"erreur de syntaxe : {exc.message}", f"syntax error: {exc.message}"),
            ) from exc
        except jinja2.TemplateNotFound as exc:
            raise TemplateError(
                name,
                None,
                t(
                    f"modèle introuvable « {exc.name} » (dossiers : {', '.join(map(str, self.search_path))})",
                    f"template not found '{exc.name}' (folders: {', '.join(map(str, self.search_path))})",
                ),
            ) from exc
        except Exception as exc:
            raise self._fault(name, template, exc) from exc

    @staticmethod
    def _fault(name: str, template: jinja2.Template | None, exc: Exception) -> TemplateError:
        """Any other error of a template, named by its Python type (and said in words for the two
        a wording template meets: endless recursion, division by zero)."""
        message = t(f"{type(exc).__name__} : {exc}", f"{type(exc).__name__}: {exc}")
        if isinstance(exc, RecursionError):
            message = t(
                "récursion sans fin : un modèle s'inclut, s'étend ou s'appelle lui-même "
                f"(RecursionError : {exc})",
                f"endless recursion: a template includes, extends or calls itself (RecursionError: {exc})",
            )
        elif isinstance(exc, ZeroDivisionError):
            message = t(f"division par zéro (ZeroDivisionError : {exc})", f"ZeroDivisionError: {exc}")
        return TemplateError(
            (template.filename if template is not None else None) or name,
            _line_in_template(exc, template),
            message,
        )

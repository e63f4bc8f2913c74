"""The wording of the AIPD document: Jinja templates, per language, overridable.

The document has three owners: structure in code (:mod:`aipd.render.docx`),
wording here, look in a reference ``.docx``. Templates produce plain text that
python-docx escapes itself, so autoescape is off; the environment is sandboxed
(a vendor's template cannot reach Python internals) and undefined names are
errors. Any fault in a template becomes :class:`aipd.TemplateError` naming the
template file and line, because a DPO must be able to fix a wording override.

Each wording file ``<lang>/<part>.md.j2`` defines top-level ``{% set %}``
labels and ``{% macro %}`` blocks; the code asks for them by name. Template
lookup has one owner, :func:`builtin_template_dir`.
"""

from __future__ import annotations

import functools
import traceback
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from aipd.errors import TemplateError
from aipd.i18n import Lang, t

__all__ = [
    "TODO_END",
    "TODO_START",
    "Wording",
    "builtin_template_dir",
    "environment",
    "template_search_path",
]

#: Private-use characters that delimit an « À compléter » item in rendered text;
#: the document builder turns the span into a highlighted run. User text is
#: stripped of them (:mod:`aipd.render.context`) so only templates can emit one.
TODO_START = "\ue000"
TODO_END = "\ue001"

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


#: The longest string or list a template may build with ``*``, and the largest integer (in
#: bits) it may build with ``**``. Jinja's sandbox bounds ``range()`` (``MAX_RANGE``) but not
#: these operators, so one expression could exhaust memory or CPU; wording never needs more.
MAX_REPEAT = 100_000
MAX_POWER_BITS = 10_000


def _check_repeat(seq: Any, times: Any) -> None:
    if (
        isinstance(seq, str | bytes | list | tuple)
        and isinstance(times, int)
        and len(seq) * times > MAX_REPEAT
    ):
        raise SecurityError(f"repetition too long: the sandbox allows at most {MAX_REPEAT} items")


class _WordingSandbox(SandboxedEnvironment):
    """Jinja's sandbox, with ``*`` and ``**`` bounded like ``range()``."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            _check_repeat(left, right)
            _check_repeat(right, left)
        elif (
            isinstance(left, int)
            and isinstance(right, int)
            and right > 0
            and abs(left) > 1
            and right * abs(left).bit_length() > MAX_POWER_BITS
        ):
            raise SecurityError(f"power too large: the sandbox allows at most {MAX_POWER_BITS} bits")
        return super().call_binop(context, operator, left, right)


@functools.lru_cache(maxsize=16)
def environment(search_path: tuple[Path, ...]) -> SandboxedEnvironment:
    """The Jinja environment over ``search_path`` (cached: templates compile once)."""
    env = _WordingSandbox(
        loader=jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(p)) for p in search_path]),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.globals["todo"] = todo
    env.filters["or_todo"] = _or_todo
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

    def _module(self, part: str) -> tuple[Any, str, jinja2.Template]:
        if part not in self._modules:
            name = f"{self.lang}/{part}.md.j2"
            template: jinja2.Template = self._guard(name, None, lambda: self.env.get_template(name))
            module = self._guard(name, template, lambda: template.make_module(dict(self.context)))
            self._modules[part] = (module, name, template)
        return self._modules[part]

    def label(self, part: str, key: str) -> str:
        """A label (a top-level ``{% set key = ... %}``) of ``part``."""
        module, name, template = self._module(part)
        value = getattr(module, key, None)
        if value is None or callable(value):
            raise TemplateError(
                template.filename or name,
                None,
                t(f"libellé « {key} » non défini", f"label '{key}' is not defined"),
            )
        return str(value)

    def block(self, part: str, key: str, **kwargs: Any) -> str:
        """A text block (a ``{% macro text_<key>() %}``) of ``part``, rendered now."""
        module, name, template = self._module(part)
        macro = getattr(module, f"text_{key}", None)
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
            return fn()
        except TemplateError:
            raise
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
            where = (template.filename if template is not None else None) or name
            raise TemplateError(
                where,
                _line_in_template(exc, template),
                t(f"{type(exc).__name__} : {exc}", f"{type(exc).__name__}: {exc}"),
            ) from exc

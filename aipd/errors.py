"""The exceptions aipd raises: one root, one class per kind of fault.

Messages are French by default; each problem is kept as a structured
:class:`Problem` so a caller can print it in English or point an editor at it.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from aipd.i18n import Lang, Text


class AipdError(Exception):
    """Root of every error aipd raises on purpose."""


@attrs.frozen
class Problem:
    """One thing wrong in an input: where, and what was expected.

    ``path`` is a JSONPath-like location (``$.data_subjects[2].count``);
    ``line`` and ``column`` are 1-based and present when the input was text.
    """

    path: str
    message: Text
    source: str | None = None
    line: int | None = None
    column: int | None = None

    def format(self, lang: Lang = "fr") -> str:
        """The problem as one line in ``lang``: where (path, line, column), then what."""
        where = self.path
        if self.line is not None:
            loc = f"{self.source or '<entrée>'}:{self.line}"
            if self.column is not None:
                loc += f":{self.column}"
            where = f"{loc}: {self.path}"
        elif self.source:
            where = f"{self.source}: {self.path}"
        return f"{where}: {self.message.get(lang)}"


class InputError(AipdError, ValueError):
    """The input (YAML, JSON, mapping, register row) is not a valid operation.

    Carries every problem found, not only the first.
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(self.format("fr"))

    def __reduce__(self) -> tuple[type[InputError], tuple[tuple[Problem, ...]]]:
        # Rebuilt from what __init__ takes, not from ``args`` (the formatted message): an
        # error raised in a worker process of ``triage(jobs=2)`` crosses to the parent.
        return type(self), (self.problems,)

    def format(self, lang: Lang = "fr") -> str:
        """Every problem, one per line, under a heading that counts them, in ``lang``."""
        head = {
            "fr": "Entrée invalide ({n} problème{s}) :",
            "en": "Invalid input ({n} problem{s}):",
        }[lang]
        n = len(self.problems)
        lines = [head.format(n=n, s="s" if n > 1 else "")]
        lines += [f"  - {p.format(lang)}" for p in self.problems]
        return "\n".join(lines)


class PluginError(AipdError):
    """A plug-in failed: import, registration, hook call, result, or duplicate id.

    Always names the plug-in and its distribution version, because a
    compliance document must never change silently when a package breaks.
    """

    def __init__(self, plugin: str, version: str | None, message: Text) -> None:
        self.plugin = plugin
        self.version = version
        self.message = message
        super().__init__(self.format("fr"))

    def __reduce__(self) -> tuple[type[PluginError], tuple[str, str | None, Text]]:
        # Rebuilt from its parts: pickle would call PluginError(formatted message) and fail in
        # the parent of a ``triage(jobs=2)`` worker, which then waited for ever.
        return type(self), (self.plugin, self.version, self.message)

    def format(self, lang: Lang = "fr") -> str:
        """The message in ``lang``, naming the plug-in and its version."""
        label = {"fr": "Extension", "en": "Plug-in"}[lang]
        ver = f" {self.version}" if self.version else ""
        return f"{label} « {self.plugin}{ver} » : {self.message.get(lang)}"


class TemplateError(AipdError):
    """A document template is missing or broken; names the template and line."""

    def __init__(self, template: str, line: int | None, message: Text) -> None:
        self.template = template
        self.line = line
        self.message = message
        super().__init__(self.format("fr"))

    def __reduce__(self) -> tuple[type[TemplateError], tuple[str, int | None, Text]]:
        return type(self), (self.template, self.line, self.message)

    def format(self, lang: Lang = "fr") -> str:
        """The message in ``lang``, naming the template and the line."""
        where = self.template if self.line is None else f"{self.template}:{self.line}"
        return f"{where}: {self.message.get(lang)}"

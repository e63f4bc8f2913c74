"""The exceptions aipd raises: one root, one class per kind of fault.

Messages are French by default; each problem is kept as a structured
:class:`Problem` so a caller can print it in English or point an editor at it.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from typing import Any

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
    """The input (YAML, JSON, mapping, register row, or a model object built in Python with a value of
    the wrong type) is not a valid operation.

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


# --- wording shared by the loader (aipd.io) and the model's own checks (aipd.model) -------------

#: What a value of each kind is called where another was received.
EXPECTED_TEXT = Text(fr="un texte", en="a text")
EXPECTED_TEXTS = Text(fr="une liste de textes (un tuple)", en="a list of texts (a tuple)")
EXPECTED_BOOL = Text(fr="true ou false (ou null si inconnu)", en="true or false (or null if unknown)")
EXPECTED_INT = Text(fr="un nombre entier", en="a whole number")
EXPECTED_DATE = Text(fr="une date AAAA-MM-JJ (ex. 2024-03-31)", en="a date YYYY-MM-DD (e.g. 2024-03-31)")


def received(value: Any) -> Text:
    """How a value received (from JSON or Python) is quoted back in a message."""
    if value is None:
        return Text(fr="une valeur vide", en="an empty value")
    if isinstance(value, bool):
        return Text(fr=f"le booléen {str(value).lower()}", en=f"the boolean {str(value).lower()}")
    if isinstance(value, enum.Enum):  # before str: a vocabulary's member is a str too
        name = f"{type(value).__name__}.{value.name}"
        return Text(fr=f"la valeur {name}", en=f"the value {name}")
    if isinstance(value, str):
        raw = value if len(value) <= 60 else value[:57] + "…"
        return Text(fr=f"le texte « {raw} »", en=f"the text '{raw}'")
    if isinstance(value, int | float):
        return Text(fr=f"le nombre {value}", en=f"the number {value}")
    name = type(value).__name__
    return Text(fr=f"une valeur de type {name}", en=f"a value of type {name}")


def expected(what: Text, got: Text, hint: Text | None = None) -> Text:
    """« {what} attendu, reçu {got} », and the hint after it."""
    hint_fr, hint_en = (hint.fr, hint.en) if hint is not None else ("", "")
    return Text(
        fr=f"{what.fr} attendu, reçu {got.fr}{hint_fr}", en=f"{what.en} expected, got {got.en}{hint_en}"
    )


def below_minimum(value: int) -> Text:
    """A count under its minimum (zero: a count of persons, records or staff)."""
    return Text(
        fr=f"nombre positif ou nul attendu, reçu {value}", en=f"non-negative number expected, got {value}"
    )


def not_allowed(allowed: Sequence[str], got: Text, hint: Text | None = None) -> Text:
    """A value outside a closed list (a vocabulary), the accepted values listed."""
    hint_fr, hint_en = (hint.fr, hint.en) if hint is not None else ("", "")
    values = ", ".join(allowed)
    return Text(
        fr=f"valeur non admise {got.fr}{hint_fr} Valeurs admises : {values}",
        en=f"value not allowed {got.en}{hint_en} Allowed values: {values}",
    )


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

"""Normalising free text at the model boundary, and showing it as written in Markdown.

Anything a user types may end up in a Word document, whose XML forbids most
C0 control characters; Unicode NFC keeps accents comparable. Cleaning here
means no module downstream can be broken by a pasted character. The Markdown
outputs (the notebook display, the triage summary) write a text with
:func:`markdown_text`, so that nothing a user typed is read as markup; the CSV
outputs (the action plan, the triage table) write a cell with
:func:`spreadsheet_cell`, so that nothing a user typed is run as a formula.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# XML 1.0 allows tab, LF and CR among C0 controls; everything else in C0, plus
# the non-characters U+FFFE/U+FFFF and lone surrogates, cannot appear in a .docx.
#: The character class, shared with the check of plug-in texts (:mod:`aipd._purity`).
XML_ILLEGAL_CLASS = "\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff"
_XML_ILLEGAL = re.compile(f"[{XML_ILLEGAL_CLASS}]")


def clean_text(value: str) -> str:
    """Return ``value`` in NFC without characters XML 1.0 forbids; CRLF becomes LF."""
    if not isinstance(value, str):
        raise TypeError(f"texte attendu, reçu {type(value).__name__}")
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _XML_ILLEGAL.sub("", value)
    # Normalise after removing: a control character between a letter and its accent
    # would otherwise leave a decomposed pair, and cleaning twice would differ.
    return value if value.isascii() else unicodedata.normalize("NFC", value)


def clean_optional(value: str | None) -> str | None:
    """:func:`clean_text` that lets ``None`` (unknown) through."""
    return None if value is None else clean_text(value)


def clean_tuple(values: Iterable[str]) -> tuple[str, ...]:
    """A tuple of cleaned strings from any iterable of strings."""
    if isinstance(values, str):
        raise TypeError("liste de textes attendue, reçu un texte seul")
    return tuple(clean_text(v) for v in values)


# --- Text shown as written in Markdown -------------------------------------------------------------

#: What Markdown or HTML may read as markup (code, emphasis with ``*``, links, images, raw HTML,
#: entities, headings, tables, strikethrough, escapes), written as numeric character references: a
#: reference is text in every Markdown aipd's outputs meet (CommonMark, GFM in a notebook,
#: Python-Markdown), inside a table or not, never markup. Line breaks become spaces: the text stays on
#: the line of its list item or table cell.
_MARKDOWN = str.maketrans({c: f"&#{ord(c)};" for c in "\\`*[]<>&|#~"} | {"\n": " ", "\r": " "})
#: An underscore that may open or close emphasis: one not between two letters or digits
#: (``wp248:sensitive_data`` stays readable, ``_x_`` does not become italics).
_EMPHASIS_UNDERSCORE = re.compile(r"_(?![^\W_])|(?<![^\W_])_")
#: A list marker or an ordered-list number that would start the text (after "- " it nests a list).
_LIST_START = re.compile(r"^([-+]|[0-9]{1,9}[.)])(?=\s|$)")
_REFERENCE = re.compile(r"&#([0-9]+);")


def markdown_text(text: str) -> str:
    """``text`` (a user's or a plug-in's) shown as written in Markdown, as a list item, a heading or a
    table cell: ``**x**``, ``<img …>``, ``[a](javascript:…)``, ``# titre`` or ``1. x`` are text, not
    markup. :func:`from_markdown_text` reads it back."""
    shown = _EMPHASIS_UNDERSCORE.sub("&#95;", text.translate(_MARKDOWN)).strip()
    return _LIST_START.sub(lambda m: f"{m[1][:-1]}&#{ord(m[1][-1])};", shown)


def from_markdown_text(text: str) -> str:
    """The text :func:`markdown_text` wrote, its character references read back."""
    return _REFERENCE.sub(lambda m: chr(int(m[1])), text)


# --- Text written in a CSV cell -------------------------------------------------------------------

#: The characters that make Excel or LibreOffice read a CSV cell as a formula (CSV injection,
#: OWASP "CSV Injection": ``=``, ``+``, ``-``, ``@``, tab, carriage return). A register's processing
#: named ``=HYPERLINK("http://…";"clic")`` would otherwise be a live link in the DPO's spreadsheet.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value: str) -> str:
    """``value`` written in a CSV cell so that a spreadsheet shows it as text, never runs it: one that
    starts with a :data:`FORMULA_START` character gets an apostrophe before it (OWASP's advice; the
    spreadsheet may show the apostrophe). A value that holds such a character further on is unchanged
    (« Tri = priorité » is no formula). Only for text: a number the tool writes is not passed here, so
    it stays a number."""
    return "'" + value if value.startswith(FORMULA_START) else value

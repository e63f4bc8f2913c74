"""Normalising free text at the model boundary.

Anything a user types may end up in a Word document, whose XML forbids most
C0 control characters; Unicode NFC keeps accents comparable. Cleaning here
means no module downstream can be broken by a pasted character.
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

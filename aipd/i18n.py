"""Bilingual text: French first, English available.

Every sentence a DPO reads is a :class:`Text` carrying both languages, so a
plug-in ships its wording once and the caller chooses the language at the end.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal, TypeAlias

import attrs

Lang: TypeAlias = Literal["fr", "en"]
LANGS: tuple[Lang, ...] = ("fr", "en")
DEFAULT_LANG: Lang = "fr"


_MONTHS = {
    "fr": (
        "janvier", "février", "mars", "avril", "mai", "juin",
        "juillet", "août", "septembre", "octobre", "novembre", "décembre",
    ),
    "en": (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
}  # fmt: skip


def format_date(value: dt.date | None, lang: Lang) -> str | None:
    """A date as a DPO writes it: « 27 mai 2024 », "27 May 2024"."""
    if value is None:
        return None
    day = "1er" if lang == "fr" and value.day == 1 else str(value.day)
    return f"{day} {_MONTHS[lang][value.month - 1]} {value.year}"


def format_number(value: int | None, lang: Lang) -> str | None:
    """A whole number with the language's thousands separator (narrow no-break space in French)."""
    if value is None:
        return None
    text = f"{value:,}"
    return text.replace(",", "\u202f") if lang == "fr" else text


def count(n: int, one: str, many: str, lang: Lang) -> str:
    """« 1 finalité », « 2 finalités », "1 purpose": French puts 0 and 1 in the singular, English only 1.

    For counts in a document a DPO signs, where « 1 mesure(s) » reads as a machine's.
    """
    singular = n == 1 if lang == "en" else n < 2
    # Risk reasons count measures and levels on every estimate: small numbers need no separator.
    return f"{n if -1000 < n < 1000 else format_number(n, lang)} {one if singular else many}"


#: French typography: a space before « ; : ? ! » and inside guillemets is an espace insécable,
#: so a line never starts with the sign (Lexique des règles typographiques de l'Imprimerie nationale;
#: the CNIL's own pages write them so). Only an existing ordinary space is replaced: nothing is added.
_SPACE_BEFORE = re.compile(r" (?=[:;?!»](?!=))")
_SPACE_AFTER = re.compile(r"(?<=«) ")
NBSP = "\u00a0"


def typography(text: str, lang: Lang) -> str:
    """``text`` with the spaces French typography makes non-breaking (« Motif : » → « Motif\u00a0: »);
    English text is returned unchanged."""
    if lang != "fr" or (" " not in text):
        return text
    return _SPACE_AFTER.sub(NBSP, _SPACE_BEFORE.sub(NBSP, text))


def check_lang(lang: str) -> Lang:
    """Return ``lang`` if it is a supported language, else raise ``ValueError``."""
    if lang == "fr":
        return "fr"
    if lang == "en":
        return "en"
    raise ValueError(f"langue non prise en charge : {lang!r} (attendu : 'fr' ou 'en')")


@attrs.frozen(init=False)
class Text:
    """A sentence in French and in English."""

    fr: str
    en: str

    def __init__(self, fr: str, en: str) -> None:
        # Written by hand: rules build hundreds of texts per assessment, and setting the two
        # slots directly costs a third less than the frozen-class path attrs generates.
        _set_fr(self, fr)
        _set_en(self, en)

    def get(self, lang: Lang = DEFAULT_LANG) -> str:
        """The sentence in ``lang``."""
        return self.fr if lang == "fr" else self.en

    def format(self, **values: object) -> Text:
        """Both languages with ``str.format`` fields filled in."""
        return Text(fr=self.fr.format(**values), en=self.en.format(**values))

    def __add__(self, other: Text) -> Text:
        return Text(self.fr + other.fr, self.en + other.en)


_set_fr = Text.fr.__set__  # type: ignore[attr-defined]  # the slots' member descriptors
_set_en = Text.en.__set__  # type: ignore[attr-defined]


#: Shorthand for ``Text(fr, en)``, used by catalogues and rules: the class itself rather
#: than a function around it, since rules build hundreds of texts per assessment.
t = Text

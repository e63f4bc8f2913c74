"""Bilingual text: French first, English available.

Every sentence a DPO reads is a :class:`Text` carrying both languages, so a
plug-in ships its wording once and the caller chooses the language at the end.
"""

from __future__ import annotations

import datetime as dt
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

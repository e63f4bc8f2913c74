"""Bilingual text: French first, English available.

Every sentence a DPO reads is a :class:`Text` carrying both languages, so a
plug-in ships its wording once and the caller chooses the language at the end.
"""

from __future__ import annotations

from typing import Literal, TypeAlias

import attrs

Lang: TypeAlias = Literal["fr", "en"]
LANGS: tuple[Lang, ...] = ("fr", "en")
DEFAULT_LANG: Lang = "fr"


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

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


@attrs.frozen
class Text:
    """A sentence in French and in English."""

    fr: str
    en: str

    def get(self, lang: Lang = DEFAULT_LANG) -> str:
        """The sentence in ``lang``."""
        return self.fr if lang == "fr" else self.en

    def format(self, **values: object) -> Text:
        """Both languages with ``str.format`` fields filled in."""
        return Text(fr=self.fr.format(**values), en=self.en.format(**values))

    def __add__(self, other: Text) -> Text:
        return Text(fr=self.fr + other.fr, en=self.en + other.en)


#: Shorthand for ``Text(fr, en)``, used by catalogues and rules: the class itself rather
#: than a function around it, since rules build hundreds of texts per assessment.
t = Text

"""Bilingual text."""

import pytest

from aipd.i18n import Text, check_lang, t


def test_get_and_format() -> None:
    """A Text gives each language and formats both."""
    x = t("{n} critères", "{n} criteria").format(n=2)
    assert x.get("fr") == "2 critères"
    assert x.get("en") == "2 criteria"
    assert x.get() == "2 critères"


def test_concatenation() -> None:
    """Adding two texts concatenates each language."""
    assert t("a", "b") + t("c", "d") == Text(fr="ac", en="bd")


def test_check_lang() -> None:
    """Only fr and en are accepted, with a French message naming the choices."""
    assert check_lang("en") == "en"
    with pytest.raises(ValueError, match="'fr' ou 'en'"):
        check_lang("de")

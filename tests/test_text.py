"""Free text is normalised at the model boundary."""

import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aipd.text import (
    FORMULA_START,
    clean_optional,
    clean_text,
    clean_tuple,
    from_markdown_text,
    markdown_text,
    spreadsheet_cell,
)
from strategies import layout_texts, texts

XML_ILLEGAL = {chr(c) for c in range(0x20) if chr(c) not in "\t\n\r"} | {"\ufffe", "\uffff"}


def test_control_characters_removed() -> None:
    """C0 controls that XML forbids disappear; tab and newline stay."""
    assert clean_text("a\x00b\x0bc\x1fd\te\nf") == "abcd\te\nf"


def test_crlf_becomes_lf() -> None:
    """Windows and old Mac line ends become LF, so text compares equal whatever its origin."""
    assert clean_text("a\r\nb\rc") == "a\nb\nc"


def test_nfc() -> None:
    """Decomposed accents are composed (NFC)."""
    assert clean_text("e\u0301té") == "été"


def test_optional_and_tuple() -> None:
    """None passes through; a lone string is not taken for a list of texts."""
    assert clean_optional(None) is None
    assert clean_tuple(["a\x01", "b"]) == ("a", "b")
    with pytest.raises(TypeError):
        clean_tuple("abc")


def test_rejects_non_text() -> None:
    """A number where text is expected is an error, not a silent str()."""
    with pytest.raises(TypeError):
        clean_text(12)  # type: ignore[arg-type]  # the point of the test


@given(st.text())
def test_clean_is_idempotent_and_xml_safe(value: str) -> None:
    """Cleaning twice changes nothing, and the result holds no XML-illegal character."""
    once = clean_text(value)
    assert clean_text(once) == once
    assert not (set(once) & XML_ILLEGAL)
    assert "\r" not in once
    assert unicodedata.is_normalized("NFC", once)


@given(layout_texts(60))
def test_markdown_text_reads_back_and_holds_no_markup(text: str) -> None:
    """markdown_text leaves no character Markdown reads as markup (outside an underscore between two
    letters, and a "-", "+" or a number's "." or ")" past the text's start) and reads back as the text,
    its line breaks as spaces and its ends stripped."""
    shown = markdown_text(text)
    assert not set(re.sub("&#[0-9]+;", "", shown)) & set("\\`*[]<>|#~&\n\r")
    assert not shown.startswith(("- ", "+ "))
    assert shown not in ("-", "+")
    assert from_markdown_text(shown) == text.replace("\n", " ").replace("\r", " ").strip()


@given(texts())
def test_spreadsheet_cell_never_starts_a_formula(value: str) -> None:
    """Whatever the text, the cell never starts with a formula character, and it is the text itself or
    the text after one apostrophe (OWASP's CSV injection guard), so nothing is lost."""
    cell = spreadsheet_cell(value)
    assert not cell.startswith(FORMULA_START)
    assert cell == value or cell == "'" + value
    assert (cell != value) == value.startswith(FORMULA_START)


def test_spreadsheet_cell_keeps_a_later_formula_character() -> None:
    """Only the first character matters: « Tri = priorité » or « a-b » stay as written."""
    assert spreadsheet_cell("Tri = priorité") == "Tri = priorité"
    assert spreadsheet_cell("=1+1") == "'=1+1"

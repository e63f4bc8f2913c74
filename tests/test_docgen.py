"""The YAML reference generated from the model (aipd.docgen) and its committed copies."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from aipd import io, model, vocabulary
from aipd.docgen import MINIMAL_EXAMPLE, main, yaml_reference
from aipd.i18n import Lang

DOCS = Path(__file__).resolve().parent.parent / "docs"
COMMITTED: dict[Lang, Path] = {"fr": DOCS / "yaml-reference.md", "en": DOCS / "yaml-reference.en.md"}
CLASSES = [getattr(model, n) for n in model.__all__ if attrs.has(getattr(model, n))]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_committed_reference_matches_the_generator(lang: Lang) -> None:
    """docs/yaml-reference*.md are exactly what the generator writes from the current model."""
    expected = yaml_reference(lang)
    assert COMMITTED[lang].read_text(encoding="utf-8") == expected, (
        f"{COMMITTED[lang].name} is out of date: run "
        f"`python -m aipd.docgen yaml-reference --lang {lang} > docs/{COMMITTED[lang].name}`"
    )


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_field_and_value_is_documented(lang: Lang) -> None:
    """Each class, each field with its doc, and each enum value with its label appear."""
    text = yaml_reference(lang)
    for cls in CLASSES:
        assert f"### `{cls.__name__}`" in text
        for a in attrs.fields(cls):
            assert f"| `{a.name}` |" in text
            assert a.metadata["doc"].get(lang).replace("|", "\\|") in text
    for name in dir(vocabulary):
        cls = getattr(vocabulary, name)
        if isinstance(cls, type) and issubclass(cls, vocabulary.Vocabulary) and f"`{name}`" in text:
            for member in cls:
                assert f"| `{member.value}` | {member.label(lang)} |" in text


def test_french_comes_first_and_links_to_english() -> None:
    """The French page is the main one and links to the English one, and back."""
    assert yaml_reference("fr").startswith("# Référence du format YAML")
    assert "yaml-reference.en.md" in yaml_reference("fr")
    assert "yaml-reference.md" in yaml_reference("en")


def test_required_fields_and_defaults_are_marked() -> None:
    """Required fields say so; fields with a default show it."""
    text = yaml_reference("fr")
    assert "| `id` | texte, motif" in text
    assert "| `name` | texte | **oui** |" in text
    assert "non (défaut : `draft`)" in text


def test_minimal_example_in_the_reference_is_valid() -> None:
    """The example shown in the reference loads."""
    assert MINIMAL_EXAMPLE in yaml_reference("fr")
    assert io.load(MINIMAL_EXAMPLE).id == "inscriptions-cantine"


def test_module_entry_point_prints_the_reference(capsys: pytest.CaptureFixture[str]) -> None:
    """`python -m aipd.docgen yaml-reference --lang en` prints the English reference."""
    assert main(["yaml-reference", "--lang", "en"]) == 0
    assert capsys.readouterr().out == yaml_reference("en")

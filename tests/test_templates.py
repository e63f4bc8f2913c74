"""Wording templates: both languages complete, lookup, plug-in overrides, errors that name the line."""

from __future__ import annotations

import importlib.util
import io
import re
from pathlib import Path

import docx
import pytest

import aipd
from aipd.assess import assess
from aipd.errors import TemplateError
from aipd.model import Controller, DataCategory, Measure, Purpose, SubjectCategory
from aipd.render import render_docx
from aipd.render import text as text_module
from aipd.render.docx import build_document
from aipd.render.text import builtin_template_dir
from aipd.vocabulary import DataKind, LegalBasis, OrganisationKind, SubjectKind
from render_cases import minimal_assessment, operation, registry

ROOT = Path(__file__).resolve().parent.parent
BUILTIN = builtin_template_dir()
PARTS = sorted(p.name for p in (BUILTIN / "fr").glob("*.md.j2"))

# French names that stay French in English text (texts, institutions, an address).
FRENCH_NAMES = (
    "Commission nationale de l'informatique et des libertés, 3 place de Fontenoy",
    "loi Informatique et Libertés",
    "Informatique et Libertés",
    "délibération n°",
    "loi n° 78-17",
)
FRENCH_WORDS = {
    "le",
    "la",
    "les",
    "des",
    "du",
    "et",
    "est",
    "pour",
    "une",
    "aux",
    "sur",
    "dans",
    "avec",
    "sont",
}
ENGLISH_WORDS = {"the", "of", "and", "is", "to", "with", "for", "are", "this", "that", "which", "be"}
# Labels legitimately spelt the same in both languages.
SAME_IN_BOTH = {"Version", "Date", "Sources", "Source", "Action", "Question", "Signature", "4. Validation"}


def _keys(path: Path, pattern: str) -> set[str]:
    return set(re.findall(pattern, path.read_text(encoding="utf-8")))


def _labels(lang: str) -> dict[str, str]:
    text = (BUILTIN / lang / "labels.md.j2").read_text(encoding="utf-8")
    return dict(re.findall(r'{% set ([a-z_0-9]+) = "(.*?)" %}', text))


def _token_assessment() -> aipd.Assessment:
    """User text made of neutral tokens, so every word in the document is the library's or a plug-in's."""
    return assess(
        operation(
            name="Zqx",
            description="Zqy",
            authors=("Zqa",),
            controller=Controller(name="Zqc", kind=OrganisationKind.COMMUNE, representative="Zqr"),
            purposes=(Purpose(description="Zqp", legal_basis=LegalBasis.PUBLIC_TASK),),
            data=(DataCategory(kind=DataKind.IMAGE),),
            data_subjects=(SubjectCategory(kind=SubjectKind.GENERAL_PUBLIC, description="Zqs"),),
            measures=(Measure(id="case:m", title="Zqm"),),
            processors=(),
        ),
        registry=registry(blocking=True),
    )


def _all_text(data: bytes) -> str:
    d = docx.Document(io.BytesIO(data))
    parts = [p.text for p in d.paragraphs]
    parts += [c.text for t in d.tables for r in t.rows for c in r.cells]
    parts += [p.text for s in d.sections for p in s.header.paragraphs]
    return "\n".join(parts)


def _words(text: str) -> set[str]:
    for name in FRENCH_NAMES:
        text = text.replace(name, " ")
    # whole words only: letters inside a hex digest or an id are not words
    return {w.lower() for w in re.findall(r"\b[^\W\d_]+\b", text)}


@pytest.mark.parametrize("part", PARTS)
def test_both_languages_define_the_same_labels_and_blocks(part: str) -> None:
    """Every label and block of a French template exists in English, and the reverse."""
    for pattern in (r"{% set ([a-z_0-9]+) =", r"{% macro (text_[a-z_0-9]+)\("):
        assert _keys(BUILTIN / "fr" / part, pattern) == _keys(BUILTIN / "en" / part, pattern)


def test_labels_are_translated() -> None:
    """No label is the same in French and English, except words spelt alike in both."""
    fr, en = _labels("fr"), _labels("en")
    assert fr.keys() == en.keys()
    same = {k for k in fr if fr[k] == en[k] and fr[k] not in SAME_IN_BOTH}
    assert not same, f"untranslated labels: {sorted(same)}"


def test_english_document_has_no_french_wording() -> None:
    """The English document contains no French word of the library's own (French names of texts aside)."""
    text = _all_text(build_document(_token_assessment(), lang="en"))
    leftovers = _words(text) & FRENCH_WORDS
    assert not leftovers, f"French words in the English document: {sorted(leftovers)}"


def test_french_document_has_no_english_wording() -> None:
    """The French document contains no English word of the library's own."""
    text = _all_text(build_document(_token_assessment(), lang="fr"))
    leftovers = _words(text) & ENGLISH_WORDS
    assert not leftovers, f"English words in the French document: {sorted(leftovers)}"


def test_the_stopword_check_can_fail() -> None:
    """The untranslated-wording check does detect a French sentence in English text."""
    assert _words("Le traitement est requis pour la commune") & FRENCH_WORDS
    assert not _words("The loi Informatique et Libertés applies") & FRENCH_WORDS


def test_builtin_templates_are_found_in_the_repository() -> None:
    """In an editable install the repository's templates/ is used."""
    assert BUILTIN == ROOT / "templates" / "default"


def test_packaged_templates_come_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """When aipd/_templates exists (a wheel), it wins over the repository folder."""
    packaged = tmp_path / "_templates" / "default"
    packaged.mkdir(parents=True)
    (packaged / "reference.docx").write_bytes(b"")
    monkeypatch.setattr(text_module, "_PACKAGE_ROOT", tmp_path)
    assert builtin_template_dir() == packaged


def test_missing_template_folder_is_a_template_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With no template folder anywhere, the error says where it looked."""
    monkeypatch.setattr(text_module, "_PACKAGE_ROOT", tmp_path / "pkg")
    with pytest.raises(TemplateError, match="_templates"):
        builtin_template_dir()


def test_reference_docx_is_reproducible_from_its_script() -> None:
    """templates/build_reference.py rebuilds the committed reference.docx byte for byte."""
    spec = importlib.util.spec_from_file_location(
        "build_reference", ROOT / "templates" / "build_reference.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.build() == (BUILTIN / "reference.docx").read_bytes()


def _override(tmp_path: Path, part: str, old: str, new: str, lang: str = "fr") -> Path:
    folder = tmp_path / "wording"
    (folder / lang).mkdir(parents=True, exist_ok=True)
    source = (BUILTIN / lang / part).read_text(encoding="utf-8")
    assert old in source
    (folder / lang / part).write_text(source.replace(old, new), encoding="utf-8")
    return folder


def test_plugin_template_dir_overrides_one_wording_template(tmp_path: Path) -> None:
    """A plug-in's fr/validation.md.j2 replaces the built-in one; other templates stay built-in."""
    folder = _override(
        tmp_path,
        "validation.md.j2",
        "Le responsable de traitement recueille l'avis du délégué",
        "Selon la charte Acme, le responsable de traitement recueille l'avis du délégué",
    )
    reg = registry(template_dirs=[folder])
    a = assess(operation(), registry=reg)
    out = render_docx(a, tmp_path / "acme.docx", registry=reg)
    text = _all_text(out.read_bytes())
    assert "Selon la charte Acme" in text
    assert "Synthèse" in text
    en = render_docx(a, tmp_path / "acme-en.docx", lang="en", registry=reg)
    assert "Acme" not in _all_text(en.read_bytes())


def test_syntax_error_names_template_and_line(tmp_path: Path) -> None:
    """A syntax error in an override is a TemplateError with the file and line."""
    folder = tmp_path / "broken"
    (folder / "fr").mkdir(parents=True)
    (folder / "fr" / "annexes.md.j2").write_text(
        "{% macro text_screening() %}\nok\n{% if %}\n{% endmacro %}\n", encoding="utf-8"
    )
    with pytest.raises(TemplateError) as info:
        build_document(minimal_assessment(), plugin_dirs=[folder])
    assert info.value.template.endswith("fr/annexes.md.j2")
    assert info.value.line == 3
    assert "annexes.md.j2:3" in str(info.value)


def test_undefined_name_names_template_and_line(tmp_path: Path) -> None:
    """An undefined name in a block is reported at its line, not swallowed."""
    folder = _override(
        tmp_path,
        "validation.md.j2",
        "{% macro text_dpo() %}\n",
        "{% macro text_dpo() %}\n{{ no_such_fact }}\n",
    )
    source = (folder / "fr" / "validation.md.j2").read_text(encoding="utf-8").splitlines()
    line = source.index("{{ no_such_fact }}") + 1
    with pytest.raises(TemplateError) as info:
        build_document(minimal_assessment(), plugin_dirs=[folder])
    assert info.value.line == line
    assert "no_such_fact" in info.value.format("en")


def test_an_override_sets_only_what_it_changes(tmp_path: Path) -> None:
    """A plug-in's fr/principes.md.j2 with one block, and fr/labels.md.j2 with one label: the rest comes
    from aipd's own files. Before, every block and label had to be copied, so a label a later aipd adds
    (« file_where_a ») broke every collectivité's override at the upgrade."""
    folder = tmp_path / "partial"
    (folder / "fr").mkdir(parents=True)
    (folder / "fr" / "labels.md.j2").write_text(
        '{% set h_synthese = "Synthèse de l\'AIPD (charte Acme)" %}\n', encoding="utf-8"
    )
    (folder / "fr" / "principes.md.j2").write_text(
        "{% macro text_intro() %}Selon la charte Acme, les principes suivent.{% endmacro %}\n",
        encoding="utf-8",
    )
    text = _all_text(build_document(minimal_assessment(), plugin_dirs=[folder]))
    assert "Synthèse de l'AIPD (charte Acme)" in text
    assert "Selon la charte Acme, les principes suivent." in text
    builtin = _all_text(build_document(minimal_assessment()))
    # Everything else is aipd's wording: the built-in document's other parts are all there.
    for heading in ("Contexte", "Principes fondamentaux", "Risques", "Validation"):
        assert (heading in text) is (heading in builtin)


def test_a_label_or_block_defined_nowhere_is_a_template_error(tmp_path: Path) -> None:
    """A name neither the override nor aipd's file defines is reported, naming the override's file."""
    folder = tmp_path / "partial"
    (folder / "fr").mkdir(parents=True)
    (folder / "fr" / "principes.md.j2").write_text(
        "{% macro text_intro() %}x{% endmacro %}\n", encoding="utf-8"
    )
    wording = text_module.Wording(lang="fr", context={}, plugin_dirs=[folder])
    with pytest.raises(TemplateError, match="text_nothing_of_the_kind") as info:
        wording.block("principes", "nothing_of_the_kind")
    assert info.value.template.startswith(str(folder))
    with pytest.raises(TemplateError, match="libellé « nothing_of_the_kind » non défini"):
        wording.label("principes", "nothing_of_the_kind")


def test_templates_cannot_reach_python_internals(tmp_path: Path) -> None:
    """The sandbox refuses attribute tricks in a vendor's template."""
    folder = _override(
        tmp_path,
        "validation.md.j2",
        "{% macro text_dpo() %}\n",
        "{% macro text_dpo() %}\n{{ ''.__class__.__mro__ }}\n",
    )
    with pytest.raises(TemplateError):
        build_document(minimal_assessment(), plugin_dirs=[folder])


_ORDINARY_SPACE_BEFORE = re.compile(r"\S( [:;?!»])|(« )")


@pytest.mark.parametrize("blocking", [True, False])
def test_french_document_uses_non_breaking_spaces_before_high_punctuation(blocking: bool) -> None:
    """French typography as the CNIL writes it: the space before « ; : ? ! » and inside guillemets is an
    espace insécable in the library's own wording, so no line of the document starts with « : »."""
    a = _token_assessment() if blocking else minimal_assessment()
    text = _all_text(build_document(a, lang="fr"))
    found = sorted({m.group(0) for m in _ORDINARY_SPACE_BEFORE.finditer(text)})
    assert not found, f"ordinary spaces before high punctuation: {found[:20]}"
    assert "\u00a0: " in text
    assert "«\u00a0" in text


def test_typography_leaves_user_text_and_english_as_written() -> None:
    """The facts a user wrote are shown verbatim, spaces included, and English wording is unchanged."""
    words = "Zqd : a ; b ? c ! « d »"
    a = assess(operation(description=words), registry=registry())
    assert words in _all_text(build_document(a, lang="fr"))
    english = _all_text(build_document(a, lang="en"))
    assert words in english
    assert "\u00a0" not in english.replace(words, "")


def test_the_traceability_annex_names_the_wording_files_that_replace_aipds(tmp_path: Path) -> None:
    """A plug-in's wording file (here one that defines a single block, the rest read from aipd's)
    can say anything, the verdict included: the traceability annex names each such file and its
    folder, in the document's language, so the DPO knows which words aipd did not write. Without
    one, the row is not there."""
    folder = tmp_path / "vendor"
    (folder / "fr").mkdir(parents=True)
    (folder / "fr" / "synthese.md.j2").write_text(
        "{% macro text_verdict() %}\n> Verdict du vendeur : {{ verdict.label }}.\n{% endmacro %}\n",
        encoding="utf-8",
    )
    reg = registry(template_dirs=[folder])
    a = assess(operation(), registry=reg)
    text = _all_text(render_docx(a, tmp_path / "v.docx", registry=reg).read_bytes())
    assert "Verdict du vendeur" in text
    assert "Modèles de rédaction qui remplacent ceux d'aipd" in text
    assert f"fr/synthese.md.j2 ({folder})" in text
    en = _all_text(render_docx(a, tmp_path / "v-en.docx", lang="en", registry=reg).read_bytes())
    assert "Wording templates replacing aipd's" not in en  # no English file replaced
    plain = _all_text(render_docx(a, tmp_path / "p.docx", registry=registry()).read_bytes())
    assert "Modèles de rédaction qui remplacent" not in plain

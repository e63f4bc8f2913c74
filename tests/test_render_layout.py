"""Only aipd's templates write the document's layout: a user's or a plug-in's text is shown as text.

A wording block is read as a tiny markup (a blank line, then "- " a bullet, "> " a box, "! " an alert).
Before, a value a template quoted was read with it: a description holding a blank line then "! Avis
favorable" became an « AIPD Alert » of aipd's own, in a document the DPO signs and the CNIL reads, and
the line breaks of quoted text were lost.
"""

from __future__ import annotations

import functools
import io
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import attrs
import docx
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import aipd
from aipd.catalogue import Criterion, Effect, Outcome
from aipd.hookspecs import hookimpl
from aipd.i18n import t
from aipd.model import ActionItem, JointController, ProcessingOperation, Recipient, Transfer
from aipd.registry import Registry
from aipd.render.docx import build_document
from aipd.render.text import ALERT, BOX, BULLET, LINE, RESERVED, Wording, as_written, layout
from aipd.text import clean_text
from render_cases import SOURCE, CasePlugin, operation
from strategies import layout_texts

#: The styles of aipd's own layout.
LAYOUT_STYLES = ("AIPD Alert", "AIPD Box", "List Bullet")

#: Text that looked like aipd's layout to the builder.
FORGED = "Texte saisi\n\n! ALERTE FORGÉE\n\n> BOÎTE FORGÉE\n\n- PUCE FORGÉE\n- SECONDE PUCE"
PLAIN = "Valeur ordinaire"


class _QuotingPlugin:
    """A blocking rule whose rationale quotes the operation's description, as a vendor's may."""

    __version__ = "1.0"

    @hookimpl
    def aipd_criteria(self) -> Iterable[Criterion]:
        def test(op: ProcessingOperation, _s: Any) -> Outcome:
            return Outcome.met(t(f"Description déclarée : {op.description}", f"Declared: {op.description}"))

        return [
            Criterion(
                id="quote:blocking",
                title=t("Règle qui cite la description", "Rule quoting the description"),
                source=SOURCE,
                effect=Effect.BLOCKS,
                test=test,
            )
        ]


def _registry() -> Registry:
    return Registry(
        builtins=False, entry_points=False, plugins=[("case", CasePlugin()), ("quote", _QuotingPlugin())]
    )


def _first(items: tuple[Any, ...], **changes: Any) -> tuple[Any, ...]:
    return (attrs.evolve(items[0], **changes), *items[1:])


#: Every free text a wording block quotes, by the path a DPO knows it by: a function giving the
#: operation with that field set to a value.
FIELDS: dict[str, Callable[[ProcessingOperation, str], ProcessingOperation]] = {
    "name": lambda op, v: attrs.evolve(op, name=v),
    "description": lambda op, v: attrs.evolve(op, description=v),
    "controller.name": lambda op, v: attrs.evolve(op, controller=attrs.evolve(op.controller, name=v)),
    "controller.representative": lambda op, v: attrs.evolve(
        op, controller=attrs.evolve(op.controller, representative=v)
    ),
    "validation.dpo_opinion": lambda op, v: attrs.evolve(
        op, validation=attrs.evolve(op.validation, dpo_opinion=v)
    ),
    "validation.data_subjects_views": lambda op, v: attrs.evolve(
        op, validation=attrs.evolve(op.validation, data_subjects_views=v)
    ),
    "recipients[].name": lambda op, v: attrs.evolve(op, recipients=(Recipient(name=v),)),
    "recipients[].data": lambda op, v: attrs.evolve(
        op, recipients=(Recipient(name="Trésor public", data=v),)
    ),
    "legal.prior_formalities": lambda op, v: attrs.evolve(
        op, legal=attrs.evolve(op.legal, prior_formalities=(v,))
    ),
    "legal.specific_law": lambda op, v: attrs.evolve(op, legal=attrs.evolve(op.legal, specific_law=v)),
    "joint_controllers[].responsibilities": lambda op, v: attrs.evolve(
        op, joint_controllers=(JointController(name="Département", responsibilities=v),)
    ),
    "transfers[].recipient": lambda op, v: attrs.evolve(op, transfers=(Transfer(recipient=v, country="US"),)),
    "risk_judgements[].justification": lambda op, v: attrs.evolve(
        op, risk_judgements=_first(op.risk_judgements, justification=v)
    ),
    "risk_judgements[].threats": lambda op, v: attrs.evolve(
        op, risk_judgements=_first(op.risk_judgements, threats=(v,))
    ),
    "actions[].action": lambda op, v: attrs.evolve(op, actions=(ActionItem(action=v, owner="Services"),)),
}


def _document(op: ProcessingOperation, lang: str = "fr", plugin_dirs: tuple[Path, ...] = ()) -> Any:
    data = build_document(aipd.assess(op, registry=_registry()), lang=lang, plugin_dirs=plugin_dirs)  # type: ignore[arg-type]
    return docx.Document(io.BytesIO(data))


def _styled(d: Any) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in d.paragraphs if p.style.name in LAYOUT_STYLES]


@functools.cache
def _plain(field: str, lang: str) -> list[tuple[str, str]]:
    return _styled(_document(FIELDS[field](operation(), PLAIN), lang))


@pytest.mark.parametrize("field", sorted(FIELDS))
def test_a_quoted_value_never_becomes_a_bullet_a_box_or_an_alert(field: str) -> None:
    """A value with a blank line then "! ", "> " or "- " gives the document the same alerts, boxes and
    bullets as a plain value, and is shown as written, its line breaks kept, in one paragraph."""
    d = _document(FIELDS[field](operation(), FORGED))
    plain = _plain(field, "fr")
    assert [s for s, _ in _styled(d)] == [s for s, _ in plain]
    assert [text.replace(FORGED, PLAIN) for _, text in _styled(d)] == [text for _, text in plain]
    # shown whole, in a paragraph of a wording block (not only in a table cell)
    assert any(FORGED in p.text for p in d.paragraphs), field


def test_a_value_that_starts_as_an_alert_stays_text() -> None:
    """A description written "! Avis favorable de la CNIL" is the description's paragraph, not an alert."""
    value = "! Avis favorable de la CNIL"
    d = _document(operation(description=value))
    (p,) = [p for p in d.paragraphs if p.text == value]
    assert p.style.name not in LAYOUT_STYLES
    assert _styled(d) == _plain("description", "fr")


def test_a_plugin_rationale_quoting_the_user_cannot_forge_an_alert() -> None:
    """A rule's rationale is a plug-in's text that may quote the user's: it stays in its paragraph."""
    d = _document(operation(description=FORGED))
    alerts = [p.text for p in d.paragraphs if p.style.name == "AIPD Alert"]
    assert not any("FORGÉE" in text for text in alerts)
    assert any("Description déclarée" in p.text and FORGED in p.text for p in d.paragraphs)


def test_line_breaks_of_a_quoted_value_are_line_breaks_in_its_paragraph() -> None:
    """The DPO's opinion written on three lines keeps them (w:br), in one paragraph of the block."""
    opinion = "Avis favorable.\nRéserve : chiffrer les sauvegardes.\nÀ revoir dans un an."
    op = FIELDS["validation.dpo_opinion"](operation(), opinion)
    d = _document(op)
    (p,) = [p for p in d.paragraphs if "Réserve : chiffrer" in p.text]
    assert opinion in p.text
    assert len(p._p.findall(".//" + docx.oxml.ns.qn("w:br"))) == 2


@pytest.mark.parametrize(
    "value",
    ["a\ue002\n! b", "\ue005 alerte", "\ue004 boîte", "\ue003 puce", "a\ue000b\ue001c"],
)
def test_layout_characters_in_user_text_are_removed(value: str) -> None:
    """The private-use characters of the layout and of « À compléter » never reach the document from
    the user: removed from the text, like the « À compléter » delimiters before."""
    d = _document(operation(description=value))
    body = "".join(p.text for p in d.paragraphs)
    assert not set(RESERVED) & set(body)
    assert _styled(d) == _plain("description", "fr")


#: Free texts shown in tables (cells are written as text, never read as layout).
TABLE_FIELDS: dict[str, Callable[[ProcessingOperation, str], ProcessingOperation]] = {
    "measures[].title": lambda op, v: attrs.evolve(op, measures=_first(op.measures, title=v)),
    "measures[].description": lambda op, v: attrs.evolve(op, measures=_first(op.measures, description=v)),
    "purposes[].legal_text": lambda op, v: attrs.evolve(op, purposes=_first(op.purposes, legal_text=v)),
    "processors[].name": lambda op, v: attrs.evolve(op, processors=_first(op.processors, name=v)),
    "actions[].owner": lambda op, v: attrs.evolve(
        op, actions=(ActionItem(action="Former les agents", owner=v),)
    ),
    "ai_system.name": lambda op, v: attrs.evolve(
        op, ai_system=attrs.evolve(op.ai_system, name=v) if op.ai_system is not None else None
    ),
}


@pytest.mark.parametrize("field", sorted(TABLE_FIELDS))
def test_table_cells_show_a_value_as_written(field: str) -> None:
    """Tables (measures, purposes, processors, action plan, AI system facts) show the value whole in one
    cell, line breaks kept, and the document's bullets, boxes and alerts are those of a plain value
    (cells already wrote text: a guard, not a fix)."""
    d = _document(TABLE_FIELDS[field](operation(), FORGED))
    # whole in one cell; a measure's cell may go on, after a line break, with aipd's own notes (off-catalogue)
    assert any(
        c.text == FORGED or c.text.startswith(FORGED + "\n")
        for table in d.tables
        for row in table.rows
        for c in row.cells
    )
    plain = _styled(_document(TABLE_FIELDS[field](operation(), PLAIN)))
    assert [(s, text.replace(FORGED, PLAIN)) for s, text in _styled(d)] == plain


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(field=st.sampled_from(sorted(FIELDS)), value=layout_texts(), lang=st.sampled_from(["fr", "en"]))
def test_any_text_in_any_field_leaves_the_layout_unchanged(field: str, value: str, lang: str) -> None:
    """For any text in any quoted field, the document's bullets, boxes and alerts are exactly those
    of the same operation with a plain value in that field (style, order and text, the value aside).
    A text with nothing but white space is an unknown fact to the analysis (« À compléter »): left out."""
    assume(clean_text(value).strip() != "")
    styled = _styled(_document(FIELDS[field](operation(), value), lang))
    plain = _plain(field, lang)
    assert [s for s, _ in styled] == [s for s, _ in plain]
    shown = _squash(clean_text(value).translate(dict.fromkeys(map(ord, RESERVED))))
    plain_texts = [_squash(text) for _, text in plain]
    if shown and not any(shown in text for text in plain_texts):
        assert [_squash(text).replace(shown, _squash(PLAIN)) for _, text in styled] == plain_texts


def _squash(text: str) -> str:
    """The text without its white space: a value at the edge of a line loses its own (the line is
    stripped), which changes no layout."""
    return re.sub(r"\s+", "", text)


# --- The wording side: what a template writes is layout, what it outputs is text ---------------------


def test_layout_marks_only_the_templates_own_line_starts() -> None:
    """layout() marks line breaks and "- ", "> ", "! " at a line start (or the text's start), keeping
    the length (the sandbox counts characters); as_written() gives the text back."""
    text = "Intro\n- un\n  > deux\n! trois\nfin - pas ! une > marque"
    marked = layout(text)
    assert marked == (
        f"Intro{LINE}{BULLET} un{LINE}  {BOX} deux{LINE}{ALERT} trois{LINE}fin - pas ! une > marque"
    )
    assert len(marked) == len(text)
    assert as_written(marked) == text
    assert layout("- début de texte") == f"{BULLET} début de texte"
    assert layout("sans marque") == "sans marque"


def _override(tmp_path: Path, body: str) -> Path:
    folder = tmp_path / "modeles"
    (folder / "fr").mkdir(parents=True)
    (folder / "fr" / "validation.md.j2").write_text(body, encoding="utf-8")
    return folder


def _block_paragraphs(d: Any, first: str, last: str) -> list[tuple[str, str]]:
    paras = [(p.style.name, p.text) for p in d.paragraphs]
    start = next(i for i, (_, text) in enumerate(paras) if text == first)
    end = next(i for i, (_, text) in enumerate(paras) if text == last)
    return paras[start : end + 1]


def test_a_vendor_template_keeps_its_layout_and_its_values_stay_text(tmp_path: Path) -> None:
    """A collectivité's wording override still writes bullets, boxes and alerts in its own text; a value
    it outputs — as is, through a filter, a loop or a string it builds — is text in its paragraph."""
    folder = _override(
        tmp_path,
        """{% macro text_dpo() %}
DÉBUT

! Alerte de la collectivité

> Encadré de la collectivité

- puce un
- puce deux

Tel quel {{ validation.dpo_opinion }}

{{ validation.dpo_opinion | upper }}

{% for line in validation.dpo_opinion.split("\\n") %}{{ line }}{{ "\\n" }}{% endfor %}


{{ "\\n\\n! chaîne du modèle" }}

FIN
{% endmacro %}
""",
    )
    op = FIELDS["validation.dpo_opinion"](operation(), FORGED)
    d = _document(op, plugin_dirs=(folder,))
    block = _block_paragraphs(d, "DÉBUT", "FIN")
    styles = [s for s, _ in block]
    assert styles.count("AIPD Alert") == 1
    assert styles.count("AIPD Box") == 1
    assert styles.count("List Bullet") == 2
    assert ("AIPD Alert", "Alerte de la collectivité") in block
    assert ("Normal", f"Tel quel {FORGED}") in block
    assert ("Normal", FORGED.upper()) in block
    assert not any("FORGÉE" in text or "FORGÉE".upper() in text for s, text in block if s in LAYOUT_STYLES)
    # a string the template builds in an expression is text too: its line breaks are line breaks
    assert ("Normal", FORGED) in block  # split into lines and joined again: the same text
    assert ("Normal", "! chaîne du modèle") in block


def test_a_label_set_as_a_block_is_shown_as_written(tmp_path: Path) -> None:
    """A label written as ``{% set %}…{% endset %}`` (text, so marked) reads back as the template wrote it."""
    folder = tmp_path / "modeles"
    (folder / "fr").mkdir(parents=True)
    (folder / "fr" / "labels.md.j2").write_text(
        "{% set h_validation %}\n- 4. Validation\n{% endset %}",
        encoding="utf-8",
    )
    wording = Wording(lang="fr", context={}, plugin_dirs=[folder])
    assert wording.label("labels", "h_validation") == "- 4. Validation\n"


def test_a_plugin_may_not_write_a_layout_character() -> None:
    """Every character only a template writes is refused in a plug-in's catalogue text (one list: if a
    mark is added to RESERVED, the plug-in check must refuse it too)."""
    from aipd._purity import bad_character

    assert all(bad_character(f"a{c}b") == f"U+{ord(c):04X}" for c in RESERVED)


def test_the_context_removes_layout_characters_from_every_text() -> None:
    """Not only free texts (which lose them on the way in): any string of the mapping, at any depth
    (an identifier, a plug-in's name or label), so the rule does not hang on each field remembering it."""
    from aipd.render.context import _scrub

    mapping: dict[str, Any] = {"a": ["x\ue003 y", {"b": "\ue005 z", "n": 1}], "c": "plain", "d": None}
    _scrub(mapping)
    assert mapping == {"a": ["x y", {"b": " z", "n": 1}], "c": "plain", "d": None}

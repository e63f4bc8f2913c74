"""What plug-ins contribute: declarative, frozen values with stable namespaced ids.

A plug-in does not compute a verdict: it returns catalogues of rules (criteria,
items of reference lists) each with its legal source and a pure test over the
operation, and of risks and measures. The host runs the tests, records which
plug-in made each finding, sorts everything by id and decides.

Ids are ``namespace:name`` (``wp248:large_scale``, ``cnil-2018-327:12``,
``acme:lpr_camera``); they are the stable keys of the whole system.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Literal

import attrs

from aipd.i18n import Text
from aipd.vocabulary import MeasureFamily, Vocabulary

if TYPE_CHECKING:
    from aipd.model import ProcessingOperation
    from aipd.settings import Settings

__all__ = [
    "PRESUMED_NECESSARY",
    "Criterion",
    "Effect",
    "FindingStatus",
    "ListItem",
    "MeasureType",
    "Outcome",
    "ReferenceList",
    "RiskType",
    "Source",
    "Test",
    "effect_text",
]

#: The CNIL method's three feared events (PIA, part 3: illegitimate access, unwanted change,
#: disappearance of data), in the method's order; only they are ``RiskType.feared_event``.
FEARED_EVENTS = ("cnil:illegitimate_access", "cnil:unwanted_modification", "cnil:disappearance")

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_.-]*:[a-z0-9][a-z0-9_.-]*$")


@functools.lru_cache(maxsize=4096)  # ids are few and sorted again at every assessment
def id_sort_key(value_id: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key for ids: numbers in natural order (``cnil-2018-327:2`` before ``:10``).

    Total and deterministic, so the order of findings never depends on plug-in order.
    """
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in _ID_PARTS.findall(value_id))


_ID_PARTS = re.compile(r"\d+|\D+")


def _check_id(_inst: object, _att: attrs.Attribute[str], value: str) -> None:
    if not ID_PATTERN.match(value):
        raise ValueError(
            f"identifiant invalide {value!r} : attendu « espace:nom » en minuscules "
            "(lettres, chiffres, _ . -), ex. « acme:lpr_camera »"
        )


def _strings(values: Iterable[str]) -> tuple[str, ...]:
    """A tuple of strings; a lone string is refused, since ``tuple("scale.persons")`` would
    silently become thirteen one-letter paths."""
    # Most values are already tuples (rules build hundreds of outcomes per assessment).
    strings = values if type(values) is tuple else tuple(_not_one_string(values))
    for value in strings:
        if value.__class__ is not str and not isinstance(value, str):
            raise TypeError(
                f"chaîne attendue, reçu {type(value).__name__} {value!r} "
                f"(expected a string, got {type(value).__name__} {value!r})"
            )
    return strings


def _not_one_string(values: Iterable[str]) -> Iterable[str]:
    if isinstance(values, str):
        raise TypeError(
            f"liste de chaînes attendue, reçu la chaîne {values!r} : écrire ({values!r},) "
            f"(expected a list of strings, got the string {values!r}: write ({values!r},))"
        )
    return values


def _of(kind: type | tuple[type, ...], fr: str, en: str, *, optional: bool = False) -> Callable[..., None]:
    """A validator: the field holds a ``kind`` (or None when ``optional``), else a TypeError naming
    the class, the field and what was expected, French first. Catalogue values are built once per
    registry, by plug-ins: a title given as a plain string or an effect spelt ``"counts"`` must
    stop there, not count differently in one place and crash in another."""

    def check(instance: object, attribute: attrs.Attribute[object], value: object) -> None:
        if (optional and value is None) or isinstance(value, kind):
            return
        owner = type(instance).__name__
        raise TypeError(
            f"{owner}.{attribute.name} doit être {fr}, reçu {type(value).__name__} {value!r} "
            f"({owner}.{attribute.name}: expected {en}, got {type(value).__name__} {value!r})"
        )

    return check


def _one_of(*values: str) -> Callable[..., None]:
    """A validator: the field is one of ``values`` (a Literal), else a ValueError, French first."""

    def check(instance: object, attribute: attrs.Attribute[object], value: object) -> None:
        if value in values:
            return
        owner, choices = type(instance).__name__, ", ".join(map(repr, values))
        raise ValueError(
            f"{owner}.{attribute.name} doit être l'une des valeurs {choices}, reçu {value!r} "
            f"({owner}.{attribute.name}: expected one of {choices}, got {value!r})"
        )

    return check


def _texts_of(
    instance: object, attribute: attrs.Attribute[tuple[Text, ...]], value: tuple[Text, ...]
) -> None:
    for item in value:
        _of(Text, "un Text", "a Text")(instance, attribute, item)


_TEXT = _of(Text, "un Text (t(français, anglais))", "a Text (t(french, english))")
_OPTIONAL_TEXT = _of(Text, "un Text ou None", "a Text or None", optional=True)


def _wrong(field: str, fr: str, en: str, value: object) -> TypeError:
    return TypeError(
        f"Outcome.{field} doit être {fr}, reçu {type(value).__name__} {value!r} "
        f"(Outcome.{field}: expected {en}, got {type(value).__name__} {value!r})"
    )


def _texts(values: Iterable[Text]) -> tuple[Text, ...]:
    return tuple(values)


class FindingStatus(Vocabulary):
    """Whether a rule is met. Unknown is distinct from not met, always."""

    MET = "met", "Rempli", "Met"
    NOT_MET = "not_met", "Non rempli", "Not met"
    UNKNOWN = "unknown", "Inconnu (faits manquants)", "Unknown (facts missing)"


class Effect(Vocabulary):
    """What a met rule does to the verdict."""

    COUNTS = (
        "counts",
        "Critère compté pour la présomption de risque élevé (deux critères ou plus)",
        "Criterion counted towards the high-risk presumption (two or more)",
    )
    REQUIRES = "requires", "Rend l'AIPD obligatoire", "Makes a DPIA mandatory"
    EXEMPTS = "exempts", "Dispense d'AIPD", "Exempts from a DPIA"
    BLOCKS = (
        "blocks",
        "Point bloquant : le traitement ne peut pas être mis en œuvre en l'état",
        "Blocking issue: the processing cannot go ahead as it stands",
    )
    INFORMS = "informs", "Information, sans effet sur le verdict", "Information, no effect on the verdict"


#: The effect of a ``REQUIRES`` rule whose source presumes a DPIA necessary rather than making it
#: mandatory (:attr:`Criterion.presumption`): same verdict, "required", worded as the source words it.
PRESUMED_NECESSARY = Text(
    fr="Rend l'AIPD présumée nécessaire (présomption de la source citée)",
    en="Makes a DPIA presumed necessary (a presumption of the cited source)",
)


def effect_text(effect: Effect, presumption: bool = False) -> Text:
    """What a met rule does, as a reader sees it: the effect's label, or :data:`PRESUMED_NECESSARY`."""
    if presumption and effect is Effect.REQUIRES:
        return PRESUMED_NECESSARY
    return Text(fr=effect.fr, en=effect.en)


Reliability = Literal["verified", "secondary", "recalled"]


@attrs.frozen(kw_only=True)
class Source:
    """Where a rule comes from: the text and the point in it.

    ``reliability`` records whether the wording was read in an official copy
    (``verified``), known from secondary sources (``secondary``) or recalled
    (``recalled``); outputs say so, so a DPO knows what to check.
    """

    citation: Text = attrs.field(validator=_TEXT)
    url: str | None = attrs.field(
        default=None, validator=_of(str, "une adresse", "an address", optional=True)
    )
    reliability: Reliability = attrs.field(
        default="verified", validator=_one_of("verified", "secondary", "recalled")
    )


@attrs.frozen(init=False)
class Outcome:
    """The result of testing one rule against one operation.

    ``missing`` lists the model paths (``scale.persons``) whose facts would
    settle an unknown rule; the rationale quotes the facts that decided it.
    """

    status: FindingStatus
    rationale: Text
    missing: tuple[str, ...] = ()

    def __init__(self, *, status: FindingStatus, rationale: Text, missing: Iterable[str] = ()) -> None:
        # Written by hand, like Text's: rules return a couple of hundred outcomes per
        # assessment, and setting the slots directly costs less than attrs' frozen path.
        # Checked here, where a vendor's rule builds it: a status spelt "met" or a rationale
        # given as a plain string would otherwise pass screening and fail far from its cause.
        if status.__class__ is not FindingStatus:
            raise _wrong("status", "un FindingStatus (MET, NOT_MET, UNKNOWN)", "a FindingStatus", status)
        _check_rationale(rationale)
        _set_status(self, status)
        _set_rationale(self, rationale)
        _set_missing(self, _strings(missing))

    # The three constructors rules call set the slots without binding keyword arguments
    # (0.48 -> 0.21 µs): they are what every rule returns, hundreds of times per assessment.

    # The check and the slots are inline (a Text is checked by its class first): two calls fewer each.

    @classmethod
    def met(cls, rationale: Text) -> Outcome:
        if rationale.__class__ is not Text:
            _check_rationale(rationale)
        outcome = _new(cls)
        _set_status(outcome, _MET)
        _set_rationale(outcome, rationale)
        _set_missing(outcome, ())
        return outcome

    @classmethod
    def not_met(cls, rationale: Text) -> Outcome:
        if rationale.__class__ is not Text:
            _check_rationale(rationale)
        outcome = _new(cls)
        _set_status(outcome, _NOT_MET)
        _set_rationale(outcome, rationale)
        _set_missing(outcome, ())
        return outcome

    @classmethod
    def unknown(cls, rationale: Text, missing: Iterable[str]) -> Outcome:
        if rationale.__class__ is not Text:
            _check_rationale(rationale)
        paths = _strings(missing)
        outcome = _new(cls)
        _set_status(outcome, _UNKNOWN)
        _set_rationale(outcome, rationale)
        _set_missing(outcome, paths)
        return outcome


def _check_rationale(rationale: Text) -> None:
    if rationale.__class__ is not Text and not isinstance(rationale, Text):
        raise _wrong("rationale", "un Text (t(français, anglais))", "a Text (t(french, english))", rationale)


_set_status = Outcome.status.__set__  # type: ignore[attr-defined]  # the slots' member descriptors
_set_rationale = Outcome.rationale.__set__  # type: ignore[attr-defined]
_set_missing = Outcome.missing.__set__  # type: ignore[attr-defined]


_new = object.__new__
_MET, _NOT_MET, _UNKNOWN = FindingStatus.MET, FindingStatus.NOT_MET, FindingStatus.UNKNOWN


def _outcome(cls: type[Outcome], status: FindingStatus, rationale: Text, missing: tuple[str, ...]) -> Outcome:
    """What ``cls(status=..., rationale=..., missing=...)`` builds, ``missing`` already a tuple."""
    outcome = _new(cls)
    _set_status(outcome, status)
    _set_rationale(outcome, rationale)
    _set_missing(outcome, missing)
    return outcome


Test = Callable[["ProcessingOperation", "Settings"], Outcome]
"""A rule's test: pure, called as ``test(operation, settings)``; it must not change anything."""


@attrs.frozen(kw_only=True)
class Criterion:
    """A rule that bears on whether a DPIA is required.

    ``effect`` says what a met criterion does: the nine WP248 criteria
    ``COUNTS`` towards the two-criteria presumption; GDPR art. 35(3) points
    ``REQUIRES`` a DPIA; a prohibited practice ``BLOCKS``. A plug-in criterion
    that refines a WP248 criterion sets ``counts_as`` to that criterion's id, so
    it can make the criterion count but never adds a tenth one by accident.
    An exemption that sets aside art. 35(1) to (7) altogether (GDPR art.
    35(10)) sets ``overrides_mandatory``: it then prevails even over a case where
    a DPIA would otherwise be mandatory. A ``REQUIRES`` rule whose source only
    *presumes* a DPIA necessary (the CNIL on high-risk AI systems) sets
    ``presumption``: the verdict is still "required" (a presumption is never read
    as less), but its reason and effect say "presumed necessary", not "mandatory".
    """

    id: str = attrs.field(validator=_check_id)
    title: Text = attrs.field(validator=_TEXT)
    source: Source = attrs.field(validator=_of(Source, "une Source", "a Source"))
    effect: Effect = attrs.field(validator=_of(Effect, "un Effect", "an Effect"))
    test: Test = attrs.field(eq=False)
    group: str = attrs.field(default="other", validator=_of(str, "une chaîne", "a string"))
    description: Text | None = attrs.field(default=None, validator=_OPTIONAL_TEXT)
    counts_as: str | None = attrs.field(default=None)
    overrides_mandatory: bool = attrs.field(
        default=False, validator=_of(bool, "True ou False", "True or False")
    )
    presumption: bool = attrs.field(default=False, validator=_of(bool, "True ou False", "True or False"))

    @counts_as.validator
    def _counts_as_only_for_counts(self, _att: attrs.Attribute[str | None], value: str | None) -> None:
        if value is not None:
            _check_id(self, _att, value)  # type: ignore[arg-type]  # same check, optional field
            if self.effect is not Effect.COUNTS:
                raise ValueError("counts_as n'a de sens que pour un critère d'effet COUNTS")

    @overrides_mandatory.validator
    def _overrides_only_for_exemptions(self, _att: attrs.Attribute[bool], value: bool) -> None:
        if value and self.effect is not Effect.EXEMPTS:
            raise ValueError("overrides_mandatory n'a de sens que pour un critère d'effet EXEMPTS")

    @presumption.validator
    def _presumption_only_for_requires(self, _att: attrs.Attribute[bool], value: bool) -> None:
        if value and self.effect is not Effect.REQUIRES:
            raise ValueError("presumption n'a de sens que pour un critère d'effet REQUIRES")

    @property
    def counted_key(self) -> str:
        """The criterion this one counts as (itself unless it refines another)."""
        return self.counts_as or self.id


@attrs.frozen(kw_only=True)
class ReferenceList:
    """A published list of types of processing (GDPR art. 35(4) or 35(5))."""

    id: str
    title: Text = attrs.field(validator=_TEXT)
    source: Source = attrs.field(validator=_of(Source, "une Source", "a Source"))
    effect: Effect = attrs.field(validator=_of(Effect, "un Effect", "an Effect"))

    def __attrs_post_init__(self) -> None:
        if self.effect not in (Effect.REQUIRES, Effect.EXEMPTS):
            raise ValueError(
                "une liste de référence rend l'AIPD obligatoire (REQUIRES) ou en dispense (EXEMPTS)"
            )


@attrs.frozen(kw_only=True)
class ListItem:
    """One type of processing on a reference list, with its conditions as the text states them."""

    id: str = attrs.field(validator=_check_id)
    reference_list: ReferenceList = attrs.field(
        validator=_of(ReferenceList, "une ReferenceList", "a ReferenceList")
    )
    number: int = attrs.field(validator=_of(int, "un numéro", "a number"))
    title: Text = attrs.field(validator=_TEXT)
    conditions: Text = attrs.field(validator=_TEXT)
    source: Source = attrs.field(validator=_of(Source, "une Source", "a Source"))
    test: Test = attrs.field(eq=False)

    @property
    def effect(self) -> Effect:
        return self.reference_list.effect


@attrs.frozen(kw_only=True)
class MeasureType:
    """A measure of the catalogue, in the families of the CNIL method.

    ``reduces`` names the risk ids it addresses; ``lowers`` says on which axis
    of the CNIL scale it acts (``"likelihood"`` by default, ``"severity"`` for
    measures that limit the harm, such as minimisation or pseudonymisation).
    ``applies`` (optional, a test like a risk's) says whether the measure can act
    on an operation: *not met* when the facts give it nothing to act on
    (protection of paper documents with no paper support) or contradict it
    (hosting in the EU for data hosted outside); declared, such a measure then
    lowers no level, and the analysis says why. ``None``, or *met* or *unknown*:
    it counts.
    """

    id: str = attrs.field(validator=_check_id)
    title: Text = attrs.field(validator=_TEXT)
    family: MeasureFamily = attrs.field(validator=_of(MeasureFamily, "une MeasureFamily", "a MeasureFamily"))
    description: Text = attrs.field(validator=_TEXT)
    reduces: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    lowers: Literal["likelihood", "severity", "both"] = attrs.field(
        default="likelihood", validator=_one_of("likelihood", "severity", "both")
    )
    source: Source | None = attrs.field(
        default=None, validator=_of(Source, "une Source ou None", "a Source or None", optional=True)
    )
    applies: Test | None = attrs.field(default=None, eq=False)


@attrs.frozen(kw_only=True)
class RiskType:
    """A risk for the persons, analysed the CNIL way (severity and likelihood, 1 to 4).

    The CNIL method's three feared events are risks like any other; a plug-in
    adds its own (AI-specific risks, a vendor's product). ``applies`` tells
    whether the risk concerns a given operation, with its reasons.
    """

    id: str = attrs.field(validator=_check_id)
    title: Text = attrs.field(validator=_TEXT)
    description: Text = attrs.field(validator=_TEXT)
    source: Source = attrs.field(validator=_of(Source, "une Source", "a Source"))
    applies: Test = attrs.field(eq=False)
    impacts: tuple[Text, ...] = attrs.field(default=(), converter=_texts, validator=_texts_of)
    threats: tuple[Text, ...] = attrs.field(default=(), converter=_texts, validator=_texts_of)
    risk_sources: tuple[Text, ...] = attrs.field(default=(), converter=_texts, validator=_texts_of)
    measures: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    feared_event: bool = attrs.field(default=False, validator=_of(bool, "True ou False", "True or False"))

    @feared_event.validator
    def _feared_only_for_the_three(self, _att: attrs.Attribute[bool], value: bool) -> None:
        # A feared event's levels are judged against that event alone: a plug-in's risk marked so
        # matched none of the facts' rules and was proposed « négligeable », where an ordinary
        # plug-in risk gets the highest level the facts support for any of the three.
        if value and self.id not in FEARED_EVENTS:
            raise ValueError(
                f"RiskType.feared_event n'a de sens que pour les trois événements redoutés de la méthode de "
                f"la CNIL ({', '.join(FEARED_EVENTS)}), pas pour « {self.id} » : laissez-le à False "
                f"(RiskType.feared_event: only for the CNIL method's three feared events, not '{self.id}')"
            )

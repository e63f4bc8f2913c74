"""The processing operation (traitement), as frozen attrs value classes.

One :class:`ProcessingOperation` describes one traitement as a DPO fills in the
register (GDPR art. 30) and the context part of a CNIL PIA. It is a pure value:
loading, dumping and scoring live elsewhere.

Conventions that hold for every class:

- every field is keyword-only and documented (``metadata["doc"]``, French and
  English), so the YAML reference is generated and cannot drift;
- ``None`` means *not known yet*, distinct from ``False``: screening answers
  "incomplete: these facts are needed" rather than "not met";
- collections are tuples; free text is normalised (NFC, no XML-illegal
  characters) when the object is built, whatever the way in;
- building an object (``Scale(persons=…)``, ``attrs.evolve``) checks the types
  the rules read: a vocabulary's member (not its text: ``Status.VALIDATED``,
  not ``"validated"``), ``True``/``False`` (not ``0``, ``1`` or ``"oui"``), a
  whole number (not a boolean nor a text, never negative), a ``datetime.date``
  (not a text nor a ``datetime``), a nested object of its class, and each item
  of a tuple of them; a text field, a text (``str``). A wrong type raises :class:`aipd.InputError` (a
  ``ValueError``) naming the class and field (``Scale.persons``,
  ``ProcessingOperation.domains[1]``), the value received and what is expected,
  in the loader's words; :func:`aipd.load` turns text into these types.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import types
import typing
from collections.abc import Callable
from typing import Any

import attrs

from aipd.errors import (
    EXPECTED_BOOL,
    EXPECTED_DATE,
    EXPECTED_INT,
    EXPECTED_TEXT,
    EXPECTED_TEXTS,
    InputError,
    Problem,
    below_minimum,
    expected,
    not_allowed,
    received,
)
from aipd.i18n import Text
from aipd.text import clean_optional, clean_text, clean_tuple
from aipd.vocabulary import (
    TITLE_III_FIELDS,
    AIArea,
    AIOutput,
    AIRole,
    AITechnique,
    Art63Condition,
    Article9Exception,
    AssetKind,
    DataKind,
    DataSource,
    DecisionEffect,
    DecisionOutcome,
    Domain,
    EvaluationAspect,
    FinalFate,
    Frequency,
    GeographicExtent,
    Hosting,
    HumanInvolvement,
    LegalBasis,
    LegalRegime,
    Level,
    MeasureFamily,
    MeasureStatus,
    OrganisationKind,
    RecipientKind,
    Safeguard,
    Status,
    SubjectKind,
    Vocabulary,
    Vulnerability,
)

__all__ = [
    "AISystem",
    "ActionItem",
    "Controller",
    "DataCategory",
    "Decisions",
    "DpoContact",
    "Evaluation",
    "JointController",
    "LegalFramework",
    "Matching",
    "Measure",
    "Monitoring",
    "ProcessingOperation",
    "Processor",
    "Purpose",
    "Recipient",
    "Retention",
    "RiskJudgement",
    "Scale",
    "SubjectCategory",
    "SupportingAsset",
    "Technology",
    "Transfer",
    "Validation",
]

_SLUG = re.compile(r"^[a-z0-9][a-z0-9_.-]*(:[a-z0-9][a-z0-9_.-]*)?$")
_SIREN = re.compile(r"^[0-9]{9}$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")

# EU and EEA member states (ISO 3166-1 alpha-2): GDPR Chapter V applies outside them.
EEA_COUNTRIES = frozenset(
    [
        "AT",
        "BE",
        "BG",
        "CY",
        "CZ",
        "DE",
        "DK",
        "EE",
        "ES",
        "FI",
        "FR",
        "GR",
        "HR",
        "HU",
        "IE",
        "IT",
        "LT",
        "LU",
        "LV",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SE",
        "SI",
        "SK",
        "IS",
        "LI",
        "NO",
    ]
)


# --- field helpers: each field carries its documentation --------------------------------


def _doc(fr: str, en: str, **constraints: Any) -> dict[str, Any]:
    # ``constraints`` (``pattern``, ``minimum``) repeat what the validators check, so the
    # loader can word its own bilingual message and the JSON Schema can state them.
    return {"doc": Text(fr=fr, en=en), **constraints}


def _pattern(pattern: re.Pattern[str] | None) -> dict[str, Any]:
    return {"pattern": pattern} if pattern else {}


#: What each of the model's patterns asks for, in words (the loader and the model's checks say it).
_PATTERN_WORDS: dict[str, Text] = {
    _SLUG.pattern: Text(
        fr="un identifiant en minuscules (lettres, chiffres, _ . -), avec un espace de noms "
        "facultatif (ex. « cameras-2024 » ou « builtin:encryption »)",
        en="a lower-case identifier (letters, digits, _ . -), with an optional namespace "
        "(e.g. 'cameras-2024' or 'builtin:encryption')",
    ),
    _SIREN.pattern: Text(fr="un numéro SIREN de 9 chiffres", en="a 9-digit SIREN number"),
    _COUNTRY.pattern: Text(
        fr="un code pays ISO 3166 à deux lettres majuscules (ex. FR, DE, US)",
        en="an ISO 3166 two-letter upper-case country code (e.g. FR, DE, US)",
    ),
}


def pattern_words(pattern: re.Pattern[str]) -> Text:
    """What a field's ``pattern`` (its metadata) asks for, in French and English."""
    return _PATTERN_WORDS.get(
        pattern.pattern,
        Text(fr=f"une valeur conforme à {pattern.pattern}", en=f"a value matching {pattern.pattern}"),
    )


def _matches(pattern: re.Pattern[str]) -> Callable[[object, attrs.Attribute[Any], Any], None]:
    def check(instance: object, att: attrs.Attribute[Any], value: str | None) -> None:
        if value is not None and not pattern.match(value):
            message = expected(pattern_words(pattern), received(value))
            raise InputError([Problem(path=f"{type(instance).__name__}.{att.name}", message=message)])

    return check


def _named(clean: Callable[[Any], Any]) -> attrs.Converter:  # type: ignore[type-arg]
    """``clean`` as a field's converter whose refusal names the class and field, as the type checks
    do (:class:`_Checked`): :func:`aipd.text.clean_text` only knows that a text was expected."""

    def convert(value: Any, instance: object, field: attrs.Attribute[Any]) -> Any:
        try:
            return clean(value)
        except TypeError:
            path = f"{type(instance).__name__}.{field.name}"
            if clean is clean_tuple and isinstance(value, list | tuple):
                for index, item in enumerate(value):
                    if not isinstance(item, str):
                        message = expected(EXPECTED_TEXT, received(item))
                        raise InputError([Problem(path=f"{path}[{index}]", message=message)]) from None
            what = EXPECTED_TEXTS if clean is clean_tuple else EXPECTED_TEXT
            raise InputError([Problem(path=path, message=expected(what, received(value)))]) from None

    # __init__'s signature shows the type the cleaning takes (``str``, ``str | None``…), not ``Any``.
    taken = clean.__annotations__[clean.__code__.co_varnames[0]]
    convert.__annotations__ = {"value": taken, "return": clean.__annotations__["return"]}
    return attrs.Converter(convert, takes_self=True, takes_field=True)


_TEXT, _OPT_TEXT, _TEXTS = _named(clean_text), _named(clean_optional), _named(clean_tuple)


def text(fr: str, en: str, *, default: str | None = None, pattern: re.Pattern[str] | None = None) -> Any:
    """A required free-text field (required unless a default is given)."""
    validator = [_matches(pattern)] if pattern else []
    if default is None:
        return attrs.field(converter=_TEXT, validator=validator, metadata=_doc(fr, en, **_pattern(pattern)))
    return attrs.field(
        default=default, converter=_TEXT, validator=validator, metadata=_doc(fr, en, **_pattern(pattern))
    )


def opt_text(fr: str, en: str, *, pattern: re.Pattern[str] | None = None) -> Any:
    """An optional free-text field; ``None`` when not given."""
    validator = [_matches(pattern)] if pattern else []
    return attrs.field(
        default=None,
        converter=_OPT_TEXT,
        validator=validator,
        metadata=_doc(fr, en, **_pattern(pattern)),
    )


def texts(fr: str, en: str) -> Any:
    """A list of free texts."""
    return attrs.field(default=(), converter=_TEXTS, metadata=_doc(fr, en))


def fact(fr: str, en: str) -> Any:
    """A yes/no fact that may be unknown (``None``)."""
    return attrs.field(default=None, metadata=_doc(fr, en))


def number(fr: str, en: str) -> Any:
    """A non-negative whole number that may be unknown (``None``)."""
    return attrs.field(default=None, metadata=_doc(fr, en, minimum=0))  # checked by _Checked


def opt(fr: str, en: str) -> Any:
    """An optional value (enum, date, nested object) that may be unknown (``None``)."""
    return attrs.field(default=None, metadata=_doc(fr, en))


def many(fr: str, en: str) -> Any:
    """A list of values or nested objects."""
    return attrs.field(default=(), converter=tuple, metadata=_doc(fr, en))


def nested(cls: type, fr: str, en: str) -> Any:
    """A nested object that always exists, empty (all unknown) by default."""
    return attrs.field(factory=cls, metadata=_doc(fr, en))


# --- the types checked at construction -------------------------------------------------------
#
# A rule reads ``op.status is Status.VALIDATED``, ``fact is True``, ``persons > threshold``: a
# value of another type built in Python (``status="validated"``, ``automated=0``,
# ``persons=True``) would be read wrongly (a validated record judged as a draft) or fail deep
# inside a rule. Each class checks, once per construction, every field the rules read by type:
# a check compiled per class (one call, a test of each field's exact class inline), which calls
# :func:`_refuse` only when a value is not of its field's exact class; :func:`_refuse` then judges
# every field precisely (a subclass is accepted) and raises :class:`~aipd.errors.InputError`
# naming each wrong one. Text is not checked here: its converter (:func:`_named`)
# refuses what is not text.


class _Checked:
    """Base of the model's classes: ``__attrs_post_init__`` checks the types (replaced per class by
    its compiled check, :func:`_install_check`, when the module is loaded)."""

    __slots__ = ()

    def __attrs_post_init__(self) -> None:
        _install_check(type(self))(self)


#: Per field, what it holds: the kind, the class (of the items, for a tuple), whether ``None`` is
#: allowed, and the minimum of a count.
_Spec = tuple[str, type, bool, "int | None"]


@functools.cache
def type_hints(cls: type) -> dict[str, Any]:
    """The resolved type hints of a model class, read once per class (the checks below and the loader,
    :mod:`aipd.io`, read the same); the dictionary is shared: not to be changed."""
    return typing.get_type_hints(cls)


def _specs(cls: type) -> dict[str, _Spec]:
    """The checked fields of ``cls`` (text is left to its converter), read off the type hints."""
    hints = type_hints(cls)
    out: dict[str, _Spec] = {}
    for a in attrs.fields(cls):
        hint, optional = hints[a.name], False
        args = typing.get_args(hint)
        if type(None) in args:
            (hint,) = (x for x in args if x is not type(None))
            optional = True
        many = typing.get_origin(hint) is tuple
        tp = typing.get_args(hint)[0] if many else hint
        if tp is str:
            continue
        kind = "class" if attrs.has(tp) else "enum" if issubclass(tp, Vocabulary) else tp.__name__
        if kind not in ("class", "enum", "bool", "int", "date"):
            raise TypeError(f"{cls.__name__}.{a.name}: type non vérifié par le modèle : {hint!r}")
        out[a.name] = ("many " + kind if many else kind, tp, optional, a.metadata.get("minimum"))
    return out


def _fast_test(v: str, kind: str, tp: str, optional: bool, minimum: int | None) -> str:
    """The source of a test true when the variable ``v`` is *not* of the exact expected class, or is
    under its minimum (``None`` passes where it is allowed)."""
    if kind == "bool":
        test = f"{v} is not True and {v} is not False"
    elif kind == "int" and minimum is not None:
        test = f"({v}.__class__ is not int or {v} < {minimum})"
    else:
        test = f"{v}.__class__ is not {tp}"
    return f"{v} is not None and {test}" if optional else test


def _install_check(cls: type) -> Callable[[Any], None]:
    """Compile the check of ``cls`` and make it the class's ``__attrs_post_init__``."""
    specs = _specs(cls)
    names: dict[str, object] = {"_refuse": _refuse, "_cls": cls}
    lines = ["def __attrs_post_init__(self):"]
    for name, (kind, tp, optional, minimum) in specs.items():
        names[f"_t_{name}"] = tp
        lines.append(f"    v = self.{name}")
        if kind.startswith("many "):  # a tuple (its converter made it one): each item
            item = _fast_test("x", kind[5:], f"_t_{name}", False, minimum)
            lines += ["    for x in v:", f"        if {item}:", "            return _refuse(_cls, self)"]
        else:
            lines += [
                f"    if {_fast_test('v', kind, f'_t_{name}', optional, minimum)}:",
                "        return _refuse(_cls, self)",
            ]
    if len(lines) == 1:
        lines.append("    pass")
    exec("\n".join(lines), names)  # source built above from the class's own fields
    check = typing.cast("Callable[[Any], None]", names["__attrs_post_init__"])
    check.__qualname__ = f"{cls.__name__}.__attrs_post_init__"
    check.__doc__ = "Check the types of the fields (see :class:`_Checked`)."
    _SPECS[cls] = specs  # before the check is installed: a thread building an object may call it at once
    type.__setattr__(cls, "__attrs_post_init__", check)
    return check


_SPECS: dict[type, dict[str, _Spec]] = {}


def _refuse(cls: type, obj: object) -> None:
    """Raise :class:`~aipd.errors.InputError` for every field of ``obj`` (a ``cls``) of a wrong type;
    return if there is none (a subclass of the expected class, which the compiled check does not accept)."""
    problems: list[Problem] = []
    for name, (kind, tp, optional, minimum) in _SPECS[cls].items():
        value = getattr(obj, name)
        if kind.startswith("many "):
            if len(value) > 1 and all(type(item) is str and len(item) == 1 for item in value):
                # A text given for a list: ``tuple`` (the field's converter) split it into characters.
                text = received("".join(value))
                problems.append(
                    Problem(
                        path=f"{cls.__name__}.{name}",
                        message=expected(Text(fr="une liste (un tuple)", en="a list (a tuple)"), text),
                    )
                )
                continue
            for i, item in enumerate(value):
                message = _wrong(kind[5:], tp, False, minimum, item)
                if message is not None:
                    problems.append(Problem(path=f"{cls.__name__}.{name}[{i}]", message=message))
            continue
        message = _wrong(kind, tp, optional, minimum, value)
        if message is not None:
            problems.append(Problem(path=f"{cls.__name__}.{name}", message=message))
    if problems:
        raise InputError(problems)


def _wrong(kind: str, tp: type, optional: bool, minimum: int | None, value: Any) -> Text | None:
    """What is wrong with ``value`` for a field of this kind, in the loader's words; None if nothing."""
    if value is None and optional:
        return None
    got = received(value)
    if kind == "enum":
        if isinstance(value, tp):
            return None
        member = tp._value2member_map_.get(value) if isinstance(value, str) else None  # type: ignore[attr-defined]
        hint = None
        if member is not None:  # the text the YAML holds: the member is what the model holds
            spelt = f"{tp.__name__}.{member.name}"
            hint = Text(
                fr=f" ; écrire {spelt} (le membre, pas son texte).",
                en=f"; write {spelt} (the member, not its text).",
            )
        return not_allowed([m.value for m in tp], got, hint)  # type: ignore[attr-defined]
    if kind == "bool":
        return None if value is True or value is False else expected(EXPECTED_BOOL, got)
    if kind == "int":
        if not isinstance(value, int) or isinstance(value, bool):
            return expected(EXPECTED_INT, got)
        return below_minimum(value) if minimum is not None and value < minimum else None
    if kind == "date":
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return None
        return expected(
            EXPECTED_DATE,
            got,
            Text(fr=" (en Python : un objet datetime.date)", en=" (in Python: a datetime.date object)"),
        )
    if isinstance(value, tp):
        return None
    return expected(Text(fr=f"un objet {tp.__name__}", en=f"a {tp.__name__} object"), got)


# --- actors -------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class DpoContact(_Checked):
    """The data protection officer (délégué à la protection des données, DPD)."""

    name: str = text(
        "Nom du DPD (personne ou organisme mutualisé)", "Name of the DPO (person or shared service)"
    )
    email: str | None = opt_text("Adresse électronique", "E-mail address")
    phone: str | None = opt_text("Téléphone", "Telephone")
    organisation: str | None = opt_text(
        "Organisme du DPD s'il est externe ou mutualisé (centre de gestion, syndicat)",
        "DPO's organisation when external or shared",
    )
    cnil_designation: str | None = opt_text(
        "Numéro de désignation auprès de la CNIL", "CNIL designation number"
    )


@attrs.frozen(kw_only=True)
class Controller(_Checked):
    """The responsable de traitement: the public body that decides purposes and means."""

    name: str = text("Nom de l'organisme", "Name of the body")
    kind: OrganisationKind = attrs.field(metadata=_doc("Nature de l'organisme", "Kind of body"))
    siren: str | None = opt_text("Numéro SIREN (9 chiffres)", "SIREN number (9 digits)", pattern=_SIREN)
    address: str | None = opt_text("Adresse", "Address")
    representative: str | None = opt_text(
        "Représentant légal (maire, président)", "Legal representative (mayor, president)"
    )
    population_served: int | None = number(
        "Population desservie (habitants)", "Population served (inhabitants)"
    )
    agents: int | None = number("Effectif (nombre d'agents employés)", "Headcount (number of staff)")
    dpo: DpoContact | None = opt("Délégué à la protection des données", "Data protection officer")


@attrs.frozen(kw_only=True)
class JointController(_Checked):
    """A responsable conjoint (GDPR art. 26)."""

    name: str = text("Nom", "Name")
    responsibilities: str | None = opt_text(
        "Répartition des obligations (accord art. 26)", "Allocation of duties (art. 26 arrangement)"
    )


@attrs.frozen(kw_only=True)
class Processor(_Checked):
    """A sous-traitant (GDPR art. 28)."""

    name: str = text("Nom", "Name")
    role: str = text("Rôle dans le traitement", "Role in the processing")
    country: str | None = opt_text(
        "Pays où les données sont traitées (code ISO à deux lettres, ex. FR)",
        "Country where data are processed (ISO two-letter code, e.g. FR)",
        pattern=_COUNTRY,
    )
    contract_art28: bool | None = fact(
        "Contrat conforme à l'article 28 du RGPD signé", "Contract meeting GDPR art. 28 signed"
    )


# --- purposes -----------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Purpose(_Checked):
    """One finalité and the GDPR art. 6(1) basis that makes it lawful."""

    description: str = text("Finalité, décrite précisément", "The purpose, precisely described")
    legal_basis: LegalBasis | None = opt("Base légale (art. 6.1 du RGPD)", "Legal basis (GDPR art. 6(1))")
    legal_text: str | None = opt_text(
        "Texte qui fonde la mission d'intérêt public ou l'obligation légale (ex. art. L. 2212-2 CGCT) ; au "
        "titre III (police-justice), le texte qui fonde la mission de l'autorité compétente (art. 87 LIL)",
        "Text grounding the public task or legal obligation (e.g. CGCT art. L. 2212-2); under Title III "
        "(law enforcement), the text grounding the competent authority's mission (LIL art. 87)",
    )
    legitimate_interest: str | None = opt_text(
        "Intérêt légitime poursuivi (art. 35.7.a), si la base est l'intérêt légitime",
        "Legitimate interest pursued (art. 35(7)(a)), when that is the basis",
    )


# --- data and persons ---------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Retention(_Checked):
    """Durée de conservation: active base, intermediate archive, final fate."""

    active: str | None = opt_text("Durée en base active", "Period in the active database")
    intermediate: str | None = opt_text("Durée en archivage intermédiaire", "Period in intermediate archive")
    final_fate: FinalFate | None = opt("Sort final", "Final fate")
    justification: str | None = opt_text(
        "Justification (texte, référentiel)", "Justification (text, guidance)"
    )


@attrs.frozen(kw_only=True)
class DataCategory(_Checked):
    """A category of personal data, its sources, its retention and how many persons it concerns."""

    kind: DataKind = attrs.field(metadata=_doc("Catégorie de données", "Data category"))
    description: str | None = opt_text("Précisions (données concernées)", "Details (which data items)")
    sources: tuple[DataSource, ...] = many("Sources des données", "Sources of the data")
    retention: Retention | None = opt("Durée de conservation", "Retention period")
    # Art. 35(3)(b) and CNIL list 2018-327 item 14 judge the scale of the processing *of these
    # data*: a CCAS with 9,000 persons may hold health data of a few hundred of them.
    persons: int | None = number(
        "Nombre de personnes dont ces données sont traitées (au plus scale.persons)",
        "Number of persons whose data of this category are processed (at most scale.persons)",
    )


@attrs.frozen(kw_only=True)
class SubjectCategory(_Checked):
    """A category of persons concerned, with its size and vulnerability."""

    kind: SubjectKind = attrs.field(metadata=_doc("Catégorie de personnes", "Category of persons"))
    description: str | None = opt_text("Précisions", "Details")
    count: int | None = number("Nombre estimé de personnes", "Estimated number of persons")
    relevant_population: int | None = number(
        "Population de référence (pour calculer une proportion)",
        "Relevant population (to compute a proportion)",
    )
    vulnerable: bool | None = fact(
        "Personnes vulnérables (WP248, critère 7 ; considérant 75)",
        "Vulnerable persons (WP248 criterion 7; recital 75)",
    )
    vulnerabilities: tuple[Vulnerability, ...] = many("Motifs de vulnérabilité", "Why they are vulnerable")

    @property
    def is_vulnerable(self) -> bool | None:
        """True when a reason is given or the flag is set; None when unknown."""
        if self.vulnerabilities or self.vulnerable:
            return True
        return self.vulnerable


@attrs.frozen(kw_only=True)
class Scale(_Checked):
    """Échelle du traitement: the four factors of WP248 criterion 5 (and WP243)."""

    persons: int | None = number("Nombre de personnes concernées", "Number of persons concerned")
    relevant_population: int | None = number(
        "Population de référence (ex. habitants du territoire)", "Relevant population (e.g. inhabitants)"
    )
    records: int | None = number("Volume (nombre d'enregistrements par an)", "Volume (records per year)")
    data_items: int | None = number(
        "Nombre de champs ou types de données collectés", "Number of data items collected"
    )
    frequency: Frequency | None = opt("Fréquence", "Frequency")
    duration: str | None = opt_text("Durée ou permanence du traitement", "Duration or permanence")
    geographic_extent: GeographicExtent | None = opt("Étendue géographique", "Geographical extent")


@attrs.frozen(kw_only=True)
class Recipient(_Checked):
    """A destinataire of the data."""

    name: str = text("Destinataire", "Recipient")
    kind: RecipientKind | None = opt("Type de destinataire", "Kind of recipient")
    data: str | None = opt_text("Données communiquées", "Data communicated")


@attrs.frozen(kw_only=True)
class Transfer(_Checked):
    """A transfer outside the EU/EEA (GDPR Chapter V)."""

    recipient: str = text("Destinataire", "Recipient")
    country: str = text(
        "Pays (code ISO à deux lettres)",
        "Country (ISO two-letter code)",
        pattern=_COUNTRY,
    )
    safeguard: Safeguard | None = opt("Garantie (chapitre V du RGPD)", "Safeguard (GDPR Chapter V)")
    documentation: str | None = opt_text(
        "Référence ou lien vers la garantie (décision d'adéquation, clauses signées, règles approuvées)",
        "Reference or link to the safeguard (adequacy decision, signed clauses, approved rules)",
    )


@attrs.frozen(kw_only=True)
class SupportingAsset(_Checked):
    """A support: hardware, software, network, paper, people or premises."""

    kind: AssetKind = attrs.field(metadata=_doc("Type de support", "Kind of asset"))
    name: str = text("Nom", "Name")
    description: str | None = opt_text("Description", "Description")
    hosting: Hosting | None = opt("Hébergement", "Hosting")
    provider: str | None = opt_text("Fournisseur ou éditeur", "Provider or vendor")
    internet_facing: bool | None = fact(
        "Joignable depuis internet (service en ligne, accès distant, objet connecté par un réseau public)",
        "Reachable from the internet (online service, remote access, device on a public network)",
    )


@attrs.frozen(kw_only=True)
class Measure(_Checked):
    """A measure in place or planned; ``id`` links it to the measures catalogue."""

    id: str = text(
        "Identifiant (celui du catalogue, ex. builtin:encryption, ou un identifiant propre)",
        "Identifier (a catalogue id, e.g. builtin:encryption, or your own)",
        pattern=_SLUG,
    )
    title: str | None = opt_text(
        "Intitulé (celui du catalogue par défaut)", "Title (the catalogue's by default)"
    )
    family: MeasureFamily | None = opt("Famille de mesures", "Family of measures")
    status: MeasureStatus = attrs.field(
        default=MeasureStatus.IMPLEMENTED,
        metadata=_doc(
            "État de la mesure (en place par défaut ; en place avec une échéance postérieure à la date du "
            "document, elle est comptée comme prévue)",
            "Status of the measure (implemented by default; implemented with a due date after the "
            "document's date, it counts as planned)",
        ),
    )
    description: str | None = opt_text("Description de la mise en œuvre", "How it is implemented")
    owner: str | None = opt_text("Responsable de l'action", "Who is responsible")
    due: dt.date | None = opt("Échéance (AAAA-MM-JJ)", "Due date (YYYY-MM-DD)")


# --- facts that screening criteria test ---------------------------------------------------


@attrs.frozen(kw_only=True)
class Monitoring(_Checked):
    """Surveillance: WP248 criterion 3, GDPR art. 35(3)(c), CNIL list item 4."""

    systematic: bool | None = fact(
        "Observation, surveillance ou contrôle systématique des personnes",
        "Systematic observation, monitoring or control of persons",
    )
    public_area: bool | None = fact(
        "Surveillance d'une zone accessible au public", "Monitoring of a publicly accessible area"
    )
    agents: bool | None = fact("Surveillance de l'activité des agents", "Monitoring of staff activity")
    constant: bool | None = fact("Surveillance constante (permanente)", "Constant (permanent) monitoring")
    description: str | None = opt_text("Précisions", "Details")


@attrs.frozen(kw_only=True)
class Evaluation(_Checked):
    """Évaluation ou notation: WP248 criterion 1, GDPR art. 35(3)(a)."""

    scoring: bool | None = fact(
        "Évaluation ou notation de personnes (y compris profilage et prédiction)",
        "Evaluation or scoring of persons (including profiling and predicting)",
    )
    profiling: bool | None = fact("Profilage (art. 4.4 du RGPD)", "Profiling (GDPR art. 4(4))")
    aspects: tuple[EvaluationAspect, ...] = many(
        "Aspects évalués (considérant 71)", "Aspects evaluated (recital 71)"
    )
    systematic_extensive: bool | None = fact(
        "Évaluation systématique et approfondie (art. 35.3.a)",
        "Systematic and extensive evaluation (art. 35(3)(a))",
    )
    external_sources: bool | None = fact(
        "Profilage utilisant des données de sources externes", "Profiling using data from external sources"
    )


@attrs.frozen(kw_only=True)
class Decisions(_Checked):
    """Décisions: WP248 criteria 2 and 9, GDPR arts. 22 and 35(3)(a), CRPA L.311-3-1."""

    automated: bool | None = fact(
        "Des décisions sont prises sur la base du traitement automatisé",
        "Decisions are taken on the basis of automated processing",
    )
    effect: DecisionEffect | None = opt(
        "Effet des décisions sur les personnes", "Effect of the decisions on persons"
    )
    human_involvement: HumanInvolvement | None = opt("Intervention humaine", "Human involvement")
    access_to_rights: bool | None = fact(
        "Le traitement autorise, modifie ou refuse l'accès à un droit, un service ou un contrat",
        "The processing allows, changes or refuses access to a right, a service or a contract",
    )
    administrative_decisions: bool | None = fact(
        "Décisions administratives individuelles (art. L. 311-3-1 CRPA)",
        "Individual administrative decisions (CRPA art. L. 311-3-1)",
    )
    administrative_appeals: bool | None = fact(
        "Décisions sur des recours administratifs (jamais entièrement automatisées, art. 47 LIL)",
        "Decisions on administrative appeals (never solely automated, LIL art. 47)",
    )
    description: str | None = opt_text("Précisions", "Details")


@attrs.frozen(kw_only=True)
class Matching(_Checked):
    """Croisement ou combinaison de données: WP248 criterion 6."""

    combines: bool | None = fact(
        "Des jeux de données sont croisés ou combinés", "Datasets are matched or combined"
    )
    sources: tuple[str, ...] = texts("Jeux de données croisés", "Datasets combined")
    different_purposes_or_controllers: bool | None = fact(
        "Issus de traitements aux finalités ou responsables différents",
        "From processing for different purposes or by different controllers",
    )
    beyond_expectations: bool | None = fact(
        "D'une manière qui excède les attentes raisonnables des personnes",
        "In a way exceeding the persons' reasonable expectations",
    )


@attrs.frozen(kw_only=True)
class Technology(_Checked):
    """Usage innovant: WP248 criterion 8, judged against the state of the art (recital 91)."""

    innovative: bool | None = fact(
        "Usage innovant ou nouvelle solution technologique ou organisationnelle",
        "Innovative use or new technological or organisational solution",
    )
    description: str | None = opt_text("Technologies employées", "Technologies used")
    justification: str | None = opt_text(
        "Pourquoi la solution est (ou n'est pas) innovante", "Why it is (or is not) innovative"
    )


@attrs.frozen(kw_only=True)
class LegalFramework(_Checked):
    """Régime juridique: GDPR or Title III of the loi Informatique et Libertés; State processing."""

    regime: LegalRegime | None = opt(
        "Régime applicable (non renseigné : le RGPD, sauf pour la police municipale et la vidéoprotection, "
        "où il est demandé)",
        "Applicable regime (not stated: the GDPR, except for municipal police and video protection, where it "
        "is asked for)",
    )
    on_behalf_of_state: bool | None = fact(
        "Traitement mis en œuvre pour le compte de l'État (art. 31 à 33 LIL)",
        "Carried out on behalf of the State (LIL arts. 31 to 33)",
    )
    specific_law: str | None = opt_text(
        "Loi ou décret spécifique qui encadre le traitement (ex. loi n° 2023-380, art. 10)",
        "Specific law or decree governing the processing (e.g. loi 2023-380 art. 10)",
    )
    specific_law_impact_assessed: bool | None = fact(
        "Ce texte a fait l'objet d'une analyse d'impact générale lors de son adoption (art. 35.10)",
        "That text was adopted with a general impact assessment (art. 35(10))",
    )
    article9_exception: Article9Exception | None = opt(
        "Exception de l'art. 9.2 pour les catégories particulières",
        "Art. 9(2) exception for special categories",
    )
    article88_justification: str | None = opt_text(
        "Titre III (police-justice) : nécessité absolue, garanties appropriées et fondement (texte, intérêts "
        "vitaux ou données manifestement rendues publiques) du traitement des données du I de l'art. 6 "
        "(art. 88 LIL)",
        "Title III (law enforcement): absolute necessity, appropriate safeguards and ground (a text, vital "
        "interests or data manifestly made public) for processing the data of art. 6 I (LIL art. 88)",
    )
    offence_data_basis: str | None = opt_text(
        "Fondement du traitement de données d'infraction (art. 10 du RGPD, art. 46 LIL)",
        "Basis for processing offence data (GDPR art. 10, LIL art. 46)",
    )
    nir_decree: str | None = opt_text(
        "Texte autorisant l'usage du NIR (décret n° 2019-341)",
        "Text authorising use of the NIR (décret 2019-341)",
    )
    prior_formalities: tuple[str, ...] = texts(
        "Formalités accomplies (autorisation préfectorale, acte réglementaire unique…)",
        "Formalities completed (prefect's authorisation, single regulatory act…)",
    )
    covered_by_dpia: str | None = opt_text(
        "AIPD existante couvrant un traitement très similaire (WP248 III.B.b)",
        "Existing DPIA covering a very similar processing (WP248 III.B.b)",
    )


@attrs.frozen(kw_only=True)
class AISystem(_Checked):
    """The AI system used by the processing, when there is one (Regulation 2024/1689)."""

    name: str = text("Nom du système", "Name of the system")
    description: str | None = opt_text("Ce que fait le système", "What the system does")
    techniques: tuple[AITechnique, ...] = many("Techniques employées", "Techniques used")
    role: AIRole | None = opt("Rôle de l'organisme (AI Act, art. 3)", "The body's role (AI Act art. 3)")
    provider: str | None = opt_text("Fournisseur du système", "Provider of the system")
    version: str | None = opt_text("Version du système", "Version of the system")
    infers_outputs: bool | None = fact(
        "Le système déduit, à partir des entrées, des sorties (prédictions, contenus, recommandations, décisions) — art. 3.1",
        "The system infers outputs (predictions, content, recommendations, decisions) from its inputs — art. 3(1)",
    )
    autonomy: bool | None = fact(
        "Le système fonctionne avec un certain degré d'autonomie (art. 3.1)",
        "The system operates with some degree of autonomy (art. 3(1))",
    )
    outputs: tuple[AIOutput, ...] = many("Sorties du système", "Outputs of the system")
    areas: tuple[AIArea, ...] = many(
        "Domaines d'utilisation au sens de l'annexe III de l'AI Act", "Areas of use under AI Act Annex III"
    )
    art6_3_conditions: tuple[Art63Condition, ...] = many(
        "Conditions de l'art. 6.3 invoquées pour écarter le haut risque",
        "Art. 6(3) conditions relied on to rule out high risk",
    )
    profiling: bool | None = fact(
        "Le système effectue un profilage de personnes physiques", "The system profiles natural persons"
    )
    social_scoring: bool | None = fact(
        "Notation sociale : évaluation de personnes sur leur comportement social ou leurs caractéristiques personnelles",
        "Social scoring: evaluating persons on their social behaviour or personal characteristics",
    )
    score_used_in_unrelated_context: bool | None = fact(
        "La note entraîne un traitement défavorable dans un contexte sans lien avec la collecte, ou disproportionné",
        "The score leads to detrimental treatment in an unrelated context, or disproportionate treatment",
    )
    crime_prediction_by_profiling: bool | None = fact(
        "Prédiction du risque d'infraction fondée uniquement sur le profilage (art. 5.1.d)",
        "Predicting offending risk solely from profiling (art. 5(1)(d))",
    )
    manipulative_techniques: bool | None = fact(
        "Techniques subliminales, manipulatrices ou trompeuses (art. 5.1.a)",
        "Subliminal, manipulative or deceptive techniques (art. 5(1)(a))",
    )
    exploits_vulnerabilities: bool | None = fact(
        "Exploitation des vulnérabilités dues à l'âge, au handicap ou à la situation sociale (art. 5.1.b)",
        "Exploiting vulnerabilities due to age, disability or social situation (art. 5(1)(b))",
    )
    facial_scraping: bool | None = fact(
        "Moissonnage non ciblé d'images faciales (art. 5.1.e)",
        "Untargeted scraping of facial images (art. 5(1)(e))",
    )
    biometric_identification: bool | None = fact(
        "Identification biométrique de personnes", "Biometric identification of persons"
    )
    biometric_verification_only: bool | None = fact(
        "Vérification biométrique seulement (confirmer qu'une personne est celle qu'elle prétend être)",
        "Biometric verification only (confirming a person is who they claim to be)",
    )
    remote: bool | None = fact(
        "À distance, sans la participation active des personnes",
        "Remote, without the persons' active involvement",
    )
    real_time: bool | None = fact("En temps réel", "In real time")
    publicly_accessible_space: bool | None = fact(
        "Dans un espace accessible au public", "In a publicly accessible space"
    )
    law_enforcement: bool | None = fact(
        "À des fins répressives (prévention et détection d'infractions)", "For law-enforcement purposes"
    )
    biometric_categorisation: bool | None = fact("Catégorisation biométrique", "Biometric categorisation")
    infers_sensitive_attributes: bool | None = fact(
        "Déduction de la race, des opinions politiques, de l'appartenance syndicale, des convictions, de la vie ou l'orientation sexuelle",
        "Inferring race, political opinions, union membership, beliefs, sex life or orientation",
    )
    infers_protected_attributes: bool | None = fact(
        "Catégorisation selon d'autres attributs ou caractéristiques sensibles ou protégés (santé, handicap, origine ethnique…) — annexe III, 1 b",
        "Categorisation by other sensitive or protected attributes or characteristics (health, disability, ethnic origin…) — Annex III 1(b)",
    )
    emotion_recognition: bool | None = fact("Reconnaissance des émotions", "Emotion recognition")
    workplace_or_education: bool | None = fact(
        "Utilisé sur un lieu de travail ou dans un établissement d'enseignement",
        "Used at a workplace or in an education institution",
    )
    medical_or_safety_reason: bool | None = fact(
        "Pour des raisons médicales ou de sécurité (exception de l'art. 5.1.f)",
        "For medical or safety reasons (art. 5(1)(f) exception)",
    )
    interacts_with_persons: bool | None = fact(
        "Interagit directement avec des personnes (agent conversationnel)",
        "Interacts directly with persons (chatbot)",
    )
    generates_synthetic_content: bool | None = fact(
        "Génère des contenus de synthèse (texte, image, son, vidéo)", "Generates synthetic content"
    )
    deep_fake: bool | None = fact(
        "Génère ou manipule des hypertrucages", "Generates or manipulates deep fakes"
    )
    public_interest_text: bool | None = fact(
        "Génère des textes publiés pour informer le public sur des questions d'intérêt public",
        "Generates text published to inform the public on matters of public interest",
    )
    editorial_review: bool | None = fact(
        "Relecture humaine ou contrôle éditorial des textes publiés",
        "Human review or editorial control of published text",
    )
    human_oversight: str | None = opt_text("Contrôle humain prévu", "Human oversight in place")
    trained_on_own_data: bool | None = fact(
        "Entraîné ou affiné sur des données de l'organisme", "Trained or fine-tuned on the body's data"
    )
    training_data_scraped: bool | None = fact(
        "Données d'entraînement collectées par moissonnage du web", "Training data collected by web scraping"
    )
    in_service_since: dt.date | None = opt(
        "Date de mise en service (art. 111.2 de l'AI Act)", "Date put into service (AI Act art. 111(2))"
    )
    registered_eu_database: bool | None = fact(
        "Enregistré dans la base de données de l'UE (art. 49)", "Registered in the EU database (art. 49)"
    )
    provider_instructions: bool | None = fact(
        "Notice d'utilisation du fournisseur (art. 13) disponible",
        "Provider's instructions for use (art. 13) available",
    )


@attrs.frozen(kw_only=True)
class RiskJudgement(_Checked):
    """The DPO's own levels for a risk, which override the levels aipd proposes."""

    risk: str = text(
        "Identifiant du risque (ex. cnil:illegitimate_access)",
        "Risk id (e.g. cnil:illegitimate_access)",
        pattern=_SLUG,
    )
    severity: Level | None = opt("Gravité initiale retenue", "Initial severity retained")
    likelihood: Level | None = opt("Vraisemblance initiale retenue", "Initial likelihood retained")
    residual_severity: Level | None = opt("Gravité résiduelle retenue", "Residual severity retained")
    residual_likelihood: Level | None = opt(
        "Vraisemblance résiduelle retenue", "Residual likelihood retained"
    )
    justification: str | None = opt_text("Justification", "Justification")
    impacts: tuple[str, ...] = texts(
        "Impacts sur les personnes (en plus de ceux proposés)", "Impacts on persons (added)"
    )
    threats: tuple[str, ...] = texts("Menaces (en plus de celles proposées)", "Threats (added)")
    sources: tuple[str, ...] = texts(
        "Sources de risques (en plus de celles proposées)", "Risk sources (added)"
    )


@attrs.frozen(kw_only=True)
class ActionItem(_Checked):
    """An action of the plan that is not a measure of the catalogue."""

    action: str = text("Action", "Action")
    owner: str | None = opt_text("Responsable", "Owner")
    due: dt.date | None = opt("Échéance", "Due date")
    status: MeasureStatus = attrs.field(default=MeasureStatus.PLANNED, metadata=_doc("État", "Status"))


@attrs.frozen(kw_only=True)
class Validation(_Checked):
    """Part 4 of the CNIL method: opinions and the controller's decision (art. 35(2), 35(9))."""

    dpo_opinion: str | None = opt_text("Avis du DPD (art. 35.2)", "DPO's opinion (art. 35(2))")
    dpo_opinion_date: dt.date | None = opt("Date de l'avis du DPD", "Date of the DPO's opinion")
    data_subjects_views: str | None = opt_text(
        "Avis des personnes concernées ou de leurs représentants (art. 35.9)",
        "Views of data subjects or their representatives (art. 35(9))",
    )
    data_subjects_not_sought: str | None = opt_text(
        "Pourquoi l'avis des personnes n'a pas été recueilli", "Why data subjects' views were not sought"
    )
    decision: DecisionOutcome = attrs.field(
        default=DecisionOutcome.PENDING,
        metadata=_doc("Décision du responsable de traitement", "Controller's decision"),
    )
    decision_date: dt.date | None = opt("Date de la décision", "Date of the decision")
    signatory: str | None = opt_text("Signataire (nom et qualité)", "Signatory (name and capacity)")


# --- the processing operation ---------------------------------------------------------------


@attrs.frozen(kw_only=True)
class ProcessingOperation(_Checked):
    """Un traitement de données personnelles, with everything the screening and the AIPD need.

    Built in Python (``ProcessingOperation(...)``, ``attrs.evolve``), it and every object of the model
    check the types the rules read, and raise :class:`aipd.InputError` (a ``ValueError``) naming the
    class and field, the value received and what is expected: a vocabulary's text
    (``status="validated"``: write ``Status.VALIDATED``), ``0``, ``1`` or ``"oui"`` for a yes/no fact,
    a boolean or a text for a count, a text or a ``datetime`` for a date, a ``dict`` for a nested
    block. :func:`aipd.load` reads text (YAML, JSON, a mapping) into these types.
    """

    id: str = text(
        "Identifiant stable (minuscules, chiffres, tirets)",
        "Stable identifier (lower case, digits, hyphens)",
        pattern=_SLUG,
    )
    name: str = text("Nom du traitement", "Name of the processing")
    controller: Controller = attrs.field(metadata=_doc("Responsable de traitement", "Controller"))
    description: str | None = opt_text("Description générale", "General description")
    version: str = text("Version de l'analyse", "Version of the assessment", default="1")
    status: Status = attrs.field(default=Status.DRAFT, metadata=_doc("Statut", "Status"))
    created: dt.date | None = opt("Date de création (AAAA-MM-JJ)", "Date created (YYYY-MM-DD)")
    updated: dt.date | None = opt("Date de dernière mise à jour", "Date last updated")
    authors: tuple[str, ...] = texts("Rédacteurs", "Authors")
    register_ref: str | None = opt_text(
        "Référence dans le registre des traitements", "Reference in the register"
    )
    domains: tuple[Domain, ...] = many(
        "Domaines du traitement (servent à reconnaître les types des listes de la CNIL)",
        "Fields of the processing (used to recognise the types on the CNIL lists)",
    )
    joint_controllers: tuple[JointController, ...] = many("Responsables conjoints", "Joint controllers")
    processors: tuple[Processor, ...] = many("Sous-traitants", "Processors")
    purposes: tuple[Purpose, ...] = many("Finalités et bases légales", "Purposes and legal bases")
    legal: LegalFramework = nested(LegalFramework, "Cadre juridique", "Legal framework")
    data: tuple[DataCategory, ...] = many("Catégories de données", "Data categories")
    data_subjects: tuple[SubjectCategory, ...] = many("Personnes concernées", "Data subjects")
    scale: Scale = nested(Scale, "Échelle", "Scale")
    recipients: tuple[Recipient, ...] = many("Destinataires", "Recipients")
    transfers: tuple[Transfer, ...] = many(
        "Transferts hors de l'Union européenne", "Transfers outside the EU"
    )
    assets: tuple[SupportingAsset, ...] = many("Supports des données", "Supporting assets")
    measures: tuple[Measure, ...] = many("Mesures existantes ou prévues", "Existing or planned measures")
    monitoring: Monitoring = nested(Monitoring, "Surveillance", "Monitoring")
    evaluation: Evaluation = nested(
        Evaluation, "Évaluation, notation, profilage", "Evaluation, scoring, profiling"
    )
    decisions: Decisions = nested(Decisions, "Décisions", "Decisions")
    matching: Matching = nested(Matching, "Croisement de données", "Matching datasets")
    technology: Technology = nested(Technology, "Technologie", "Technology")
    ai_system: AISystem | None = opt("Système d'intelligence artificielle", "AI system")
    risk_judgements: tuple[RiskJudgement, ...] = many(
        "Niveaux de risque retenus par le DPD (remplacent les niveaux proposés ; un seul jugement par risque)",
        "Risk levels retained by the DPO (override the proposed levels; one judgement per risk)",
    )
    actions: tuple[ActionItem, ...] = many("Autres actions du plan d'action", "Other actions of the plan")
    validation: Validation = nested(Validation, "Validation", "Validation")

    # Derived facts used by several rules; kept here so every rule reads them the same way.

    @property
    def data_kinds(self) -> frozenset[DataKind]:
        """The kinds of data processed."""
        return frozenset(d.kind for d in self.data)

    @property
    def special_categories(self) -> tuple[DataKind, ...]:
        """The GDPR art. 9(1) categories processed, in declaration order."""
        return tuple(d.kind for d in self.data if d.kind.is_special_category)

    @property
    def persons(self) -> int | None:
        """Number of persons: the scale's figure, else the sum over known categories."""
        if self.scale.persons is not None:
            return self.scale.persons
        counts = [s.count for s in self.data_subjects]
        if counts and all(c is not None for c in counts):
            return sum(c for c in counts if c is not None)
        return None

    @property
    def reference_date(self) -> dt.date | None:
        """The date the document speaks at: last updated, else created."""
        return self.updated or self.created

    @property
    def regime_in_doubt(self) -> bool:
        """True when ``legal.regime`` is not stated and a field of the processing may fall under
        Title III (police municipale, vidéoprotection): the GDPR cannot then be assumed."""
        return self.legal.regime is None and not TITLE_III_FIELDS.isdisjoint(self.domains)

    def counted_status(self, measure: Measure) -> MeasureStatus:
        """The status the analysis counts for ``measure``: the declared one, except that a
        measure said to be in place with a due date after :attr:`reference_date`, or with a due
        date and no document date to compare it with, counts as planned. ``status`` defaults to
        « En place », so a DPO who gave only a due date to come would otherwise see the measure
        lower the initial risk and leave the action plan. Counting it as planned can only raise
        a level; the document says why.
        """
        if measure.status is MeasureStatus.IMPLEMENTED and measure.due is not None:
            reference = self.reference_date
            if reference is None or measure.due > reference:
                return MeasureStatus.PLANNED
        return measure.status

    def in_place_later(self, measure: Measure) -> bool:
        """True when ``measure`` is declared in place but counted as planned (see :meth:`counted_status`)."""
        return measure.status is not self.counted_status(measure)

    # IPython display protocol; the presentation code lives in aipd.display.

    def _repr_html_(self) -> str:
        from aipd.display import operation_html

        return operation_html(self)

    def _repr_markdown_(self) -> str:
        from aipd.display import operation_markdown

        return operation_markdown(self)


for _cls in (
    DpoContact,
    Controller,
    JointController,
    Processor,
    Purpose,
    Retention,
    DataCategory,
    SubjectCategory,
    Scale,
    Recipient,
    Transfer,
    SupportingAsset,
    Measure,
    Monitoring,
    Evaluation,
    Decisions,
    Matching,
    Technology,
    LegalFramework,
    AISystem,
    RiskJudgement,
    ActionItem,
    Validation,
    ProcessingOperation,
):
    _install_check(_cls)


@functools.lru_cache(maxsize=4096)
def path_label(path: str) -> Text | None:
    """The documented label of a model path (``scale.persons`` → « Nombre de personnes concernées »,
    ``assets[0].hosting`` → « Supports des données › Hébergement »), or None when the model does not know it.

    Screening, risks and triage name missing facts by path; the document, the action plan and the
    triage say what to fill in. One lookup for all of them, here, next to the fields it reads.
    """
    cls: type | None = ProcessingOperation
    labels: list[Text] = []
    for part in path.split("."):
        name = part.split("[", 1)[0]
        fields = attrs.fields_dict(cls) if cls is not None else {}
        if name not in fields:
            return None
        doc = fields[name].metadata.get("doc")
        if isinstance(doc, Text):
            labels.append(doc)
        cls = _attrs_class_in(type_hints(cls).get(name))
    if not labels:
        return None
    return Text(" › ".join(x.fr for x in labels), " › ".join(x.en for x in labels))


def _attrs_class_in(hint: Any) -> type | None:
    """The attrs class inside a type hint such as ``X | None`` or ``tuple[X, ...]``."""
    if isinstance(hint, type) and attrs.has(hint):
        return hint
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType, tuple, list):
        for arg in typing.get_args(hint):
            found = _attrs_class_in(arg)
            if found is not None:
                return found
    return None

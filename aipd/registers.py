"""Reading a register of processing activities (GDPR art. 30) row by row.

A collectivité's register comes as a spreadsheet: the CNIL's model, a flat
export of a register tool, a table kept by a shared DPO service. This module
turns each row into the plain mapping :func:`aipd.load` reads, so the strict
loader checks it like any operation file. It never guesses a fact the register
does not hold: an unknown stays ``None`` and the triage says it is missing.

- Formats: CSV (``;``, ``,`` or tab, sniffed; UTF-8 with or without BOM, else
  Windows-1252 with a note), XLSX and ODS (``python-calamine``, optional extra
  ``registers``), YAML (a list of rows or of operations).
- Columns are matched by header name, accents, case, spacing, punctuation and
  plural ``s`` tolerated (:data:`HEADERS`); a header that is a model path
  (``scale.persons``) or the model's own French label of a fact is recognised
  too. A mapping file (:func:`load_mapping`, docs/registers.md) names other
  headers, translates values and sets defaults.
- Rows stream: nothing is kept once a row is handed on. A cell that cannot be
  read makes its row fail with the reason; the other rows go on.
- The CNIL model's layout, one « fiche de registre » per sheet with labelled
  fields instead of columns, is read too (:func:`_fiche_rows`): recognised
  automatically or forced with ``layout: fiches`` in the mapping file. Each
  fiche becomes one record that goes through the same row pipeline as a table
  row; sheets are read one at a time.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import functools
import io
import itertools
import os
import re
import typing
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, Literal

import attrs

from aipd import model
from aipd.errors import InputError, Problem
from aipd.i18n import Text, t
from aipd.io import Loaded, load_each, read_yaml
from aipd.vocabulary import (
    DataKind,
    Domain,
    LegalBasis,
    OrganisationKind,
    SubjectKind,
    Vocabulary,
    Vulnerability,
)

__all__ = [
    "HEADERS",
    "DomainHint",
    "Register",
    "RegisterMapping",
    "RegisterRow",
    "domain_hints",
    "load_mapping",
    "normalise_header",
    "open_register",
]

RegisterFormat = Literal["csv", "xlsx", "ods", "yaml"]
#: How a workbook is laid out: one row per activity, or one sheet (« fiche ») per activity.
Layout = Literal["auto", "table", "fiches"]
_LAYOUTS: tuple[Layout, ...] = ("auto", "table", "fiches")
_FORMATS: dict[str, RegisterFormat] = {
    ".csv": "csv",
    ".txt": "csv",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".ods": "ods",
    ".yaml": "yaml",
    ".yml": "yaml",
}

#: What a missing optional library is called in the French error (and the extra that brings it).
INSTALL_HINT = "pip install 'aipd[registers]'"


# --- header names ----------------------------------------------------------------------------

# Words that carry no meaning in a header: « Catégories de données » = « Catégorie des données ».
_STOPWORDS = frozenset(
    {"de", "des", "du", "la", "le", "les", "l", "d", "a", "au", "aux", "et", "en", "of", "the"}
)


def normalise_header(label: str) -> str:
    """The comparison key of a header: no accents, lower case, words only, no plural ``s``, no stopwords."""
    if label.isascii():  # nothing to decompose: the same key, without a pass over every character
        text = label.lower()
    else:
        # the combining marks dropped by a filter run in C (a third fewer instructions than a generator)
        text = unicodedata.normalize("NFKD", label)
        text = "".join(itertools.filterfalse(unicodedata.combining, text)).lower()
    text = text.replace("(s)", "").replace("(e)", "").replace("n°", "numero ").replace("œ", "oe")
    words = re.findall(r"[a-z0-9]+", text)
    kept = [w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words if w not in _STOPWORDS]
    return " ".join(kept)


#: Our field → the header names recognised for it (the CNIL model's labels and common variants).
#: A field is a model path (``scale.persons``) or one of the register notions read specially:
#: ``purpose``, ``sub_purposes``, ``legal_basis``, ``data``, ``sensitive_data``, ``retention``,
#: ``data_subjects``, ``recipients``, ``processors``, ``joint_controllers``, ``transfers``,
#: ``security``, ``dpo``, ``ai_system``.
HEADERS: dict[str, tuple[str, ...]] = {
    "id": ("Identifiant", "id"),
    "register_ref": (
        "Référence",
        "N° de référence",
        "Numéro de référence",
        "Référence du traitement",
        "Référence de la fiche",
        "N°",
        "Numéro",
        "Réf.",
    ),
    "name": (
        "Nom du traitement",
        "Traitement",
        "Activité de traitement",
        "Nom de l'activité de traitement",
        "Nom / sigle",
        "Nom ou sigle",
        "Intitulé",
        "Intitulé du traitement",
        "Activité",
        "Nom",
    ),
    "description": ("Description", "Description du traitement"),
    "created": ("Date de création", "Créé le", "Date de création de la fiche"),
    "updated": ("Date de dernière mise à jour", "Dernière mise à jour", "Mise à jour", "Date de mise à jour"),
    "controller.name": (
        "Responsable du traitement",
        "Responsable de traitement",
        "Organisme",
        "Nom de l'organisme",
        "Collectivité",
    ),
    "controller.kind": ("Nature de l'organisme", "Type d'organisme", "Type de collectivité"),
    "controller.siren": ("SIREN", "Numéro SIREN"),
    "dpo": ("Délégué à la protection des données", "DPO", "DPD", "Délégué"),
    "purpose": (
        "Finalité",
        "Finalité principale",
        "Finalité(s)",
        "Finalité(s) du traitement",
        "Finalités du traitement",
        "Objectif",
    ),
    "sub_purposes": ("Sous-finalités", "Sous-finalité", "Finalités secondaires"),
    "legal_basis": (
        "Base légale",
        "Base juridique",
        "Fondement juridique",
        "Base de licéité",
        "Licéité",
        "Fondement",
    ),
    "data": (
        "Catégories de données",
        "Catégories de données personnelles",
        "Catégories de données personnelles concernées",
        "Données personnelles",
        "Données traitées",
        "Données collectées",
    ),
    "sensitive_data": (
        "Données sensibles",
        "Données sensibles traitées",
        "Catégories de données sensibles",
        "Catégories particulières de données",
        "Données particulières",
    ),
    "retention": (
        "Durée de conservation",
        "Durées de conservation",
        "Délai de conservation",
        "Durée de conservation des données",
    ),
    "data_subjects": (
        "Catégories de personnes concernées",
        "Personnes concernées",
        "Catégories de personnes",
    ),
    "recipients": (
        "Destinataires",
        "Catégories de destinataires",
        "Destinataires des données",
        "Destinataires internes et externes",
    ),
    "processors": ("Sous-traitants", "Sous-traitant", "Prestataires"),
    "joint_controllers": ("Responsables conjoints", "Responsable conjoint", "Co-responsables"),
    "transfers": (
        "Transferts hors UE",
        "Transferts de données hors UE",
        "Transferts hors de l'Union européenne",
        "Transferts",
    ),
    "security": ("Mesures de sécurité", "Mesures de sécurité techniques et organisationnelles", "Sécurité"),
    "domains": ("Domaine", "Domaines", "Domaine d'activité", "Type de traitement"),
    "scale.persons": ("Nombre de personnes concernées", "Nombre de personnes", "Volume de personnes"),
    "ai_system": ("Système d'IA", "Système d'intelligence artificielle", "Intelligence artificielle", "IA"),
}

_SPECIAL_FIELDS = frozenset(
    {
        "purpose",
        "sub_purposes",
        "legal_basis",
        "data",
        "sensitive_data",
        "retention",
        "data_subjects",
        "recipients",
        "processors",
        "joint_controllers",
        "transfers",
        "security",
        "dpo",
        "ai_system",
        "domains",
    }
)


# --- model paths a column may fill directly ---------------------------------------------------

_LeafKind = Literal["str", "int", "bool", "date", "enum", "enums", "strs"]


@attrs.frozen
class _Leaf:
    path: str
    kind: _LeafKind
    enum: type[Vocabulary] | None
    label: str


# Nested objects that exist once per operation: their scalar facts can be columns.
_SINGLE = {
    "": model.ProcessingOperation,
    "controller": model.Controller,
    "scale": model.Scale,
    "monitoring": model.Monitoring,
    "evaluation": model.Evaluation,
    "decisions": model.Decisions,
    "matching": model.Matching,
    "technology": model.Technology,
    "legal": model.LegalFramework,
    "ai_system": model.AISystem,
    "validation": model.Validation,
}


def _leaf_kind(hint: Any) -> tuple[_LeafKind, type[Vocabulary] | None] | None:
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    if typing.get_origin(hint) in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        hint = args[0] if len(args) == 1 else hint
    if typing.get_origin(hint) is tuple:
        inner = typing.get_args(hint)[0]
        if isinstance(inner, type) and issubclass(inner, Vocabulary):
            return "enums", inner
        if inner is str:
            return "strs", None
        return None
    if hint is bool:
        return "bool", None
    if hint is int:
        return "int", None
    if hint is str:
        return "str", None
    if hint is dt.date:
        return "date", None
    if isinstance(hint, type) and issubclass(hint, Vocabulary):
        return "enum", hint
    return None


@functools.cache
def _leaves() -> dict[str, _Leaf]:
    """Every scalar fact of the once-per-operation objects, by model path."""
    out: dict[str, _Leaf] = {}
    for prefix, cls in _SINGLE.items():
        hints = typing.get_type_hints(cls)
        for a in attrs.fields(cls):
            kind = _leaf_kind(hints[a.name])
            if kind is None:
                continue
            path = f"{prefix}.{a.name}" if prefix else a.name
            doc = a.metadata.get("doc")
            out[path] = _Leaf(path, kind[0], kind[1], doc.fr if isinstance(doc, Text) else path)
    return out


@functools.cache
def _header_index() -> dict[str, str]:
    """Normalised header → field: our aliases, model paths, and the model's unique French labels."""
    index: dict[str, str] = {}
    labels: dict[str, list[str]] = {}
    for leaf in _leaves().values():
        labels.setdefault(normalise_header(leaf.label), []).append(leaf.path)
    for key, paths in labels.items():
        if len(paths) == 1 and key:
            index[key] = paths[0]
    for path in _leaves():
        index[normalise_header(path)] = path
        index[path.lower()] = path
    for field, names in HEADERS.items():
        for name in names:
            index[normalise_header(name)] = field
    return index


# --- the mapping file ------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class RegisterMapping:
    """How to read a register whose headers or values are not the CNIL model's.

    ``columns``: our field → the header label in the register. ``values``: our
    field → {their value: our value}. ``defaults``: our field → value for every
    row where the cell is empty or absent (``controller.kind: commune``).
    ``sheet`` and ``header_row`` (1-based) pick the table in a spreadsheet;
    ``separator`` splits a cell holding several values (default: new line, ``;``
    and ``•``). ``layout`` says how a workbook is laid out: ``table`` (one row
    per activity), ``fiches`` (the CNIL model: one sheet per activity, labelled
    fields; ``columns`` then names labels), ``auto`` (the default: fiches when
    the sheets after the first are fiches, see :func:`_looks_like_fiche`).
    """

    columns: Mapping[str, str] = attrs.field(factory=dict)
    values: Mapping[str, Mapping[str, str]] = attrs.field(factory=dict)
    defaults: Mapping[str, Any] = attrs.field(factory=dict)
    sheet: str | None = None
    header_row: int | None = None
    separator: str | None = None
    layout: Layout = "auto"


def _known_field(field: str) -> bool:
    return field in HEADERS or field in _leaves()


def load_mapping(source: str | os.PathLike[str] | Mapping[str, Any]) -> RegisterMapping:
    """Read a mapping file (YAML) or mapping; unknown keys or fields are refused, all at once."""
    where = None
    if isinstance(source, Mapping):
        data: Any = source
    else:
        where = str(source)
        # the operation file's checks (encoding, duplicate keys, tags…); `yes`, `Oui` stay text
        data = read_yaml(source)
    problems: list[Problem] = []

    def bad(path: str, fr: str, en: str) -> None:
        problems.append(Problem(path, t(fr, en), source=where))

    if not isinstance(data, Mapping):
        bad("$", "un bloc columns/values/defaults est attendu", "a columns/values/defaults block is expected")
        raise InputError(problems)
    allowed = {"columns", "values", "defaults", "sheet", "header_row", "separator", "layout"}
    for key in data:
        if key not in allowed:
            bad(
                f"$.{key}",
                f"clé inconnue « {key} » (admises : {', '.join(sorted(allowed))})",
                f"unknown key '{key}' (allowed: {', '.join(sorted(allowed))})",
            )
    columns = data.get("columns") or {}
    values = data.get("values") or {}
    defaults = data.get("defaults") or {}
    for name, block in (("columns", columns), ("values", values), ("defaults", defaults)):
        if not isinstance(block, Mapping):
            bad(f"$.{name}", "un bloc « champ: valeur » est attendu", "a 'field: value' block is expected")
            continue
        for field in block:
            if not isinstance(field, str) or not _known_field(field):
                bad(
                    f"$.{name}.{field}",
                    f"champ inconnu « {field} » (voir docs/registers.md)",
                    f"unknown field '{field}' (see docs/registers.md)",
                )
    if isinstance(columns, Mapping):
        for field, header in columns.items():
            if not isinstance(header, str):
                bad(
                    f"$.columns.{field}",
                    "un intitulé de colonne (texte) est attendu",
                    "a column header (text) is expected",
                )
    if isinstance(values, Mapping):
        for field, table in values.items():
            if not isinstance(table, Mapping):
                bad(
                    f"$.values.{field}",
                    "un bloc « leur valeur: notre valeur » est attendu",
                    "a 'their value: our value' block is expected",
                )
    header_row = data.get("header_row")
    if header_row is not None and (
        not isinstance(header_row, int) or isinstance(header_row, bool) or header_row < 1
    ):
        bad(
            "$.header_row",
            "un numéro de ligne (1 ou plus) est attendu",
            "a row number (1 or more) is expected",
        )
    for key in ("sheet", "separator"):
        if data.get(key) is not None and not isinstance(data.get(key), str):
            bad(f"$.{key}", "un texte est attendu", "a text is expected")
    layout = data.get("layout") or "auto"
    if layout not in _LAYOUTS:
        bad(
            "$.layout",
            f"mise en page inconnue « {layout} » (admises : {', '.join(_LAYOUTS)})",
            f"unknown layout '{layout}' (allowed: {', '.join(_LAYOUTS)})",
        )
    elif layout == "fiches":
        for key in ("sheet", "header_row"):
            if data.get(key) is not None:
                bad(
                    f"$.{key}",
                    f"« {key} » désigne un tableau : sans objet avec « layout: fiches »",
                    f"'{key}' points at a table: it does not apply with 'layout: fiches'",
                )
    if problems:
        raise InputError(problems)
    return RegisterMapping(
        columns={str(k): str(v) for k, v in columns.items()},
        values={str(k): {str(a): str(b) for a, b in v.items()} for k, v in values.items()},
        defaults=dict(defaults),
        sheet=data.get("sheet"),
        header_row=header_row,
        separator=data.get("separator"),
        layout=typing.cast(Layout, layout),
    )


# --- rows ------------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class RegisterRow:
    """One row of a register, ready for :func:`aipd.load`, or the reasons it cannot be.

    ``number`` is the row's number as the DPO sees it (spreadsheet row, CSV
    line of the record's start, YAML line). ``data`` is the operation as a plain
    mapping, or already loaded for a YAML register (whose items the strict loader reads with
    their lines); ``problems`` the cells or fields that could not be read (the row then fails);
    ``notes`` what was read with a caveat; ``assumed`` the model paths filled by
    a default rather than read (reported as facts to confirm); ``partial`` the model paths
    the register gives only in part (« Identité ; à préciser »): what was read is kept, and
    :func:`aipd.triage.triage` settles no verdict short of « AIPD requise » on it.
    """

    number: int
    source: str | None
    data: Mapping[str, Any] | model.ProcessingOperation
    problems: tuple[Problem, ...] = ()
    notes: tuple[Text, ...] = ()
    assumed: tuple[str, ...] = ()
    partial: tuple[str, ...] = ()


def _problem(row: int, source: str | None, header: str, message: Text) -> Problem:
    """What is wrong with a cell, at its row and under its column's header."""
    return Problem(path=f"« {header} »", message=message, source=source, line=row)


_EMPTY = frozenset({"", "-", "–", "—", "n/a", "na", "nc"})
# Compared with a cell's key (normalise_header: no accents, no plural s, no stopwords), so built
# the same way: « à préciser » is « preciser », « sans objet » « san objet », and « ? » (a cell of
# punctuation only) the empty key.
_UNKNOWN = frozenset(
    normalise_header(w)
    for w in (
        "?",
        "inconnu",
        "inconnue",
        "nsp",
        "ne sait pas",
        "à vérifier",
        "à préciser",
        "à compléter",
        "à définir",
        "à déterminer",
        "nc",
        "unknown",
    )
)
# « Non renseigné », « Non communiqué »: the value is not given, which is not « Non » (prefixes of the
# second word, compared as _key writes it: no accents, feminine and plural forms alike).
_UNSTATED = ("renseign", "communiqu", "connu", "precis", "determin", "defini", "indiqu", "disponib", "verifi")


@functools.lru_cache(maxsize=4096)
def _is_unknown(text: str) -> bool:
    """A cell or list item that says the value is not known: « ? », « à préciser », « NC »,
    « Non renseigné », « voir fiche » (given elsewhere, not here). Cached per value."""
    key = _key(text)
    if key in _UNKNOWN:
        return True
    words = key.split()
    if len(words) == 2 and words[0] == "non" and words[1].startswith(_UNSTATED):
        return True
    return _refers_elsewhere(key)


def _refers_elsewhere(text: str) -> bool:
    """« voir fiche », « cf. annexe »: the value is given elsewhere. In a list, words after it may
    still name a category (« Voir fiche : données de santé »): the lists try those first."""
    words = _key(text).split()
    return words[0] in ("voir", "cf") if words else False


def _named(item: str, find: Callable[[str], list[Any]]) -> list[Any] | None:
    """What a list item names by ``find``, or ``None`` when it says the value is not given here
    (« ? », « à préciser »; « voir fiche » only when it names nothing: « Voir fiche : santé » does)."""
    if _is_unknown(item) and not _refers_elsewhere(item):
        return None
    found = find(item)
    return None if not found and _refers_elsewhere(item) else found


_NONE_WORDS = frozenset(
    normalise_header(w) for w in ("non", "aucun", "aucune", "néant", "sans", "sans objet", "no", "none")
)
#: The spaces a SIREN is written with (« 213 100 000 », thin and no-break spaces included), and its digits.
_CODE_SPACES = re.compile(r"[ \u00a0\u202f\u2009]")
_SIREN_DIGITS = re.compile(r"[0-9]{9}")

_TRUE = frozenset({"oui", "o", "vrai", "x", "1", "yes", "y", "true"})
_FALSE = frozenset({"non", "n", "faux", "0", "no", "false"})


def _plain(value: Any) -> str:
    """A cell as text: whole floats without ``.0``, dates ISO, the rest as written."""
    if type(value) is str:  # most cells: said first
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


@functools.lru_cache(maxsize=4096)
def _key(value: str) -> str:
    """:func:`normalise_header` cached: a register repeats the same few values (bounded cache)."""
    return normalise_header(value)


_NOT_DIGIT = re.compile(r"[^0-9]")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def _count(text: str) -> int | None:
    """A whole number written as :data:`_INT` allows, at most 15 digits, or ``None``."""
    m = _INT.match(text.strip())
    if m is None:
        return None
    digits = _NOT_DIGIT.sub("", m["n"])
    return int(digits) if len(digits) <= 15 else None


def _ambiguous_count(text: str) -> bool:
    """« 12,000 »: twelve thousand with an English thousands separator, or twelve with a French
    decimal comma. Neither reading may be chosen for the DPO (:data:`_COMMA_GROUPS`)."""
    return _COMMA_GROUPS.match(text.strip()) is not None


def _is_empty(text: str) -> bool:
    return text.strip().lower() in _EMPTY


_DATE_FR = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_DATE_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T].*)?$")
# What a count may be followed by: the persons it counts.
_PERSONS = r"(?:\s*(?:personnes?|habitants?|individus?|agents?|usagers?))?$"
# A count as registers write it: « 12000 », « 12 000 » (a space, non-breaking, thin U+2009 or narrow
# U+202F), « 12.000 » (the French thousands point) or « 12'000 » (groups of three only: « 1.5 » is
# not fifteen), « 12000.0 » or « 12000,00 » (an export of a whole number: decimals that are zeros,
# never three of them after a comma, see _COMMA_GROUPS), followed or not by the persons it counts.
_INT = re.compile(
    r"^(?P<n>[0-9]{1,3}(?:[ \u00a0\u2009\u202f.'][0-9]{3})+|[0-9]+)(?:\.0+|,(?!0{3}\b)0+)?" + _PERSONS
)
# « 12,000 », « 100,000 », « 1,500,000 »: a comma before groups of three digits is the English
# thousands separator or the French decimal comma. The row is unreadable, never read as the smaller
# number (« 12,000 » was read as 12, and a large-scale processing as a small one).
_COMMA_GROUPS = re.compile(r"^[0-9]{1,3}(?:,[0-9]{3})+" + _PERSONS)

# Words that recognise a data category, person category or legal basis in a register's own wording,
# compared with a value's key (:func:`_key`: no accents, no plural s, no small words), as whole words
# or as the key's start. A word must not name an ordinary category inside a sensitive wording.
_DATA_WORDS: tuple[tuple[str, DataKind], ...] = (
    ("etat civil", DataKind.IDENTITY),
    ("identite", DataKind.IDENTITY),
    ("identification", DataKind.IDENTITY),
    ("coordonnee", DataKind.IDENTITY),  # « Coordonnées GPS » are location data: see _REWRITES
    ("prenom", DataKind.IDENTITY),
    ("adresse", DataKind.IDENTITY),  # « Adresse IP » is connection data: see _REWRITES
    ("telephone", DataKind.IDENTITY),
    ("courriel", DataKind.IDENTITY),
    ("email", DataKind.IDENTITY),
    ("date naissance", DataKind.IDENTITY),
    ("lieu naissance", DataKind.IDENTITY),
    ("signature", DataKind.IDENTITY),
    ("immatriculation", DataKind.IDENTITY),
    ("vie personnelle", DataKind.PERSONAL_LIFE),
    ("habitude", DataKind.PERSONAL_LIFE),
    ("situation familiale", DataKind.PERSONAL_LIFE),
    ("loisir", DataKind.PERSONAL_LIFE),
    ("vie professionnelle", DataKind.PROFESSIONAL_LIFE),
    ("cv", DataKind.PROFESSIONAL_LIFE),
    ("carriere", DataKind.PROFESSIONAL_LIFE),
    ("diplome", DataKind.PROFESSIONAL_LIFE),
    ("formation", DataKind.PROFESSIONAL_LIFE),
    ("emploi", DataKind.PROFESSIONAL_LIFE),
    ("metier", DataKind.PROFESSIONAL_LIFE),
    ("grade", DataKind.PROFESSIONAL_LIFE),
    ("economique", DataKind.FINANCIAL),
    ("financier", DataKind.FINANCIAL),
    ("bancaire", DataKind.FINANCIAL),
    ("revenu", DataKind.FINANCIAL),
    ("salaire", DataKind.FINANCIAL),
    ("remuneration", DataKind.FINANCIAL),
    ("paie", DataKind.FINANCIAL),
    ("rib", DataKind.FINANCIAL),
    ("iban", DataKind.FINANCIAL),
    ("paiement", DataKind.FINANCIAL),
    ("facture", DataKind.FINANCIAL),
    ("facturation", DataKind.FINANCIAL),
    ("impot", DataKind.FINANCIAL),
    ("fiscal", DataKind.FINANCIAL),
    ("fiscale", DataKind.FINANCIAL),
    ("quotient familial", DataKind.FINANCIAL),
    ("connexion", DataKind.CONNECTION),
    ("ip", DataKind.CONNECTION),
    ("geolocalisation", DataKind.LOCATION),
    ("localisation", DataKind.LOCATION),
    ("gps", DataKind.LOCATION),
    ("internet", DataKind.INTERNET),
    ("cookie", DataKind.INTERNET),
    ("communication electronique", DataKind.COMMUNICATIONS),
    ("image", DataKind.IMAGE),
    ("photo", DataKind.IMAGE),
    ("video", DataKind.IMAGE),
    ("voix", DataKind.VOICE),
    ("situation sociale", DataKind.SOCIAL_SITUATION),
    ("aide sociale", DataKind.SOCIAL_SITUATION),
    ("consommation", DataKind.CONSUMPTION),
    ("nir", DataKind.NIR),
    ("securite sociale", DataKind.NIR),
    ("numero insee", DataKind.NIR),  # not « code INSEE », a commune's
    ("numero ss", DataKind.NIR),  # « N° SS »
    ("numero secu", DataKind.NIR),
    ("nss", DataKind.NIR),
    ("carte vitale", DataKind.NIR),
    ("infraction", DataKind.OFFENCES),
    ("condamnation", DataKind.OFFENCES),
    ("judiciaire", DataKind.OFFENCES),
    ("penale", DataKind.OFFENCES),
    ("contravention", DataKind.OFFENCES),
    ("delit", DataKind.OFFENCES),
    ("amende", DataKind.OFFENCES),
    ("verbalisation", DataKind.OFFENCES),
    ("proce verbal", DataKind.OFFENCES),  # « procès-verbal »
    ("proce verbaux", DataKind.OFFENCES),
    ("sante", DataKind.HEALTH),
    ("medical", DataKind.HEALTH),
    ("medicale", DataKind.HEALTH),
    ("medicaux", DataKind.HEALTH),
    ("handicap", DataKind.HEALTH),
    ("maladie", DataKind.HEALTH),  # « Arrêts maladie »
    ("pathologie", DataKind.HEALTH),
    ("allergie", DataKind.HEALTH),
    ("medicament", DataKind.HEALTH),
    ("medicamenteux", DataKind.HEALTH),
    ("rqth", DataKind.HEALTH),  # reconnaissance de la qualité de travailleur handicapé
    ("invalidite", DataKind.HEALTH),
    ("psychologique", DataKind.HEALTH),
    ("psychiatrique", DataKind.HEALTH),
    ("grossesse", DataKind.HEALTH),
    ("vaccination", DataKind.HEALTH),
    ("accident travail", DataKind.HEALTH),
    ("genetique", DataKind.GENETIC),
    ("biometrique", DataKind.BIOMETRIC),
    ("biometrie", DataKind.BIOMETRIC),
    ("empreinte", DataKind.BIOMETRIC),
    ("reconnaissance faciale", DataKind.BIOMETRIC),
    ("racial", DataKind.RACIAL_ETHNIC_ORIGIN),
    ("raciale", DataKind.RACIAL_ETHNIC_ORIGIN),
    ("ethnique", DataKind.RACIAL_ETHNIC_ORIGIN),
    ("opinion politique", DataKind.POLITICAL_OPINIONS),
    ("politique", DataKind.POLITICAL_OPINIONS),
    ("religieu", DataKind.RELIGIOUS_BELIEFS),
    ("religieuse", DataKind.RELIGIOUS_BELIEFS),
    ("religion", DataKind.RELIGIOUS_BELIEFS),
    ("conviction", DataKind.RELIGIOUS_BELIEFS),
    ("philosophique", DataKind.RELIGIOUS_BELIEFS),
    ("syndical", DataKind.TRADE_UNION),
    ("syndicale", DataKind.TRADE_UNION),
    ("sexuel", DataKind.SEX_LIFE_ORIENTATION),
    ("sexuelle", DataKind.SEX_LIFE_ORIENTATION),
)
_SUBJECT_WORDS: tuple[tuple[str, SubjectKind], ...] = (
    ("demandeur asile", SubjectKind.ASYLUM_SEEKERS),
    ("majeur protege", SubjectKind.PROTECTED_ADULTS),
    ("tutelle", SubjectKind.PROTECTED_ADULTS),
    ("curatelle", SubjectKind.PROTECTED_ADULTS),
    ("personne agee", SubjectKind.ELDERLY),
    ("senior", SubjectKind.ELDERLY),
    ("candidat", SubjectKind.CANDIDATES),
    ("agent", SubjectKind.AGENTS),
    ("salarie", SubjectKind.AGENTS),
    ("employe", SubjectKind.AGENTS),
    ("personnel", SubjectKind.AGENTS),
    ("service interne", SubjectKind.AGENTS),
    ("elu", SubjectKind.ELECTED),
    ("beneficiaire", SubjectKind.BENEFICIARIES),
    ("patient", SubjectKind.PATIENTS),
    ("resident", SubjectKind.PATIENTS),
    ("enfant", SubjectKind.CHILDREN),
    ("eleve", SubjectKind.CHILDREN),
    ("mineur", SubjectKind.CHILDREN),
    ("parent", SubjectKind.PARENTS),
    ("famille", SubjectKind.PARENTS),
    ("habitant", SubjectKind.RESIDENTS),
    ("administre", SubjectKind.RESIDENTS),
    ("citoyen", SubjectKind.RESIDENTS),
    ("usager", SubjectKind.USERS),
    ("client", SubjectKind.USERS),
    ("fournisseur", SubjectKind.SUPPLIERS),
    ("prestataire", SubjectKind.SUPPLIERS),
    ("public", SubjectKind.GENERAL_PUBLIC),
    ("visiteur", SubjectKind.GENERAL_PUBLIC),
    ("passant", SubjectKind.GENERAL_PUBLIC),
)
#: Common names of a kind of body that are not its label (« Mairie », « Communauté de communes »).
_KIND_WORDS: tuple[tuple[str, OrganisationKind], ...] = (
    ("mairie", OrganisationKind.COMMUNE),
    ("ville", OrganisationKind.COMMUNE),
    ("communaute commune", OrganisationKind.EPCI),
    ("communaute agglomeration", OrganisationKind.EPCI),
    ("communaute urbaine", OrganisationKind.EPCI),
    ("metropole", OrganisationKind.EPCI),
    ("intercommunalite", OrganisationKind.EPCI),
    ("conseil departemental", OrganisationKind.DEPARTEMENT),
    ("conseil regional", OrganisationKind.REGION),
    ("centre communal action sociale", OrganisationKind.CCAS),
    ("centre intercommunal action sociale", OrganisationKind.CCAS),
    ("syndicat", OrganisationKind.SYNDICAT),
    ("commune", OrganisationKind.COMMUNE),  # last: « Communauté de communes » is an EPCI
)
_ENUM_WORDS: dict[type[Vocabulary], tuple[tuple[str, Any], ...]] = {OrganisationKind: _KIND_WORDS}
#: Common wordings of a domain that are not its label (« Vidéosurveillance », « Lutte anti-fraude »).
#: Only domains that are no exempt type of the CNIL list (délibération 2019-118, nor an accessory
#: of one): a word that read « Contrôle du personnel » as staff management would open an exemption.
_DOMAIN_WORDS: tuple[tuple[str, Domain], ...] = (
    ("videosurveillance", Domain.VIDEO_PROTECTION),
    ("videoprotection", Domain.VIDEO_PROTECTION),
    ("video surveillance", Domain.VIDEO_PROTECTION),
    ("video protection", Domain.VIDEO_PROTECTION),
    ("camera", Domain.VIDEO_PROTECTION),
    ("fraude", Domain.FRAUD_DETECTION),
    ("police municipale", Domain.MUNICIPAL_POLICE),
    ("lanceur alerte", Domain.PROFESSIONAL_ALERTS),
    ("alerte professionnelle", Domain.PROFESSIONAL_ALERTS),
    ("information preoccupante", Domain.SOCIAL_HEALTH_ALERTS),
    ("enfance danger", Domain.SOCIAL_HEALTH_ALERTS),
    ("logement social", Domain.SOCIAL_HOUSING),
    ("logement sociaux", Domain.SOCIAL_HOUSING),
    ("accompagnement social", Domain.SOCIAL_SUPPORT),
    ("accompagnement medico social", Domain.SOCIAL_SUPPORT),
    ("aide sociale", Domain.SOCIAL_AID),
    ("ehpad", Domain.MEDICO_SOCIAL_CARE),
    ("recrutement", Domain.RECRUITMENT),
    ("stationnement", Domain.TRAFFIC_MOBILITY),
    ("urbanisme", Domain.URBAN_PLANNING),
    ("permis construire", Domain.URBAN_PLANNING),
    ("dechet", Domain.ENVIRONMENT_ENERGY),
    ("statistique", Domain.STATISTICS),
)

#: Words that say why persons are vulnerable (WP248 criterion 7), whatever their category.
_VULNERABILITY_WORDS: tuple[tuple[str, Vulnerability], ...] = (
    ("handicap", Vulnerability.DISABILITY),
    ("handicapee", Vulnerability.DISABILITY),
    ("precarite", Vulnerability.PRECARITY),
    ("precaire", Vulnerability.PRECARITY),
    ("trouble psychique", Vulnerability.MENTAL_ILLNESS),
)
_BASIS_WORDS: tuple[tuple[str, LegalBasis], ...] = (
    ("consentement", LegalBasis.CONSENT),
    ("contrat", LegalBasis.CONTRACT),
    ("obligation legale", LegalBasis.LEGAL_OBLIGATION),
    ("obligation reglementaire", LegalBasis.LEGAL_OBLIGATION),
    ("interet vitaux", LegalBasis.VITAL_INTERESTS),
    ("interet vital", LegalBasis.VITAL_INTERESTS),
    ("mission interet public", LegalBasis.PUBLIC_TASK),
    ("mission service public", LegalBasis.PUBLIC_TASK),
    ("autorite publique", LegalBasis.PUBLIC_TASK),
    ("interet public", LegalBasis.PUBLIC_TASK),
    ("interet legitime", LegalBasis.LEGITIMATE_INTERESTS),
)


#: Wordings read as other words before the tables are looked at (keys as :func:`_key` writes them).
_REWRITES: tuple[tuple[re.Pattern[str], str], ...] = (
    # « Parents d'élèves » are parents: the children named after them are whose parents they are.
    (re.compile(r"\bparent (eleve|enfant)\b"), "parent"),
    # « Coordonnées GPS » are where a person is, not how to reach them (identity).
    (re.compile(r"\bcoordonnee (gps|geographique)\b"), "gps"),
    # « Adresse IP » is connection data, not a postal address.
    (re.compile(r"\badresse ip\b"), "ip"),
)


@functools.cache
def _enum_keys(enum: type[Vocabulary]) -> dict[str, Vocabulary]:
    """Each member of ``enum`` under its value and both labels, compared like headers."""
    keys: dict[str, Vocabulary] = {}
    for member in enum:
        for name in (member.value, member.fr, member.en):
            keys.setdefault(_key(name), member)
    return keys


def _enum_lookup(enum: type[Vocabulary], text: str) -> Vocabulary | None:
    """A value of ``enum`` from its value or either label, compared like headers."""
    return _enum_keys(enum).get(_key(text))


def _by_words(words: tuple[tuple[str, Any], ...], text: str) -> Any:
    found = _all_by_words(words, text)
    return found[0] if found else None


def _all_by_words(words: tuple[tuple[str, Any], ...], text: str) -> list[Any]:
    """Every value one of whose words ``text`` contains, in the table's order, each once: a cell
    may name several categories (« Identité, données biométriques »), and keeping only the first
    would drop the sensitive one."""
    return list(_words_in(words, text))


def _rewrite(key: str) -> str:
    """The key of a text (:func:`_key`) with :data:`_REWRITES` applied."""
    for pattern, replacement in _REWRITES:
        key = pattern.sub(replacement, key)
    return key


@functools.lru_cache(maxsize=4096)
def _words_in(words: tuple[tuple[str, Any], ...], text: str) -> tuple[Any, ...]:
    # cached: a register repeats the same few values (« Agents », « État civil »), bounded cache
    key = _rewrite(_key(text))
    padded = f" {key} "
    found: list[Any] = []
    for word, value in words:
        # A prefix only for words long enough not to start another (« ip » is not « IPP »).
        if (f" {word} " in padded or (len(word) > 3 and key.startswith(word))) and value not in found:
            found.append(value)
    return tuple(found)


def _data_kinds(item: str) -> list[Any]:
    """The data categories a register's item names: its label, else the words in it."""
    listed = _enum_lookup(DataKind, item)
    return [listed] if listed else _all_by_words(_DATA_WORDS, item)


def _subject_kinds(item: str) -> list[Any]:
    listed = _enum_lookup(SubjectKind, item)
    return [listed] if listed else _all_by_words(_SUBJECT_WORDS, item)


def _domains(item: str) -> list[Any]:
    listed = _enum_lookup(Domain, item)
    return [listed] if listed else _all_by_words(_DOMAIN_WORDS, item)


# --- domains suggested by a processing's name and purpose ------------------------------------

#: Wordings (as a register writes them) that name a domain too loosely to be read as a fact, but
#: well enough to suggest it to the DPO: the common names of the types the CNIL exempts
#: (délibération 2019-118), which :data:`_DOMAIN_WORDS` must not hold (a guessed exemption), and
#: names of a whole service. Only ever a suggestion (:func:`domain_hints`): the screening never
#: reads them. Not a second table of the domain column's words: those are read too (_hint_words).
_DOMAIN_HINT_WORDS: tuple[tuple[str, Domain], ...] = (
    # 2019-118 item 10 (school, after-school and early-childhood services)
    ("cantine", Domain.SCHOOL_SERVICES),
    ("restauration scolaire", Domain.SCHOOL_SERVICES),
    ("scolaire", Domain.SCHOOL_SERVICES),
    ("périscolaire", Domain.SCHOOL_SERVICES),
    ("extrascolaire", Domain.SCHOOL_SERVICES),
    ("petite enfance", Domain.SCHOOL_SERVICES),
    ("crèche", Domain.SCHOOL_SERVICES),
    ("accueil de loisirs", Domain.SCHOOL_SERVICES),
    # item 1 (staff management), item 11 (physical access and working time)
    ("ressources humaines", Domain.HR_MANAGEMENT),
    ("paie", Domain.HR_MANAGEMENT),
    ("carrière", Domain.HR_MANAGEMENT),
    ("badge", Domain.ACCESS_CONTROL_WORKING_TIME),
    ("badgeuse", Domain.ACCESS_CONTROL_WORKING_TIME),
    ("temps de travail", Domain.ACCESS_CONTROL_WORKING_TIME),
    ("contrôle d'accès", Domain.ACCESS_CONTROL_WORKING_TIME),
    # items 2 to 5 and 12
    ("fournisseurs", Domain.SUPPLIER_RELATIONS),
    ("listes électorales", Domain.ELECTORAL_ROLL),
    ("électoral", Domain.ELECTORAL_ROLL),
    ("comité d'entreprise", Domain.WORKS_COUNCIL),
    ("comité social et économique", Domain.WORKS_COUNCIL),
    ("comité des œuvres sociales", Domain.WORKS_COUNCIL),
    ("adhérents", Domain.MEMBERS_DONORS),
    ("donateurs", Domain.MEMBERS_DONORS),
    ("éthylotests", Domain.BREATHALYSER),
    # a body's or a service's name: what it usually does, several domains when it does several
    ("CCAS", Domain.SOCIAL_AID),
    ("CCAS", Domain.SOCIAL_SUPPORT),
    ("centre communal d'action sociale", Domain.SOCIAL_AID),
    ("centre communal d'action sociale", Domain.SOCIAL_SUPPORT),
    ("ayants droit", Domain.SOCIAL_AID),
    ("état civil", Domain.CIVIL_STATUS),
    ("facturation", Domain.TAXATION_BILLING),
)


_Phrase = tuple[int, tuple[str, ...], str, Domain]  # table index, words, phrase, domain


@functools.cache
def _hint_words() -> tuple[tuple[str, Domain], ...]:
    """The wordings a suggestion reads, as keys: each domain's French label (not « Autre »),
    :data:`_DOMAIN_WORDS` (what the domain column reads), then :data:`_DOMAIN_HINT_WORDS`."""
    labels = [(d.fr, d) for d in Domain if d is not Domain.OTHER]
    # As keys (normalise_header, as the text is read): the hint words are written as a register would.
    table = [(_key(word), domain) for word, domain in (*labels, *_DOMAIN_WORDS, *_DOMAIN_HINT_WORDS)]
    return tuple(entry for entry in dict.fromkeys(table) if entry[0])


@functools.cache
def _hint_index() -> tuple[dict[str, list[_Phrase]], dict[str, list[_Phrase]]]:
    """:func:`_hint_words` by first word, and the one-word wordings that may start a text's first word
    by their first four letters (:func:`_words_in`'s prefix rule): a text is looked up word by word,
    not matched against every wording."""
    by_first: dict[str, list[_Phrase]] = {}
    by_start: dict[str, list[_Phrase]] = {}
    for i, (phrase, domain) in enumerate(_hint_words()):
        words = tuple(phrase.split())
        entry = (i, words, phrase, domain)
        by_first.setdefault(words[0], []).append(entry)
        if len(words) == 1 and len(phrase) > 3:
            by_start.setdefault(phrase[:4], []).append(entry)
    return by_first, by_start


def _hint_matches(key: str) -> list[tuple[str, Domain]]:
    """The wordings of :func:`_hint_words` that the key of a text holds, as :func:`_words_in` reads
    them (a whole word sequence, or a prefix of the text for a wording of more than three letters),
    in the table's order. Without :data:`_REWRITES`: they read data and persons (« parents
    d'élèves », « adresse IP »), no domain wording (a test checks the domain column's reading is
    still covered), and cost three regular expressions per text."""
    tokens = key.split()
    by_first, by_start = _hint_index()
    # Most names hold no wording: said at C speed before any loop.
    if not tokens or (by_first.keys().isdisjoint(tokens) and tokens[0][:4] not in by_start):
        return []
    found: dict[int, tuple[str, Domain]] = {}
    for at, token in enumerate(tokens):
        candidates = by_first.get(token, [])
        if at == 0:
            candidates = [*candidates, *by_start.get(token[:4], [])]
        for i, words, phrase, domain in candidates:
            last = at + len(words) - 1
            if i in found or last >= len(tokens) or tokens[at:last] != list(words[:-1]):
                continue
            if tokens[last] == words[-1] or (
                at == 0 and len(phrase) > 3 and tokens[last].startswith(words[-1])
            ):
                found[i] = (phrase, domain)
    return [found[i] for i in sorted(found)]


#: The words of a text as written, with what each is as a key (:func:`normalise_header`); « (s) »
#: kept with its word, as the key drops it.
_TEXT_WORD = re.compile(r"[^\W_]+(?:\([se]\))?", re.IGNORECASE)
#: The longest text read for suggestions: a name or a purpose, not a whole document (bounded work).
_HINT_MAX = 500


@attrs.frozen
class DomainHint:
    """A domain that a processing's name or purpose suggests, with the words that suggest it as the
    register writes them. A suggestion for the DPO to check and write in the register (column
    « Domaine »), never a fact: the screening does not read it, so no exemption of the CNIL list
    (délibération 2019-118) is ever granted on it."""

    domain: Domain
    words: tuple[str, ...]


def _quote(text: str, phrase: str) -> str:
    """The words of ``text`` (as written) that the ``phrase`` of a key matched, else the phrase."""
    wanted = phrase.split()
    spans: list[tuple[str, int, int]] = []
    for m in _TEXT_WORD.finditer(text):
        spans.extend((w, m.start(), m.end()) for w in normalise_header(m.group()).split())
    keys = [w for w, _, _ in spans]
    last = len(wanted) - 1
    for i in range(len(keys) - last):
        if keys[i : i + last] == wanted[:last] and (
            keys[i + last] == wanted[last]
            or (i == 0 and len(phrase) > 3 and keys[i + last].startswith(wanted[last]))
        ):
            return text[spans[i][1] : spans[i + last][2]]
    return phrase  # matched only once rewritten (_REWRITES): the phrase itself


def _add_hint(found: dict[Domain, list[str]], domain: Domain, quoted: str) -> None:
    """``quoted`` among the words suggesting ``domain``, each wording once: « périscolaires » after
    « périscolaire » (same key) or « scolaire » within « restauration scolaire » is not repeated; a
    longer wording takes a shorter one's place."""
    words = found.setdefault(domain, [])
    padded = f" {_key(quoted)} "
    if any(padded in f" {_key(w)} " for w in words):
        return
    words[:] = [w for w in words if f" {_key(w)} " not in padded]
    words.append(quoted)


def domain_hints(texts: Iterable[str], given: Iterable[Domain] = ()) -> tuple[DomainHint, ...]:
    """The domains that ``texts`` (a processing's name and purposes) suggest, besides those ``given``:
    a text that is a domain's label, or holds one of its wordings (its label, the words the domain
    column reads, :data:`_DOMAIN_HINT_WORDS`). In the order of :class:`~aipd.vocabulary.Domain`'s
    first match, each with the words that suggest it. Every text is read up to :data:`_HINT_MAX`
    characters, uncached (names differ row to row: they would only churn the value caches)."""
    skip = tuple(given)
    found: dict[Domain, list[str]] = {}
    labels = _enum_keys(Domain)
    for text in texts:
        text = text[:_HINT_MAX]
        key = normalise_header(text)  # not _key: a name is seen once, it would only churn that cache
        listed = labels.get(key)
        if isinstance(listed, Domain) and listed is not Domain.OTHER and listed not in skip:
            _add_hint(found, listed, text.strip())
        for phrase, domain in _hint_matches(key):
            if domain not in skip:
                _add_hint(found, domain, _quote(text, phrase))
    return tuple(DomainHint(domain, tuple(words)) for domain, words in found.items())


#: Entries kept by each of a reader's caches of converted cell texts (see :class:`_RowReader`).
_CELL_CACHE = 1024
#: The kinds of model fact whose cell texts repeat down a register (a kind of body, « oui » / « non »,
#: a list of categories): their conversion is kept. Names, counts and dates differ row to row: kept,
#: they would only push the repeated texts out.
_REPEATED_KINDS = frozenset({"bool", "enum", "enums"})


def _put(op: dict[str, Any], parts: tuple[str, ...], value: Any) -> None:
    """``value`` at the model path split into ``parts`` of the nested mapping ``op``."""
    target = op
    for p in parts[:-1]:
        target = target.setdefault(p, {})
    target[parts[-1]] = value


class _RowReader:
    """Turns one row's cells into the mapping :func:`aipd.load` reads (one instance per register).

    What depends on the register alone (each column's field, header and model path, the defaults)
    is worked out once, here. The conversion of a cell's text that repeats down a register (a list of
    data categories, of persons, a legal basis, a kind of body) is kept in bounded caches of this
    reader, keyed by the field and the text: the reader's mapping (values, separator) is the rest of
    what decides it. A cache holds only what the text gives (the values, and the wording of a problem
    or a note); the problems, which carry the row number and the header, are made anew for each row.
    A reader is pickled as what builds it (its caches are not), for the processes of a parallel triage.
    """

    def __init__(
        self, fields: dict[int, str], headers: list[str], mapping: RegisterMapping, source: str | None
    ):
        self.fields = fields
        self.headers = headers
        self.mapping = mapping
        self.source = source
        self.values = {f: {_key(k): v for k, v in table.items()} for f, table in mapping.values.items()}
        sep = mapping.separator
        self.split_re = re.compile(re.escape(sep)) if sep else re.compile(r"[\n;•|]")
        # Once per register: each column (position, field, header) and default, each model fact's leaf
        # and path.
        self.columns = tuple((index, field, headers[index]) for index, field in fields.items())
        self.defaults = tuple((f, ("défaut", v, _plain(v))) for f, v in mapping.defaults.items())
        leaves = _leaves()
        self.leaves = {
            field: leaves[field]
            for field in (*fields.values(), *mapping.defaults)
            if field not in _SPECIAL_FIELDS and field in leaves
        }
        self.paths = {field: tuple(field.split(".")) for field in self.leaves}
        cache = functools.lru_cache(maxsize=_CELL_CACHE)
        self.cached_leaf = cache(self.leaf_text)
        self.bases = cache(self.read_bases)
        self.data = cache(self.read_data)
        self.subjects = cache(self.read_subjects)
        self.names = cache(self.read_names)
        self.domains = cache(self.read_domains)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_RowReader, (self.fields, self.headers, self.mapping, self.source))

    def split(self, text: str) -> list[str]:
        return [p.strip(" -*\t") for p in self.split_re.split(text) if p.strip(" -*\t")]

    def translate(self, field: str, text: str) -> str:
        table = self.values.get(field)
        if table:
            return table.get(_key(text), text)
        return text

    def items(self, field: str, text: str) -> list[str]:
        """The items of a list cell, each translated by the mapping's values."""
        return [self.translate(field, v) for v in self.split(text)]

    def read(self, number: int, cells: list[Any], *, fallback_id: str | None = None) -> RegisterRow | None:
        """The row's operation; ``fallback_id`` names it when it has neither id nor reference."""
        # field -> (header, the cell as it is, the cell as text: _plain, said once)
        raw: dict[str, tuple[str, Any, str]] = {}
        width = len(cells)
        for index, field, header in self.columns:
            value = cells[index] if index < width else None
            plain = value.strip() if type(value) is str else _plain(value)
            if plain == "":
                continue
            if field in raw:  # a list read from two columns (« Données sensibles », « … traitées »)
                first_header, _, first = raw[field]
                merged = f"{first}\n{plain}"
                raw[field] = (f"{first_header}, {header}", merged, merged)
                continue
            raw[field] = (header, value, plain)
        if not raw and not any(_plain(c) for c in cells):
            return None  # a blank line of the sheet: nothing to triage
        problems: list[Problem] = []
        notes: list[Text] = []
        assumed: list[str] = []
        for field, default in self.defaults:
            if field not in raw:
                raw[field] = default
        op: dict[str, Any] = {}
        for field, (header, value, _) in raw.items():
            leaf = self.leaves.get(field)
            if leaf is None:
                continue
            if type(value) is str and leaf.kind in _REPEATED_KINDS:
                converted, messages = self.cached_leaf(field, value)
            else:
                converted, messages = self.leaf_value(leaf, value)
            for message in messages:  # made for each row: a problem names its row and its header
                problems.append(_problem(number, self.source, header, message))
            if converted is not None:
                _put(op, self.paths[field], list(converted) if type(converted) is tuple else converted)
        partial: list[str] = []
        self.special(raw, op, notes, partial)

        # The operation's required facts: say plainly when the register does not hold them.
        if "name" not in op:
            problems.append(
                _problem(
                    number,
                    self.source,
                    "nom du traitement",
                    t("le nom du traitement est absent", "the name of the processing is missing"),
                )
            )
        controller = op.setdefault("controller", {})
        if "name" not in controller:
            controller["name"] = "Responsable de traitement non indiqué dans le registre"
            assumed.append("controller.name")
        if "kind" not in controller:
            # The model needs a kind: « autre » stands for it, and ``assumed`` makes the triage screen the
            # row as if the kind were unknown (aipd.triage._screen_unknown_kind), never as « autre ».
            controller["kind"] = OrganisationKind.OTHER.value
            assumed.append("controller.kind")
        if "id" not in op:
            ref = op.get("register_ref")
            # normalise_header, not _key: a reference is seen once, it would only churn that cache
            slug = _NOT_SLUG.sub("-", normalise_header(ref)).strip("-") if isinstance(ref, str) else ""
            op["id"] = f"registre-{slug}" if slug else fallback_id or f"ligne-{number}"
        return RegisterRow(
            number=number,
            source=self.source,
            data=op,
            problems=tuple(problems),
            notes=tuple(notes),
            assumed=tuple(assumed),
            partial=tuple(dict.fromkeys(partial)),
        )

    def leaf_text(self, field: str, text: str) -> tuple[Any, tuple[Text, ...]]:
        """:meth:`leaf_value` of a text cell (kept by ``cached_leaf``)."""
        return self.leaf_value(self.leaves[field], text)

    def leaf_value(self, leaf: _Leaf, value: Any) -> tuple[Any, tuple[Text, ...]]:
        """A cell's value for a model fact (a list as a tuple), and what is wrong with it (the wording
        of each problem: the caller names the row and the header)."""
        text = self.translate(leaf.path, _plain(value))
        if leaf.path == "controller.siren":
            # « 213 100 000 » is how a SIREN is written in France: the groups' spaces are layout,
            # not part of the number. Anything else is left for the model to refuse, named.
            compact = _CODE_SPACES.sub("", text)
            if _SIREN_DIGITS.fullmatch(compact):
                return compact, ()
        if leaf.kind in ("str", "strs"):
            return (tuple(self.split(text)) if leaf.kind == "strs" else text), ()
        if _is_empty(text) or _is_unknown(text):
            return None, ()
        if leaf.kind == "bool":
            lowered = _key(text)
            if lowered in _TRUE:
                return True, ()
            if lowered in _FALSE:
                return False, ()
            return None, (t(f"oui ou non attendu, lu « {text} »", f"yes or no expected, read '{text}'"),)
        if leaf.kind == "int":
            if isinstance(value, int | float) and not isinstance(value, bool) and float(value).is_integer():
                return int(value), ()
            count = _count(text)
            if count is not None:
                return count, ()
            if _ambiguous_count(text):
                return None, (
                    t(
                        f"nombre ambigu « {text} » : la virgule sépare-t-elle les milliers ou les décimales ? "
                        "écrivez-le sans virgule (« 12 000 » ou « 12 »)",
                        f"ambiguous number '{text}': is the comma a thousands or a decimal separator? "
                        "write it without a comma ('12 000' or '12')",
                    ),
                )
            return None, (
                t(f"nombre entier attendu, lu « {text} »", f"whole number expected, read '{text}'"),
            )
        if leaf.kind == "date":
            if isinstance(value, dt.datetime):
                return value.date().isoformat(), ()
            if isinstance(value, dt.date):
                return value.isoformat(), ()
            m = _DATE_ISO.match(text)
            fr = _DATE_FR.match(text)
            try:
                if m:
                    return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat(), ()
                if fr:
                    return dt.date(int(fr[3]), int(fr[2]), int(fr[1])).isoformat(), ()
            except ValueError:
                pass
            return None, (
                t(
                    f"date attendue (JJ/MM/AAAA ou AAAA-MM-JJ), lu « {text} »",
                    f"date expected (DD/MM/YYYY or YYYY-MM-DD), read '{text}'",
                ),
            )
        assert leaf.enum is not None
        items = self.split(text) if leaf.kind == "enums" else [text]
        out = []
        messages: list[Text] = []
        for item in items:
            item = self.translate(leaf.path, item)
            member = _enum_lookup(leaf.enum, item) or _by_words(_ENUM_WORDS.get(leaf.enum, ()), item)
            if member is None:
                messages.append(
                    t(
                        f"valeur non reconnue « {item} » (admises : {' ; '.join(m.fr for m in leaf.enum)})",
                        f"value not recognised '{item}' (allowed: {'; '.join(m.en for m in leaf.enum)})",
                    )
                )
            else:
                out.append(member.value)
        if leaf.kind == "enums":
            return (tuple(out) or None), tuple(messages)
        return (out[0] if out else None), tuple(messages)

    # The conversions of list cells, each a function of the field and the cell's text (kept by the
    # reader's caches: the same few values fill a register's lists).

    def read_bases(self, text: str) -> tuple[tuple[LegalBasis, ...], tuple[Text, ...]]:
        """The legal bases a « Base légale » cell names (each once, in order), and the notes on the
        items not recognised."""
        bases: list[LegalBasis] = []
        notes: list[Text] = []
        for b in self.items("legal_basis", text):
            found: LegalBasis | None = _enum_lookup(LegalBasis, b) or _by_words(_BASIS_WORDS, b)  # type: ignore[assignment]  # _enum_lookup returns a member of the enum it is given
            if found is None:
                notes.append(
                    t(
                        f"base légale non reconnue « {b} » : laissée inconnue",
                        f"legal basis not recognised '{b}': left unknown",
                    )
                )
            elif found not in bases:
                bases.append(found)
        return tuple(bases), tuple(notes)

    def read_data(
        self, field: str, text: str
    ) -> tuple[tuple[tuple[str, str | None], ...], tuple[Text, ...], bool, tuple[str, ...]]:
        """A data cell (``data`` or ``sensitive_data``): each category read (kind, the item as written
        when it is not the kind's label), the notes, whether a category is filed by guess (the data are
        then given in part) and the items that say the value is not given here."""
        entries: list[tuple[str, str | None]] = []
        notes: list[Text] = []
        guessed = False
        unknown: list[str] = []
        for item in self.items(field, text):
            if _key(item) in _NONE_WORDS:
                continue  # « Données sensibles : Non » says there are none, not one called « Non »
            named = _named(item, _data_kinds)
            if named is None:
                unknown.append(item)  # « ? », « voir fiche »: not a category called so
                continue
            kinds: list[DataKind] = named
            if (
                field == "sensitive_data"
                and kinds
                and not any(
                    k.is_highly_personal or k.is_special_category or k is DataKind.OFFENCES for k in kinds
                )
            ):
                # « Situation familiale (violences conjugales) » in the sensitive column: an ordinary
                # word found in it does not make it ordinary; kept as highly personal, to check.
                guessed = True
                kinds = [*kinds, DataKind.OTHER_HIGHLY_PERSONAL]
                notes.append(
                    t(
                        f"donnée sensible « {item} » lue comme donnée courante : gardée aussi comme « autres "
                        "données à caractère hautement personnel », à vérifier",
                        f"sensitive data '{item}' read as ordinary data: also kept as 'other highly "
                        "personal data', to check",
                    )
                )
            if not kinds:
                # Filed under the nearest category, but not read: the art. 9 and 10 rules, the NIR's,
                # the sensitive-data criterion cannot rest on a guess (RegisterRow.partial).
                guessed = True
                if field == "sensitive_data":
                    kinds = [DataKind.OTHER_HIGHLY_PERSONAL]
                    notes.append(
                        t(
                            f"donnée sensible non reconnue « {item} » : classée « autres données à "
                            "caractère hautement personnel »",
                            f"sensitive data not recognised '{item}': filed as 'other highly personal data'",
                        )
                    )
                else:
                    kinds = [DataKind.OTHER]
                    notes.append(
                        t(
                            f"catégorie de données non reconnue « {item} » : classée « autres "
                            "données courantes », à vérifier",
                            f"data category not recognised '{item}': filed as 'other ordinary data', to check",
                        )
                    )
            for kind in kinds:
                described = _key(item) not in (_key(kind.fr), _key(kind.value))
                entries.append((kind.value, item if described else None))
        return tuple(entries), tuple(notes), guessed, tuple(unknown)

    def read_subjects(
        self, text: str
    ) -> tuple[tuple[tuple[str, str | None, tuple[str, ...], bool], ...], tuple[str, ...]]:
        """A persons cell: each category read (kind, the item when it is not the kind's label, the
        reasons of vulnerability, whether it says « vulnérable »), and the items not given here."""
        entries: list[tuple[str, str | None, tuple[str, ...], bool]] = []
        unknown: list[str] = []
        for item in self.items("data_subjects", text):
            if _key(item) in _NONE_WORDS:
                continue
            subject_kinds = _named(item, _subject_kinds)
            if subject_kinds is None:
                unknown.append(item)
                continue
            reasons = tuple(r.value for r in _all_by_words(_VULNERABILITY_WORDS, item))
            vulnerable = re.search(r"\bvulnerable\b", _key(item)) is not None
            for kind_s in subject_kinds or [None]:
                described = kind_s is None or _key(item) != _key(kind_s.fr)
                entries.append(
                    ((kind_s or SubjectKind.OTHER).value, item if described else None, reasons, vulnerable)
                )
        return tuple(entries), tuple(unknown)

    def read_names(self, field: str, text: str) -> tuple[str, ...]:
        """The names a list cell gives (recipients, processors, joint controllers), « néant » aside."""
        return tuple(n for n in self.items(field, text) if _key(n) not in _NONE_WORDS)

    def read_domains(self, text: str) -> tuple[tuple[str, ...], bool, tuple[Text, ...]]:
        """The domains a « Domaine » cell names (each once, in order), whether some are not given or
        not recognised (the domains are then given in part), and the notes."""
        domains: list[str] = []
        unknown = False
        notes: list[Text] = []
        for item in self.items("domains", text):
            found_domains = _named(item, _domains)
            if found_domains is None:
                unknown = True
                continue
            if not found_domains:
                # « Gestion du personnel ; Géolocalisation des véhicules »: dropping the second made the
                # processing entirely staff management, and the CNIL exemption (2019-118) met. The
                # register names a domain outside the recognised ones: « Autre », so no exempt type is
                # entire, and the domains are given in part (the required list's types are unknown).
                found_domains = [Domain.OTHER]
                unknown = True
                notes.append(
                    t(
                        f"domaine non reconnu « {item} » : classé « Autre » (aucune dispense de la CNIL ne "
                        "s'applique), à préciser",
                        f"domain not recognised '{item}': filed as 'Other' (no CNIL exemption applies), to give",
                    )
                )
            for d in found_domains:
                if d.value not in domains:
                    domains.append(d.value)
        return tuple(domains), unknown, tuple(notes)

    def special(
        self, raw: dict[str, tuple[str, Any, str]], op: dict[str, Any], notes: list[Text], partial: list[str]
    ) -> None:
        """The register notions that fill lists of the model (purposes, data, persons…); ``partial``
        receives the model paths of a list the register gives only in part (see :class:`RegisterRow`)."""

        def unstated(path: str, what: Text, values: Iterable[str]) -> None:
            # « Identité ; ? »: the categories read are kept (more can only add a criterion), the rest
            # is not known: no verdict short of « AIPD requise » may rest on them (RegisterRow.partial).
            if values:
                partial.append(path)
                quoted = " ; ".join(f"« {v} »" for v in values)
                notes.append(
                    t(
                        f"{what.fr} à préciser ({quoted}) : laissées inconnues",
                        f"{what.en} to be given ({quoted}): left unknown",
                    )
                )

        def text(field: str) -> str | None:
            entry = raw.get(field)
            if entry is None:
                return None
            value = entry[2]  # _plain's text: _is_empty without its strip
            return None if value.lower() in _EMPTY else value

        purpose, sub_purposes = text("purpose"), text("sub_purposes")
        # A purpose is seen once: split, not kept.
        purposes = [
            *(self.items("purpose", purpose) if purpose else ()),
            *(self.items("sub_purposes", sub_purposes) if sub_purposes else ()),
        ]
        basis = text("legal_basis")
        bases: tuple[LegalBasis, ...] = ()
        if basis:
            bases, basis_notes = self.bases(basis)
            notes.extend(basis_notes)
        if len(bases) > 1:
            notes.append(
                t(
                    "plusieurs bases légales : à rattacher à chaque finalité",
                    "several legal bases: to attach to each purpose",
                )
            )
        if purposes:
            op["purposes"] = [
                {"description": p, **({"legal_basis": bases[0].value} if len(bases) == 1 else {})}
                for p in purposes
            ]
        elif bases:
            notes.append(t("base légale sans finalité : ignorée", "legal basis without a purpose: ignored"))

        retention = text("retention")
        data: list[dict[str, Any]] = []
        unknown_data: list[str] = []
        for field in ("data", "sensitive_data"):
            value = text(field)
            if not value:
                continue
            entries, data_notes, guessed, unknown = self.data(field, value)
            notes.extend(data_notes)
            if guessed:
                partial.append("data")
            unknown_data.extend(unknown)
            for kind, description in entries:
                entry: dict[str, Any] = {"kind": kind}
                if description is not None:
                    entry["description"] = description
                if retention:
                    entry["retention"] = {"active": retention}
                data.append(entry)
        if data:
            op["data"] = data
        unstated("data", t("catégories de données", "data categories"), unknown_data)

        subjects = []
        unknown_subjects: tuple[str, ...] = ()
        persons = text("data_subjects")
        if persons:
            subject_entries, unknown_subjects = self.subjects(persons)
            for kind_s, description, reasons, vulnerable in subject_entries:
                entry = {"kind": kind_s}
                if description is not None:
                    entry["description"] = description
                if reasons:
                    entry["vulnerabilities"] = list(reasons)
                if vulnerable:
                    entry["vulnerable"] = True
                subjects.append(entry)
        if subjects:
            op["data_subjects"] = subjects
        unstated("data_subjects", t("catégories de personnes", "categories of persons"), unknown_subjects)

        for field in ("recipients", "processors", "joint_controllers"):
            value = text(field)
            names = self.names(field, value) if value else ()
            if names:
                role = {"role": "sous-traitant (d'après le registre)"} if field == "processors" else {}
                op[field] = [{"name": n, **role} for n in names]
        domain_text = text("domains")
        if domain_text:
            domains, unknown_domains, domain_notes = self.domains(domain_text)
            notes.extend(domain_notes)
            if domains:
                op["domains"] = list(domains)
            if unknown_domains:
                partial.append("domains")

        transfers = text("transfers")
        if transfers and _key(transfers) not in _NONE_WORDS:
            notes.append(
                t(
                    f"transferts hors UE déclarés (« {transfers} ») : destinataire, pays et garantie à "
                    "préciser",
                    f"transfers outside the EU declared ('{transfers}'): recipient, country "
                    "and safeguard to give",
                )
            )
        dpo = text("dpo")
        if dpo:
            op.setdefault("controller", {})["dpo"] = {"name": dpo}
        ai = text("ai_system")
        if ai and _key(ai) not in _NONE_WORDS and _key(ai) not in _FALSE:
            op["ai_system"] = {"name": ai if _key(ai) not in _TRUE else "système d'IA (d'après le registre)"}


# --- the register ----------------------------------------------------------------------------


@attrs.define
class Register:
    """An opened register: how its columns were understood, and its rows as a stream.

    ``layout`` is ``table`` (one row per activity; ``sheet`` the sheet read) or
    ``fiches`` (one sheet per activity; ``columns`` then holds the labels
    understood on the first fiche, ``total`` the number of sheets to read).
    """

    source: str
    format: RegisterFormat
    sheet: str | None
    columns: tuple[tuple[str, str], ...]
    ignored: tuple[str, ...]
    notes: tuple[Text, ...]
    total: int | None
    _rows: Iterator[RegisterRow] = attrs.field(repr=False)
    layout: Literal["table", "fiches"] = attrs.field(default="table", kw_only=True)
    #: A table's reader and its records (row number, cells) not yet read, which ``rows`` reads:
    #: a parallel triage sends the records to its processes, each reading them with the reader.
    _records: tuple[_RowReader, Iterator[tuple[int, list[Any]]]] | None = attrs.field(
        default=None, kw_only=True, repr=False
    )

    def __iter__(self) -> Iterator[RegisterRow]:
        return self._rows

    def _raw(self) -> tuple[_RowReader, Iterator[tuple[int, list[Any]]]] | None:
        """The reader and the records of a table (``None`` for fiches and YAML): what is taken from
        the records is no longer read by iterating the register."""
        return self._records


def _fatal(source: str, fr: str, en: str) -> InputError:
    return InputError([Problem("$", t(fr, en), source=source)])


def _explicit_headers(mapping: RegisterMapping) -> dict[str, str]:
    """The mapping file's ``columns``, by the comparison key of their header."""
    return {normalise_header(h): f for f, h in mapping.columns.items()}


def _header_field(header: str, explicit: Mapping[str, str], index: Mapping[str, str]) -> str | None:
    """The field a column header (or a fiche's label) names: the mapping file first, then :data:`HEADERS`."""
    key = normalise_header(header)
    if key in explicit:
        return explicit[key]
    found = index.get(key) or index.get(header.strip().lower())
    if found is None and "(" in header:
        # « Données sensibles (art. 9) », « Nombre de personnes (estimation) »: a note in brackets
        return _header_field(re.sub(r"\([^)]*\)?", " ", header), explicit, index)
    return found


def _match_headers(
    headers: list[str], mapping: RegisterMapping
) -> tuple[dict[int, str], list[tuple[str, str]], list[str]]:
    index = _header_index()
    explicit = _explicit_headers(mapping)
    fields: dict[int, str] = {}
    matched: list[tuple[str, str]] = []
    ignored: list[str] = []
    for i, header in enumerate(headers):
        if not header.strip():
            continue
        field = _header_field(header, explicit, index)
        if field is None or (field in fields.values() and not _is_list_field(field)):
            ignored.append(header)
            continue
        fields[i] = field
        matched.append((header, field))
    return fields, matched, ignored


def _row_stream(reader: _RowReader, rows: Iterable[tuple[int, list[Any]]]) -> Iterator[RegisterRow]:
    for number, cells in rows:
        row = reader.read(number, cells)
        if row is not None:
            yield row


def _open_table(
    source: str,
    fmt: RegisterFormat,
    rows: Iterator[tuple[int, list[Any]]],
    mapping: RegisterMapping,
    *,
    sheet: str | None,
    notes: list[Text],
    total: int | None,
    header_search: int,
) -> Register:
    header: list[str] | None = None
    best: tuple[int, list[str], int] | None = None
    seen: list[tuple[int, list[Any]]] = []
    for number, cells in rows:
        if mapping.header_row is not None:
            if number == mapping.header_row:
                header = [_plain(c) for c in cells]
                break
            continue
        if not any(_plain(c) for c in cells):
            continue
        candidate = [_plain(c) for c in cells]
        fields, _, _ = _match_headers(candidate, mapping)
        score = len(fields)
        if best is None or score > best[2]:
            best = (number, candidate, score)
        seen.append((number, cells))
        if score >= 2 or len(seen) >= header_search:
            break
    if header is None and best is not None and best[2] >= 2:
        header = best[1]
        # Rows read while looking for the header that come after it are data.
        pending = [(n, c) for n, c in seen if n > best[0]]
    else:
        pending = []
    if header is None:
        expected = ", ".join(f"« {names[0]} »" for names in list(HEADERS.values())[:8])
        raise _fatal(
            source,
            f"aucune ligne d'en-têtes reconnue (au moins deux colonnes connues, ex. {expected}) ; "
            "donnez un fichier de correspondance (--mapping, docs/registers.md)",
            "no header row recognised (at least two known columns); give a mapping file "
            "(--mapping, docs/registers.md)",
        )
    fields, matched, ignored = _match_headers(header, mapping)
    if "name" not in fields.values():
        raise _fatal(
            source,
            "aucune colonne ne donne le nom du traitement (ex. « Nom du traitement », « Activité de "
            "traitement ») ; nommez-la dans le fichier de correspondance (columns: name: …)",
            "no column gives the name of the processing; name it in the mapping file (columns: name: …)",
        )
    if "ai_system" not in fields.values() and "ai_system" not in mapping.defaults:
        # The CNIL's register model has no such field: say what is assumed rather than assume silently.
        notes = [
            *notes,
            t(
                "le registre n'a pas de colonne « Système d'IA » : aucun système d'IA n'est supposé ; si des "
                "traitements en utilisent un, ajoutez la colonne (ou « ai_system » dans les defaults du fichier "
                "de correspondance) pour que l'AI Act soit examiné",
                "the register has no 'AI system' column: no AI system is assumed; if some processings use one, "
                "add the column (or 'ai_system' in the mapping file's defaults) so that the AI Act is examined",
            ),
        ]
    if "controller.kind" not in fields.values() and "controller.kind" not in mapping.defaults:
        notes = [
            *notes,
            t(
                "le registre n'a pas de colonne « Nature de l'organisme » : chaque traitement est examiné comme "
                "celui d'une commune et comme celui d'un autre organisme, une règle dont la réponse en dépend "
                "reste inconnue ; donnez la nature dans les defaults du fichier de correspondance "
                "(controller.kind)",
                "the register has no 'Nature de l'organisme' column: each processing is screened as a "
                "municipality's and as another body's, a rule whose answer depends on it stays unknown; give "
                "the kind in the mapping file's defaults (controller.kind)",
            ),
        ]
    reader = _RowReader(fields, header, mapping, source)

    def all_rows() -> Iterator[tuple[int, list[Any]]]:
        yield from pending
        yield from rows

    records = all_rows()
    return Register(
        source=source,
        format=fmt,
        sheet=sheet,
        columns=tuple(matched),
        ignored=tuple(ignored),
        notes=tuple(notes),
        total=total,
        rows=_row_stream(reader, records),
        records=(reader, records),
    )


def _csv_encoding(path: Path) -> tuple[str, bool]:
    """``utf-8-sig`` when the whole file is UTF-8 (checked in chunks, memory flat), else ``cp1252``."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    with path.open("rb") as f:
        try:
            while chunk := f.read(1 << 20):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "cp1252", True
    return "utf-8-sig", False


class _Semicolon(csv.excel):
    delimiter = ";"


def _dialect(sample: str) -> Any:
    """The separator that makes the most known headers of the first lines; else the sniffed
    dialect; else ``;`` or ``,`` by count on the first line.

    Sniffing alone fails on the CNIL model's own labels, some of which hold a comma
    (« Observation, surveillance ou contrôle systématique des personnes »): with rows such as
    « Habitants, passants », the comma looks as regular as the semicolon.
    """
    index = _header_index()
    best, best_count = "", 1  # at least two known headers, as the header search asks
    for line in sample.splitlines()[:20]:
        for delimiter in (";", "\t", ","):
            cells = next(csv.reader([line], delimiter=delimiter), [])
            count = sum(1 for cell in cells if normalise_header(cell) in index)
            if count > best_count:
                best, best_count = delimiter, count
    if best:
        return {";": _Semicolon, "\t": csv.excel_tab, ",": csv.excel}[best]
    try:
        return csv.Sniffer().sniff(sample, delimiters=";,\t")
    except csv.Error:
        first = sample.splitlines()[0] if sample else ""
        return _Semicolon if first.count(";") >= first.count(",") else csv.excel


def _csv_rows(path: Path, encoding: str) -> tuple[Iterator[tuple[int, list[Any]]], int | None]:
    handle = path.open(encoding=encoding, errors="replace", newline="")
    sample = handle.read(64 * 1024)
    handle.seek(0)
    reader = csv.reader(handle, _dialect(sample))
    with path.open("rb") as f:
        f.seek(max(0, f.seek(0, io.SEEK_END) - 256))
        last = f.read().rstrip(b"\r\n").decode(encoding, errors="replace")

    def rows() -> Iterator[tuple[int, list[Any]]]:
        try:
            yield from _csv_records(reader, str(path), last)
        finally:
            handle.close()

    with path.open("rb") as f:
        lines = sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 20), b""))
    return rows(), max(lines - 1, 0)


def _csv_records(reader: Any, source: str, end: str) -> Iterator[tuple[int, list[Any]]]:
    """Each record with its first line, as a text editor numbers it (a cell may span lines); a
    record the csv module cannot read (a cell over its size limit, often a stray quote that ran
    on to the end of the file) is an InputError naming the line. ``end`` is the end of the file's
    text, without its last line breaks: the last record is checked against it (see
    :func:`_check_not_cut_off`), so it is yielded once the reader has none after it."""
    width = 0
    held: tuple[int, list[Any]] | None = None
    try:
        for record in reader:
            # Counted in C over the joined cells (the same count): most records hold no line break,
            # and then no cell can have swallowed a record.
            breaks = "".join(record).count("\n")
            first = reader.line_num - breaks
            width = width or len(record)
            if breaks:
                _check_not_swallowed(record, first, width, reader.dialect.delimiter, source)
            if held is not None:
                yield held
            held = first, list(record)
        if held is not None:
            _check_not_cut_off(held[1], held[0], end, reader.dialect.quotechar, source)
            yield held
    except csv.Error as exc:
        raise _fatal(
            source,
            f"CSV illisible vers la ligne {reader.line_num} : {exc} (un guillemet ouvert et jamais fermé ?)",
            f"unreadable CSV near line {reader.line_num}: {exc} (a quote opened and never closed?)",
        ) from exc


def _check_not_swallowed(record: list[str], line: int, width: int, delimiter: str, source: str) -> None:
    """A cell whose later lines hold as many separators as a whole record is not a cell: a quote
    opened and never closed has made the next records part of it, and they would be lost."""
    if width < 3:
        return
    for cell in record:
        if "\n" in cell and any(part.count(delimiter) >= width - 1 for part in cell.split("\n")[1:]):
            line += cell.endswith("\n")  # the file ended inside the quote: its last line break is in the cell
            raise _fatal(
                source,
                f"CSV mal formé ligne {line} : une cellule contient des lignes entières du registre (un "
                "guillemet ouvert et jamais fermé ?) ; les traitements qui suivent seraient perdus",
                f"malformed CSV at line {line}: a cell holds whole lines of the register (a quote opened "
                "and never closed?); the processings that follow would be lost",
            )


def _check_not_cut_off(record: list[str], line: int, end: str, quote: str, source: str) -> None:
    """The last record: a multi-line cell that ends with the file's last line break, in a file whose
    text does not end with the quote, is a quote opened and never closed that ran to the end of the
    file. The check of :func:`_check_not_swallowed` misses it when the lines it swallowed hold fewer
    separators than a record (a two-column register, or trailing empty cells left out): those
    processings would be lost without a word. A quoted cell closed after a line break ends with the
    quote, and stays readable."""
    if not quote or end.endswith(quote):
        return
    for cell in record:
        if cell.endswith("\n") and "\n" in cell[:-1]:
            raise _fatal(
                source,
                f"CSV mal formé ligne {line + 1} : un guillemet ouvert n'est jamais fermé, la cellule court "
                "jusqu'à la fin du fichier ; les traitements qui suivent seraient perdus",
                f"malformed CSV at line {line + 1}: a quote is opened and never closed, the cell runs to the "
                "end of the file; the processings that follow would be lost",
            )


def _calamine(source: str) -> Any:
    try:
        import python_calamine  # optional dependency: extra "registers"
    except ImportError as exc:
        raise _fatal(
            source,
            f"la lecture des fichiers XLSX et ODS demande la bibliothèque python-calamine : {INSTALL_HINT}",
            f"reading XLSX and ODS files needs the python-calamine library: {INSTALL_HINT}",
        ) from exc
    return python_calamine


def _open_book(path: Path, source: str) -> Any:
    calamine = _calamine(source)
    try:
        return calamine.CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # the library raises its own error types for a broken file
        raise _fatal(source, f"classeur illisible : {exc}", f"unreadable workbook: {exc}") from exc


def _sheet_rows(
    book: Any, source: str, mapping: RegisterMapping
) -> tuple[str, Iterator[tuple[int, list[Any]]], int | None]:
    names: list[str] = list(book.sheet_names)
    if mapping.sheet is not None:
        if mapping.sheet not in names:
            raise _fatal(
                source,
                f"pas de feuille « {mapping.sheet} » (feuilles : {', '.join(names)})",
                f"no sheet '{mapping.sheet}' (sheets: {', '.join(names)})",
            )
        chosen = mapping.sheet
    try:  # the library reads a sheet when it is asked for, and raises its own error types
        if mapping.sheet is None:
            chosen = names[0] if names else ""
            index = _header_index()
            for name in names:
                sheet = book.get_sheet_by_name(name)
                for cells in itertools.islice(sheet.iter_rows(), 20):
                    if sum(1 for c in cells if normalise_header(_plain(c)) in index) >= 2:
                        chosen = name
                        break
                else:
                    continue
                break
        sheet = book.get_sheet_by_name(chosen)
    except Exception as exc:
        raise _fatal(source, f"classeur illisible : {exc}", f"unreadable workbook: {exc}") from exc

    def rows() -> Iterator[tuple[int, list[Any]]]:
        try:
            for i, cells in enumerate(sheet.iter_rows(), start=1):
                yield i, list(cells)
        except Exception as exc:
            raise _fatal(
                source, f"feuille « {chosen} » illisible : {exc}", f"unreadable sheet '{chosen}': {exc}"
            ) from exc

    total = getattr(sheet, "height", None)
    return chosen, rows(), (total - 1 if isinstance(total, int) and total > 0 else None)


# --- the CNIL model's layout: one « fiche de registre » per sheet -------------------------------

# A fiche is a sheet of labelled fields: the label in one cell, its value(s) to its right. The
# labels are the headers a table may have (HEADERS, model paths, the mapping file's ``columns``),
# matched the same way, so that the same wording works in both layouts.

#: The register notions that hold several values (the row pipeline splits them into a list).
_LIST_FIELDS = frozenset(
    {
        "purpose",
        "sub_purposes",
        "legal_basis",
        "data",
        "sensitive_data",
        "data_subjects",
        "recipients",
        "processors",
        "joint_controllers",
        "domains",
    }
)
#: The model path a list field fills, when it is not the field's own name (for RegisterRow.partial).
_LIST_PATHS = {
    "sensitive_data": "data",
    "purpose": "purposes",
    "sub_purposes": "purposes",
    "legal_basis": "purposes",
}
#: A sheet is recognised as a fiche when at least this many fields are labelled on rows of their own.
_FICHE_MIN_LABELS = 3
#: Rows looked at to recognise a fiche (a fiche of the CNIL model is about a hundred rows long).
_FICHE_PROBE_ROWS = 300
# Ticked and empty boxes a check list may use besides « Oui », « Non », « X ».
_YES_MARKS = frozenset({"✓", "✔", "☑", "☒", "■"})
_NO_MARKS = frozenset({"☐", "□"})
# « Sous-finalité 2 », « Destinataire n° 3 » : the label of a repeated field, numbered.
_LABEL_NUMBER = re.compile(r"\s*(?:n°|no\.?|#)?\s*\d+\s*[.:)-]?\s*$", re.IGNORECASE)


def _is_list_field(field: str) -> bool:
    leaf = _leaves().get(field)
    return field in _LIST_FIELDS or (leaf is not None and leaf.kind in ("enums", "strs"))


def _label_field(text: str, explicit: Mapping[str, str], index: Mapping[str, str]) -> str | None:
    """The field a fiche's label names, matched as a header; a numbered label as its field."""
    field = _header_field(text, explicit, index)
    if field is None:
        bare = _LABEL_NUMBER.sub("", text)
        if bare and bare != text:
            field = _header_field(bare, explicit, index)
    return field


def _mark(text: str) -> bool | None:
    """A check-list answer: ``True`` for « Oui », « X », a ticked box; ``False`` for « Non », an empty box;
    ``None`` for anything else, « ? » and « Non renseigné » included (not an answer, :func:`_is_unknown`)."""
    if text in _YES_MARKS:
        return True
    if text in _NO_MARKS:
        return False
    if _is_unknown(text):
        return None  # « Non renseigné », « Non connu » are not « Non »
    key = _key(text)
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    # « Oui (allergies) », « oui - PAI », « Non, sauf… » : the answer is the first word
    first = key.split(" ", 1)[0]
    if first in ("oui", "non"):
        return first == "oui"
    return None


@attrs.frozen
class _Line:
    """A non-empty row of a sheet: its first cell (the label, if known) and the cells to its right."""

    number: int
    first: int
    label: str
    field: str | None
    cells: tuple[tuple[int, Any], ...]
    known: int  # how many of its cells are known labels (a table's header row has several)


def _fiche_lines(rows: Iterable[list[Any]], mapping: RegisterMapping) -> list[_Line]:
    index = _header_index()
    explicit = _explicit_headers(mapping)
    lines = []
    for number, cells in enumerate(rows, start=1):
        filled = [(i, c) for i, c in enumerate(cells) if _plain(c)]
        if not filled:
            continue
        first, value = filled[0]
        label = _plain(value)
        field = _label_field(label, explicit, index) if isinstance(value, str) else None
        known = sum(
            1 for _, c in filled[1:] if isinstance(c, str) and _header_field(c, explicit, index) is not None
        )
        lines.append(_Line(number, first, label, field, tuple(filled[1:]), known + (field is not None)))
    return lines


def _fiche_shape(lines: list[_Line]) -> tuple[int, int]:
    """How many fields are labelled at the start of a row, and the most known labels on one row."""
    fields = {line.field for line in lines if line.field is not None}
    return len(fields), max((line.known for line in lines), default=0)


def _looks_like_fiche(lines: list[_Line]) -> bool:
    """A fiche: at least three known labels, each at the start of its own row, and no row (a table's
    header) holding more known labels than that."""
    labelled, widest = _fiche_shape(lines)
    return labelled >= _FICHE_MIN_LABELS and labelled >= widest


def _is_column_names(line: _Line) -> bool:
    """A check-list or table header: « Oui / Non » in one cell, or two known labels beside the first cell."""
    texts = [line.label, *(_plain(c) for _, c in line.cells)]
    if any({"oui", "non"} <= set(_key(x).split()) for x in texts):
        return True
    return line.known - (line.field is not None) >= 2


def _yes_no_columns(line: _Line) -> tuple[int, int] | None:
    """The columns of a check list answered in two columns, from its header « Oui » | « Non »."""
    words = {_key(_plain(c)): i for i, c in line.cells if isinstance(c, str)}
    if len(line.cells) != 2:
        return None
    yes = words.get("oui", words.get("yes"))
    no = words.get("non", words.get("no"))
    return (yes, no) if yes is not None and no is not None else None


@attrs.define
class _Collected:
    label: str
    row: int
    values: list[Any] = attrs.field(factory=list)


def _collect(lines: list[_Line]) -> tuple[dict[str, _Collected], list[Text], list[str]]:
    """Each field's values on a fiche, by the rules of docs/registers.md (« Mise en page en fiches »),
    the notes, and the list fields with a check-list line answered neither yes nor no (« ? », « Non
    renseigné », a description alone): what that line names is not known."""
    counts: dict[int, int] = {}
    for line in lines:
        if line.field is not None:
            counts[line.first] = counts.get(line.first, 0) + 1
    label_col = min(counts, key=lambda c: (-counts[c], c))
    found: dict[str, _Collected] = {}
    notes: list[Text] = []
    unanswered: list[str] = []
    current: str | None = None
    continuation = False  # lines with an empty label cell continue the field above
    yes_col: int | None = None
    no_col: int | None = None

    def add(field: str, label: str | None, row: int, values: list[Any]) -> None:
        entry = found.get(field)
        if entry is None:
            assert label is not None, "a field starts at its label"
            entry = found[field] = _Collected(label, row)
        if _is_list_field(field):
            entry.values.extend(values)
        elif values and not entry.values:  # a single value: the first one given wins
            entry.label, entry.row, entry.values = label or entry.label, row, [values[0]]

    def columns(line: _Line) -> bool:
        """Remember the « Oui » and « Non » columns of a check list with one column each."""
        nonlocal yes_col, no_col
        found_columns = _yes_no_columns(line)
        if found_columns is not None:
            yes_col, no_col = found_columns
        return found_columns is not None

    for line in lines:
        values = [c for _, c in line.cells]
        if line.field is not None:
            current, continuation, yes_col, no_col = line.field, True, None, None
            if columns(line) or _is_column_names(line):
                values = []
            add(line.field, line.label, line.number, values)
        elif line.first > label_col:
            if current is None or not continuation or columns(line) or _is_column_names(line):
                continue
            add(current, None, line.number, [line.label, *values])
        else:
            continuation = False
            if current is None or not _is_list_field(current):
                continue
            if not values:
                if line.first < label_col:
                    current = None  # a section title of its own, left of the labels
                continue
            if columns(line) or _is_column_names(line):
                continue
            answer: bool | None = None
            if yes_col is not None and no_col is not None:
                cells = dict(line.cells)
                yes, no = _plain(cells.get(yes_col)), _plain(cells.get(no_col))
                if yes and not _is_unknown(yes) and _mark(yes) is not False:
                    answer = True
                elif no and not _is_unknown(no):
                    answer = False
            if answer is None:
                answer = next((m for m in (_mark(_plain(c)) for c in values) if m is not None), None)
            if answer:
                add(current, line.label, line.number, [line.label])
            elif answer is None:
                # « Données de santé | ? »: dropping the line would read as « Non » (the health data
                # gone, the row « AIPD non requise »); what it names is not known.
                heading = found[current].label
                unanswered.append(current)
                notes.append(
                    t(
                        f"ligne {line.number} : « {line.label} » sous « {heading} » n'est cochée ni "
                        "« Oui » ni « Non » : laissée inconnue",
                        f"row {line.number}: '{line.label}' under '{heading}' is marked neither yes "
                        "nor no: left unknown",
                    )
                )
    return found, notes, unanswered


def _fiche_row(
    position: int, sheet: str, lines: list[_Line], mapping: RegisterMapping, source: str
) -> RegisterRow | None:
    """One fiche through the row pipeline of a table row (the labels standing for the headers)."""
    where = f"{source} [{sheet}]"
    found, notes, unanswered = _collect(lines)
    separator = mapping.separator or "\n"
    headers: list[str] = []
    cells: list[Any] = []
    fields: dict[int, str] = {}
    rows: dict[str, int] = {}
    for field, entry in found.items():
        value: Any = entry.values[0] if entry.values else None
        if _is_list_field(field):
            texts = [_plain(v) for v in entry.values]
            kept = [x for x in texts if _mark(x) is None and _key(x) not in _NONE_WORDS]
            if not kept and field == "sensitive_data" and any(_mark(x) for x in texts):
                kept = [next(x for x in texts if _mark(x))]  # « Données sensibles : Oui », none named
            value = separator.join(kept) if kept else None
        label = entry.label.strip().rstrip(":?").strip() or entry.label
        fields[len(headers)] = field
        headers.append(label)
        cells.append(value)
        rows[f"« {label} »"] = entry.row
    slug = re.sub(r"[^a-z0-9]+", "-", _key(sheet)).strip("-")
    reader = _RowReader(fields, headers, mapping, where)
    row = reader.read(position, cells, fallback_id=f"feuille-{slug or position}")
    if row is None:
        return None  # a fiche left blank: nothing to triage
    # A problem points at the row of its label in the sheet.
    problems = tuple(attrs.evolve(p, line=rows.get(p.path, p.line)) for p in row.problems)
    partial = tuple(dict.fromkeys([*row.partial, *(_LIST_PATHS.get(f, f) for f in unanswered)]))
    return attrs.evolve(row, problems=problems, notes=(*row.notes, *notes), partial=partial)


def _sheet_problem(position: int, where: str, fr: str, en: str) -> RegisterRow:
    return RegisterRow(
        number=position, source=where, data={}, problems=(Problem("$", t(fr, en), source=where),)
    )


def _visible_sheets(book: Any) -> list[tuple[int, str]]:
    """(position in the workbook, name) of the sheets a reader sees: hidden ones (lists behind
    drop-down menus, working sheets) are left out."""
    names = list(book.sheet_names)
    metadata = getattr(book, "sheets_metadata", None)
    hidden: set[str] = set()
    if metadata is not None:
        hidden = {m.name for m in metadata if str(m.visible).rsplit(".", 1)[-1] != "Visible"}
    return [(i, name) for i, name in enumerate(names, start=1) if name not in hidden]


def _sheet_lines(book: Any, name: str, mapping: RegisterMapping, limit: int | None = None) -> list[_Line]:
    """A sheet's non-empty rows (the first ``limit`` rows only: enough to tell a fiche from a table)."""
    return _fiche_lines(itertools.islice(book.get_sheet_by_name(name).iter_rows(), limit), mapping)


def _fiche_rows(
    book: Any, sheets: list[tuple[int, str]], mapping: RegisterMapping, source: str
) -> Iterator[RegisterRow]:
    """Each sheet read as a fiche, one at a time (a sheet is dropped before the next is loaded)."""
    for position, name in sheets:
        where = f"{source} [{name}]"
        try:
            lines = _sheet_lines(book, name, mapping)
        except Exception as exc:  # the library raises its own error types for a broken sheet
            yield _sheet_problem(position, where, f"feuille illisible : {exc}", f"unreadable sheet: {exc}")
            continue
        if not lines:
            continue  # an empty sheet, like a blank row
        labelled, widest = _fiche_shape(lines)
        if labelled == 0:
            yield _sheet_problem(
                position,
                where,
                "aucun libellé de fiche reconnu (ex. « Nom du traitement », « Finalité principale ») : "
                "la feuille n'est pas lue ; nommez ses libellés dans le fichier de correspondance "
                "(columns)",
                "no fiche label recognised: the sheet is not read; name its labels in the mapping file "
                "(columns)",
            )
            continue
        if widest > labelled:
            yield _sheet_problem(
                position,
                where,
                f"la feuille a la forme d'un tableau ({widest} en-têtes connus sur une ligne), pas d'une "
                "fiche : lisez-la avec « layout: table » et « sheet »",
                f"the sheet is shaped as a table ({widest} known headers on one row), not as a fiche: "
                "read it with 'layout: table' and 'sheet'",
            )
            continue
        row = _fiche_row(position, name, lines, mapping, source)
        if row is not None:
            yield row


def _open_fiches(book: Any, source: str, fmt: RegisterFormat, mapping: RegisterMapping) -> Register | None:
    """The workbook read fiche by fiche, or ``None`` when it is to be read as a table.

    Automatic (``layout: auto``, no ``sheet`` or ``header_row``): fiches when the
    second visible sheet (the first when it is alone) looks like a fiche. The first
    sheet (the organisation and the list of activities, in the CNIL model) is read
    as a fiche only when it is one itself; otherwise it is not read.
    """
    if mapping.layout == "table" or (
        mapping.layout == "auto" and (mapping.sheet is not None or mapping.header_row is not None)
    ):
        return None
    sheets = _visible_sheets(book)
    if not sheets:
        if mapping.layout == "fiches":
            raise _fatal(
                source, "le classeur n'a aucune feuille visible", "the workbook has no visible sheet"
            )
        return None
    try:
        probe = _sheet_lines(book, sheets[min(1, len(sheets) - 1)][1], mapping, _FICHE_PROBE_ROWS)
        if mapping.layout == "auto" and not _looks_like_fiche(probe):
            return None
        first = _sheet_lines(book, sheets[0][1], mapping, _FICHE_PROBE_ROWS) if len(sheets) > 1 else probe
    except Exception as exc:  # a broken sheet: the table reader reports the workbook
        if mapping.layout == "auto":
            return None
        raise _fatal(source, f"classeur illisible : {exc}", f"unreadable workbook: {exc}") from exc
    # A lone sheet is a fiche when the mapping says so (a probe that found it to be one said so too).
    first_is_fiche = len(sheets) == 1 or _looks_like_fiche(first)
    read = sheets if first_is_fiche else sheets[1:]
    labels: dict[str, str] = {}
    for line in probe:
        if line.field is not None:
            labels.setdefault(line.field, line.label)
    skipped = "" if first_is_fiche else f" ; la première feuille (« {sheets[0][1]} ») n'est pas lue"
    skipped_en = "" if first_is_fiche else f"; the first sheet ('{sheets[0][1]}') is not read"
    note = t(
        f"classeur lu en fiches (une activité par feuille, modèle de la CNIL) : {len(read)} feuille(s)"
        + skipped,
        f"workbook read as fiches (one activity per sheet, the CNIL model): {len(read)} sheet(s)"
        + skipped_en,
    )
    return Register(
        source=source,
        format=fmt,
        sheet=None,
        columns=tuple((label, field) for field, label in labels.items()),
        ignored=(),
        notes=(note,),
        total=len(read),
        rows=_fiche_rows(book, read, mapping, source),
        layout="fiches",
    )


def _yaml_rows(items: Iterator[Loaded], source: str) -> Iterator[RegisterRow]:
    """A YAML register is a list of operations in aipd's format, each item loaded strictly by
    :func:`aipd.io.load_each` with its lines in the file: a faulty item fails alone, and the row
    carries the operation itself."""
    for item in items:
        if item.operation is not None:
            yield RegisterRow(number=item.line, source=source, data=item.operation)
        else:
            assert item.error is not None
            yield RegisterRow(number=item.line, source=source, data=item.fields, problems=item.error.problems)


def open_register(path: str | os.PathLike[str], *, mapping: RegisterMapping | None = None) -> Register:
    """Open a register and match its columns; its rows are read as they are iterated.

    A workbook (XLSX, ODS) laid out as the CNIL model, one « fiche de registre »
    per sheet, is read fiche by fiche (:func:`_open_fiches`); the mapping's
    ``layout`` forces either reading.

    Raises :class:`aipd.InputError` when the register as a whole cannot be read
    (unknown format, no recognisable header row, missing library).
    """
    p = Path(path)
    source = str(p)
    mapping = mapping or RegisterMapping()
    fmt = _FORMATS.get(p.suffix.lower())
    if fmt is None:
        raise _fatal(
            source,
            f"format non reconnu « {p.suffix} » (attendus : CSV, XLSX, ODS, YAML)",
            f"format not recognised '{p.suffix}' (expected: CSV, XLSX, ODS, YAML)",
        )
    if not p.is_file():
        raise _fatal(source, "fichier introuvable", "file not found")
    if fmt == "yaml":
        return Register(
            source=source,
            format=fmt,
            sheet=None,
            columns=(),
            ignored=(),
            notes=(),
            total=None,
            rows=_yaml_rows(load_each(p), source),  # the file's own faults are raised here, at once
        )
    notes: list[Text] = []
    if fmt == "csv":
        encoding, fallback = _csv_encoding(p)
        if fallback:
            notes.append(
                t(
                    "le fichier n'est pas en UTF-8 : lu en Windows-1252 (cp1252) ; vérifiez les accents",
                    "the file is not UTF-8: read as Windows-1252 (cp1252); check the accents",
                )
            )
        rows, total = _csv_rows(p, encoding)
        return _open_table(source, fmt, rows, mapping, sheet=None, notes=notes, total=total, header_search=1)
    book = _open_book(p, source)
    fiches = _open_fiches(book, source, fmt, mapping)
    if fiches is not None:
        return fiches
    chosen, srows, total = _sheet_rows(book, source, mapping)
    return _open_table(source, fmt, srows, mapping, sheet=chosen, notes=notes, total=total, header_search=20)


def read_csv_text(text: str, *, mapping: RegisterMapping | None = None, source: str = "<csv>") -> Register:
    """A register from CSV text already in memory (tests, web uploads)."""
    text = text.lstrip("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""), _dialect(text[: 64 * 1024]))
    rows = _csv_records(reader, source, text.rstrip("\r\n"))
    return _open_table(
        source, "csv", rows, mapping or RegisterMapping(), sheet=None, notes=[], total=None, header_search=1
    )

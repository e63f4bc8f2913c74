"""A register's reader keeps the conversion of the cell texts that repeat down the register.

What a cell says is a function of its column's field, its text and the register's mapping; the
problems and notes it gives name the row and the header. A warm reader must read each row exactly
as a reader that never saw another row: same values, same problems with the row's own number,
same notes. The properties below read a drawn sequence of rows with one reader and compare each
row with a fresh reader's reading, without caches: a field, a mapping or a row number left out of what the caches
are keyed by (or kept in them) makes them fail.
"""

from __future__ import annotations

import datetime as dt
import pickle
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from aipd.registers import RegisterMapping, _match_headers, _RowReader
from strategies import texts

HEADERS = [
    "Nom du traitement",
    "Finalité principale",
    "Base légale",
    "Catégories de données",
    "Données sensibles",
    "Données sensibles traitées",
    "Catégories de personnes concernées",
    "Destinataires",
    "Sous-traitants",
    "Responsables conjoints",
    "Domaine",
    "Nature de l'organisme",
    "monitoring.systematic",
    "Nombre de personnes concernées",
    "Date de création",
    "Système d'IA",
    "Durée de conservation",
    "Transferts hors UE",
    "N° de référence",
]

#: Texts seen in registers, each possible in any column: the same text means different things in
#: different columns (« Situation familiale » is ordinary data, and a sensitive one to check), so a
#: cache that forgot the field would be caught.
SHARED = [
    "",
    "?",
    "Néant",
    "Non",
    "oui",
    "Santé",
    "NIR",
    "Situation familiale",
    "État civil ; ?",
    "Voir fiche",
    "Voir fiche : données de santé",
    "Agents",
    "Enfants\nParents d'élèves",
    "Personnes vulnérables",
    "Personnes handicapées",
    "Mission d'intérêt public",
    "Obligation légale ; Consentement",
    "Vidéosurveillance ; Gestion du personnel",
    "Ressources humaines",
    "commune",
    "Mairie",
    "xyz",
    "12 000",
    "12,000",
    "1.5",
    "01/02/2020",
    "2020-13-01",
    "peut-être",
    "Trésor public ; Aucun",
    "bizarre",
]

cells = st.one_of(
    st.sampled_from(SHARED),
    texts(12),
    st.none(),
    st.integers(-5, 50_000),
    st.sampled_from([12000.0, 1.5, True, False, dt.date(2020, 2, 1), dt.datetime(2021, 3, 4, 5, 6)]),
)


@st.composite
def rows(draw: st.DrawFn) -> list[list[Any]]:
    """A few rows whose cells come from a small pool: the same texts in several columns and rows, as
    in a register (what the caches keep, and what a key that forgot the field would mix up)."""
    pool = draw(st.lists(cells, min_size=1, max_size=5))
    cell = st.sampled_from(pool)
    return draw(st.lists(st.lists(cell, max_size=len(HEADERS)), min_size=2, max_size=10))


mappings = st.builds(
    RegisterMapping,
    values=st.sampled_from(
        [
            {},
            {"data": {"bizarre": "Données de santé", "Santé": "État civil"}},
            {"controller.kind": {"xyz": "commune"}, "legal_basis": {"xyz": "Contrat"}},
            {"data_subjects": {"Agents": "Enfants"}, "monitoring.systematic": {"peut-être": "oui"}},
        ]
    ),
    defaults=st.sampled_from([{}, {"controller.kind": "commune", "ai_system": "non"}, {"scale.persons": 12}]),
    separator=st.sampled_from([None, ";", ","]),
)


def _reader(mapping: RegisterMapping) -> _RowReader:
    fields, _, _ = _match_headers(HEADERS, mapping)
    return _RowReader(fields, HEADERS, mapping, "registre.csv")


def _cold(mapping: RegisterMapping, number: int, row: list[Any]) -> Any:
    """The row read by a fresh reader whose conversions are not kept at all."""
    reader = _reader(mapping)
    reader.cached_leaf = reader.leaf_text  # type: ignore[assignment]
    reader.bases = reader.read_bases  # type: ignore[assignment]
    reader.data = reader.read_data  # type: ignore[assignment]
    reader.subjects = reader.read_subjects  # type: ignore[assignment]
    reader.names = reader.read_names  # type: ignore[assignment]
    reader.domains = reader.read_domains  # type: ignore[assignment]
    return reader.read(number, row)


@settings(max_examples=150, deadline=None)
@given(rows(), mappings)
def test_a_warm_reader_reads_each_row_as_a_fresh_one(
    drawn: list[list[Any]], mapping: RegisterMapping
) -> None:
    """Rows read one after the other by one reader equal each read by a reader of its own: the
    problems name their own row, the notes and values are the row's (and the same row read again,
    under another number, gives its problems under that number)."""
    warm = _reader(mapping)
    numbered = [(n, row) for n, row in enumerate([*drawn, *drawn], start=2)]
    for number, row in numbered:
        assert warm.read(number, row) == _cold(mapping, number, row)


@settings(max_examples=100, deadline=None)
@given(rows(), mappings, mappings)
def test_readers_of_two_mappings_keep_their_own_readings(
    drawn: list[list[Any]], first: RegisterMapping, second: RegisterMapping
) -> None:
    """Two registers read side by side (a mapping each) never see each other's conversions."""
    readers = [_reader(first), _reader(second)]
    for number, row in enumerate(drawn, start=2):
        for reader, mapping in zip(readers, (first, second), strict=True):
            assert reader.read(number, row) == _cold(mapping, number, row)


@settings(max_examples=50, deadline=None)
@given(rows(), mappings)
def test_a_pickled_reader_reads_as_the_original(drawn: list[list[Any]], mapping: RegisterMapping) -> None:
    """The processes of a parallel triage get the reader pickled: it reads every row alike."""
    reader = _reader(mapping)
    reader.read(1, drawn[0])  # a warm cache is not what is pickled
    copy = pickle.loads(pickle.dumps(reader))
    for number, row in enumerate(drawn, start=2):
        assert copy.read(number, row) == reader.read(number, row)


def test_a_repeated_bad_cell_is_a_problem_on_every_row_that_has_it() -> None:
    """The wording of a problem is kept with the cell's text; the problem itself names each row."""
    reader = _reader(RegisterMapping())
    read = [
        reader.read(n, ["Badgeuse", "", "", "", "", "", "", "", "", "", "", "xyz", "peut-être"])
        for n in (4, 9)
    ]
    for number, row in zip((4, 9), read, strict=True):
        assert row is not None
        assert [(p.path, p.line) for p in row.problems] == [
            ("« Nature de l'organisme »", number),
            ("« monitoring.systematic »", number),
        ]
        assert "xyz" in row.problems[0].message.fr

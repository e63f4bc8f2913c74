"""The frozen model: validation at construction, derived facts, documentation of fields."""

import datetime as dt

import attrs
import pytest

from aipd import model as m
from aipd.vocabulary import DataKind, OrganisationKind, SubjectKind, Vulnerability


def controller() -> m.Controller:
    return m.Controller(name="Ville de Test", kind=OrganisationKind.COMMUNE)


def op(**kw: object) -> m.ProcessingOperation:
    base: dict[str, object] = {"id": "test", "name": "Test", "controller": controller()}
    return m.ProcessingOperation(**(base | kw))  # type: ignore[arg-type]  # test helper passes fields through


def test_frozen() -> None:
    """An operation cannot be changed after validation; attrs.evolve makes a new one."""
    o = op()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        o.name = "x"  # type: ignore[misc]  # the point of the test
    assert attrs.evolve(o, name="x").name == "x"


@pytest.mark.parametrize("bad", ["Test", "a b", "", "-x", "é"])
def test_id_must_be_a_slug(bad: str) -> None:
    """Ids are lower-case slugs, so they are stable in file names and documents."""
    with pytest.raises(ValueError, match="identifiant"):
        op(id=bad)


def test_siren_and_country() -> None:
    """SIREN has nine digits; countries are ISO alpha-2 codes."""
    with pytest.raises(ValueError, match="9 chiffres"):
        m.Controller(name="x", kind=OrganisationKind.COMMUNE, siren="12345")
    with pytest.raises(ValueError, match="code pays"):
        m.Transfer(recipient="x", country="usa")
    assert m.Transfer(recipient="x", country="US").country == "US"


def test_counts_non_negative() -> None:
    """A negative number of persons is refused, naming the field."""
    with pytest.raises(ValueError, match="persons"):
        m.Scale(persons=-1)


def test_text_cleaned_on_construction() -> None:
    """Text built in Python is cleaned as well as text loaded from a file."""
    assert op(name="Cantine\x07 scolaire").name == "Cantine scolaire"


def test_unknown_is_distinct_from_false() -> None:
    """Facts default to None (unknown), never to False."""
    o = op()
    assert o.monitoring.systematic is None
    assert o.evaluation.scoring is None
    assert o.persons is None


def test_persons_from_categories() -> None:
    """Without a scale figure, persons is the sum of known category counts, else unknown."""
    subjects = (
        m.SubjectCategory(kind=SubjectKind.CHILDREN, count=300),
        m.SubjectCategory(kind=SubjectKind.PARENTS, count=450),
    )
    assert op(data_subjects=subjects).persons == 750
    partial = (*subjects, m.SubjectCategory(kind=SubjectKind.AGENTS))
    assert op(data_subjects=partial).persons is None
    assert op(data_subjects=subjects, scale=m.Scale(persons=10)).persons == 10


def test_special_categories_and_vulnerability() -> None:
    """Derived facts read the declared categories."""
    o = op(data=(m.DataCategory(kind=DataKind.HEALTH), m.DataCategory(kind=DataKind.IDENTITY)))
    assert o.special_categories == (DataKind.HEALTH,)
    s = m.SubjectCategory(kind=SubjectKind.RESIDENTS, vulnerabilities=(Vulnerability.ELDERLY,))
    assert s.is_vulnerable is True
    assert m.SubjectCategory(kind=SubjectKind.RESIDENTS).is_vulnerable is None
    assert m.SubjectCategory(kind=SubjectKind.RESIDENTS, vulnerable=False).is_vulnerable is False


def test_dates() -> None:
    """Dates are real dates."""
    assert op(created=dt.date(2025, 1, 2)).created == dt.date(2025, 1, 2)


def _classes() -> list[type]:
    return [getattr(m, name) for name in m.__all__]


@pytest.mark.parametrize("cls", _classes(), ids=lambda c: c.__name__)
def test_every_field_documented_in_both_languages(cls: type) -> None:
    """Every field has a French and an English description, so the YAML reference is complete."""
    assert cls.__doc__
    for a in attrs.fields(cls):
        doc = a.metadata.get("doc")
        assert doc is not None, f"{cls.__name__}.{a.name} has no doc"
        assert doc.fr.strip()
        assert doc.en.strip()


def test_every_field_of_the_model_and_settings_is_hashed() -> None:
    """aipd._purity watches a plug-in's tests by the hash of the operation and settings: a field left out
    of eq or hash would let a change to it go unseen."""
    import aipd.model as model
    from aipd.settings import Settings

    classes = [c for c in vars(model).values() if isinstance(c, type) and attrs.has(c)] + [Settings]
    assert len(classes) > 10
    for cls in classes:
        for field in attrs.fields(cls):
            assert field.eq, (cls.__name__, field.name)
            assert field.hash is not False, (cls.__name__, field.name)


def test_levels_rank_as_the_cnil_scale_and_back() -> None:
    """Ranks are stored on the members once read (for speed): still 1 to 4 in the CNIL's order,
    and from_rank gives the member back, clamped to the scale."""
    from aipd.vocabulary import Level

    assert [level.rank for level in Level] == [1, 2, 3, 4]
    assert all(Level.from_rank(level.rank) is level for level in Level)
    assert (Level.from_rank(0), Level.from_rank(9)) == (Level.NEGLIGIBLE, Level.MAXIMUM)
    assert Level("significant").rank == 3

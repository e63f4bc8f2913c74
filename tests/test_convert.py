"""Model to plain data, canonical JSON and digest."""

import datetime as dt

from aipd import model as m
from aipd.convert import canonical_json, digest, unstructure
from aipd.vocabulary import DataKind, OrganisationKind


def sample() -> m.ProcessingOperation:
    return m.ProcessingOperation(
        id="x",
        name="Nom é",
        controller=m.Controller(name="Ville", kind=OrganisationKind.COMMUNE),
        created=dt.date(2025, 3, 1),
        data=(m.DataCategory(kind=DataKind.HEALTH),),
    )


def test_defaults_are_omitted() -> None:
    """Only what differs from the defaults is written."""
    data = unstructure(sample())
    assert data == {
        "id": "x",
        "name": "Nom é",
        "controller": {"name": "Ville", "kind": "commune"},
        "created": "2025-03-01",
        "data": [{"kind": "health"}],
    }


def test_canonical_json_and_digest_are_stable() -> None:
    """Equal operations give the same canonical text and digest; a change changes it."""
    assert canonical_json(sample()) == canonical_json(sample())
    assert digest(sample()) == digest(sample())
    assert len(digest(sample())) == 64
    other = m.ProcessingOperation(
        id="x", name="Nom", controller=m.Controller(name="Ville", kind=OrganisationKind.COMMUNE)
    )
    assert digest(other) != digest(sample())
    assert "é" in canonical_json(sample())

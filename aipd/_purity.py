"""Seeing that a plug-in's test changed the operation or the settings it was given.

The operation and the settings are frozen attrs classes: ``op.name = ...`` raises. But
``object.__setattr__(op, "name", ...)`` goes round the freeze, and a test that did so changed,
silently, what every later rule, the risks and the document read (a settings'
``high_risk_level`` raised to « maximale » and no risk was high any more). aipd cannot stop
Python code from doing that; it sees it afterwards: :func:`snapshot` records every field of
every attrs value in the tree (read through the slots, so that no property runs), and a stage
that ran a test of a plug-in that is not aipd's compares the snapshot taken before with the
one taken after. Built-in plug-ins are aipd's own code and are not watched, so an assessment
without other plug-ins pays nothing.
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import functools
import re
import types
from collections.abc import Callable
from typing import Any

from aipd.text import XML_ILLEGAL_CLASS

__all__ = ["MAX_CATALOGUE_TEXT", "MAX_RATIONALE", "Watch", "bad_character", "snapshot"]

_ATOMS = (str, int, float, bool, type(None), dt.date, dt.time, dt.timedelta, decimal.Decimal, enum.Enum)


_ATOM, _SEQUENCE, _ATTRS, _SET, _DICT, _OTHER = range(6)
#: How each class is recorded, worked out once per class (a snapshot visits every value).
_KINDS: dict[type, tuple[int, tuple[Callable[[Any], Any], ...]]] = {}


def _kind(cls: type) -> tuple[int, tuple[Callable[[Any], Any], ...]]:
    fields = getattr(cls, "__attrs_attrs__", None)
    if fields is not None:
        # Each field read through its slot, not through the class: a property (a subclass
        # watching a read, as triage's controller does) must not run.
        getters: list[Callable[[Any], Any]] = []
        for field in fields:
            for klass in cls.__mro__:
                slot = klass.__dict__.get(field.name)
                if isinstance(slot, types.MemberDescriptorType):
                    getters.append(slot.__get__)
                    break
            else:  # a dict class: the value is in __dict__
                getters.append(functools.partial(_from_dict, field.name))
        kind = (_ATTRS, tuple(getters))
    elif issubclass(cls, _ATOMS):
        kind = (_ATOM, ())
    elif issubclass(cls, tuple | list):
        kind = (_SEQUENCE, ())
    elif issubclass(cls, frozenset | set):
        kind = (_SET, ())
    elif issubclass(cls, dict):
        kind = (_DICT, ())
    else:
        kind = (_OTHER, ())
    _KINDS[cls] = kind
    return kind


def _from_dict(name: str, obj: Any) -> Any:
    return vars(obj).get(name)


def snapshot(value: Any) -> Any:
    """A comparable record of ``value`` and of everything it holds, at this moment."""
    cls = value.__class__
    kind, getters = _KINDS.get(cls) or _kind(cls)
    if kind == _ATOM:
        return value
    if kind == _ATTRS:
        return (cls, [snapshot(get(value)) for get in getters])
    if kind == _SEQUENCE:
        return (cls, [snapshot(v) for v in value])
    if kind == _SET:
        return (cls, frozenset(map(_hashable, value)))
    if kind == _DICT:
        return (cls, [(snapshot(k), snapshot(v)) for k, v in value.items()])
    return (cls, id(value))


def _hashable(value: Any) -> Any:
    state = snapshot(value)
    return state if state is value else repr(state)


class Watch:
    """The state of one operation and its settings, checked after each test of a plug-in not aipd's.

    One watch serves a whole stage (the rules of a screening, the ``applies`` of a risk
    analysis): the state is recorded before the first watched test and compared after each,
    so the plug-in that changed something is the one named.
    """

    __slots__ = ("_state", "operation", "settings")

    def __init__(self, operation: object, settings: object) -> None:
        self.operation = operation
        self.settings = settings
        self._state: Any = None

    def before(self) -> None:
        """Record the state, unless it already is (it cannot have changed since: it is checked)."""
        if self._state is None:
            self._state = self._now()

    def changed(self) -> bool:
        """Whether the operation or the settings differ from the recorded state."""
        return bool(self._now() != self._state)

    def _now(self) -> Any:
        # The frozen classes' hash covers every field of the whole tree (no field is left out of eq
        # or hash, a test checks it) and costs a ninth of a snapshot (10 µs against 88 µs for the
        # cameras example, read after each watched test); a value that cannot be hashed falls back
        # to the snapshot. Equal hashes of different states are a fault's odds, not a plug-in's.
        state = (self.operation, self.settings)
        try:
            return hash(state)
        except TypeError:
            return snapshot(state)


# What a plug-in's text may not hold: the characters XML 1.0 forbids (a .docx cannot be written:
# aipd render stopped on a ValueError; ESC among them, which a terminal reads as a command). A
# catalogue text (a title, a source) is the plug-in's alone, so it may not hold DEL, the C1
# controls (CSI is a command too) nor the private-use characters that mark an « À compléter »
# item or the document's layout (:data:`aipd.render.text.RESERVED`, U+E000 to U+E005), which only
# aipd's templates write. A rationale may quote the user's facts, which are cleaned of the first
# set only (:mod:`aipd.text`): it is held to that set, so that a plug-in is never blamed for what
# the user typed (the document's context removes the private-use ones from every text).
_NOT_XML = XML_ILLEGAL_CLASS  # what aipd.text removes from the user's text: one definition
_IN_RATIONALE = re.compile(f"[{_NOT_XML}]")
_IN_CATALOGUE = re.compile(f"[{_NOT_XML}\\x7f-\\x9f\\ue000-\\ue005]")


#: The longest text (in characters) a catalogue value may hold: aipd's longest is under 800; a page
#: is about 3 000. A plug-in's 30 million-character title stopped ``aipd render`` with a TemplateError
#: that named aipd's own template (its MAX_OUTPUT), not the plug-in.
MAX_CATALOGUE_TEXT = 20_000
#: The longest rationale a plug-in's test may return: the largest input aipd reads
#: (:data:`aipd.io.MAX_BYTES`), so that quoting the user's facts never reaches it.
MAX_RATIONALE = 5 * 1024 * 1024


def bad_character(text: str, *, catalogue: bool = True) -> str | None:
    """The first character of ``text`` a plug-in may not write, as ``U+0000``, or ``None``.

    ``catalogue`` for a catalogue's text, else for a test's rationale (see above).
    """
    found = (_IN_CATALOGUE if catalogue else _IN_RATIONALE).search(text)
    return None if found is None else f"U+{ord(found.group()):04X}"

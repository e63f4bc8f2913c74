"""Model → plain data (dicts, lists, strings, numbers), for YAML, JSON and hashing.

Fields left at their default are omitted, so a dumped file shows what the user
said and nothing else; loading it back gives an equal object.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import hashlib
import json
from typing import Any

import attrs

__all__ = ["canonical_json", "digest", "unstructure"]


_NO_DEFAULT = object()
_SCALARS = frozenset({str, int, float, bool})


@functools.cache
def _fields(cls: type) -> tuple[tuple[str, Any], ...]:
    """Each field's name and default value (a factory called once), computed once per class."""
    plan = []
    for a in attrs.fields(cls):
        default = a.default
        if default is attrs.NOTHING:
            default = _NO_DEFAULT
        elif isinstance(default, attrs.Factory):  # type: ignore[arg-type]  # Factory is a class at runtime
            # Compared with ``==`` only, never handed out, so one value per class is enough;
            # a factory that takes the instance is called for each value.
            default = default if default.takes_self else default.factory()
        plan.append((a.name, default))
    return tuple(plan)


def unstructure(value: Any) -> Any:
    """Plain data for any model value; defaults are left out of attrs objects."""
    cls: Any = type(value)
    if getattr(cls, "__attrs_attrs__", None) is not None:
        out: dict[str, Any] = {}
        for name, default in _fields(cls):
            v = getattr(value, name)
            if isinstance(default, attrs.Factory):  # type: ignore[arg-type]  # Factory is a class at runtime
                default = default.factory(value)
            if default is not _NO_DEFAULT and v == default:
                continue
            out[name] = unstructure(v)
        return out
    if value is None or type(value) in _SCALARS:  # the common leaves, before the isinstance chain
        return value
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [unstructure(v) for v in value]
    if isinstance(value, frozenset | set):
        return sorted(unstructure(v) for v in value)
    return value


def canonical_json(value: Any) -> str:
    """A canonical JSON text of a model value: sorted keys, no spaces, UTF-8 kept."""
    return json.dumps(unstructure(value), sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def digest(value: Any) -> str:
    """SHA-256 of :func:`canonical_json`, printed in the traceability annex."""
    return hashlib.sha256(canonical_json(value).encode("utf-8")).hexdigest()

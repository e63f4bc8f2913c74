"""Model → plain data (dicts, lists, strings, numbers), for YAML, JSON and hashing.

Fields left at their default are omitted, so a dumped file shows what the user
said and nothing else; loading it back gives an equal object.
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import json
from typing import Any

import attrs

__all__ = ["canonical_json", "digest", "unstructure"]


def unstructure(value: Any) -> Any:
    """Plain data for any model value; defaults are left out of attrs objects."""
    if attrs.has(type(value)):
        out: dict[str, Any] = {}
        for a in attrs.fields(type(value)):
            v = getattr(value, a.name)
            default = a.default
            if isinstance(default, attrs.Factory):  # type: ignore[arg-type]  # Factory is a class at runtime
                default = default.factory()
            if v == default:
                continue
            out[a.name] = unstructure(v)
        return out
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

"""The plug-in registry: a typed facade over pluggy's ``PluginManager``.

It loads the built-in plug-ins and every plug-in installed under the ``aipd``
entry-point group, checks that each implements only hooks that exist, calls
each plug-in on its own so every value records who contributed it, validates
types and ids, and returns catalogues sorted by id. Any fault is a
:class:`aipd.PluginError` naming the plug-in and its version.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Sequence
from importlib import metadata
from pathlib import Path
from types import ModuleType
from typing import Any, TypeVar

import attrs
import pluggy

from aipd import hookspecs
from aipd._version import __version__
from aipd.catalogue import Criterion, ListItem, MeasureType, RiskType
from aipd.errors import PluginError
from aipd.i18n import t

__all__ = ["BUILTIN_PLUGINS", "Catalogue", "PluginInfo", "Registry", "default_registry"]

ENTRY_POINT_GROUP = "aipd"

#: The built-in plug-ins, registered under these names, in this order (order never
#: matters for results: everything is sorted by id).
BUILTIN_PLUGINS: tuple[tuple[str, str], ...] = ()


@attrs.frozen(kw_only=True, order=True)
class PluginInfo:
    """Who contributed a value: the plug-in's registered name and its version."""

    name: str
    version: str | None
    distribution: str | None = None
    builtin: bool = False

    def label(self) -> str:
        return f"{self.name} {self.version}" if self.version else self.name


V = TypeVar("V", Criterion, ListItem, RiskType, MeasureType)


@attrs.frozen(kw_only=True)
class Catalogue:
    """Everything the plug-ins contribute, sorted by id, with provenance."""

    criteria: tuple[Criterion, ...]
    list_items: tuple[ListItem, ...]
    risks: tuple[RiskType, ...]
    measures: tuple[MeasureType, ...]
    template_dirs: tuple[Path, ...]
    plugins: tuple[PluginInfo, ...]
    provenance: dict[str, PluginInfo] = attrs.field(eq=False)

    def origin(self, value_id: str) -> PluginInfo:
        """The plug-in that contributed the value with this id."""
        return self.provenance[value_id]

    def measure(self, measure_id: str) -> MeasureType | None:
        """The catalogue measure with this id, if any."""
        for m in self.measures:
            if m.id == measure_id:
                return m
        return None


class Registry:
    """Loads plug-ins and collects their catalogues.

    ``Registry()`` loads the built-in plug-ins and installed entry points;
    ``Registry(entry_points=False)`` only the built-ins; extra plug-in objects
    (modules, instances) can be passed in ``plugins`` as ``(name, object)`` pairs,
    which is how tests and notebooks try a plug-in without packaging it.
    """

    def __init__(
        self,
        *,
        builtins: bool = True,
        entry_points: bool = True,
        plugins: Iterable[tuple[str, object]] = (),
        blocked: Iterable[str] = (),
    ) -> None:
        self._pm = pluggy.PluginManager(hookspecs.PROJECT)
        self._pm.add_hookspecs(hookspecs)
        self._info: dict[str, PluginInfo] = {}
        self.blocked: frozenset[str] = frozenset(blocked)
        for name in self.blocked:
            self._pm.set_blocked(name)
        if builtins:
            for name, module in BUILTIN_PLUGINS:
                self._register(
                    name,
                    _import(name, module),
                    PluginInfo(name=name, version=__version__, distribution="aipd", builtin=True),
                )
        if entry_points:
            self._load_entry_points()
        for name, obj in plugins:
            self._register(name, obj, PluginInfo(name=name, version=_object_version(obj)))
        try:
            self._pm.check_pending()
        except pluggy.PluginValidationError as exc:
            name = self._pm.get_name(exc.plugin) or "?"
            raise PluginError(
                name,
                self._version_of(name),
                t(
                    f"implémente un hook inconnu (faute de frappe ?) : {exc}",
                    f"implements an unknown hook (misspelled?): {exc}",
                ),
            ) from exc
        self._catalogue: Catalogue | None = None

    # -- loading -------------------------------------------------------------------------

    def _register(self, name: str, obj: object, info: PluginInfo) -> None:
        if name in self.blocked:
            return
        if self._pm.has_plugin(name):
            other = self._info.get(name)
            raise PluginError(
                name,
                info.version,
                t(
                    f"un autre plug-in porte déjà ce nom ({other.label() if other else '?'})",
                    f"another plug-in already has this name ({other.label() if other else '?'})",
                ),
            )
        try:
            self._pm.register(obj, name=name)
        except (pluggy.PluginValidationError, ValueError) as exc:
            raise PluginError(
                name,
                info.version,
                t(f"enregistrement refusé : {exc}", f"registration refused: {exc}"),
            ) from exc
        self._info[name] = info

    def _load_entry_points(self) -> None:
        eps = sorted(metadata.entry_points(group=ENTRY_POINT_GROUP), key=lambda ep: ep.name)
        for ep in eps:
            if ep.name in self.blocked:
                continue
            dist = ep.dist.name if ep.dist is not None else None
            version = ep.dist.version if ep.dist is not None else None
            try:
                obj = ep.load()
            except Exception as exc:
                raise PluginError(
                    ep.name,
                    version,
                    t(
                        f"impossible d'importer {ep.value} : {type(exc).__name__}: {exc}",
                        f"cannot import {ep.value}: {type(exc).__name__}: {exc}",
                    ),
                ) from exc
            self._register(ep.name, obj, PluginInfo(name=ep.name, version=version, distribution=dist))

    def _version_of(self, name: str) -> str | None:
        info = self._info.get(name)
        return info.version if info else None

    # -- collecting ------------------------------------------------------------------------

    @property
    def plugins(self) -> tuple[PluginInfo, ...]:
        """The loaded plug-ins, sorted by name."""
        return tuple(sorted(self._info.values(), key=lambda i: i.name))

    def catalogue(self) -> Catalogue:
        """Call every catalogue hook once and return the validated, sorted result."""
        if self._catalogue is None:
            provenance: dict[str, PluginInfo] = {}
            criteria = self._collect("aipd_criteria", Criterion, provenance)
            items = self._collect("aipd_list_items", ListItem, provenance)
            risks = self._collect("aipd_risks", RiskType, provenance)
            measures = self._collect("aipd_measures", MeasureType, provenance)
            dirs: list[Path] = []
            for name, result in self._call_each("aipd_template_dirs"):
                for d in _as_iterable(name, self._version_of(name), result, "aipd_template_dirs"):
                    if not isinstance(d, Path):
                        raise self._wrong_type(name, "aipd_template_dirs", "pathlib.Path", d)
                    dirs.append(d)
            self._catalogue = Catalogue(
                criteria=criteria,
                list_items=items,
                risks=risks,
                measures=measures,
                template_dirs=tuple(dirs),
                plugins=self.plugins,
                provenance=provenance,
            )
        return self._catalogue

    def _call_each(self, hook_name: str) -> list[tuple[str, Any]]:
        """Call each implementation of a hook on its own, sorted by plug-in name."""
        caller = getattr(self._pm.hook, hook_name)
        results: list[tuple[str, Any]] = []
        impls = sorted(caller.get_hookimpls(), key=lambda impl: impl.plugin_name)
        for impl in impls:
            name = impl.plugin_name
            try:
                results.append((name, impl.function()))
            except Exception as exc:
                raise PluginError(
                    name,
                    self._version_of(name),
                    t(
                        f"le hook {hook_name} a levé {type(exc).__name__}: {exc}",
                        f"hook {hook_name} raised {type(exc).__name__}: {exc}",
                    ),
                ) from exc
        return results

    def _collect(self, hook_name: str, kind: type[V], provenance: dict[str, PluginInfo]) -> tuple[V, ...]:
        values: list[V] = []
        for name, result in self._call_each(hook_name):
            info = self._info[name]
            for value in _as_iterable(name, info.version, result, hook_name):
                if not isinstance(value, kind):
                    raise self._wrong_type(name, hook_name, kind.__name__, value)
                if value.id in provenance:
                    other = provenance[value.id]
                    raise PluginError(
                        name,
                        info.version,
                        t(
                            f"identifiant en double « {value.id} » (déjà fourni par {other.label()})",
                            f"duplicate id '{value.id}' (already contributed by {other.label()})",
                        ),
                    )
                provenance[value.id] = info
                values.append(value)
        return tuple(sorted(values, key=lambda v: v.id))

    def _wrong_type(self, name: str, hook: str, expected: str, got: object) -> PluginError:
        return PluginError(
            name,
            self._version_of(name),
            t(
                f"le hook {hook} doit renvoyer des {expected}, reçu {type(got).__name__}",
                f"hook {hook} must return {expected} values, got {type(got).__name__}",
            ),
        )


def _as_iterable(name: str, version: str | None, result: object, hook: str) -> Sequence[Any]:
    if result is None or isinstance(result, str | bytes) or not isinstance(result, Iterable):
        raise PluginError(
            name,
            version,
            t(
                f"le hook {hook} doit renvoyer une liste, reçu {type(result).__name__}",
                f"hook {hook} must return an iterable, got {type(result).__name__}",
            ),
        )
    return list(result)


def _import(name: str, module: str) -> ModuleType:
    try:
        return importlib.import_module(module)
    except Exception as exc:
        raise PluginError(
            name,
            __version__,
            t(f"impossible d'importer {module} : {exc}", f"cannot import {module}: {exc}"),
        ) from exc


def _object_version(obj: object) -> str | None:
    version = getattr(obj, "__version__", None)
    return version if isinstance(version, str) else None


_DEFAULT: dict[frozenset[str], Registry] = {}


def default_registry(blocked: Iterable[str] = ()) -> Registry:
    """The registry of installed plug-ins, built once per set of blocked names."""
    key = frozenset(blocked)
    if key not in _DEFAULT:
        _DEFAULT[key] = Registry(blocked=key)
    return _DEFAULT[key]

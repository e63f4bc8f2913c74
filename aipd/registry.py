"""The plug-in registry: a typed facade over pluggy's ``PluginManager``.

It loads the built-in plug-ins and every plug-in installed under the ``aipd``
entry-point group, checks that each implements only hooks that exist, with
arguments the hooks have, calls each plug-in on its own so every value records
who contributed it, validates types, ids and cross-references, and returns
catalogues sorted by id. Any fault is a :class:`aipd.PluginError` naming the
plug-in and its version: a compliance document must never change silently
because a package broke.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, TypeVar

import attrs
import pluggy

from aipd import hookspecs
from aipd._purity import MAX_CATALOGUE_TEXT, bad_character
from aipd._version import __version__
from aipd.catalogue import Criterion, Effect, ListItem, MeasureType, RiskType, id_sort_key
from aipd.errors import PluginError
from aipd.i18n import Text, format_number, t

if TYPE_CHECKING:  # importlib.metadata is imported when entry points are read (≈15 ms at start-up)
    from importlib import metadata

__all__ = ["BUILTIN_PLUGINS", "Catalogue", "PluginInfo", "Registry", "default_registry"]

ENTRY_POINT_GROUP = "aipd"

#: The built-in plug-ins, registered under these names, in this order (order never
#: matters for results: everything is sorted by id).
BUILTIN_PLUGINS: tuple[tuple[str, str], ...] = (
    ("builtin.cnil_risks", "aipd_builtin.cnil_risks"),
    ("builtin.measures", "aipd_builtin.measures"),
    ("builtin.wp248", "aipd_builtin.wp248"),
    ("builtin.gdpr", "aipd_builtin.gdpr"),
    ("builtin.cnil_lists", "aipd_builtin.cnil_lists"),
    ("builtin.ai_act", "aipd_builtin.ai_act"),
    ("builtin.ai_risks", "aipd_builtin.ai_risks"),
)


@attrs.frozen(kw_only=True, order=True)
class PluginInfo:
    """Who contributed a value: the plug-in's registered name and its version."""

    name: str
    version: str | None
    distribution: str | None = None
    builtin: bool = False

    def label(self) -> str:
        """The name and version, as outputs print who contributed a value."""
        return f"{self.name} {self.version}" if self.version else self.name


V = TypeVar("V", Criterion, ListItem, RiskType, MeasureType)
D = TypeVar("D")


@attrs.frozen(kw_only=True)
class Catalogue:
    """Everything the plug-ins contribute, sorted by id, with provenance.

    ``blocked`` lists the installed plug-ins that were found but not loaded
    because they were blocked by name, so an output can say what was left out.
    """

    criteria: tuple[Criterion, ...]
    list_items: tuple[ListItem, ...]
    risks: tuple[RiskType, ...]
    measures: tuple[MeasureType, ...]
    template_dirs: tuple[Path, ...]
    plugins: tuple[PluginInfo, ...]
    provenance: dict[str, PluginInfo] = attrs.field(eq=False)
    blocked: tuple[PluginInfo, ...] = ()
    # Derived once here, not at every screening: a long-running application or a triage of
    # 10 000 rows screens many operations against the same catalogue.
    #: Criteria and list items merged in id order (the order of the findings), each with its plug-in.
    rules: tuple[tuple[Criterion | ListItem, PluginInfo], ...] = attrs.field(init=False, eq=False, repr=False)
    #: The catalogue's measures by id.
    measures_by_id: dict[str, MeasureType] = attrs.field(init=False, eq=False, repr=False)
    #: For each risk id, the ids of the measures whose ``reduces`` names it, in id order.
    reducers: dict[str, tuple[str, ...]] = attrs.field(init=False, eq=False, repr=False)
    _derived: dict[str, object] = attrs.field(init=False, eq=False, repr=False, factory=dict)

    def __attrs_post_init__(self) -> None:
        merged: list[Criterion | ListItem] = [*self.criteria, *self.list_items]
        merged.sort(key=lambda r: id_sort_key(r.id))
        object.__setattr__(self, "rules", tuple((r, self.provenance[r.id]) for r in merged))
        object.__setattr__(self, "measures_by_id", {m.id: m for m in self.measures})
        reducers: dict[str, list[str]] = {}
        for m in self.measures:
            for risk_id in m.reduces:
                reducers.setdefault(risk_id, []).append(m.id)
        object.__setattr__(self, "reducers", {k: tuple(v) for k, v in reducers.items()})

    def derived(self, key: str, build: Callable[[Catalogue], D]) -> D:
        """``build(self)``, computed on the first call with ``key`` and kept with the catalogue.

        For what a later stage derives from the catalogue alone (the fields each finding
        copies from its rule, the measures each risk proposes): worked out once, not at
        every operation of a triage. ``key`` names the stage (``"screening.rule_fields"``).
        """
        try:
            return self._derived[key]  # type: ignore[return-value]  # build(self) stored it
        except KeyError:
            return self._derived.setdefault(key, build(self))  # type: ignore[return-value]

    def origin(self, value_id: str) -> PluginInfo:
        """The plug-in that contributed the value with this id."""
        return self.provenance[value_id]

    def measure(self, measure_id: str) -> MeasureType | None:
        """The catalogue measure with this id, if any."""
        return self.measures_by_id.get(measure_id)


def _installed_entry_points() -> list[metadata.EntryPoint]:
    """The installed entry points of the ``aipd`` group, sorted by name.

    A function of its own so tests can stand in fake distributions.
    """
    from importlib import metadata

    return sorted(metadata.entry_points(group=ENTRY_POINT_GROUP), key=lambda ep: ep.name)


class Registry:
    """Loads plug-ins and collects their catalogues.

    ``Registry()`` loads the built-in plug-ins and installed entry points;
    ``Registry(entry_points=False)`` only the built-ins; extra plug-in objects
    (modules, instances) can be passed in ``plugins`` as ``(name, object)`` pairs,
    which is how tests and notebooks try a plug-in without packaging it.
    ``blocked`` names plug-ins (built-in, installed or extra) not to load; a
    blocked plug-in is not even imported.

    There is one method per hook (:meth:`criteria`, :meth:`list_items`,
    :meth:`risks`, :meth:`measures`, :meth:`template_dirs`), typed, so code
    around pluggy stays checked by ``mypy --strict``.
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
        self._blocked_seen: dict[str, PluginInfo] = {}
        self.blocked: frozenset[str] = frozenset(blocked)
        for name in self.blocked:
            self._pm.set_blocked(name)
        if builtins:
            for name, module in BUILTIN_PLUGINS:
                info = PluginInfo(name=name, version=__version__, distribution="aipd", builtin=True)
                if self._skip(info):
                    continue
                self._register(name, _import(name, module), info)
        if entry_points:
            self._load_entry_points()
        for name, obj in plugins:
            info = PluginInfo(name=name, version=_object_version(obj))
            if self._skip(info):
                continue
            self._register(name, obj, info)
        self._check_pending()
        self._catalogue: Catalogue | None = None

    # -- loading -------------------------------------------------------------------------

    def _skip(self, info: PluginInfo) -> bool:
        """True when the plug-in is blocked; remembers it so outputs can say so."""
        if info.name in self.blocked:
            self._blocked_seen[info.name] = info
            return True
        return False

    def _register(self, name: str, obj: object, info: PluginInfo) -> None:
        if name in self._info:
            other = self._info[name]
            raise PluginError(
                name,
                info.version,
                t(
                    f"un autre plug-in porte déjà ce nom ({other.label()}"
                    f"{', ' + other.distribution if other.distribution else ''})",
                    f"another plug-in already has this name ({other.label()}"
                    f"{', ' + other.distribution if other.distribution else ''})",
                ),
            )
        try:
            self._pm.register(obj, name=name)
        except pluggy.PluginValidationError as exc:
            raise PluginError(
                name,
                info.version,
                t(
                    f"signature de hook refusée (seuls les arguments de la spécification sont permis) : {exc}",
                    f"hook signature refused (only the specification's arguments are allowed): {exc}",
                ),
            ) from exc
        except ValueError as exc:
            # pluggy refuses the same object under two names (two entry points, one module).
            raise PluginError(
                name,
                info.version,
                t(f"enregistrement refusé : {exc}", f"registration refused: {exc}"),
            ) from exc
        self._info[name] = info
        for caller in self._pm.get_hookcallers(obj) or ():
            for impl in caller.get_hookimpls():
                if impl.plugin is obj and (impl.wrapper or impl.hookwrapper):
                    # Catalogue hooks are collected plug-in by plug-in: a wrapper
                    # would see nothing to wrap, so it can only be a mistake.
                    raise PluginError(
                        name,
                        info.version,
                        t(
                            f"le hook {caller.name} est déclaré « wrapper » : les hooks d'aipd "
                            "renvoient des catalogues et ne s'enveloppent pas",
                            f"hook {caller.name} is declared a wrapper: aipd's hooks return "
                            "catalogues and are not wrapped",
                        ),
                    )

    def _load_entry_points(self) -> None:
        for ep in _installed_entry_points():
            dist = ep.dist.name if ep.dist is not None else None
            version = ep.dist.version if ep.dist is not None else None
            info = PluginInfo(name=ep.name, version=version, distribution=dist)
            if self._skip(info):
                continue
            try:
                obj = ep.load()
            except KeyboardInterrupt:
                raise
            except BaseException as exc:
                # SystemExit too: a plug-in that exits on import must not end the host quietly.
                raise PluginError(
                    ep.name,
                    version,
                    t(
                        f"impossible d'importer {ep.value} : {type(exc).__name__}: {exc}",
                        f"cannot import {ep.value}: {type(exc).__name__}: {exc}",
                    ),
                ) from exc
            self._register(ep.name, obj, info)

    def _check_pending(self) -> None:
        """Fail on an implementation whose hook does not exist (a misspelled hook name)."""
        try:
            self._pm.check_pending()
        except pluggy.PluginValidationError as exc:
            name = self._pm.get_name(exc.plugin) or "?"
            hooks = sorted(n for n in dir(hookspecs) if n.startswith("aipd_"))
            raise PluginError(
                name,
                self._version_of(name),
                t(
                    f"implémente un hook inconnu (faute de frappe ?) : {exc}. "
                    f"Hooks existants : {', '.join(hooks)}",
                    f"implements an unknown hook (misspelled?): {exc}. Existing hooks: {', '.join(hooks)}",
                ),
            ) from exc

    def _version_of(self, name: str) -> str | None:
        info = self._info.get(name)
        return info.version if info else None

    # -- what was loaded ---------------------------------------------------------------------

    @property
    def plugins(self) -> tuple[PluginInfo, ...]:
        """The loaded plug-ins, sorted by name."""
        return tuple(sorted(self._info.values(), key=lambda i: i.name))

    @property
    def blocked_plugins(self) -> tuple[PluginInfo, ...]:
        """The plug-ins found but not loaded because they were blocked, sorted by name."""
        return tuple(sorted(self._blocked_seen.values(), key=lambda i: i.name))

    def unknown_blocked(self) -> tuple[str, ...]:
        """Blocked names that matched no plug-in (a typo in ``--block`` is worth saying)."""
        return tuple(sorted(self.blocked - set(self._blocked_seen)))

    # -- one typed method per hook ------------------------------------------------------------

    def criteria(self) -> tuple[Criterion, ...]:
        """Hook ``aipd_criteria``: every criterion, sorted by id."""
        return self.catalogue().criteria

    def list_items(self) -> tuple[ListItem, ...]:
        """Hook ``aipd_list_items``: every item of a reference list, sorted by id."""
        return self.catalogue().list_items

    def risks(self) -> tuple[RiskType, ...]:
        """Hook ``aipd_risks``: every risk, sorted by id."""
        return self.catalogue().risks

    def measures(self) -> tuple[MeasureType, ...]:
        """Hook ``aipd_measures``: every measure, sorted by id."""
        return self.catalogue().measures

    def template_dirs(self) -> tuple[Path, ...]:
        """Hook ``aipd_template_dirs``: template folders, in the order of their plug-in names."""
        return self.catalogue().template_dirs

    # -- collecting ------------------------------------------------------------------------

    def catalogue(self) -> Catalogue:
        """Call every catalogue hook once and return the validated, sorted result."""
        if self._catalogue is None:
            provenance: dict[str, PluginInfo] = {}
            criteria = self._collect("aipd_criteria", Criterion, provenance)
            items = self._collect("aipd_list_items", ListItem, provenance)
            risks = self._collect("aipd_risks", RiskType, provenance)
            measures = self._collect("aipd_measures", MeasureType, provenance)
            _check_counts_as(criteria, provenance)
            dirs: list[Path] = []
            for name, values in self._call_each("aipd_template_dirs"):
                for d in values:
                    if not isinstance(d, Path):
                        raise self._wrong_type(name, "aipd_template_dirs", "pathlib.Path", d)
                    if not d.is_dir():
                        raise PluginError(
                            name,
                            self._version_of(name),
                            t(
                                f"le dossier de modèles {d} n'existe pas",
                                f"the template folder {d} does not exist",
                            ),
                        )
                    dirs.append(d)
            self._catalogue = Catalogue(
                criteria=criteria,
                list_items=items,
                risks=risks,
                measures=measures,
                template_dirs=tuple(dirs),
                plugins=self.plugins,
                provenance=provenance,
                blocked=self.blocked_plugins,
            )
        return self._catalogue

    def _call_each(self, hook_name: str, **kwargs: Any) -> list[tuple[str, list[Any]]]:
        """Call each implementation of a hook on its own, sorted by plug-in name.

        Each plug-in receives only the keyword arguments it asks for, as pluggy
        does. The result is materialised here, inside the guard, because a hook
        written as a generator only runs when iterated.
        """
        caller = getattr(self._pm.hook, hook_name)
        results: list[tuple[str, list[Any]]] = []
        impls = sorted(caller.get_hookimpls(), key=lambda impl: impl.plugin_name)
        for impl in impls:
            name = impl.plugin_name
            try:
                result = impl.function(*(kwargs[arg] for arg in impl.argnames))
            except KeyboardInterrupt:
                raise
            except BaseException as exc:  # SystemExit too: a plug-in must not end the host
                raise self._raised(name, hook_name, exc) from exc
            if result is None or isinstance(result, str | bytes) or not isinstance(result, Iterable):
                raise PluginError(
                    name,
                    self._version_of(name),
                    t(
                        f"le hook {hook_name} doit renvoyer une liste (un itérable), reçu {type(result).__name__}",
                        f"hook {hook_name} must return an iterable, got {type(result).__name__}",
                    ),
                )
            try:
                values = list(result)
            except KeyboardInterrupt:
                raise
            except BaseException as exc:
                raise self._raised(name, hook_name, exc) from exc
            results.append((name, values))
        return results

    def _collect(self, hook_name: str, kind: type[V], provenance: dict[str, PluginInfo]) -> tuple[V, ...]:
        values: list[V] = []
        for name, result in self._call_each(hook_name):
            info = self._info[name]
            for value in result:
                if not isinstance(value, kind):
                    raise self._wrong_type(name, hook_name, kind.__name__, value)
                _check_callables(info, value)
                _check_characters(info, value)
                if value.id in provenance:
                    other = provenance[value.id]
                    if info.builtin and not other.builtin:
                        # Plug-ins are called by name, so « acme » comes before « builtin.* »: the
                        # fault is the plug-in's that took aipd's id, never aipd's (blocking aipd's
                        # plug-in, as the message suggested, let the vendor's rule replace it).
                        raise PluginError(
                            other.name,
                            other.version,
                            t(
                                f"identifiant en double « {value.id} » : c'est celui d'une règle d'aipd "
                                f"({info.label()}), qu'une extension ne peut pas remplacer",
                                f"duplicate id '{value.id}': it is the id of one of aipd's values "
                                f"({info.label()}), which a plug-in cannot replace",
                            ),
                        )
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
        return tuple(sorted(values, key=lambda v: id_sort_key(v.id)))

    def _raised(self, name: str, hook: str, exc: BaseException) -> PluginError:
        return PluginError(
            name,
            self._version_of(name),
            t(
                f"le hook {hook} a levé {type(exc).__name__}: {exc}",
                f"hook {hook} raised {type(exc).__name__}: {exc}",
            ),
        )

    def _wrong_type(self, name: str, hook: str, expected: str, got: object) -> PluginError:
        return PluginError(
            name,
            self._version_of(name),
            t(
                f"le hook {hook} doit renvoyer des {expected}, reçu {type(got).__name__}",
                f"hook {hook} must return {expected} values, got {type(got).__name__}",
            ),
        )


def _check_callables(info: PluginInfo, value: Criterion | ListItem | RiskType | MeasureType) -> None:
    """A rule's test must be callable: say so at load time, not in the middle of an assessment."""
    attr = "applies" if isinstance(value, (RiskType, MeasureType)) else "test"
    test = getattr(value, attr)
    # A measure's ``applies`` is optional (None: the measure always counts).
    if callable(test) or (isinstance(value, MeasureType) and test is None):
        return
    raise PluginError(
        info.name,
        info.version,
        t(
            f"« {value.id} » : {attr} doit être une fonction (operation, settings) -> Outcome",
            f"'{value.id}': {attr} must be a function (operation, settings) -> Outcome",
        ),
    )


def _strings_in(value: object, path: str) -> Iterator[tuple[str, str]]:
    """Every string of a catalogue value (its texts in both languages, its source), with its field."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, Text):
        yield f"{path}.fr", value.fr
        yield f"{path}.en", value.en
    elif isinstance(value, tuple):
        for i, item in enumerate(value):
            yield from _strings_in(item, f"{path}[{i}]")
    else:
        for field in getattr(type(value), "__attrs_attrs__", ()):
            yield from _strings_in(getattr(value, field.name), f"{path}.{field.name}" if path else field.name)


def _check_characters(info: PluginInfo, value: Criterion | ListItem | RiskType | MeasureType) -> None:
    """A catalogue text with a control character stops here, not in the middle of a render
    (a .docx cannot hold it) nor in a terminal (ESC sequences are commands there)."""
    for path, text in _strings_in(value, ""):
        if len(text) > MAX_CATALOGUE_TEXT:
            raise PluginError(
                info.name,
                info.version,
                t(
                    f"« {value.id} » : le texte {path} a {format_number(len(text), 'fr')} caractères, au plus "
                    f"{format_number(MAX_CATALOGUE_TEXT, 'fr')} sont admis",
                    f"'{value.id}': the text {path} has {len(text):,} characters, at most "
                    f"{MAX_CATALOGUE_TEXT:,} are allowed",
                ),
            )
        bad = bad_character(text)
        if bad is not None:
            raise PluginError(
                info.name,
                info.version,
                t(
                    f"« {value.id} » : le texte {path} contient le caractère {bad}, qu'un document ne peut "
                    "pas contenir (caractère de contrôle, ou marque réservée aux modèles d'aipd)",
                    f"'{value.id}': the text {path} holds the character {bad}, which a document cannot "
                    "hold (a control character, or a mark reserved to aipd's templates)",
                ),
            )


def _check_counts_as(criteria: tuple[Criterion, ...], provenance: dict[str, PluginInfo]) -> None:
    """``counts_as`` must name a loaded counted criterion, else it would add a criterion by accident."""
    by_id = {c.id: c for c in criteria}
    for c in criteria:
        if c.counts_as is None:
            continue
        target = by_id.get(c.counts_as)
        if target is None or target.effect is not Effect.COUNTS or target.counts_as is not None:
            info = provenance[c.id]
            raise PluginError(
                info.name,
                info.version,
                t(
                    f"« {c.id} » compte pour « {c.counts_as} », qui n'est pas un critère compté "
                    "fourni par un plug-in chargé (faute de frappe, ou plug-in bloqué ?)",
                    f"'{c.id}' counts as '{c.counts_as}', which is not a counted criterion "
                    "contributed by a loaded plug-in (a typo, or a blocked plug-in?)",
                ),
            )


def _import(name: str, module: str) -> ModuleType:
    try:
        return importlib.import_module(module)
    except KeyboardInterrupt:
        raise
    except BaseException as exc:
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

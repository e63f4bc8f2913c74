"""The plug-in registry: every way a plug-in can break is a loud PluginError naming it and its version."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Iterator
from importlib import metadata
from pathlib import Path
from typing import Any

import attrs
import pluggy
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aipd import registry as registry_module
from aipd.assess import assess
from aipd.catalogue import (
    Criterion,
    Effect,
    FindingStatus,
    ListItem,
    MeasureType,
    Outcome,
    ReferenceList,
    RiskType,
    Source,
)
from aipd.errors import PluginError
from aipd.hookspecs import hookimpl
from aipd.i18n import t
from aipd.model import Controller, ProcessingOperation
from aipd.registry import PluginInfo, Registry
from aipd.settings import Settings
from aipd.vocabulary import MeasureFamily, OrganisationKind

SOURCE = Source(citation=t("Source de test", "Test source"))


def operation(**kw: Any) -> ProcessingOperation:
    base: dict[str, Any] = {
        "id": "test",
        "name": "Traitement de test",
        "controller": Controller(name="Ville de Test", kind=OrganisationKind.COMMUNE),
    }
    return ProcessingOperation(**(base | kw))


def always(status: FindingStatus) -> Callable[[ProcessingOperation, Settings], Outcome]:
    def test(_op: ProcessingOperation, _settings: Settings) -> Outcome:
        if status is FindingStatus.UNKNOWN:
            return Outcome.unknown(t("inconnu", "unknown"), missing=("scale.persons",))
        return Outcome(status=status, rationale=t("raison", "reason"))

    return test


def criterion(
    cid: str,
    *,
    effect: Effect = Effect.COUNTS,
    status: FindingStatus = FindingStatus.MET,
    test: Callable[[ProcessingOperation, Settings], Any] | None = None,
    counts_as: str | None = None,
) -> Criterion:
    return Criterion(
        id=cid,
        title=t(f"Critère {cid}", f"Criterion {cid}"),
        source=SOURCE,
        effect=effect,
        test=test or always(status),
        counts_as=counts_as,
    )


class Plug:
    """A plug-in object contributing fixed criteria, as a notebook user would write one."""

    def __init__(self, *criteria: Criterion, version: str | None = "1.0") -> None:
        self._criteria = criteria
        if version is not None:
            self.__version__ = version

    @hookimpl
    def aipd_criteria(self) -> Iterable[Criterion]:
        return self._criteria


def only(*plugins: tuple[str, object], blocked: Iterable[str] = ()) -> Registry:
    """A registry with just these plug-ins (no built-ins, no installed entry points)."""
    return Registry(builtins=False, entry_points=False, plugins=plugins, blocked=blocked)


# --- fake installed distributions ---------------------------------------------------------


@attrs.frozen
class FakeDists:
    """Writes distributions with an ``aipd`` entry point into a folder that stands for site-packages."""

    root: Path

    def add(self, *, dist: str, version: str, ep_name: str, module: str, source: str) -> None:
        (self.root / f"{module}.py").write_text(source, encoding="utf-8")
        info = self.root / f"{dist}-{version}.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(
            f"Metadata-Version: 2.1\nName: {dist}\nVersion: {version}\n", encoding="utf-8"
        )
        (info / "entry_points.txt").write_text(f"[aipd]\n{ep_name} = {module}\n", encoding="utf-8")


@pytest.fixture
def fake_dists(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeDists]:
    """Installed entry points are only those of the fake distributions written in tmp_path."""
    monkeypatch.syspath_prepend(str(tmp_path))

    def installed() -> list[metadata.EntryPoint]:
        eps = [
            ep
            for d in metadata.distributions(path=[str(tmp_path)])
            for ep in d.entry_points
            if ep.group == "aipd"
        ]
        return sorted(eps, key=lambda ep: ep.name)

    monkeypatch.setattr(registry_module, "_installed_entry_points", installed)
    monkeypatch.setattr(registry_module, "_DEFAULT", {})
    before = set(sys.modules)
    yield FakeDists(tmp_path)
    for name in set(sys.modules) - before:
        if name.startswith("fake_"):
            del sys.modules[name]


GOOD_MODULE = """
from aipd import Criterion, Effect, Outcome, Source, hookimpl
from aipd.i18n import t

@hookimpl
def aipd_criteria():
    return [
        Criterion(
            id="fake:watch",
            title=t("Surveillance factice", "Fake monitoring"),
            source=Source(citation=t("Texte factice, art. 1", "Fake text, art. 1")),
            effect=Effect.COUNTS,
            test=lambda op, s: Outcome.met(t("toujours", "always")),
        )
    ]
"""


def message(exc: pytest.ExceptionInfo[PluginError]) -> str:
    return exc.value.format("en")


# --- loading --------------------------------------------------------------------------------


def test_entry_point_plugin_is_loaded_with_its_distribution_version(fake_dists: FakeDists) -> None:
    """An installed entry point is registered under its name with its distribution's version."""
    fake_dists.add(
        dist="fake-vendor", version="2.3.1", ep_name="fakevendor", module="fake_good", source=GOOD_MODULE
    )
    reg = Registry(builtins=False)
    assert [p.label() for p in reg.plugins] == ["fakevendor 2.3.1"]
    assert reg.plugins[0].distribution == "fake-vendor"
    assert [c.id for c in reg.criteria()] == ["fake:watch"]


def test_entry_point_import_error_names_plugin_and_version(fake_dists: FakeDists) -> None:
    """A plug-in whose module fails to import is a PluginError naming it and its version."""
    fake_dists.add(
        dist="fake-broken",
        version="0.9",
        ep_name="broken",
        module="fake_broken",
        source="import no_such_module_x\n",
    )
    with pytest.raises(PluginError) as exc:
        Registry(builtins=False)
    assert exc.value.plugin == "broken"
    assert exc.value.version == "0.9"
    assert "ModuleNotFoundError" in message(exc)
    assert "« broken 0.9 »" in str(exc.value)


def test_entry_point_that_exits_on_import_is_a_plugin_error(fake_dists: FakeDists) -> None:
    """A plug-in calling sys.exit at import does not end the host quietly."""
    fake_dists.add(
        dist="fake-exit", version="1.0", ep_name="exiter", module="fake_exit", source="raise SystemExit(0)\n"
    )
    with pytest.raises(PluginError, match=re.escape("exiter 1.0")):
        Registry(builtins=False)


def test_blocked_entry_point_is_not_even_imported(fake_dists: FakeDists) -> None:
    """Blocking a broken plug-in by name lets the others load; it is reported as blocked."""
    fake_dists.add(dist="fake-broken", version="0.9", ep_name="broken", module="fake_broken2", source="1/0\n")
    fake_dists.add(
        dist="fake-vendor", version="2.3.1", ep_name="fakevendor", module="fake_good2", source=GOOD_MODULE
    )
    reg = Registry(builtins=False, blocked=["broken"])
    assert [p.name for p in reg.plugins] == ["fakevendor"]
    assert [p.label() for p in reg.blocked_plugins] == ["broken 0.9"]
    assert [p.label() for p in reg.catalogue().blocked] == ["broken 0.9"]
    assert "fake_broken2" not in sys.modules


def test_settings_blocked_plugins_reach_the_default_registry(fake_dists: FakeDists) -> None:
    """Settings(blocked_plugins=...) leaves the plug-in's criterion out of the assessment."""
    fake_dists.add(
        dist="fake-vendor", version="2.3.1", ep_name="fakevendor", module="fake_good3", source=GOOD_MODULE
    )
    with_it = assess(operation())
    without = assess(operation(), settings=Settings(blocked_plugins={"fakevendor"}))
    assert "fake:watch" in {f.id for f in with_it.findings}
    assert "fake:watch" not in {f.id for f in without.findings}
    assert "fakevendor" not in {p.name for p in without.plugins}


def test_unknown_blocked_name_is_reported() -> None:
    """A blocked name that matches no plug-in is listed, so a typo can be told apart."""
    reg = only(("a", Plug(criterion("a:one"))), blocked=["a", "acmee"])
    assert reg.unknown_blocked() == ("acmee",)
    assert reg.plugins == ()


def test_block_an_extra_plugin_by_name() -> None:
    """Registry(blocked=...) leaves out a plug-in passed as an object too."""
    reg = only(("a", Plug(criterion("a:one"))), ("b", Plug(criterion("b:one"))), blocked=["a"])
    assert [c.id for c in reg.criteria()] == ["b:one"]


def test_wrong_hook_signature_is_refused() -> None:
    """A hook asking for an argument the specification does not have is a PluginError."""

    class Bad:
        __version__ = "3.0"

        @hookimpl
        def aipd_criteria(self, operation: object) -> list[Criterion]:
            return []

    with pytest.raises(PluginError) as exc:
        only(("bad", Bad()))
    assert (exc.value.plugin, exc.value.version) == ("bad", "3.0")
    assert "operation" in message(exc)


def test_misspelled_hook_is_refused() -> None:
    """An implementation of a hook that does not exist (check_pending) is a PluginError naming the hooks."""

    class Typo:
        __version__ = "1.1"

        @hookimpl
        def aipd_critera(self) -> list[Criterion]:
            return []

    with pytest.raises(PluginError) as exc:
        only(("typo", Typo()))
    assert (exc.value.plugin, exc.value.version) == ("typo", "1.1")
    assert "aipd_critera" in message(exc)
    assert "aipd_criteria" in message(exc)


def test_wrapper_implementation_is_refused() -> None:
    """A catalogue hook declared as a wrapper is a PluginError: there is nothing to wrap."""

    class Wrapper:
        @hookimpl(wrapper=True)
        def aipd_risks(self) -> Iterator[None]:
            return (yield)

    with pytest.raises(PluginError, match="wrapper"):
        only(("wrap", Wrapper()))


def test_duplicate_plugin_name() -> None:
    """Two plug-ins under one name is a PluginError naming the one already loaded."""
    with pytest.raises(PluginError) as exc:
        only(("same", Plug(criterion("a:one"), version="1")), ("same", Plug(criterion("b:one"), version="2")))
    assert exc.value.plugin == "same"
    assert exc.value.version == "2"
    assert "same 1" in message(exc)


def test_entry_point_with_the_name_of_an_extra_plugin(fake_dists: FakeDists) -> None:
    """An extra plug-in cannot take the name of an installed one."""
    fake_dists.add(
        dist="fake-vendor", version="2.3.1", ep_name="fakevendor", module="fake_good4", source=GOOD_MODULE
    )
    with pytest.raises(PluginError, match=re.escape("fakevendor 2.3.1")):
        Registry(builtins=False, plugins=[("fakevendor", Plug(criterion("x:one")))])


def test_same_object_under_two_names() -> None:
    """The same plug-in object registered twice is refused, naming the second name."""
    p = Plug(criterion("a:one"))
    with pytest.raises(PluginError, match=re.escape("« again 1.0 »")):
        only(("first", p), ("again", p))


# --- calling hooks --------------------------------------------------------------------------


class Raising:
    __version__ = "0.1"

    @hookimpl
    def aipd_measures(self) -> list[MeasureType]:
        raise RuntimeError("database offline")


class RaisingLater:
    """A generator hook only runs when iterated: its error must be caught there too."""

    __version__ = "0.2"

    @hookimpl
    def aipd_risks(self) -> Iterator[RiskType]:
        raise KeyError("late")
        yield  # makes this a generator


@pytest.mark.parametrize(
    ("plugin", "hook", "error"),
    [
        (Raising(), "aipd_measures", "RuntimeError: database offline"),
        (RaisingLater(), "aipd_risks", "KeyError"),
    ],
)
def test_hook_that_raises(plugin: object, hook: str, error: str) -> None:
    """A hook that raises, when called or while iterated, is a PluginError naming hook and error."""
    reg = only(("raiser", plugin))
    with pytest.raises(PluginError) as exc:
        reg.catalogue()
    assert exc.value.plugin == "raiser"
    assert exc.value.version == getattr(plugin, "__version__", None)
    assert hook in message(exc)
    assert error in message(exc)


@pytest.mark.parametrize(
    ("result", "expected"),
    [
        (None, "must return an iterable, got NoneType"),
        (42, "must return an iterable, got int"),
        ("wp248:x", "must return an iterable, got str"),
        (["not a criterion"], "must return Criterion values, got str"),
        ([Outcome.met(t("a", "b"))], "must return Criterion values, got Outcome"),
    ],
)
def test_hook_returning_a_wrong_type(result: object, expected: str) -> None:
    """A hook returning a non-iterable or values of the wrong type is a PluginError."""

    class Wrong:
        __version__ = "4.2"

        @hookimpl
        def aipd_criteria(self) -> object:
            return result

    with pytest.raises(PluginError) as exc:
        only(("wrong", Wrong())).catalogue()
    assert (exc.value.plugin, exc.value.version) == ("wrong", "4.2")
    assert expected in message(exc)


def test_template_dirs_must_be_existing_paths(tmp_path: Path) -> None:
    """aipd_template_dirs returns existing folders as pathlib.Path; anything else is a PluginError."""

    def plugin(value: object) -> object:
        class Templates:
            @hookimpl
            def aipd_template_dirs(self) -> list[object]:
                return [value]

        return Templates()

    assert only(("tpl", plugin(tmp_path))).template_dirs() == (tmp_path,)
    with pytest.raises(PluginError, match=re.escape("pathlib.Path")):
        only(("tpl", plugin(str(tmp_path)))).catalogue()
    with pytest.raises(PluginError, match="n'existe pas"):
        only(("tpl", plugin(tmp_path / "absent"))).catalogue()


def test_duplicate_id_across_plugins_names_both() -> None:
    """Two plug-ins contributing the same id is a PluginError naming both with versions."""
    reg = only(
        ("alpha", Plug(criterion("x:same"), version="1.0")),
        ("beta", Plug(criterion("x:same"), version="2.0")),
    )
    with pytest.raises(PluginError) as exc:
        reg.catalogue()
    # Plug-ins are called in name order, so the second one is always the one reported.
    assert exc.value.plugin == "beta"
    assert "alpha 1.0" in message(exc)
    assert "x:same" in message(exc)


def test_test_that_is_not_callable_is_caught_at_load_time() -> None:
    """A criterion whose test is not a function fails when the catalogue is built, not mid-assessment."""
    bad = criterion("x:bad", test="not a function")  # type: ignore[arg-type]  # the fault under test
    with pytest.raises(PluginError, match="x:bad"):
        only(("p", Plug(bad))).catalogue()


def test_counts_as_must_name_a_counted_criterion() -> None:
    """counts_as naming no loaded counted criterion is a PluginError (it would add a criterion by accident)."""
    refining = criterion("acme:cam", counts_as="base:monitoring")
    with pytest.raises(PluginError, match="base:monitoring"):
        only(("acme", Plug(refining))).catalogue()
    informs = criterion("base:monitoring", effect=Effect.INFORMS)
    with pytest.raises(PluginError, match="acme:cam"):
        only(("acme", Plug(refining)), ("base", Plug(informs))).catalogue()
    ok = only(("acme", Plug(refining)), ("base", Plug(criterion("base:monitoring"))))
    assert [c.id for c in ok.criteria()] == ["acme:cam", "base:monitoring"]


def test_hook_receives_only_the_arguments_it_asks_for() -> None:
    """Each implementation gets the keyword arguments it names, as pluggy promises (future hooks)."""

    class Spec:
        @pluggy.HookspecMarker("aipd")
        def aipd_probe(self, operation: object, settings: object) -> list[object]:  # type: ignore[empty-body]  # a spec
            """A hook with arguments, for this test only."""

    class Impl:
        @hookimpl
        def aipd_probe(self, settings: object) -> list[object]:
            return [settings]

    reg = only()
    reg._pm.add_hookspecs(Spec)
    reg._pm.register(Impl(), name="probe")
    assert reg._call_each("aipd_probe", operation="op", settings="s") == [("probe", ["s"])]


# --- rules at assessment time --------------------------------------------------------------


def test_rule_that_raises_at_assessment_time() -> None:
    """A test that raises during an assessment is a PluginError naming plug-in, version and rule."""

    def boom(_op: ProcessingOperation, _s: Settings) -> Outcome:
        raise ZeroDivisionError("division by zero")

    reg = only(("vendor", Plug(criterion("v:boom", test=boom), version="5.0")))
    with pytest.raises(PluginError) as exc:
        assess(operation(), registry=reg)
    assert (exc.value.plugin, exc.value.version) == ("vendor", "5.0")
    assert "v:boom" in message(exc)
    assert "ZeroDivisionError" in message(exc)


def test_rule_returning_a_wrong_type() -> None:
    """A test returning something else than an Outcome is a PluginError, never a silent 'not met'."""
    reg = only(("vendor", Plug(criterion("v:bool", test=lambda _o, _s: False), version="5.0")))
    with pytest.raises(PluginError) as exc:
        assess(operation(), registry=reg)
    assert exc.value.plugin == "vendor"
    assert "must return an Outcome, got bool" in message(exc)


@pytest.mark.parametrize(
    ("build", "said"),
    [
        (
            lambda: Outcome(status="met", rationale=t("a", "b")),
            "Outcome.status: expected a FindingStatus, got str",
        ),
        (lambda: Outcome.met("raison"), "Outcome.rationale: expected a Text"),  # type: ignore[arg-type]
        (lambda: Outcome.not_met(None), "Outcome.rationale: expected a Text"),  # type: ignore[arg-type]
        (lambda: Outcome.unknown("raison", ()), "Outcome.rationale: expected a Text"),  # type: ignore[arg-type]
        (
            lambda: Outcome.unknown(t("a", "b"), "scale.persons"),
            "expected a list of strings, got the string 'scale.persons'",
        ),
        (lambda: Outcome.unknown(t("a", "b"), [None]), "expected a string, got NoneType"),  # type: ignore[list-item]
    ],
)
def test_rule_building_a_malformed_outcome(build: Callable[[], Outcome], said: str) -> None:
    """An Outcome with a status spelt as text, a rationale that is not a Text, or missing facts
    given as one string (which would become one-letter paths) is refused where the rule builds
    it: a PluginError naming the plug-in and the rule, never a finding that counts differently."""
    reg = only(
        (
            "vendor",
            Plug(criterion("v:bad", effect=Effect.REQUIRES, test=lambda _o, _s: build()), version="5.0"),
        )
    )
    with pytest.raises(PluginError) as exc:
        assess(operation(), registry=reg)
    assert (exc.value.plugin, exc.value.version) == ("vendor", "5.0")
    assert "v:bad" in message(exc)
    assert said in message(exc)
    assert "doit être" in exc.value.format("fr") or "attendue" in exc.value.format("fr")


def _ok(_op: ProcessingOperation, _s: Settings) -> Outcome:
    return Outcome.met(t("a", "b"))


MALFORMED_VALUES: dict[str, tuple[Callable[[], object], str]] = {
    "criterion_effect_as_text": (
        lambda: Criterion(id="v:x", title=t("a", "b"), source=SOURCE, effect="counts", test=_ok),
        "Criterion.effect: expected an Effect, got str 'counts'",
    ),
    "criterion_title_as_text": (
        lambda: Criterion(id="v:x", title="titre", source=SOURCE, effect=Effect.COUNTS, test=_ok),
        "Criterion.title: expected a Text",
    ),
    "criterion_source_as_text": (
        lambda: Criterion(id="v:x", title=t("a", "b"), source="art. 35", effect=Effect.COUNTS, test=_ok),
        "Criterion.source: expected a Source",
    ),
    "source_citation_as_text": (
        lambda: Source(citation="RGPD, art. 35"),
        "Source.citation: expected a Text",
    ),
    "source_reliability_unknown": (
        lambda: Source(citation=t("a", "b"), reliability="sure"),
        "Source.reliability: expected one of 'verified', 'secondary', 'recalled', got 'sure'",
    ),
    "measure_family_as_text": (
        lambda: MeasureType(id="v:m", title=t("a", "b"), family="organisational", description=t("a", "b")),
        "MeasureType.family: expected a MeasureFamily",
    ),
    "risk_impacts_as_strings": (
        lambda: RiskType(
            id="v:r", title=t("a", "b"), description=t("a", "b"), source=SOURCE, applies=_ok, impacts=["gêne"]
        ),
        "RiskType.impacts: expected a Text, got str 'gêne'",
    ),
}


@pytest.mark.parametrize("name", sorted(MALFORMED_VALUES))
def test_hook_building_a_malformed_catalogue_value(name: str) -> None:
    """A catalogue value with a field of the wrong type (an effect spelt "counts", a title given as
    a plain string) is a PluginError naming the plug-in when the registry loads it, French first:
    never a rule that counts differently or a document that fails to render."""
    build, said = MALFORMED_VALUES[name]

    class Vendor:
        __version__ = "5.0"

        @hookimpl
        def aipd_criteria(self) -> list[object]:
            return [build()]

    with pytest.raises(PluginError) as exc:
        only(("vendor", Vendor())).catalogue()
    assert (exc.value.plugin, exc.value.version) == ("vendor", "5.0")
    assert said in message(exc)
    assert "doit être" in exc.value.format("fr")


def test_rule_that_mutates_the_operation() -> None:
    """A test that tries to change the frozen operation is a PluginError saying tests must be pure."""

    def mutate(op: ProcessingOperation, _s: Settings) -> Outcome:
        op.name = "changed"  # type: ignore[misc]  # the fault under test
        return Outcome.met(t("a", "b"))

    reg = only(("vendor", Plug(criterion("v:mutate", test=mutate), version="5.0")))
    with pytest.raises(PluginError) as exc:
        assess(operation(), registry=reg)
    assert "tried to change the operation" in message(exc)
    assert "a tenté de modifier le traitement" in exc.value.format("fr")
    assert exc.value.version == "5.0"


def test_every_finding_records_its_plugin() -> None:
    """Each finding carries the name and version of the plug-in that contributed its rule."""
    reg = only(
        ("alpha", Plug(criterion("a:one"), version="1.0")), ("beta", Plug(criterion("b:one"), version="2.0"))
    )
    result = assess(operation(), registry=reg)
    assert {(f.id, f.plugin.name, f.plugin.version) for f in result.findings} == {
        ("a:one", "alpha", "1.0"),
        ("b:one", "beta", "2.0"),
    }
    assert [p.label() for p in result.plugins] == ["alpha 1.0", "beta 2.0"]


def test_facade_methods_are_the_catalogue() -> None:
    """The typed per-hook methods return exactly the catalogue's sorted tuples."""
    reg = only(("b", Plug(criterion("b:two"), criterion("b:one"))), ("a", Plug(criterion("a:one"))))
    cat = reg.catalogue()
    assert reg.criteria() == cat.criteria
    assert [c.id for c in cat.criteria] == ["a:one", "b:one", "b:two"]
    assert reg.list_items() == cat.list_items == ()
    assert reg.risks() == cat.risks == ()
    assert reg.measures() == cat.measures == ()
    assert cat.origin("b:two").name == "b"


def test_measures_and_risks_are_collected_with_provenance() -> None:
    """Measures and risks are validated and sorted like criteria, each with its plug-in."""

    class Vendor:
        __version__ = "1.0"

        @hookimpl
        def aipd_measures(self) -> list[MeasureType]:
            return [
                MeasureType(
                    id="v:m2", title=t("M2", "M2"), family=MeasureFamily.SECURITY, description=t("d", "d")
                ),
                MeasureType(
                    id="v:m1", title=t("M1", "M1"), family=MeasureFamily.SECURITY, description=t("d", "d")
                ),
            ]

        @hookimpl
        def aipd_risks(self) -> list[RiskType]:
            return [
                RiskType(
                    id="v:r",
                    title=t("R", "R"),
                    description=t("d", "d"),
                    source=SOURCE,
                    applies=always(FindingStatus.MET),
                )
            ]

    reg = only(("vendor", Vendor()))
    assert [m.id for m in reg.measures()] == ["v:m1", "v:m2"]
    assert [r.id for r in reg.risks()] == ["v:r"]
    assert reg.catalogue().origin("v:r").label() == "vendor 1.0"
    assert reg.catalogue().measure("v:m2") is not None


# --- order never matters --------------------------------------------------------------------

STATUSES = st.sampled_from(list(FindingStatus))
EFFECTS = st.sampled_from([Effect.COUNTS, Effect.REQUIRES, Effect.EXEMPTS, Effect.BLOCKS, Effect.INFORMS])


@st.composite
def small_plugins(draw: st.DrawFn) -> list[tuple[str, object]]:
    """Two to five plug-ins, each contributing criteria of various effects and statuses."""
    n = draw(st.integers(min_value=2, max_value=5))
    plugins: list[tuple[str, object]] = []
    base_ids: list[str] = []
    for i in range(n):
        crits: list[Criterion] = []
        for j in range(draw(st.integers(min_value=0, max_value=3))):
            effect = draw(EFFECTS)
            counts_as = None
            if effect is Effect.COUNTS and base_ids and draw(st.booleans()):
                counts_as = draw(st.sampled_from(base_ids))
            cid = f"p{i}:c{j}"
            crits.append(criterion(cid, effect=effect, status=draw(STATUSES), counts_as=counts_as))
            if effect is Effect.COUNTS and counts_as is None:
                base_ids.append(cid)
        plugins.append((f"plugin-{i}", Plug(*crits, version=f"{i}.0")))
    return plugins


@settings(max_examples=60, deadline=None)
@given(plugins=small_plugins(), data=st.data())
def test_registration_order_never_changes_an_assessment(
    plugins: list[tuple[str, object]], data: st.DataObject
) -> None:
    """Registering the same plug-ins in any order gives the same findings, verdict, notices and facts."""
    permuted = data.draw(st.permutations(plugins))
    op = operation()
    first = assess(op, registry=only(*plugins))
    second = assess(op, registry=only(*permuted))
    assert first.findings == second.findings
    assert first.verdict == second.verdict
    assert first.blocking == second.blocking
    assert first.notices == second.notices
    assert first.missing_facts == second.missing_facts
    assert first.plugins == second.plugins


def test_list_items_become_findings_with_their_list() -> None:
    """Items of a reference list are collected with provenance and screened with the list's effect and number."""
    required = ReferenceList(
        id="test-list",
        title=t("Liste de test", "Test list"),
        source=SOURCE,
        effect=Effect.REQUIRES,
    )

    class Lists:
        __version__ = "7.0"

        @hookimpl
        def aipd_list_items(self) -> Iterator[ListItem]:
            yield ListItem(
                id="test-list:3",
                reference_list=required,
                number=3,
                title=t("Type 3", "Type 3"),
                conditions=t("Conditions", "Conditions"),
                source=SOURCE,
                test=always(FindingStatus.MET),
            )

    reg = only(("lists", Lists()))
    assert [i.id for i in reg.list_items()] == ["test-list:3"]
    result = assess(operation(), registry=reg)
    [finding] = result.findings
    assert (finding.kind, finding.number, finding.group, finding.effect) == (
        "list_item",
        3,
        "test-list",
        Effect.REQUIRES,
    )
    assert finding.plugin.label() == "lists 7.0"
    assert result.verdict.requirement.value == "required"


def test_run_test_guards_a_risk_applies_too() -> None:
    """screening.run_test (used for a risk's applies) turns a faulty test into a PluginError naming the plug-in."""
    from aipd.screening import run_test

    info = PluginInfo(name="vendor", version="9.9")

    def broken(_op: ProcessingOperation, _s: Settings) -> Outcome:
        raise ValueError("no")

    with pytest.raises(PluginError) as exc:
        run_test("v:risk", broken, operation=operation(), settings=Settings(), plugin=info)
    assert "v:risk" in message(exc)
    assert exc.value.version == "9.9"
    ok = run_test(
        "v:risk", always(FindingStatus.MET), operation=operation(), settings=Settings(), plugin=info
    )
    assert ok.status is FindingStatus.MET


# --- a hostile vendor: faults on every surface (review "faults") ------------------------------


class Exotic(BaseException):
    """A plug-in's own BaseException subclass: not an Exception, still the plug-in's fault."""


def _raising(exc: BaseException) -> Callable[[ProcessingOperation, Settings], Outcome]:
    def test(_op: ProcessingOperation, _s: Settings) -> Outcome:
        raise exc

    return test


class Surfaces:
    """A vendor whose criterion, list item, risk and measure each carry ``test`` (or ``applies``)."""

    __version__ = "6.6"

    def __init__(self, **tests: Callable[[ProcessingOperation, Settings], Any]) -> None:
        self.tests = tests

    def _test(self, name: str) -> Callable[[ProcessingOperation, Settings], Any]:
        return self.tests.get(name, always(FindingStatus.NOT_MET))

    @hookimpl
    def aipd_criteria(self) -> list[Criterion]:
        return [criterion("evil:crit", test=self._test("criterion"))]

    @hookimpl
    def aipd_list_items(self) -> list[ListItem]:
        lst = ReferenceList(id="evil-list", title=t("L", "L"), source=SOURCE, effect=Effect.REQUIRES)
        return [
            ListItem(
                id="evil-list:1",
                reference_list=lst,
                number=1,
                title=t("T", "T"),
                conditions=t("C", "C"),
                source=SOURCE,
                test=self._test("list_item"),
            )
        ]

    @hookimpl
    def aipd_risks(self) -> list[RiskType]:
        return [
            RiskType(
                id="evil:risk",
                title=t("R", "R"),
                description=t("d", "d"),
                source=SOURCE,
                applies=self._test("risk"),
                measures=("evil:measure",),
            )
        ]

    @hookimpl
    def aipd_measures(self) -> list[MeasureType]:
        return [
            MeasureType(
                id="evil:measure",
                title=t("M", "M"),
                family=MeasureFamily.SECURITY,
                description=t("d", "d"),
                reduces=("evil:risk",),
                applies=self._test("measure"),
            )
        ]


def _declaring_the_measure() -> ProcessingOperation:
    from aipd.model import Measure
    from aipd.vocabulary import MeasureStatus

    return operation(measures=(Measure(id="evil:measure", status=MeasureStatus.IMPLEMENTED),))


SURFACES = ("criterion", "list_item", "risk", "measure")


@pytest.mark.parametrize("surface", SURFACES)
@pytest.mark.parametrize(
    ("exc", "said"),
    [(SystemExit(0), "SystemExit: 0"), (Exotic("odd"), "Exotic: odd"), (GeneratorExit(), "GeneratorExit")],
)
def test_a_base_exception_from_a_test_is_a_plugin_error(surface: str, exc: BaseException, said: str) -> None:
    """A test or ``applies`` raising a BaseException that is not an Exception (``sys.exit(0)``, the
    plug-in's own class) is a PluginError naming the plug-in: it ended ``aipd assess`` with exit 0
    and no output, or with a traceback."""
    reg = Registry(entry_points=False, plugins=[("evil", Surfaces(**{surface: _raising(exc)}))])
    with pytest.raises(PluginError) as err:
        assess(_declaring_the_measure(), registry=reg)
    assert (err.value.plugin, err.value.version) == ("evil", "6.6")
    assert said in message(err)


def test_keyboard_interrupt_in_a_test_still_stops_the_run() -> None:
    """Ctrl-C is the user's, not the plug-in's: it is not turned into a PluginError."""
    reg = Registry(entry_points=False, plugins=[("evil", Surfaces(criterion=_raising(KeyboardInterrupt())))])
    with pytest.raises(KeyboardInterrupt):
        assess(operation(), registry=reg)


class ExitingHook:
    __version__ = "0.3"

    @hookimpl
    def aipd_measures(self) -> list[MeasureType]:
        raise SystemExit(0)


class ExoticLater:
    __version__ = "0.4"

    @hookimpl
    def aipd_criteria(self) -> Iterator[Criterion]:
        raise Exotic("late")
        yield  # makes this a generator


@pytest.mark.parametrize(
    ("plugin", "said"), [(ExitingHook(), "SystemExit: 0"), (ExoticLater(), "Exotic: late")]
)
def test_a_hook_raising_a_base_exception_is_a_plugin_error(plugin: object, said: str) -> None:
    """A hook that exits or raises a BaseException subclass, when called or iterated, is a PluginError."""
    with pytest.raises(PluginError) as err:
        only(("raiser", plugin)).catalogue()
    assert err.value.plugin == "raiser"
    assert said in message(err)


def test_entry_point_raising_a_base_exception_on_import(fake_dists: FakeDists) -> None:
    """A module that raises its own BaseException subclass on import is a PluginError too."""
    fake_dists.add(
        dist="fake-odd",
        version="0.5",
        ep_name="odd",
        module="fake_odd",
        source="class Odd(BaseException):\n    pass\nraise Odd('on import')\n",
    )
    with pytest.raises(PluginError) as err:
        Registry()
    assert (err.value.plugin, err.value.version) == ("odd", "0.5")
    assert "Odd: on import" in message(err)


@pytest.mark.parametrize(
    "error",
    [
        PluginError("evil", "6.6", t("en panne", "broken")),
        PluginError("evil", None, t("en panne", "broken")),
    ],
)
def test_a_plugin_error_crosses_a_process_boundary(error: PluginError) -> None:
    """A PluginError raised in a worker of triage(jobs=2) is pickled to the parent: it must come
    back whole (it raised TypeError in the parent's result thread, and the triage hung)."""
    import pickle

    back = pickle.loads(pickle.dumps(error))
    assert (back.plugin, back.version, back.message) == (error.plugin, error.version, error.message)
    assert back.format("en") == error.format("en")


FAULTY_TEST_MODULE = """
import sys
from aipd import Criterion, Effect, Outcome, Source, hookimpl
from aipd.i18n import t

def test(op, s):
    {body}

@hookimpl
def aipd_criteria():
    {hook}
    return [
        Criterion(
            id="fake:faulty",
            title=t("Critère fautif", "Faulty criterion"),
            source=Source(citation=t("Texte factice", "Fake text")),
            effect=Effect.COUNTS,
            test=test,
        )
    ]
"""


@pytest.mark.parametrize(
    ("body", "hook", "said"),
    [
        ("raise RuntimeError('evil')", "pass", "RuntimeError: evil"),
        ("sys.exit(0)", "pass", "SystemExit: 0"),
        ("return Outcome.met(t('oui', 'yes'))", "raise RuntimeError('at load')", "RuntimeError: at load"),
    ],
    ids=["test raises", "test exits", "hook raises"],
)
def test_parallel_triage_reports_a_faulty_plugin_and_ends(
    tmp_path: Path, body: str, hook: str, said: str
) -> None:
    """``aipd triage --jobs 2`` with a faulty installed plug-in exits 3 naming it, in seconds: the
    PluginError did not survive pickling, and a worker whose catalogue failed was restarted for
    ever, so the triage hung without a word."""
    import os
    import subprocess

    site = tmp_path / "site"
    site.mkdir()
    FakeDists(site).add(
        dist="fake-faulty",
        version="6.6",
        ep_name="faulty",
        module="fake_faulty",
        source=FAULTY_TEST_MODULE.format(body=body, hook=hook),
    )
    register = tmp_path / "r.csv"
    register.write_text("Nom du traitement;Nombre de personnes concernées\nA;10\nB;20\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    out.write_text("ancien\n", encoding="utf-8")
    env = os.environ | {"PYTHONPATH": os.pathsep.join([str(site), *sys.path])}
    cli = "import sys; from aipd.cli import main; sys.exit(main())"
    run = subprocess.run(
        [sys.executable, "-c", cli, "triage", str(register), "--jobs", "2", "-o", str(out)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 3, run.stderr
    assert "« faulty 6.6 »" in run.stderr
    assert said in run.stderr
    assert out.read_text(encoding="utf-8") == "ancien\n"  # nothing written half-way


def _setting(path: str, value: object) -> Callable[[ProcessingOperation, Settings], Outcome]:
    """A test that goes round the freeze with object.__setattr__ on what it was given."""

    def test(op: ProcessingOperation, s: Settings) -> Outcome:
        root, *rest = path.split(".")
        target: object = s if root == "settings" else op
        for name in rest[:-1]:
            target = getattr(target, name)
        object.__setattr__(target, rest[-1], value)
        return Outcome.not_met(t("rien", "nothing"))

    return test


@pytest.mark.parametrize("surface", SURFACES)
@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("operation.name", "Autre traitement"),
        ("operation.controller.name", "Autre ville"),
        ("settings.high_risk_level", "MAXIMUM"),
    ],
)
def test_a_test_changing_what_it_was_given_through_object_setattr(
    surface: str, path: str, value: str
) -> None:
    """``object.__setattr__`` goes round the freeze: a test, list item, risk or measure ``applies``
    that changes the operation or the settings this way is a PluginError naming it. It changed, in
    silence, what the later rules and the document read; raising ``high_risk_level`` to « maximale »
    made no risk high, so no prior consultation."""
    from aipd.vocabulary import Level

    new = Level.MAXIMUM if value == "MAXIMUM" else value
    reg = Registry(entry_points=False, plugins=[("evil", Surfaces(**{surface: _setting(path, new)}))])
    with pytest.raises(PluginError) as err:
        assess(_declaring_the_measure(), registry=reg)
    assert (err.value.plugin, err.value.version) == ("evil", "6.6")
    assert "changed the operation or the settings it was given" in message(err)
    rule = {
        "criterion": "evil:crit",
        "list_item": "evil-list:1",
        "risk": "evil:risk",
        "measure": "evil:measure",
    }
    assert rule[surface] in message(err)


def test_built_in_rules_are_not_watched(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the tests of plug-ins that are not aipd's are watched: an assessment with the
    built-in plug-ins alone records no state of the operation (it stays as fast as it was)."""
    from aipd import _purity

    def refuse(_watch: object) -> object:
        raise AssertionError("snapshot taken")

    monkeypatch.setattr(_purity.Watch, "_now", refuse)
    assess(_declaring_the_measure(), registry=Registry(entry_points=False))
    with pytest.raises(AssertionError, match="snapshot taken"):
        assess(
            _declaring_the_measure(), registry=Registry(entry_points=False, plugins=[("evil", Surfaces())])
        )


def _noting_kind_reads(controller: Controller) -> Controller:
    """A copy of ``controller`` whose attribute ``kind_read`` becomes true when its kind is read (a
    plug-in's own subclass doing something when a field is read)."""
    kind_slot = Controller.__dict__["kind"]
    slots = [Controller.__dict__[a.name] for a in attrs.fields(Controller)]

    class KindWatch(Controller):
        __slots__ = ("kind_read",)

        @property  # type: ignore[override]
        def kind(self) -> object:
            object.__setattr__(self, "kind_read", True)
            return kind_slot.__get__(self, Controller)

        def __hash__(self) -> int:
            return hash(tuple(slot.__get__(self, Controller) for slot in slots))

    copy = object.__new__(KindWatch)
    for slot in slots:
        slot.__set__(copy, slot.__get__(controller, Controller))
    return copy


def test_the_watch_reads_no_property() -> None:
    """The snapshot reads fields through their slots: a plug-in's own part whose property does
    something when read (here: notes that the kind was read) is not set off by the watch itself."""
    from aipd._purity import snapshot

    watched = _noting_kind_reads(operation().controller)
    first = snapshot(watched)
    assert not getattr(watched, "kind_read", False)
    assert snapshot(watched) == first
    object.__setattr__(watched, "name", "Autre")
    assert snapshot(watched) != first
    # The watch itself hashes the operation: the controller's hash reads no property either.
    from aipd._purity import Watch

    watch = Watch(attrs.evolve(operation(), controller=watched), Settings())
    watch.before()
    assert not watch.changed()
    assert not getattr(watched, "kind_read", False)
    object.__setattr__(watched, "name", "Encore une autre")
    assert watch.changed()


def test_the_watch_sees_a_change_deep_in_the_operation() -> None:
    """The state the watch compares covers every field of the tree: a data category's description
    changed through object.__setattr__ is seen, as is a setting."""
    from aipd._purity import Watch

    op, settings = operation(), Settings()
    watch = Watch(op, settings)
    watch.before()
    object.__setattr__(op.controller, "name", "Autre commune")
    assert watch.changed()
    watch = Watch(op, settings)
    watch.before()
    object.__setattr__(settings, "large_scale_persons", 1)
    assert watch.changed()


@pytest.mark.parametrize(
    ("char", "said"),
    [
        ("\x00", "U+0000"),
        ("\x1b", "U+001B"),
        ("\x9b", "U+009B"),
        ("\ue000", "U+E000"),
        ("\ue002", "U+E002"),
        ("\ue005", "U+E005"),
    ],
    ids=["NUL", "ESC", "CSI", "TODO mark", "layout line", "layout alert"],
)
def test_a_catalogue_text_with_a_control_character_is_refused_at_load(char: str, said: str) -> None:
    """A title (or any text) holding a character a .docx cannot hold stopped ``aipd render`` with a
    ValueError traceback; ESC and CSI are commands to a terminal; U+E000 is aipd's « À compléter »
    mark, U+E002 to U+E005 the layout marks of its templates. Refused when the plug-in is loaded, naming it, the value and the field."""
    bad = criterion("evil:crit")
    bad = attrs.evolve(bad, title=t(f"Titre{char}piégé", "Title"))
    with pytest.raises(PluginError) as err:
        Registry(entry_points=False, plugins=[("evil", Plug(bad, version="6.6"))]).catalogue()
    assert (err.value.plugin, err.value.version) == ("evil", "6.6")
    assert "evil:crit" in message(err)
    assert "title.fr" in message(err)
    assert said in message(err)


@pytest.mark.parametrize("surface", SURFACES)
def test_a_rationale_with_a_control_character_is_a_plugin_error(surface: str) -> None:
    """The same for the rationale a test returns, on every surface."""

    def escape(_op: ProcessingOperation, _s: Settings) -> Outcome:
        return Outcome.met(t("oui", "\x1b[2Jyes"))

    reg = Registry(entry_points=False, plugins=[("evil", Surfaces(**{surface: escape}))])
    with pytest.raises(PluginError) as err:
        assess(_declaring_the_measure(), registry=reg)
    assert err.value.plugin == "evil"
    assert "U+001B" in message(err)


def _tampered(field: str, value: object) -> Callable[[ProcessingOperation, Settings], Outcome]:
    def test(_op: ProcessingOperation, _s: Settings) -> Outcome:
        outcome = Outcome.met(t("oui", "yes"))
        object.__setattr__(outcome, field, value)
        return outcome

    return test


@pytest.mark.parametrize("surface", SURFACES)
@pytest.mark.parametrize(
    ("field", "value", "said"),
    [
        ("status", "met", "Outcome.status: expected a FindingStatus, got str"),
        ("rationale", "oui", "Outcome.rationale: expected a Text"),
        ("rationale", t(None, None), "expected a string"),  # type: ignore[arg-type]  # the fault under test
        ("missing", "scale.persons", "expected a list of strings"),
    ],
)
def test_an_outcome_tampered_with_after_it_was_built_is_a_plugin_error(
    surface: str, field: str, value: object, said: str
) -> None:
    """An Outcome whose checked fields were replaced through object.__setattr__ (a status spelt
    "met", which ``is FindingStatus.MET`` reads as not met; a rationale given as a plain string,
    which fails far away in the document) is a PluginError naming the plug-in."""
    reg = Registry(entry_points=False, plugins=[("evil", Surfaces(**{surface: _tampered(field, value)}))])
    with pytest.raises(PluginError) as err:
        assess(_declaring_the_measure(), registry=reg)
    assert err.value.plugin == "evil"
    assert "malformed Outcome" in message(err)
    assert said in message(err)


def test_an_outcome_that_answers_differently_at_each_read_is_read_once() -> None:
    """A subclass of Outcome whose status is met at the first read only: a risk's ``applies`` read
    it several times, so the risk was kept (met) yet said not to apply (``applies=False``), which
    leaves it out of what the prior consultation weighs. It is read once: the risk applies."""

    class Shifty(Outcome):
        reads = 0

        @property  # type: ignore[misc]  # shadows the slot on purpose: the fault under test
        def status(self) -> FindingStatus:
            Shifty.reads += 1
            return FindingStatus.MET if Shifty.reads == 1 else FindingStatus.NOT_MET

    def applies(_op: ProcessingOperation, _s: Settings) -> Outcome:
        Shifty.reads = 0
        shifty = object.__new__(Shifty)
        object.__setattr__(shifty, "rationale", t("oui", "yes"))
        object.__setattr__(shifty, "missing", ())
        return shifty

    reg = Registry(entry_points=False, plugins=[("evil", Surfaces(risk=applies, criterion=applies))])
    result = assess(operation(), registry=reg)
    [finding] = [f for f in result.findings if f.id == "evil:crit"]
    assert type(finding.status) is FindingStatus
    assert finding.status is FindingStatus.MET
    assert result.risks is not None
    [risk] = [r for r in result.risks.risks if r.id == "evil:risk"]
    assert risk.applies is True
    assert not any("condition d'application" in n.fr for n in risk.notes)


@pytest.mark.parametrize("surface", SURFACES)
@pytest.mark.parametrize(
    "value", [True, "evil:crit", Outcome.met(t("oui", "yes"))], ids=["bool", "str", "Outcome"]
)
def test_a_test_that_is_not_a_function_is_refused_at_load_on_every_surface(
    surface: str, value: object
) -> None:
    """A criterion's or list item's ``test``, a risk's ``applies`` and a measure's optional ``applies``
    that is not a function is a PluginError when the plug-in loads (a measure's ``applies=True``
    was meant as "always applies": it must not be read as a test that was never run)."""
    reg = Registry(entry_points=False, plugins=[("evil", Surfaces(**{surface: value}))])  # type: ignore[arg-type]
    with pytest.raises(PluginError) as err:
        reg.catalogue()
    assert err.value.plugin == "evil"
    assert "must be a function (operation, settings) -> Outcome" in message(err)


def test_a_plugin_risk_cannot_pass_for_a_feared_event() -> None:
    """``feared_event=True`` on a plug-in's own risk made aipd judge its levels against that id
    alone, which no rule of the facts names: proposed « négligeable » (and fewer exposures, fewer
    facts asked) where the same risk unmarked gets the highest level the facts support for any of
    the three feared events. Refused when the plug-in loads; the three ids of the CNIL method
    (contributed by another plug-in when aipd's is blocked) keep it."""

    def vendor(rid: str) -> object:
        class Vendor:
            __version__ = "6.6"

            @hookimpl
            def aipd_risks(self) -> list[RiskType]:
                return [
                    RiskType(
                        id=rid,
                        title=t("R", "R"),
                        description=t("d", "d"),
                        source=SOURCE,
                        applies=always(FindingStatus.MET),
                        feared_event=True,
                    )
                ]

        return Vendor()

    with pytest.raises(PluginError) as err:
        Registry(entry_points=False, plugins=[("evil", vendor("evil:risk"))]).catalogue()
    assert (err.value.plugin, err.value.version) == ("evil", "6.6")
    assert "only for the CNIL method's three feared events, not 'evil:risk'" in message(err)
    reg = Registry(
        entry_points=False, plugins=[("other", vendor("cnil:disappearance"))], blocked=["builtin.cnil_risks"]
    )
    [risk] = [r for r in reg.risks() if r.id == "cnil:disappearance"]
    assert risk.feared_event


@pytest.mark.parametrize("name", ["acme", "zeta"])
def test_a_plugin_taking_a_built_in_id_is_the_one_named(name: str) -> None:
    """A plug-in contributing a value under one of aipd's ids is the one the PluginError names,
    whatever its name sorts before or after « builtin.* ». Named « acme », it was aipd's plug-in
    that was blamed, and blocking it, as the message led one to, let the vendor's rule (here one
    that is never met) stand in for WP248's large scale criterion."""
    [large] = [c for c in Registry(entry_points=False).criteria() if c.id == "wp248:large_scale"]
    never = attrs.evolve(large, test=always(FindingStatus.NOT_MET))
    with pytest.raises(PluginError) as err:
        Registry(entry_points=False, plugins=[(name, Plug(never, version="6.6"))]).catalogue()
    assert (err.value.plugin, err.value.version) == (name, "6.6")
    assert "wp248:large_scale" in message(err)
    assert "builtin.wp248" in message(err)


def test_a_huge_catalogue_text_is_the_plugins_fault() -> None:
    """A 30-million-character title stopped ``aipd render`` with a TemplateError naming aipd's own
    template (the sandbox's MAX_OUTPUT): the DPO looked for the fault in aipd. It is refused when
    the plug-in loads, naming it; a text of the longest size admitted still loads."""
    from aipd._purity import MAX_CATALOGUE_TEXT

    long_enough = attrs.evolve(criterion("evil:crit"), title=t("x" * MAX_CATALOGUE_TEXT, "Title"))
    Registry(entry_points=False, plugins=[("evil", Plug(long_enough))]).catalogue()
    too_long = attrs.evolve(criterion("evil:crit"), title=t("x" * (MAX_CATALOGUE_TEXT + 1), "Title"))
    with pytest.raises(PluginError) as err:
        Registry(entry_points=False, plugins=[("evil", Plug(too_long, version="6.6"))]).catalogue()
    assert (err.value.plugin, err.value.version) == ("evil", "6.6")
    assert "title.fr has 20,001 characters, at most 20,000" in message(err)


@pytest.mark.parametrize("surface", SURFACES)
def test_a_huge_rationale_is_the_plugins_fault(surface: str) -> None:
    """The same for a rationale longer than the largest input aipd reads (quoting the user's facts
    never comes near it)."""
    from aipd._purity import MAX_RATIONALE
    from aipd.io import MAX_BYTES

    assert MAX_RATIONALE == MAX_BYTES

    def huge(_op: ProcessingOperation, _s: Settings) -> Outcome:
        return Outcome.met(t("x" * (MAX_RATIONALE + 1), "yes"))

    reg = Registry(entry_points=False, plugins=[("evil", Surfaces(**{surface: huge}))])
    with pytest.raises(PluginError) as err:
        assess(_declaring_the_measure(), registry=reg)
    assert err.value.plugin == "evil"
    assert "returned a rationale of 5,242,881 characters" in message(err)


def test_parallel_triage_ends_when_a_worker_dies(tmp_path: Path) -> None:
    """A worker that dies without an exception (a plug-in calling ``os._exit``; the same as the
    system killing it for lack of memory) ends ``aipd triage --jobs 2`` with an error and exit 2:
    multiprocessing.Pool waited for the lost rows for ever. The output file is not touched."""
    import os
    import subprocess

    site = tmp_path / "site"
    site.mkdir()
    FakeDists(site).add(
        dist="fake-dying",
        version="6.6",
        ep_name="dying",
        module="fake_dying",
        source=FAULTY_TEST_MODULE.format(body="import os; os._exit(0)", hook="pass"),
    )
    register = tmp_path / "r.csv"
    register.write_text("Nom du traitement;Nombre de personnes concernées\nA;10\nB;20\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    out.write_text("ancien\n", encoding="utf-8")
    env = os.environ | {"PYTHONPATH": os.pathsep.join([str(site), *sys.path])}
    cli = "import sys; from aipd.cli import main; sys.exit(main())"
    run = subprocess.run(
        [sys.executable, "-c", cli, "triage", str(register), "--jobs", "2", "-o", str(out)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 2, run.stderr
    assert "un processus du tri s'est arrêté brutalement" in run.stderr
    assert out.read_text(encoding="utf-8") == "ancien\n"

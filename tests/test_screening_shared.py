"""Screening's shared work, against its plain definition.

Screening reuses a rule's finding when the rule returns the very outcome it returned before (the
built-in rules keep their answers across operations), sorts the findings by effect and status once
for the verdict, the blocking issues, the notices and the missing facts, and builds each « possible
blocking issue » notice once. These tests hold the result to the plain definition: a new finding per
rule and operation, and each part read from the findings as the verdict's documentation says.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import attrs
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from aipd.catalogue import Criterion, Effect, FindingStatus, Outcome, Source
from aipd.i18n import t
from aipd.io import load
from aipd.model import ProcessingOperation
from aipd.registry import Catalogue, PluginInfo, default_registry
from aipd.screening import _HELD, Finding, Notice, Requirement, Screening, _decide, _groups, run_rules, screen
from aipd.settings import Settings
from aipd_builtin import memo
from strategies import operations

EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "examples").glob("*.yaml"))


def _plain_findings(
    operation: ProcessingOperation, catalogue: Catalogue, settings: Settings
) -> list[Finding]:
    """A new finding per rule, through Finding's constructor."""
    out = []
    for rule, plugin in catalogue.rules:
        o = rule.test(operation, settings)
        fields = {
            "id": rule.id,
            "title": rule.title,
            "effect": rule.effect,
            "status": o.status,
            "rationale": o.rationale,
            "missing": o.missing,
            "source": rule.source,
            "plugin": plugin,
        }
        if isinstance(rule, Criterion):
            fields.update(
                kind="criterion",
                group=rule.group,
                counts_as=rule.counts_as,
                overrides_mandatory=rule.overrides_mandatory,
                presumption=rule.presumption,
            )
        else:
            fields.update(
                kind="list_item", group=rule.reference_list.id, number=rule.number, conditions=rule.conditions
            )
        out.append(Finding(**fields))  # type: ignore[arg-type]
    return out


def _plain_screening(findings: list[Finding]) -> Screening:
    """Each part read from the findings in turn, as before the groups were shared."""
    verdict, notices = _decide(_groups(findings))
    blocking = [f for f in findings if f.effect is Effect.BLOCKS and f.met]
    for f in findings:
        if f.effect is Effect.BLOCKS and f.unknown:
            notices.append(
                Notice(
                    code="possible_blocking_issue",
                    message=t(
                        f"Point bloquant possible, faute de faits : {f.title.fr}.",
                        f"Possible blocking issue, for lack of facts: {f.title.en}.",
                    ),
                    related=(f.id,),
                )
            )
    missing = sorted({m for f in findings if f.status is FindingStatus.UNKNOWN for m in f.missing})
    return Screening(
        findings=tuple(findings),
        verdict=verdict,
        blocking=tuple(blocking),
        notices=tuple(sorted(notices, key=lambda n: (n.code, n.related))),
        missing_facts=tuple(missing),
    )


def _screenings_agree(operation: ProcessingOperation, catalogue: Catalogue, settings: Settings) -> None:
    got = screen(operation, catalogue, settings)
    plain = _plain_screening(_plain_findings(operation, catalogue, settings))
    assert got.findings == plain.findings
    for mine, theirs in zip(got.findings, plain.findings, strict=True):
        assert list(vars(mine).items()) == list(vars(theirs).items())  # every field, in __init__'s order
    assert (got.verdict, got.blocking, got.missing_facts) == (
        plain.verdict,
        plain.blocking,
        plain.missing_facts,
    )
    # screen adds the contradictory-facts notices to those of the findings
    assert [n for n in got.notices if n.code != "contradictory_facts"] == list(plain.notices)


@hsettings(deadline=None, suppress_health_check=list(HealthCheck))
@given(
    sequence=st.lists(st.one_of(operations(), st.sampled_from(EXAMPLES).map(load)), min_size=1, max_size=4)
)
def test_screening_is_its_plain_definition_over_a_sequence(sequence: list[ProcessingOperation]) -> None:
    """Operations screened one after the other (findings reused where a rule's outcome is the same
    object, notices shared): each screening is the one built plainly."""
    catalogue, settings = default_registry(()).catalogue(), Settings()
    for operation in [*sequence, *map(attrs.evolve, sequence)]:
        _screenings_agree(operation, catalogue, settings)


def test_a_finding_is_reused_only_for_the_same_outcome_object() -> None:
    """A rule returning the outcome it returned before gets its finding again; an equal outcome that
    is another object (a foreign plug-in's, rebuilt at each call) gets a new, equal finding."""
    same = Outcome.met(t("Toujours.", "Always."))
    calls = [0]

    def constant(_op: ProcessingOperation, _s: Settings) -> Outcome:
        return same

    def fresh(_op: ProcessingOperation, _s: Settings) -> Outcome:
        calls[0] += 1
        return Outcome.met(t("Toujours.", "Always."))

    catalogue = _catalogue_of(constant, fresh)
    operation = load(EXAMPLES[0])
    first = screen(operation, catalogue, Settings())
    second = screen(attrs.evolve(operation), catalogue, Settings())
    assert first.findings[0] is second.findings[0]
    assert first.findings[1] is not second.findings[1]
    assert first.findings == second.findings
    assert calls == [2]


def test_the_possible_blocking_notices_are_those_of_each_operation() -> None:
    """The notice of a possible blocking issue names the rule and its title, whichever operation asked
    first; the examples' screenings, cold and with the built-in answers kept, agree."""
    catalogue = default_registry(()).catalogue()
    for example in EXAMPLES:
        memo.clear()
        _screenings_agree(load(example), catalogue, Settings())
        _screenings_agree(load(example), catalogue, Settings())


def _catalogue_of(
    *tests: Callable[[ProcessingOperation, Settings], Outcome],
    effects: tuple[Effect, ...] | None = None,
    name: str = "",
) -> Catalogue:
    """A catalogue of one criterion per test (``effects``, by default each counting), named by ``name``."""
    plugin = PluginInfo(name="tests.shared", version="1", builtin=True)
    source = Source(citation=t("Essai", "Test"), reliability="verified")
    criteria = tuple(
        Criterion(
            id=f"test:{name}{i}",
            title=t(f"{name} {i}", f"{name} {i}") if name else t(f"n° {i}", f"no. {i}"),
            source=source,
            effect=effect,
            test=test,
        )
        for i, (effect, test) in enumerate(zip(effects or (Effect.COUNTS,) * len(tests), tests, strict=True))
    )
    return Catalogue(
        criteria=criteria,
        list_items=(),
        risks=(),
        measures=(),
        template_dirs=(),
        plugins=(plugin,),
        provenance={c.id: plugin for c in criteria},
    )


def test_a_finding_is_reused_for_a_rule_cycling_through_many_outcomes() -> None:
    """A register's rows cycle through more distinct answers of a rule than the last four (the
    benchmark register's data categories, persons and bases, row i % 5): each answer seen before
    gets its finding again, not one rebuilt at every row."""
    answers = [Outcome.met(t(f"Réponse {i}.", f"Answer {i}.")) for i in range(12)]
    turn = [0]

    def cycling(_op: ProcessingOperation, _s: Settings) -> Outcome:
        turn[0] += 1
        return answers[(turn[0] - 1) % len(answers)]

    catalogue = _catalogue_of(cycling)
    operation = load(EXAMPLES[0])
    first = [screen(attrs.evolve(operation), catalogue, Settings()).findings[0] for _ in answers]
    again = [screen(attrs.evolve(operation), catalogue, Settings()).findings[0] for _ in answers]
    assert [f.rationale for f in first] == [o.rationale for o in answers]
    assert all(a is b for a, b in zip(first, again, strict=True))


def test_held_findings_stay_right_past_their_bound() -> None:
    """More distinct outcomes than a rule's held findings (the mapping emptied over and over), some
    of them new objects equal to earlier ones: each finding is that of the outcome returned."""
    kept = [Outcome.unknown(t(f"Réponse {i}.", f"Answer {i}."), [f"path.{i}"]) for i in range(_HELD + 7)]
    order = [*range(len(kept)), *range(len(kept) - 1, -1, -3), 0, 0, 5]
    turn = [0]

    def varied(_op: ProcessingOperation, _s: Settings) -> Outcome:
        i = order[turn[0] % len(order)]
        turn[0] += 1
        if turn[0] % 4 == 0:  # an equal answer, another object
            return Outcome.unknown(kept[i].rationale, kept[i].missing)
        return kept[i]

    catalogue = _catalogue_of(varied)
    operation = load(EXAMPLES[0])
    for i in order:
        finding = screen(attrs.evolve(operation), catalogue, Settings()).findings[0]
        assert (finding.status, finding.rationale, finding.missing) == (
            FindingStatus.UNKNOWN,
            kept[i].rationale,
            kept[i].missing,
        )


def test_a_decision_is_kept_for_its_catalogue_and_statuses_only() -> None:
    """The verdict and notices kept for a tuple of statuses belong to one catalogue: another one whose
    rules are other rules (other titles, effects) with the same statuses decides for itself, and
    another tuple of statuses is decided anew. The blocking issues and missing facts are each
    operation's own."""
    flip = [FindingStatus.MET]

    def met(_op: ProcessingOperation, _s: Settings) -> Outcome:
        return Outcome.met(t("Oui.", "Yes."))

    def turning(_op: ProcessingOperation, _s: Settings) -> Outcome:
        if flip[0] is FindingStatus.MET:
            return Outcome.met(t("Oui.", "Yes."))
        return Outcome.unknown(t("Inconnu.", "Unknown."), [f"path.{len(flip)}"])

    operation, settings = load(EXAMPLES[0]), Settings()
    counting = _catalogue_of(met, turning, effects=(Effect.COUNTS, Effect.COUNTS), name="a")
    blocking = _catalogue_of(met, turning, effects=(Effect.BLOCKS, Effect.BLOCKS), name="b")
    for _ in range(2):
        for each in (counting, blocking):
            _screened_as_plain(operation, each, settings)
    assert screen(operation, counting, settings).verdict.requirement is Requirement.REQUIRED
    assert screen(operation, blocking, settings).blocking[1].id == "test:b1"
    for _ in range(3):  # another tuple of statuses, and its missing facts read from each operation
        flip[0] = FindingStatus.UNKNOWN
        flip.append(FindingStatus.UNKNOWN)
        for each in (counting, blocking):
            got = _screened_as_plain(operation, each, settings)
            assert got.missing_facts == (f"path.{len(flip)}",)


def _screened_as_plain(operation: ProcessingOperation, catalogue: Catalogue, settings: Settings) -> Screening:
    """``screen`` of a new copy of ``operation``, its verdict, notices, blocking issues and missing facts
    asserted equal to the plain screening's."""
    plain = _plain_screening(_plain_findings(operation, catalogue, settings))
    got = screen(attrs.evolve(operation), catalogue, settings)
    assert (got.verdict, got.notices, got.blocking, got.missing_facts) == (
        plain.verdict,
        plain.notices,
        plain.blocking,
        plain.missing_facts,
    )
    return got


def _finding(**fields: object) -> Finding:
    base: dict[str, object] = {
        "id": "test:a",
        "kind": "criterion",
        "group": "test",
        "title": t("Règle A", "Rule A"),
        "effect": Effect.COUNTS,
        "status": FindingStatus.MET,
        "rationale": t("Parce que.", "Because."),
        "missing": (),
        "source": Source(citation=t("Essai", "Test"), reliability="verified"),
        "plugin": PluginInfo(name="tests.shared", version="1", builtin=True),
    }
    base.update(fields)
    return Finding(**base)  # type: ignore[arg-type]


def test_a_kept_decision_holds_everything_the_verdict_reads_of_a_finding() -> None:
    """Findings differing from screened ones in one field the verdict or the notices read (id, status,
    effect, kind, counts_as, overrides_mandatory, presumption, title) are decided anew: each screening
    is the plain one. Those differing in what is each screening's own (rationale, missing facts) keep
    the verdict and get their own blocking issues and missing facts."""
    from aipd.screening import _screening

    def findings(mandatory: FindingStatus, **changed: object) -> list[Finding]:
        return [
            _finding(**{"id": "test:a", **changed}),
            _finding(id="test:b", title=t("Règle B", "Rule B")),
            _finding(id="test:c", effect=Effect.REQUIRES, status=mandatory),
            _finding(id="test:d", effect=Effect.BLOCKS, status=FindingStatus.UNKNOWN, missing=("x.y",)),
        ]

    variants = [
        {},
        {"id": "test:z"},
        {"status": FindingStatus.UNKNOWN, "missing": ("a.b",)},
        {"status": FindingStatus.NOT_MET},
        {"effect": Effect.REQUIRES},
        {"effect": Effect.REQUIRES, "kind": "list_item"},
        {"effect": Effect.REQUIRES, "presumption": True},
        {"effect": Effect.EXEMPTS},
        {"effect": Effect.EXEMPTS, "overrides_mandatory": True},
        {"effect": Effect.BLOCKS},
        {"counts_as": "test:b"},
        {"title": t("Autre titre", "Other title")},
        {"title": t("Règle A", "Other English title")},
        {"title": t("Autre titre français", "Rule A")},
        {"rationale": t("Autrement.", "Otherwise.")},
        {"status": FindingStatus.UNKNOWN, "missing": ("c.d", "a.b")},
    ]
    for mandatory in (FindingStatus.NOT_MET, FindingStatus.MET, FindingStatus.NOT_MET):
        for changed in variants:
            each = findings(mandatory, **changed)
            got, plain = _screening(each), _plain_screening(each)
            assert got == plain, changed
            assert list(got.notices) == list(plain.notices), changed


@hsettings(deadline=None, suppress_health_check=list(HealthCheck))
@given(
    sequence=st.lists(st.one_of(operations(), st.sampled_from(EXAMPLES).map(load)), min_size=1, max_size=4)
)
def test_settled_screenings_with_kept_decisions_are_the_cold_ones(
    sequence: list[ProcessingOperation],
) -> None:
    """screen_unsettled (a row screened for each kind of body) over a sequence, the decisions kept from
    the screenings before: each is the one computed with no decision kept."""
    from aipd import screening as screening_module
    from aipd.screening import screen_unsettled
    from aipd.vocabulary import OrganisationKind

    catalogue, settings = default_registry(()).catalogue(), Settings()
    what = t("la nature de l'organisme", "the kind of body")
    for operation in [*sequence, *map(attrs.evolve, sequence)]:
        answers = [
            (
                t(kind.fr, kind.en),
                run_rules(
                    attrs.evolve(operation, controller=attrs.evolve(operation.controller, kind=kind)),
                    catalogue,
                    settings,
                ),
            )
            for kind in (OrganisationKind.OTHER, OrganisationKind.COMMUNE)
        ]
        warm = screen_unsettled(answers, fact="controller.kind", what=what)
        screening_module._DECIDED.clear()
        cold = screen_unsettled(answers, fact="controller.kind", what=what)
        assert warm == cold
        assert list(warm.notices) == list(cold.notices)


def test_threads_deciding_together_get_the_plain_screenings() -> None:
    """Four threads screening findings at once, the kept decisions shared and emptied over and over:
    each screening is the plain one."""
    import concurrent.futures

    from aipd import screening as screening_module
    from aipd.screening import _screening

    catalogue, settings = default_registry(()).catalogue(), Settings()
    lists = [run_rules(load(p), catalogue, settings) for p in EXAMPLES]
    plain = [_plain_screening(list(each)) for each in lists]
    old = screening_module._DECIDED_LIMIT
    screening_module._DECIDED_LIMIT = 3
    try:
        with concurrent.futures.ThreadPoolExecutor(4) as pool:
            got = list(pool.map(lambda each: _screening(list(each)), lists * 8))
    finally:
        screening_module._DECIDED_LIMIT = old
    assert got == plain * 8

"""Triage of a whole register: which processings need an AIPD, which to start first.

Pure core: each row (a :class:`~aipd.registers.RegisterRow`, a plain mapping
as :func:`aipd.load` reads, or a :class:`~aipd.model.ProcessingOperation`) is
loaded strictly, screened with the catalogue, and classified under the AI Act
when it declares an AI system. A row that cannot be read gives an
``unreadable`` result with its problems; the others go on. Results stream in
input order: nothing is kept, so memory does not grow with the register.

Only the screening runs (not the risk analysis or the document): the triage
answers "is an AIPD required, and what facts are missing", which the screening
alone decides (GDPR art. 35(1), (3), (4), (5); WP248 rev.01 III.B.a).
"""

from __future__ import annotations

import collections
import copyreg
import functools
import heapq
import io
import itertools
import pickle
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, TypeAlias

import attrs

from aipd.errors import AipdError, InputError, Problem
from aipd.i18n import Lang, Text, t
from aipd.vocabulary import Vocabulary

if TYPE_CHECKING:  # imported when a triage runs, so ``import aipd`` stays light (see _bind)
    from aipd.ai_act import AIActClass, classify
    from aipd.catalogue import Effect, FindingStatus
    from aipd.io import load
    from aipd.model import ProcessingOperation
    from aipd.registers import DomainHint, RegisterRow, _RowReader, domain_hints
    from aipd.registry import Catalogue, Registry
    from aipd.screening import Finding, Reason, Requirement, Screening, screen
    from aipd.settings import Settings
    from aipd.vocabulary import Domain, OrganisationKind

__all__ = [
    "TriageOutcome",
    "TriageResult",
    "TriageSummary",
    "presumed",
    "priority",
    "summarise",
    "triage",
]

Row: TypeAlias = "RegisterRow | ProcessingOperation | Mapping[str, Any]"


_BOUND = False


def _bind() -> None:
    """Bind as this module's names the stages a triage runs at every row (typed by the imports under
    TYPE_CHECKING): imported with the first row, not with ``import aipd``. An import statement in
    :func:`triage_one`, :func:`priority` and the summary cost about 6 µs per row (each module looked
    up again, each name fetched)."""
    global _BOUND
    from aipd.ai_act import AIActClass, classify
    from aipd.catalogue import Effect, FindingStatus
    from aipd.io import load
    from aipd.model import ProcessingOperation
    from aipd.registers import RegisterRow, domain_hints
    from aipd.screening import Reason, Requirement, screen

    globals().update(
        AIActClass=AIActClass,
        classify=classify,
        Effect=Effect,
        FindingStatus=FindingStatus,
        load=load,
        ProcessingOperation=ProcessingOperation,
        RegisterRow=RegisterRow,
        domain_hints=domain_hints,
        Reason=Reason,
        Requirement=Requirement,
        screen=screen,
    )
    _BOUND = True


class TriageOutcome(Vocabulary):
    """The answer for one processing of the register."""

    REQUIRED = "required", "AIPD requise", "DPIA required"
    NOT_REQUIRED = "not_required", "AIPD non requise", "DPIA not required"
    EXEMPT = "exempt", "Dispensé d'AIPD", "Exempt from a DPIA"
    INCOMPLETE = "incomplete", "Incomplet : des faits manquent", "Incomplete: facts are missing"
    UNREADABLE = "unreadable", "Ligne illisible", "Unreadable row"


@attrs.frozen(kw_only=True)
class TriageResult:
    """One row of the register, triaged.

    ``criteria_met`` holds the WP248 criteria counted (ids, with ``criteria_titles``);
    ``list_items`` the CNIL list items met (ids of délibérations 2018-327 and
    2019-118, with ``list_titles``); ``mandatory`` the other rules met that make a
    DPIA required (effect ``REQUIRES``): the cases where it is mandatory (GDPR
    art. 35(3), loi Informatique et Libertés art. 90 under Title III, a plug-in's)
    and the presumptions of a cited source (the CNIL's for a high-risk AI system,
    « présumée nécessaire »), with ``mandatory_sources`` giving each one's effect
    and source as a reader sees them; ``missing_facts`` the model paths that would
    settle the unknown rules, ``assumed`` the facts filled by a default rather than read.
    """

    row: int
    source: str | None
    id: str | None
    name: str | None
    register_ref: str | None
    outcome: TriageOutcome
    reason: Text | None = None
    explanation: Text | None = None
    criteria_met: tuple[str, ...] = ()
    criteria_titles: tuple[Text, ...] = ()
    list_items: tuple[str, ...] = ()
    list_titles: tuple[Text, ...] = ()
    #: The ids among ``list_items`` of an exemption list (GDPR art. 35(5), délibération 2019-118): met,
    #: they exempt the processing unless a rule making a DPIA required prevails (then it is required).
    list_exemptions: tuple[str, ...] = ()
    mandatory: tuple[str, ...] = ()
    mandatory_sources: tuple[Text, ...] = ()
    blocking: tuple[str, ...] = ()
    ai_act_class: AIActClass | None = None
    missing_facts: tuple[str, ...] = ()
    assumed: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = ()
    notes: tuple[Text, ...] = ()
    #: Domains the name and purposes suggest, besides those given (:func:`aipd.registers.domain_hints`):
    #: for the DPO to check and write in the register; the screening never reads them.
    domain_hints: tuple[DomainHint, ...] = ()


def _unreadable(
    number: int,
    source: str | None,
    data: Mapping[str, Any] | ProcessingOperation,
    problems: Iterable[Problem],
) -> TriageResult:
    if not _BOUND:
        _bind()
    name = data.name if isinstance(data, ProcessingOperation) else data.get("name")
    ref = data.register_ref if isinstance(data, ProcessingOperation) else data.get("register_ref")
    return TriageResult(
        row=number,
        source=source,
        id=None,
        name=name if isinstance(name, str) else None,
        register_ref=ref if isinstance(ref, str) else None,
        outcome=TriageOutcome.UNREADABLE,
        problems=tuple(attrs.evolve(p, line=p.line or number, source=p.source or source) for p in problems),
    )


def _outcome(requirement: Requirement, reason: Reason) -> TriageOutcome:
    if not _BOUND:
        _bind()
    if requirement is Requirement.REQUIRED:
        return TriageOutcome.REQUIRED
    if requirement is Requirement.INCOMPLETE:
        return TriageOutcome.INCOMPLETE
    return TriageOutcome.EXEMPT if reason is Reason.EXEMPTION else TriageOutcome.NOT_REQUIRED


def _screen_unknown_kind(op: ProcessingOperation, catalogue: Catalogue, settings: Settings) -> Screening:
    """The screening of a row whose register does not give the kind of body (``op`` holds the
    placeholder « autre »): as if the kind were unknown, a rule whose answer turns on it unknown.

    The built-in screening rules read the kind two ways: a body governed by public law or not
    (GDPR art. 6(1), second subparagraph; recital 91 and délibération 2019-118, items 5 to 9, for the
    fields they name), « autre » or not (délibération 2019-118, item 10). A
    commune and « autre » give every answer those tests can give (an organisme privé chargé d'un
    service public answers as « autre » to the first, as a commune to the second).

    The rules are run for both. When every rule answers alike, the kind decides nothing and the
    screening is the « autre » one, as :func:`aipd.screening.screen` gives it; otherwise the answers
    are settled (:func:`screen_unsettled`), and the « autre » verdict is never decided (the row's
    verdict is the settled one's). The built-in rules keep their answers across rows
    (``aipd_builtin.memo``), so in a register (the CNIL's model has no column for the kind) both runs
    are mostly answers already kept, and each rule's finding the same object for both kinds.
    """
    from aipd.screening import _decided, run_rules, screen_unsettled
    from aipd.vocabulary import OrganisationKind

    other = run_rules(op, catalogue, settings)
    commune = OrganisationKind.COMMUNE
    public = run_rules(_with_kind(op, commune), catalogue, settings)
    if other == public:  # a tuple compares each pair by identity first, in C: the findings kept alike
        return _decided(op, catalogue, list(other))  # what screen(op) gives, from these findings
    placeholder = op.controller.kind
    return screen_unsettled(
        [(Text(placeholder.fr, placeholder.en), other), (Text(commune.fr, commune.en), public)],
        fact="controller.kind",
        what=t("la nature de l'organisme", "the kind of body"),
    )


def _with_kind(op: ProcessingOperation, kind: OrganisationKind) -> ProcessingOperation:
    """``op`` with ``kind`` as its controller's kind: what ``attrs.evolve`` of both gives.

    The operation and its controller are copied field by field (:func:`_replaced`), not built again:
    ``attrs.evolve`` runs every converter and validator of their thirty-nine fields on values they
    already passed (about 35 µs a row, a copy about 8)."""
    return _replaced(op, "controller", _replaced(op.controller, "kind", kind))


_Instance = typing.TypeVar("_Instance")


def _replaced(instance: _Instance, name: str, value: object) -> _Instance:
    """``attrs.evolve(instance, **{name: value})``, copied rather than built: the other fields are the
    same objects, which the class's ``__init__`` converted and checked when ``instance`` was built, and
    the field ``name`` has neither converter nor validator. A class for which the copy would not be
    what ``__init__`` builds (see :func:`_copier`) is evolved."""
    cls: type = instance.__class__
    copier = _copier(cls, name)
    if copier is None:
        return attrs.evolve(instance, **{name: value})  # type: ignore[misc]  # an attrs instance, as checked
    return typing.cast("_Instance", copier(instance, value))


@functools.lru_cache(maxsize=64)  # bounded: a program may pass operations of classes it makes
def _copier(cls: type, name: str) -> Callable[[object, object], object] | None:
    """A function copying an instance of ``cls`` with another value of the field ``name``, when an
    instance of ``cls`` is its fields and nothing else (slotted, no base but ``object`` or the model's
    type check, no slot but the fields' and ``__weakref__``: not a cached hash, which a copy would carry
    over), each given to ``__init__`` and set by it alone (no ``init=False`` field, no
    ``__attrs_pre_init__``, no ``__attrs_post_init__`` but the model's type check, which the copy runs
    as ``__init__`` does), and ``name`` is a field without converter or validator; else None.

    Written out field by field, as attrs writes ``__init__`` (a loop over the fields costs twice as
    much); the instances are frozen, so the copy in the making is filled with ``object.__setattr__``,
    as attrs's ``__init__`` fills them."""
    from aipd.model import _Checked

    if not attrs.has(cls) or cls.__bases__ not in ((object,), (_Checked,)):
        return None
    checked = cls.__bases__ == (_Checked,)
    fields = attrs.fields(cls)
    names = [a.name for a in fields]
    slots = cls.__dict__.get("__slots__")
    if slots is None or set(slots) - {"__weakref__"} != set(names):
        return None
    if hasattr(cls, "__attrs_pre_init__") or (hasattr(cls, "__attrs_post_init__") and not checked):
        return None
    if not all(a.init for a in fields):
        return None
    replaced = next((a for a in fields if a.name == name), None)
    if replaced is None or replaced.converter is not None or replaced.validator is not None:
        return None
    if not all(n.isidentifier() for n in names):
        return None
    lines = ["def copy(instance, value):", "    new = _new(_cls)", "    _set = _setattr.__get__(new)"]
    lines += [f"    _set({n!r}, value)" if n == name else f"    _set({n!r}, instance.{n})" for n in names]
    if checked:  # the model's type check, as __init__ runs it (aipd.model._Checked)
        lines.append("    new.__attrs_post_init__()")
    lines.append("    return new")
    namespace: dict[str, Any] = {"_new": object.__new__, "_cls": cls, "_setattr": object.__setattr__}
    exec("\n".join(lines), namespace)  # from the class's field names only, as attrs writes __init__
    copier: Callable[[object, object], object] = namespace["copy"]
    return copier


def _partial_reason(partial: Iterable[str]) -> tuple[Text, Text]:
    """The reason and explanation of a row left incomplete because the register gives ``partial`` in part."""
    from aipd.model import path_label
    from aipd.screening import Reason

    labels = [path_label(path) or Text(path, path) for path in partial]
    return Text(Reason.MISSING_FACTS.fr, Reason.MISSING_FACTS.en), Text(
        "À préciser dans le registre : " + " ; ".join(x.fr for x in labels) + ".",
        "To be given in the register: " + "; ".join(x.en for x in labels) + ".",
    )


def _effect_and_source(finding: Finding) -> Text:
    """What a met ``REQUIRES`` rule does and where it comes from: « Rend l'AIPD obligatoire — RGPD,
    art. 35.3.c », or « présumée nécessaire » for a presumption, its citation marked « à vérifier »
    when it was not read in an official copy (as the document and the console say)."""
    effect = finding.effect_text
    citation = finding.source.citation
    unverified = finding.source.reliability != "verified"
    return Text(
        f"{effect.fr} — {citation.fr}" + (" (à vérifier)" if unverified else ""),
        f"{effect.en} — {citation.en}" + (" (to be checked)" if unverified else ""),
    )


def triage_one(row: Row, number: int, catalogue: Catalogue, settings: Settings) -> TriageResult:
    """Triage one row (``number`` is used when the row does not carry its own)."""
    if not _BOUND:
        _bind()
    source: str | None = None
    notes: tuple[Text, ...] = ()
    assumed: tuple[str, ...] = ()
    partial: tuple[str, ...] = ()
    if isinstance(row, RegisterRow):
        number, source, notes, assumed = row.number, row.source, row.notes, row.assumed
        partial = row.partial
        if row.problems:
            return _unreadable(number, source, row.data, row.problems)
        data: Mapping[str, Any] | ProcessingOperation = row.data
    else:
        data = row
    if isinstance(data, ProcessingOperation):
        op = data
    else:
        try:
            op = load(data, lang=settings.lang)
        except InputError as exc:
            return _unreadable(number, source, data, exc.problems)
    if "controller.kind" in assumed:
        screening = _screen_unknown_kind(op, catalogue, settings)
    else:
        screening = screen(op, catalogue, settings)
    verdict = screening.verdict
    met = [f for f in screening.findings if f.status is FindingStatus.MET]
    counted = {f.counts_as or f.id: f for f in met if f.effect is Effect.COUNTS}
    lists = [f for f in met if f.kind == "list_item"]
    mandatory = [f for f in met if f.kind == "criterion" and f.effect is Effect.REQUIRES]
    ai_class = classify(op, screening.findings).ai_class if op.ai_system is not None else None
    missing = tuple(dict.fromkeys([*screening.missing_facts, *partial, *assumed]))
    outcome = _outcome(verdict.requirement, verdict.reason)
    reason, explanation = Text(verdict.reason.fr, verdict.reason.en), verdict.explanation
    if partial and outcome in (TriageOutcome.NOT_REQUIRED, TriageOutcome.EXEMPT):
        # The register gives these lists only in part (« Identité ; à préciser »): the rest may add a
        # criterion or a mandatory case, or take the processing out of an exempt type. A DPIA found
        # required stays so; any other answer would rest on what the register does not say.
        outcome, reason, explanation = TriageOutcome.INCOMPLETE, *_partial_reason(partial)
    return TriageResult(
        row=number,
        source=source,
        id=op.id,
        name=op.name,
        register_ref=op.register_ref,
        outcome=outcome,
        reason=reason,
        explanation=explanation,
        criteria_met=tuple(sorted(counted)),
        criteria_titles=tuple(counted[k].title for k in sorted(counted)),
        list_items=tuple(f.id for f in lists),
        list_titles=tuple(f.title for f in lists),
        list_exemptions=tuple(f.id for f in lists if f.effect is Effect.EXEMPTS),
        mandatory=tuple(f.id for f in mandatory),
        mandatory_sources=tuple(_effect_and_source(f) for f in mandatory),
        blocking=tuple(f.id for f in screening.blocking),
        ai_act_class=ai_class,
        missing_facts=missing,
        assumed=assumed,
        notes=notes,
        # After the screening, from the operation as loaded: a suggestion, never a fact it reads.
        domain_hints=domain_hints((op.name, *(p.description for p in op.purposes)), op.domains),
    )


# --- parallel triage ---------------------------------------------------------------------------

_T = typing.TypeVar("_T")
_Worker: TypeAlias = "tuple[Catalogue, Settings, _RowReader | None]"
_WORKER: _Worker | AipdError | None = None
#: Rows per chunk sent to a process: amortises the pickling, small enough to keep memory flat.
_CHUNK = 256
#: The smallest chunk, when chunks shrink to share what is left (:func:`_chunks`).
_MIN_CHUNK = 16


def _init_worker(settings: Settings, reader: _RowReader | None = None) -> None:
    from aipd.registry import default_registry

    global _WORKER
    try:
        registry = default_registry(settings.blocked_plugins)
        _WORKER = (registry.catalogue(), settings, reader)
    except AipdError as exc:
        # Kept for the first row, so that the error itself reaches the parent: an initializer that
        # raises only breaks the pool (multiprocessing.Pool even restarted it for ever, silently).
        _WORKER = exc


def _worker() -> _Worker:
    worker = _WORKER
    assert worker is not None, "worker not initialised"
    if isinstance(worker, AipdError):
        raise worker
    return worker


def _pack(results: list[TriageResult]) -> bytes:
    """A chunk's results pickled for the parent. Texts, problems, hints and results are written as
    the arguments that build them: the pickling attrs gives a frozen class with slots calls a Python
    ``__getstate__`` per object (a result holds dozens of texts), four times slower."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _dispatch_table()
    pickler.dump(results)
    return buffer.getvalue()


@functools.cache
def _dispatch_table() -> Mapping[type, Any]:
    from aipd.registers import DomainHint

    def text(x: Text) -> tuple[Any, ...]:
        return Text, (x.fr, x.en)

    def by_fields(cls: type) -> Callable[[Any], tuple[Any, ...]]:
        fields = attrs.fields(cls)
        names = tuple(a.name for a in fields)
        aliases = tuple(a.alias for a in fields)
        return lambda obj: (_build, (cls, aliases, tuple(getattr(obj, name) for name in names)))

    table: collections.ChainMap[type, Any] = collections.ChainMap(
        {Text: text, **{cls: by_fields(cls) for cls in (Problem, DomainHint, TriageResult)}},
        copyreg.dispatch_table,
    )
    return table


def _build(cls: type[_T], aliases: tuple[str, ...], values: tuple[Any, ...]) -> _T:
    """An attrs instance from its fields' values, as :func:`_pack` wrote them (by name: a field added
    later to the class is not misplaced)."""
    return cls(**dict(zip(aliases, values, strict=True)))


def _work_chunk(chunk: list[tuple[int, Row]]) -> bytes:
    catalogue, settings, _ = _worker()
    return _pack([triage_one(row, number, catalogue, settings) for number, row in chunk])


def _work_records(chunk: list[tuple[int, list[Any]]]) -> bytes:
    """A chunk of a table's records (row number, cells) read and triaged in the worker: the parent
    process only reads the file and writes the results."""
    from aipd.registers import _row_stream  # the rows as iterating the register gives them

    catalogue, settings, reader = _worker()
    assert reader is not None, "a worker for records is given the register's reader"
    return _pack([triage_one(row, row.number, catalogue, settings) for row in _row_stream(reader, chunk)])


def triage(
    rows: Iterable[Row],
    *,
    settings: Settings | None = None,
    registry: Registry | None = None,
    jobs: int = 1,
) -> Iterator[TriageResult]:
    """Triage every row, yielding one result per row in input order, as they come.

    ``jobs`` above 1 spreads rows over that many processes (in chunks; the
    order is kept); each process builds the default registry minus
    ``settings.blocked_plugins``, so a custom ``registry`` needs ``jobs=1``.
    The rows of a table register (:func:`aipd.registers.open_register`) are
    read in those processes too: the calling process reads the file and
    gets the results. A plug-in fault stops the triage with :class:`aipd.PluginError`.
    """
    from aipd.registers import Register
    from aipd.registry import default_registry
    from aipd.settings import Settings

    settings = settings or Settings()
    if jobs <= 1:
        catalogue = (registry or default_registry(settings.blocked_plugins)).catalogue()
        for number, row in zip(itertools.count(1), rows, strict=False):
            yield triage_one(row, number, catalogue, settings)
        return
    if registry is not None:
        raise ValueError("triage(jobs > 1) builds the default registry in each process: pass registry=None")
    table = rows._raw() if isinstance(rows, Register) else None
    total = rows.total if isinstance(rows, Register) else None
    if table is not None and _picklable(table[0]):
        reader, records = table
        yield from _parallel(_chunks(records, total, jobs), _work_records, (settings, reader), jobs)
    else:
        numbered = zip(itertools.count(1), rows, strict=False)
        yield from _parallel(_chunks(numbered, total, jobs), _work_chunk, (settings,), jobs)


def _picklable(reader: _RowReader) -> bool:
    """Whether the reader reaches the processes (a mapping built by hand may hold what pickle refuses:
    its rows are then read here and sent converted)."""
    try:
        pickle.dumps(reader)
    except Exception:  # pickle raises TypeError, PicklingError, AttributeError… for what it cannot write
        return False
    return True


def _chunks(items: Iterator[_T], total: int | None, jobs: int) -> Iterator[list[_T]]:
    """``items`` in lists, read as the lists are asked for: :data:`_CHUNK` items each or, when about
    ``total`` are expected (a register's count of lines), half of each process's share of what
    is left, at least :data:`_MIN_CHUNK`: a register of a few hundred rows is shared among the
    processes rather than left to one, and the last chunks of a large one end at about the same time."""
    sent = 0
    while True:
        size = _CHUNK if total is None else max(_MIN_CHUNK, min(_CHUNK, (total - sent) // (2 * jobs)))
        chunk = list(itertools.islice(items, size))
        if not chunk:
            return
        sent += len(chunk)
        yield chunk


def _parallel(
    chunks: Iterator[list[_T]], work: Callable[[list[_T]], bytes], initargs: tuple[Any, ...], jobs: int
) -> Iterator[TriageResult]:
    """The chunks triaged by ``jobs`` processes with ``work``, results in input order, the input read a
    few chunks ahead.

    concurrent.futures rather than multiprocessing.Pool: a worker that dies (a plug-in calling
    ``os._exit``, the system killing it for lack of memory, a crash in a C library) breaks the
    executor, which says so; the Pool waited for the lost rows for ever.
    """
    from collections import deque
    from concurrent.futures import Future, ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    with ProcessPoolExecutor(jobs, initializer=_init_worker, initargs=initargs) as pool:
        pending: deque[Future[bytes]] = deque(
            pool.submit(work, c) for c in itertools.islice(chunks, 2 * jobs)
        )
        try:
            while pending:
                try:
                    done = pending.popleft().result()
                except BrokenProcessPool as exc:
                    raise AipdError(
                        "un processus du tri s'est arrêté brutalement (une extension qui appelle os._exit, "
                        "un manque de mémoire, un plantage) : relancez avec --jobs 1 pour voir l'erreur, ou "
                        "bloquez les extensions une à une (--block) "
                        "(a triage process ended abruptly: run again with --jobs 1 to see the error)"
                    ) from exc
                pending.extend(pool.submit(work, c) for c in itertools.islice(chunks, 1))
                yield from pickle.loads(done)
        finally:
            # A fault, or a reader that stops early: the rows not yet started are not triaged.
            pool.shutdown(wait=False, cancel_futures=True)


# --- summary -----------------------------------------------------------------------------------


def priority(result: TriageResult) -> tuple[int, int, int, int, int]:
    """The sort key of the AIPDs to start first (smaller first), documented in docs/registers.md.

    1. a blocking issue (a prohibited AI practice, a processing that cannot go ahead);
    2. an AI system classed prohibited or high-risk under the AI Act;
    3. a rule met that makes the AIPD required (:attr:`TriageResult.mandatory`: a mandatory case
       of GDPR art. 35(3) or loi Informatique et Libertés art. 90, a presumption of a cited source)
       or an item of the CNIL's list of types requiring one (délibération 2018-327), most first; an item
       of the exemption list (2019-118) is no reason to start first and is not counted;
    4. the number of WP248 criteria met, most first;
    5. the row number (the register's order).
    """
    if not _BOUND:
        _bind()
    ai_rank = 0 if result.ai_act_class in (AIActClass.PROHIBITED, AIActClass.HIGH_RISK) else 1
    return (
        0 if result.blocking else 1,
        ai_rank,
        -(len(result.mandatory) + len(result.list_items) - len(result.list_exemptions)),
        -len(result.criteria_met),
        result.row,
    )


def presumed(result: TriageResult) -> bool:
    """An incomplete row whose met facts already presume a DPIA: two WP248 criteria or more
    (WP248 rev.01, III.B.a) or a rule that makes it required (:attr:`TriageResult.mandatory`:
    GDPR art. 35(3), loi Informatique et Libertés art. 90, a presumption of a cited source), the
    answer waiting only on facts that could set it aside (an exemption of the CNIL list, art.
    35(10)). A summary that listed only the rows found "required" would hide them."""
    return result.outcome is TriageOutcome.INCOMPLETE and (
        len(result.criteria_met) >= 2 or bool(result.mandatory)
    )


@attrs.define
class TriageSummary:
    """Counters and the top of the list, updated row by row (memory does not grow with the register)."""

    top_n: int = 10
    rows: int = 0
    counts: dict[TriageOutcome, int] = attrs.field(factory=lambda: dict.fromkeys(TriageOutcome, 0))
    ai_systems: int = 0
    ai_high_or_prohibited: int = 0
    missing: dict[str, int] = attrs.field(factory=dict)
    unreadable: list[TriageResult] = attrs.field(factory=list)
    unreadable_kept: int = 20
    #: Incomplete rows whose met facts presume a DPIA (see :func:`presumed`).
    presumed_count: int = 0
    #: Rows with a domain suggested by their name or purpose (:attr:`TriageResult.domain_hints`), and
    #: how many rows each domain is suggested for (bounded by the vocabulary, not the register).
    hinted: int = 0
    suggested_domains: dict[Domain, int] = attrs.field(factory=dict)
    _heap: list[tuple[tuple[int, ...], int, TriageResult]] = attrs.field(factory=list)
    _presumed: list[tuple[tuple[int, ...], int, TriageResult]] = attrs.field(factory=list)

    def add(self, result: TriageResult) -> None:
        if not _BOUND:
            _bind()
        self.rows += 1
        self.counts[result.outcome] += 1
        if result.ai_act_class is not None:
            self.ai_systems += 1
            if result.ai_act_class in (AIActClass.PROHIBITED, AIActClass.HIGH_RISK):
                self.ai_high_or_prohibited += 1
        for fact in result.missing_facts:
            self.missing[fact] = self.missing.get(fact, 0) + 1
        if result.domain_hints:
            self.hinted += 1
            for hint in result.domain_hints:
                self.suggested_domains[hint.domain] = self.suggested_domains.get(hint.domain, 0) + 1
        if result.outcome is TriageOutcome.UNREADABLE:
            if len(self.unreadable) < self.unreadable_kept:
                self.unreadable.append(result)
            return
        if result.outcome is TriageOutcome.REQUIRED:
            self._keep(self._heap, result)
        elif presumed(result):
            self.presumed_count += 1
            self._keep(self._presumed, result)

    def _keep(self, heap: list[tuple[tuple[int, ...], int, TriageResult]], result: TriageResult) -> None:
        # A max-heap on the priority key (negated) keeps the best top_n seen so far.
        key = tuple(-k for k in priority(result))
        # The running count breaks ties, so two results are never compared.
        entry = (key, -self.rows, result)
        if len(heap) < self.top_n:
            heapq.heappush(heap, entry)
        elif entry[:2] > heap[0][:2]:
            heapq.heapreplace(heap, entry)

    @property
    def first(self) -> list[TriageResult]:
        """The AIPDs to start first, best first (:func:`priority`)."""
        return [r for _, _, r in sorted(self._heap, key=lambda e: (priority(e[2]), -e[1]))]

    @property
    def presumed_first(self) -> list[TriageResult]:
        """The incomplete rows that presume a DPIA (:func:`presumed`), best first."""
        return [r for _, _, r in sorted(self._presumed, key=lambda e: (priority(e[2]), -e[1]))]

    @property
    def failed(self) -> int:
        return self.counts[TriageOutcome.UNREADABLE]

    def top_missing(self, n: int = 10) -> list[tuple[str, int]]:
        """The facts most often missing, most first, then by path."""
        return sorted(self.missing.items(), key=lambda kv: (-kv[1], kv[0]))[:n]


def summarise(results: Iterable[TriageResult], *, top_n: int = 10) -> TriageSummary:
    """Count ``results`` (consumed) into a :class:`TriageSummary`."""
    summary = TriageSummary(top_n=top_n)
    for r in results:
        summary.add(r)
    return summary


def describe(result: TriageResult, lang: Lang = "fr") -> str:
    """One line for a person: row, name, outcome."""
    name = result.name or t("(sans nom)", "(no name)").get(lang)
    return f"{result.row}: {name} — {result.outcome.label(lang)}"

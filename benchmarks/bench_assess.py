"""Time ``aipd.assess`` on one operation with the default registry (a script, not a test).

The registry is built once, as a long-running municipal application would;
each timed call screens a new copy of the operation with every installed plug-in
(a fresh object, so nothing remembered for the previous object helps). Prints the
median time per assessment in microseconds, cold (the built-in rules' answers kept
across operations forgotten before the call: an operation never seen) and warm (a
copy of one already assessed: a triage of similar rows, a record assessed again),
and the warm median when the input digest (computed on first read of
``Assessment.input_digest``) is read too.

    python benchmarks/bench_assess.py [--example cameras-augmentees.yaml] [--runs 2000] [--block NAME]

The operation is read from ``examples/`` with ``aipd.io.load``; when the loader
is not available, a LAPI camera operation is built in Python instead, and the
output says so.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import attrs

from aipd.assess import assess
from aipd.model import Controller, Monitoring, ProcessingOperation, Scale, SupportingAsset
from aipd.registry import default_registry
from aipd.settings import Settings
from aipd.vocabulary import AssetKind, DataKind, OrganisationKind

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _forget import forget  # noqa: E402  # the benchmarks' own helper, beside this script


def built_operation() -> ProcessingOperation:
    """A LAPI camera operation, for when no loader is available."""
    from aipd.model import DataCategory

    return ProcessingOperation(
        id="bench-lapi",
        name="Lecture des plaques aux entrées de ville",
        controller=Controller(
            name="Commune de Banc", kind=OrganisationKind.COMMUNE, population_served=40_000
        ),
        data=(DataCategory(kind=DataKind.IMAGE), DataCategory(kind=DataKind.LOCATION)),
        scale=Scale(persons=30_000, relevant_population=40_000),
        monitoring=Monitoring(systematic=True, public_area=True, constant=True),
        assets=(SupportingAsset(kind=AssetKind.HARDWARE, name="Caméras PlateSight", provider="Acme Vision"),),
    )


def operation(example: str) -> tuple[ProcessingOperation, str]:
    try:
        from aipd.io import load  # type: ignore[import-not-found,unused-ignore]  # loader lands separately
    except ImportError:
        return built_operation(), "operation built in Python (aipd.io.load not available)"
    op: ProcessingOperation = load(EXAMPLES / example)
    return op, f"examples/{example}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--example", default="cameras-augmentees.yaml")
    parser.add_argument("--runs", type=int, default=2000)
    parser.add_argument("--block", action="append", default=[])
    args = parser.parse_args(argv)

    op, what = operation(args.example)
    settings = Settings(blocked_plugins=args.block)
    registry = default_registry(settings.blocked_plugins)
    catalogue = registry.catalogue()
    # A new (equal) operation object for every call, as a triage or an application sees: rules
    # remember a few shared facts for the last operation object they saw, so assessing the
    # same object again and again would time a warm path no real caller takes.
    copies = iter([attrs.evolve(op) for _ in range(50 + 3 * args.runs)])
    for _ in range(50):  # warm-up: imports, the catalogue's derived tables
        assess(next(copies), settings=settings, registry=registry)
    samples, with_digest, cold = [], [], []
    for _ in range(args.runs):
        fresh = next(copies)
        start = time.perf_counter_ns()
        assess(fresh, settings=settings, registry=registry)
        samples.append(time.perf_counter_ns() - start)
        # Cold: an operation never seen, the built-in rules' kept answers forgotten (not timed).
        forget()
        fresh = next(copies)
        start = time.perf_counter_ns()
        assess(fresh, settings=settings, registry=registry)
        cold.append(time.perf_counter_ns() - start)
        # What a caller that prints the traceability annex pays: the input digest is computed
        # on first read (Assessment.input_digest), not by assess() itself.
        fresh = next(copies)
        start = time.perf_counter_ns()
        _ = assess(fresh, settings=settings, registry=registry).input_digest
        with_digest.append(time.perf_counter_ns() - start)
    median_us = statistics.median(samples) / 1000
    median_cold_us = statistics.median(cold) / 1000
    median_digest_us = statistics.median(with_digest) / 1000
    rules = len(catalogue.criteria) + len(catalogue.list_items)
    plugins = ", ".join(p.label() for p in catalogue.plugins) or "-"
    print(f"input: {what}")
    print(f"plug-ins: {plugins}")
    print(f"rules screened: {rules}")
    print(f"runs: {args.runs}")
    print(f"median, cold (an operation never seen): {median_cold_us:.1f} µs per assessment")
    print(f"median, warm (a copy of one seen, its rules' answers kept): {median_us:.1f} µs")
    print(f"median with the input digest read: {median_digest_us:.1f} µs")
    return 0


if __name__ == "__main__":
    sys.exit(main())

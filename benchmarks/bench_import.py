"""Time a cold ``import aipd`` and a cold ``aipd --version`` (a script, not a test).

Each run is a fresh interpreter (``python -c "import aipd"``, ``python -m aipd.cli
--version`` and, when installed, the ``aipd`` console script; the first real use,
loading and assessing one example, for comparison), so nothing is
cached in memory but the operating system's file cache. The bare interpreter's
start-up (``python -c pass``) is measured the same way and printed apart, so the
cost aipd adds can be read off. Prints the median wall time of N runs in
milliseconds.

    python benchmarks/bench_import.py [--runs 10]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "cameras-augmentees.yaml"


def median_ms(command: list[str], runs: int) -> float:
    """Median wall time of ``command`` over ``runs`` fresh processes, in milliseconds."""
    samples = []
    for _ in range(runs):
        start = time.perf_counter_ns()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        samples.append(time.perf_counter_ns() - start)
    return statistics.median(samples) / 1e6


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args(argv)

    python = sys.executable
    commands = {
        "python -c pass (interpreter alone)": [python, "-c", "pass"],
        "import aipd": [python, "-c", "import aipd"],
        "import aipd, load and assess one example (first use)": [
            python,
            "-c",
            f"import aipd; aipd.assess(aipd.load({str(EXAMPLE)!r}))",
        ],
        "python -m aipd.cli --version": [python, "-m", "aipd.cli", "--version"],
    }
    script = shutil.which("aipd")
    if script is not None:
        commands["aipd --version (console script)"] = [script, "--version"]
    for command in commands.values():  # warm the file cache once
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    print(f"python: {sys.version.split()[0]}")
    print(f"runs: {args.runs} (median)")
    for label, command in commands.items():
        print(f"{label}: {median_ms(command, args.runs):.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Forget what the built-in plug-in keeps across operations, for the cold figures of the benchmarks.

The built-in rules keep their answers by the facts that decide them (``aipd_builtin.memo``), so a
new copy of an operation already assessed is answered from those stores: that is what a triage of
similar rows, or an application assessing the same record again, pays. An operation never seen
before pays the full price: to measure it, the stores are emptied before each assessment.
"""

from __future__ import annotations


def forget() -> None:
    """Empty the built-in plug-in's stores of kept answers (also on versions before ``memo``)."""
    try:
        from aipd_builtin import memo
    except ImportError:  # a version before aipd_builtin.memo: the three stores of its facts
        from aipd_builtin import facts

        for name in ("_NO_DOMAINS", "_DOMAIN_ANSWERS", "_KIND_ANSWERS"):
            store = getattr(facts, name, None)
            if store is not None:
                store.clear()
        fmt_int = getattr(facts, "fmt_int", None)
        if fmt_int is not None and hasattr(fmt_int, "cache_clear"):
            fmt_int.cache_clear()
        return
    memo.clear()

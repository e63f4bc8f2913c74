"""The hook contract between aipd and its plug-ins.

This module is the reference for plug-in authors: every hook is documented
here, and ``docs/hooks.md`` is generated from these docstrings.

A plug-in is a module (or any object) with functions decorated by
:data:`aipd.hookimpl` and named after the hooks below. A distribution makes it
known to aipd through an entry point in the ``aipd`` group::

    [project.entry-points.aipd]
    acme = "acme_aipd.plugin"

Rules every hook follows, so that vendors can rely on them:

- hooks return **declarative catalogues** of frozen values from
  :mod:`aipd.catalogue`; they compute no verdict;
- arguments, when a hook has any, are passed **by keyword**; new arguments
  may be added (a plug-in that does not ask for one does not receive it), none
  is ever removed or renamed without a major version;
- every contributed value has a **namespaced id** (``acme:lpr_camera``); the host
  sorts everything by id, so the order plug-ins are installed in never changes
  an assessment; two values with the same id are an error, naming both plug-ins;
- a hook that raises, returns something else than documented, or a test that
  raises at assessment time is reported as :class:`aipd.PluginError` naming the
  plug-in and its version. Nothing is swallowed: "raises" means any exception,
  ``SystemExit`` and other ``BaseException`` subclasses included; only
  ``KeyboardInterrupt`` is left to stop the run;
- an implementation of a hook that does not exist (a misspelled name), one
  that asks for an argument its hook does not have, and one declared as a
  wrapper are refused when the plug-in is loaded, with a ``PluginError``;
- a hook may return a list or be a generator; either is read in full when the
  catalogue is built, and an error raised while reading it is the plug-in's;
- a plug-in can be left out by name (``Registry(blocked=["acme"])``,
  ``Settings(blocked_plugins={"acme"})``, ``aipd assess --block acme``); a
  blocked plug-in is not even imported, and outputs list it as blocked.

The built-in rules of aipd (package ``aipd_builtin``) are written against
exactly these hooks.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pluggy

from aipd.catalogue import Criterion, ListItem, MeasureType, RiskType

PROJECT = "aipd"

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def aipd_criteria() -> Iterable[Criterion]:
    """Contribute screening criteria.

    Return an iterable of :class:`aipd.catalogue.Criterion`. Each carries its
    legal source and a pure ``test(operation, settings)`` returning an
    :class:`aipd.catalogue.Outcome` (met, not met, or unknown with the facts
    still needed). The criterion's ``effect`` says what a met criterion does:

    - ``COUNTS``: a high-risk criterion counted towards the WP248 presumption
      (two or more criteria: a DPIA is in principle required). A vendor
      criterion that only refines a WP248 criterion sets
      ``counts_as="wp248:<key>"``, which must name a counted criterion of a
      loaded plug-in (else ``PluginError``): it then makes that criterion
      count, and is never counted twice with it;
    - ``REQUIRES``: a DPIA is required whenever it is met (GDPR art. 35(3));
    - ``EXEMPTS``: a statutory exemption (GDPR art. 35(10));
    - ``BLOCKS``: a blocking issue (a prohibited practice, no legal basis),
      reported before any verdict;
    - ``INFORMS``: shown in the assessment, no effect on the verdict.

    Built-in: the nine WP248 rev.01 criteria (``wp248:*``); GDPR art. 35(3)
    and 35(10), the blocking issues of arts. 6, 9 and 10 and of the NIR, and a
    DPIA already done for a very similar processing (WP248 III.B.b)
    (``gdpr:*``); art. 90 of the loi Informatique et Libertés (``lil:art90``);
    the AI Act classes (``ai-act:*``); the end of the loi n° 2023-380 art. 10
    experiment (``fr:jo2024-experiment-ended``).
    """
    return ()


@hookspec
def aipd_list_items() -> Iterable[ListItem]:
    """Contribute items of reference lists of types of processing.

    Return an iterable of :class:`aipd.catalogue.ListItem`, each naming its
    :class:`aipd.catalogue.ReferenceList` (a list of types for which a DPIA is
    required, GDPR art. 35(4), or not required, art. 35(5)), its number in the
    published list, its title as the text states it, its conditions and a pure
    test. An exemption never applies to an operation that meets a ``REQUIRES``
    rule.

    Built-in: the CNIL's list of required types (délibération n° 2018-327,
    ``cnil-2018-327:1`` to ``:14``) and of exempt types (délibération
    n° 2019-118, ``cnil-2019-118:1`` to ``:12``).
    """
    return ()


@hookspec
def aipd_risks() -> Iterable[RiskType]:
    """Contribute risks for the persons, to be analysed the CNIL way.

    Return an iterable of :class:`aipd.catalogue.RiskType`: a title, the
    impacts on persons, threats and risk sources, the measure ids that reduce
    it, and ``applies(operation, settings)`` telling whether the risk concerns
    the operation. Severity and likelihood are proposed by the host from the
    facts and the measures declared, and may be overridden by the DPO.

    Built-in: the CNIL method's three feared events (``cnil:*``) and the
    AI-specific risks of the CNIL's AI guidance (``ai:*``).
    """
    return ()


@hookspec
def aipd_measures() -> Iterable[MeasureType]:
    """Contribute measures to the catalogue, in the CNIL method's families.

    Return an iterable of :class:`aipd.catalogue.MeasureType`. An operation
    declares a measure by its id (``measures: [{id: builtin:encryption}]``);
    declaring it implemented lowers the proposed initial levels (and so the
    residual ones) of the risks it ``reduces``, declaring it planned only the
    residual ones, and a measure only considered lowers nothing; none lowers
    anything when its optional ``applies`` test is not met for the operation
    (the facts leave it nothing to act on).
    """
    return ()


@hookspec
def aipd_template_dirs() -> Iterable[Path]:
    """Contribute folders of Jinja wording templates for the AIPD document.

    A template found in a plug-in's folder overrides the built-in template of
    the same name (``fr/synthese.md.j2``); plug-in folders are searched in the
    order of their plug-in names, before the built-in folder. An override may
    define only the labels and blocks it changes; the others, including those
    a later aipd adds, are read from the built-in file. Each folder must be an
    existing :class:`pathlib.Path`.
    """
    return ()

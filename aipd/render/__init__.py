"""The AIPD document: Assessment → DOCX.

Three owners: structure in :mod:`aipd.render.docx` (python-docx), wording in
the Jinja templates read by :mod:`aipd.render.text`, look in a reference
``.docx``. :mod:`aipd.render.context` turns the assessment into the plain
mapping both read. python-docx and Jinja are imported only when rendering, so
``import aipd`` stays fast.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from aipd.i18n import Lang, check_lang

if TYPE_CHECKING:
    from aipd.assess import Assessment
    from aipd.registry import Registry

__all__ = ["render_docx"]


def render_docx(
    assessment: Assessment,
    path: str | os.PathLike[str],
    *,
    lang: Lang = "fr",
    template: str | os.PathLike[str] | None = None,
    registry: Registry | None = None,
    template_dirs: Sequence[Path] | None = None,
) -> Path:
    """Write the AIPD of ``assessment`` to ``path`` (a DOCX) and return the path.

    ``lang`` is ``"fr"`` (default) or ``"en"``; ``template`` is a reference
    ``.docx`` giving the look (letterhead, fonts); wording overrides come from
    the plug-ins' ``aipd_template_dirs`` (of ``registry``, by default the
    installed plug-ins) or from ``template_dirs`` given explicitly. The same
    assessment and version give byte-identical files; the file is written
    atomically, so a failure keeps the previous document. Raises
    :class:`aipd.TemplateError` when a template is missing or broken.
    """
    from aipd.render.docx import build_document, write_atomically

    lang = check_lang(lang)
    if template_dirs is None:
        if registry is None:
            from aipd.registry import default_registry

            registry = default_registry(assessment.settings.blocked_plugins)
        template_dirs = registry.catalogue().template_dirs
    data = build_document(
        assessment,
        lang=lang,
        template=Path(template) if template is not None else None,
        plugin_dirs=tuple(template_dirs),
    )
    out = Path(path)
    write_atomically(out, data)
    return out

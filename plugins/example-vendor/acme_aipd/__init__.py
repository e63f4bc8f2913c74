"""aipd plug-in of Acme Vision, a fictitious vendor of number-plate-reading cameras (LAPI).

The hooks live in :mod:`acme_aipd.plugin`, the module the ``aipd`` entry point
names; this package only carries the version, which aipd reads from the
installed distribution and prints next to every finding the plug-in makes.
"""

__version__ = "1.0.0"

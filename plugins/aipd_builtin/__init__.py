"""The built-in plug-ins of aipd.

Each module is an ordinary plug-in written against the public hooks of
:mod:`aipd.hookspecs`, exactly as a vendor's would be; the registry registers
them under the names listed in ``aipd.registry.BUILTIN_PLUGINS``.
"""

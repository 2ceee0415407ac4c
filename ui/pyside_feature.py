"""A cheaper answer to the question PySide6 asks of every module imported after it.

PySide6 (shibokensupport/feature.py, PYSIDE-2029) looks at each newly imported module to
see whether it may use `from __feature__ import ...`: it reads the module's whole source
through `inspect.getsource` (linecache, decoding, splitting into lines) and searches it
for "PySide6". Return Desk's window imports about 430 modules after Qt: that reading was
about 70 ms of a 0.9 s cold start on the 2-core machine (bench/desk_bench.py).

`quicken()` asks the same question of the file's bytes: about 18 ms for the same modules.
Modules of the standard library never name PySide6, so their files are not read at all.
The answer only matters to code that uses `__feature__`, which Return Desk does not.
"""

from __future__ import annotations

import sys
import sysconfig

_STDLIB = sysconfig.get_paths()["stdlib"]


def quicken() -> None:
    """Replace PySide6's source check by one that reads the file's bytes (idempotent;
    does nothing when this PySide6 has no such check)."""
    import PySide6.QtCore  # noqa: F401  (installs the import hook and its module)

    feature = sys.modules.get("shibokensupport.feature")
    upstream = getattr(feature, "_mod_uses_pyside", None)
    if upstream is None or getattr(upstream, "quick", False):
        return

    def uses_pyside(module) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return upstream(module)  # built in, compiled, or without a file: as before
        if path.startswith(_STDLIB) and "site-packages" not in path:
            return False
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return upstream(module)

    uses_pyside.quick = True
    feature._mod_uses_pyside = uses_pyside

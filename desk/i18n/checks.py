"""What is wrong with a catalog: strings missing, empty or fuzzy, and placeholders that
differ between the English source and the translation. Used by `make translations` and
by the test that fails the suite when a string is left untranslated."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_PLACEHOLDER = re.compile(
    r"\{[A-Za-z_][A-Za-z0-9_]*(?:![rsa])?(?::[^{}]*)?\}"  # {name}, {total:,}, {n!r}
    r"|%\([A-Za-z_]+\)[sdr]|%[sd]"  # %(prog)s, %s (argparse's words)
)


@dataclass(frozen=True)
class Problem:
    """One thing to fix in one entry of a catalog."""

    message: str
    what: str
    locations: tuple[str, ...]

    def __str__(self) -> str:
        where = self.locations[0] if self.locations else "?"
        return f"{where}: {self.what}: {self.message!r}"


def placeholders(text: str) -> set[str]:
    """The names of the placeholders in `text`: "{number}", "%(prog)s", "%s"."""
    found = set()
    for match in _PLACEHOLDER.findall(text):
        found.add(re.sub(r"[!:].*\}$", "}", match))
    return found


def problems(catalog: Iterable) -> list[Problem]:
    """Every entry of `catalog` (a babel Catalog) that is not ready to ship."""
    found = []
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        where = tuple(f"{path}:{line}" for path, line in message.locations)

        def report(what: str, ids=ids, where=where) -> None:
            found.append(Problem(ids[0], what, where))

        if not all(strings):
            report("not translated")
        elif message.fuzzy:
            report("fuzzy")
        else:
            wanted = set().union(*(placeholders(i) for i in ids))
            for text in strings:
                got = placeholders(text)
                if not got <= wanted or (len(ids) == 1 and got != wanted):
                    report(f"placeholders {sorted(got)} instead of {sorted(wanted)}")
                    break
    return found

"""What the app says about itself: its version, the database in use, its libraries' licences."""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from desk.i18n.catalog import _

DISTRIBUTION = "returndesk"
_PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


@dataclass(frozen=True)
class LibraryLicence:
    """One installed library the app runs on, with its version and licence."""

    name: str
    version: str
    licence: str


def app_version() -> str:
    """The version of Return Desk: the installed package's, else the source tree's pyproject."""
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        import tomllib  # a source tree without its package installed

        try:
            project = tomllib.loads(_PYPROJECT.read_text(encoding="utf-8"))["project"]
        except (OSError, KeyError, tomllib.TOMLDecodeError):
            return "unknown"
        return str(project.get("version", "unknown"))


def database_label(url: str) -> str:
    """The database URL as it may be shown: the password is left out, whatever it was."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return url.split("@")[-1] if "@" in url else url
    return parsed._replace(password=None).render_as_string(hide_password=False)


def _licence_of(dist: metadata.Distribution) -> str:
    meta = dist.metadata
    expression = (meta.get("License-Expression") or "").strip()
    if expression:
        return expression
    classifiers = [
        c.split("::")[-1].strip()
        for c in meta.get_all("Classifier") or []
        if c.startswith("License ::") and c.count("::") >= 2
    ]
    if classifiers:
        return ", ".join(dict.fromkeys(classifiers))
    text = (meta.get("License") or "").strip()
    if text and "\n" not in text and len(text) <= 60:
        return text
    return _("see the library's own files") if text else _("not stated")


def _applies(requirement: str) -> bool:
    """Whether a requirement's marker holds here (no extras asked for)."""
    if ";" not in requirement:
        return True
    try:
        from packaging.requirements import InvalidRequirement, Requirement
    except ImportError:  # packaging is not a dependency: then only extras are left out
        return "extra" not in requirement.split(";", 1)[1]
    try:
        marker = Requirement(requirement).marker
    except InvalidRequirement:
        return False
    return marker is None or marker.evaluate({"extra": ""})


def _required_names(dist: metadata.Distribution) -> list[str]:
    return [
        match.group(0)
        for requirement in dist.requires or []
        if _applies(requirement) and (match := _NAME.match(requirement.strip()))
    ]


def library_licences() -> list[LibraryLicence]:
    """Every installed library Return Desk depends on (directly or not), sorted by name.

    Read from the installed packages' metadata; a library that is not installed (a marker
    for another platform) is left out.
    """
    try:
        wanted = _required_names(metadata.distribution(DISTRIBUTION))
    except metadata.PackageNotFoundError:
        import tomllib

        project = tomllib.loads(_PYPROJECT.read_text(encoding="utf-8"))["project"]
        wanted = [m.group(0) for r in project["dependencies"] if (m := _NAME.match(r))]
    found: dict[str, LibraryLicence] = {}
    while wanted:
        name = wanted.pop()
        key = re.sub(r"[-_.]+", "-", name).lower()
        if key in found:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        found[key] = LibraryLicence(dist.metadata["Name"] or name, dist.version, _licence_of(dist))
        wanted.extend(_required_names(dist))
    return sorted(found.values(), key=lambda lib: lib.name.lower())

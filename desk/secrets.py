"""Passwords and API tokens, kept in the OS keyring and nowhere else."""

from __future__ import annotations

import contextlib
import importlib
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desk.errors import DeskError
from desk.i18n.catalog import N_, _

if TYPE_CHECKING:
    from sqlmodel import Session

    from desk.db import Database
    from desk.staff.actor import Actor


def _keyring():
    """The keyring package, loaded when first needed (it is slow to import)."""
    return importlib.import_module("keyring")


def _errors():
    return importlib.import_module("keyring.errors")


SERVICE = "ReturnDesk"
SECRETS = {"smtp": N_("SMTP password"), "sms": N_("SMS API token")}
"""Every secret the app keeps, by name, with what staff call it (marked English: shown
with `_()`)."""

KEYS = {"portal_link_key": N_("personal-link key")}
"""Secrets the app makes itself (never typed by staff): created on first use."""


class NoSecureStore(DeskError):
    """This machine has no secure keyring; the secret must be typed when needed."""


def _check_name(name: str) -> None:
    if name not in SECRETS and name not in KEYS:
        raise DeskError(
            _("Unknown secret “{name}”; use one of: {names}.").format(
                name=name, names=", ".join(SECRETS)
            )
        )


def keyring_available() -> bool:
    """True when the OS offers a secure keyring to store secrets in."""
    backend = _keyring().get_keyring()
    return getattr(backend, "priority", 0) > 0 and "fail" not in type(backend).__module__


def _no_store() -> NoSecureStore:
    return NoSecureStore(
        _(
            "This computer has no secure password store (keyring), so the password cannot be "
            "saved. Return Desk will ask for it each time it sends. On Linux, install and "
            "unlock GNOME Keyring, KWallet or KeePassXC to save it."
        )
    )


def set_secret(name: str, value: str) -> None:
    """Store the secret `name` in the OS keyring. Raises NoSecureStore without one."""
    _check_name(name)
    if not keyring_available():
        raise _no_store()
    errors = _errors()
    try:
        _keyring().set_password(SERVICE, name, value)
    except errors.NoKeyringError:
        raise _no_store() from None
    except errors.KeyringError as error:
        raise DeskError(
            _("The password store refused the password: {error}").format(error=error)
        ) from None


def get_secret(name: str) -> str | None:
    """Return the stored secret `name`, or None when there is none (or no keyring)."""
    _check_name(name)
    if not keyring_available():
        return None
    try:
        return _keyring().get_password(SERVICE, name)
    except _errors().KeyringError:
        return None


def delete_secret(name: str) -> None:
    """Forget the secret `name` (nothing happens if it was not stored)."""
    _check_name(name)
    if not keyring_available():
        return
    errors = _errors()
    with contextlib.suppress(errors.PasswordDeleteError, errors.KeyringError):
        _keyring().delete_password(SERVICE, name)


def ensure_key(name: str) -> str:
    """The app-made secret `name` (see KEYS), created at random and stored on first use.

    Raises NoSecureStore when this computer has no keyring to keep it in.
    """
    if name not in KEYS:
        raise DeskError(
            _("Unknown key “{name}”; use one of: {names}.").format(name=name, names=", ".join(KEYS))
        )
    if not keyring_available():
        raise NoSecureStore(
            _(
                "This computer has no secure password store (keyring) to keep the {key} in. "
                "Install and unlock GNOME Keyring, KWallet or KeePassXC, or set "
                "RETURNDESK_PORTAL_KEY (see the README, “Several desks, one link key”)."
            ).format(key=_(KEYS[name]))
        )
    stored = get_secret(name)
    if stored:
        return stored
    created = secrets.token_urlsafe(32)
    set_secret(name, created)
    return get_secret(name) or created


@dataclass(frozen=True)
class SecretsState:
    """Whether this computer has a keyring, and which secrets it holds."""

    store: bool
    saved: dict[str, bool]


def secrets_state() -> SecretsState:
    """Read whether a keyring is there and which secrets are saved in it.

    The keyring may be slow to answer (or ask to be unlocked): call this off the UI thread.
    """
    store = keyring_available()
    return SecretsState(store, {name: store and bool(get_secret(name)) for name in SECRETS})


def save_secret(db: Database, name: str, value: str, *, actor: Actor | None = None) -> bool:
    """Store the secret `name` as a settings change: Permission.SETTINGS, audited as
    changed (HIDDEN, never the value) when it differs from the one kept; True if it did.

    Raises NotAllowed, NoSecureStore, or DeskError when the keyring refuses it (then no
    audit entry is written).
    """
    with db.session() as session:
        actor = _require_settings(session, actor)
        if get_secret(name) == value:
            return False
        set_secret(name, value)
        _record_secret(session, actor, name)
        session.commit()
        return True


def forget_secret(db: Database, name: str, *, actor: Actor | None = None) -> bool:
    """Forget the secret `name` as a settings change (Permission.SETTINGS; audited, HIDDEN,
    when one was kept); True if one was."""
    with db.session() as session:
        actor = _require_settings(session, actor)
        if not get_secret(name):
            return False
        delete_secret(name)
        _record_secret(session, actor, name)
        session.commit()
        return True


def _require_settings(session: Session, actor: Actor | None) -> Actor:
    from desk.staff.actor import require  # the staff tables load SQLModel: not at start
    from desk.staff.roles import Permission

    return require(session, actor, Permission.SETTINGS)


def _record_secret(session: Session, actor: Actor, name: str) -> None:
    """Audit a secret's change by its name only: HIDDEN for both values."""
    from desk.staff.audit import HIDDEN, record
    from desk.staff.codes import AuditAction

    record(session, actor, AuditAction.SETTING_CHANGED, f"secret.{name}", old=HIDDEN, new=HIDDEN)

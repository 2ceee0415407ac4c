"""Passwords and API tokens, kept in the OS keyring and nowhere else."""

from __future__ import annotations

import contextlib
import importlib
import secrets
from dataclasses import dataclass

from desk.errors import DeskError
from desk.i18n.catalog import N_, _


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

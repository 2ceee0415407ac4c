"""Secrets in the keyring: the in-memory keyring of tests/conftest.py stands in for the OS's."""

from __future__ import annotations

import keyring
import pytest
from keyring.backends.fail import Keyring as FailKeyring

from desk import secrets
from desk.errors import DeskError


def test_state_says_which_secrets_are_saved(memory_keyring):
    assert secrets.secrets_state() == secrets.SecretsState(True, {"smtp": False, "sms": False})
    secrets.set_secret("smtp", "pw")
    assert memory_keyring.secrets[("ReturnDesk", "smtp")] == "pw"
    assert secrets.secrets_state().saved == {"smtp": True, "sms": False}
    secrets.delete_secret("smtp")
    assert secrets.get_secret("smtp") is None
    assert secrets.secrets_state().saved == {"smtp": False, "sms": False}


def test_without_a_keyring_nothing_is_saved_and_setting_says_why():
    previous = keyring.get_keyring()
    keyring.set_keyring(FailKeyring())
    try:
        assert secrets.secrets_state() == secrets.SecretsState(False, {"smtp": False, "sms": False})
        with pytest.raises(secrets.NoSecureStore, match="no secure password store"):
            secrets.set_secret("smtp", "pw")
        assert secrets.get_secret("smtp") is None
    finally:
        keyring.set_keyring(previous)


def test_an_unknown_secret_is_refused():
    with pytest.raises(DeskError, match="Unknown secret “ftp”"):
        secrets.get_secret("ftp")


def test_an_app_made_key_is_created_once_and_kept(memory_keyring):
    made = secrets.ensure_key("portal_link_key")
    assert len(made) >= 40
    assert memory_keyring.secrets[("ReturnDesk", "portal_link_key")] == made
    assert secrets.ensure_key("portal_link_key") == made
    assert "portal_link_key" not in secrets.secrets_state().saved  # staff never type it
    with pytest.raises(DeskError, match="Unknown key “smtp”"):
        secrets.ensure_key("smtp")


def test_without_a_keyring_no_key_is_made_and_the_error_says_what_to_do():
    previous = keyring.get_keyring()
    keyring.set_keyring(FailKeyring())
    try:
        with pytest.raises(secrets.NoSecureStore, match="RETURNDESK_PORTAL_KEY"):
            secrets.ensure_key("portal_link_key")
    finally:
        keyring.set_keyring(previous)

"""Claim notes: who is sending a message, read back, and whether that process still runs."""

from __future__ import annotations

import subprocess
import sys

from desk.messages.claims import (
    CONNECTING,
    HANDED_OVER,
    Owner,
    claim_note,
    is_alive,
    read_claim,
    this_process,
)


def test_a_claim_note_reads_back_its_owner_and_phase():
    owner = Owner(host="desk-1", boot="b00t", pid=4242, start="987654")
    for phase in (CONNECTING, HANDED_OVER):
        note = claim_note(owner, phase)
        assert note.startswith(f"Being sent by process 4242 on desk-1 ({phase}).")
        assert read_claim(note) == (owner, phase)


def test_notes_that_are_not_claims_read_as_none():
    assert read_claim("") is None
    assert read_claim("Connection refused by the mail server.") is None
    assert read_claim("[claim host=a boot=b pid=x start=1 phase=connecting]") is None


def test_this_process_is_alive():
    me = this_process()
    assert me.pid > 0 and me.host
    assert is_alive(me) is True


def test_a_process_that_exited_is_gone():
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    me = this_process()
    assert is_alive(Owner(me.host, me.boot, child.pid, "1")) is False


def test_a_reused_pid_or_another_boot_is_gone_and_another_host_cannot_tell():
    me = this_process()
    if me.start != "-":  # Linux: the start time tells a reused pid from the claimer
        assert is_alive(Owner(me.host, me.boot, me.pid, str(int(me.start) + 1))) is False
    if me.boot != "-":
        assert is_alive(Owner(me.host, "another-boot", me.pid, me.start)) is False
    assert is_alive(Owner("another-desk", me.boot, me.pid, me.start)) is None

"""Who is sending a message: the claiming process, written on the row, whether it lives,
and the recovery of messages left "sending" by a process that is gone.

While a message is "sending", its last_error holds a claim note: a sentence for people and
a bracketed tag for the next run, naming the process (host, boot, pid, start time) and the
phase it reached ("connecting" until just before the message is handed over, then
"handed over"). A later run reads the note: a process that is gone left the message
behind, so it is recovered at once, by what the phase says, instead of after a lease.
"""

from __future__ import annotations

import os
import re
import socket
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import update
from sqlmodel import Session, col, select

from desk.codes import OutboxState
from desk.i18n.catalog import N_, _
from desk.messages.mail import UNKNOWN
from desk.models import OutboxMessage, utcnow

CONNECTING = "connecting"
HANDED_OVER = "handed over"
PHASES = (CONNECTING, HANDED_OVER)

LEASE = timedelta(minutes=10)
"""A message "sending" for longer than this, by a process that cannot be checked, was
left behind by a process that died."""

_INTERRUPTED = N_(
    "{unknown}: sending was interrupted after the message was handed over, so it may "
    "have been delivered. Check with the customer, then send it again only if it did "
    "not arrive."
)
INTERRUPTED = _INTERRUPTED.format(unknown=UNKNOWN)
"""The last_error (in English) of a message whose sending process died after handing it
over; `interrupted()` gives it in the desk's language."""

REQUEUED = N_("Sending was interrupted before the message left; it is queued again.")
"""The last_error of a message whose sending process died while still connecting (stored
as `_(REQUEUED)`, in the desk's language)."""


def interrupted() -> str:
    """INTERRUPTED in the desk's language."""
    return _(_INTERRUPTED).format(unknown=_(UNKNOWN))


_TAG = re.compile(
    r"\[claim host=(?P<host>\S+) boot=(?P<boot>\S+) pid=(?P<pid>\d+) start=(?P<start>\S+) "
    r"phase=(?P<phase>connecting|handed-over)\]$"
)


@dataclass(frozen=True)
class Owner:
    """A process that may claim messages: its host, boot, pid and start time ("-": unknown)."""

    host: str
    boot: str
    pid: int
    start: str


def _read(path: str) -> str | None:
    try:
        return Path(path).read_text(encoding="ascii", errors="replace")
    except OSError:
        return None


def _boot_id() -> str:
    """This machine's boot id (Linux), so a claim from before a reboot is known dead."""
    return (_read("/proc/sys/kernel/random/boot_id") or "-").strip() or "-"


def _start_of(pid: int) -> str | None:
    """The start time of process `pid` in clock ticks since boot (Linux), or None if gone.

    Field 22 of /proc/PID/stat; the command name (field 2) may hold spaces, so the
    fields are counted from the closing parenthesis.
    """
    stat = _read(f"/proc/{pid}/stat")
    if stat is None:
        return None
    fields = stat.rpartition(")")[2].split()
    return fields[19] if len(fields) > 19 else None


def _host() -> str:
    return re.sub(r"\s+", "_", socket.gethostname() or "-")


def this_process() -> Owner:
    """The running process as an Owner."""
    pid = os.getpid()
    return Owner(host=_host(), boot=_boot_id(), pid=pid, start=_start_of(pid) or "-")


def claim_note(owner: Owner, phase: str) -> str:
    """The last_error text of a message `owner` is sending, at `phase`."""
    tag = phase.replace(" ", "-")
    words = {CONNECTING: N_("connecting"), HANDED_OVER: N_("handed over")}
    said = _("Being sent by process {pid} on {host} ({phase}).").format(
        pid=owner.pid, host=owner.host, phase=_(words[phase]) if phase in words else phase
    )
    return (
        f"{said} [claim host={owner.host} boot={owner.boot} pid={owner.pid} start={owner.start} "
        f"phase={tag}]"
    )


def read_claim(note: str) -> tuple[Owner, str] | None:
    """The owner and phase a claim note names, or None (an older version's empty note)."""
    found = _TAG.search(note or "")
    if found is None:
        return None
    owner = Owner(found["host"], found["boot"], int(found["pid"]), found["start"])
    return owner, found["phase"].replace("-", " ")


def is_alive(owner: Owner) -> bool | None:
    """Whether `owner` still runs: True, False, or None when this machine cannot tell.

    Another host cannot be checked (None). On this host a different boot, a pid that no
    longer exists, or one now started at another time (reused) means gone.
    """
    me = this_process()
    if owner.host != me.host:
        return None
    if "-" not in (owner.boot, me.boot) and owner.boot != me.boot:
        return False
    if me.start != "-":  # /proc is there: check the pid and its start time
        start = _start_of(owner.pid)
        return start is not None and (owner.start == "-" or start == owner.start)
    if os.name != "posix":
        return None
    try:
        os.kill(owner.pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def recover_interrupted(
    session: Session, *, now: datetime | None = None, lease: timedelta = LEASE
) -> int:
    """Recover the messages left "sending" by a process that is gone; commit.

    By evidence first (desk.messages.claims): a claim by a process of this machine that
    no longer runs is recovered at once, back to queued if it was still connecting,
    failed with INTERRUPTED if the message had been handed over. A claim older than
    `lease` whose process runs elsewhere, cannot be checked, or hangs is failed with
    INTERRUPTED: it may have been delivered, so it is not sent again without a person
    deciding to. Returns how many were recovered.
    """
    return sum(recover(session, now or utcnow(), lease))


def recover(session: Session, now: datetime, lease: timedelta = LEASE) -> tuple[int, int]:
    """Recover left-behind claims (see recover_interrupted); commit; (requeued, unknown)."""
    rows = session.exec(
        select(OutboxMessage.id, OutboxMessage.last_error, OutboxMessage.next_attempt_at).where(
            col(OutboxMessage.state) == OutboxState.SENDING
        )
    ).all()
    requeued = unknown = 0
    for message_id, note, claimed_at in rows:
        claim = read_claim(note)
        alive = is_alive(claim[0]) if claim else None
        if alive is False and claim[1] == CONNECTING:
            values = {
                "state": OutboxState.QUEUED,
                "last_error": _(REQUEUED),
                "next_attempt_at": now,
            }
        elif alive is False or claimed_at <= now - lease:
            values = {"state": OutboxState.FAILED, "last_error": interrupted()}
        else:
            continue  # its process is (or may be) still sending it
        changed = session.exec(
            update(OutboxMessage)
            .where(
                col(OutboxMessage.id) == message_id,
                col(OutboxMessage.state) == OutboxState.SENDING,
                col(OutboxMessage.last_error) == note,
            )
            .values(**values)
        )
        if changed.rowcount == 1 and values["state"] == OutboxState.QUEUED:
            requeued += 1
        elif changed.rowcount == 1:
            unknown += 1
    session.commit()
    return requeued, unknown

"""The customer space as a child process of the desk: start it, check it answers, stop it.

`PortalProcess` runs `python -m main portal --host H --port P`, the same command a shop
runs by hand, over the desk's own database: the database URL (with any PostgreSQL
password) goes to the child through RETURNDESK_DATABASE_URL in its environment, never on
its command line. It says Running only once `/healthz` answers, and it stops the child
(SIGTERM, then a kill after a few seconds) on Stop, when its owner goes and when the
application quits. The address checks and the health probe are plain functions, so that
tests and the Settings page use the same ones.
"""

from __future__ import annotations

import errno
import logging
import os
import socket
import sys
import time
from enum import StrEnum

from PySide6.QtCore import QCoreApplication, QObject, QProcess, QProcessEnvironment, QTimer, Signal

from desk.db import Database
from desk.i18n.catalog import _
from desk.i18n.formats import format_number
from desk.paths import ENV_DB_PATH, ENV_DB_URL, ENV_PORTAL_PARENT
from desk.program import own_command
from desk.settings import PORTAL_ENABLED, PORTAL_HOST, PORTAL_PORT, load_settings
from ui.background import run_in_background

log = logging.getLogger(__name__)
PROBE_MS = 150
"""How often a starting site is asked whether it answers."""
START_TIMEOUT_S = 20.0
"""How long a start may take before the desk gives up and says so."""
STOP_WAIT_MS = 5000
"""How long a stopping site may take to finish its requests before it is killed."""
ANY_ADDRESS = {"0.0.0.0", "::", ""}


class PortalState(StrEnum):
    """Where the child process stands."""

    STOPPED = "stopped"
    STARTING = "starting"
    RUNNING = "running"
    STOPPING = "stopping"
    FAILED = "failed"


def local_url(host: str, port: int) -> str:
    """The address this computer opens the site at (127.0.0.1 when it listens on all)."""
    shown = "127.0.0.1" if host in ANY_ADDRESS else host
    if ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{port}"


def address_problem(host: str, port: int) -> str | None:
    """Why the site could not listen on `host`:`port` now, in one sentence; None if it can."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does
            probe.bind((host or "0.0.0.0", port))
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            return _("Port {port} is in use: choose another port.").format(port=port)
        if error.errno == errno.EACCES:
            return _("Port {port} needs administrator rights: choose a port above 1024.").format(
                port=port
            )
        if error.errno == errno.EADDRNOTAVAIL or isinstance(error, socket.gaierror):
            return _(
                "This computer has no address {host}: use 127.0.0.1 (this computer only) "
                "or 0.0.0.0 (the shop's network)."
            ).format(host=host)
        return _("Cannot listen on {host} port {port} ({error}): choose another.").format(
            host=host, port=port, error=error.strerror or error
        )
    return None


def answers(url: str, *, timeout: float = 1.0) -> bool:
    """True when the site at `url` answers its health check (`/healthz` says ok)."""
    import http.client  # deferred: only a started site is probed, never at start

    host, _, port = url.removeprefix("http://").rpartition(":")
    connection = http.client.HTTPConnection(host.strip("[]"), int(port), timeout=timeout)
    try:
        connection.request("GET", "/healthz")
        reply = connection.getresponse()
        return reply.status == 200 and reply.read().strip() == b"ok"
    except OSError:
        return False
    finally:
        connection.close()


def _said(output: str, port: int) -> str:
    """What a child that stopped by itself said, in one sentence for staff."""
    if "address already in use" in output.lower():
        return _("Port {port} is in use: choose another port.").format(port=port)
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    last = lines[-1][:200] if lines else _("no reason given")
    return _("The customer space stopped: {reason}. Check the settings, then press Start.").format(
        reason=last
    )


class PortalProcess(QObject):
    """Runs the customer space as a child process; `changed` says when `state` moved."""

    changed = Signal()

    def __init__(self, db: Database, parent: QObject | None = None):
        super().__init__(parent)
        self.db = db
        self.state = PortalState.STOPPED
        self.message = _("Stopped.")
        self.url = ""
        self.port = 0
        self._started_at = 0.0
        self._output = b""
        self.process = QProcess(self)
        self.process.setProcessChannelMode(QProcess.MergedChannels)
        self.process.readyReadStandardOutput.connect(self._read_output)
        self.process.finished.connect(self._finished)
        self.process.errorOccurred.connect(self._error)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop_now)

    def _set(self, state: PortalState, message: str) -> None:
        self.state, self.message = state, message
        self.changed.emit()

    def is_live(self) -> bool:
        """True while the child runs, is starting, or is stopping."""
        return self.process.state() != QProcess.NotRunning

    def start_if_enabled(self) -> None:
        """Start the site with the saved address when the owner asked for it at start."""
        stored = load_settings(self.db)
        if stored[PORTAL_ENABLED]:
            self.start(stored[PORTAL_HOST], stored[PORTAL_PORT])

    def start(self, host: str, port: int) -> None:
        """Start the site on `host`:`port`; the state says Running once it answers."""
        if self.is_live():
            return
        host = host.strip() or "127.0.0.1"
        if problem := address_problem(host, port):
            self._set(PortalState.FAILED, problem)
            return
        environment = QProcessEnvironment.systemEnvironment()
        environment.insert(ENV_DB_URL, self.db.engine.url.render_as_string(hide_password=False))
        environment.remove(ENV_DB_PATH)
        environment.insert("PYTHONUNBUFFERED", "1")
        environment.insert(ENV_PORTAL_PARENT, str(os.getpid()))  # the site stops if the desk dies
        self.process.setProcessEnvironment(environment)
        self.url, self.port, self._output = local_url(host, port), port, b""
        self._started_at = time.monotonic()
        program, *arguments = own_command("portal", "--host", host, "--port", str(port))
        self._set(PortalState.STARTING, _("Starting on port {port}…").format(port=port))
        self.process.start(program, arguments)
        QTimer.singleShot(PROBE_MS, self, self._probe)

    def _probe(self) -> None:
        if self.state is not PortalState.STARTING:
            return
        url = self.url
        run_in_background(lambda: answers(url, timeout=0.5), owner=self, on_success=self._probed)

    def _probed(self, ok: bool) -> None:
        if self.state is not PortalState.STARTING:
            return
        if ok:
            self._set(PortalState.RUNNING, _("Running at {url}").format(url=self.url))
            log.info("Customer space running on port %s", self.port)
        elif time.monotonic() - self._started_at > START_TIMEOUT_S:
            self._halt()
            self._set(
                PortalState.FAILED,
                _(
                    "The customer space did not answer within {seconds} seconds: "
                    "press Start to try again."
                ).format(seconds=format_number(round(START_TIMEOUT_S))),
            )
        else:
            QTimer.singleShot(PROBE_MS, self, self._probe)

    def stop(self) -> None:
        """Ask the site to stop (it finishes its requests); the state says Stopped after."""
        if not self.is_live():
            return
        self._set(PortalState.STOPPING, _("Stopping…"))
        self.process.terminate()
        QTimer.singleShot(STOP_WAIT_MS, self, self._kill_if_live)

    def _kill_if_live(self) -> None:
        if self.is_live():
            self.process.kill()

    def stop_now(self) -> None:
        """Stop the site and wait for it (the desk is closing)."""
        if self.is_live():
            self.state = PortalState.STOPPING
            self._halt()

    def _halt(self) -> None:
        self.process.terminate()
        if not self.process.waitForFinished(STOP_WAIT_MS):
            self.process.kill()
            self.process.waitForFinished(1000)

    def _read_output(self) -> None:
        self._output = (self._output + bytes(self.process.readAllStandardOutput()))[-4000:]

    def _finished(self, code: int, _status: QProcess.ExitStatus) -> None:
        self._read_output()
        if self.state in (PortalState.STOPPING, PortalState.FAILED):
            if self.state is PortalState.STOPPING:
                self._set(PortalState.STOPPED, _("Stopped."))
            return
        said = _said(self._output.decode(errors="replace"), self.port)
        log.warning("Customer space stopped by itself (exit code %s)", code)
        self._set(PortalState.FAILED, said)

    def _error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.FailedToStart:
            self._set(
                PortalState.FAILED,
                _("Cannot start the customer space: {program}.").format(program=sys.executable),
            )

"""Child processes that are restarted with backoff when they die, and stopped cleanly."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

logger = logging.getLogger(__name__)

MAX_BACKOFF_SECONDS = 30.0


@dataclass
class Child:
    """One supervised process: its command, environment and restart bookkeeping."""

    name: str
    argv: Sequence[str]
    env: dict[str, str]
    log_path: Path
    pass_fds: tuple[int, ...] = ()
    process: subprocess.Popen[bytes] | None = None
    restarts: int = 0
    next_start: float = 0.0
    started_at: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def start(self) -> None:
        """Start (or restart) the process, appending to its log."""
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                list(self.argv),
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                pass_fds=self.pass_fds,
                start_new_session=True,  # Ctrl-C reaches the supervisor, which stops us in order
            )
        self.started_at = time.monotonic()

    @property
    def pid(self) -> int | None:
        """The running process id, if any."""
        return self.process.pid if self.process and self.process.poll() is None else None

    def check(self) -> None:
        """Restart the process if it died, with exponential backoff between crashes."""
        with self.lock:
            if self.process is None or self.process.poll() is None:
                return
            now = time.monotonic()
            if self.next_start == 0.0:
                # A process that ran a while before dying starts over with a short backoff.
                if now - self.started_at > MAX_BACKOFF_SECONDS:
                    self.restarts = 0
                delay = min(0.5 * 2**self.restarts, MAX_BACKOFF_SECONDS)
                self.next_start = now + delay
                logger.warning(
                    "%s exited with %s; restarting in %.1f s (see %s)",
                    self.name,
                    self.process.returncode,
                    delay,
                    self.log_path,
                )
                return
            if now >= self.next_start:
                self.restarts += 1
                self.next_start = 0.0
                self.start()
                logger.info("%s restarted (pid %s)", self.name, self.pid)

    def stop(self, timeout: float = 10.0) -> None:
        """SIGTERM, then SIGKILL after `timeout`."""
        with self.lock:
            process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        # The child leads its own process group: stop its helpers too (vLLM forks an engine).
        _signal_group(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            _signal_group(process.pid, signal.SIGKILL)
            process.wait()

    def restart(self) -> None:
        """Stop and start again at once (a deliberate restart, not a crash: no backoff)."""
        self.stop()
        with self.lock:
            self.restarts = 0
            self.next_start = 0.0
            self.start()

    def kill(self) -> None:
        """SIGKILL the process (crash tests); the supervisor restarts it."""
        self.send(signal.SIGKILL)

    def send(self, signum: int) -> None:
        """Send a signal to the running process (e.g. SIGSTOP/SIGCONT to freeze it)."""
        pid = self.pid
        if pid is not None:
            os.kill(pid, signum)


def _signal_group(pid: int, signum: int) -> None:
    try:
        os.killpg(pid, signum)
    except ProcessLookupError:
        return


class Supervisor:
    """Watches children in a background thread and restarts the ones that die."""

    def __init__(self, interval: float = 0.2) -> None:
        self.children: dict[str, Child] = {}
        self._interval = interval
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def add(self, child: Child) -> Child:
        """Start a child and watch it."""
        child.start()
        self.children[child.name] = child
        return child

    def watch(self) -> None:
        """Begin restarting dead children in the background."""
        self._thread = threading.Thread(target=self._loop, name="aya-supervisor", daemon=True)
        self._thread.start()

    def _loop(self) -> None:
        while not self._stop.wait(self._interval):
            for child in list(self.children.values()):
                child.check()

    def stop(self) -> None:
        """Stop watching, then stop the children in reverse start order."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        for child in reversed(list(self.children.values())):
            child.stop()

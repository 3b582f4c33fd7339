"""Keeps `comic run`'s child processes up: one that exits is started again after an exponential backoff."""

import ctypes
import logging
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field

log = logging.getLogger("comic.supervisor")

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def die_with_launcher() -> Callable[[], None]:
    """A `preexec_fn` that has the child SIGTERMed when this process dies, even by `kill -9` (Linux; else a no-op).

    Children lead sessions of their own (so a terminal's Ctrl-C reaches only the launcher), which also means nothing
    else would stop them: an orphaned worker would keep taking the stack's tasks, an orphaned API keep its port.
    """
    launcher = os.getpid()

    def arm() -> None:
        if not sys.platform.startswith("linux"):
            return
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
        if os.getppid() != launcher:  # the launcher died between fork and prctl
            os.kill(os.getpid(), signal.SIGTERM)

    return arm


@dataclass
class Backoff:
    """Restart delays: `initial`, doubling per quick exit up to `maximum`."""

    initial: float = 1.0
    maximum: float = 30.0
    # A child that ran this long before exiting was healthy: its next restart waits `initial` again.
    stable_after: float = 60.0


@dataclass
class Child:
    """One supervised process and its restart bookkeeping."""

    name: str
    args: list[str]
    env: dict[str, str]
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)
    started_at: float = 0.0
    restarts: int = 0
    delay: float = 0.0
    restart_at: float | None = None  # set while the child waits out its backoff

    @property
    def running(self) -> bool:
        """Whether the process is alive."""
        return self.process is not None and self.process.poll() is None


class Supervisor:
    """Starts children, restarts the ones that exit (call `poll` periodically), stops them all in reverse order."""

    def __init__(self, backoff: Backoff | None = None) -> None:
        self.backoff = backoff or Backoff()
        self.children: list[Child] = []
        self.stopping = False

    def spawn(self, name: str, args: list[str], env: dict[str, str]) -> Child:
        """Start `args` as child `name` and keep it running until `stop`."""
        child = Child(name, args, env)
        self.children.append(child)
        self._start(child)
        return child

    def poll(self) -> None:
        """Schedule a restart for each child that exited; start those whose backoff is over."""
        now = time.monotonic()
        for child in self.children:
            if self.stopping:
                return
            if child.restart_at is not None:
                if now >= child.restart_at:
                    self._start(child)
            elif not child.running:
                self._schedule_restart(child, now)

    def stop(self, timeout: float = 30.0) -> None:
        """Restart nothing more; SIGTERM the running children newest first, SIGKILL any still up after `timeout`."""
        self.stopping = True
        running = [child for child in reversed(self.children) if child.running]
        for child in running:
            log.info("stopping %s", child.name)
            assert child.process is not None
            child.process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + timeout
        for child in running:
            assert child.process is not None
            try:
                child.process.wait(max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                log.warning("%s did not stop within %.0fs; killing it", child.name, timeout)
                child.process.kill()
                child.process.wait()

    def _start(self, child: Child) -> None:
        # Own session: a terminal's Ctrl-C reaches only the launcher, which then stops everyone in order.
        child.process = subprocess.Popen(
            child.args, env=child.env, start_new_session=True, preexec_fn=die_with_launcher()
        )
        child.started_at = time.monotonic()
        child.restart_at = None
        log.info("%s started (pid %d)", child.name, child.process.pid)

    def _schedule_restart(self, child: Child, now: float) -> None:
        assert child.process is not None
        stable = now - child.started_at >= self.backoff.stable_after
        first = stable or child.delay == 0
        child.delay = self.backoff.initial if first else min(child.delay * 2, self.backoff.maximum)
        child.restarts += 1
        child.restart_at = now + child.delay
        log.warning(
            "%s exited with code %s; restart %d in %.1fs",
            child.name,
            child.process.returncode,
            child.restarts,
            child.delay,
        )

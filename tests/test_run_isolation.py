"""`comic run` on a machine where another stack already serves Temporal: it must not share that stack's task queues.

Two checkouts' `make run` on the default Temporal port used to end up on one server with the same queue names, so
each stack's worker took the other's tasks and ran them against the wrong database and media directory (panels
failed with "the reference sheet ... is missing from the media store").
"""

import asyncio
import logging
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from core.config import Settings
from devstack.temporal import _live_here, live_local_pollers
from tests.conftest import ROOT


def comic_run(settings: Settings, data_dir: Path) -> subprocess.CompletedProcess[str]:
    """`comic run` against the session's Temporal server with `settings`' queue names (as a second stack would)."""
    env = {
        **os.environ,
        "TEMPORAL_ADDRESS": settings.temporal_address,
        "TEMPORAL_TASK_QUEUE": settings.temporal_task_queue,
        "LLM_TASK_QUEUE": settings.llm_task_queue,
        "IMAGE_TASK_QUEUE": settings.image_task_queue,
        "DATA_DIR": str(data_dir),
        "DATABASE_URL": str(settings.database_url),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "cli", "run"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        stdout, stderr = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:  # it started a stack after all: stop it in order, as Ctrl-C would
        process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate(timeout=60)
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


async def test_a_second_stack_is_refused_while_live_workers_poll_its_queues(
    running_worker: None, settings: Settings, tmp_path: Path
) -> None:
    """The session's worker (in this process) polls `settings`' queues, as the first stack's worker would."""
    me = f"{os.getpid()}@{socket.gethostname()}"
    await asyncio.sleep(0.5)  # its first polls reach the server
    result = await asyncio.to_thread(comic_run, settings, tmp_path / "second")
    assert result.returncode == 1, result.stderr
    assert me in result.stderr and "would take this stack's tasks" in result.stderr, result.stderr
    assert settings.temporal_task_queue in result.stderr
    assert not (tmp_path / "second" / "pg").exists(), "refused before anything of the stack started"


def test_pollers_of_exited_processes_do_not_count(settings: Settings) -> None:
    ended = subprocess.Popen([sys.executable, "-c", "pass"])
    ended.wait()
    host = socket.gethostname()
    assert _live_here(f"{os.getpid()}@{host}", host)
    assert not _live_here(f"{ended.pid}@{host}", host)
    assert not _live_here(f"{os.getpid()}@another-host", host), "a remote worker's pid says nothing here"


def test_a_queue_nobody_polls_has_no_live_pollers(settings: Settings) -> None:
    queues = ["no-worker-polls-this-queue"]
    assert live_local_pollers(settings.temporal_address, settings.temporal_namespace, queues) == []


def test_without_the_temporal_cli_the_check_is_skipped_with_a_warning(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """`comic run` against a server of its own choosing works without the dev-stack extra, as it did before."""
    import cli
    import devstack.temporal

    def missing() -> str:
        raise FileNotFoundError("the `temporal` CLI is missing")

    monkeypatch.setattr(devstack.temporal, "temporal_binary", missing)
    with caplog.at_level(logging.WARNING):
        cli._refuse_shared_queues(settings)  # returns instead of exiting
    assert "could not ask" in caplog.text and "temporal` CLI is missing" in caplog.text

"""Supervision: the real `comic run` restarts a killed worker or API, refuses a second start, stops on SIGTERM.

The stack tests share one `comic run` (module fixture) and run in file order; the last one stops it.
"""

import asyncio
import logging
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from devstack.ports import free_port
from devstack.supervisor import Backoff, Supervisor

ROOT = Path(__file__).resolve().parent.parent
EXIT_AT_ONCE = [sys.executable, "-c", "raise SystemExit(3)"]
SLEEP = [sys.executable, "-c", "import time; time.sleep(60)"]


def wait_until(condition: Callable[[], object], timeout: float, what: str, every: float = 0.05) -> object:
    """Poll `condition` until it is truthy (returned) or `timeout` seconds pass (AssertionError naming `what`)."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}")
        time.sleep(every)


# --- the Supervisor on its own, with tiny delays ---


def _restart_logs(caplog: pytest.LogCaptureFixture) -> list[tuple[object, ...]]:
    """(name, exit code, restart number, delay) of each restart the supervisor logged."""
    return [tuple(r.args or ()) for r in caplog.records if r.name == "comic.supervisor" and "restart" in r.msg]


def _supervise_until(supervisor: Supervisor, condition: Callable[[], object], what: str) -> None:
    def step() -> object:
        supervisor.poll()
        return condition()

    wait_until(step, 20, what, every=0.005)


def test_backoff_doubles_up_to_the_maximum(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, "comic.supervisor")
    supervisor = Supervisor(Backoff(initial=0.02, maximum=0.08, stable_after=60))
    supervisor.spawn("crasher", EXIT_AT_ONCE, dict(os.environ))
    try:
        _supervise_until(supervisor, lambda: len(_restart_logs(caplog)) >= 5, "five restarts")
    finally:
        supervisor.stop(5)
    assert _restart_logs(caplog)[:5] == [
        ("crasher", 3, 1, 0.02),
        ("crasher", 3, 2, 0.04),
        ("crasher", 3, 3, 0.08),
        ("crasher", 3, 4, 0.08),
        ("crasher", 3, 5, 0.08),
    ]


def test_backoff_resets_after_a_stable_run(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, "comic.supervisor")
    supervisor = Supervisor(Backoff(initial=0.02, maximum=1, stable_after=0))  # every run counts as stable
    supervisor.spawn("crasher", EXIT_AT_ONCE, dict(os.environ))
    try:
        _supervise_until(supervisor, lambda: len(_restart_logs(caplog)) >= 3, "three restarts")
    finally:
        supervisor.stop(5)
    assert [args[2:] for args in _restart_logs(caplog)[:3]] == [(1, 0.02), (2, 0.02), (3, 0.02)]


def test_stop_terminates_children_and_cancels_a_pending_restart() -> None:
    supervisor = Supervisor(Backoff(initial=0.2))
    crasher = supervisor.spawn("crasher", EXIT_AT_ONCE, dict(os.environ))
    sleeper = supervisor.spawn("sleeper", SLEEP, dict(os.environ))
    first = crasher.process
    _supervise_until(supervisor, lambda: crasher.restart_at is not None, "the crasher's backoff")
    started = time.monotonic()
    supervisor.stop(10)
    assert time.monotonic() - started < 5
    assert sleeper.process is not None and sleeper.process.returncode == -signal.SIGTERM
    time.sleep(0.3)  # past the crasher's backoff
    supervisor.poll()
    assert crasher.process is first


# --- the real `comic run` ---


@dataclass
class RunningStack:
    """A `comic run` subprocess and what it writes to its log."""

    process: subprocess.Popen[bytes]
    log: Path
    env: dict[str, str]
    api: str
    seen: set[int] = field(default_factory=set)  # every child pid observed, so teardown can kill them all

    def text(self) -> str:
        return self.log.read_text(errors="replace")

    def pids(self, name: str) -> list[int]:
        """Pids of child `name`, in start order, from the supervisor's log."""
        found = [int(pid) for pid in re.findall(rf"{name} started \(pid (\d+)\)", self.text())]
        self.seen.update(found)
        return found

    def children(self) -> set[int]:
        """The launcher's live children (the Temporal dev server included)."""
        out = subprocess.run(["ps", "--ppid", str(self.process.pid), "-o", "pid="], capture_output=True, text=True)
        found = {int(pid) for pid in out.stdout.split()}
        self.seen.update(found)
        return found

    def healthy(self) -> bool:
        try:
            return httpx.get(f"{self.api}/healthz", timeout=2).status_code == 200
        except httpx.TransportError:
            return False


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _ours(pid: int, data_dir: str) -> bool:
    """Whether `pid` still is one of this stack's processes (they all inherit its DATA_DIR), not a reused pid."""
    try:
        return f"DATA_DIR={data_dir}\0".encode() in Path(f"/proc/{pid}/environ").read_bytes()
    except OSError:
        return False


def _command(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()[:120]
    except OSError:
        return f"{pid} (gone)"


def _kill_all(stack: RunningStack) -> None:
    """Freeze the launcher (no more restarts), kill every child's process group, then the launcher."""
    if stack.process.poll() is None:
        os.kill(stack.process.pid, signal.SIGSTOP)
        stack.children()
    stack.pids("worker")
    stack.pids("api")
    for pid in stack.seen:
        if _ours(pid, stack.env["DATA_DIR"]):
            os.killpg(pid, signal.SIGKILL)  # each child leads its own session
    if stack.process.poll() is None:
        os.killpg(stack.process.pid, signal.SIGKILL)
        stack.process.wait(10)


@pytest.fixture(scope="module")
async def stack_database(fresh_database: Callable[[], Awaitable[str]]) -> str:
    """An empty database: `comic run` migrates it itself."""
    return await fresh_database()


@contextmanager
def running_stack(database_url: str, data_dir: Path) -> Iterator[RunningStack]:
    """`comic run` on free ports and `data_dir`, in its own process group, up to its banner; all killed after."""
    api_port = free_port()
    env = {
        **os.environ,
        "DATA_DIR": str(data_dir),
        "DATABASE_URL": database_url,
        "API_HOST": "127.0.0.1",
        "API_PORT": str(api_port),
        "TEMPORAL_ADDRESS": f"127.0.0.1:{free_port()}",
        "TEMPORAL_UI_PORT": str(free_port()),
        "APP_ENV": "development",
        "LLM_PROVIDER": "offline",
        "IMAGE_PROVIDER": "offline",
        "PYTHONUNBUFFERED": "1",
    }
    log = data_dir / "run.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "cli", "run"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    running = RunningStack(process, log, env, f"http://127.0.0.1:{api_port}")
    try:
        wait_until(lambda: "export TOKEN=" in running.text() or process.poll() is not None, 120, "the banner")
        assert process.poll() is None, running.text()
        running.children()
        yield running
    finally:
        _kill_all(running)


@pytest.fixture(scope="module")
def stack(stack_database: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningStack]:
    """One stack shared by the tests below, which restart its children one at a time."""
    with running_stack(stack_database, tmp_path_factory.mktemp("stack")) as running:
        yield running


def test_banner_exports_a_token_that_works(stack: RunningStack) -> None:
    text = stack.text()
    token = re.search(r"^export TOKEN=(\S+)$", text, re.MULTILINE)
    api = re.search(r"^export API=(\S+)$", text, re.MULTILINE)
    assert token and api, text
    assert api[1] == stack.api
    response = httpx.get(f"{api[1]}/api/comic-builder/projects", headers={"Authorization": f"Bearer {token[1]}"})
    assert response.status_code == 200, response.text


def test_a_second_run_is_refused_at_once(stack: RunningStack) -> None:
    started = time.monotonic()
    second = subprocess.run(
        [sys.executable, "-m", "cli", "run"], cwd=ROOT, env=stack.env, capture_output=True, text=True, timeout=20
    )
    assert time.monotonic() - started < 10
    assert second.returncode != 0
    message = second.stderr.strip()
    assert "already running" in message and f"pid {stack.process.pid}" in message and stack.api in message, message
    assert len(message.splitlines()) == 1, message
    assert "Comic Builder is running" not in second.stdout
    assert stack.healthy()


def test_a_killed_worker_is_restarted_while_the_api_answers(stack: RunningStack) -> None:
    [old] = stack.pids("worker")
    polling = stack.text().count("worker polling")
    os.kill(old, signal.SIGKILL)

    def worker_back() -> bool:
        assert stack.healthy(), "the API stopped answering while the worker was down"
        return len(stack.pids("worker")) == 2 and stack.text().count("worker polling") > polling

    wait_until(worker_back, 30, "the restarted worker to poll", every=0.1)
    assert "worker exited with code -9; restart 1 in 1.0s" in stack.text()
    new = stack.pids("worker")[-1]
    assert new != old and _alive(new) and not _alive(old)


def test_a_killed_api_is_restarted(stack: RunningStack) -> None:
    [old] = stack.pids("api")
    worker = stack.pids("worker")[-1]
    os.kill(old, signal.SIGKILL)
    wait_until(lambda: len(stack.pids("api")) == 2, 15, "the API's restart")
    wait_until(stack.healthy, 30, "the restarted API to answer", every=0.1)
    assert "api exited with code -9; restart 1 in 1.0s" in stack.text()
    assert stack.pids("worker")[-1] == worker and _alive(worker), "the worker was restarted too"


def test_sigterm_stops_everything_even_mid_backoff(stack: RunningStack) -> None:
    children = stack.children() | set(stack.pids("worker")[-1:]) | set(stack.pids("api")[-1:])
    assert len(children) == 3, children  # Temporal, worker, API
    workers = len(stack.pids("worker"))
    os.kill(stack.pids("worker")[-1], signal.SIGKILL)
    # Every earlier worker ran for seconds only (under Backoff.stable_after): the delay doubled each time.
    restart = f"worker exited with code -9; restart {workers} in {2.0 ** (workers - 1):.1f}s"
    wait_until(lambda: restart in stack.text(), 10, restart)
    started = time.monotonic()
    stack.process.send_signal(signal.SIGTERM)
    assert stack.process.wait(30) == 0, stack.text()
    assert time.monotonic() - started < 30
    assert len(stack.pids("worker")) == workers, "a worker was started after SIGTERM"
    assert not [pid for pid in children if _alive(pid)]
    assert not (Path(stack.env["DATA_DIR"]) / "stack.json").exists()


async def test_kill_9_of_the_launcher_takes_its_children_down(
    fresh_database: Callable[[], Awaitable[str]], tmp_path: Path
) -> None:
    """Children lead their own sessions; without a parent-death signal they outlived a `kill -9` of `comic run`,
    the worker still polling the stack's task queues and the API holding its port."""
    with running_stack(await fresh_database(), tmp_path) as stack:
        children = stack.children() | set(stack.pids("worker")) | set(stack.pids("api"))
        assert len(children) == 3, children  # Temporal, worker, API
        os.kill(stack.process.pid, signal.SIGKILL)
        stack.process.wait(10)
        left = lambda: [pid for pid in children if _ours(pid, stack.env["DATA_DIR"])]  # noqa: E731
        # SIGTERM lets each child shut down gracefully (the worker gives in-flight activities 20 s), so allow that.
        try:
            await asyncio.to_thread(wait_until, lambda: not left(), 60, "the children to exit with the launcher")
        except AssertionError as e:
            raise AssertionError(f"{e}: still up {[_command(pid) for pid in left()]}\n{stack.text()[-3000:]}") from None
        assert not stack.healthy()

"""Scale-out on loopback: two worker processes and two API processes on one Temporal dev server and one database.

Every process is a real `python -m cli worker` / `python -m cli api` subprocess configured only by environment
variables (the same for all four, task queues of their own, media in one shared directory). Four auto runs start
at once, through either API replica; a Socket.IO client on the other replica follows each run; one worker is
SIGKILLed while it has renders in flight, and the runs complete on the other one.
"""

import asyncio
import subprocess
import sys
import time
import uuid
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import socketio
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio.api.enums.v1 import EventType, PendingActivityState, TaskQueueType
from temporalio.api.taskqueue.v1 import TaskQueue
from temporalio.api.workflowservice.v1 import DescribeTaskQueueRequest
from temporalio.client import Client

from contracts.workflows import story_workflow_id, workflow_id
from core.config import Settings
from db.projects import ProjectRepository
from devstack.ports import free_port
from tests.flow import PHASE, PROJECTS, create_project, other_queues
from tests.helpers import auth
from tests.test_live_output import collect_events, socket_client
from tests.test_render_durability import ROOT, kill, start_worker, wait_until, worker_env, worker_processes

RUNS = 4
PNG = b"\x89PNG\r\n\x1a\n"
RENDERS = ("render_character", "render_panel")
PROMPTS = [
    "a lighthouse keeper befriends a sea monster",
    "a lonely robot learns to paint",
    "two rival bakers enter a village contest",
    "a cat detective solves the case of the missing moon",
]


def start_api(started: list[subprocess.Popen[bytes]], env: dict[str, str], port: int, log_dir: Path) -> None:
    """`python -m cli api` on `port`, in a session of its own (killed by process group, like the workers)."""
    log = open(log_dir / f"api-{port}.log", "wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "cli", "api"], cwd=ROOT, env={**env, "API_PORT": str(port)}, stdout=log,
        stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    log.close()
    started.append(process)


def print_logs(log_dir: Path) -> None:
    """The last lines of every process's log (shown by pytest when the test fails)."""
    for log in sorted(log_dir.glob("*.log")):
        tail = log.read_text(errors="replace").splitlines()[-30:]
        print(f"---- {log.name} (last lines)", *tail, sep="\n")


def identity(process: subprocess.Popen[bytes]) -> str:
    """The worker's Temporal identity: the SDK's default, `<pid>@<host>` (the process is `python` itself)."""
    return f"{process.pid}@"


async def pollers(client: Client, queue: str, kind: TaskQueueType.ValueType) -> set[str]:
    request = DescribeTaskQueueRequest(
        namespace=client.namespace, task_queue=TaskQueue(name=queue), task_queue_type=kind
    )
    response = await client.workflow_service.describe_task_queue(request)
    return {p.identity for p in response.pollers}


async def status(http: httpx.AsyncClient, user: str, project_id: str) -> dict[str, Any]:
    response = await http.get(f"{PHASE}/status/{project_id}", headers=auth(user), timeout=30)
    assert response.status_code == 200, response.text
    return dict(response.json())


def done(s: dict[str, Any]) -> bool:
    return (
        not s["busy"]
        and s["persisted_version"] == s["version"]
        and s["phases"]["panel_renders"]["status"] == "completed"
        and s["panels"] != []
    )


async def renders_in_flight(client: Client, project_ids: list[str]) -> Counter[str]:
    """Render activities started and not finished, per worker identity, across the runs (from the server)."""
    running: Counter[str] = Counter()
    for pid in project_ids:
        description = await client.get_workflow_handle(workflow_id(uuid.UUID(pid))).describe()
        for activity in description.raw_description.pending_activities:
            if (
                activity.activity_type.name in RENDERS
                and activity.state == PendingActivityState.PENDING_ACTIVITY_STATE_STARTED
            ):
                running[activity.last_worker_identity] += 1
    return running


Start = tuple[str, str, int, datetime]


async def activity_starts(client: Client, workflow: str) -> tuple[list[Start], int]:
    """(activity type, worker identity, attempt, start time) of every activity that ended, and how many workflow
    tasks timed out, from a workflow's history."""
    kinds: dict[int, str] = {}
    starts: list[Start] = []
    timeouts = 0
    async for event in client.get_workflow_handle(workflow).fetch_history_events():
        if event.event_type == EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT:
            timeouts += 1
        elif event.event_type == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED:
            kinds[event.event_id] = event.activity_task_scheduled_event_attributes.activity_type.name
        elif event.event_type == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED:
            started = event.activity_task_started_event_attributes
            kind = kinds[started.scheduled_event_id]
            starts.append((kind, started.identity, started.attempt, event.event_time.ToDatetime(UTC)))
    return starts, timeouts


def artifacts(project: dict[str, Any]) -> list[dict[str, Any]]:
    state = project["state"]
    entities = [*state["characters"].values(), *state["panels"]]
    return [e["artifact"] for e in entities]


async def test_two_workers_two_apis_share_the_load_and_survive_a_worker_kill(
    settings: Settings,
    temporal_client: Client,
    sessions: async_sessionmaker[AsyncSession],
    user: str,
    tmp_path: Path,
) -> None:
    shared = other_queues(
        settings,
        data_dir=tmp_path / "data",
        media_dir=tmp_path / "media",  # local media, shared by the four processes of one machine
        offline_render_delay=0.5,  # long enough that no run ends before the kill on a busy machine
        render_heartbeat_timeout=2,
        image_max_concurrent=2,  # renders queue up, so the runs last a few seconds and both workers take them
        user_generation_rate=1000,
        user_max_active_runs=100,
    )
    env = worker_env(shared)
    ports = [free_port(), free_port()]
    async with worker_processes() as processes:
        for _ in range(2):
            start_worker(processes, env, tmp_path)
        workers = processes[:2]
        for port in ports:
            start_api(processes, env, port, tmp_path)
        apis = [httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=30) for port in ports]
        sockets: list[socketio.AsyncClient] = []
        try:
            # ---- up: both APIs healthy, both workers polling every task queue --------------------------------
            async def healthy() -> bool:
                for process in processes:
                    assert process.poll() is None, f"a process exited with {process.returncode}: see {tmp_path}"
                for api in apis:
                    try:
                        if (await api.get("/healthz")).status_code != 200:
                            return False
                    except httpx.TransportError:
                        return False
                return True

            async def polling() -> bool:
                names = {identity(w) for w in workers}
                for queue, kind in (
                    (shared.temporal_task_queue, TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW),
                    (shared.temporal_task_queue, TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY),
                    (shared.llm_task_queue, TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY),
                    (shared.image_task_queue, TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY),
                ):
                    seen = await pollers(temporal_client, queue, kind)
                    if not all(any(p.startswith(n) for p in seen) for n in names):
                        return False
                return True

            booted = time.monotonic()
            await wait_until(healthy, 30, "both API processes healthy")
            await wait_until(polling, 30, "both workers polling")
            boot = time.monotonic() - booted

            # ---- four runs at once: run i started through replica i % 2, followed from the other one ---------
            projects = [
                str((await create_project(apis[i % 2], user, f"Scale {i}", PROMPTS[i]))["id"]) for i in range(RUNS)
            ]
            sockets = [await socket_client(f"http://127.0.0.1:{port}", user) for port in ports]
            events = [await collect_events(s) for s in sockets]
            for i, pid in enumerate(projects):
                ack = await sockets[(i + 1) % 2].call("subscribe", {"project_id": pid})
                assert ack["ok"] is True, ack

            async def run(i: int) -> None:
                response = await apis[i % 2].post(f"{PHASE}/run/{projects[i]}", headers=auth(user))
                assert response.status_code == 202, response.text

            started = time.monotonic()
            await asyncio.gather(*(run(i) for i in range(RUNS)))

            # ---- kill the first worker once every run is past its LLM phases and it has renders in flight ------
            # (LLM activities have no short heartbeat: an extraction cut off by a kill waits out its timeout.)
            victim, survivor = workers
            victim_id, survivor_id = identity(victim), identity(survivor)

            async def victim_rendering() -> Counter[str] | None:
                statuses = [await status(apis[i % 2], user, pid) for i, pid in enumerate(projects)]
                if not all(s["phases"]["panels"]["status"] == "completed" for s in statuses):
                    return None
                if all(done(s) for s in statuses):
                    raise AssertionError("every run finished before the kill: make the renders slower")
                running = await renders_in_flight(temporal_client, projects)
                mine = sum(n for who, n in running.items() if who.startswith(victim_id))
                # Both its slots busy: one render at least is still running when the kill lands a moment later.
                return running if mine >= shared.image_max_concurrent else None

            in_flight = await wait_until(victim_rendering, 40, "renders in flight on the worker to kill")
            kill(victim)
            killed_at, killed_clock = time.monotonic() - started, datetime.now(UTC)

            # ---- every run completes (polled on either replica in turn) --------------------------------------
            finished: dict[str, float] = {}
            final: dict[str, dict[str, Any]] = {}
            polls = 0

            async def all_done() -> bool:
                nonlocal polls
                for pid in projects:
                    if pid in finished:
                        continue
                    polls += 1
                    s = await status(apis[polls % 2], user, pid)
                    if done(s):
                        finished[pid], final[pid] = time.monotonic() - started, s
                return len(finished) == RUNS

            await wait_until(all_done, 50, "every run complete")

            # ---- the stored row is what /status reports; every artifact is served by both replicas -----------
            served = 0
            for i, pid in enumerate(projects):
                s = final[pid]
                assert s["persist_error"] is None
                assert all(p["render_status"] == "completed" and p["url"] for p in s["panels"]), s["panels"]
                assert all(c["render_status"] == "completed" and c["url"] for c in s["characters"])
                async with sessions() as session:
                    row = await ProjectRepository(session).get(uuid.UUID(pid), user)
                assert row is not None and row.version == s["version"] == s["persisted_version"]
                stored = [(p["id"], p["render_status"], p["artifact"]["key"]) for p in row.state["panels"]]
                reported = [
                    (p["id"], p["render_status"], p["url"].split("?")[0].split("/media/")[1]) for p in s["panels"]
                ]
                assert stored == reported
                characters = [
                    (str(c["id"]), c["render_status"], c["artifact"]["key"]) for c in row.state["characters"].values()
                ]
                reported = [
                    (c["id"], c["render_status"], c["url"].split("?")[0].split("/media/")[1]) for c in s["characters"]
                ]
                assert sorted(characters) == sorted(reported)  # a JSONB object keeps no key order

                other = apis[(i + 1) % 2]  # not the replica that started the run
                response = await other.get(f"{PROJECTS}/{pid}", headers=auth(user))
                assert response.status_code == 200, response.text
                project = response.json()
                assert project["version"] == s["version"]
                for artifact in artifacts(project):
                    path = artifact["url"][artifact["url"].index("/media/") :]
                    for api in apis:
                        image = await api.get(path)
                        assert image.status_code == 200, (path, image.status_code)
                        assert image.headers["content-type"] == "image/png" and image.content.startswith(PNG)
                        served += 1

            # ---- Socket.IO on the other replica saw each run, versions rising to the final one --------------
            def followed(i: int) -> list[dict[str, Any]]:
                return [e for e in events[(i + 1) % 2] if e["project_id"] == projects[i]]

            async def told_final() -> bool:
                return all(
                    followed(i) and followed(i)[-1]["version"] == final[p]["version"] for i, p in enumerate(projects)
                )

            await wait_until(told_final, 10, "the final version on the other replica's socket")
            for i, pid in enumerate(projects):
                versions = [e["version"] for e in followed(i)]
                assert versions == sorted(versions) and versions[-1] == final[pid]["version"], versions
                assert len(set(versions)) > 5  # a stream of updates, not just the last one
                phases = {e["phase"] for e in followed(i)}
                assert {"story", "characters", "character_renders", "panels", "panel_renders"} <= phases
        except BaseException:
            print_logs(tmp_path)
            raise
        finally:
            for s in sockets:
                await s.disconnect()
            for api in apis:
                await api.aclose()

    # ---- both workers did work; what the victim had in flight re-ran on the survivor --------------------------
    per_worker: Counter[str] = Counter()
    renders_per_worker: Counter[str] = Counter()
    renders_before_kill: Counter[str] = Counter()
    retried: list[tuple[str, str, int]] = []
    task_timeouts = 0
    for pid in projects:
        starts, timeouts = await activity_starts(temporal_client, workflow_id(uuid.UUID(pid)))
        story, _ = await activity_starts(temporal_client, story_workflow_id(uuid.UUID(pid), 1))
        starts += story
        task_timeouts += timeouts
        for kind, who, attempt, at in starts:
            worker = "killed" if who.startswith(victim_id) else "survivor" if who.startswith(survivor_id) else who
            per_worker[worker] += 1
            if kind in RENDERS:
                renders_per_worker[worker] += 1
                if at < killed_clock:
                    renders_before_kill[worker] += 1
            if attempt > 1:
                retried.append((kind, worker, attempt))
    victim_in_flight = sum(n for who, n in in_flight.items() if who.startswith(victim_id))
    print(
        f"\nscale-out: boot {boot:.1f}s; kill at {killed_at:.1f}s with {victim_in_flight} renders in flight on it;"
        f" runs complete at {sorted(round(t, 1) for t in finished.values())} s;"
        f" workflow tasks timed out {task_timeouts};"
        f" activities per worker {dict(per_worker)}, renders {dict(renders_per_worker)}"
        f" (started before the kill {dict(renders_before_kill)}); retried {retried};"
        f" socket events on the other replica {[len(followed(i)) for i in range(RUNS)]};"
        f" media fetched {served}"
    )
    assert set(per_worker) == {"killed", "survivor"}
    assert renders_before_kill["killed"] > 0 and renders_before_kill["survivor"] > 0  # the load spread
    assert all(worker == "survivor" for _, worker, _ in retried)  # nothing ran twice on the killed worker
    assert any(kind in RENDERS for kind, _, _ in retried)  # and the kill did cut renders off

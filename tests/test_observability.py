"""Structured logs, the API's /metrics, the worker's metrics, and one trace from an HTTP request to the provider."""

import asyncio
import io
import json
import logging
import socket
import time
import urllib.request
import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import datetime, timedelta
from typing import Any

import httpx
import pytest
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from prometheus_client import REGISTRY
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio import activity, workflow
from temporalio.client import Client

import worker as worker_module
from api.story_stream import StoryStreamHub
from core import tracing
from core.config import Settings
from core.logs import JsonFormatter, TemporalContext, configure_logging
from core.temporal import connect_temporal
from providers.errors import ProviderError
from tests.conftest import api_client, worker_on
from tests.flow import PHASE, PROJECTS, create_project, get_project, other_queues, settle
from tests.helpers import auth

JSON_ACCEPT = {"Accept": "application/json"}


async def phase(api: httpx.AsyncClient, user: str, path: str, body: dict[str, Any] | None = None) -> None:
    """Request a phase (the JSON answer, not the story stream) and wait until the project settles."""
    project_id = path.rsplit("/", 1)[1]
    response = await api.post(f"{PHASE}/{path}", json=body, headers={**auth(user), **JSON_ACCEPT})
    assert response.status_code == 202, response.text
    await settle(api, user, project_id)


async def story_and_cast(api: httpx.AsyncClient, user: str) -> str:
    """A project with a finished story and an extracted cast; its id."""
    pid = str((await create_project(api, user, prompt="a lighthouse keeper befriends a sea monster"))["id"])
    await phase(api, user, f"generate-story/{pid}")
    await phase(api, user, f"extract-characters/{pid}")
    return pid


# ---- logs -----------------------------------------------------------------------------------------------------


@pytest.fixture
def json_logs(settings: Settings) -> Iterator[io.StringIO]:
    """The process's log lines in LOG_FORMAT=json, for the test; the logging setup is put back after."""
    root = logging.getLogger()
    level = root.level
    stream = io.StringIO()
    handler = configure_logging(settings.model_copy(update={"log_format": "json"}), stream)
    yield stream
    root.removeHandler(handler)
    root.setLevel(level)
    activity.logger.activity_info_on_message = True
    workflow.logger.workflow_info_on_message = True


async def test_json_log_lines_carry_the_activity_context(
    api: httpx.AsyncClient, user: str, json_logs: io.StringIO
) -> None:
    pid = await story_and_cast(api, user)
    lines = [json.loads(line) for line in json_logs.getvalue().splitlines()]  # every line is one JSON object
    assert lines
    for line in lines:
        assert {"time", "level", "logger", "message"} <= line.keys(), line
        datetime.fromisoformat(line["time"])
    calls = {line["activity_type"]: line for line in lines if line["logger"] == "comic.providers"}
    extraction = calls["extract_characters"]
    assert extraction["project_id"] == pid
    assert extraction["workflow_id"] == f"comic-{pid}"
    assert extraction["workflow_type"] == "ComicWorkflow"
    assert extraction["attempt"] == 1
    assert extraction["level"] == "INFO" and "extract_characters ok" in extraction["message"]
    # The story runs in the project's story workflow: the project id is read from that workflow's id too.
    story = calls["generate_story"]
    assert (story["project_id"], story["workflow_id"]) == (pid, f"comic-{pid}-story-1")


def test_temporal_extra_becomes_fields() -> None:
    """What activity.logger and workflow.logger put in `extra` ends up in the JSON line's own fields."""
    pid = uuid.uuid4()
    record = logging.makeLogRecord(
        {
            "name": "temporalio.activity",
            "levelname": "WARNING",
            "msg": "Completing activity as failed",
            "temporal_activity": {
                "activity_type": "render_panel",
                "attempt": 3,
                "workflow_id": f"comic-{pid}",
                "workflow_type": "ComicWorkflow",
            },
        }
    )
    assert TemporalContext().filter(record)
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "Completing activity as failed"
    assert (line["project_id"], line["activity_type"], line["attempt"]) == (str(pid), "render_panel", 3)
    record = logging.makeLogRecord(
        {"msg": "panel 2: dropped names", "temporal_workflow": {"workflow_id": "ping", "workflow_type": "Ping"}}
    )
    assert TemporalContext().filter(record)
    line = json.loads(JsonFormatter().format(record))
    assert line["workflow_id"] == "ping" and "project_id" not in line  # a workflow of no project


# ---- metrics --------------------------------------------------------------------------------------------------


def samples(text: str, name: str) -> list[tuple[str, dict[str, str], float]]:
    """The samples of metric family `name` in a Prometheus text exposition."""
    return [
        (sample.name, sample.labels, sample.value)
        for family in text_string_to_metric_families(text)
        if family.name == name
        for sample in family.samples
    ]


async def test_metrics_label_route_templates_never_ids(api: httpx.AsyncClient, user: str) -> None:
    pid = (await create_project(api, user))["id"]
    assert (await api.get(f"{PROJECTS}/{pid}", headers=auth(user))).status_code == 200
    assert (await api.get(f"/no/such/{pid}")).status_code == 404
    response = await api.get("/metrics")  # no token
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    text = response.text
    assert pid not in text and user not in text
    latency = samples(text, "comic_http_request_duration_seconds")
    routes = {labels["route"] for _, labels, _ in latency}
    assert "/api/comic-builder/projects/{project_id}" in routes
    assert "unmatched" in routes
    assert all(route.startswith("/") or route == "unmatched" for route in routes)
    counted = {
        (labels["route"], labels["method"], labels["status"]): value
        for name, labels, value in latency
        if name.endswith("_count")
    }
    assert counted[("/api/comic-builder/projects/{project_id}", "GET", "200")] >= 1
    assert counted[("/api/comic-builder/projects", "POST", "201")] >= 1
    assert samples(text, "comic_story_stream_followers")


async def test_the_story_hub_counts_its_followers(api: httpx.AsyncClient, user: str, temporal_client: Client) -> None:
    pid = (await create_project(api, user, prompt="a lighthouse keeper befriends a sea monster"))["id"]
    await phase(api, user, f"generate-story/{pid}")
    counts: list[int] = []
    hub = StoryStreamHub(temporal_client, poll_cooldown=timedelta(seconds=0.05))
    hub.on_followers = counts.append
    following = [sum(counts) async for _ in hub.follow(f"comic-{pid}-story-1")]
    await hub.close()
    assert following and set(following) == {1}  # one follower while it followed
    assert counts == [1, -1]


async def test_worker_metrics_move_during_a_render(
    temporal_client: Client, settings: Settings, sessions: async_sessionmaker[AsyncSession], user: str
) -> None:
    slow = other_queues(settings, offline_render_delay=1.0)
    gauge = "comic_renders_in_flight"
    rendered = {"phase": "character_renders", "outcome": "ok"}
    before = REGISTRY.get_sample_value("comic_provider_call_duration_seconds_count", rendered) or 0
    async with worker_on(temporal_client, slow, sessions), api_client(slow) as api:
        pid = await story_and_cast(api, user)
        character = next(iter((await get_project(api, user, pid))["state"]["characters"]))
        response = await api.post(
            f"{PHASE}/render-character/{pid}", json={"character_id": character}, headers=auth(user)
        )
        assert response.status_code == 202, response.text
        peak = 0.0
        deadline = time.monotonic() + 10
        while peak < 1 and time.monotonic() < deadline:
            peak = max(peak, REGISTRY.get_sample_value(gauge) or 0)
            await asyncio.sleep(0.02)
        assert peak >= 1
        await settle(api, user, pid)
    assert REGISTRY.get_sample_value(gauge) == 0
    assert (REGISTRY.get_sample_value("comic_provider_call_duration_seconds_count", rendered) or 0) == before + 1


async def test_provider_errors_are_counted_by_kind() -> None:
    def count(kind: str) -> float:
        labels = {"provider": "test-images", "phase": "panel_renders", "kind": kind}
        return REGISTRY.get_sample_value("comic_provider_errors_total", labels) or 0

    refused, retryable = count("refused"), count("retryable")
    for error in (ProviderError("content policy", retryable=False), ProviderError("busy", retryable=True)):
        with pytest.raises(ProviderError):
            async with tracing.provider_call("test-images", "render_panel"):
                raise error
    assert (count("refused"), count("retryable")) == (refused + 1, retryable + 1)


def free_port_pair() -> int:
    """A port p with p + 1 free as well (METRICS_PORT and the worker's own port): one that binds, not only one no
    one listens on (a client's connection may hold it as its local port)."""
    from devstack.ports import free_port

    for _ in range(50):
        port = free_port()
        if port < 65535 and _bindable(port + 1):
            return port
    raise RuntimeError("no two adjacent free ports")


def _bindable(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return str(response.read().decode())


async def test_the_worker_serves_sdk_and_own_metrics(settings: Settings) -> None:
    for attempt in range(5):  # the pair was free a moment ago; another process may have taken one since
        port = free_port_pair()
        try:
            runtime, server = worker_module.serve_metrics(port, host="127.0.0.1")
            break
        except OSError:
            if attempt == 4:
                raise
    try:
        own = await asyncio.to_thread(fetch, f"http://127.0.0.1:{port + 1}/metrics")
        for name in ("comic_renders_in_flight", "comic_provider_errors", "comic_provider_call_duration_seconds"):
            assert f"# TYPE {name}" in own, name
        client = await connect_temporal(settings, runtime=runtime)
        await client.count_workflows("WorkflowType='PingWorkflow'")
        deadline = time.monotonic() + 10
        while "temporal_request" not in (sdk := await asyncio.to_thread(fetch, f"http://127.0.0.1:{port}/metrics")):
            assert time.monotonic() < deadline, sdk[:2000]
            await asyncio.sleep(0.2)
    finally:
        server.shutdown()


# ---- tracing --------------------------------------------------------------------------------------------------


@pytest.fixture
async def spans() -> AsyncIterator[InMemorySpanExporter]:
    """Tracing on, into memory, for the test (clients and apps built after it ends do not trace)."""
    exporter = InMemorySpanExporter()
    assert tracing.configure_tracing(Settings(), "comic-test", exporter)
    yield exporter
    tracing.shutdown_tracing()


async def test_one_trace_from_the_request_to_the_provider_call(
    spans: InMemorySpanExporter, settings: Settings, sessions: async_sessionmaker[AsyncSession], user: str
) -> None:
    traced = other_queues(settings)
    client = await connect_temporal(traced, interceptors=tracing.temporal_interceptors())
    async with worker_on(client, traced, sessions), api_client(traced) as api:
        pid = (await create_project(api, user, prompt="a lighthouse keeper befriends a sea monster"))["id"]
        await phase(api, user, f"run/{pid}")  # starts the run
        character = next(iter((await get_project(api, user, pid))["state"]["characters"]))
        await phase(api, user, f"render-character/{pid}", {"character_id": character})  # on the open run
    finished: list[ReadableSpan] = list(spans.get_finished_spans())

    def names_in_trace_of(request_name: str) -> set[str]:
        request = next(s for s in finished if s.name == request_name)
        assert request.context is not None
        trace_id = request.context.trace_id
        return {s.name for s in finished if s.context is not None and s.context.trace_id == trace_id}

    in_trace = names_in_trace_of("POST /api/comic-builder/phase/run/{project_id}")
    # API request -> the Temporal client's update-with-start -> the workflow's handler -> activities -> providers.
    for name in (
        "StartUpdateWithStartWorkflow:ComicWorkflow",
        "HandleUpdate:run_auto",
        "RunActivity:generate_story",
        "RunActivity:extract_characters",
        "RunActivity:render_character",
        "RunActivity:render_panel",
        "provider.write_story",
        "provider.extract_characters",
        "provider.render_character",
        "provider.render_panel",
    ):
        assert name in in_trace, (name, sorted(in_trace))
    provider = next(s for s in finished if s.name == "provider.extract_characters")
    activity_span = next(s for s in finished if s.name == "RunActivity:extract_characters")
    assert provider.parent is not None and activity_span.context is not None
    assert provider.parent.span_id == activity_span.context.span_id  # the provider call is the activity's child
    # A request to the run already open: its own trace, through the Update's handler to its activity.
    rerender = names_in_trace_of("POST /api/comic-builder/phase/render-character/{project_id}")
    assert {"HandleUpdate:render_character", "RunActivity:render_character", "provider.render_character"} <= rerender
    assert "RunWorkflow:ComicWorkflow" not in rerender

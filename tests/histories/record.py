"""Record the workflow histories that tests/test_replay.py replays: `python -m tests.histories.record`.

Each scenario runs on a real stack (Temporal dev server, PostgreSQL, worker, API over HTTP; offline providers) and
writes every workflow it touched as `tests/histories/<scenario>--<workflow id kind>.json`; name scenario functions
(`python -m tests.histories.record pages_relettered_and_exported`) to record only those. Record anew only when a
workflow change is meant to be incompatible with runs in flight (see README "Changing workflow code safely").
"""

import asyncio
import json
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
from temporalio.client import Client

from api.comic import comic_input
from benchmarks.stack import BenchStack, bench_stack
from contracts.workflows import StoryRequest, deletion_workflow_id, story_workflow_id, workflow_id
from core.security import mint_token
from domain.state import ConsolidatedComicState
from providers.errors import ProviderError
from providers.offline.storyteller import OfflineStoryteller
from tests.fault_providers import FaultyLLM
from workflows.comic import ComicWorkflow

HERE = Path(__file__).resolve().parent
PROMPT = "a lighthouse keeper befriends a sea monster"
PROJECTS = "/api/comic-builder/projects"
PHASE = "/api/comic-builder/phase"


class Session:
    """One user's HTTP session on a stack."""

    def __init__(self, stack: BenchStack, http: httpx.AsyncClient) -> None:
        self.stack, self.http = stack, http
        token = mint_token("recorder", stack.settings.auth_jwt_secret, 3600)
        self.headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}

    async def call(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        response = await self.http.request(method, path, headers=self.headers, **kwargs)
        assert response.status_code < 300, (path, response.status_code, response.text)
        return dict(response.json()) if response.content else {}

    async def project(self, prompt: str = PROMPT) -> str:
        return str((await self.call("POST", PROJECTS, json={"title": "Recorded", "prompt": prompt}))["id"])

    async def settle(self, pid: str, within: float = 120) -> dict[str, Any]:
        deadline = time.monotonic() + within
        while True:
            status = await self.call("GET", f"{PHASE}/status/{pid}")
            if not status["busy"] and status["persisted_version"] == status["version"]:
                return status
            assert time.monotonic() < deadline, status
            await asyncio.sleep(0.1)


async def save(client: Client, scenario: str, workflow: str, kind: str, run_id: str | None = None) -> None:
    """Write the history of `workflow` (its latest run, or `run_id`) as tests/histories/<scenario>--<kind>.json."""
    history = await client.get_workflow_handle(workflow, run_id=run_id).fetch_history()
    path = HERE / f"{scenario}--{kind}.json"
    path.write_text(json.dumps(json.loads(history.to_json()), indent=1) + "\n")
    print(f"wrote {path.relative_to(HERE.parent.parent)} ({len(history.events)} events)")


async def close_idle(client: Client, workflow: str, within: float = 30) -> None:
    handle = client.get_workflow_handle(workflow)
    deadline = time.monotonic() + within
    while (await handle.describe()).close_time is None:
        assert time.monotonic() < deadline, f"{workflow} did not close"
        await asyncio.sleep(0.2)


async def auto_run_then_idle_close_and_restart(s: Session) -> None:
    """An auto run to the end; the run closes when idle; an edit starts a new run from the row."""
    pid = await s.project()
    await s.call("POST", f"{PHASE}/run/{pid}")
    await s.settle(pid)
    await close_idle(s.stack.temporal, workflow_id(uuid.UUID(pid)))
    await save(s.stack.temporal, "auto-run", workflow_id(uuid.UUID(pid)), "comic")
    await save(s.stack.temporal, "auto-run", story_workflow_id(uuid.UUID(pid), 1), "story")
    project = await s.call("GET", f"{PROJECTS}/{pid}")
    await s.call("PATCH", f"{PROJECTS}/{pid}", json={"version": project["version"], "title": "Reopened"})
    await close_idle(s.stack.temporal, workflow_id(uuid.UUID(pid)))
    await save(s.stack.temporal, "restart-after-idle-close", workflow_id(uuid.UUID(pid)), "comic")
    await s.call("DELETE", f"{PROJECTS}/{pid}")
    await s.stack.temporal.get_workflow_handle(deletion_workflow_id(uuid.UUID(pid))).result()
    await save(s.stack.temporal, "delete", deletion_workflow_id(uuid.UUID(pid)), "deletion")


async def edit_during_bulk_render(s: Session) -> None:
    """Panels rendering while the user edits a panel's dialogue, then replaces and restores the panels."""
    pid = await s.project()
    for path in ("generate-story", "extract-characters", "generate-panels", "render-all-characters"):
        await s.call("POST", f"{PHASE}/{path}/{pid}")
        await s.settle(pid)
    await s.call("POST", f"{PHASE}/render-all-panels/{pid}")
    for _ in range(50):
        project = await s.call("GET", f"{PROJECTS}/{pid}")
        state = project["state"]
        state["panels"][-1]["dialogue"] = "Edited while rendering."
        response = await s.http.patch(
            f"{PROJECTS}/{pid}", json={"version": project["version"], "state": state}, headers=s.headers
        )
        if response.status_code == 200:
            break
        await asyncio.sleep(0.05)  # 409: a render landed meanwhile; read again
    await s.settle(pid)
    await s.call("POST", f"{PHASE}/generate-panels/{pid}", json={"replace": True})
    await s.settle(pid)
    state = ConsolidatedComicState.model_validate((await s.call("GET", f"{PROJECTS}/{pid}"))["state"])
    await s.call("POST", f"{PHASE}/restore/{pid}", json={"previous_id": str(state.previous[-1].id)})
    await s.settle(pid)
    await close_idle(s.stack.temporal, workflow_id(uuid.UUID(pid)))
    await save(s.stack.temporal, "edit-during-bulk-render", workflow_id(uuid.UUID(pid)), "comic")


async def pages_relettered_and_exported(s: Session) -> None:
    """An auto run ending in the pages phase; a dialogue edit re-letters one page; compose-pages; a PDF export."""
    pid = await s.project()
    await s.call("POST", f"{PHASE}/run/{pid}")
    await s.settle(pid)
    project = await s.call("GET", f"{PROJECTS}/{pid}")
    panels = [{"id": p["id"], "dialogue": p["dialogue"]} for p in project["state"]["panels"]]
    panels[-1]["dialogue"] = "Narrator: And the light kept burning."
    await s.call("PATCH", f"{PROJECTS}/{pid}", json={"version": project["version"], "state": {"panels": panels}})
    await s.settle(pid)
    await s.call("POST", f"{PHASE}/compose-pages/{pid}")
    response = await s.http.get(f"{PROJECTS}/{pid}/export", params={"format": "pdf"}, headers=s.headers)
    assert response.status_code == 200, response.text
    await s.settle(pid)
    await close_idle(s.stack.temporal, workflow_id(uuid.UUID(pid)))
    await save(s.stack.temporal, "pages-relettered", workflow_id(uuid.UUID(pid)), "comic")


async def story_retried_after_a_provider_error(s: Session) -> None:
    """The story fails mid-stream once and is retried by Temporal (a reset in the stream)."""
    pid = await s.project()
    await s.call("POST", f"{PHASE}/generate-story/{pid}")
    await s.settle(pid)
    await close_idle(s.stack.temporal, workflow_id(uuid.UUID(pid)))
    await save(s.stack.temporal, "story-retried", workflow_id(uuid.UUID(pid)), "comic")
    await save(s.stack.temporal, "story-retried", story_workflow_id(uuid.UUID(pid), 1), "story")


async def continue_as_new(s: Session) -> None:
    """A run that continues as new when its history grows, then serves on the carried state."""
    pid = await s.project()
    params = comic_input(uuid.UUID(pid), s.stack.settings).model_copy(update={"continue_as_new_after_events": 40})
    client = s.stack.temporal
    first = await client.start_workflow(
        ComicWorkflow.run, params, id=workflow_id(uuid.UUID(pid)), task_queue=s.stack.settings.temporal_task_queue
    )
    await first.execute_update(ComicWorkflow.generate_story, StoryRequest())
    await s.settle(pid)
    await first.execute_update(ComicWorkflow.extract_characters)
    await s.settle(pid)
    deadline = time.monotonic() + 30
    while (await client.get_workflow_handle(workflow_id(uuid.UUID(pid))).describe()).run_id == first.run_id:
        assert time.monotonic() < deadline, "never continued as new"
        await asyncio.sleep(0.1)
    await save(client, "continue-as-new", workflow_id(uuid.UUID(pid)), "comic", run_id=first.run_id)


async def main(only: list[str]) -> None:
    """Record every scenario, or only those named (recording anew replaces a history made by older code)."""
    async with bench_stack(workflow_idle_timeout=2) as stack, httpx.AsyncClient(base_url=stack.url, timeout=60) as http:
        s = Session(stack, http)
        for scenario in (auto_run_then_idle_close_and_restart, edit_during_bulk_render, continue_as_new,
                         pages_relettered_and_exported):  # fmt: skip
            if not only or scenario.__name__ in only:
                await scenario(s)
    if only and story_retried_after_a_provider_error.__name__ not in only:
        return
    llm = FaultyLLM(
        OfflineStoryteller(chunk_delay=0.001),
        story_fault_after_deltas=(5, ProviderError("connection reset by peer", retryable=True)),
    )
    async with (
        bench_stack(llm=llm, workflow_idle_timeout=2) as stack,
        httpx.AsyncClient(base_url=stack.url, timeout=60) as http,
    ):
        await story_retried_after_a_provider_error(Session(stack, http))


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1:]))

"""Generation phases: each request starts or resumes its phase in the project's ComicWorkflow and returns at once."""

import asyncio
import contextlib
import hashlib
import time
from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, HTTPException, Query, Request, Response, status
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel

from api.comic import running_snapshot, send_update
from api.deps import OwnedOrLiveProject, OwnedProject, SessionDep, SettingsDep, SignerDep, StoryHubDep, TemporalDep
from api.page_status import page_progress
from api.quotas import admitted
from api.schemas import EntityStatus, ProjectStatus
from api.story_stream import Envelope, StoryStreamHub
from api.versions import VersionHub
from contracts import workflows as names
from contracts.workflows import (
    PanelRef,
    PhaseAccepted,
    PhaseRequest,
    RenderCharacterRequest,
    RestoreRequest,
    Snapshot,
    StoryRequest,
    story_workflow_id,
)
from core.media_urls import MediaSigner
from db.models import Project
from domain.character import Character
from domain.panel import Panel
from domain.state import ConsolidatedComicState

router = APIRouter(prefix="/phase", tags=["phases"])

OptionalStory = Annotated[StoryRequest | None, Body()]
OptionalPhase = Annotated[PhaseRequest | None, Body()]
ReplaceQuery = Annotated[bool, Query(description='The same as `{"replace": true}` (for GET)')]


def _phase_request(body: PhaseRequest | None, replace: bool) -> PhaseRequest:
    """The body's options, `?replace=true` also allowed (the GET variants have no body)."""
    request = body or PhaseRequest()
    return request.model_copy(update={"replace": request.replace or replace})


ACCEPTED = {"status_code": status.HTTP_202_ACCEPTED, "response_model": PhaseAccepted}
MAX_WAIT = 30.0  # a longer `wait` is capped, not refused
CATCH_UP_SECONDS = 0.02


class PhaseCaller:
    """Sends a phase request to the project's workflow (started on first use) and returns its answer."""

    def __init__(self, project: OwnedProject, client: TemporalDep, settings: SettingsDep, session: SessionDep) -> None:
        self.project, self.client, self.settings, self.session = project, client, settings, session

    async def __call__(self, update: str, request: BaseModel | None = None) -> PhaseAccepted:
        """The owner's quotas are checked (429) before the workflow sees the request."""
        async with admitted(self.session, self.client, self.settings, self.project):
            return await send_update(
                self.client,
                self.settings,
                self.project.id,
                update,
                request,
                PhaseAccepted,
                owner_id=self.project.owner_id,
            )


PhaseDep = Annotated[PhaseCaller, Depends()]


NDJSON = "application/x-ndjson"
SSE = "text/event-stream"
STREAM_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The story as it is written: NDJSON envelopes (or SSE with `Accept: text/event-stream`)",
        "content": {NDJSON: {}, SSE: {}},
    }
}


def stream_response(hub: StoryStreamHub, stream_id: str, offset: int, request: Request, first: Envelope) -> Response:
    """Stream the story from `offset` as NDJSON, or as SSE when the client asks for `text/event-stream`."""
    sse = SSE in request.headers.get("accept", "")

    async def body() -> AsyncIterator[bytes]:
        yield first.sse() if sse else first.ndjson()
        async for envelope in hub.follow(stream_id, offset):
            yield envelope.sse() if sse else envelope.ndjson()

    headers = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no", "X-Story-Stream": stream_id}
    return StreamingResponse(body(), media_type=SSE if sse else NDJSON, headers=headers)


def wants_json(request: Request) -> bool:
    """A client that asks only for JSON gets the 202 phase status instead of the stream."""
    accept = request.headers.get("accept", "")
    return "application/json" in accept and NDJSON not in accept and SSE not in accept


@router.post(
    "/generate-story/{project_id}",
    responses={**STREAM_RESPONSES, 202: {"model": PhaseAccepted, "description": "With `Accept: application/json`"}},
)
async def generate_story(phase: PhaseDep, hub: StoryHubDep, request: Request, body: OptionalStory = None) -> Response:
    """Write the story from `prompt` (or the project's prompt) and stream it as it is written.

    The body is NDJSON, one envelope per line: `{"type": "status"|"delta"|"reset"|"done"|"error", "data", "offset"}`.
    A request that cannot start (a story already streaming, no prompt) is answered 409/422 before any streaming.
    """
    accepted = await phase(names.GENERATE_STORY, body or StoryRequest())
    if wants_json(request) or accepted.story_stream is None:
        return JSONResponse(accepted.model_dump(mode="json"), status_code=status.HTTP_202_ACCEPTED)
    first = Envelope("status", {"status": "streaming", "stream": accepted.story_stream}, 0)
    return stream_response(hub, accepted.story_stream, 0, request, first)


@router.get("/story-stream/{project_id}", responses=STREAM_RESPONSES)
async def story_stream(
    project: OwnedProject,
    client: TemporalDep,
    hub: StoryHubDep,
    request: Request,
    offset: Annotated[int | None, Query(ge=0, description="First offset to deliver (resume after a drop)")] = None,
) -> Response:
    """Follow the latest story from `offset` (or after SSE's `Last-Event-ID`): live if still being written,
    the whole text at once if finished."""
    snapshot = await running_snapshot(client, project.id)
    story = snapshot.state.story if snapshot else ConsolidatedComicState.from_stored(project.state).story
    if story.run == 0:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "No story has been generated for this project yet")
    if offset is None:
        last = request.headers.get("last-event-id", "")
        offset = int(last) + 1 if last.isdigit() else 0
    stream_id = story_workflow_id(project.id, story.run)
    first = Envelope("status", {"status": story.status, "stream": stream_id}, offset)
    return stream_response(hub, stream_id, offset, request, first)


@router.get("/extract-characters/{project_id}", operation_id="extract_characters_get", **ACCEPTED)  # type: ignore[arg-type]
@router.post("/extract-characters/{project_id}", **ACCEPTED)  # type: ignore[arg-type]
async def extract_characters(
    phase: PhaseDep, body: OptionalPhase = None, replace: ReplaceQuery = False
) -> PhaseAccepted:
    """Extract the cast from the finished story (GET kept for compatibility with the original API).

    An existing cast is replaced only with `{"replace": true}` (409 naming what would be lost otherwise).
    """
    return await phase(names.EXTRACT_CHARACTERS, _phase_request(body, replace))


@router.post("/render-character/{project_id}", **ACCEPTED)  # type: ignore[arg-type]
async def render_character(
    body: RenderCharacterRequest,
    phase: PhaseDep,
    cascade: Annotated[bool, Query(description='The same as `{"cascade": true}`')] = False,
) -> PhaseAccepted:
    """Render one character's reference sheet; the answer's `panels_showing` lists the panels that show it.

    With `cascade`, every one of those panels is re-rendered from the new sheet once it is stored (the panels
    rendering already are left to their render).
    """
    request = body.model_copy(update={"cascade": body.cascade or cascade})
    return await phase(names.RENDER_CHARACTER, request)


@router.post("/render-all-characters/{project_id}", **ACCEPTED)  # type: ignore[arg-type]
async def render_all_characters(phase: PhaseDep) -> PhaseAccepted:
    """Render the sheet of every character not already rendering, a bounded number at a time (409 with no cast)."""
    return await phase(names.RENDER_ALL_CHARACTERS)


@router.get("/generate-panels/{project_id}", operation_id="generate_panels_get", **ACCEPTED)  # type: ignore[arg-type]
@router.post("/generate-panels/{project_id}", **ACCEPTED)  # type: ignore[arg-type]
async def generate_panels(phase: PhaseDep, body: OptionalPhase = None, replace: ReplaceQuery = False) -> PhaseAccepted:
    """Break the story into panels whose characters come from the cast.

    Existing panels are replaced only with `{"replace": true}` (409 naming what would be lost otherwise).
    """
    return await phase(names.GENERATE_PANELS, _phase_request(body, replace))


@router.post("/render-panel/{project_id}", **ACCEPTED)  # type: ignore[arg-type]
async def render_panel(body: PanelRef, phase: PhaseDep) -> PhaseAccepted:
    """Render one panel again from its characters' current sheets; the render it replaces moves to its `history`."""
    return await phase(names.RENDER_PANEL, body)


@router.post("/render-all-panels/{project_id}", **ACCEPTED)  # type: ignore[arg-type]
async def render_all_panels(phase: PhaseDep) -> PhaseAccepted:
    """Render every panel, in parallel within the configured limits."""
    return await phase(names.RENDER_ALL_PANELS)


@router.post("/compose-pages/{project_id}", **ACCEPTED)  # type: ignore[arg-type]
async def compose_pages(phase: PhaseDep) -> PhaseAccepted:
    """Lay the rendered panels out on pages, lettered, and store each page; only the pages whose panels, lettering,
    layout or title changed are composed again (409 when panels are missing or still rendering)."""
    return await phase(names.COMPOSE_PAGES)


@router.post("/restore/{project_id}", response_model=PhaseAccepted)
async def restore(body: RestoreRequest, phase: PhaseDep) -> PhaseAccepted:
    """Put back a story, cast or panels (with their renders) that a phase replaced: an id from the state's
    `previous`. What it replaces is kept there in turn."""
    return await phase(names.RESTORE, body)


@router.post("/run/{project_id}", **ACCEPTED)  # type: ignore[arg-type]
async def run_auto(phase: PhaseDep, body: OptionalStory = None) -> PhaseAccepted:
    """Auto mode: story, characters, character sheets, panels and panel renders, chained."""
    return await phase(names.RUN_AUTO, body or StoryRequest())


def _entity_status(entity: Character | Panel, name: str, signer: MediaSigner) -> EntityStatus:
    return EntityStatus(
        id=entity.id,
        name=name,
        render_status=entity.render_status,
        render_error=entity.render_error,
        url=signer.url(entity.artifact.key) if entity.artifact else None,
    )


def _entities(state: ConsolidatedComicState, signer: MediaSigner) -> tuple[list[EntityStatus], list[EntityStatus]]:
    characters = [_entity_status(c, c.name, signer) for c in state.characters.values()]
    panels = [_entity_status(p, f"Panel {p.index + 1}", signer) for p in state.panels]
    return characters, panels


def _status(project: Project, snapshot: Snapshot | None, signer: MediaSigner) -> tuple[bytes, str]:
    """The status body and its ETag (the version plus a digest of the body: any field that changes changes it)."""
    state = snapshot.state if snapshot else ConsolidatedComicState.from_stored(project.state)
    characters, panels = _entities(state, signer)
    version = snapshot.version if snapshot else project.version
    title = snapshot.title if snapshot else project.title
    body = (
        ProjectStatus(
            project_id=project.id,
            version=version,
            persisted_version=snapshot.persisted_version if snapshot else project.version,
            workflow_running=snapshot is not None,
            busy=snapshot.busy if snapshot else False,
            auto_running=snapshot.auto_running if snapshot else False,
            persist_error=snapshot.persist_error if snapshot else None,
            story_status=state.story.status,
            story_error=state.story.error,
            phases=state.phases,
            characters=characters,
            panels=panels,
            pages=page_progress(project.id, version, title, state, signer),
        )
        .model_dump_json()
        .encode()
    )
    return body, f'W/"{version}-{hashlib.blake2b(body, digest_size=8).hexdigest()}"'


@router.get(
    "/status/{project_id}",
    response_model=ProjectStatus,
    responses={304: {"description": "Unchanged since the ETag in If-None-Match"}},
)
async def project_status(
    project: OwnedOrLiveProject,
    client: TemporalDep,
    signer: SignerDep,
    request: Request,
    wait: Annotated[
        float, Query(ge=0, description=f"Seconds to wait for a change after If-None-Match (at most {MAX_WAIT:g})")
    ] = 0,
) -> Response:
    """Phase and render progress, answered by the running workflow (or the stored state when none runs).

    It keeps answering from a running workflow while the database is unreachable (a 503 only when none runs).

    Send `If-None-Match` with the last ETag: an unchanged project answers 304 with no body; add `wait=N` to hold
    the request up to N seconds until something changes (long poll). A waiting request holds no database
    connection and queries the workflow only when this process hears of a change (PostgreSQL NOTIFY).
    """
    hub: VersionHub = request.app.state.versions
    known = request.headers.get("if-none-match")
    deadline = time.monotonic() + min(wait, MAX_WAIT)
    while True:
        changed = hub.changed(project.id)  # taken before the query: a change in between still wakes us
        snapshot = await running_snapshot(client, project.id)
        body, etag = _status(project, snapshot, signer)
        if known != etag or time.monotonic() >= deadline:
            break
        if snapshot is not None and hub.latest(project.id) > snapshot.persisted_version:
            # A write landed that the run has not taken in yet (its persist is returning): look again shortly.
            await asyncio.sleep(CATCH_UP_SECONDS)
            continue
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(max(0.0, deadline - time.monotonic())):
                await changed.wait()
    if known == etag:
        return Response(status_code=status.HTTP_304_NOT_MODIFIED, headers={"ETag": etag})
    return Response(body, media_type="application/json", headers={"ETag": etag})

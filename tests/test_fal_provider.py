"""FalRenderer against a faithful local fake of fal.ai: the provider alone, then whole workflows on Temporal."""

import asyncio
import dataclasses
import io
import os
import time
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import certifi
import httpx
import pytest
from PIL import Image
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio.activity import ActivityCancellationDetails
from temporalio.client import Client
from temporalio.testing import ActivityEnvironment

from activities.panel_render import PanelRenderActivities
from contracts import workflows as names
from contracts.activities import RenderPanelInput
from contracts.workflows import StoryRequest
from core.config import Settings
from domain.character import Character
from domain.panel import Panel
from domain.style import STYLE_PROMPTS
from domain.usage import DEFAULT_PRICES, usage_report
from providers.errors import ProviderError, retry_after
from providers.factory import make_images
from providers.fal_images import EDIT_MODEL, GENERATION_MODEL, FalRenderer, _as_provider_error
from providers.images import ReferenceImage
from providers.media_store import LocalMediaStore
from tests.conftest import worker_on
from tests.fakes.fal_server import FakeFal, RunningFake, running_fake_fal
from tests.flow import other_queues, phases_one_by_one, request_phase, start_project, wait_for
from tests.helpers import media_path

PROMPT = "a lighthouse keeper befriends a sea monster"
KEY = "test-key"


# ---- fixtures ---------------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def fal_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningFake]:
    """The fake on a free port, with fal_client pointed at it for the session.

    fal_client reads FAL_RUN_HOST / FAL_QUEUE_RUN_HOST once, at import (always https), and FalRenderer imports it
    lazily on first use, so setting them here, before anything renders, is the client's own configuration at work.
    Should fal_client have been imported earlier in the session, the URL it derived is replaced directly. The REST
    (storage token, upload initiate) and CDN hosts have no configuration in fal-client 1.0.3: their module-level
    constants are set, and restored afterwards. SSL_CERT_FILE (read by httpx when a client is created) gets a
    bundle of the usual CAs plus the fake's test CA.
    """
    system_cas = os.environ.get("SSL_CERT_FILE") or certifi.where()
    with running_fake_fal(tmp_path_factory.mktemp("fal"), FakeFal(key=KEY), extra_ca_file=system_cas) as running:
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("FAL_RUN_HOST", running.host)
            patch.setenv("FAL_QUEUE_RUN_HOST", running.host)
            patch.setenv("SSL_CERT_FILE", str(running.ca_bundle))
            import fal_client.client as fal_http

            queue = f"https://{running.host}/"
            if fal_http.QUEUE_URL_FORMAT != queue:  # imported before this fixture ran: too late for the variables
                patch.setattr(fal_http, "QUEUE_URL_FORMAT", queue)
                patch.setattr(fal_http, "RUN_URL_FORMAT", queue)
            patch.setattr(fal_http, "REST_URL", f"{running.base_url}/rest")
            patch.setattr(fal_http, "CDN_URL", f"{running.base_url}/cdn")
            yield running


@pytest.fixture
def fal(fal_server: RunningFake) -> FakeFal:
    """The fake, emptied for this test."""
    fal_server.fake.reset()
    return fal_server.fake


@pytest.fixture
async def make_renderer(fal: FakeFal) -> AsyncIterator[Callable[..., FalRenderer]]:
    """FalRenderers on the fake with fast polling, closed after the test."""
    made: list[FalRenderer] = []

    def make(**overrides: Any) -> FalRenderer:
        renderer = FalRenderer(overrides.pop("key", KEY), **{"poll_interval": 0.01, **overrides})
        made.append(renderer)
        return renderer

    yield make
    for renderer in made:
        await renderer.aclose()


def panel(background: str = "a harbour at dawn", characters: list[str] | None = None) -> Panel:
    return Panel(id=uuid.uuid4(), index=0, background=background, characters=characters or [], dialogue="Ahoy!")


def character(name: str = "Mara") -> Character:
    return Character(id=uuid.uuid4(), name=name, brief="a lighthouse keeper", character_type="humanoid")


def png(width: int = 40, height: int = 30, colour: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, format="PNG")
    return out.getvalue()


# ---- the provider on its own ------------------------------------------------------------------------------------


async def test_sheets_and_panels_without_cast_use_the_generation_model(
    fal: FakeFal, make_renderer: Callable[..., FalRenderer]
) -> None:
    renderer = make_renderer()
    sheet = await renderer.render_character(character(), "turnaround sheet of Mara")
    scene = await renderer.render_panel(panel(), "Comic panel. Scene: a harbour at dawn.", [])

    sheet_request, scene_request = fal.requests
    assert sheet_request.app == scene_request.app == GENERATION_MODEL
    assert sheet_request.authorization == f"Key {KEY}"
    assert sheet_request.payload == {
        "prompt": "turnaround sheet of Mara",
        "image_size": {"width": 1536, "height": 1024},
        "num_images": 1,
    }
    assert scene_request.payload["prompt"] == "Comic panel. Scene: a harbour at dawn."
    assert scene_request.payload["image_size"] == {"width": 1536, "height": 1152}
    assert "image_urls" not in scene_request.payload
    # The queue went through its states, and the bytes are fal's, downloaded (not a URL to expire).
    assert sheet_request.statuses[0] == "IN_QUEUE" and sheet_request.statuses[-1] == "COMPLETED"
    assert sheet.model == scene.model == GENERATION_MODEL
    assert sheet.provider_request_id == sheet_request.request_id
    assert sheet.data == sheet_request.image and scene.data == scene_request.image
    assert (sheet.content_type, sheet.width, sheet.height) == ("image/png", 1536, 1024)
    assert (scene.width, scene.height) == (1536, 1152)
    assert fal.in_flight == 0 and fal.cancels == [] and fal.uploads == []


async def test_panel_with_cast_uses_the_edit_model_with_the_sheets_uploaded_once_each(
    fal: FakeFal, make_renderer: Callable[..., FalRenderer]
) -> None:
    mara, nessie = png(), png(colour=(0, 90, 200))
    renderer = make_renderer()
    references = [ReferenceImage("Mara", mara), ReferenceImage("Nessie", nessie)]
    image = await renderer.render_panel(panel(characters=["Mara", "Nessie"]), "two friends", references)
    await renderer.render_panel(panel(characters=["Mara"]), "again", [ReferenceImage("Mara", mara)])

    # Sheets travel as uploads of their bytes (never as a URL from state); the second panel reuses Mara's upload.
    uploads = {u.data: u for u in fal.uploads}  # the two sheets upload concurrently: in either order
    assert len(fal.uploads) == 2 and set(uploads) == {mara, nessie}
    mara_upload, nessie_upload = uploads[mara], uploads[nessie]
    assert mara_upload.route == "cdn" and mara_upload.content_type == "image/png"
    assert mara_upload.file_name == "mara.png" and mara_upload.lifecycle is not None
    first, second = fal.requests
    assert first.app == EDIT_MODEL
    assert first.payload == {
        "prompt": "two friends",
        "image_urls": [mara_upload.url, nessie_upload.url],
        "num_images": 1,
        "output_format": "png",
        "aspect_ratio": "4:3",
    }
    assert second.payload["image_urls"] == [mara_upload.url]
    assert fal.file(mara_upload.url) == mara
    # Nano-Banana reports no width/height: they come from decoding the image.
    assert (image.model, image.width, image.height, image.content_type) == (EDIT_MODEL, 1184, 864, "image/png")
    assert image.provider_request_id == first.request_id


async def test_upload_falls_back_to_storage_initiate_when_the_cdn_fails(
    fal: FakeFal, make_renderer: Callable[..., FalRenderer]
) -> None:
    fal.script("cdn_upload", 500, {"detail": "CDN unavailable"})
    sheet = png(colour=(1, 2, 3))
    reference = ReferenceImage("Mara", sheet)
    await make_renderer().render_panel(panel(characters=["Mara"]), "fallback", [reference])

    (upload,) = fal.uploads
    assert upload.route == "storage" and upload.data == sheet
    assert fal.requests[0].payload["image_urls"] == [upload.url]


async def test_rate_limit_is_retryable_with_retry_after_then_succeeds(
    fal: FakeFal, make_renderer: Callable[..., FalRenderer]
) -> None:
    fal.rate_limit(retry_after=3)
    renderer = make_renderer()
    with pytest.raises(ProviderError) as limited:
        await renderer.render_character(character(), "sheet")
    assert limited.value.retryable and limited.value.retry_after == 3
    assert limited.value.message == "fal.ai 429: Rate limit exceeded"
    # One HTTP attempt: fal_client's own retries are off, so Temporal's policy is the only one.
    assert [(a.stage, a.status) for a in fal.answers] == [("submit", 429)]

    image = await renderer.render_character(character(), "sheet")
    assert image.provider_request_id == fal.requests[0].request_id


@pytest.mark.parametrize(
    ("stage", "status", "body", "expected"),
    [
        ("result", 422, None, "fal.ai 422: prompt: flagged by the content checker"),
        ("submit", 422, {"detail": "image_urls: at most 10 images"}, "fal.ai 422: image_urls: at most 10 images"),
        ("submit", 400, {"detail": "Unsupported image size"}, "fal.ai 400: Unsupported image size"),
        ("submit", 403, {"detail": "User is locked. Reason: Exhausted balance."}, "fal.ai 403: User is locked."),
    ],
)
async def test_refusals_are_final_and_carry_fals_message(
    fal: FakeFal, make_renderer: Callable[..., FalRenderer], stage: str, status: int, body: Any, expected: str
) -> None:
    if body is None:
        fal.refuse("flagged by the content checker")
    else:
        fal.script(stage, status, body)  # type: ignore[arg-type]
    with pytest.raises(ProviderError) as refused:
        await make_renderer().render_panel(panel(), "a panel", [])
    assert not refused.value.retryable and refused.value.retry_after is None
    assert refused.value.message.startswith(expected)
    assert fal.cancels == []  # a finished (refused) request is not cancelled


async def test_a_wrong_key_is_final(fal: FakeFal, make_renderer: Callable[..., FalRenderer]) -> None:
    with pytest.raises(ProviderError) as denied:
        await make_renderer(key="wrong").render_character(character(), "sheet")
    assert not denied.value.retryable and denied.value.message == "fal.ai 401: Invalid or missing API key"


async def test_server_errors_retry_and_poll_hiccups_are_absorbed(
    fal: FakeFal, make_renderer: Callable[..., FalRenderer]
) -> None:
    renderer = make_renderer()
    fal.script("submit", 503, {"detail": "Service temporarily unavailable"}, headers={"Retry-After": "7"})
    with pytest.raises(ProviderError) as unavailable:
        await renderer.render_character(character(), "sheet")
    assert unavailable.value.retryable and unavailable.value.retry_after == 7

    # A failing status poll of a paid request is retried here (bounded), not by re-rendering.
    fal.script("status", 502, {"detail": "Bad gateway"}, headers={"Retry-After": "0"}, times=2)
    image = await renderer.render_character(character(), "sheet")
    assert image.provider_request_id == fal.requests[-1].request_id
    assert [a.status for a in fal.answers if a.stage == "status"] == [502, 502]


async def test_polls_that_keep_failing_give_up_and_cancel_the_request(
    fal: FakeFal, make_renderer: Callable[..., FalRenderer]
) -> None:
    fal.script("status", 503, {"detail": "down"}, headers={"Retry-After": "0"}, times=None)
    with pytest.raises(ProviderError) as down:
        await make_renderer(poll_attempts=3).render_character(character(), "sheet")
    assert down.value.retryable and down.value.message == "fal.ai 503: down"
    assert fal.cancels == [fal.requests[0].request_id] and fal.in_flight == 0


async def test_requests_in_flight_never_exceed_the_limit(
    fal: FakeFal, make_renderer: Callable[..., FalRenderer]
) -> None:
    fal.render_seconds = 0.15
    renderer = make_renderer(max_concurrent=2)
    images = await asyncio.gather(*(renderer.render_panel(panel(f"scene {i}"), f"scene {i}", []) for i in range(6)))
    assert len({image.provider_request_id for image in images}) == 6
    assert fal.peak == 2 and fal.in_flight == 0


async def test_cancellation_cancels_the_fal_request(fal: FakeFal, make_renderer: Callable[..., FalRenderer]) -> None:
    fal.render_seconds = 30
    render = asyncio.create_task(make_renderer().render_character(character(), "a slow sheet"))
    deadline = time.monotonic() + 5
    while not (fal.requests and fal.requests[0].statuses):
        assert time.monotonic() < deadline, "the render never reached the queue"
        await asyncio.sleep(0.01)
    render.cancel()
    with pytest.raises(asyncio.CancelledError):
        await render
    assert fal.cancels == [fal.requests[0].request_id]
    assert fal.requests[0].cancelled and fal.in_flight == 0


# ---- resuming a submitted request in a later attempt (the render activity, with its heartbeat details) ----------


def attempt_of(earlier: tuple[Any, ...] = ()) -> tuple[ActivityEnvironment, list[tuple[Any, ...]]]:
    """An attempt of an activity that gets `earlier` as heartbeat details; records the heartbeats it sends."""
    env = ActivityEnvironment()
    env.info = dataclasses.replace(
        env.info, attempt=2 if earlier else 1, heartbeat_details=list(earlier), heartbeat_timeout=timedelta(seconds=30)
    )
    beats: list[tuple[Any, ...]] = []
    env.on_heartbeat = lambda *details: beats.append(details)
    return env, beats


async def until(condition: Callable[[], object], within: float = 5) -> None:
    deadline = time.monotonic() + within
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.01)


def panel_request() -> RenderPanelInput:
    return RenderPanelInput(project_id=uuid.uuid4(), render_id=uuid.uuid4(), panel=panel())


async def test_a_retried_attempt_resumes_the_request_in_its_heartbeat_details(
    fal: FakeFal, make_renderer: Callable[..., FalRenderer], tmp_path: Path
) -> None:
    fal.render_seconds = 0.5
    activities = PanelRenderActivities(make_renderer(), LocalMediaStore(tmp_path))
    request = panel_request()
    first, beats = attempt_of()
    running = asyncio.create_task(first.run(activities.render_panel, request))
    await until(lambda: beats)
    (submitted,) = fal.requests
    # Noted the moment it was submitted (an attempt's first heartbeat is sent at once, later ones are throttled).
    assert beats == [({"fal_request_id": submitted.request_id, "model": GENERATION_MODEL},)]
    # The worker shuts down mid-render: the request is left running for the retry rather than cancelled.
    first.cancel(ActivityCancellationDetails(worker_shutdown=True))
    with pytest.raises(asyncio.CancelledError):
        await running
    assert fal.cancels == [] and not submitted.cancelled

    second, _ = attempt_of(beats[-1])
    artifact = await second.run(activities.render_panel, request)
    assert len(fal.requests) == 1  # polled to completion, not submitted again
    assert artifact.provider_request_id == submitted.request_id and submitted.result_status == 200
    assert (tmp_path / artifact.key).read_bytes() == submitted.image

    # A third attempt (the second's completion lost) finds the stored render: no provider call at all.
    polls = len(submitted.statuses)
    third, _ = attempt_of(beats[-1])
    assert await third.run(activities.render_panel, request) == artifact
    assert len(fal.requests) == 1 and len(submitted.statuses) == polls


@pytest.mark.parametrize("why", ["unknown to fal", "cancelled", "another model"])
async def test_a_request_that_cannot_be_resumed_is_submitted_anew(
    fal: FakeFal, make_renderer: Callable[..., FalRenderer], tmp_path: Path, why: str
) -> None:
    activities = PanelRenderActivities(make_renderer(), LocalMediaStore(tmp_path))
    request = panel_request()
    earlier: dict[str, Any] = {"fal_request_id": "no-such-request", "model": GENERATION_MODEL}
    if why == "cancelled":  # the workflow cancelled the first attempt, which cancelled its fal request
        fal.render_seconds = 30
        first, beats = attempt_of()
        running = asyncio.create_task(first.run(activities.render_panel, request))
        await until(lambda: beats)
        first.cancel()
        with pytest.raises(asyncio.CancelledError):
            await running
        assert fal.cancels == [fal.requests[0].request_id]
        (earlier,) = beats[-1]
        fal.render_seconds = 0.05
    elif why == "another model":  # e.g. FAL_GENERATION_MODEL changed between attempts
        fal.render_seconds = 30
        import fal_client  # here, not at the top: fal_client reads its hosts when imported (see fal_server)

        stale = await fal_client.AsyncClient(key=KEY).submit(EDIT_MODEL, {"prompt": "x"})
        earlier = {"fal_request_id": stale.request_id, "model": EDIT_MODEL}
        fal.render_seconds = 0.05
    before = len(fal.requests)

    retry, beats = attempt_of((earlier,))
    artifact = await retry.run(activities.render_panel, request)
    assert len(fal.requests) == before + 1
    fresh = fal.requests[-1]
    assert artifact.provider_request_id == fresh.request_id and fresh.app == GENERATION_MODEL
    assert beats[0] == ({"fal_request_id": fresh.request_id, "model": GENERATION_MODEL},)


def test_transport_failures_and_retry_after_forms() -> None:
    request = httpx.Request("POST", "https://queue.fal.run/fal-ai/x")
    for error in (httpx.ConnectError("refused", request=request), httpx.ReadTimeout("slow", request=request)):
        classified = _as_provider_error(error)
        assert classified.retryable and classified.retry_after is None
    assert retry_after({"retry-after": "2.5"}) == 2.5
    assert retry_after({"retry-after": "Wed, 21 Oct 2099 07:28:00 GMT"}) == 600  # capped
    assert retry_after({"retry-after": "Wed, 21 Oct 2015 07:28:00 GMT"}) == 0  # in the past
    assert retry_after({"retry-after": "soon"}) is None and retry_after({}) is None
    assert retry_after({"retry-after-ms": "1500", "retry-after": "9"}) == 1.5  # OpenAI's finer header first
    assert retry_after({"retry-after-ms": "soon", "retry-after": "9"}) == 9


def test_factory_builds_the_fal_renderer_when_configured() -> None:
    images = make_images(Settings(image_provider="auto", fal_key="k-123"))
    assert isinstance(images, FalRenderer) and images.key == "k-123"
    assert (images.edit_model, images.generation_model, images.max_concurrent) == (EDIT_MODEL, GENERATION_MODEL, 10)


# ---- whole workflows on Temporal --------------------------------------------------------------------------------


async def media_at(api: httpx.AsyncClient, url: str) -> bytes:
    """An artifact's bytes through the API's /media route."""
    response = await api.get(url[url.index("/media/") :])
    assert response.status_code == 200, url
    assert response.headers["content-type"] == "image/png"
    return response.content


async def test_auto_run_on_fal_end_to_end(
    fal: FakeFal,
    api: httpx.AsyncClient,
    temporal_client: Client,
    settings: Settings,
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    fal.render_seconds = 0.1
    renderer = FalRenderer(KEY, poll_interval=0.02, max_concurrent=3)
    local = other_queues(settings)
    project = await start_project(sessions, PROMPT, style="noir")
    async with worker_on(temporal_client, local, sessions, images=renderer):
        await request_phase(temporal_client, local, project.id, names.RUN_AUTO, StoryRequest())
        snapshot = await wait_for(temporal_client, project, lambda s: not s.auto_running)
    await renderer.aclose()

    state = snapshot.state
    assert {name: phase["status"] for name, phase in state.phases.model_dump().items()} == dict.fromkeys(
        ("story", "characters", "character_renders", "panels", "panel_renders", "pages"), "completed"
    )
    by_id = {r.request_id: r for r in fal.requests}
    assert len(by_id) == len(state.characters) + len(state.panels)  # one fal request per render, none retried
    entities: list[Character | Panel] = [*state.characters.values(), *state.panels]
    for entity in entities:
        artifact = entity.artifact
        assert artifact is not None and artifact.provider_request_id in by_id
        request = by_id[artifact.provider_request_id]
        assert artifact.model == request.app and artifact.prompt == request.payload["prompt"]
        # Stored in our media store and served by the API: the very bytes fal produced.
        assert await media_at(api, media_path(local, artifact.key)) == request.image
        assert (artifact.width, artifact.height) == Image.open(io.BytesIO(request.image or b"")).size
    assert all(c.artifact and c.artifact.model == GENERATION_MODEL for c in state.characters.values())
    with_cast = [p for p in state.panels if p.characters]
    assert with_cast, "the offline story should put its cast in some panels"
    for p in state.panels:
        assert p.artifact is not None
        assert p.artifact.model == (EDIT_MODEL if p.characters else GENERATION_MODEL)
    # Each sheet went to fal's storage once (our /media URLs are not reachable from fal), and the edit calls got
    # the uploaded URLs.
    sheets = {await media_at(api, media_path(local, c.artifact.key)) for c in state.characters.values() if c.artifact}
    assert {u.data for u in fal.uploads} <= sheets and len(fal.uploads) == len({u.data for u in fal.uploads})
    uploaded = {u.url for u in fal.uploads}
    for request in fal.queued(EDIT_MODEL):
        assert request.payload["image_urls"] and set(request.payload["image_urls"]) <= uploaded
    assert 1 <= fal.peak <= 3 and fal.cancels == []
    # The project's style reached every fal prompt, and usage counts the images fal made, priced per model.
    assert all(STYLE_PROMPTS["noir"] in r.payload["prompt"] for r in by_id.values())
    assert state.usage.images == dict(Counter(r.app for r in by_id.values()))
    report = usage_report([state.usage], DEFAULT_PRICES)
    expected = sum(DEFAULT_PRICES.models[r.app].per_image for r in by_id.values())
    assert report.cost == pytest.approx(expected) and report.cost > 0 and report.unpriced_models == []


async def test_rate_limit_is_retried_by_temporal_and_a_refusal_fails_only_its_panel(
    fal: FakeFal, temporal_client: Client, settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> None:
    renderer = FalRenderer(KEY, poll_interval=0.02)
    local = other_queues(settings)
    project = await start_project(sessions, PROMPT)
    async with worker_on(temporal_client, local, sessions, images=renderer):
        ready = await phases_one_by_one(
            temporal_client,
            local,
            project,
            names.GENERATE_STORY,
            names.EXTRACT_CHARACTERS,
            names.RENDER_ALL_CHARACTERS,
            names.GENERATE_PANELS,
        )
        panels = ready.state.panels
        refused = next(p for p in panels if sum(q.background == p.background for q in panels) == 1)
        marker = f"Scene: {refused.background}."
        fal.refuse("The content could not be processed: flagged by a content checker.",
                   when=lambda app, payload: marker in payload["prompt"])  # fmt: skip
        fal.rate_limit(retry_after=1, when=lambda app, payload: marker not in payload["prompt"])
        await request_phase(temporal_client, local, project.id, names.RENDER_ALL_PANELS)
        snapshot = await wait_for(temporal_client, project, lambda s: s.state.phases.panel_renders.status != "running")
    await renderer.aclose()

    after = {p.id: p for p in snapshot.state.panels}
    assert after[refused.id].render_status == "error"
    assert after[refused.id].render_error == (
        "fal.ai 422: prompt: The content could not be processed: flagged by a content checker."
    )
    assert all(p.render_status == "completed" for p in after.values() if p.id != refused.id)
    phase = snapshot.state.phases.panel_renders
    assert phase.status == "error" and phase.done == len(panels) - 1
    assert len([r for r in fal.requests if marker in r.payload["prompt"]]) == 1  # refusals are not retried
    # The rate-limited render came back once Temporal's retry fired, after fal's Retry-After (1 s), not the
    # policy's 2 s initial interval.
    (limited,) = [a for a in fal.answers if a.status == 429]
    retried = [r for r in fal.requests if r.payload["prompt"] == limited.prompt and r.submitted_at > limited.at]
    assert len(retried) == 1 and 0.9 <= retried[0].submitted_at - limited.at < 1.9

"""The Temporal worker process: registers workflows and activities on their task queues."""

import asyncio
import logging
import signal
from datetime import timedelta
from wsgiref.simple_server import WSGIServer

import prometheus_client
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio.client import Client
from temporalio.runtime import PrometheusConfig, Runtime, TelemetryConfig
from temporalio.worker import Worker

from activities.character_render import CharacterRenderActivities
from activities.characters import CharacterActivities
from activities.deletion import DeletionActivities
from activities.export import ExportActivities
from activities.pages import PageActivities
from activities.panel_render import PanelRenderActivities
from activities.panels import PanelActivities
from activities.persistence import PersistenceActivities
from activities.ping import ping
from activities.story import StoryActivities
from core.config import Settings, get_settings
from core.logs import configure_logging
from core.security import check_production
from core.temporal import connect_temporal
from core.tracing import TracedImages, TracedLLM, configure_tracing, shutdown_tracing, temporal_interceptors
from db.engine import make_engine, make_sessionmaker
from providers.factory import make_images, make_llm, make_media_store, start_image_processes
from providers.images import ImageProvider
from providers.llm import LLMProvider
from workflows.comic import ComicWorkflow
from workflows.deletion import ProjectDeletionWorkflow
from workflows.ping import PingWorkflow
from workflows.story import StoryWorkflow

log = logging.getLogger("comic.worker")

# In-flight activities get this long to finish on shutdown instead of being cancelled (and retried elsewhere).
GRACEFUL_SHUTDOWN = timedelta(seconds=20)
HEARTBEAT_THROTTLE = timedelta(seconds=2)
STICKY_TIMEOUT = timedelta(seconds=3)


def build_workers(
    client: Client,
    settings: Settings,
    sessions: async_sessionmaker[AsyncSession],
    *,
    llm: LLMProvider | None = None,
    images: ImageProvider | None = None,
) -> list[Worker]:
    """One worker per task queue: workflows + bookkeeping, LLM activities, image activities (each bounded)."""
    check_production(settings)
    # Every provider call is a span, a duration and (failing) an error count; see core/tracing.py.
    llm = TracedLLM(llm or make_llm(settings))
    images = TracedImages(images or make_images(settings))
    media = make_media_store(settings)
    persistence = PersistenceActivities(sessions)
    deletion = DeletionActivities(client, sessions, media)
    # Heartbeats reach the server within 2 s (the SDK would otherwise hold them up to 0.8 x the heartbeat timeout):
    # a fal request id recorded in heartbeat details must survive a crash right after the submit.
    # A workflow task sent to a worker that died waits this long before another worker may take it (SDK default 10 s).
    common = {
        "graceful_shutdown_timeout": GRACEFUL_SHUTDOWN,
        "max_heartbeat_throttle_interval": HEARTBEAT_THROTTLE,
        "sticky_queue_schedule_to_start_timeout": STICKY_TIMEOUT,
    }
    return [
        Worker(
            client,
            task_queue=settings.temporal_task_queue,
            workflows=[ComicWorkflow, StoryWorkflow, ProjectDeletionWorkflow, PingWorkflow],
            activities=[
                ping,
                persistence.load_project,
                persistence.persist_state,
                deletion.stop_project_run,
                deletion.delete_project_row,
                deletion.delete_project_media,
            ],
            **common,  # type: ignore[arg-type]
        ),
        Worker(
            client,
            task_queue=settings.llm_task_queue,
            activities=[
                StoryActivities(llm, timedelta(seconds=settings.story_batch_interval)).generate_story,
                CharacterActivities(llm).extract_characters,
                PanelActivities(llm).generate_panels,
            ],
            max_concurrent_activities=settings.llm_max_concurrent,
            max_task_queue_activities_per_second=settings.llm_rate_limit,
            **common,  # type: ignore[arg-type]
        ),
        Worker(
            client,
            task_queue=settings.image_task_queue,
            activities=[
                CharacterRenderActivities(images, media).render_character,
                PanelRenderActivities(images, media).render_panel,
                ExportActivities(media).export_comic,
                PageActivities(media).compose_pages,
            ],
            max_concurrent_activities=settings.image_max_concurrent,
            max_task_queue_activities_per_second=settings.image_rate_limit,
            **common,  # type: ignore[arg-type]
        ),
    ]


async def run_workers(workers: list[Worker], stop: asyncio.Event) -> None:
    """Run `workers` until `stop` is set, then shut them down gracefully."""
    tasks = [asyncio.create_task(w.run()) for w in workers]
    stopper = asyncio.create_task(stop.wait())
    done, _ = await asyncio.wait([*tasks, stopper], return_when=asyncio.FIRST_COMPLETED)
    await asyncio.gather(*(w.shutdown() for w in workers), return_exceptions=True)
    stopper.cancel()
    for task in tasks:
        if task in done and task.exception() is not None:
            raise task.exception()  # type: ignore[misc]
    await asyncio.gather(*tasks, return_exceptions=True)


def serve_metrics(port: int, host: str = "0.0.0.0") -> tuple[Runtime, WSGIServer]:
    """The Temporal runtime whose SDK metrics are served on `port`, and the server of this process's own metrics
    (prometheus_client's default registry) on `port` + 1: two servers, as the SDK's lives in its Rust core."""
    server, _ = prometheus_client.start_http_server(port + 1, addr=host)
    return Runtime(telemetry=TelemetryConfig(metrics=PrometheusConfig(bind_address=f"{host}:{port}"))), server


async def main(settings: Settings | None = None) -> None:
    """Connect, run the workers, stop cleanly on SIGINT/SIGTERM."""
    settings = settings or get_settings()
    configure_logging(settings)
    # Before connecting anywhere (build_workers checks again, for the processes that embed the worker).
    check_production(settings)
    if not settings.database_url:
        raise SystemExit("DATABASE_URL is not set (`comic run` sets it)")
    configure_tracing(settings, "comic-worker")
    runtime, metrics = serve_metrics(settings.metrics_port) if settings.metrics_port else (None, None)
    client = await connect_temporal(settings, runtime=runtime, interceptors=temporal_interceptors())
    engine = make_engine(settings.database_url)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    workers = build_workers(client, settings, make_sessionmaker(engine))
    log.info("worker polling %s", ", ".join(w.task_queue for w in workers))
    log.info(
        "scheduling: fairness %s (weights %s; the server must enable it), rate limits llm=%s/s image=%s/s",
        "on" if settings.fairness_enabled else "off",
        settings.fairness_weights or "all 1",
        settings.llm_rate_limit or "none",
        settings.image_rate_limit or "none",
    )
    if settings.metrics_port:
        log.info("metrics: Temporal SDK on :%d, worker on :%d", settings.metrics_port, settings.metrics_port + 1)
    # Not awaited: polling starts at once, and a render arriving meanwhile simply waits for its process.
    starting = asyncio.create_task(start_image_processes(settings))
    try:
        await run_workers(workers, stop)
    finally:
        starting.cancel()
        await engine.dispose()
        shutdown_tracing()
        if metrics is not None:
            metrics.shutdown()
    log.info("worker stopped")


if __name__ == "__main__":
    asyncio.run(main())

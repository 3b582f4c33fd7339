"""The FastAPI application. Its lifespan owns the database engine and the Temporal client."""

import asyncio
from collections.abc import AsyncIterator, MutableMapping
from contextlib import asynccontextmanager
from datetime import timedelta
from typing import Any
from uuid import UUID

import socketio
from fastapi import APIRouter, FastAPI
from fastapi.middleware.cors import CORSMiddleware

from api.body_cache import BodyCache
from api.body_limit import BodyLimitMiddleware
from api.errors import ERROR_RESPONSES, document_errors, install_error_handlers
from api.metrics import STORY_FOLLOWERS, RequestMetrics
from api.metrics import router as metrics_router
from api.routes import admin, health, media, phases, projects, usage
from api.sockets import catch_up, create_socket_server, relay
from api.story_stream import StoryStreamHub
from api.versions import VersionHub
from core.config import Settings, get_settings
from core.logs import configure_logging
from core.security import check_production
from core.temporal import connect_temporal
from core.tracing import configure_tracing, temporal_interceptors
from db.engine import make_engine, make_sessionmaker
from db.events import StateEventListener
from providers.factory import make_media_signer, make_media_store


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app; `settings` defaults to the environment's."""
    settings = settings or get_settings()
    check_production(settings)
    if not settings.database_url:
        raise RuntimeError("DATABASE_URL is not set: start the stack with `comic run`, or set it")

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        engine = make_engine(settings.database_url or "")
        app.state.settings = settings
        app.state.engine = engine
        app.state.sessionmaker = make_sessionmaker(engine)
        # Lazy: the API comes up (and /healthz says so) even while Temporal is still starting.
        app.state.temporal = await connect_temporal(settings, lazy=True, interceptors=temporal_interceptors())
        app.state.story_hub = StoryStreamHub(
            app.state.temporal, timedelta(seconds=settings.story_poll_cooldown), on_followers=STORY_FOLLOWERS.inc
        )

        async def on_event(event: dict[str, Any]) -> None:
            if "version" in event:
                app.state.versions.announce(UUID(event["project_id"]), int(event["version"]))
            await relay(sio, event)

        listener = StateEventListener(
            settings.database_url or "",
            on_event,
            on_listening=lambda: catch_up(sio, app.state.sessionmaker),
        )
        app.state.events = listener
        listening = asyncio.create_task(listener.run())
        try:
            yield
        finally:
            listening.cancel()
            await app.state.story_hub.close()
            await engine.dispose()

    app = FastAPI(
        title="Comic Builder",
        version="0.1.0",
        description="Prompt to finished comic: story, characters, reference sheets, panels, renders.",
        lifespan=lifespan,
        # FastAPI's own OpenTelemetry spans, on once a TracerProvider is installed (core/tracing.py): a server span
        # per request named by route template, the parent of the Temporal client's spans.
        telemetry={"exclude": _untraced},
    )
    sio = create_socket_server(app, settings.allowed_cors_origins, websocket_only=settings.api_workers > 1)
    # Socket.IO is served beside FastAPI (see create_asgi_app), not through its middleware: same limit, its own check.
    sio.eio.max_http_buffer_size = settings.max_body_bytes
    app.state.sio = sio
    install_error_handlers(app)
    document_errors(app)
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    app.add_middleware(RequestMetrics)  # outside the body limit: its 413s are measured too
    # After the other middleware: the last added is outermost, so preflights and refusals carry CORS headers too.
    _allow_cross_origin(app, settings.allowed_cors_origins)
    app.include_router(health.router)
    comic = APIRouter(prefix="/api/comic-builder", responses=ERROR_RESPONSES)
    comic.include_router(projects.router)
    comic.include_router(phases.router)
    comic.include_router(admin.router)
    comic.include_router(usage.router)
    app.include_router(comic)
    app.include_router(metrics_router)
    app.state.media = make_media_store(settings)
    app.state.signer = make_media_signer(settings)
    app.state.body_cache = BodyCache()
    app.state.versions = VersionHub()
    app.include_router(media.router)
    return app


def _untraced(scope: MutableMapping[str, Any]) -> bool:
    """Probes and scrapes make no spans."""
    return scope.get("path") in ("/healthz", "/metrics")


def _allow_cross_origin(app: FastAPI, origins: list[str]) -> None:
    """CORS for the REST routes; none at all for an empty list (Socket.IO does its own, see api/sockets.py)."""
    if not origins:
        return
    app.add_middleware(
        CORSMiddleware,
        allow_origins=origins,
        # Bearer tokens travel in a header, never in cookies: no credentialed requests (and `*` stays legal).
        allow_credentials=False,
        allow_methods=["GET", "POST", "PATCH", "DELETE"],
        allow_headers=["Authorization", "Content-Type", "Accept", "If-None-Match", "Last-Event-ID"],
        expose_headers=["ETag"],
    )


def create_asgi_app(settings: Settings | None = None) -> socketio.ASGIApp:
    """The served ASGI app: Socket.IO at `/socket.io`, everything else (and the lifespan) to FastAPI."""
    settings = settings or get_settings()
    configure_logging(settings)
    configure_tracing(settings, "comic-api")
    app = create_app(settings)
    return socketio.ASGIApp(app.state.sio, other_asgi_app=app, socketio_path="socket.io")

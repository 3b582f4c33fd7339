"""The API's Prometheus metrics, served unauthenticated at `/metrics`.

Labels are route templates (`/api/comic-builder/projects/{project_id}`), methods and statuses only: never a path,
a project id or a user id, so the endpoint reveals nothing about anyone's projects. The API has a registry of its
own; the worker's metrics (renders in flight, provider calls and errors) are the worker's, on its own port.
"""

import time
from typing import Any

from fastapi import APIRouter, Response
from fastapi.routing import iter_route_contexts
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Gauge,
    GCCollector,
    Histogram,
    PlatformCollector,
    ProcessCollector,
    generate_latest,
)
from starlette.types import ASGIApp, Message, Receive, Scope, Send

REGISTRY = CollectorRegistry()
ProcessCollector(registry=REGISTRY)
PlatformCollector(registry=REGISTRY)
GCCollector(registry=REGISTRY)

REQUEST_SECONDS = Histogram(
    "comic_http_request_duration_seconds",
    "Time from a request's arrival to its response's headers (a stream counts until it starts), by route template",
    ["route", "method", "status"],
    registry=REGISTRY,
)
STORY_FOLLOWERS = Gauge(
    "comic_story_stream_followers",
    "HTTP clients following a story stream in this API process (NDJSON or SSE)",
    registry=REGISTRY,
)
UNMATCHED = "unmatched"  # no route (a 404 for an unknown path): one label for them all, not the path

router = APIRouter()


@router.get("/metrics", include_in_schema=False)
def metrics() -> Response:
    """Prometheus text exposition (not part of the JSON API, hence not in the OpenAPI)."""
    return Response(generate_latest(REGISTRY), media_type=CONTENT_TYPE_LATEST)


def route_templates(app: Any) -> dict[int, str]:
    """Each route of `app` (by identity) to its full path template: an included router's route knows only its own
    part (`/projects/{project_id}`), the router prefixes come from FastAPI's route contexts."""
    return {id(ctx.original_route): ctx.path_format for ctx in iter_route_contexts(app.routes) if ctx.path_format}


class RequestMetrics:
    """ASGI middleware observing REQUEST_SECONDS for every HTTP request, when its response starts."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.templates: dict[int, str] | None = None  # built at the first request, once every route is added

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        observed = False

        def observe(status: int) -> None:
            nonlocal observed
            if observed:
                return
            observed = True
            if self.templates is None:
                self.templates = route_templates(scope["app"])
            route = self.templates.get(id(scope.get("route")), UNMATCHED)
            REQUEST_SECONDS.labels(route, scope["method"], str(status)).observe(time.perf_counter() - started)

        async def timed_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                observe(int(message["status"]))
            await send(message)

        try:
            await self.app(scope, receive, timed_send)
        except Exception:
            observe(500)
            raise

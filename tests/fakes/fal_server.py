"""A local fake of the fal.ai endpoints fal-client 1.0.3 talks to, over TLS, for tests.

It speaks the queue protocol (submit `POST /{app}` -> `request_id`, `status_url`, `response_url`, `cancel_url`;
status IN_QUEUE -> IN_PROGRESS -> COMPLETED; result; cancel), the storage upload (a CDN token from
`{rest}/storage/auth/token`, then `POST {cdn}/files/upload`; or the fallback `{rest}/storage/upload/initiate` +
`PUT upload_url`) and serves the uploaded files and real PNG results. It records every request, can be scripted
to fail chosen ones with fal's status codes and error bodies, and measures the peak number of requests in flight
(from an accepted submit to its result fetch or cancel).

One server plays every fal host: the queue at `/`, the REST API under `/rest`, the CDN under `/cdn`.
"""

import itertools
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from io import BytesIO
from pathlib import Path
from typing import Any, Literal

import trustme
import uvicorn
from PIL import Image
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from devstack.ports import free_port

Stage = Literal["submit", "status", "result", "cdn_upload"]
Match = Callable[[str, dict[str, Any]], bool]  # (app id, submitted payload) -> whether a script applies

CDN_TOKEN = "fake-cdn-token"
# Nano-Banana answers in the requested aspect ratio at about a megapixel and reports no width/height.
_ASPECT_SIZES = {"4:3": (1184, 864), "3:2": (1248, 832), "1:1": (1024, 1024), "16:9": (1344, 768)}


@dataclass
class Script:
    """Answer `status` with `body` (and `headers`) at `stage` for requests matching `when`, `times` times."""

    stage: Stage
    status: int
    body: Any
    headers: dict[str, str] = field(default_factory=dict)
    when: Match | None = None
    times: int | None = 1  # None: every time


@dataclass
class QueuedRequest:
    """A submit the fake accepted."""

    request_id: str
    app: str
    payload: dict[str, Any]
    authorization: str
    submitted_at: float
    statuses: list[str] = field(default_factory=list)  # what each status poll answered
    result_status: int | None = None
    cancelled: bool = False
    image: bytes | None = None  # the PNG served as its result


@dataclass
class Upload:
    """A file uploaded to the fake's storage."""

    route: Literal["cdn", "storage"]
    data: bytes
    content_type: str
    file_name: str | None
    url: str
    lifecycle: str | None


@dataclass
class Answer:
    """One HTTP answer the fake gave at a scripted stage (for asserting on failures and timing)."""

    stage: Stage
    status: int
    at: float
    app: str
    prompt: str = ""


class FakeFal:
    """The fake's state and its Starlette app; `base_url` is set once the server listens."""

    def __init__(self, key: str = "test-key", render_seconds: float = 0.05) -> None:
        self.key = key
        self.default_render_seconds = render_seconds
        self.base_url = ""
        self.app = Starlette(routes=self._routes())
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self.reset()

    def reset(self) -> None:
        """Forget every request, upload and script (between tests)."""
        with self._lock:
            self.requests: list[QueuedRequest] = []
            self.uploads: list[Upload] = []
            self.cancels: list[str] = []
            self.answers: list[Answer] = []
            self.scripts: list[Script] = []
            self.files: dict[str, tuple[bytes, str]] = {}
            self._pending_uploads: dict[str, tuple[dict[str, Any], str | None]] = {}
            self.in_flight = 0
            self.peak = 0
            self.render_seconds = self.default_render_seconds  # how long a request stays IN_PROGRESS

    # ---- scripting ------------------------------------------------------------------------------------------------

    def script(self, stage: Stage, status: int, body: Any, *, headers: dict[str, str] | None = None,
               when: Match | None = None, times: int | None = 1) -> None:  # fmt: skip
        """Make `stage` answer `status` with `body` for matching requests, `times` times (None: always)."""
        with self._lock:
            self.scripts.append(Script(stage, status, body, headers or {}, when, times))

    def rate_limit(self, retry_after: float = 1, *, when: Match | None = None, times: int | None = 1) -> None:
        """429 at submit, as fal answers when the caller is over its concurrency or rate limit."""
        body = {"detail": "Rate limit exceeded"}
        self.script("submit", 429, body, headers={"Retry-After": f"{retry_after:g}"}, when=when, times=times)

    def refuse(self, message: str, *, when: Match | None = None, times: int | None = None) -> None:
        """A content-policy refusal: the request completes with an error and its result is fal's 422."""
        detail = [{"loc": ["body", "prompt"], "msg": message, "type": "content_policy_violation"}]
        self.script("result", 422, {"detail": detail}, when=when, times=times)

    def queued(self, app: str | None = None) -> list[QueuedRequest]:
        """Accepted requests, optionally for one app."""
        return [r for r in self.requests if app is None or r.app == app]

    def submits(self) -> Counter[str]:
        """How many requests were submitted (paid for) per prompt: one per render unless one was paid twice."""
        return Counter(str(r.payload.get("prompt", "")) for r in self.requests)

    def file(self, url: str) -> bytes:
        """The bytes the fake serves at one of its file URLs."""
        return self.files[url.rsplit("/", 1)[-1]][0]

    def _scripted(self, stage: Stage, app: str, payload: dict[str, Any]) -> Script | None:
        with self._lock:
            for script in self.scripts:
                if script.stage != stage or (script.when is not None and not script.when(app, payload)):
                    continue
                if script.times is not None:
                    if script.times <= 0:
                        continue
                    script.times -= 1
                return script
        return None

    def _answer(self, stage: Stage, app: str, script: Script, payload: dict[str, Any]) -> JSONResponse:
        self.answers.append(Answer(stage, script.status, time.monotonic(), app, str(payload.get("prompt", ""))))
        return JSONResponse(script.body, status_code=script.status, headers=script.headers)

    # ---- the queue ------------------------------------------------------------------------------------------------

    def _routes(self) -> list[Route]:
        return [
            Route("/rest/storage/auth/token", self._cdn_token, methods=["POST"]),
            Route("/rest/storage/upload/initiate", self._initiate_upload, methods=["POST"]),
            Route("/storage-put/{name}", self._put_upload, methods=["PUT"]),
            Route("/cdn/files/upload", self._cdn_upload, methods=["POST"]),
            Route("/files/{name}", self._serve_file, methods=["GET"]),
            Route("/{owner}/{alias}/requests/{request_id}/status", self._status, methods=["GET"]),
            Route("/{owner}/{alias}/requests/{request_id}/cancel", self._cancel, methods=["PUT"]),
            Route("/{owner}/{alias}/requests/{request_id}", self._result, methods=["GET"]),
            Route("/{app:path}", self._submit, methods=["POST"]),
        ]

    def _unauthorized(self, request: Request) -> JSONResponse | None:
        if request.headers.get("authorization") != f"Key {self.key}":
            return JSONResponse({"detail": "Invalid or missing API key"}, status_code=401)
        return None

    def _find(self, request_id: str) -> QueuedRequest | None:
        return next((r for r in self.requests if r.request_id == request_id), None)

    def _leave(self, queued: QueuedRequest) -> None:
        """The request stops counting as in flight (result fetched or cancelled), once."""
        if queued.result_status is None and not queued.cancelled:
            self.in_flight -= 1

    async def _submit(self, request: Request) -> Response:
        if denied := self._unauthorized(request):
            return denied
        app = request.path_params["app"]
        payload = await request.json()
        if script := self._scripted("submit", app, payload):
            return self._answer("submit", app, script, payload)
        request_id = str(uuid.uuid4())
        owner, alias = app.split("/")[:2]
        base = f"{self.base_url}/{owner}/{alias}/requests/{request_id}"
        self.requests.append(
            QueuedRequest(request_id, app, payload, request.headers["authorization"], time.monotonic())
        )
        self.answers.append(Answer("submit", 200, time.monotonic(), app, str(payload.get("prompt", ""))))
        self.in_flight += 1
        self.peak = max(self.peak, self.in_flight)
        body = {
            "request_id": request_id,
            "response_url": base,
            "status_url": f"{base}/status",
            "cancel_url": f"{base}/cancel",
            "queue_position": 0,
        }
        return JSONResponse(body, headers={"x-fal-request-id": request_id})

    async def _status(self, request: Request) -> Response:
        if denied := self._unauthorized(request):
            return denied
        queued = self._find(request.path_params["request_id"])
        if queued is None:
            return JSONResponse({"detail": "Request not found"}, status_code=404)
        if script := self._scripted("status", queued.app, queued.payload):
            return self._answer("status", queued.app, script, queued.payload)
        elapsed = time.monotonic() - queued.submitted_at
        body: dict[str, Any]
        if not queued.statuses:
            body = {"status": "IN_QUEUE", "queue_position": 0}
        elif elapsed < self.render_seconds and not queued.cancelled:
            body = {"status": "IN_PROGRESS", "logs": None}
        else:
            body = {"status": "COMPLETED", "logs": None, "metrics": {"inference_time": elapsed}}
            if queued.cancelled:
                body |= {"error": "Request cancelled", "error_type": "request_cancelled"}
        queued.statuses.append(body["status"])
        return JSONResponse(body, headers={"x-fal-request-id": queued.request_id})

    async def _result(self, request: Request) -> Response:
        if denied := self._unauthorized(request):
            return denied
        queued = self._find(request.path_params["request_id"])
        if queued is None:
            return JSONResponse({"detail": "Request not found"}, status_code=404)
        script = self._scripted("result", queued.app, queued.payload)
        self._leave(queued)
        if script is not None:
            queued.result_status = script.status
            return self._answer("result", queued.app, script, queued.payload)
        queued.result_status = 200
        self.answers.append(Answer("result", 200, time.monotonic(), queued.app, str(queued.payload.get("prompt", ""))))
        return JSONResponse(self._result_body(queued), headers={"x-fal-request-id": queued.request_id})

    def _result_body(self, queued: QueuedRequest) -> dict[str, Any]:
        size = queued.payload.get("image_size")
        if isinstance(size, dict):  # SeedDream: the size asked for, reported in the result
            width, height = int(size["width"]), int(size["height"])
            reported: tuple[int | None, int | None] = (width, height)
        else:  # Nano-Banana: an aspect ratio in, no dimensions out
            width, height = _ASPECT_SIZES.get(str(queued.payload.get("aspect_ratio")), (1024, 1024))
            reported = (None, None)
        queued.image = _png(width, height, next(self._ids))
        name = f"{queued.request_id}.png"
        self.files[name] = (queued.image, "image/png")
        image = {"url": f"{self.base_url}/files/{name}", "content_type": "image/png", "file_name": name,
                 "file_size": len(queued.image), "width": reported[0], "height": reported[1]}  # fmt: skip
        return {"images": [image], "seed": 42, "description": ""}

    async def _cancel(self, request: Request) -> Response:
        if denied := self._unauthorized(request):
            return denied
        queued = self._find(request.path_params["request_id"])
        if queued is None:
            return JSONResponse({"detail": "Request not found"}, status_code=404)
        self.cancels.append(queued.request_id)
        if queued.result_status is not None:
            return JSONResponse({"status": "ALREADY_COMPLETED"}, status_code=400)
        self._leave(queued)
        queued.cancelled = True
        return JSONResponse({"status": "CANCELLATION_REQUESTED"}, status_code=202)

    # ---- storage ------------------------------------------------------------------------------------------------

    async def _cdn_token(self, request: Request) -> Response:
        if denied := self._unauthorized(request):
            return denied
        if request.query_params.get("storage_type") != "fal-cdn-v3":
            return JSONResponse({"detail": "unknown storage type"}, status_code=400)
        expires = datetime.now(UTC) + timedelta(hours=1)
        body = {"token": CDN_TOKEN, "token_type": "Bearer", "base_url": f"{self.base_url}/cdn",
                "expires_at": expires.isoformat()}  # fmt: skip
        return JSONResponse(body)

    async def _cdn_upload(self, request: Request) -> Response:
        if request.headers.get("authorization") != f"Bearer {CDN_TOKEN}":
            return JSONResponse({"detail": "Invalid CDN token"}, status_code=401)
        if script := self._scripted("cdn_upload", "", {}):
            return self._answer("cdn_upload", "", script, {})
        data = await request.body()
        content_type = request.headers.get("content-type", "application/octet-stream")
        url = self._store(data, content_type)
        self.uploads.append(Upload("cdn", data, content_type, request.headers.get("x-fal-file-name"), url,
                                   request.headers.get("x-fal-object-lifecycle")))  # fmt: skip
        return JSONResponse({"access_url": url})

    async def _initiate_upload(self, request: Request) -> Response:
        if denied := self._unauthorized(request):
            return denied
        payload = await request.json()
        name = f"upload-{next(self._ids)}"
        url = f"{self.base_url}/files/{name}"
        self.files[name] = (b"", payload["content_type"])  # filled by the PUT
        self._pending_uploads[name] = (payload, request.headers.get("x-fal-object-lifecycle-preference"))
        return JSONResponse({"upload_url": f"{self.base_url}/storage-put/{name}", "file_url": url})

    async def _put_upload(self, request: Request) -> Response:
        name = request.path_params["name"]
        if name not in self._pending_uploads:
            return JSONResponse({"detail": "unknown upload"}, status_code=404)
        payload, lifecycle = self._pending_uploads.pop(name)
        data = await request.body()
        content_type = request.headers.get("content-type", payload["content_type"])
        self.files[name] = (data, content_type)
        url = f"{self.base_url}/files/{name}"
        self.uploads.append(Upload("storage", data, content_type, payload.get("file_name"), url, lifecycle))
        return Response(status_code=200)

    def _store(self, data: bytes, content_type: str) -> str:
        name = f"upload-{next(self._ids)}"
        self.files[name] = (data, content_type)
        return f"{self.base_url}/files/{name}"

    async def _serve_file(self, request: Request) -> Response:
        stored = self.files.get(request.path_params["name"])
        if stored is None:
            return Response(status_code=404)
        return Response(stored[0], media_type=stored[1])


def _png(width: int, height: int, seed: int) -> bytes:
    """A real PNG of the given size, its colour varying with `seed` so different renders differ."""
    colour = ((seed * 67) % 256, (seed * 131) % 256, (seed * 199) % 256)
    out = BytesIO()
    Image.new("RGB", (width, height), colour).save(out, format="PNG")
    return out.getvalue()


@dataclass(frozen=True)
class RunningFake:
    """A started fake: the fake itself, its base URL and the CA bundle that makes clients trust it."""

    fake: FakeFal
    host: str  # host:port, as fal-client's FAL_*_HOST variables want it
    base_url: str
    ca_bundle: Path


@contextmanager
def running_fake_fal(
    directory: Path, fake: FakeFal | None = None, extra_ca_file: str | None = None
) -> Iterator[RunningFake]:
    """Serve `fake` over TLS on a free 127.0.0.1 port (uvicorn in a thread) until the block ends.

    A trustme CA signs a certificate for 127.0.0.1 and localhost; `ca_bundle` holds that CA after the contents of
    `extra_ca_file` (the system bundle), so pointing SSL_CERT_FILE at it keeps every other host trusted too.
    """
    fake = fake or FakeFal()
    ca = trustme.CA()
    leaf = ca.issue_cert("127.0.0.1", "localhost")
    directory.mkdir(parents=True, exist_ok=True)
    cert_file = directory / "fal-fake-server.pem"
    leaf.private_key_and_cert_chain_pem.write_to_path(str(cert_file))
    bundle = directory / "fal-fake-ca-bundle.pem"
    existing = Path(extra_ca_file).read_bytes() if extra_ca_file and Path(extra_ca_file).is_file() else b""
    bundle.write_bytes(existing + b"\n" + ca.cert_pem.bytes())

    port = free_port()
    host = f"127.0.0.1:{port}"
    fake.base_url = f"https://{host}"
    config = uvicorn.Config(fake.app, host="127.0.0.1", port=port, log_level="warning", lifespan="off",
                            ssl_certfile=str(cert_file), ssl_keyfile=str(cert_file))  # fmt: skip
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="fake-fal", daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the fake fal server did not start")
        time.sleep(0.01)
    try:
        yield RunningFake(fake, host, fake.base_url, bundle)
    finally:
        # Forced: fal_client keeps idle TLS connections open and never closes its client, so a graceful shutdown
        # would wait for them (for asyncio's 30 s TLS shutdown timeout).
        server.should_exit = server.force_exit = True
        thread.join(timeout=10)

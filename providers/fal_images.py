"""The fal.ai image provider: SeedDream for sheets and cast-less panels, Nano-Banana edit for panels with a cast.

Every render goes through fal's queue API with `fal_client.AsyncClient` (submit, poll the status, fetch the
result), and the image bytes are downloaded at once: the activity stores them in the project's own media store, so
artifacts outlive fal's temporary URLs. Reference sheets that only we can reach (our `/media` URLs, localhost,
private hosts) are uploaded to fal's storage first; public https URLs are passed as they are.

Retries belong to Temporal: fal-client's own retries are switched off (see `_load_fal_client`), failures become
`ProviderError`s (429, 5xx, 408/409, timeouts and connection errors retryable with any Retry-After; other 4xx,
content-policy refusals included, final with fal's message), and only the idempotent status/result polls of a
request already paid for are retried here, a bounded number of times.

A submitted request is noted in the caller's RenderJournal (`{"fal_request_id", "model"}`; the render activities
keep it in Temporal heartbeat details), and a later attempt of the same render resumes polling it instead of
submitting (paying) again; only a request fal no longer knows, or one that was cancelled, is submitted anew.
"""

import asyncio
import base64
import hashlib
import logging
import time
from collections import OrderedDict
from collections.abc import Mapping
from io import BytesIO
from typing import TYPE_CHECKING, Any, Final, TypeVar

import httpx
from PIL import Image

from core.config import Settings
from domain.character import Character
from domain.panel import Panel
from domain.style import DEFAULT_STYLE, Style
from providers.errors import ProviderError, describe, retry_after
from providers.images import ReferenceImage, RenderedImage, render_journal

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable
    from types import ModuleType

    import fal_client

log = logging.getLogger("comic.fal")

EDIT_MODEL: Final = "fal-ai/nano-banana/edit"
GENERATION_MODEL: Final = "fal-ai/bytedance/seedream/v4/text-to-image"
MAX_CONCURRENT: Final = 10
# SeedDream v4 takes any size from 960x960 to 4096x4096 total pixels: 3:2 suits the sheet layouts, 4:3 the panels
# (the offline renderer's proportions). Nano-Banana edit takes an aspect ratio instead of a size.
SHEET_SIZE: Final = (1536, 1024)
PANEL_SIZE: Final = (1536, 1152)
PANEL_ASPECT_RATIO: Final = "4:3"

UPLOAD_TTL_SECONDS: Final = 12 * 3600  # reuse an uploaded reference this long; fal keeps it a day (see _upload)
_UPLOAD_CACHE_SIZE: Final = 512
_MAX_POLL_DELAY: Final = 30.0
_RETRYABLE_STATUSES: Final = frozenset({408, 409, 425, 429})
_UNKNOWN_REQUEST_STATUSES: Final = frozenset({404, 410})  # expired, or never existed

T = TypeVar("T")


def _load_fal_client() -> "ModuleType":
    """Import fal_client on first use, with its own per-call retries turned off.

    Imported lazily because fal_client reads FAL_RUN_HOST / FAL_QUEUE_RUN_HOST when it is imported, and the offline
    path should not need it at all. fal-client 1.0.3 retries 408/409/429, nginx 502-504 and transport errors up to
    `MAX_ATTEMPTS` (10) times per HTTP call with its own backoff (0.1 s doubling to 10 s, Retry-After ignored) and
    has no per-client setting for it; the module constant is read on every call. Left on, those retries would
    multiply with Temporal's (10 x IMAGE_RETRY attempts, a retried submit can pay for a second render) and hide
    Retry-After, so each call is made once and the policy lives in Temporal and in `FalRenderer._patiently`.
    """
    import fal_client
    import fal_client.client as fal_http

    if getattr(fal_http, "MAX_ATTEMPTS", None) is None:
        log.warning("fal_client.client.MAX_ATTEMPTS is gone: fal-client may retry on its own (check the pin)")
    fal_http.MAX_ATTEMPTS = 1
    return fal_client


class FalRenderer:
    """Renders sheets and panels on fal.ai; implements providers.images.ImageProvider.

    At most `max_concurrent` renders talk to fal at once across the worker process (uploads, queue request and
    download), on top of the image task queue's own limits.
    """

    name = "fal"

    def __init__(
        self,
        key: str | None,
        *,
        edit_model: str = EDIT_MODEL,
        generation_model: str = GENERATION_MODEL,
        max_concurrent: int = MAX_CONCURRENT,
        sheet_size: tuple[int, int] = SHEET_SIZE,
        panel_size: tuple[int, int] = PANEL_SIZE,
        panel_aspect_ratio: str = PANEL_ASPECT_RATIO,
        poll_interval: float = 0.5,
        poll_attempts: int = 5,
        download_timeout: float = 60.0,
    ) -> None:
        """`key` None lets fal_client find credentials itself (FAL_KEY, FAL_KEY_ID/FAL_KEY_SECRET, `fal auth`)."""
        if max_concurrent < 1 or poll_attempts < 1:
            raise ValueError("max_concurrent and poll_attempts must be at least 1")
        self.key = key
        self.edit_model = edit_model
        self.generation_model = generation_model
        self.max_concurrent = max_concurrent
        self.sheet_size = sheet_size
        self.panel_size = panel_size
        self.panel_aspect_ratio = panel_aspect_ratio
        self.poll_interval = poll_interval
        self.poll_attempts = poll_attempts
        self.download_timeout = download_timeout
        self._slots = asyncio.Semaphore(max_concurrent)
        self._fal: ModuleType | None = None
        self._client: fal_client.AsyncClient | None = None
        self._http: httpx.AsyncClient | None = None
        self._uploads: OrderedDict[str, tuple[str, float]] = OrderedDict()  # sha256 of the bytes -> (url, when)
        self._pending_uploads: dict[str, asyncio.Future[str]] = {}

    @classmethod
    def from_settings(cls, settings: Settings) -> "FalRenderer":
        """The provider configured by the service settings."""
        return cls(
            settings.fal_key,
            edit_model=settings.fal_edit_model,
            generation_model=settings.fal_generation_model,
            max_concurrent=settings.fal_max_concurrent,
        )

    async def aclose(self) -> None:
        """Close the download connection pool (fal_client's own client has no close)."""
        if self._http is not None:
            await self._http.aclose()
            self._http = None

    # ---- ImageProvider ------------------------------------------------------------------------------------------

    async def render_character(self, character: Character, prompt: str, style: Style = DEFAULT_STYLE) -> RenderedImage:
        """A reference sheet from the generation model (the prompt already describes the type-aware layout)."""
        return await self._render(self.generation_model, self._generation_arguments(prompt, self.sheet_size), [])

    async def render_panel(
        self, panel: Panel, prompt: str, references: list[ReferenceImage], style: Style = DEFAULT_STYLE
    ) -> RenderedImage:
        """The edit model with the cast's sheets as `image_urls` (in prompt order), or the generation model."""
        if not references:
            return await self._render(self.generation_model, self._generation_arguments(prompt, self.panel_size), [])
        arguments: dict[str, Any] = {
            "prompt": prompt,
            "num_images": 1,
            "output_format": "png",
            "aspect_ratio": self.panel_aspect_ratio,
        }
        return await self._render(self.edit_model, arguments, references)

    @staticmethod
    def _generation_arguments(prompt: str, size: tuple[int, int]) -> dict[str, Any]:
        return {"prompt": prompt, "image_size": {"width": size[0], "height": size[1]}, "num_images": 1}

    # ---- one render ---------------------------------------------------------------------------------------------

    async def _render(self, model: str, arguments: dict[str, Any], references: list[ReferenceImage]) -> RenderedImage:
        journal = render_journal.get()
        async with self._slots:
            client = await self._fal_client()
            handle = await self._resume(client, model, journal.earlier)
            if handle is None:
                handle = await self._submit(client, model, arguments, references)
                journal.note({"fal_request_id": handle.request_id, "model": model})
            result = await self._follow(handle, journal.resumable)
            image = _first_image(result)
            data = await self._download(image["url"])
        return _rendered(data, model, handle.request_id)

    async def _submit(
        self, client: "fal_client.AsyncClient", model: str, arguments: dict[str, Any], references: list[ReferenceImage]
    ) -> "fal_client.AsyncRequestHandle":
        """Queue a new request: from here on it is paid for."""
        try:
            if references:
                urls = await asyncio.gather(*(self._reference_url(client, r) for r in references))
                arguments = {**arguments, "image_urls": list(urls)}
            return await client.submit(model, arguments)
        except Exception as e:
            raise _as_provider_error(e) from e

    async def _resume(
        self, client: "fal_client.AsyncClient", model: str, earlier: Mapping[str, Any] | None
    ) -> "fal_client.AsyncRequestHandle | None":
        """The request an earlier attempt submitted for this render, if fal can still finish it (else None)."""
        request_id = earlier.get("fal_request_id") if earlier and earlier.get("model") == model else None
        if not isinstance(request_id, str) or not request_id:
            return None
        fal = self._module()
        handle = await client.get_handle(model, request_id)

        async def status() -> Any:
            try:
                return await handle.status()
            except fal.FalClientHTTPError as e:
                if e.status_code in _UNKNOWN_REQUEST_STATUSES:
                    return None
                raise

        current = await self._patiently(status)
        if current is None or (isinstance(current, fal.Completed) and current.error_type == "request_cancelled"):
            log.info("fal.ai request %s cannot be resumed (unknown, expired or cancelled): submitting anew", request_id)
            return None
        log.info("resuming fal.ai request %s submitted by an earlier attempt", request_id)
        return handle

    async def _follow(self, handle: "fal_client.AsyncRequestHandle", resumable: "Callable[[], bool]") -> dict[str, Any]:
        """Poll until the request completes and return its result; cancel it if we give up or are cancelled (unless
        the cancellation is `resumable`: another attempt will pick the request up)."""
        fal = self._module()
        completed = False
        try:
            while True:
                status = await self._patiently(handle.status)
                if isinstance(status, fal.Completed):
                    break
                await asyncio.sleep(self.poll_interval)
            completed = True
            # get() polls the status once more (COMPLETED at once), then fetches the result or fal's error for it.
            return await self._patiently(lambda: handle.get(interval=self.poll_interval))
        except BaseException:
            # A cancelled activity (CancelledError) or polls that keep failing: don't leave a paid render running.
            if not completed and not resumable():
                await _cancel(handle)
            raise

    async def _patiently(self, call: "Callable[[], Awaitable[T]]") -> T:
        """Run an idempotent queue call, retrying retryable failures up to `poll_attempts` times in a row."""
        for attempt in range(1, self.poll_attempts + 1):
            try:
                return await call()
            except Exception as e:
                error = _as_provider_error(e)
                if not error.retryable or attempt == self.poll_attempts:
                    raise error from e
                backoff = self.poll_interval * 2**attempt
                delay = min(error.retry_after if error.retry_after is not None else backoff, _MAX_POLL_DELAY)
                log.info("fal.ai poll failed (%s); retrying in %.1fs", error.message, delay)
                await asyncio.sleep(delay)
        raise AssertionError("unreachable")

    # ---- references and downloads -------------------------------------------------------------------------------

    async def _reference_url(self, client: "fal_client.AsyncClient", reference: ReferenceImage) -> str:
        """A URL fal can fetch: an upload of the sheet's bytes to fal's storage (never a URL taken from state).

        Uploads are shared by content: panels rendering at once with the same sheet wait for one upload, and later
        ones reuse its URL for UPLOAD_TTL_SECONDS.
        """
        digest = hashlib.sha256(reference.data).hexdigest()
        cached = self._uploads.get(digest)
        if cached is not None and time.monotonic() - cached[1] < UPLOAD_TTL_SECONDS:
            self._uploads.move_to_end(digest)
            return cached[0]
        pending = self._pending_uploads.get(digest)
        if pending is None:
            pending = asyncio.ensure_future(self._upload(client, reference))
            self._pending_uploads[digest] = pending
            pending.add_done_callback(lambda task: self._uploaded(digest, task))
        # Shielded: one waiter being cancelled must not cancel the upload the others wait for.
        return await asyncio.shield(pending)

    def _uploaded(self, digest: str, task: "asyncio.Future[str]") -> None:
        del self._pending_uploads[digest]
        if task.cancelled() or task.exception() is not None:  # retrieving the exception: the waiters re-raise it
            return
        self._uploads[digest] = (task.result(), time.monotonic())
        while len(self._uploads) > _UPLOAD_CACHE_SIZE:
            self._uploads.popitem(last=False)

    async def _upload(self, client: "fal_client.AsyncClient", reference: ReferenceImage) -> str:
        fal = self._module()
        content_type, extension = _sniff(reference.data)
        stem = "".join(c if c.isalnum() else "-" for c in reference.name.lower()).strip("-") or "reference"
        # A day on fal's storage is plenty for a render; the cache above stops reusing the URL well before that.
        lifecycle = fal.StorageSettings(expires_in="1d")
        url: str = await client.upload(reference.data, content_type, f"{stem}.{extension}", lifecycle=lifecycle)
        return url

    async def _download(self, url: str) -> bytes:
        """The result image's bytes (fal's URLs are temporary; some models answer with a data URI)."""
        if url.startswith("data:"):
            header, _, payload = url.partition(",")
            return base64.b64decode(payload) if header.endswith(";base64") else payload.encode()
        if self._http is None:
            self._http = httpx.AsyncClient(timeout=self.download_timeout, follow_redirects=True)
        try:
            response = await self._http.get(url)
            response.raise_for_status()
        except httpx.HTTPError as e:
            # The render exists and was paid for, but a new attempt is the only way to get an image: retryable.
            raise ProviderError(f"fal.ai image download failed: {describe(e)}", retryable=True) from e
        return response.content

    # ---- fal_client ---------------------------------------------------------------------------------------------

    def _module(self) -> "ModuleType":
        if self._fal is None:
            self._fal = _load_fal_client()
        return self._fal

    async def _fal_client(self) -> "fal_client.AsyncClient":
        if self._client is None:
            self._client = self._module().AsyncClient(key=self.key)
        return self._client


# ---- helpers --------------------------------------------------------------------------------------------------


async def _cancel(handle: "fal_client.AsyncRequestHandle") -> None:
    """Best-effort cancel through the request's cancel URL, shielded so a second cancellation cannot cut it off."""
    try:
        await asyncio.shield(asyncio.wait_for(handle.cancel(), timeout=10))
        log.info("cancelled fal.ai request %s", handle.request_id)
    except Exception as e:  # already finished, or fal unreachable: nothing more to do
        log.warning("could not cancel fal.ai request %s: %s", handle.request_id, describe(e))


def _first_image(result: dict[str, Any]) -> dict[str, Any]:
    images = result.get("images") if isinstance(result, dict) else None
    if not images or not isinstance(images[0], dict) or not images[0].get("url"):
        # Typically every candidate was filtered by the safety checker; the same prompt would fail again.
        raise ProviderError("fal.ai returned no image", retryable=False)
    image: dict[str, Any] = images[0]
    return image


def _rendered(data: bytes, model: str, request_id: str) -> RenderedImage:
    """Describe the downloaded bytes by decoding them: the result's width/height are often missing (Nano-Banana)."""
    try:
        with Image.open(BytesIO(data)) as image:
            width, height = image.size
            content_type = Image.MIME.get(image.format or "", "application/octet-stream")
    except (OSError, Image.DecompressionBombError) as e:
        raise ProviderError(f"fal.ai returned an unreadable image: {e}", retryable=True) from e
    return RenderedImage(
        data=data, content_type=content_type, width=width, height=height, model=model, provider_request_id=request_id
    )


def _sniff(data: bytes) -> tuple[str, str]:
    """Content type and file extension of image bytes (PNG when they cannot be decoded: fal will say)."""
    try:
        with Image.open(BytesIO(data)) as image:
            fmt = image.format or "PNG"
    except OSError:
        fmt = "PNG"
    return Image.MIME.get(fmt, "image/png"), {"JPEG": "jpg"}.get(fmt, fmt.lower())


def _as_provider_error(error: Exception) -> ProviderError:
    """Classify a fal_client / httpx failure; anything unexpected is retryable (Temporal bounds the attempts)."""
    if isinstance(error, ProviderError):
        return error
    import fal_client
    from fal_client.auth import MissingCredentialsError

    if isinstance(error, fal_client.FalClientHTTPError):
        return _http_error(error.status_code, error.response)
    if isinstance(error, httpx.HTTPStatusError):
        return _http_error(error.response.status_code, error.response)
    if isinstance(error, fal_client.FalClientTimeoutError | httpx.TimeoutException):
        return ProviderError(f"fal.ai timed out: {describe(error)}", retryable=True)
    if isinstance(error, httpx.TransportError):
        return ProviderError(f"fal.ai unreachable: {describe(error)}", retryable=True)
    if isinstance(error, MissingCredentialsError):
        return ProviderError(f"fal.ai credentials missing: {error}", retryable=False)
    return ProviderError(f"fal.ai request failed: {describe(error)}", retryable=True)


def _http_error(status: int, response: httpx.Response) -> ProviderError:
    retryable = status in _RETRYABLE_STATUSES or status >= 500
    wait = retry_after(response.headers) if retryable else None
    return ProviderError(f"fal.ai {status}: {_fal_message(response)}", retryable=retryable, retry_after=wait)


def _fal_message(response: httpx.Response) -> str:
    """fal's own explanation: `detail` as a string or as validation items (`loc`, `msg`, `type`)."""
    try:
        body = response.json()
    except ValueError:
        body = None
    detail = body.get("detail", body.get("error", body.get("message"))) if isinstance(body, dict) else None
    if isinstance(detail, str) and detail:
        return detail
    if isinstance(detail, list) and detail:
        messages = []
        for item in detail:
            if not isinstance(item, dict):
                messages.append(str(item))
                continue
            where = ".".join(str(p) for p in item.get("loc", []) if p != "body")
            message = str(item.get("msg", item))
            messages.append(f"{where}: {message}" if where else message)
        return "; ".join(messages)
    text = response.text.strip()
    return text[:500] if text else response.reason_phrase

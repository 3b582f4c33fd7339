"""Refuse request bodies over MAX_BODY_BYTES with a 413 before anything parses them.

A pure ASGI middleware rather than FastAPI's own `max_body_size`: that one only acts when a route reads its body
(a route that never reads it runs to completion first, side effects included) and answers with its own message.
"""

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class BodyTooLarge(HTTPException):
    """Raised from `receive` once a streamed body crosses the limit.

    An HTTPException so FastAPI's body reader re-raises it as is (any other error there becomes a 400), and its
    exception handler answers it as JSON `{"detail", "errors"}`; the middleware answers it itself if it gets that far.
    """

    def __init__(self, limit: int) -> None:
        super().__init__(status_code=413, detail=f"Request body is larger than MAX_BODY_BYTES ({limit} bytes)")


def _content_length(scope: Scope) -> int | None:
    """The declared body length; None when absent or unparsable (the body is then counted as it arrives)."""
    try:
        return int(Headers(scope=scope)["content-length"])
    except (KeyError, ValueError):
        return None


class BodyLimitMiddleware:
    """413 at once for a `Content-Length` over `max_bytes`; otherwise counts the body as the app receives it."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        error = BodyTooLarge(self.max_bytes)
        length = _content_length(scope)
        if length is not None and length > self.max_bytes:
            await _answer(error, scope, receive, send)
            return
        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise error
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLarge:
            if started:  # too late for a 413: let the server drop the connection
                raise
            await _answer(error, scope, receive, send)


async def _answer(error: BodyTooLarge, scope: Scope, receive: Receive, send: Send) -> None:
    await JSONResponse({"detail": error.detail, "errors": []}, status_code=error.status_code)(scope, receive, send)

"""A scriptable fake of OpenAI's Chat Completions API, served over real HTTP by uvicorn.

openai 3.x runs on httpx2, which respx cannot intercept, so tests point the real client at this server through
`base_url`. It speaks the wire format the SDK and instructor use: `POST /v1/chat/completions` answered with a
`chat.completion` (a forced tool call, plain content or a refusal), or with `text/event-stream` chunks ending in
`data: [DONE]` (with a final usage chunk when `stream_options.include_usage` is set), or an error in OpenAI's JSON
shape with its status code and optional `Retry-After`. Each request takes the next scripted reply and is recorded.

Like the real API it rejects requests whose shape is wrong (no model or messages, an assistant tool call without
its tool answer), and it fails loudly when a test's script does not fit the request (a stream where a tool call
was scripted, nothing left in the script): with 400, which the provider treats as final, so a mistake fails fast
instead of being retried by Temporal.
"""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import time
import uuid
from collections import deque
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route


@dataclass(frozen=True)
class StreamReply:
    """A streamed completion: a role chunk, one chunk per piece of `chunks`, the finish chunk, then usage."""

    chunks: list[str]
    finish_reason: str = "stop"
    prompt_tokens: int = 40
    completion_tokens: int = 200
    chunk_delay: float = 0.0
    delay: float = 0.0


@dataclass(frozen=True)
class ToolReply:
    """A completion calling the request's forced tool; a dict is JSON-encoded, a str is sent as is (e.g. broken)."""

    arguments: dict[str, Any] | str
    finish_reason: str = "stop"
    prompt_tokens: int = 300
    completion_tokens: int = 120
    delay: float = 0.0


@dataclass(frozen=True)
class MessageReply:
    """A completion with plain content, or a refusal, and no tool call."""

    content: str | None = None
    refusal: str | None = None
    finish_reason: str = "stop"
    prompt_tokens: int = 300
    completion_tokens: int = 5
    delay: float = 0.0


@dataclass(frozen=True)
class ErrorReply:
    """An error in OpenAI's shape: `{"error": {"message", "type", "param", "code"}}` with `status`."""

    status: int
    message: str
    type: str = "invalid_request_error"
    code: str | None = None
    retry_after: str | None = None
    delay: float = 0.0


Reply = StreamReply | ToolReply | MessageReply | ErrorReply


@dataclass(frozen=True)
class RecordedRequest:
    """One request as the fake received it."""

    path: str
    headers: dict[str, str]
    body: dict[str, Any]
    at: float = field(default_factory=time.monotonic)

    @property
    def stream(self) -> bool:
        """Whether the client asked for a stream."""
        return bool(self.body.get("stream"))

    @property
    def messages(self) -> list[dict[str, Any]]:
        """The chat messages sent."""
        return list(self.body.get("messages") or [])

    @property
    def tool_schema(self) -> dict[str, Any]:
        """The `function` of the first tool offered."""
        return dict(self.body["tools"][0]["function"])


@dataclass
class FakeOpenAI:
    """The fake's script and records, shared between the test and the server thread."""

    model: str = "gpt-4o"
    requests: list[RecordedRequest] = field(default_factory=list)
    _script: deque[Reply] = field(default_factory=deque)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _server: uvicorn.Server | None = None
    _port: int = 0

    # ---- what tests use ---------------------------------------------------------------------------------------

    def script(self, *replies: Reply) -> None:
        """Queue replies; each request takes the next one."""
        with self._lock:
            self._script.extend(replies)

    def reset(self) -> None:
        """Forget the script and the recorded requests."""
        with self._lock:
            self._script.clear()
            self.requests.clear()

    @property
    def pending(self) -> int:
        """Scripted replies not yet taken."""
        with self._lock:
            return len(self._script)

    @property
    def base_url(self) -> str:
        """What to give the OpenAI client as `base_url`."""
        return f"http://127.0.0.1:{self._port}/v1"

    @contextmanager
    def serving(self) -> Iterator[FakeOpenAI]:
        """Serve on a free port of 127.0.0.1 in a background thread for the block."""
        sock = socket.socket()
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        # Bound here and handed to uvicorn, so no other process can take the port in between.
        sock.bind(("127.0.0.1", 0))
        self._port = int(sock.getsockname()[1])
        config = uvicorn.Config(
            self.app(), log_level="warning", lifespan="off", timeout_graceful_shutdown=2, access_log=False
        )
        self._server = uvicorn.Server(config)
        thread = threading.Thread(target=self._server.run, kwargs={"sockets": [sock]}, daemon=True)
        thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the fake OpenAI server did not start")
            time.sleep(0.01)
        try:
            yield self
        finally:
            self._server.should_exit = True
            thread.join(timeout=10)
            sock.close()

    # ---- the server -------------------------------------------------------------------------------------------

    def app(self) -> Starlette:
        """The ASGI app."""
        return Starlette(routes=[Route("/v1/chat/completions", self._chat_completions, methods=["POST"])])

    async def _chat_completions(self, request: Request) -> Response:
        try:
            body = json.loads(await request.body())
        except json.JSONDecodeError:
            return _error(400, "We could not parse the JSON body of your request.")
        if not isinstance(body, dict):
            return _error(400, "The request body must be a JSON object.")
        problem = _invalid(body)
        with self._lock:
            self.requests.append(RecordedRequest(request.url.path, dict(request.headers), body))
            reply = self._script.popleft() if self._script and not problem else None
        if problem:
            return _error(400, problem, param="messages")
        if reply is None:
            return _error(400, "fake OpenAI server: no scripted reply left for this request", code="fake_script")
        if reply.delay:
            await asyncio.sleep(reply.delay)
        if isinstance(reply, ErrorReply):
            headers = {"retry-after": reply.retry_after} if reply.retry_after is not None else None
            return _error(reply.status, reply.message, type=reply.type, code=reply.code, headers=headers)
        if isinstance(reply, StreamReply) != bool(body.get("stream")):
            scripted = type(reply).__name__
            return _error(
                400, f"fake OpenAI server: scripted {scripted} for stream={body.get('stream')}", "fake_script"
            )
        if isinstance(reply, StreamReply):
            include_usage = bool((body.get("stream_options") or {}).get("include_usage"))
            return StreamingResponse(
                _sse(reply, str(body["model"]), include_usage),
                media_type="text/event-stream",
                headers={"cache-control": "no-cache"},
            )
        if isinstance(reply, ToolReply):
            name = _forced_tool(body)
            if name is None:
                return _error(400, "fake OpenAI server: scripted a tool call but the request offers no tool")
            arguments = reply.arguments if isinstance(reply.arguments, str) else json.dumps(reply.arguments)
            tool_call = {"id": _id("call_"), "type": "function", "function": {"name": name, "arguments": arguments}}
            message: dict[str, Any] = {"role": "assistant", "content": None, "refusal": None, "tool_calls": [tool_call]}
        else:
            message = {"role": "assistant", "content": reply.content, "refusal": reply.refusal}
        return JSONResponse(
            {
                "id": _id("chatcmpl-"),
                "object": "chat.completion",
                "created": int(time.time()),
                "model": body["model"],
                "system_fingerprint": "fp_fake",
                "choices": [{"index": 0, "message": message, "logprobs": None, "finish_reason": reply.finish_reason}],
                "usage": _usage(reply.prompt_tokens, reply.completion_tokens),
            }
        )


_ROLES = frozenset({"system", "developer", "user", "assistant", "tool"})


def _invalid(body: dict[str, Any]) -> str | None:
    """What the real API would reject in the request's shape, or None."""
    if not body.get("model"):
        return "you must provide a model parameter"
    messages = body.get("messages")
    if not isinstance(messages, list) or not messages:
        return "'messages' must be a non-empty array"
    for i, message in enumerate(messages):
        if not isinstance(message, dict) or message.get("role") not in {
            "system",
            "developer",
            "user",
            "assistant",
            "tool",
        }:
            return f"Invalid value for 'messages[{i}].role'"
        for call in message.get("tool_calls") or []:
            answered = any(
                m.get("role") == "tool" and m.get("tool_call_id") == call.get("id") for m in messages[i + 1 :]
            )
            if not answered:
                return (
                    "An assistant message with 'tool_calls' must be followed by tool messages responding to each "
                    f"'tool_call_id'. The following tool_call_ids did not have response messages: {call.get('id')}"
                )
    return None


def _forced_tool(body: dict[str, Any]) -> str | None:
    """The tool the request forces (`tool_choice`), else its first tool, else None."""
    choice = body.get("tool_choice")
    if isinstance(choice, dict) and choice.get("type") == "function":
        return str(choice["function"]["name"])
    tools = body.get("tools") or []
    return str(tools[0]["function"]["name"]) if tools else None


async def _sse(reply: StreamReply, model: str, include_usage: bool) -> AsyncIterator[bytes]:
    """The chunks of a streamed completion as server-sent events."""
    completion_id, created = _id("chatcmpl-"), int(time.time())

    def chunk(delta: dict[str, Any], finish_reason: str | None = None) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": completion_id,
            "object": "chat.completion.chunk",
            "created": created,
            "model": model,
            "system_fingerprint": "fp_fake",
            "choices": [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish_reason}],
        }
        if include_usage:
            data["usage"] = None  # as the real API does: null on every chunk but the last
        return data

    events = [chunk({"role": "assistant", "content": "", "refusal": None})]
    events += [chunk({"content": piece}) for piece in reply.chunks]
    events.append(chunk({}, reply.finish_reason))
    if include_usage:
        events.append(
            {
                "id": completion_id,
                "object": "chat.completion.chunk",
                "created": created,
                "model": model,
                "system_fingerprint": "fp_fake",
                "choices": [],
                "usage": _usage(reply.prompt_tokens, reply.completion_tokens),
            }
        )
    for i, event in enumerate(events):
        if i > 1 and reply.chunk_delay:
            await asyncio.sleep(reply.chunk_delay)
        yield f"data: {json.dumps(event)}\n\n".encode()
    yield b"data: [DONE]\n\n"


def _error(
    status: int,
    message: str,
    code: str | None = None,
    *,
    type: str = "invalid_request_error",
    param: str | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body = {"error": {"message": message, "type": type, "param": param, "code": code}}
    return JSONResponse(body, status_code=status, headers=headers)


def _usage(prompt_tokens: int, completion_tokens: int) -> dict[str, int]:
    return {
        "prompt_tokens": prompt_tokens,
        "completion_tokens": completion_tokens,
        "total_tokens": prompt_tokens + completion_tokens,
    }


def _id(prefix: str) -> str:
    return prefix + uuid.uuid4().hex[:24]

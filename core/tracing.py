"""OpenTelemetry tracing, and the instrumented provider calls of the worker.

Off unless OTEL_EXPORTER_OTLP_ENDPOINT is set (or a test hands an exporter over). When on, the process's
TracerProvider exports spans over OTLP/HTTP, every Temporal client gets Temporal's own TracingInterceptor (which
carries the span context in workflow, update and activity headers), and the API instruments FastAPI: one trace runs
from an HTTP request through the workflow's handler and its activities down to the provider call.

The provider wrappers run whether tracing is on or not: each LLM or image call is a span (a no-op without a
TracerProvider), a duration observation and, when it fails, a count by kind, in prometheus_client's default
registry (what the worker serves on METRICS_PORT + 1).
"""

import logging
import os
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from opentelemetry import trace
from opentelemetry.sdk.resources import SERVICE_NAME, Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, SimpleSpanProcessor, SpanExporter
from prometheus_client import Counter, Histogram
from temporalio.client import Interceptor
from temporalio.contrib.opentelemetry import TracingInterceptor, TracingWorkflowInboundInterceptor
from temporalio.contrib.opentelemetry._context import attached_context
from temporalio.worker import HandleUpdateInput, WorkflowInterceptorClassInput

from core.config import Settings
from domain.character import Character
from domain.drafts import CharacterProfile, PanelDraft
from domain.panel import Panel
from domain.style import DEFAULT_STYLE, Style
from providers.errors import ProviderError
from providers.images import ImageProvider, ReferenceImage, RenderedImage
from providers.llm import Extraction, LLMProvider, OnDelta, StoryResult

log = logging.getLogger("comic.providers")
tracer = trace.get_tracer("comic.providers")

PROVIDER_CALL_SECONDS = Histogram(
    "comic_provider_call_duration_seconds",
    "Duration of one provider call (one attempt of a phase's activity), by phase and outcome",
    ["phase", "outcome"],
    buckets=(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120, 300),
)
PROVIDER_ERRORS = Counter(
    "comic_provider_errors",
    "Failed provider calls by kind: refused (final), retryable (Temporal retries), unexpected (not a ProviderError)",
    ["provider", "phase", "kind"],
)
# The phase each provider call belongs to (render phases make one call per character or panel).
PHASE_OF_CALL = {
    "write_story": "story",
    "extract_characters": "characters",
    "generate_panels": "panels",
    "render_character": "character_renders",
    "render_panel": "panel_renders",
}


class _Tracing:
    provider: TracerProvider | None = None
    on = False


_state = _Tracing()


def configure_tracing(settings: Settings, service: str, exporter: SpanExporter | None = None) -> bool:
    """Export this process's spans to OTEL_EXPORTER_OTLP_ENDPOINT (batched), or to `exporter` (synchronously: tests).

    Returns whether tracing is on. OpenTelemetry's global TracerProvider can be set only once: an API and a worker
    in one process share it, each adding its exporter. OTEL_SERVICE_NAME, when set, names the service instead.
    """
    if exporter is None and not settings.otel_exporter_otlp_endpoint:
        return _state.on
    if _state.provider is None:
        name = os.environ.get("OTEL_SERVICE_NAME") or service
        _state.provider = TracerProvider(resource=Resource.create({SERVICE_NAME: name}))
        trace.set_tracer_provider(_state.provider)
    if exporter is not None:
        _state.provider.add_span_processor(SimpleSpanProcessor(exporter))
    else:
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

        endpoint = f"{(settings.otel_exporter_otlp_endpoint or '').rstrip('/')}/v1/traces"
        _state.provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter(endpoint=endpoint)))
    _state.on = True
    return True


def tracing_on() -> bool:
    """Whether configure_tracing switched tracing on in this process (and shutdown_tracing has not ended it)."""
    return _state.on


class _UpdatesInTheirCallersTrace(TracingWorkflowInboundInterceptor):
    """Temporal's workflow tracing, except that an Update's handler joins the trace of the request that sent it.

    Stock TracingInterceptor parents every handler on the run's first caller and only links the Update's own
    caller, so a phase requested of an open run would run in the trace of whichever request started that run.
    Here the handler span, and the activities the phase starts (its jobs copy the handler's context), are the
    children of the Update's client span. Uses the parent class's helpers (temporalio is pinned; the tracing test
    in tests/test_observability.py catches a change).
    """

    async def handle_update_handler(self, input: HandleUpdateInput) -> Any:
        header = input.headers.get(self.header_key)
        if header is None:
            return await super().handle_update_handler(input)
        carrier = self.payload_converter.from_payloads([header])[0]
        context = self._set_on_context(self.text_map_propagator.extract(carrier))
        with attached_context(context):
            self._completed_span(
                f"HandleUpdate:{input.update}",
                link_context_carrier=self._load_workflow_context_carrier(),
                kind=trace.SpanKind.SERVER,
            )
            return await self.next.handle_update_handler(input)


class _PhaseTracing(TracingInterceptor):
    def workflow_interceptor_class(
        self, input: WorkflowInterceptorClassInput
    ) -> type[TracingWorkflowInboundInterceptor]:
        super().workflow_interceptor_class(input)  # registers the extern functions the workflow side needs
        return _UpdatesInTheirCallersTrace


def temporal_interceptors() -> list[Interceptor]:
    """The interceptors of a Temporal client: Temporal's TracingInterceptor when tracing is on (a worker built on
    the client uses it too), else none."""
    return [_PhaseTracing()] if _state.on else []


def shutdown_tracing() -> None:
    """Export what is buffered and stop; clients and apps built afterwards do not trace."""
    if _state.provider is not None and _state.on:
        _state.provider.shutdown()
    _state.on = False


@asynccontextmanager
async def provider_call(provider: str, call: str) -> AsyncIterator[None]:
    """One provider call: a span (a child of the activity's), its duration, and a count of its failure by kind."""
    phase = PHASE_OF_CALL.get(call, call)
    started = time.monotonic()
    outcome = "error"
    with tracer.start_as_current_span(f"provider.{call}", attributes={"provider": provider, "phase": phase}):
        try:
            yield
            outcome = "ok"
        except ProviderError as e:
            PROVIDER_ERRORS.labels(provider, phase, "retryable" if e.retryable else "refused").inc()
            log.warning("%s %s failed (%s): %s", provider, call, "retryable" if e.retryable else "refused", e)
            raise
        except Exception:
            PROVIDER_ERRORS.labels(provider, phase, "unexpected").inc()
            raise
        except BaseException:
            # Cancelled (the workflow cancelled the render, the worker is stopping): not the provider's failure.
            outcome = "cancelled"
            raise
        finally:
            elapsed = time.monotonic() - started
            PROVIDER_CALL_SECONDS.labels(phase, outcome).observe(elapsed)
            log.info("%s %s %s in %.2fs", provider, call, outcome, elapsed)


class TracedLLM:
    """An LLMProvider whose every call goes through provider_call."""

    def __init__(self, inner: LLMProvider) -> None:
        self.inner = inner
        self.name = inner.name

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    async def write_story(self, prompt: str, on_delta: OnDelta) -> StoryResult:
        async with provider_call(self.name, "write_story"):
            return await self.inner.write_story(prompt, on_delta)

    async def extract_characters(self, story: str) -> Extraction[CharacterProfile]:
        async with provider_call(self.name, "extract_characters"):
            return await self.inner.extract_characters(story)

    async def generate_panels(self, story: str, cast: list[str]) -> Extraction[PanelDraft]:
        async with provider_call(self.name, "generate_panels"):
            return await self.inner.generate_panels(story, cast)


class TracedImages:
    """An ImageProvider whose every call goes through provider_call."""

    def __init__(self, inner: ImageProvider) -> None:
        self.inner = inner
        self.name = inner.name

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    async def render_character(self, character: Character, prompt: str, style: Style = DEFAULT_STYLE) -> RenderedImage:
        async with provider_call(self.name, "render_character"):
            return await self.inner.render_character(character, prompt, style)

    async def render_panel(
        self, panel: Panel, prompt: str, references: list[ReferenceImage], style: Style = DEFAULT_STYLE
    ) -> RenderedImage:
        async with provider_call(self.name, "render_panel"):
            return await self.inner.render_panel(panel, prompt, references, style)

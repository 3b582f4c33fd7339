"""One way to connect to Temporal, shared by the API, the worker, the CLI and the tests."""

from collections.abc import Sequence

from temporalio.client import Client, Interceptor
from temporalio.runtime import Runtime

from core.config import Settings
from core.payloads import data_converter


async def connect_temporal(
    settings: Settings,
    *,
    lazy: bool = False,
    runtime: Runtime | None = None,
    interceptors: Sequence[Interceptor] = (),
) -> Client:
    """A client on TEMPORAL_ADDRESS / TEMPORAL_NAMESPACE whose payloads are Pydantic models read tolerantly.

    `runtime` carries the SDK's telemetry (the worker's Prometheus endpoint); `interceptors` apply to the client's
    calls and to every worker built on it (tracing).
    """
    return await Client.connect(
        settings.temporal_address,
        namespace=settings.temporal_namespace,
        data_converter=data_converter,
        lazy=lazy,
        runtime=runtime,
        interceptors=interceptors,
    )

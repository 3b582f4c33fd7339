"""One way to connect to Temporal, shared by the API, the worker, the CLI and the tests."""

from temporalio.client import Client
from temporalio.contrib.pydantic import pydantic_data_converter

from core.config import Settings


async def connect_temporal(settings: Settings, *, lazy: bool = False) -> Client:
    """A client on TEMPORAL_ADDRESS / TEMPORAL_NAMESPACE that (de)serialises Pydantic models."""
    return await Client.connect(
        settings.temporal_address,
        namespace=settings.temporal_namespace,
        data_converter=pydantic_data_converter,
        lazy=lazy,
    )

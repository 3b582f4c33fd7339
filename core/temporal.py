"""One way to connect to Temporal, shared by the API, the worker, the CLI and the tests."""

from temporalio.client import Client

from core.config import Settings
from core.payloads import data_converter


async def connect_temporal(settings: Settings, *, lazy: bool = False) -> Client:
    """A client on TEMPORAL_ADDRESS / TEMPORAL_NAMESPACE whose payloads are Pydantic models read tolerantly."""
    return await Client.connect(
        settings.temporal_address,
        namespace=settings.temporal_namespace,
        data_converter=data_converter,
        lazy=lazy,
    )

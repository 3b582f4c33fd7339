"""Map provider failures to Temporal retry semantics."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

from temporalio.exceptions import ApplicationError

from contracts.errors import PROVIDER_REFUSED, PROVIDER_UNAVAILABLE
from providers.errors import ProviderError


@contextmanager
def provider_errors() -> Iterator[None]:
    """Turn a ProviderError into an ApplicationError: refusals are final, the rest retry (honouring Retry-After)."""
    try:
        yield
    except ProviderError as e:
        if not e.retryable:
            raise ApplicationError(e.message, type=PROVIDER_REFUSED, non_retryable=True) from e
        delay = timedelta(seconds=e.retry_after) if e.retry_after is not None else None
        raise ApplicationError(e.message, type=PROVIDER_UNAVAILABLE, next_retry_delay=delay) from e

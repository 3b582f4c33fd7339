"""Retry policies and timeouts per activity kind."""

from datetime import timedelta

from temporalio.common import RetryPolicy

from contracts.errors import PROJECT_MISSING, PROVIDER_REFUSED


def provider_retry(first_retry: timedelta) -> RetryPolicy:
    """Exponential backoff for a paid provider: five attempts, refusals final (Retry-After overrides the delay)."""
    return RetryPolicy(
        initial_interval=first_retry,
        backoff_coefficient=2.0,
        maximum_interval=timedelta(seconds=60),
        maximum_attempts=5,
        non_retryable_error_types=[PROVIDER_REFUSED],
    )


LLM_RETRY = provider_retry(timedelta(seconds=1))
IMAGE_RETRY = provider_retry(timedelta(seconds=2))
# The database coming back is only a matter of time: keep trying, but give up on a deleted project.
PERSIST_RETRY = RetryPolicy(
    initial_interval=timedelta(milliseconds=200),
    backoff_coefficient=2.0,
    maximum_interval=timedelta(seconds=10),
    non_retryable_error_types=[PROJECT_MISSING],
)

STORY_TIMEOUT = timedelta(minutes=5)
EXTRACTION_TIMEOUT = timedelta(minutes=3)
RENDER_TIMEOUT = timedelta(minutes=10)
# A write takes milliseconds: an attempt lost with a crashed worker is retried after this, not after half a minute.
PERSIST_TIMEOUT = timedelta(seconds=10)
# LLM activities heartbeat every few seconds (the story with every delta): a dead worker is noticed this fast.
STORY_HEARTBEAT = timedelta(seconds=30)
LLM_HEARTBEAT = timedelta(seconds=30)

# Deletion steps are idempotent: retry until the database or the store answers again.
CLEANUP_RETRY = RetryPolicy(
    initial_interval=timedelta(milliseconds=500), backoff_coefficient=2.0, maximum_interval=timedelta(seconds=30)
)
CLEANUP_TIMEOUT = timedelta(minutes=2)

# Laying out and encoding a comic takes seconds (about half a second a page).
EXPORT_TIMEOUT = timedelta(minutes=5)
# Composing a page takes about half a second; a comic of 200 panels has some 40 pages.
PAGES_TIMEOUT = timedelta(minutes=10)

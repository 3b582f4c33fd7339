"""Retry policies and timeouts per activity kind."""

from datetime import timedelta

from temporalio.common import RetryPolicy

from activities.errors import PROVIDER_REFUSED
from activities.persistence import PROJECT_MISSING


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
RENDER_HEARTBEAT = timedelta(seconds=30)
PERSIST_TIMEOUT = timedelta(seconds=30)
STORY_HEARTBEAT = timedelta(minutes=2)

# Deletion steps are idempotent: retry until the database or the store answers again.
CLEANUP_RETRY = RetryPolicy(
    initial_interval=timedelta(milliseconds=500), backoff_coefficient=2.0, maximum_interval=timedelta(seconds=30)
)
CLEANUP_TIMEOUT = timedelta(minutes=2)
# How long a render in flight when its run was stopped may still store a file: until its next heartbeat (sent at
# most every 0.8 x RENDER_HEARTBEAT) tells it the run is gone.
STRAGGLER_WINDOW = RENDER_HEARTBEAT + timedelta(seconds=10)

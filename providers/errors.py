"""Provider failures, classified so activities can map them to Temporal retry semantics."""

import time
from collections.abc import Mapping
from email.utils import parsedate_to_datetime
from typing import Final

from pydantic import ValidationError

# A server asking for more than this is treated as asking for this: Temporal's retry policy takes over after it.
MAX_RETRY_AFTER: Final = 600.0


class ProviderError(Exception):
    """A provider call failed.

    `retryable` False means retrying cannot help (bad input, content-policy refusal, auth); `retry_after` is the
    provider's requested back-off in seconds, when it gave one.
    """

    def __init__(self, message: str, *, retryable: bool, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.retryable = retryable
        self.retry_after = retry_after


def retry_after(headers: Mapping[str, str]) -> float | None:
    """Seconds a server asked the client to wait: `retry-after-ms` (OpenAI's), else `Retry-After` as delta-seconds
    or an HTTP date; capped at MAX_RETRY_AFTER; None when absent or unreadable."""
    seconds: float | None = None
    milliseconds = headers.get("retry-after-ms")
    if milliseconds:
        try:
            seconds = float(milliseconds) / 1000
        except ValueError:
            seconds = None
    value = headers.get("retry-after")
    if seconds is None and value:
        try:
            seconds = float(value)
        except ValueError:
            try:
                seconds = parsedate_to_datetime(value).timestamp() - time.time()
            except (TypeError, ValueError):
                seconds = None
    return None if seconds is None else min(max(seconds, 0.0), MAX_RETRY_AFTER)


def describe(error: BaseException) -> str:
    """An exception in one line for a phase error: a validation failure as its first few problems, else the text
    (or the type's name when there is none), whitespace folded, at most 300 characters."""
    if isinstance(error, ValidationError):
        problems = [f"{'.'.join(str(p) for p in e['loc']) or 'answer'}: {e['msg']}" for e in error.errors()[:3]]
        more = f" (+{error.error_count() - 3} more)" if error.error_count() > 3 else ""
        return "; ".join(problems) + more
    return " ".join(str(error).split())[:300] or type(error).__name__

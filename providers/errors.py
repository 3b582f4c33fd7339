"""Provider failures, classified so activities can map them to Temporal retry semantics."""


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

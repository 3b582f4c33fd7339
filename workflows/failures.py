"""Turning Temporal failures into the messages users see in phase and render statuses."""

from temporalio.exceptions import ActivityError, ApplicationError, ChildWorkflowError, TimeoutError


def failure_message(error: ActivityError | ChildWorkflowError) -> str:
    """The provider's own message when there is one, else what went wrong."""
    cause = error.cause
    while isinstance(cause, ActivityError | ChildWorkflowError):
        cause = cause.cause
    if isinstance(cause, ApplicationError):
        return cause.message
    if isinstance(cause, TimeoutError):
        return f"timed out ({cause.type.name.lower() if cause.type else 'timeout'})"
    return str(cause or error)

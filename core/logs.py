"""Process logging: LOG_FORMAT=text (the default) or json, one object per line carrying the Temporal context.

Temporal's `activity.logger` and `workflow.logger` put their context in a record's `extra` (`temporal_activity`,
`temporal_workflow`); TemporalContext also reads `activity.info()` for records of any other logger emitted inside
an activity (a provider's own logger, say), so every such line names its project, workflow, activity and attempt.
"""

import json
import logging
import re
import sys
from datetime import UTC, datetime
from typing import IO, Any

from opentelemetry import trace
from temporalio import activity, workflow

from core.config import Settings

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
# Every workflow id of a project embeds its id: comic-<id>, comic-<id>-story-<n>, comic-<id>-delete.
_PROJECT_IN_WORKFLOW_ID = re.compile(r"^comic-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})")
# The context fields a JSON line may carry, in output order.
CONTEXT_FIELDS = ("project_id", "workflow_id", "workflow_type", "activity_type", "attempt", "trace_id")


def project_of(workflow_id: str | None) -> str | None:
    """The project id a workflow id names, or None for a workflow that belongs to no project."""
    match = _PROJECT_IN_WORKFLOW_ID.match(workflow_id or "")
    return match.group(1) if match else None


class TemporalContext(logging.Filter):
    """Adds the Temporal context of a record (from Temporal's `extra`, else the current activity) as attributes."""

    def filter(self, record: logging.LogRecord) -> bool:
        details: dict[str, Any] = {}
        if isinstance(workflow_extra := getattr(record, "temporal_workflow", None), dict):
            details = {k: workflow_extra.get(k) for k in ("workflow_id", "workflow_type", "attempt")}
        elif isinstance(activity_extra := getattr(record, "temporal_activity", None), dict):
            details = {k: activity_extra.get(k) for k in ("workflow_id", "workflow_type", "activity_type", "attempt")}
        elif activity.in_activity():
            info = activity.info()
            details = {
                "workflow_id": info.workflow_id,
                "workflow_type": info.workflow_type,
                "activity_type": info.activity_type,
                "attempt": info.attempt,
            }
        if details:
            details["project_id"] = project_of(details.get("workflow_id"))
        span = trace.get_current_span().get_span_context()
        if span.is_valid:
            details["trace_id"] = format(span.trace_id, "032x")
        for key, value in details.items():
            if value is not None and not hasattr(record, key):
                setattr(record, key, value)
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per record: time (UTC, ISO 8601), level, logger, message, the context, any exception."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key in CONTEXT_FIELDS:
            value = getattr(record, key, None)
            if value is not None:
                line[key] = value
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        elif record.stack_info:
            line["stack"] = self.formatStack(record.stack_info)
        return json.dumps(line, default=str)


class _Handler(logging.StreamHandler):  # type: ignore[type-arg]
    """The handler configure_logging installs (its type marks it, so calling again replaces it)."""


def configure_logging(settings: Settings, stream: IO[str] | None = None) -> logging.Handler:
    """Send the root logger's INFO and above to stderr (or `stream`) in LOG_FORMAT; idempotent (replaces its own
    handler, leaves others alone). Returns the handler."""
    root = logging.getLogger()
    for handler in [h for h in root.handlers if isinstance(h, _Handler)]:
        root.removeHandler(handler)
    handler = _Handler(stream or sys.stderr)
    handler.addFilter(TemporalContext())
    as_json = settings.log_format == "json"
    handler.setFormatter(JsonFormatter() if as_json else logging.Formatter(TEXT_FORMAT))
    # The context is in its own fields in JSON: Temporal need not repeat it inside the message too.
    activity.logger.activity_info_on_message = not as_json
    workflow.logger.workflow_info_on_message = not as_json
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return handler

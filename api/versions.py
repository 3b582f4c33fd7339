"""Which project versions this API process has heard of (from PostgreSQL NOTIFY), for long polls to wait on.

A long poll waits for an event about its project instead of querying the workflow over and over, and holds no
database connection meanwhile: hundreds of idle pollers cost an asyncio wait each.
"""

import asyncio
from uuid import UUID


class VersionHub:
    """The latest persisted version per project, and a wake-up for whoever waits on one."""

    def __init__(self) -> None:
        self._latest: dict[UUID, int] = {}
        self._changed: dict[UUID, asyncio.Event] = {}

    def latest(self, project_id: UUID) -> int:
        """The highest version announced for the project so far (0 when none)."""
        return self._latest.get(project_id, 0)

    def announce(self, project_id: UUID, version: int) -> None:
        """A write of `version` landed: wake everyone waiting on the project."""
        self._latest[project_id] = max(version, self.latest(project_id))
        event = self._changed.pop(project_id, None)
        if event is not None:
            event.set()

    def changed(self, project_id: UUID) -> asyncio.Event:
        """An event set at the project's next announcement (take it before looking, so none is missed)."""
        return self._changed.setdefault(project_id, asyncio.Event())

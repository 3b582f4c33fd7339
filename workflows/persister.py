"""The ComicWorkflow's persister: the one writer of a project's row while its workflow runs.

Every change bumps the version; the loop writes the latest state as a JSON merge patch against what it last wrote,
one write at a time and in order, so changes made during a write coalesce into the next one.
"""

from collections.abc import Callable
from typing import Any
from uuid import UUID

from temporalio import workflow
from temporalio.exceptions import ActivityError, ApplicationError

with workflow.unsafe.imports_passed_through():
    from activities.persistence import PersistenceActivities
    from contracts.activities import Change, PersistInput
    from contracts.errors import PROJECT_MISSING
    from domain.patch import state_diff
    from domain.state import ConsolidatedComicState
    from workflows import policies
    from workflows.failures import failure_message


class Persister:
    """Versions the changes and stores them; `current` gives the state and title to store, `on_missing` is called
    (and the loop ends) when the row is gone."""

    def __init__(
        self,
        project_id: UUID,
        current: Callable[[], tuple[ConsolidatedComicState, str]],
        on_missing: Callable[[], None],
    ) -> None:
        self.project_id = project_id
        self.current = current
        self.on_missing = on_missing
        self.version = 0
        self.persisted_version = 0
        self.error: str | None = None  # why the latest change could not be stored, until one is
        self._stored_doc: dict[str, Any] = {}
        self._stored_title = ""
        self._changes: list[Change] = []
        self._dirty = False
        self._writing = False

    def start_from(self, version: int, state: ConsolidatedComicState, title: str) -> None:
        """What the row holds now (the run was loaded from it)."""
        self.version = self.persisted_version = version
        self._stored_doc, self._stored_title = state.model_dump(mode="json"), title

    def record(self, *changes: Change) -> None:
        """A change to store: a new version, written by the loop's next write."""
        self.version += 1
        self._changes.extend(changes)
        self._dirty = True

    def busy(self) -> bool:
        """A change is waiting or being written."""
        return self._dirty or self._writing

    def write_failed(self) -> bool:
        """The latest change was tried and refused (nothing newer is waiting to be written)."""
        return self.error is not None and not self.busy()

    async def run(self) -> None:
        """Write the latest state whenever it changed, until the row is gone."""
        while True:
            await workflow.wait_condition(lambda: self._dirty)
            self._dirty, self._writing = False, True
            state, title = self.current()
            document = state.model_dump(mode="json")
            version = self.version
            changes, self._changes = self._changes, []
            try:
                await workflow.execute_activity_method(
                    PersistenceActivities.persist_state,
                    PersistInput(
                        project_id=self.project_id,
                        expected_version=self.persisted_version,
                        version=version,
                        patch=state_diff(self._stored_doc, document),
                        title=title if title != self._stored_title else None,
                        changes=changes,
                    ),
                    start_to_close_timeout=policies.PERSIST_TIMEOUT,
                    retry_policy=policies.PERSIST_RETRY,
                )
            except ActivityError as e:
                self._writing = False
                if isinstance(e.cause, ApplicationError) and e.cause.type == PROJECT_MISSING:
                    self.on_missing()
                    return
                # A write that can never land as it is: shown on the status, tried again with the next change.
                # (The database merely being away is retried inside the activity, forever.)
                self.error = f"could not store the project: {failure_message(e)}"
                workflow.logger.error(self.error)
                continue
            self._stored_doc, self._stored_title, self.persisted_version = document, title, version
            self.error = None
            self._writing = False

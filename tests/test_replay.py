"""Safe deploys: recorded histories of real runs (tests/histories, made by `python -m tests.histories.record`)
replay on today's workflow code, and payloads written by newer code (unknown fields) are read by older code."""

import asyncio
import json
from pathlib import Path

import pytest
from temporalio.client import WorkflowHistory
from temporalio.worker import Replayer

from contracts.workflows import Snapshot
from core.payloads import data_converter
from workflows.comic import ComicWorkflow
from workflows.deletion import ProjectDeletionWorkflow
from workflows.story import StoryWorkflow

HISTORIES = sorted((Path(__file__).parent / "histories").glob("*.json"))


def test_every_scenario_has_a_recorded_history() -> None:
    scenarios = {path.name.split("--")[0] for path in HISTORIES}
    assert scenarios >= {
        "auto-run",
        "restart-after-idle-close",
        "edit-during-bulk-render",
        "story-retried",
        "continue-as-new",
        "delete",
    }


@pytest.mark.parametrize("path", HISTORIES, ids=[p.stem for p in HISTORIES])
async def test_recorded_history_replays_on_todays_code(path: Path) -> None:
    history = WorkflowHistory.from_json(path.stem, await asyncio.to_thread(path.read_text))
    replayer = Replayer(
        workflows=[ComicWorkflow, StoryWorkflow, ProjectDeletionWorkflow], data_converter=data_converter
    )
    result = await replayer.replay_workflow(history, raise_on_replay_failure=False)
    assert result.replay_failure is None, f"{path.name} no longer replays: {result.replay_failure}"


def test_payloads_with_fields_unknown_to_this_code_are_read() -> None:
    converter = data_converter.payload_converter
    snapshot = {
        "project_id": "7e1d7c80-6b7e-4f4f-8f57-1f1b8a4c2d11",
        "owner_id": "u",
        "title": "t",
        "version": 3,
        "persisted_version": 3,
        "busy": False,
        "auto_running": False,
        "state": {"story": {"prompt": "p", "mood": "from a newer deploy"}, "pages": [], "characters": {}},
        "added_later": {"anything": 1},
    }
    (payload,) = converter.to_payloads([snapshot])
    payload.data = json.dumps(snapshot).encode()
    (read,) = converter.from_payloads([payload], [Snapshot])
    assert isinstance(read, Snapshot) and read.version == 3 and read.state.story.prompt == "p"

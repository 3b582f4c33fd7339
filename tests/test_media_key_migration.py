"""A document of the first schema version (artifact URLs) read by today's models after the migrations (0003: URLs
become media keys, URLs that are not ours cannot survive it; 0004: the document names its schema version)."""

import asyncio
import json
import uuid
from collections.abc import Callable

from db.migrate import upgrade
from domain.state import ConsolidatedComicState
from tests.migration_rows import raw_row


def old_artifact(url: str) -> dict[str, str]:
    return {
        "url": url,
        "media_type": "image/png",
        "model": "offline",
        "prompt": "",
        "created_at": "2026-11-30T10:00:00Z",
    }


async def test_urls_become_keys_and_foreign_urls_are_dropped(fresh_database: Callable) -> None:  # type: ignore[type-arg]
    url = await fresh_database()
    await asyncio.to_thread(upgrade, url, "0002")
    pid, hero, villain, panel = uuid.uuid4(), uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    sheet = f"{pid}/characters/{hero}-run-1-1.png"
    state = {
        "characters": {
            str(hero): {
                "id": str(hero),
                "name": "Mira",
                "render_status": "completed",
                "artifact": old_artifact(f"http://localhost:8000/media/{sheet}"),
                "history": [
                    old_artifact(f"/media/{pid}/characters/{hero}-old.png"),
                    old_artifact("http://127.0.0.1:9/x"),
                ],
            },
            str(villain): {
                "id": str(villain),
                "name": "Vask",
                "render_status": "completed",
                # Pointed at another project's media through an old PATCH: not this project's, so dropped.
                "artifact": old_artifact(f"/media/{uuid.uuid4()}/characters/theirs.png"),
                "history": [],
            },
        },
        "panels": [{"id": str(panel), "index": 0, "render_status": "pending", "artifact": None, "history": []}],
    }
    async with raw_row(url) as row:
        await row.insert(pid, state)
        stored = await row.upgrade("head")
        migrated = ConsolidatedComicState.model_validate(stored)  # today's models read it
        mira, vask = migrated.characters[hero], migrated.characters[villain]
        assert mira.artifact is not None and mira.artifact.key == sheet and mira.render_status == "completed"
        assert [a.key for a in mira.history] == [f"{pid}/characters/{hero}-old.png"]
        assert vask.artifact is None and vask.render_status == "pending"
        assert "url" not in json.dumps(stored)
        assert stored["schema_version"] == 2 == migrated.schema_version

        back = await row.downgrade("0002")
        assert back["characters"][str(hero)]["artifact"]["url"] == f"/media/{sheet}"

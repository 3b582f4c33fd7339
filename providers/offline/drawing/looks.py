"""A figure's look (humanoids.HumanLook, creatures.CreatureLook) as JSON: sheets record it so that panels can draw
the figure again, posed and at the size it takes there, instead of enlarging the sheet's pixels."""

from __future__ import annotations

import json
from dataclasses import asdict, fields
from typing import Any, TypeVar

T = TypeVar("T")


def look_json(look: Any) -> str:
    """A look dataclass as compact JSON."""
    return json.dumps(asdict(look), separators=(",", ":"))


def look_from_json(cls: type[T], raw: str) -> T:
    """The `cls` look that look_json wrote (colours back to tuples); ValueError if it is not one (a sheet from
    another version)."""
    try:
        data = json.loads(raw)
        values: dict[str, Any] = {
            f.name: tuple(data[f.name]) if isinstance(data[f.name], list) else data[f.name]
            for f in fields(cls)  # type: ignore[arg-type]
            if f.name in data
        }
        return cls(**values)
    except (TypeError, KeyError, AttributeError, json.JSONDecodeError) as exc:
        raise ValueError(f"not a {cls.__name__}: {exc}") from exc

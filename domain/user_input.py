"""The base of every model a user's request fills: unknown fields refused, and no NUL character anywhere.

PostgreSQL cannot store U+0000 in text or JSONB: a NUL that got past validation would fail only at the write
(a 500, or a persist retried forever), so it is refused with the request, naming the field.
"""

from typing import Any

from pydantic import BaseModel, ConfigDict, model_validator


def _nul_at(value: Any, path: str) -> str | None:
    if isinstance(value, str):
        return path if "\x00" in value else None
    if isinstance(value, dict):
        items: Any = value.items()
    elif isinstance(value, list | tuple):
        items = enumerate(value)
    else:
        return None
    for key, item in items:
        if isinstance(key, str) and "\x00" in key:
            return f"{path}.{key!r}" if path else repr(key)
        found = _nul_at(item, f"{path}.{key}" if path else str(key))
        if found is not None:
            return found
    return None


class UserInput(BaseModel):
    """A request body (or part of one)."""

    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _no_nul(cls, data: Any) -> Any:
        where = _nul_at(data, "")
        if where is not None:
            raise ValueError(f"{where or 'value'}: contains a NUL character (\\u0000), which cannot be stored")
        return data

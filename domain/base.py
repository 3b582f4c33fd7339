"""Shared base for every state model: unknown fields are an error, not silently dropped."""

from pydantic import BaseModel, ConfigDict


class StrictModel(BaseModel):
    """A Pydantic model that rejects unknown fields."""

    model_config = ConfigDict(extra="forbid")

"""Pydantic models of a comic's state."""

from domain.artifact import Artifact
from domain.character import Character, CharacterRole, CharacterType, RenderStatus
from domain.panel import Panel
from domain.state import ConsolidatedComicState, Phases, PhaseState, Usage
from domain.story import Story

__all__ = [
    "Artifact",
    "Character",
    "CharacterRole",
    "CharacterType",
    "ConsolidatedComicState",
    "Panel",
    "PhaseState",
    "Phases",
    "RenderStatus",
    "Story",
    "Usage",
]

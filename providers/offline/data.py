"""The package's data files (`providers/offline/data/*.toml`, shipped as package data), read once."""

import tomllib
from functools import cache
from importlib import resources
from typing import Any


@cache
def load(name: str) -> dict[str, Any]:
    """The parsed `data/<name>.toml`; callers must not mutate it (it is shared)."""
    return tomllib.loads(resources.files("providers.offline").joinpath("data", f"{name}.toml").read_text("utf-8"))


def words(text: str) -> frozenset[str]:
    """A whitespace-separated word list as a set."""
    return frozenset(text.split())


def gendered(specs: list[str]) -> tuple[tuple[str, str], ...]:
    """'Mira:f' items as (name, pronoun key) pairs."""
    return tuple((name.strip(), gender) for name, gender in (item.rsplit(":", 1) for item in specs))


def grouped(table: dict[str, str]) -> dict[str, str]:
    """A {value: 'word word'} table inverted into {word: value}, in file order."""
    return {word: value for value, text in table.items() for word in text.split()}

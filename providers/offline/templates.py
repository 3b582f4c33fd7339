"""Filling the French and Spanish tales' templates (data/tale_<code>.toml): their gendered choices and articles."""

from __future__ import annotations

import re
from typing import Any

_CHOICE_RE = re.compile(r"\{([a-z]+)\?([^|{}]*)\|([^{}]*)\}")  # {h?il|elle}


def fill(template: str, flags: dict[str, bool], values: dict[str, str]) -> str:
    """The template with its {x?A|B} choices made, then its placeholders filled, once: a value is never read as a
    template (the prompt may hold braces: 'un robot {secret}')."""
    return _CHOICE_RE.sub(lambda m: m.group(2) if flags[m.group(1)] else m.group(3), template).format(**values)


def article(data: dict[str, Any], kind: str, noun: str, gender: str) -> str:
    """'un chat', 'une clé', 'le chat', "l'épée", 'la llave'."""
    forms = data["articles"][kind]
    if kind == "le" and data["elide"] and noun[:1].lower() in data["elide"]:
        return f"{forms[2]}{noun}"
    return f"{forms[0 if gender == 'm' else 1]} {noun}"

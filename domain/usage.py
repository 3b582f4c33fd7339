"""Estimated cost of provider calls: a price table per model, applied to a project's (or a user's) recorded usage.

Usage is recorded by the workflow as calls finish (domain.state.Usage); cost is derived when it is shown, so a new
price table applies to what was recorded before it too.
"""

import json
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Final

from pydantic import Field

from domain.base import StrictModel
from domain.state import Usage

# The model of tokens a project spent before usage was recorded per model (no price: counted at 0).
UNRECORDED: Final = "unrecorded"


class ModelPrice(StrictModel):
    """What one model costs: per million input (prompt) and output (completion) tokens, and per image."""

    input_per_million: float = Field(default=0.0, ge=0)
    output_per_million: float = Field(default=0.0, ge=0)
    per_image: float = Field(default=0.0, ge=0)


class PriceTable(StrictModel):
    """Prices per model id (the `model` recorded in usage), in one currency."""

    currency: str = Field(default="USD", min_length=1, max_length=8)
    models: dict[str, ModelPrice] = Field(default_factory=dict)


# List prices as published for these models at the end of 2025: estimates, not a bill. Offline models cost nothing.
DEFAULT_PRICES: Final = PriceTable(
    models={
        "gpt-4o": ModelPrice(input_per_million=2.50, output_per_million=10.00),
        "gpt-4o-mini": ModelPrice(input_per_million=0.15, output_per_million=0.60),
        "gpt-4.1": ModelPrice(input_per_million=2.00, output_per_million=8.00),
        "gpt-4.1-mini": ModelPrice(input_per_million=0.40, output_per_million=1.60),
        "fal-ai/nano-banana/edit": ModelPrice(per_image=0.039),
        "fal-ai/bytedance/seedream/v4/text-to-image": ModelPrice(per_image=0.03),
        "offline-storyteller": ModelPrice(),
        "offline/sheet-generator": ModelPrice(),
        "offline/scene-generator": ModelPrice(),
        "offline/compositor": ModelPrice(),
    }
)


@lru_cache(maxsize=8)
def load_price_table(path: Path | None) -> PriceTable:
    """The default table, with the models of the JSON file at `path` (`{"currency"?, "models": {...}}`) replacing or
    adding to its entries; read once per process (restart to pick up a change)."""
    if path is None:
        return DEFAULT_PRICES
    try:
        custom = PriceTable.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError) as e:  # pydantic's ValidationError is a ValueError
        raise ValueError(f"PRICE_TABLE {path}: {e}") from e
    return PriceTable(currency=custom.currency, models={**DEFAULT_PRICES.models, **custom.models})


class ModelUsage(StrictModel):
    """One model's calls, tokens or images, and their estimated cost."""

    llm_calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    images: int = 0
    cost: float = Field(default=0.0, description="Estimated, in the table's currency; 0 for a model without a price")
    priced: bool = Field(default=True, description="Whether the price table knows the model")


class UsageReport(StrictModel):
    """LLM tokens and image generations by model, with totals and an estimated cost from the price table."""

    currency: str
    models: dict[str, ModelUsage] = Field(default_factory=dict)
    prompt_tokens: int = 0
    completion_tokens: int = 0
    llm_calls: int = 0
    images: int = 0
    cost: float = 0.0
    unpriced_models: list[str] = Field(
        default_factory=list, description="Models used that the price table does not list (counted at 0)"
    )


def usage_report(usages: Iterable[Usage], prices: PriceTable) -> UsageReport:
    """The sum of `usages` (one project's, or all of a user's), priced by model."""
    models: dict[str, ModelUsage] = {}
    report = UsageReport(currency=prices.currency)
    for usage in usages:
        for model, tokens in usage.llm.items():
            entry = models.setdefault(model, ModelUsage())
            entry.llm_calls += tokens.calls
            entry.prompt_tokens += tokens.prompt_tokens
            entry.completion_tokens += tokens.completion_tokens
        for model, count in usage.images.items():
            models.setdefault(model, ModelUsage()).images += count
        # Tokens recorded before usage was kept per model are only in the totals: shown under a model of their own.
        earlier_prompt = usage.prompt_tokens - sum(t.prompt_tokens for t in usage.llm.values())
        earlier_completion = usage.completion_tokens - sum(t.completion_tokens for t in usage.llm.values())
        if earlier_prompt > 0 or earlier_completion > 0:
            entry = models.setdefault(UNRECORDED, ModelUsage())
            entry.prompt_tokens += max(earlier_prompt, 0)
            entry.completion_tokens += max(earlier_completion, 0)
    for model, entry in sorted(models.items()):
        price = prices.models.get(model)
        entry.priced = price is not None
        if price is not None:
            entry.cost = round(
                entry.prompt_tokens * price.input_per_million / 1e6
                + entry.completion_tokens * price.output_per_million / 1e6
                + entry.images * price.per_image,
                6,
            )
        else:
            report.unpriced_models.append(model)
        report.models[model] = entry
        report.llm_calls += entry.llm_calls
        report.images += entry.images
        report.prompt_tokens += entry.prompt_tokens
        report.completion_tokens += entry.completion_tokens
    report.cost = round(sum(e.cost for e in report.models.values()), 6)
    return report

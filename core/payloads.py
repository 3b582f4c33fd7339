"""How values cross the Temporal boundary: Pydantic models as JSON, read tolerantly.

A rolling deploy runs old and new workers side by side: a payload written by newer code may carry a field older
code does not know. Payloads are therefore validated with unknown fields ignored, while the API edge keeps its
models strict (FastAPI validates request bodies itself, with the models' own `extra="forbid"`).
"""

from functools import lru_cache
from typing import Any

import temporalio.api.common.v1
from pydantic import TypeAdapter
from temporalio.contrib.pydantic import PydanticJSONPlainPayloadConverter
from temporalio.converter import (
    CompositePayloadConverter,
    DataConverter,
    DefaultPayloadConverter,
    JSONPlainPayloadConverter,
)


@lru_cache(maxsize=1024)
def _adapter(hint: Any) -> TypeAdapter[Any]:
    return TypeAdapter(hint)


class TolerantJSONPayloadConverter(PydanticJSONPlainPayloadConverter):
    """Pydantic JSON payloads, validated with unknown fields ignored at every depth."""

    def from_payload(self, payload: temporalio.api.common.v1.Payload, type_hint: type | None = None) -> Any:
        """The value of `payload` as `type_hint`; fields this code does not know are dropped, not refused."""
        hint = type_hint if type_hint is not None else Any
        try:
            adapter = _adapter(hint)
        except TypeError:  # an unhashable hint: not cacheable
            adapter = TypeAdapter(hint)
        return adapter.validate_json(payload.data, extra="ignore")


class TolerantPayloadConverter(CompositePayloadConverter):
    """Temporal's default converters, with JSON handled by TolerantJSONPayloadConverter."""

    def __init__(self) -> None:
        json = TolerantJSONPayloadConverter()
        super().__init__(
            *(
                json if isinstance(c, JSONPlainPayloadConverter) else c
                for c in DefaultPayloadConverter.default_encoding_payload_converters
            )
        )


data_converter = DataConverter(payload_converter_class=TolerantPayloadConverter)

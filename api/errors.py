"""Every error leaves the API as JSON with a human-readable `detail` message."""

from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse


def _describe(error: dict[str, Any]) -> str:
    location = ".".join(str(part) for part in error.get("loc", ()))
    return f"{location}: {error.get('msg', 'invalid')}" if location else str(error.get("msg", "invalid"))


async def _validation_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = list(exc.errors())
    message = "; ".join(_describe(e) for e in errors[:5]) or "invalid request"
    body = {
        "detail": f"Invalid request: {message}",
        "errors": jsonable_encoder(errors, exclude={"input", "ctx"}),
    }
    return JSONResponse(status_code=422, content=body)


def install_error_handlers(app: FastAPI) -> None:
    """Make request-validation failures a 422 with a one-line message plus the structured errors."""
    app.add_exception_handler(RequestValidationError, _validation_error)

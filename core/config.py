"""Configuration from the environment (and an optional `.env` file). Every field is documented in README."""

import json
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

INSECURE_DEV_SECRET = "dev-only-insecure-secret-change-me-in-production"


class Settings(BaseSettings):
    """Service settings; env var names are the upper-case field names."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    # Storage
    database_url: str | None = Field(
        default=None, description="PostgreSQL URL; unset means `comic run` starts an embedded PostgreSQL"
    )
    data_dir: Path = Path(".data")
    media_dir: Path | None = Field(default=None, description="Where rendered images live; default DATA_DIR/media")
    public_base_url: str = Field(
        default="", description="Base of the URLs handed to clients; unset: http://localhost:API_PORT"
    )
    media_backend: Literal["local", "s3"] = "local"
    s3_bucket: str | None = None
    s3_endpoint_url: str | None = Field(default=None, description="For S3-compatible stores (MinIO, R2...)")
    s3_region: str | None = None
    media_url_ttl_seconds: int = Field(
        default=24 * 3600, ge=60, description="Lifetime of the signed media URLs the API hands out"
    )
    media_signing_key: str | None = Field(
        default=None, description="HMAC key of signed media URLs; unset: derived from AUTH_JWT_SECRET"
    )

    # Temporal
    temporal_address: str = "localhost:7233"
    temporal_namespace: str = "default"
    temporal_ui_port: int = 8233
    temporal_task_queue: str = "comic-builder"
    llm_task_queue: str = "comic-builder-llm"
    image_task_queue: str = "comic-builder-image"

    # Providers
    llm_provider: Literal["auto", "offline", "openai"] = "auto"
    image_provider: Literal["auto", "offline", "fal"] = "auto"
    openai_api_key: str | None = None
    openai_base_url: str | None = None
    openai_model: str = "gpt-4o"
    fal_key: str | None = None
    fal_edit_model: str = "fal-ai/nano-banana/edit"
    fal_generation_model: str = "fal-ai/bytedance/seedream/v4/text-to-image"
    fal_max_concurrent: int = Field(default=10, ge=1, description="fal renders one worker process has in flight")
    price_table: Path | None = Field(
        default=None,
        description="JSON file of per-model prices (per 1M input/output tokens, per image) over the shipped table",
    )
    story_batch_interval: float = Field(
        default=0.05, gt=0, description="Seconds the story activity batches tokens before signalling them"
    )
    story_poll_cooldown: float = Field(
        default=0.02, gt=0, description="Seconds between an API's long-polls of a story stream once caught up"
    )
    offline_chunk_delay: float = Field(
        default=0.01, ge=0, description="Seconds between streamed chunks of the offline storyteller"
    )
    offline_render_delay: float = Field(
        default=0, ge=0, description="Seconds added to each offline render (to catch renders mid-way)"
    )
    offline_render_processes: int | None = Field(
        default=None, ge=0, description="Processes drawing offline renders (unset: one per core; 0: in a thread)"
    )
    render_heartbeat_timeout: float = Field(
        default=30, gt=0, description="Seconds without a heartbeat after which a render attempt is retried elsewhere"
    )

    # Limits
    image_max_concurrent: int = Field(default=10, ge=1, description="Image activities one worker runs at once")
    llm_max_concurrent: int = Field(default=4, ge=1, description="LLM activities one worker runs at once")
    image_rate_limit: float | None = Field(
        default=None, gt=0, description="Image activities per second across the task queue (unset: no limit)"
    )
    fairness_enabled: bool = Field(
        default=True, description="Schedule LLM and image work with the owner as Temporal fairness key"
    )
    fairness_weights: dict[str, float] = Field(
        default_factory=dict,
        description='Fairness weight per user id (JSON, e.g. {"alice": 3, "*": 1}); `*` is everyone else',
    )
    llm_rate_limit: float | None = Field(
        default=None, gt=0, description="LLM activities per second across the task queue (unset: no limit)"
    )
    render_fanout: int = Field(
        default=100, ge=1, description="Renders one workflow schedules at once (worker slots bound how many run)"
    )
    user_max_active_runs: int = Field(
        default=3, ge=1, description="Projects of one user generating at once (across replicas, in PostgreSQL)"
    )
    user_generation_rate: int = Field(
        default=30, ge=1, description="Generation requests one user may make per minute (sliding window)"
    )
    workflow_idle_timeout: float = Field(
        default=3600, gt=0, description="Seconds a project's workflow waits idle before closing (restarts on demand)"
    )
    max_body_bytes: int = Field(
        default=1024 * 1024, ge=1, description="Largest request body the API accepts; larger ones are a 413"
    )

    # API
    api_host: str = "127.0.0.1"
    api_port: int = 8000
    api_workers: int = Field(
        default=1, ge=1, le=64, description="API processes `comic run` starts on API_PORT (SO_REUSEPORT)"
    )
    auth_jwt_secret: str = INSECURE_DEV_SECRET
    auth_token_ttl_seconds: int = Field(default=7 * 24 * 3600, ge=60)

    # Production hardening (core/security.check_production holds the secret rule)
    app_env: Literal["development", "production"] = Field(
        default="development", description="production: refuse a weak AUTH_JWT_SECRET, no cross-origin by default"
    )
    # NoDecode: the validator below parses both a comma-separated list and a JSON list.
    cors_origins: Annotated[list[str] | None, NoDecode] = Field(
        default=None, description="Origins allowed cross-origin (REST and Socket.IO); unset: the APP_ENV default"
    )
    auth_jwt_audience: str | None = Field(default=None, description="When set, tokens must carry this `aud`")
    auth_jwt_issuer: str | None = Field(default=None, description="When set, tokens must carry this `iss`")

    # Observability (core/logs.py, core/tracing.py, api/metrics.py)
    log_format: Literal["text", "json"] = Field(
        default="text", description="json: one JSON object per log line, with the Temporal context when there is one"
    )
    metrics_port: int | None = Field(
        default=None,
        ge=1,
        le=65534,
        description="Worker Prometheus port (Temporal SDK metrics; the worker's own on the next port); unset: off",
    )
    otel_exporter_otlp_endpoint: str | None = Field(
        default=None, description="OTLP/HTTP collector base URL (spans go to <url>/v1/traces); unset: no tracing"
    )

    @field_validator("metrics_port", "otel_exporter_otlp_endpoint", mode="before")
    @classmethod
    def _blank_observability_is_unset(cls, value: Any) -> Any:
        # As for AUD/ISS below: compose passes `${VAR:-}` through as an empty string.
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _parse_origins(cls, value: Any) -> Any:
        """Accept `a,b`, `["a", "b"]` or a list; blank means unset, so `[]` is the only way to say "none"."""
        if isinstance(value, str):
            text = value.strip()
            if not text:
                return None
            value = json.loads(text) if text.startswith("[") else text.split(",")
        if isinstance(value, list):
            return [_origin(item) for item in value if not isinstance(item, str) or item.strip()]
        return value

    @field_validator("auth_jwt_audience", "auth_jwt_issuer", mode="before")
    @classmethod
    def _blank_is_unset(cls, value: Any) -> Any:
        # docker-compose passes `${VAR:-}` through as an empty string.
        return None if isinstance(value, str) and not value.strip() else value

    @property
    def allowed_cors_origins(self) -> list[str]:
        """CORS_ORIGINS, else every origin in development and none in production."""
        if self.cors_origins is not None:
            return self.cors_origins
        return [] if self.app_env == "production" else ["*"]

    @model_validator(mode="after")
    def _default_public_base_url(self) -> "Settings":
        # The signed media URLs must point at where this API listens when nothing else is configured.
        if not self.public_base_url:
            host = "localhost" if self.api_host in ("127.0.0.1", "0.0.0.0", "::") else self.api_host
            self.public_base_url = f"http://{host}:{self.api_port}"
        return self

    @property
    def resolved_media_dir(self) -> Path:
        """Media directory, defaulting to DATA_DIR/media."""
        return self.media_dir if self.media_dir is not None else self.data_dir / "media"

    def fairness_weight(self, user_id: str) -> float:
        """The user's share of the task queues under fairness (FAIRNESS_WEIGHTS, default 1)."""
        return self.fairness_weights.get(user_id, self.fairness_weights.get("*", 1.0))

    @property
    def use_openai(self) -> bool:
        """Whether LLM calls go to OpenAI (explicitly, or `auto` with a key present)."""
        return self.llm_provider == "openai" or (self.llm_provider == "auto" and bool(self.openai_api_key))

    @property
    def use_fal(self) -> bool:
        """Whether image calls go to fal.ai (explicitly, or `auto` with a key present)."""
        return self.image_provider == "fal" or (self.image_provider == "auto" and bool(self.fal_key))


def _origin(item: Any) -> Any:
    """One CORS origin, normalised; a value that could never match a browser's `Origin` header is an error."""
    if not isinstance(item, str):
        return item  # pydantic reports the wrong type
    origin = item.strip().rstrip("/")
    if origin == "*":
        return origin
    parts = urlsplit(origin)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.path or parts.query or parts.fragment:
        raise ValueError(f"CORS_ORIGINS entry {item!r} is not an origin like https://app.example.com or *")
    return origin


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings, read once."""
    return Settings()

"""Choose the LLM and image providers from configuration."""

from core.config import Settings
from core.media_urls import MediaSigner, derive_signing_key
from providers.images import ImageProvider
from providers.llm import LLMProvider
from providers.media_store import LocalMediaStore, MediaStore, S3MediaStore


class ProviderNotAvailable(RuntimeError):
    """The configuration asks for a provider this build cannot construct."""


def make_llm(settings: Settings) -> LLMProvider:
    """The offline storyteller unless OpenAI is configured."""
    if settings.use_openai:
        if not settings.openai_api_key and not settings.openai_base_url:
            raise ProviderNotAvailable("LLM_PROVIDER=openai needs OPENAI_API_KEY (or an OPENAI_BASE_URL server)")
        from providers.openai_llm import OpenAIStoryteller

        # Local OpenAI-compatible servers (Ollama, vLLM) ignore the key, but the client requires one.
        return OpenAIStoryteller(
            settings.openai_api_key or "unused", base_url=settings.openai_base_url, model=settings.openai_model
        )
    from providers.offline.storyteller import OfflineStoryteller

    return OfflineStoryteller(chunk_delay=settings.offline_chunk_delay)


def make_images(settings: Settings) -> ImageProvider:
    """The offline Pillow renderer unless fal.ai is configured."""
    if settings.use_fal:
        from providers.fal_images import FalRenderer

        return FalRenderer.from_settings(settings)
    from providers.offline.renderer import OfflineRenderer

    # No text in the art: the pages phase letters every panel itself (a layer over the art).
    return OfflineRenderer(delay=settings.offline_render_delay, lettered=False, processes=_offline_processes(settings))


async def start_image_processes(settings: Settings) -> None:
    """Start now what the image provider would start on its first render: the offline renderer's processes
    (spawned interpreters importing the drawing code, ~1 s each), so a worker's first comic does not wait for them."""
    if settings.use_fal:
        return
    from providers.offline.renderer import start_pool

    await start_pool(_offline_processes(settings))


def _offline_processes(settings: Settings) -> int:
    from providers.offline.renderer import default_processes

    processes = settings.offline_render_processes
    return default_processes() if processes is None else processes


def make_media_signer(settings: Settings) -> MediaSigner:
    """The signer of this deployment's media URLs (MEDIA_SIGNING_KEY, else derived from AUTH_JWT_SECRET)."""
    key = settings.media_signing_key or settings.auth_jwt_secret
    return MediaSigner(derive_signing_key(key), settings.public_base_url, settings.media_url_ttl_seconds)


def make_media_store(settings: Settings) -> MediaStore:
    """The media store behind `/media`: MEDIA_DIR, or the S3 bucket when MEDIA_BACKEND=s3."""
    if settings.media_backend == "s3":
        if not settings.s3_bucket:
            raise ProviderNotAvailable("MEDIA_BACKEND=s3 needs S3_BUCKET")
        return S3MediaStore(
            settings.s3_bucket,
            endpoint_url=settings.s3_endpoint_url,
            region=settings.s3_region,
        )
    return LocalMediaStore(settings.resolved_media_dir)

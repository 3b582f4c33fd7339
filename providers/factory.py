"""Choose the LLM and image providers from configuration."""

from core.config import Settings
from providers.images import ImageProvider
from providers.llm import LLMProvider
from providers.media_store import MediaStore


class ProviderNotAvailable(RuntimeError):
    """The configuration asks for a provider this build cannot construct."""


def make_llm(settings: Settings) -> LLMProvider:
    """The offline storyteller unless OpenAI is configured."""
    if settings.use_openai:
        raise ProviderNotAvailable("LLM_PROVIDER=openai (or OPENAI_API_KEY with LLM_PROVIDER=auto) is not built yet")
    from providers.offline_llm import OfflineStoryteller

    return OfflineStoryteller(chunk_delay=settings.offline_chunk_delay)


def make_images(settings: Settings) -> ImageProvider:
    """The offline Pillow renderer unless fal.ai is configured."""
    if settings.use_fal:
        raise ProviderNotAvailable("IMAGE_PROVIDER=fal (or FAL_KEY with IMAGE_PROVIDER=auto) is not built yet")
    from providers.offline_images import OfflineRenderer

    return OfflineRenderer()


def make_media_store(settings: Settings) -> MediaStore:
    """The local media store behind `/media`."""
    return MediaStore(settings.resolved_media_dir, settings.public_base_url)

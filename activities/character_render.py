"""Phase 3: render a character's reference sheet (image generation model, type-aware prompt)."""

from temporalio import activity

from activities.contracts import RenderCharacterInput
from activities.errors import provider_errors
from activities.rendering import heartbeating, store_artifact
from domain.artifact import Artifact
from providers.images import ImageProvider
from providers.media_store import MediaStore
from providers.prompts import character_sheet_prompt


class CharacterRenderActivities:
    """Character sheets on the injected image provider, stored in the media store."""

    def __init__(self, images: ImageProvider, media: MediaStore) -> None:
        self.images = images
        self.media = media

    @activity.defn(name="render_character")
    async def render_character(self, request: RenderCharacterInput) -> Artifact:
        """Render and store the sheet; return its Artifact."""
        prompt = character_sheet_prompt(request.character)
        async with heartbeating():
            with provider_errors():
                image = await self.images.render_character(request.character, prompt)
        stem = f"{request.project_id}/characters/{request.character.id}-{request.render_id}"
        return await store_artifact(self.media, stem, image, prompt)

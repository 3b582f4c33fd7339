"""LLM and image providers: offline defaults (no key, no network), OpenAI and fal.ai when configured."""

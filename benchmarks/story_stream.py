"""Story streaming: token lag (provider emit -> HTTP client receive) and Signals per story.

A timed storyteller emits N one-word tokens at a fixed rate and records when each was emitted; an NDJSON client
records when each arrived. Prints one row per batch interval.

    .venv/bin/python -m benchmarks.story_stream [--tokens 2000] [--rate 200]
"""

import argparse
import asyncio
import itertools
import json
import statistics
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

import httpx
from temporalio.api.enums.v1 import EventType

from benchmarks.stack import bench_stack
from contracts.workflows import story_workflow_id, workflow_id
from core.security import mint_token
from domain.drafts import CharacterProfile, PanelDraft
from providers.llm import Extraction, OnDelta, StoryResult


@dataclass
class TimedStoryteller:
    """Emits `tokens` words at `rate` per second, remembering each word's emit time."""

    tokens: int
    rate: float
    emitted: dict[str, float] = field(default_factory=dict)
    name: str = "timed"

    async def write_story(self, prompt: str, on_delta: OnDelta) -> StoryResult:
        words = []
        start = time.monotonic()
        for i in range(self.tokens):
            word = f"w{i} "
            # Paced against the clock so the rate holds whatever the event loop does.
            await asyncio.sleep(max(0.0, start + i / self.rate - time.monotonic()))
            self.emitted[word] = time.monotonic()
            words.append(word)
            await on_delta(word)
        return StoryResult(text="".join(words))

    async def extract_characters(self, story: str) -> Extraction[CharacterProfile]:
        return Extraction([])

    async def generate_panels(self, story: str, cast: list[str]) -> Extraction[PanelDraft]:
        return Extraction([])


BURST_GAP = 0.003  # seconds between two deliveries to the client that make them separate bursts


def percentile(values: list[float], q: float) -> float:
    """The q-quantile (0..1) of `values`."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


WARM_UP_TOKENS = 100


async def stream_story(http: httpx.AsyncClient, llm: TimedStoryteller) -> tuple[uuid.UUID, list[float], list[float]]:
    """A new project's story streamed as NDJSON: its id, each token's lag (emit -> line received), arrival times."""
    project = (await http.post("/api/comic-builder/projects", json={"title": "b", "prompt": "p"})).json()
    lags: list[float] = []
    arrivals: list[float] = []
    async with http.stream("POST", f"/api/comic-builder/phase/generate-story/{project['id']}") as response:
        async for line in response.aiter_lines():
            if not line:
                continue
            envelope = json.loads(line)
            if envelope["type"] == "delta":
                arrivals.append(time.monotonic())
                lags.append(arrivals[-1] - llm.emitted[envelope["data"]])
    return uuid.UUID(project["id"]), lags, arrivals


async def one_run(
    tokens: int, rate: float, batch: float | None = None, cooldown: float | None = None
) -> dict[str, float]:
    """Stream one story through the real stack and measure it (batch interval and cooldown: the defaults if None).

    A short story on another project goes first: the first of a fresh stack pays for the imports, sandbox and
    connections of the story path, which a running service paid for long ago.
    """
    llm = TimedStoryteller(WARM_UP_TOKENS, rate)
    overrides: dict[str, Any] = {"story_batch_interval": batch, "story_poll_cooldown": cooldown}
    async with bench_stack(llm=llm, **{k: v for k, v in overrides.items() if v is not None}) as stack:
        headers = {"Authorization": f"Bearer {mint_token('bench', stack.settings.auth_jwt_secret, 3600)}"}
        async with httpx.AsyncClient(base_url=stack.url, headers=headers, timeout=120) as http:
            await stream_story(http, llm)
            llm.tokens, llm.emitted = tokens, {}
            project_id, lags, arrivals = await stream_story(http, llm)
            # Let the story land in the ComicWorkflow before counting its history.
            await asyncio.sleep(1.0)
        story_events = [
            e async for e in stack.temporal.get_workflow_handle(story_workflow_id(project_id, 1)).fetch_history_events()
        ]
        comic_events = [
            e async for e in stack.temporal.get_workflow_handle(workflow_id(project_id)).fetch_history_events()
        ]
    signals = sum(1 for e in story_events if e.event_type == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED)
    # Tokens that reach the client together (within BURST_GAP) travelled together; the youngest of them waited
    # least for its batch, so its lag is the transport alone (Signal, stream poll, fan-out), the rest is batching.
    transport, burst = [], [lags[0]]
    for gap, lag in zip(itertools.pairwise(arrivals), lags[1:], strict=True):
        if gap[1] - gap[0] > BURST_GAP:
            transport.append(min(burst))
            burst = []
        burst.append(lag)
    transport.append(min(burst))
    return {
        "received": len(lags),
        "p50": statistics.median(lags) * 1000,
        "p95": percentile(lags, 0.95) * 1000,
        "max": max(lags) * 1000,
        "bursts": len(transport),
        "transport_p50": statistics.median(transport) * 1000,
        "transport_p95": percentile(transport, 0.95) * 1000,
        "signals": signals,
        "story_events": len(story_events),
        "comic_events": len(comic_events),
    }


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--tokens", type=int, default=2000)
    parser.add_argument("--rate", type=float, default=200, help="tokens per second")
    args = parser.parse_args()
    print(f"story streaming, {args.tokens} tokens at {args.rate:.0f}/s, one machine, lag = emit -> NDJSON client")
    print(
        f"{'batch ms':>8} {'cooldown ms':>11} {'recv':>6} {'p50 ms':>7} {'p95 ms':>7} {'max ms':>7} {'signals':>8} "
        f"{'story ev':>8} {'comic ev':>8}"
    )
    for batch, cooldown in ((0.05, 0.02), (0.1, 0.05), (0.2, 0.05)):
        row = await one_run(args.tokens, args.rate, batch, cooldown)
        print(
            f"{batch * 1000:8.0f} {cooldown * 1000:11.0f} {row['received']:6.0f} {row['p50']:7.0f} {row['p95']:7.0f} "
            f"{row['max']:7.0f} {row['signals']:8.0f} {row['story_events']:8.0f} {row['comic_events']:8.0f}"
        )


if __name__ == "__main__":
    asyncio.run(main())

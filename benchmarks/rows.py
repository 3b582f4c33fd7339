"""The rows of `python -m benchmarks`: each starts the stack it needs, measures, and returns one Row."""

import asyncio
import contextlib
import itertools
import json
import math
import os
import sys
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from benchmarks import story_stream
from benchmarks.harness import (
    PHASE,
    PROJECTS,
    PROMPT,
    Api,
    ConnectionSampler,
    StateWatch,
    api,
    median,
    project_histories,
    render_timeline,
    run_finished,
    seed,
    seeded_state,
    sessions_established,
    state_watch,
)
from benchmarks.providers import CallLog, ProviderSpec
from benchmarks.stack import ROOT, BenchStack, bench_stack
from db.engine import make_engine
from devstack.ports import free_port
from domain.cast import Cast
from domain.character import Character
from domain.panel import Panel
from providers.images import ImageProvider, ReferenceImage
from providers.llm import LLMProvider

# Quotas out of the way: the benchmark is one user starting many runs.
UNLIMITED = {"user_generation_rate": 100_000, "user_max_active_runs": 10_000}
LOG_DIR = ROOT / ".data" / "bench"


@dataclass
class Options:
    """What the command line asked for."""

    quick: bool = False
    draw: bool = False

    def pick(self, full: Any, quick: Any) -> Any:
        return quick if self.quick else full


@dataclass
class Row:
    """One line of the table (and one object of latest.json)."""

    id: str
    what: str
    value: float | None
    unit: str
    target: str
    met: bool | None
    measured: str
    detail: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "value": self.value,
            "unit": self.unit,
            "target": self.target,
            "met": self.met,
            "what": self.what,
            "measured": self.measured,
            **self.detail,
        }


@asynccontextmanager
async def stack_for(
    options: Options, spec: ProviderSpec, log: CallLog | None = None, **overrides: Any
) -> AsyncIterator[BenchStack]:
    """A bench stack whose providers follow `spec` (built from the stack's settings), quotas unlimited."""
    async with bench_stack(
        wrap_llm=lambda inner, settings: spec.llm(settings, log, inner),
        wrap_images=lambda inner, settings: spec.images(settings, log, inner),
        **{**UNLIMITED, **overrides},
    ) as stack:
        yield stack


# ---- B1 / B8: bulk render of N seeded panels ----------------------------------------------------------------------


async def bulk_render(stack: BenchStack, client: Api, watch: StateWatch, panels: int) -> tuple[float, uuid.UUID]:
    """Seconds from POST render-all-panels to the persisted change that completes the last of `panels` panels.

    The project's workflow is running already (a title edit started it), as after a panel breakdown.
    """
    project_id = await client.create()
    version = await seed(stack, project_id, seeded_state(project_id, panels))
    await client.rename(project_id, version)
    start = time.monotonic()
    await client.call("POST", f"{PHASE}/render-all-panels/{project_id}")
    end = await watch.until(project_id)
    phase = (await watch.phases(project_id))["panel_renders"]
    if phase["status"] != "completed" or phase["done"] != panels:
        raise RuntimeError(f"bulk render of {panels} ended as {phase}")
    # The pages are composed once the panels are rendered (CPU in this process): not measured, but waited for, so
    # that they do not slow the next measurement down.
    await watch.until(project_id, pages_settled)
    return end - start, project_id


def pages_settled(event: dict[str, Any]) -> bool:
    """A persisted change that ends the page composition."""
    return any(
        c.get("kind") == "phase" and c.get("id") == "pages" and c.get("status") in ("completed", "error")
        for c in event.get("changes", [])
    )


async def b1(options: Options) -> Row:
    concurrency, repeats = 8, options.pick(3, 1)
    results: dict[float, dict[str, Any]] = {}
    for latency, panels in ((1.0, 24), (0.25, 48)):
        spec = ProviderSpec(draw=options.draw)
        async with (
            stack_for(options, spec, image_max_concurrent=concurrency, offline_render_delay=latency) as stack,
            api(stack) as client,
            state_watch(stack) as watch,
        ):
            await bulk_render(stack, client, watch, 2)  # warm-up: first workflow and activities of the process
            walls, runs = [], []
            for _ in range(repeats):
                wall, project_id = await bulk_render(stack, client, watch, panels)
                walls.append(wall)
                runs += (await project_histories(stack.temporal, project_id)).runs["render_panel"]
            timeline = await render_timeline(stack.temporal, project_id, latency, concurrency)
        ideal = math.ceil(panels / concurrency) * latency
        wall = median(walls)
        results[latency] = {
            "panels": panels,
            "wall_s": round(wall, 3),
            "walls_s": [round(w, 3) for w in walls],
            "ideal_s": ideal,
            "ratio": round(wall / ideal, 3),
            "sequential_s": panels * latency,
            "speedup_vs_sequential": round(panels * latency / wall, 1),
            # A render's started -> completed in the history, beyond L: what each wave adds.
            "render_overhead_ms_p50": round((median(runs) - latency) * 1000, 1),
            "last_run_timeline": timeline,
        }
    one, quarter = results[1.0], results[0.25]

    def both(key: str) -> str:
        values = [r.get(key, r["last_run_timeline"].get(key, 0)) for r in (one, quarter)]
        return " / ".join(f"{v:.0f}" for v in values)

    shown = (
        f"N=24, L=1 s: {one['ratio']:.3f} ({one['wall_s']:.2f} s / {one['ideal_s']:g} s); "
        f"N=48, L=0.25 s: {quarter['ratio']:.3f} ({quarter['wall_s']:.2f} s / {quarter['ideal_s']:g} s); "
        f"seed's sequential N*L = {one['sequential_s']:g} s / {quarter['sequential_s']:g} s "
        f"({one['speedup_vs_sequential']}x / {quarter['speedup_vs_sequential']}x faster). From the history, "
        f"L = 1 / 0.25 s: a render runs L + {both('render_overhead_ms_p50')} ms (p50); all renders span the ideal "
        f"+ {both('span_over_ms')} ms; request -> first render {both('head_ms')} ms; last render -> persisted "
        f"{both('tail_ms')} ms"
    )
    return Row(
        "B1",
        f"bulk render, C = {concurrency}: request -> last panel persisted / (ceil(N/C) * L)",
        one["ratio"],
        "x ideal",
        "<= 1.08 at 1 s; <= 1.25 at 0.25 s",
        one["ratio"] <= 1.08 and quarter["ratio"] <= 1.25,
        shown,
        {"concurrency": concurrency, "L_1s": one, "L_0.25s": quarter, "ratio_at_0.25s": quarter["ratio"]},
    )


async def b8(options: Options) -> Row:
    latency, concurrency, repeats = 0.05, 8, options.pick(3, 1)
    sizes = (24, 48, 96)
    measured: dict[int, dict[str, Any]] = {}
    async with (
        stack_for(
            options, ProviderSpec(draw=options.draw), image_max_concurrent=concurrency, offline_render_delay=latency
        ) as stack,
        api(stack) as client,
        state_watch(stack) as watch,
    ):
        await bulk_render(stack, client, watch, 2)
        for n in sizes:
            walls, sizes_bytes, events, persists, tasks = [], [], [], [], []
            for _ in range(repeats):
                wall, project_id = await bulk_render(stack, client, watch, n)
                stats = await project_histories(stack.temporal, project_id)
                walls.append(wall)
                sizes_bytes.append(stats.bytes)
                events.append(stats.events)
                persists.append(stats.runs["persist_state"])
                tasks.append(stats.tasks)
            measured[n] = {
                "persists": len(persists[-1]),
                "persist_ms_p50": round(median(persists[-1]) * 1000, 1),
                "workflow_tasks": len(tasks[-1]),
                "workflow_task_ms_p50": round(median(tasks[-1]) * 1000, 1),
                "wall_s": round(median(walls), 3),
                "history_bytes": int(median(sizes_bytes)),
                "events": int(median(events)),
            }
    ratios = {
        f"{a}->{b}": {
            "bytes": round(measured[b]["history_bytes"] / measured[a]["history_bytes"], 3),
            "time": round(measured[b]["wall_s"] / measured[a]["wall_s"], 3),
        }
        for a, b in itertools.pairwise(sizes)
    }
    worst = max(max(r["bytes"], r["time"]) for r in ratios.values())
    shown = "; ".join(
        f"N={n}: {m['history_bytes'] / 1024:.0f} KiB, {m['events']} events, {m['wall_s']:.2f} s "
        f"({m['persists']} persists of {m['persist_ms_p50']:.0f} ms, {m['workflow_tasks']} workflow tasks of "
        f"{m['workflow_task_ms_p50']:.0f} ms, p50)"
        for n, m in measured.items()
    )
    shown += " | doubling: " + ", ".join(
        f"{k} bytes x{r['bytes']:.2f} time x{r['time']:.2f}" for k, r in ratios.items()
    )
    return Row(
        "B8",
        "ComicWorkflow history bytes (JSON of fetch_history) and wall time, bulk render N = 24/48/96, "
        f"L = {latency} s, C = {concurrency}",
        worst,
        "x per doubling (worst)",
        "<= 2.1x bytes and time per doubling",
        worst <= 2.1,
        shown,
        {"by_panels": {str(n): m for n, m in measured.items()}, "doubling": ratios},
    )


# ---- B2: orchestration cost per activity -------------------------------------------------------------------------


async def auto_run(client: Api, watch: StateWatch, project_id: uuid.UUID, within: float = 180) -> tuple[float, float]:
    """(start, end): POST /phase/run to the persisted change that ends the run."""
    start = time.monotonic()
    await client.call("POST", f"{PHASE}/run/{project_id}")
    end = await watch.until(project_id, run_finished, within)
    phases = await watch.phases(project_id)
    failed = {k: v.get("error") for k, v in phases.items() if v.get("status") == "error"}
    if failed:
        raise RuntimeError(f"auto run failed: {failed}")
    await watch.until(project_id, pages_settled, within)  # not measured: see bulk_render
    return start, end


async def b2(options: Options) -> Row:
    log = CallLog()
    runs = options.pick(5, 2)
    samples: list[dict[str, Any]] = []
    async with (
        stack_for(
            options, ProviderSpec(draw=options.draw), log, offline_render_delay=0, offline_chunk_delay=0
        ) as stack,
        api(stack) as client,
        state_watch(stack) as watch,
    ):
        await auto_run(client, watch, await client.create())  # warm-up
        for _ in range(runs):
            project_id = await client.create()
            start, end = await auto_run(client, watch, project_id)
            stats = await project_histories(stack.temporal, project_id, stories=1)
            wall, provider = end - start, log.busy(start, end)
            samples.append(
                {
                    "wall_ms": round(wall * 1000, 1),
                    "provider_ms": round(provider * 1000, 1),
                    "provider_calls": log.count(start, end),
                    "ms_per_activity": round((wall - provider) / stats.activities * 1000, 2),
                    **stats.summary(),
                }
            )
    best = sorted(samples, key=lambda s: s["ms_per_activity"])[len(samples) // 2]  # the median run
    value = best["ms_per_activity"]
    return Row(
        "B2",
        "orchestration cost, auto run with zero-latency providers: (wall - provider time) / activities executed",
        value,
        "ms/activity",
        "<= 20 ms per activity",
        value <= 20,
        f"{value:.1f} ms/activity (median of {runs}: wall {best['wall_ms']:.0f} ms, provider "
        f"{best['provider_ms']:.0f} ms, {best['activities']} activities, {best['workflow_tasks']} workflow tasks, "
        f"dispatch p50 {best['dispatch_ms_p50']} ms)",
        {"median_run": best, "runs": [s["ms_per_activity"] for s in samples]},
    )


# ---- B3: durability tax ------------------------------------------------------------------------------------------


async def plain_run(llm: LLMProvider, images: ImageProvider, concurrency: int) -> tuple[float, int, int]:
    """The auto run as a plain asyncio script: the same providers and image concurrency, no Temporal, no DB."""
    slots = asyncio.Semaphore(concurrency)
    start = time.monotonic()

    async def discard(_: str) -> None:
        return None

    story = await llm.write_story(PROMPT, discard)
    extraction = await llm.extract_characters(story.text)
    characters: list[Character] = []
    for profile in extraction.items:
        if Cast(characters).resolve(profile.name) is None:
            characters.append(Character(id=uuid.uuid4(), **profile.model_dump()))

    async def sheet(character: Character) -> tuple[str, bytes]:
        async with slots:
            return character.name, (await images.render_character(character, "")).data

    sheets = dict(await asyncio.gather(*(sheet(c) for c in characters)))
    drafts = await llm.generate_panels(story.text, [c.name for c in characters])

    async def panel(index: int, draft: Any) -> None:
        async with slots:
            refs = [ReferenceImage(name=n, data=sheets[n]) for n in draft.characters if n in sheets]
            await images.render_panel(Panel(id=uuid.uuid4(), index=index, **draft.model_dump()), "", refs)

    await asyncio.gather(*(panel(i, d) for i, d in enumerate(drafts.items)))
    return time.monotonic() - start, len(characters), len(drafts.items)


async def b3(options: Options) -> Row:
    latency, tokens = 0.5, options.pick(2000, 400)
    spec = ProviderSpec(draw=options.draw, story_tokens=tokens, llm_latency=latency)
    async with (
        stack_for(options, spec, offline_render_delay=latency, offline_chunk_delay=0.02) as stack,
        api(stack) as client,
        state_watch(stack) as watch,
    ):
        # Warm-up without a run: a title edit starts a first workflow (sandbox) and runs a persist.
        warm = await client.create()
        await client.rename(warm, 1)
        project_id = await client.create()
        start, end = await auto_run(client, watch, project_id)
        service = end - start
        stats = await project_histories(stack.temporal, project_id, stories=1)
        settings = stack.settings
        plain, characters, panels = await plain_run(
            spec.llm(settings), spec.images(settings), settings.image_max_concurrent
        )
    ratio = service / plain
    return Row(
        "B3",
        f"durability tax: auto run (L = {latency} s for renders and structured LLM calls, {tokens}-token story at "
        "200 tokens/s) through the service / plain asyncio with the same providers and concurrency",
        round(ratio, 3),
        "x plain",
        "<= 1.06",
        ratio <= 1.06,
        f"{ratio:.3f} (service {service:.2f} s, plain {plain:.2f} s; {characters} characters, {panels} panels, "
        f"{stats.activities} activities)",
        {
            "service_s": round(service, 3),
            "plain_s": round(plain, 3),
            "tokens": tokens,
            "characters": characters,
            "panels": panels,
            **stats.summary(),
        },
    )


# ---- B4: story token lag -----------------------------------------------------------------------------------------


async def b4(options: Options) -> Row:
    tokens, rate = options.pick(2000, 400), 200.0
    run = await story_stream.one_run(tokens, rate)
    p95 = run["p95"]
    detail: dict[str, Any] = {k: round(v, 1) for k, v in run.items()}
    shown = ""
    if not options.quick:  # the same story with the poll cooldown of before (50 ms), for comparison
        slow = await story_stream.one_run(tokens, rate, cooldown=0.05)
        detail["cooldown_50ms"] = {k: round(v, 1) for k, v in slow.items()}
        shown = (
            f"; at STORY_POLL_COOLDOWN=0.05: p95 {slow['p95']:.0f} ms (transport p50 {slow['transport_p50']:.0f} ms), "
            f"story workflow {slow['story_events']:.0f} events"
        )
    return Row(
        "B4",
        f"story token lag, provider emit -> NDJSON client, {tokens} tokens at {rate:.0f}/s, default batch interval",
        round(p95, 1),
        "ms p95",
        "p95 <= 100 ms",
        p95 <= 100,
        f"p95 {p95:.0f} ms (p50 {run['p50']:.0f}, max {run['max']:.0f}; transport alone p50 "
        f"{run['transport_p50']:.0f} / p95 {run['transport_p95']:.0f} ms, the rest is the wait for the batch; "
        f"{run['received']:.0f} received, {run['signals']:.0f} signals, story workflow {run['story_events']:.0f} "
        f"events, comic workflow {run['comic_events']:.0f} events){shown}",
        detail,
    )


# ---- B5 / B5b: the read path ---------------------------------------------------------------------------------------


async def loadgen(config: dict[str, Any], on_ready: Callable[[], Awaitable[None]] | None = None) -> dict[str, Any]:
    """Run benchmarks/loadgen.py in its own process; its JSON result."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "benchmarks.loadgen", json.dumps(config), cwd=ROOT, stdout=asyncio.subprocess.PIPE
    )
    assert process.stdout is not None
    result: dict[str, Any] = {}
    try:
        async for line in process.stdout:
            text = line.decode().strip()
            if text == "ready" and on_ready is not None:
                await on_ready()
            elif text.startswith("{"):
                result = json.loads(text)
        await process.wait()
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    if not result:
        raise RuntimeError(f"load generator failed (exit {process.returncode})")
    return result


def _cpu_seconds(pids: list[int]) -> float:
    """User + system CPU the processes used so far (/proc/<pid>/stat)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of proc(5))
    return total / ticks


@dataclass
class ApiProcesses:
    """`comic api --reuse-port` processes sharing one port, as `comic run` starts API_WORKERS of them."""

    url: str
    pids: list[int]


@asynccontextmanager
async def api_processes(stack: BenchStack, count: int) -> AsyncIterator[ApiProcesses]:
    """`count` API processes on one free port, with the stack's settings (logs in .data/bench/api-N.log)."""
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    port = free_port()
    env = {**stack.env(), "API_HOST": "127.0.0.1", "API_PORT": str(port), "API_WORKERS": str(count)}
    processes = []
    try:
        for n in range(1, count + 1):
            with (LOG_DIR / f"api-{n}.log").open("wb") as log_file:
                processes.append(
                    await asyncio.create_subprocess_exec(
                        sys.executable, "-m", "cli", "api", "--reuse-port", cwd=ROOT, env=env, stderr=log_file
                    )
                )
        url = f"http://127.0.0.1:{port}"
        async with httpx.AsyncClient(base_url=url) as http:
            deadline = time.monotonic() + 60
            while True:  # every process answers once its lifespan ran; the kernel picks which one a connection gets
                with contextlib.suppress(httpx.TransportError):
                    if (await http.get("/healthz")).status_code == 200:
                        break
                if time.monotonic() > deadline or any(p.returncode is not None for p in processes):
                    raise RuntimeError(f"the API processes did not start: see {LOG_DIR}/api-N.log")
                await asyncio.sleep(0.2)
        await asyncio.sleep(1.0)  # the others' lifespans too
        yield ApiProcesses(url, [p.pid for p in processes])
    finally:
        for process in processes:
            if process.returncode is None:
                process.terminate()
        for process in processes:
            try:
                await asyncio.wait_for(process.wait(), 30)
            except TimeoutError:
                process.kill()
                await process.wait()


async def measured_probe(stack: BenchStack, config: dict[str, Any], pids: list[int] | None = None) -> dict[str, Any]:
    """A probe, plus the API processes' CPU per request (this process's by default) and the connections made to
    the database meanwhile."""
    before = await sessions_established(stack)
    cpu = _cpu_seconds(pids) if pids else time.process_time()
    result = await loadgen(config)
    cpu = (_cpu_seconds(pids) if pids else time.process_time()) - cpu
    after = await sessions_established(stack)
    result["api_process_cpu_ms_per_request"] = round(cpu / max(1, result["requests"]) * 1000, 2)
    result["loadgen_cpu_ms_per_request"] = round(result["loadgen_cpu_s"] / max(1, result["requests"]) * 1000, 2)
    # Less the sampling connection itself.
    result["db_connections_opened"] = after - before - 1 if before >= 0 and after >= 0 else None
    return result


async def read_path(options: Options, rows: set[str]) -> list[Row]:
    clients, duration = 32, options.pick(20.0, 5.0)
    out: list[Row] = []
    async with stack_for(options, ProviderSpec()) as stack, api(stack) as client:
        project_id = await client.create("Read path")
        await seed(
            stack, project_id, seeded_state(project_id, panels=120, characters=40, rendered=True, story_words=2000)
        )
        path = f"{PROJECTS}/{project_id}"
        first = await client.http.get(path, headers=client.headers)
        etag = first.headers["ETag"]
        # The API as `comic run` starts it: API_WORKERS processes of its own (the full run also tries the other
        # count), apart from the worker and this process.
        default = stack.settings.api_workers
        counts = [default, *options.pick([n for n in (1, 2) if n != default], [])]
        probes: dict[int, tuple[dict[str, Any], dict[str, Any]]] = {}
        for count in counts:
            async with api_processes(stack, count) as processes:
                base: dict[str, Any] = {"mode": "probe", "url": processes.url, "path": path}
                base.update(headers=client.headers, clients=clients)
                await loadgen({**base, "duration": 1.0})  # warm-up: each process's connections and first body
                idle = await measured_probe(stack, {**base, "duration": duration}, processes.pids)
                cached = await measured_probe(
                    stack, {**base, "duration": options.pick(10.0, 3.0), "etag": etag}, processes.pids
                )
                probes[count] = (idle, cached)
                if count == default and "B5b" in rows:
                    out.append(await long_polled(options, stack, client, base, idle, duration))
        idle, cached = probes[default]
        if "B5" in rows:
            met = idle["rps"] >= 500 and idle["p99_ms"] <= 100
            shown = (
                f"API_WORKERS={default}: {idle['rps']:.0f} req/s, p50 {idle['p50_ms']:.1f} ms, p99 "
                f"{idle['p99_ms']:.1f} ms; 304 path: {cached['rps']:.0f} req/s, p50 {cached['p50_ms']:.1f} ms, p99 "
                f"{cached['p99_ms']:.1f} ms; CPU per request: API processes "
                f"{idle['api_process_cpu_ms_per_request']:.2f} ms "
                f"(304: {cached['api_process_cpu_ms_per_request']:.2f}), loadgen "
                f"{idle['loadgen_cpu_ms_per_request']:.1f} ms; {idle['db_connections_opened']} DB "
                "connections opened during the probe"
            )
            for count, (other, _) in probes.items():
                if count != default:
                    shown += (
                        f"; API_WORKERS={count}: {other['rps']:.0f} req/s, p50 {other['p50_ms']:.1f} ms, p99 "
                        f"{other['p99_ms']:.1f} ms"
                    )
            out.append(
                Row(
                    "B5",
                    f"GET /projects/{{id}} (40 characters, 120 rendered panels, {len(first.content) / 1024:.0f} KiB), "
                    f"{clients} clients x {duration:g} s, loadgen in its own process (aiohttp)",
                    round(idle["rps"], 1),
                    "req/s (full body)",
                    ">= 500 req/s and p99 <= 100 ms",
                    met,
                    shown,
                    {
                        "api_workers": default,
                        "full_body": idle,
                        "not_modified": cached,
                        "body_bytes": len(first.content),
                        "by_api_workers": {str(n): {"full_body": i, "not_modified": c} for n, (i, c) in probes.items()},
                    },
                )
            )
    return sorted(out, key=lambda row: row.id)


async def long_polled(
    options: Options, stack: BenchStack, client: Api, base: dict[str, Any], idle: dict[str, Any], duration: float
) -> Row:
    pollers = options.pick(200, 50)
    ids: list[uuid.UUID] = []
    for i in range(0, pollers, 20):
        ids += await asyncio.gather(*(client.create(f"Polled {j}") for j in range(i, min(pollers, i + 20))))
    sampler = ConnectionSampler(stack)
    probe: dict[str, Any] = {}

    async def start_probe() -> None:
        nonlocal probe
        sampling = asyncio.create_task(sampler.run())
        try:
            probe = await loadgen({**base, "duration": duration})
        finally:
            sampling.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await sampling

    polls = await loadgen(
        {
            "mode": "longpoll",
            "url": stack.url,
            "headers": client.headers,
            "paths": [f"{PHASE}/status/{i}" for i in ids],
            "wait": 30,
            "duration": duration + 2,
        },
        on_ready=start_probe,
    )
    engine = make_engine(stack.settings.database_url or "")
    pool = engine.pool
    capacity = int(pool.size()) + int(getattr(pool, "_max_overflow", 0))  # type: ignore[attr-defined]
    await engine.dispose()
    probe_5xx = sum(n for s, n in probe["statuses"].items() if s.startswith("5"))
    poll_5xx = sum(n for s, n in polls["statuses"].items() if s.split()[-1].startswith("5"))
    ratio = probe["p99_ms"] / idle["p99_ms"] if idle["p99_ms"] else math.inf
    failures = {s: n for s, n in probe["statuses"].items() if s not in ("200", "304")}
    met = ratio <= 1.5 and probe_5xx == 0 and poll_5xx == 0 and not failures and sampler.max_in_use <= capacity
    return Row(
        "B5b",
        f"B5's probe while {pollers} clients long-poll /phase/status/{{id}}?wait=30 (If-None-Match) on {pollers} "
        "other projects",
        round(ratio, 2),
        "x idle p99",
        "probe p99 <= 1.5x idle p99; no 5xx; DB connections in use <= pool",
        met,
        f"probe p99 {probe['p99_ms']:.0f} ms = {ratio:.1f}x idle ({probe['rps']:.0f} req/s, "
        f"p50 {probe['p50_ms']:.0f} ms, failed {failures or 0}); long polls {polls['statuses']}; "
        f"5xx: probe {probe_5xx}, polls {poll_5xx}; DB "
        f"connections: max {sampler.max_in_use} in use ({sampler.max_active} active) of {sampler.max_total} open, "
        f"pool {capacity}",
        {
            "probe": probe,
            "long_polls": polls,
            "pollers": pollers,
            "db_max_in_use": sampler.max_in_use,
            "db_max_active": sampler.max_active,
            "db_max_open": sampler.max_total,
            "db_pool_capacity": capacity,
            "probe_5xx": probe_5xx,
            "poll_5xx": poll_5xx,
        },
    )


# ---- B6: throughput ----------------------------------------------------------------------------------------------


@asynccontextmanager
async def worker_process(stack: BenchStack, spec: ProviderSpec, number: int) -> AsyncIterator[None]:
    """`python -m benchmarks.worker` on the stack's queues (its log in .data/bench/worker-N.log)."""
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    with (LOG_DIR / f"worker-{number}.log").open("wb") as log_file:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "benchmarks.worker",
            cwd=ROOT,
            env={**stack.env(), **spec.env()},
            stdout=asyncio.subprocess.PIPE,
            stderr=log_file,
        )
        try:
            assert process.stdout is not None
            line = await asyncio.wait_for(process.stdout.readline(), 60)
            if line.strip() != b"ready":
                raise RuntimeError(f"worker {number} did not start: see {LOG_DIR / f'worker-{number}.log'}")
            yield
        finally:
            if process.returncode is None:
                process.terminate()
                try:
                    await asyncio.wait_for(process.wait(), 30)
                except TimeoutError:
                    process.kill()
                    await process.wait()


async def comics_at_once(client: Api, watch: StateWatch, count: int) -> float:
    """Seconds for `count` auto runs started together (projects created beforehand) to all finish."""
    ids = list(await asyncio.gather(*(client.create(f"Comic {i}") for i in range(count))))
    start = time.monotonic()
    ends = await asyncio.gather(*(auto_run(client, watch, i, within=300) for i in ids))
    return max(end for _, end in ends) - start


async def b6(options: Options) -> Row:
    count = 20
    spec = ProviderSpec(draw=options.draw)
    per_minute: dict[int, float] = {}
    walls: dict[int, float] = {}
    async with (
        stack_for(options, spec, in_process_worker=False, offline_render_delay=0, offline_chunk_delay=0) as stack,
        api(stack) as client,
        state_watch(stack) as watch,
        worker_process(stack, spec, 1),
    ):
        await comics_at_once(client, watch, 2)  # warm-up
        walls[1] = await comics_at_once(client, watch, count)
        async with worker_process(stack, spec, 2):
            await comics_at_once(client, watch, 4)  # warm-up of the second worker
            walls[2] = await comics_at_once(client, watch, count)
    for workers, wall in walls.items():
        per_minute[workers] = count / wall * 60
    best = max(per_minute, key=lambda w: per_minute[w])
    value = per_minute[best]
    return Row(
        "B6",
        f"{count} comics at once (auto runs, zero-latency providers), worker processes apart from the API: comics/min",
        round(value, 1),
        "comics/min",
        ">= 80 comics/min on 2 cores",
        value >= 80,
        f"1 worker process: {per_minute[1]:.0f}/min ({walls[1]:.1f} s); 2 worker processes: {per_minute[2]:.0f}/min "
        f"({walls[2]:.1f} s)",
        {
            "comics": count,
            "per_minute_1_worker": round(per_minute[1], 1),
            "per_minute_2_workers": round(per_minute[2], 1),
            "wall_s_1_worker": round(walls[1], 2),
            "wall_s_2_workers": round(walls[2], 2),
            "best_workers": best,
        },
    )


# ---- B7: fair scheduling across users ----------------------------------------------------------------------------


def panel_rendered(panel_id: str) -> Callable[[dict[str, Any]], bool]:
    """A persisted change that completes the render of one panel."""

    def done(event: dict[str, Any]) -> bool:
        return any(
            c.get("kind") == "panel" and c.get("id") == panel_id and c.get("status") == "completed"
            for c in event.get("changes", [])
        )

    return done


async def b7(options: Options) -> Row:
    latency, concurrency, b_panels = 0.5, 4, 6
    a_panels = options.pick(48, 24)
    spec = ProviderSpec(draw=options.draw)
    async with (
        stack_for(options, spec, image_max_concurrent=concurrency, offline_render_delay=latency) as stack,
        api(stack, "user-a") as a,
        api(stack, "user-b") as b,
        state_watch(stack) as watch,
    ):

        async def ready(client: Api, panels: int) -> uuid.UUID:
            project_id = await client.create()
            await client.rename(project_id, await seed(stack, project_id, seeded_state(project_id, panels)))
            return project_id

        async def render_all(client: Api, project_id: uuid.UUID) -> float:
            start = time.monotonic()
            await client.call("POST", f"{PHASE}/render-all-panels/{project_id}")
            return start

        async def click(project_id: uuid.UUID, panel_id: str) -> float:
            start = time.monotonic()
            await b.call("POST", f"{PHASE}/render-panel/{project_id}", json={"panel_id": panel_id})
            return await watch.until(project_id, panel_rendered(panel_id)) - start

        alone_id = await ready(b, b_panels)
        alone_start = await render_all(b, alone_id)
        alone = await watch.until(alone_id) - alone_start
        panel_id = str((await b.call("GET", f"{PROJECTS}/{alone_id}"))["state"]["panels"][0]["id"])
        idle_click = await click(alone_id, panel_id)
        a_id, b_id = await ready(a, a_panels), await ready(b, b_panels)
        a_start = await render_all(a, a_id)
        await asyncio.sleep(1.0)
        b_start = await render_all(b, b_id)
        b_busy = await watch.until(b_id) - b_start
        busy_click = await click(alone_id, panel_id)
        a_busy = await watch.until(a_id) - a_start
    a_ideal = math.ceil(a_panels / concurrency) * latency
    fcfs = (math.ceil((a_panels + b_panels) / concurrency) * latency - 1.0) / alone  # B behind all of A's backlog
    ratio = b_busy / alone
    shown = (
        f"B's {b_panels} panels behind A's {a_panels}: {b_busy:.2f} s vs {alone:.2f} s alone = {ratio:.2f}x "
        f"(first come, first served would be about {fcfs:.1f}x); A: {a_busy:.2f} s vs ideal {a_ideal:g} s "
        f"= {a_busy / a_ideal:.2f}x; one re-render during A's backlog {busy_click:.2f} s vs {idle_click:.2f} s idle "
        f"= {busy_click / idle_click:.2f}x"
    )
    return Row(
        "B7",
        f"fairness: A renders {a_panels} panels, B {b_panels} from 1 s later; C = {concurrency}, L = {latency} s",
        round(ratio, 3),
        "x B alone",
        "<= 2.0",
        ratio <= 2.0,
        shown,
        {
            "b_alone_s": round(alone, 3),
            "b_behind_a_s": round(b_busy, 3),
            "a_s": round(a_busy, 3),
            "a_ideal_s": a_ideal,
            "click_idle_s": round(idle_click, 3),
            "click_busy_s": round(busy_click, 3),
        },
    )


# ---- B9: the offline renderer through the service, one render at a time vs the image slots -----------------------


async def b9(options: Options) -> Row:
    """A real offline comic's panels (the lighthouse prompt, drawn by the offline renderer's process pool) re-rendered
    by POST render-all-panels: one image slot (the panels drawn one after another) against the default slots."""
    repeats = options.pick(3, 1)
    measured: dict[str, dict[str, Any]] = {}
    for label, slots in (("serial", 1), ("slots", None)):
        overrides: dict[str, Any] = {"offline_render_delay": 0, "offline_chunk_delay": 0}
        if slots is not None:
            overrides["image_max_concurrent"] = slots
        async with (
            stack_for(options, ProviderSpec(draw=True), **overrides) as stack,
            api(stack) as client,
            state_watch(stack) as watch,
        ):
            project_id = await client.create()
            await auto_run(client, watch, project_id)  # story, cast, sheets, panels and a first render of each
            panels = (await watch.phases(project_id))["panel_renders"]["total"]
            walls = []
            for _ in range(repeats):
                start = time.monotonic()
                await client.call("POST", f"{PHASE}/render-all-panels/{project_id}")
                end = await watch.until(project_id)
                await watch.until(project_id, pages_settled)  # not measured: see bulk_render
                walls.append(end - start)
            measured[label] = {
                "panels": panels,
                "image_max_concurrent": stack.settings.image_max_concurrent,
                "render_processes": stack.settings.offline_render_processes or os.cpu_count(),
                "wall_s": round(median(walls), 3),
                "walls_s": [round(w, 3) for w in walls],
            }
    serial, slots_run = measured["serial"], measured["slots"]
    ratio = round(slots_run["wall_s"] / serial["wall_s"], 3)
    shown = (
        f"{serial['panels']} panels: {slots_run['wall_s']:.2f} s with {slots_run['image_max_concurrent']} image slots "
        f"and {slots_run['render_processes']} render processes vs {serial['wall_s']:.2f} s one at a time = {ratio:.2f} "
        f"(median of {repeats}; request -> last panel persisted, drawing included)"
    )
    return Row(
        "B9",
        "offline renderer through the service: bulk render of a real comic's panels, default slots / one slot",
        ratio,
        "x serial",
        "<= 0.6 (2 cores: 0.5 at best)",
        ratio <= 0.6,
        shown,
        {"serial": serial, "slots": slots_run},
    )


ALL_ROWS = ("B1", "B2", "B3", "B4", "B5", "B5b", "B6", "B7", "B8", "B9")


async def run_rows(options: Options, wanted: list[str], done: Callable[[Row], None]) -> list[Row]:
    """Measure the `wanted` rows in table order, handing each to `done` as it is measured."""
    single: dict[str, Callable[[Options], Awaitable[Row]]] = {
        "B1": b1,
        "B2": b2,
        "B3": b3,
        "B4": b4,
        "B6": b6,
        "B7": b7,
        "B8": b8,
        "B9": b9,
    }
    rows: list[Row] = []
    read_done = False
    for row_id in ALL_ROWS:
        if row_id not in wanted:
            continue
        if row_id in ("B5", "B5b"):
            if read_done:
                continue
            read_done = True
            measured = await read_path(options, {r for r in wanted if r in ("B5", "B5b")})
        else:
            measured = [await single[row_id](options)]
        for row in measured:
            rows.append(row)
            done(row)
    return rows

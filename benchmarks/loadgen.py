"""The load generator of the read-path rows, run as its own process so it does not starve the API it measures.

    python -m benchmarks.loadgen '<json config>'

`probe`: `clients` concurrent clients (aiohttp, one keep-alive connection each) GET `path` back to back for
`duration` seconds, optionally with `If-None-Match`; prints one JSON line with the request count, req/s, latency
percentiles and status counts.

`longpoll`: one client per path GETs it once (for the ETag), prints `ready`, then long-polls it with
`If-None-Match` until `duration` seconds have passed; prints a JSON line with the status counts.
"""

import asyncio
import json
import sys
import time
from collections import Counter
from typing import Any

import aiohttp


def _quantile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def probe(config: dict[str, Any]) -> dict[str, Any]:
    headers = dict(config["headers"])
    if config.get("etag"):
        headers["If-None-Match"] = config["etag"]
    url = config["url"] + config["path"]
    timeout = aiohttp.ClientTimeout(total=float(config.get("timeout", 10)))
    latencies: list[float] = []
    statuses: Counter[str] = Counter()
    received = 0
    connector = aiohttp.TCPConnector(limit=0, force_close=False)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        # One request per client first, so connection setup stays out of the measured window.
        async def once() -> None:
            async with session.get(url, headers=headers) as response:
                await response.read()

        await asyncio.gather(*(once() for _ in range(config["clients"])))
        start = time.monotonic()
        end = start + float(config["duration"])

        async def client() -> None:
            nonlocal received
            while time.monotonic() < end:
                sent = time.monotonic()
                try:
                    async with session.get(url, headers=headers) as response:
                        body = await response.read()
                        statuses[str(response.status)] += 1
                        received += len(body)
                except (TimeoutError, aiohttp.ClientError) as e:
                    statuses[type(e).__name__] += 1
                latencies.append(time.monotonic() - sent)

        await asyncio.gather(*(client() for _ in range(config["clients"])))
        elapsed = time.monotonic() - start
    ok = statuses.get("200", 0) + statuses.get("304", 0)
    return {
        "requests": len(latencies),
        "ok": ok,
        "seconds": elapsed,
        "rps": ok / elapsed,
        "p50_ms": _quantile(latencies, 0.5) * 1000,
        "p99_ms": _quantile(latencies, 0.99) * 1000,
        "max_ms": max(latencies, default=0) * 1000,
        "statuses": dict(statuses),
        "body_bytes": received // max(1, len(latencies)),
        "loadgen_cpu_s": time.process_time(),
    }


async def longpoll(config: dict[str, Any]) -> dict[str, Any]:
    headers = dict(config["headers"])
    wait = config.get("wait", 30)
    statuses: Counter[str] = Counter()
    timeout = aiohttp.ClientTimeout(total=float(wait) + 30)
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:

        async def first(path: str) -> str:
            async with session.get(config["url"] + path, headers=headers) as response:
                await response.read()
                statuses[f"first {response.status}"] += 1
                return response.headers.get("ETag", "")

        etags = await asyncio.gather(*(first(path) for path in config["paths"]))
        print("ready", flush=True)
        end = time.monotonic() + float(config["duration"])

        async def client(path: str, etag: str) -> None:
            while time.monotonic() < end:
                try:
                    async with session.get(
                        f"{config['url']}{path}?wait={wait}", headers={**headers, "If-None-Match": etag}
                    ) as response:
                        await response.read()
                        statuses[str(response.status)] += 1
                        etag = response.headers.get("ETag", etag)
                except (TimeoutError, aiohttp.ClientError) as e:
                    statuses[type(e).__name__] += 1

        tasks = [asyncio.create_task(client(p, e)) for p, e in zip(config["paths"], etags, strict=True)]
        await asyncio.sleep(max(0.0, end - time.monotonic()))
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    return {"statuses": dict(statuses)}


def main() -> None:
    config = json.loads(sys.argv[1])
    result = asyncio.run(probe(config) if config["mode"] == "probe" else longpoll(config))
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()

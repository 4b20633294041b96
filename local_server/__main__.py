"""`python -m local_server [--port N]`: run the echo server in the foreground for curl and friends."""

from __future__ import annotations

import argparse
import asyncio
import signal

from .runner import HOST, open_site


async def serve(port: int) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(signum, stop.set)
        except NotImplementedError:  # Windows: Ctrl+C raises KeyboardInterrupt instead, and `finally` still cleans up
            break
    runner, bound_port = await open_site(port)
    print(f"Local echo server on http://{HOST}:{bound_port} (Ctrl+C to stop)", flush=True)
    try:
        await stop.wait()
    finally:
        await runner.cleanup()
        print("Stopped.", flush=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m local_server", description=__doc__)
    parser.add_argument("--port", type=int, default=8080, help="port on 127.0.0.1 (0 picks a free one; default 8080)")
    args = parser.parse_args(argv)
    try:
        asyncio.run(serve(args.port))
    except OSError as exc:  # most often: the port is taken
        parser.exit(1, f"cannot listen on {HOST}:{args.port}: {exc.strerror or exc}\n")


if __name__ == "__main__":
    main()

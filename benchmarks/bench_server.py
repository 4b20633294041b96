"""Figures for the README: the local echo server's speed, its start time in a kernel, the test suite's time.

Run it through ``bash benchmarks/run.sh [--quick] [--only server|upload|kernel|suite]``, which creates
benchmarks/.venv first. Everything here prints figures; nothing is asserted and the exit status is 0
whether a target is met or not. All traffic stays on 127.0.0.1, every loop is bounded in count and
time, and every process started here is terminated and waited for.

Parts:
  server  requests/s and p50/p99 latency of GET /get and POST /post (small JSON body) for the local echo
          server (`python -m local_server`), PyPI httpbin under gunicorn (1 sync worker) and a bare
          aiohttp.web handler (`web.json_response`), one server process at a time, the load generator
          in a process of its own.
  upload  MB/s of a chunked upload through loopback to the local echo server's POST /upload (streamed, hashed,
          never held) and to a bare aiohttp.web handler that reads the body and discards it, side by side.
  kernel  `await start_local_server()` in a fresh IPython kernel (cold: import included) and again
          when it is already running (warm), through jupyter_client.
  suite   `make lint`, `make unit`, `make notebooks-test`, `make browser` part by part, then `make
          notebook-stages` (the last two at once, as `make test` runs them), with the project's own .venv,
          and each lesson notebook executed with nbclient (the committed files are not changed).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
HOST = "127.0.0.1"
PYTHON = sys.executable

CONNECTIONS = 32
"""The load generator's connector limit and number of concurrent workers."""

POST_BODY = json.dumps({"lesson": 1, "name": "aiohttp", "tags": ["client", "json"]}).encode()
"""The small JSON body sent to POST /post (60 bytes)."""

BARE_BODY = {"hello": "world", "n": 1}
"""What the bare handler answers: the ceiling of the stack is one small json_response."""

TARGET_VS_HTTPBIN = 5.0
TARGET_VS_BARE = 0.7


UPLOAD_CHUNK = 1024 * 1024
"""The upload's chunks (1 MiB each), sent chunked: what a client streaming a file does."""


@dataclass
class Settings:
    requests: int
    warmup: int
    rounds: int
    kernels: int
    quick: bool
    upload_bytes: int  # one upload's size


FULL = Settings(requests=3000, warmup=300, rounds=5, kernels=5, quick=False, upload_bytes=1000 * UPLOAD_CHUNK)
QUICK = Settings(requests=1000, warmup=100, rounds=1, kernels=2, quick=True, upload_bytes=200 * UPLOAD_CHUNK)


# ----------------------------------------------------------------------------------------------------
# The bare handler (a subprocess: `bench_server.py _bare PORT`)


def serve_bare(port: int) -> None:
    """A three-route aiohttp.web app set up exactly as `local_server.runner.open_site` does."""
    from aiohttp import web

    async def bare(request: web.Request) -> web.Response:
        if request.can_read_body:
            await request.read()
        return web.json_response(BARE_BODY)

    async def bare_upload(request: web.Request) -> web.Response:
        """The least a handler can do with an upload: read it chunk by chunk and drop it (the size is counted
        only for the sanity check)."""
        size = 0
        async for chunk in request.content.iter_any():
            size += len(chunk)
        return web.json_response({"bytes": size})

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
        app = web.Application()
        app.router.add_get("/get", bare)
        app.router.add_post("/post", bare)
        app.router.add_post("/upload", bare_upload)
        runner = web.AppRunner(app)
        await runner.setup()
        site = web.TCPSite(runner, HOST, port)
        await site.start()
        print(f"bare handler on http://{HOST}:{site.port}", flush=True)
        try:
            await stop.wait()
        finally:
            await runner.cleanup()

    asyncio.run(main())


# ----------------------------------------------------------------------------------------------------
# The load generator (a subprocess: `bench_server.py _load URL METHOD COUNT`)


def generate_load(url: str, method: str, count: int, connections: int) -> dict:
    """Send `count` requests with `connections` concurrent workers; return latencies and throughput."""
    import aiohttp

    async def main() -> dict:
        connector = aiohttp.TCPConnector(limit=connections)
        timeout = aiohttp.ClientTimeout(total=30)
        headers = {"Content-Type": "application/json"} if method == "POST" else None
        body = POST_BODY if method == "POST" else None
        latencies: list[float] = []
        statuses: dict[int, int] = {}
        tickets = iter(range(count))

        async def worker(session: aiohttp.ClientSession) -> None:
            for _ in tickets:
                start = time.perf_counter()
                async with session.request(method, url, data=body, headers=headers) as response:
                    await response.read()
                latencies.append(time.perf_counter() - start)
                statuses[response.status] = statuses.get(response.status, 0) + 1

        async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
            cpu0, start = time.process_time(), time.perf_counter()
            await asyncio.wait_for(asyncio.gather(*(worker(session) for _ in range(connections))), timeout=300)
            elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu0
        return {"elapsed": elapsed, "client_cpu": cpu, "latencies": latencies, "statuses": statuses}

    return asyncio.run(main())


def generate_upload(url: str, total: int) -> dict:
    """POST `total` bytes to `url`, chunked, 1 MiB a chunk, on one connection; return the time and the answer."""
    import aiohttp

    async def main() -> dict:
        chunk = b"u" * UPLOAD_CHUNK

        async def body():
            for _ in range(total // UPLOAD_CHUNK):
                yield chunk

        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=300)) as session:
            cpu0, start = time.process_time(), time.perf_counter()
            async with session.post(url, data=body()) as response:
                answer = await response.json()
            elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu0
        return {"elapsed": elapsed, "client_cpu": cpu, "status": response.status, "answer": answer}

    return asyncio.run(main())


# ----------------------------------------------------------------------------------------------------
# Servers under test, one at a time


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


@dataclass
class Target:
    key: str
    label: str
    command: list[str]  # "{port}" is replaced
    check: str  # what the sanity check expects: "echo" or "bare"


TARGETS = [
    Target(
        "echo", "local echo server (python -m local_server)", [PYTHON, "-m", "local_server", "--port", "{port}"], "echo"
    ),
    Target(
        "httpbin",
        "httpbin 0.10.4, gunicorn -w 1 (sync)",
        [str(Path(PYTHON).with_name("gunicorn")), "-w", "1", "-b", f"{HOST}:{{port}}", "--no-control-socket"]
        + ["--log-level", "warning", "httpbin:app"],
        "echo",
    ),
    Target(
        "bare", "bare aiohttp.web json_response", [PYTHON, str(Path(__file__).resolve()), "_bare", "{port}"], "bare"
    ),
]


@contextlib.contextmanager
def running_server(target: Target, log_dir: Path, wrap: list[str] | None = None):
    """Start the target's server process, wait until it answers, and always stop it."""
    import psutil

    port = free_port()
    base = f"http://{HOST}:{port}"
    command = (wrap or []) + [part.replace("{port}", str(port)) for part in target.command]
    log_path = log_dir / f"{target.key}.log"
    with open(log_path, "ab") as log:
        proc = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        wait_until_answering(base, proc, f"{target.key} (see {log_path})")
        sanity_check(base, target.check)
        yield base, psutil.Process(proc.pid)
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def wait_until_answering(base: str, proc: subprocess.Popen, name: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while True:
        if proc.poll() is not None:
            raise RuntimeError(f"{name} exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(base + "/get", timeout=2) as response:
                response.read()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise RuntimeError(f"{name} did not answer within {seconds:g} s") from None
            time.sleep(0.05)


def sanity_check(base: str, kind: str) -> None:
    """Make sure the server answers what we think it answers before timing it."""
    with urllib.request.urlopen(base + "/get?lesson=1", timeout=5) as response:
        got = json.loads(response.read())
    request = urllib.request.Request(base + "/post", data=POST_BODY, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=5) as response:
        posted = json.loads(response.read())
    if kind == "echo":
        ok = got["args"] == {"lesson": "1"} and posted["json"] == json.loads(POST_BODY)
    else:
        ok = got == BARE_BODY == posted
    if not ok:
        raise RuntimeError(f"unexpected answer from {base}: {got!r} {posted!r}")


def cpu_seconds(proc) -> float:
    """CPU time of a server process and its children (gunicorn's worker is a child of its arbiter).

    Read from /proc/PID/task/*/schedstat (nanoseconds) where there is one, since psutil's clock ticks
    (10 ms) are coarse for 3,000 requests of well under 100 µs each.
    """
    total = 0.0
    for p in [proc, *proc.children(recursive=True)]:
        with contextlib.suppress(Exception):
            tasks = list(Path(f"/proc/{p.pid}/task").glob("*/schedstat"))
            if tasks:
                total += sum(int(task.read_text().split()[0]) for task in tasks) / 1e9
            else:
                times = p.cpu_times()
                total += times.user + times.system
    return total


def load(url: str, method: str, count: int) -> dict:
    command = [PYTHON, str(Path(__file__).resolve()), "_load", url, method, str(count), str(CONNECTIONS)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, stdin=subprocess.DEVNULL)
    if done.returncode != 0:
        raise RuntimeError(f"load generator failed for {method} {url}:\n{done.stderr}")
    return json.loads(done.stdout)


@dataclass
class Round:
    rate: float  # requests/s
    latencies: list[float]  # seconds, sorted
    server_cpu: float  # seconds of server CPU per request
    client_busy: float  # the load generator's CPU time / wall time
    non_200: int

    def percentile(self, p: float) -> float:
        return self.latencies[min(len(self.latencies) - 1, round(p / 100 * (len(self.latencies) - 1)))]


@dataclass
class Result:
    """The rounds of one server and request. Other work on the machine can only slow a round down, so the
    figures reported are those of the fastest round (and the lowest CPU time); the median is shown too."""

    rounds: list[Round] = field(default_factory=list)

    @property
    def best(self) -> Round:
        return max(self.rounds, key=lambda r: r.rate)

    @property
    def median_rate(self) -> float:
        return statistics.median(r.rate for r in self.rounds)

    @property
    def server_cpu(self) -> float:
        return min(r.server_cpu for r in self.rounds)


SCENARIOS = (("GET", "/get"), ("POST", "/post"))


def bench_servers(settings: Settings, log_dir: Path) -> dict[tuple[str, str], Result]:
    results = {(t.key, m): Result() for t in TARGETS for m, _ in SCENARIOS}
    for round_no in range(1, settings.rounds + 1):
        for target in TARGETS:
            with running_server(target, log_dir) as (base, proc):
                for method, path in SCENARIOS:
                    load(base + path, method, settings.warmup)
                    cpu0 = cpu_seconds(proc)
                    run = load(base + path, method, settings.requests)
                    one = Round(
                        rate=settings.requests / run["elapsed"],
                        latencies=sorted(run["latencies"]),
                        server_cpu=(cpu_seconds(proc) - cpu0) / settings.requests,
                        client_busy=run["client_cpu"] / run["elapsed"],
                        non_200=sum(n for status, n in run["statuses"].items() if status != "200"),
                    )
                    results[target.key, method].rounds.append(one)
                    print(
                        f"  round {round_no}/{settings.rounds}  {target.key:<8} {method:<4} {path:<6}"
                        f"{one.rate:>9,.0f} req/s {one.server_cpu * 1e6:6.0f} µs server CPU per request",
                        flush=True,
                    )
    return results


UPLOAD_TARGETS = ("echo", "bare")
"""The servers that take an upload: httpbin has no /upload (its /post would hold the whole body in memory)."""


@dataclass
class UploadRound:
    rate: float  # MB/s (10^6 bytes a second)
    server_cpu: float  # seconds of server CPU per GB (10^9 bytes)
    client_busy: float  # the upload client's CPU time / wall time


def upload(url: str, total: int) -> dict:
    command = [PYTHON, str(Path(__file__).resolve()), "_upload", url, str(total)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, stdin=subprocess.DEVNULL)
    if done.returncode != 0:
        raise RuntimeError(f"upload client failed for {url}:\n{done.stderr}")
    run = json.loads(done.stdout)
    if run["status"] != 200 or run["answer"].get("bytes") != total:
        raise RuntimeError(f"unexpected answer to an upload of {total} bytes to {url}: {run['status']} {run['answer']}")
    return run


def bench_uploads(settings: Settings, log_dir: Path) -> dict[str, list[UploadRound]]:
    """Each round: for the echo server and the bare handler in turn, one warm-up upload, then one timed."""
    results: dict[str, list[UploadRound]] = {key: [] for key in UPLOAD_TARGETS}
    targets = [target for target in TARGETS if target.key in UPLOAD_TARGETS]
    for round_no in range(1, settings.rounds + 1):
        for target in targets:
            with running_server(target, log_dir) as (base, proc):
                upload(base + "/upload", 16 * UPLOAD_CHUNK)
                cpu0 = cpu_seconds(proc)
                run = upload(base + "/upload", settings.upload_bytes)
                one = UploadRound(
                    rate=settings.upload_bytes / run["elapsed"] / 1e6,
                    server_cpu=(cpu_seconds(proc) - cpu0) / (settings.upload_bytes / 1e9),
                    client_busy=run["client_cpu"] / run["elapsed"],
                )
                results[target.key].append(one)
                print(
                    f"  round {round_no}/{settings.rounds}  {target.key:<8} POST /upload {one.rate:>7,.0f} MB/s"
                    f" {one.server_cpu:6.2f} s server CPU per GB",
                    flush=True,
                )
    return results


def upload_report(results: dict[str, list[UploadRound]], settings: Settings) -> tuple[list[str], list[str]]:
    labels = {
        "echo": "local echo server, POST /upload (SHA-256 of every byte)",
        "bare": "bare aiohttp.web handler, reads and discards",
    }
    table = [
        f"{'server (1 process)':<56} {'MB/s':>7} {'(median)':>9} {'server CPU s/GB':>16} {'client CPU':>10}",
        "-" * 102,
    ]
    md = ["| server (1 process) | MB/s | server CPU s/GB |", "|---|---:|---:|"]
    for key in UPLOAD_TARGETS:
        rounds = results[key]
        best = max(rounds, key=lambda r: r.rate)
        median = statistics.median(r.rate for r in rounds)
        cpu = min(r.server_cpu for r in rounds)
        table.append(
            f"{labels[key]:<56} {best.rate:>7,.0f} {median:>9,.0f} {cpu:>16.2f} {best.client_busy * 100:>9.0f} %"
        )
        md.append(f"| {labels[key]} | {best.rate:,.0f} | {cpu:.2f} |")
    echo = max(r.rate for r in results["echo"])
    bare = max(r.rate for r in results["bare"])
    ratio = f"local echo / bare POST /upload: {echo / bare:.2f}× the MB/s"
    size, chunk = settings.upload_bytes / 1e6, f"{UPLOAD_CHUNK // 2**20} MiB"
    note = (
        f"One upload of {size:,.0f} MB per server and round ({settings.rounds} round(s), after a 16 MiB warm-up),"
        f" sent chunked in {chunk} chunks by one aiohttp ClientSession in a process of its own,"
        " on 127.0.0.1. MB/s is that of the fastest round (10^6 bytes a second), the median beside it; 'server CPU'"
        " is the server's CPU time per GB received, the lowest of the rounds."
    )
    md_note = (
        f"One chunked upload of {size:,.0f} MB ({chunk} chunks, one aiohttp client process),"
        f" fastest of {settings.rounds} rounds, through loopback:"
    )
    return [*table, "", ratio, "", textwrap.fill(note, 106)], [md_note, "", *md, "", f"- {ratio}"]


def profile_echo(settings: Settings, log_dir: Path) -> None:
    """Run the local echo server under pyinstrument while GET and POST load runs; print the profile."""
    target = TARGETS[0]
    report = log_dir / "echo-profile.txt"
    wrap = [PYTHON, "-m", "pyinstrument", "--show-all", "-o", str(report)]
    target = Target(target.key, target.label, target.command[1:], target.check)  # pyinstrument runs "-m ..."
    with running_server(target, log_dir, wrap=wrap) as (base, _):
        for method, path in SCENARIOS:
            load(base + path, method, settings.requests)
    deadline = time.monotonic() + 10
    while not report.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    print(report.read_text() if report.exists() else f"no profile written; see {log_dir}")


# ----------------------------------------------------------------------------------------------------
# Start time of the server in a kernel

KERNEL_CODE = textwrap.dedent(
    """
    import json as _json, sys as _sys, time as _time
    _t0 = _time.perf_counter()
    from local_server import start_local_server
    _t1 = _time.perf_counter()
    server = await start_local_server()
    _t2 = _time.perf_counter()
    _warm = []
    for _ in range(20):
        _s = _time.perf_counter()
        await start_local_server()
        _warm.append(_time.perf_counter() - _s)
    _warm.sort()
    print("BENCH" + _json.dumps({"import": _t1 - _t0, "cold": _t2 - _t0, "warm": _warm[len(_warm) // 2],
                                  "python": _sys.executable}))
    """
)


def bench_kernel(settings: Settings, log_dir: Path) -> dict:
    runs = []
    for _ in range(settings.kernels):
        figures = time_in_fresh_kernel(log_dir)
        runs.append(figures)
        print(f"  kernel: cold {figures['cold'] * 1e3:.0f} ms, warm {figures['warm'] * 1e3:.2f} ms", flush=True)
    medians = {key: statistics.median(r[key] for r in runs) for key in ("import", "cold", "warm", "kernel_start")}
    return medians | {"kernels": len(runs), "python": runs[0]["python"]}


def time_in_fresh_kernel(log_dir: Path) -> dict:
    """Start a kernel, run KERNEL_CODE in it, shut it down; return what it printed (and the kernel's start)."""
    from jupyter_client.manager import start_new_kernel

    lines: list[str] = []

    def on_output(msg: dict) -> None:
        if msg["msg_type"] == "stream":
            lines.append(msg["content"]["text"])
        elif msg["msg_type"] == "error":
            lines.append("\n".join(msg["content"]["traceback"]))

    with open(log_dir / "kernels.log", "ab") as kernel_log:
        start = time.perf_counter()
        km, kc = start_new_kernel(kernel_name="python3", cwd=str(ROOT / "notebooks"), stderr=kernel_log)
    kernel_start = time.perf_counter() - start
    try:
        reply = kc.execute_interactive(KERNEL_CODE, timeout=120, output_hook=on_output)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    text = "".join(lines)
    if reply["content"]["status"] != "ok" or "BENCH" not in text:
        raise RuntimeError(f"kernel run failed:\n{text}")
    return json.loads(text.split("BENCH", 1)[1]) | {"kernel_start": kernel_start}


# ----------------------------------------------------------------------------------------------------
# The test suite and the notebooks


def summary_line(log: str) -> str:
    """pytest's closing line (`12 passed, 1 skipped in 3.4s`) or ruff's, whichever comes last."""
    found = re.findall(r"^=*\s*(\d+ (?:passed|failed|error|skipped).*?)\s*=*$", log, re.M)
    if found:
        return re.sub(r" in [\d.]+s( \(.*\))?$", "", found[-1])
    return "All checks passed" if "All checks passed" in log else ""


def bench_suite(settings: Settings, log_dir: Path) -> dict:
    make = shutil.which("make")
    if make is None:
        return {"error": "make is not installed"}
    parts = ["lint", "unit"] if settings.quick else ["lint", "unit", "notebooks-test", "browser", "notebook-stages"]
    notes = []
    if "browser" in parts and shutil.which("chromium") is None:
        parts = [part for part in parts if part not in ("browser", "notebook-stages")]
        notes.append("make browser and make notebook-stages left out: chromium is not installed")
    if settings.quick:
        notes.append("--quick: make notebooks-test and make browser left out")
    env = {k: v for k, v in os.environ.items() if k not in {"VIRTUAL_ENV", "PYTHONPATH"}}
    # The project's own .venv, as `make test` uses it: installed first (if needed) and not timed.
    rc, output, _ = run_make(make, ".venv/.installed", env)
    if rc != 0:
        return {"error": f"make could not install .venv:\n{output}"}
    timings = {}
    for part in parts:
        rc, output, elapsed = run_make(make, part, env)
        (log_dir / f"make-{part}.log").write_text(output)
        timings[part] = {"seconds": elapsed, "rc": rc, "summary": summary_line(output)}
        print(f"  make {part}: {fmt_seconds(elapsed)} s (exit {rc})", flush=True)
    return {"parts": timings, "notes": notes, "notebooks": bench_notebooks(log_dir)}


def run_make(make: str, target: str, env: dict[str, str], timeout: float = 1800) -> tuple[int, str, float]:
    """`make -C ROOT target`: exit status, output and wall time; the whole process group ends on a timeout."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [make, "-C", str(ROOT), target],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        text=True,
        env=env,
        start_new_session=True,
    )
    try:
        output, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGTERM)
        output, _ = proc.communicate()
        output += f"\n(stopped after {timeout:g} s)"
    return proc.returncode, output, time.perf_counter() - start


def bench_notebooks(log_dir: Path) -> dict[str, float]:
    import nbformat
    from nbclient import NotebookClient

    timings = {}
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb")):
        nb = nbformat.read(path, as_version=4)  # executed in memory only: the file is never written
        client = NotebookClient(
            nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
        )
        start = time.perf_counter()
        with open(log_dir / "kernels.log", "ab") as kernel_log:
            client.execute(stderr=kernel_log)
        timings[path.name] = time.perf_counter() - start
        print(f"  {path.name}: {timings[path.name]:.1f} s", flush=True)
    return timings


# ----------------------------------------------------------------------------------------------------
# Output


def machine() -> str:
    model = "unknown CPU"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    import aiohttp

    return f"{os.cpu_count()} cores, {model}, Python {platform.python_version()}, aiohttp {aiohttp.__version__}"


def fmt_seconds(value: float) -> str:
    return f"{value:.2f}" if value < 1 else f"{value:.1f}" if value < 10 else f"{value:.0f}"


def verdict(ratio: float, target: float) -> str:
    return "PASS" if ratio >= target else "SHORT"


def server_report(results: dict[tuple[str, str], Result], settings: Settings) -> tuple[list[str], list[str]]:
    table = [
        f"{'server (1 process)':<44} {'request':<10} {'req/s':>8} {'(median)':>9} {'p50 ms':>7} {'p99 ms':>7}"
        f" {'server CPU':>11} {'client CPU':>10}",
        "-" * 113,
    ]
    md = [
        "| server (1 process) | GET /get req/s | p50 / p99 ms | POST /post req/s | p50 / p99 ms"
        " | server CPU µs/req, GET / POST |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for target in TARGETS:
        cells, cpu_cells = [], []
        for method, path in SCENARIOS:
            r = results[target.key, method]
            best = r.best
            p50, p99 = best.percentile(50) * 1e3, best.percentile(99) * 1e3
            errors = sum(one.non_200 for one in r.rounds)
            table.append(
                f"{target.label:<44} {method + ' ' + path:<10} {best.rate:>8,.0f} {r.median_rate:>9,.0f}"
                f" {p50:>7.1f} {p99:>7.1f} {r.server_cpu * 1e6:>6.0f} µs/r {best.client_busy * 100:>8.0f} %"
                + (f"  ({errors} answers not 200!)" if errors else "")
            )
            cells += [f"{best.rate:,.0f}", f"{p50:.1f} / {p99:.1f}"]
            cpu_cells.append(f"{r.server_cpu * 1e6:.0f}")
        md.append(f"| {target.label} | " + " | ".join(cells) + f" | {' / '.join(cpu_cells)} |")
    ratios, md_ratios = [], []
    for other, target_ratio in (("httpbin", TARGET_VS_HTTPBIN), ("bare", TARGET_VS_BARE)):
        for method, path in SCENARIOS:
            ratio = results["echo", method].best.rate / results[other, method].best.rate
            by_cpu = results[other, method].server_cpu / results["echo", method].server_cpu
            what = f"local echo / {other} {method} {path}"
            verdict_text = f"(target ≥ {target_ratio:g}×: {verdict(ratio, target_ratio)})"
            ratios.append(f"{what:<32} {ratio:5.2f}×  {verdict_text:<24} by server CPU per request: {by_cpu:.2f}×")
            md_ratios.append(f"- {what}: **{ratio:.2f}×** {verdict_text}; by server CPU per request {by_cpu:.2f}×")
    note = (
        f"Load: one aiohttp ClientSession in a process of its own, TCPConnector(limit={CONNECTIONS}) and"
        f" {CONNECTIONS} concurrent workers; {settings.requests:,} requests per server and request after"
        f" {settings.warmup:,} warm-up ones, in {settings.rounds} round(s) (servers taken in turn in each round);"
        " req/s, p50 and p99 are those of the fastest round (other work on the machine only slows a round"
        " down), with the median req/s beside them. One server at a time, on 127.0.0.1; POST sends a"
        f" {len(POST_BODY)}-byte JSON body. 'server CPU' is the server's CPU time per request, the lowest of the"
        " rounds: the figure that decides throughput when the server is the bottleneck. 'client CPU' is how"
        " busy the load generator's core was: near 100 %, req/s is bound by the client rather than the server."
    )
    md_note = (
        f"One aiohttp client process (TCPConnector(limit={CONNECTIONS}), {CONNECTIONS} concurrent requests,"
        f" {settings.requests:,} requests after {settings.warmup:,} warm-up ones, fastest of {settings.rounds}"
        f" rounds), one server process at a time, on loopback ({os.cpu_count()} cores: one for the client, one for"
        " the server)."
    )
    return (
        [*table, "", *ratios, "", textwrap.fill(note, 106)],
        [md_note, "", *md, "", *md_ratios],
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="a short run: fewer requests, rounds and kernels")
    parser.add_argument("--only", choices=["server", "upload", "kernel", "suite"], help="run one part only")
    parser.add_argument("--profile", action="store_true", help="profile the local echo server under load and stop")
    args = parser.parse_args()
    settings = QUICK if args.quick else FULL
    log_dir = Path(tempfile.mkdtemp(prefix="bench-"))
    load_before = os.getloadavg()
    print(f"Machine: {machine()}\nLoad average before: {load_before[0]:.2f}\nLogs: {log_dir}\n", flush=True)
    if args.profile:
        profile_echo(settings, log_dir)
        return

    parts = [args.only] if args.only else ["server", "upload", "kernel", "suite"]
    figures = [
        f"Measured {datetime.date.today()} with `bash benchmarks/run.sh{' --quick' if args.quick else ''}`"
        f" on {machine()}.",
        "",
    ]
    report: list[str] = []
    if "server" in parts:
        print("== Server throughput and latency", flush=True)
        table, md = server_report(bench_servers(settings, log_dir), settings)
        report += ["== Server throughput and latency", *table, ""]
        figures += md + [""]
    if "upload" in parts:
        print("== Upload throughput", flush=True)
        table, md = upload_report(bench_uploads(settings, log_dir), settings)
        report += ["== Upload throughput (POST /upload, chunked)", *table, ""]
        figures += md + [""]
    if "kernel" in parts:
        print("== Server start in a kernel", flush=True)
        k = bench_kernel(settings, log_dir)
        lines = [
            f"cold (fresh kernel, import included): {k['cold'] * 1e3:6.0f} ms   (of which the import: "
            f"{k['import'] * 1e3:.0f} ms)",
            f"warm (server already running):        {k['warm'] * 1e3:6.2f} ms",
            f"(median of {k['kernels']} fresh kernels; starting a kernel itself takes {k['kernel_start']:.1f} s;"
            f" kernel: {k['python']})",
        ]
        report += ["== `await start_local_server()` in a kernel", *lines, ""]
        figures.append(
            f"- `await start_local_server()`: **{k['cold'] * 1e3:.0f} ms** in a fresh kernel (import of"
            f" `local_server` included: {k['import'] * 1e3:.0f} ms), **{k['warm'] * 1e3:.2f} ms** when already"
            f" running (median of {k['kernels']} fresh kernels)."
        )
    if "suite" in parts:
        print("== Test suite and notebooks", flush=True)
        s = bench_suite(settings, log_dir)
        if "error" in s:
            report += ["== Test suite", s["error"], ""]
        else:
            # make test = lint, unit, then notebooks-test and browser at once (notebook-stages)
            in_make_test = ["lint", "unit", "notebook-stages"] if "notebook-stages" in s["parts"] else list(s["parts"])
            total = sum(s["parts"][name]["seconds"] for name in in_make_test)
            lines = [
                f"make {name:<15} {fmt_seconds(p['seconds']):>6} s   exit {p['rc']}   {p['summary']}"
                for name, p in s["parts"].items()
            ]
            names = " ".join(in_make_test)
            lines.append(f"make {names}: {total:.1f} s in all" + (" (= make test)" if len(in_make_test) == 3 else ""))
            lines += s["notes"]
            lines += ["", "Each notebook executed with nbclient in a fresh kernel (kernel start included):"]
            lines += [f"  {name:<36} {sec:5.1f} s" for name, sec in s["notebooks"].items()]
            report += ["== Test suite (the project's .venv already installed)", *lines, ""]
            parts_text = ", ".join(f"`make {n}` {fmt_seconds(p['seconds'])} s" for n, p in s["parts"].items())
            failed = [n for n, p in s["parts"].items() if p["rc"] != 0]
            figures.append(
                f"- Test suite with `.venv` installed (`make {names}`): **{total:.0f} s** ({parts_text})"
                + (f"; FAILED: {', '.join(failed)}" if failed else "")
                + ("; " + "; ".join(s["notes"]) if s["notes"] else "")
                + "."
            )
            nbs = ", ".join(f"{name.removesuffix('.ipynb')} {sec:.1f} s" for name, sec in s["notebooks"].items())
            figures.append(f"- Each notebook executed in a fresh kernel (kernel start included): {nbs}.")

    load_after = os.getloadavg()
    report.append(f"Load average (1 min): {load_before[0]:.2f} before the run, {load_after[0]:.2f} after it.")
    if load_before[0] > 0.5:
        report.append("(Above 0.5 before the run: something else was using the CPU, which slows the figures down.)")
    print("\n" + "\n".join(report))
    print("== Figures (for the README)\n" + "\n".join(figures))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "_bare":
        serve_bare(int(sys.argv[2]))
    elif len(sys.argv) > 1 and sys.argv[1] == "_upload":
        print(json.dumps(generate_upload(sys.argv[2], int(sys.argv[3]))))
    elif len(sys.argv) > 1 and sys.argv[1] == "_load":
        print(json.dumps(generate_load(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))))
    else:
        main()

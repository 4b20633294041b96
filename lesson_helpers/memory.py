"""Measuring the memory a coroutine allocates while it runs, and drawing it over time.

    trace = await trace_memory(download(url))
    trace.peak           # the most bytes allocated at once (above what was allocated before), exact
    trace.result         # what the coroutine returned
    plot_memory({"read()": trace, "streamed": other_trace})

`tracemalloc` counts every allocation Python makes, in every thread of this process. So measure against a
server in another process (`lesson_helpers.ServerProcess`): a server in a thread of this process would have
its own buffers counted as the client's. The peak is tracemalloc's own, exact; the curve comes from a thread
that samples the current total every few milliseconds, into arrays allocated before the measurement starts,
so that the sampling itself adds nothing to what is measured.
"""

from __future__ import annotations

import threading
import time
import tracemalloc
from array import array
from collections.abc import Awaitable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

import matplotlib.pyplot as plt

MiB = 1024 * 1024
SAMPLE_INTERVAL = 0.002
"""Seconds between samples of the curve (Python switches threads every 5 ms at most, so about that)."""
MAX_SAMPLES = 20_000
"""Room for 40 s of samples at the interval above; sampling stops when it is full (the peak is still exact)."""
FLAT_FRACTION = 0.05
"""A curve whose peak is under this fraction of the highest one is pointed at with a label: it runs along the axis."""

T = TypeVar("T")


@dataclass(frozen=True)
class MemoryTrace:
    """What `trace_memory` measured: the curve over time, its exact peak, and the coroutine's result."""

    seconds: list[float]
    """When each sample was taken, in seconds after the coroutine started."""
    allocated: list[int]
    """Bytes allocated at each sample, above what was allocated when the coroutine started."""
    peak: int
    """The most bytes allocated at once while the coroutine ran, above the start (tracemalloc's peak)."""
    duration: float
    """How long the coroutine ran, in seconds."""
    result: Any


async def trace_memory(awaitable: Awaitable[T], *, interval: float = SAMPLE_INTERVAL) -> MemoryTrace:
    """Await `awaitable` while tracemalloc traces this process; return its curve, peak and result."""
    started_tracing = not tracemalloc.is_tracing()
    if started_tracing:
        tracemalloc.start()
    seconds = array("d", bytes(8 * MAX_SAMPLES))
    allocated = array("q", bytes(8 * MAX_SAMPLES))
    taken = array("q", [0])
    stop = threading.Event()

    def sample() -> None:
        n = 0
        while n < MAX_SAMPLES:
            seconds[n] = time.perf_counter() - t0
            allocated[n] = tracemalloc.get_traced_memory()[0] - baseline
            n += 1
            taken[0] = n
            if stop.wait(interval):
                break

    sampler = threading.Thread(target=sample, name="memory-sampler", daemon=True)
    try:
        tracemalloc.reset_peak()
        baseline = tracemalloc.get_traced_memory()[0]
        t0 = time.perf_counter()
        sampler.start()
        result = await awaitable
        duration = time.perf_counter() - t0
        peak = tracemalloc.get_traced_memory()[1] - baseline
        stop.set()
        sampler.join()
    finally:
        stop.set()
        if started_tracing:
            tracemalloc.stop()
    n = taken[0]
    # One last point at the end, so that each curve runs until its coroutine returned.
    return MemoryTrace([*seconds[:n], duration], [*allocated[:n], allocated[n - 1] if n else 0], peak, duration, result)


def plot_memory(
    traces: Mapping[str, MemoryTrace],
    *,
    body_size: int | None = None,
    title: str = "memory allocated while downloading",
    xlabel: str = "seconds after the download started",
) -> None:
    """One line per trace (its label the key, with its peak): MiB allocated against seconds.

    `body_size`, when given, is drawn as a dashed line: the size of the body downloaded (or uploaded), for
    comparison. `title` and `xlabel` say what was measured (an upload: "seconds after the upload started").
    """
    fig, ax = plt.subplots(figsize=(8, 3.6))
    for name, trace in traces.items():
        mib = [size / MiB for size in trace.allocated]
        ax.plot(
            trace.seconds, mib, drawstyle="steps-post", linewidth=2, label=f"{name}: peak {trace.peak / MiB:,.1f} MiB"
        )
    highest = max(trace.peak for trace in traces.values())
    if body_size is not None:
        ax.axhline(
            body_size / MiB, color="grey", linestyle="--", linewidth=1, label=f"the body: {body_size / MiB:,.0f} MiB"
        )
        highest = max(highest, body_size)
    for name, trace in traces.items():  # a line drawn along the bottom of the plot gets a word pointing at it
        if trace.peak < highest * FLAT_FRACTION:
            ax.annotate(
                f"{name}: flat, {trace.peak / MiB:,.1f} MiB at most",
                xy=(trace.duration / 2, trace.peak / MiB),
                xytext=(0, 30),
                textcoords="offset points",
                ha="center",
                fontsize="small",
                bbox={"boxstyle": "round", "facecolor": "white", "edgecolor": "none", "alpha": 0.9},
                arrowprops={"arrowstyle": "->", "color": "grey"},
            )
    ax.set_xlabel(xlabel)
    ax.set_ylabel("MiB allocated")
    ax.set_xlim(left=0)
    ax.set_ylim(0, highest / MiB * 1.3)  # room above the lines for the legend
    ax.set_title(title, loc="left")
    ax.legend(loc="upper center", ncol=len(traces) + (body_size is not None), fontsize="small", frameon=False)
    fig.tight_layout()
    plt.show()

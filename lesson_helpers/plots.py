"""Plots the lessons draw, with matplotlib: each function draws one figure and shows it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

Span = tuple[float, float]
"""When something started and ended, in seconds after a common start."""


def plot_timeline(
    panels: Mapping[str, Sequence[Span]],
    *,
    row_label: str = "request",
    xlabel: str = "seconds after the first request started",
    color: str = "tab:blue",
    waits: Mapping[str, Sequence[Span]] | None = None,
    labels: tuple[str, str] = ("in flight", "waiting"),
) -> None:
    """One panel per entry (its title the key), one horizontal bar per span, from its start to its end.

    ``plot_timeline({"one after the other": spans_a, "gathered": spans_b})`` draws requests in flight.
    ``waits``, when given, holds for each panel what each row waited for before its span (same keys, same
    order of rows): drawn as a light bar before the span, and both named in a legend by ``labels``
    (the span's name, then the wait's). Lesson 12 shows requests waiting for a pooled connection that way.
    """
    rows = max(len(spans) for spans in panels.values())
    fig, axes = plt.subplots(
        len(panels), 1, figsize=(8, 0.6 + (0.35 * rows + 0.5) * len(panels)), sharex=True, squeeze=False
    )
    for ax, (title, spans) in zip(axes[:, 0], panels.items(), strict=True):
        for n, (started, ended) in enumerate((waits or {}).get(title, ())):
            ax.barh(n, ended - started, left=started, height=0.6, color="lightgray")
        for n, (started, ended) in enumerate(spans):
            ax.barh(n, ended - started, left=started, height=0.6, color=color)
        ax.set_yticks(range(len(spans)), [f"{row_label} {n}" for n in range(len(spans))])
        ax.set_ylim(rows - 0.5, -0.5)
        ax.set_title(title, loc="left")
    axes[-1, 0].set_xlabel(xlabel)
    axes[-1, 0].set_xlim(left=0)
    if waits:
        handles = [Patch(color=color, label=labels[0]), Patch(color="lightgray", label=labels[1])]
        axes[0, 0].legend(handles=handles, loc="upper right", fontsize=8, frameon=False)
    fig.tight_layout()
    plt.show()


Attempt = tuple[float, float, str, bool]
"""One attempt of a retry loop: when it started and ended (seconds after the run's first attempt started),
a short label (its status, or the exception's name) and whether it succeeded."""


def plot_attempts(
    runs: Mapping[str, Sequence[Attempt]],
    *,
    ceilings: Mapping[str, Sequence[float]] | None = None,
    xlabel: str = "seconds after the first attempt started",
) -> None:
    """One row per run of a retry loop: a dot for each attempt (green if it succeeded, red if not), labelled
    with its outcome, and a grey bar for each wait between two attempts, labelled with its length.

    ``ceilings[run]``, when given, holds the longest each wait of that run could have been (the backoff's
    ceiling, below which full jitter draws the wait); each is drawn as an outline from where its wait starts.
    ``plot_attempts({"503 three times, then 200": attempts})`` draws how a retry loop spread its attempts out.
    """
    fig, ax = plt.subplots(figsize=(8, 0.9 + 0.75 * len(runs)))
    for row, (title, attempts) in enumerate(runs.items()):
        limits = list((ceilings or {}).get(title, ()))
        for n, ((_, ended, _, _), (next_started, _, _, _)) in enumerate(zip(attempts, attempts[1:], strict=False)):
            if n < len(limits):
                ax.barh(row, limits[n], left=ended, height=0.3, fill=False, edgecolor="darkgray", linestyle="--")
            ax.barh(row, next_started - ended, left=ended, height=0.18, color="lightgray", zorder=1)
            ax.annotate(
                f"{next_started - ended:.2f} s",
                ((ended + next_started) / 2, row),
                xytext=(0, -15),
                textcoords="offset points",
                ha="center",
                fontsize=7,
                color="dimgray",
            )
        for started, _, label, succeeded in attempts:
            ax.plot(started, row, "o", color="tab:green" if succeeded else "tab:red", markersize=8, zorder=2)
            ax.annotate(label, (started, row), xytext=(0, 9), textcoords="offset points", ha="center", fontsize=8)
    ax.set_yticks(range(len(runs)), list(runs))
    ax.set_ylim(len(runs) - 0.4, -0.7)
    ax.set_xlabel(xlabel)
    ax.set_xlim(left=-0.05)
    handles = [
        Line2D([], [], marker="o", linestyle="", color="tab:red", label="attempt failed"),
        Line2D([], [], marker="o", linestyle="", color="tab:green", label="attempt succeeded"),
        Patch(color="lightgray", label="wait before the next attempt"),
    ]
    if ceilings:
        handles.append(Patch(fill=False, edgecolor="darkgray", linestyle="--", label="the wait's ceiling"))
    ax.legend(handles=handles, loc="lower right", fontsize=8, frameon=False)
    fig.tight_layout()
    plt.show()


Segment = tuple[str, float, float]
"""One named part of a row: its name, when it started and when it ended, in seconds after the row's start."""


def plot_phases(
    rows: Mapping[str, Sequence[Segment]],
    *,
    colors: Mapping[str, str],
    zoom: float | None = None,
    xlabel: str = "milliseconds after the request started",
) -> None:
    """One horizontal bar per row (labelled with its key), made of its segments, each in the color of its name.

    ``plot_phases({"request 1": [("connect", 0.0, 0.002), ("wait", 0.002, 0.05)]}, colors={"connect": "tab:orange",
    "wait": "tab:blue"})``. The legend names the segments in the order of `colors`. Times are drawn in
    milliseconds. `zoom`, in seconds, adds a second panel showing only the first `zoom` seconds of each row, for
    segments too short to see next to the long ones.
    """
    panels = [None, zoom] if zoom is not None else [None]
    fig, axes = plt.subplots(len(panels), 1, figsize=(8, 0.8 + (0.4 * len(rows) + 0.6) * len(panels)), squeeze=False)
    for ax, limit in zip(axes[:, 0], panels, strict=True):
        for n, segments in enumerate(rows.values()):
            for name, started, ended in segments:
                ax.barh(n, (ended - started) * 1000, left=started * 1000, height=0.6, color=colors[name])
        ax.set_yticks(range(len(rows)), list(rows))
        ax.set_ylim(len(rows) - 0.5, -0.5)
        ax.set_xlim(0, None if limit is None else limit * 1000)
        ax.set_title("whole request" if limit is None else f"the first {limit * 1000:g} ms", loc="left")
        ax.set_xlabel(xlabel)
    seen = {name for segments in rows.values() for name, _, _ in segments}
    handles = [Patch(color=color, label=name) for name, color in colors.items() if name in seen]
    fig.legend(handles=handles, loc="lower center", fontsize=8, frameon=False, ncol=len(handles))
    fig.tight_layout(rect=(0, 0.04, 1, 1))
    plt.show()


LaneSpan = tuple[float, float, str, str]
"""One request on a lane timeline: when it started and ended (seconds), its outcome (a key of the colors), and a
label to write on its bar ('' for none)."""


def assign_lanes(spans: Sequence[tuple[float, float]]) -> list[int]:
    """A lane for each span (start, end): taken in order of start, each goes on the lane that became free last.

    Spans that overlap never share a lane, and no more lanes are used than the most spans overlapping at one moment
    (a span may start on a lane at the very instant the one before it there ended). Taking the lane freed last
    keeps a worker's requests, each sent as its previous one ends, on one lane.
    """
    lanes = [0] * len(spans)
    free_at: list[float] = []  # when each lane's last span ends
    for index in sorted(range(len(spans)), key=lambda i: spans[i]):
        started, ended = spans[index]
        free = [n for n, end in enumerate(free_at) if end <= started]
        lane = max(free, key=lambda n: free_at[n]) if free else len(free_at)
        if lane == len(free_at):
            free_at.append(ended)
        else:
            free_at[lane] = ended
        lanes[index] = lane
    return lanes


def plot_lanes(
    requests: Sequence[LaneSpan],
    *,
    colors: Mapping[str, str],
    title: str = "",
    xlabel: str = "seconds after the first request started",
    min_label: float = 0.25,
) -> None:
    """Requests on as few lanes as their overlaps allow (`assign_lanes`): as many lanes as were in flight at most.

    Each request is a bar from its start to its end in the color of its outcome (``colors[outcome]``, named in the
    legend in that order); bars at least `min_label` seconds long carry their label. Lesson 23 draws what the crawl
    site saw: with N workers, N lanes.
    """
    lanes = assign_lanes([(started, ended) for started, ended, _, _ in requests])
    count = max(lanes, default=-1) + 1
    fig, ax = plt.subplots(figsize=(9, 1.2 + 0.45 * count))
    for (started, ended, outcome, label), lane in zip(requests, lanes, strict=True):
        width = max(ended - started, 0.006)  # an answer of a millisecond still shows
        ax.barh(lane, width, left=started, height=0.7, color=colors[outcome], edgecolor="white", linewidth=0.3)
        if label and ended - started >= min_label:
            ax.text((started + ended) / 2, lane, label, ha="center", va="center", fontsize=7, color="white")
    ax.set_yticks(range(count), [f"lane {n + 1}" for n in range(count)])
    ax.set_ylim(count - 0.5, -0.5)
    ax.set_xlim(left=0)
    ax.set_xlabel(xlabel)
    if title:
        ax.set_title(title, loc="left")
    seen = {outcome for _, _, outcome, _ in requests}
    handles = [Patch(color=color, label=name) for name, color in colors.items() if name in seen]
    fig.legend(handles=handles, loc="lower center", fontsize=8, frameon=False, ncol=len(handles))
    fig.tight_layout(rect=(0, 0.08, 1, 1))
    plt.show()

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

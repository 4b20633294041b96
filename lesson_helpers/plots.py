"""Plots the lessons draw, with matplotlib: each function draws one figure and shows it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt

Span = tuple[float, float]
"""When something started and ended, in seconds after a common start."""


def plot_timeline(
    panels: Mapping[str, Sequence[Span]],
    *,
    row_label: str = "request",
    xlabel: str = "seconds after the first request started",
    color: str = "tab:blue",
) -> None:
    """One panel per entry (its title the key), one horizontal bar per span, from its start to its end.

    ``plot_timeline({"one after the other": spans_a, "gathered": spans_b})`` draws requests in flight.
    """
    rows = max(len(spans) for spans in panels.values())
    fig, axes = plt.subplots(
        len(panels), 1, figsize=(8, 0.6 + (0.35 * rows + 0.5) * len(panels)), sharex=True, squeeze=False
    )
    for ax, (title, spans) in zip(axes[:, 0], panels.items(), strict=True):
        for n, (started, ended) in enumerate(spans):
            ax.barh(n, ended - started, left=started, height=0.6, color=color)
        ax.set_yticks(range(len(spans)), [f"{row_label} {n}" for n in range(len(spans))])
        ax.set_ylim(rows - 0.5, -0.5)
        ax.set_title(title, loc="left")
    axes[-1, 0].set_xlabel(xlabel)
    axes[-1, 0].set_xlim(left=0)
    fig.tight_layout()
    plt.show()

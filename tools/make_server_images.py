"""Draws local_server/assets/logo.png and logo.svg (run from the repository root)."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.patches import Circle, FancyBboxPatch  # noqa: E402

fig, ax = plt.subplots(figsize=(2.4, 1.6), dpi=80)
ax.set_xlim(0, 3)
ax.set_ylim(0, 2)
ax.axis("off")
ax.add_patch(FancyBboxPatch((0.15, 0.2), 2.7, 1.6, boxstyle="round,pad=0.05", fc="#2c5bb4", ec="none"))
ax.add_patch(Circle((0.65, 1.0), 0.35, fc="white"))
ax.text(0.65, 0.98, "⇄", ha="center", va="center", fontsize=20, color="#2c5bb4")
ax.text(1.85, 1.0, "local\nserver", ha="center", va="center", fontsize=14, color="white", weight="bold")
fig.savefig("local_server/assets/logo.png", metadata={"Software": None}, transparent=True)
fig.savefig("local_server/assets/logo.svg", metadata={"Date": None, "Creator": None})

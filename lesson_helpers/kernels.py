"""Throw-away Jupyter kernels: run cells in a kernel of their own, so nothing they do touches this one."""

from __future__ import annotations

import queue
import subprocess

from jupyter_client.manager import start_new_kernel

QUIET_SECONDS = 3.0
"""How long a kernel may stay silent before we take it that nothing more is coming."""


def run_cells_in_new_kernel(cells: list[str], *, at_once: bool = True, with_stderr: bool = False) -> list[str]:
    """Start a new kernel, send it `cells`, and return the lines they printed; the kernel is shut down after.

    With ``at_once=True`` every cell is queued before the first one finishes, as JupyterLab's Run All does;
    otherwise each cell is sent after the one before has finished, as ``nbconvert --execute`` does.
    With ``with_stderr=True``, lines written to stderr (and errors) follow, prefixed with ``stderr: ``.
    """
    manager, client = start_new_kernel(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    printed: list[str] = []
    try:
        if at_once:
            _collect(client, printed, [client.execute(cell) for cell in cells])
        else:
            for cell in cells:
                _collect(client, printed, [client.execute(cell)])
        return [line for line in printed if with_stderr or not line.startswith("stderr: ")]
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def _collect(client, printed: list[str], msg_ids: list[str]) -> None:
    """Read the output of the cells sent as `msg_ids` until each has finished, or the kernel stays silent."""
    waiting = set(msg_ids)
    buffers = {"stdout": "", "stderr": ""}
    while waiting:
        try:
            message = client.get_iopub_msg(timeout=QUIET_SECONDS)
        except queue.Empty:
            break  # a cell that never finishes: nothing more is coming
        if message["parent_header"].get("msg_id") not in waiting:
            continue
        kind, content = message["msg_type"], message["content"]
        if kind == "stream":
            buffers[content["name"]] += content["text"]
        elif kind == "error":
            buffers["stderr"] += f"{content['ename']}: {content['evalue']}\n"
        elif kind == "status" and content["execution_state"] == "idle":
            waiting.discard(message["parent_header"]["msg_id"])
    printed.extend(buffers["stdout"].splitlines())
    printed.extend(f"stderr: {line}" for line in buffers["stderr"].splitlines())

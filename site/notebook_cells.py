"""Reading and adding cells of a notebook's JSON, for the staged copies the website is built from."""

from __future__ import annotations


def source(cell: dict) -> str:
    """A cell's text (the JSON stores it as one string or as a list of lines)."""
    return "".join(cell["source"])


def markdown_cell(cell_id: str, text: str) -> dict:
    """A Markdown cell added for the site: its id (which nbformat 4.5 requires) starts with `site-`."""
    return {"cell_type": "markdown", "id": f"site-{cell_id}", "metadata": {}, "source": text}

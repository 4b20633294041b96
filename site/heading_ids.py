"""Heading ids for the website, made the way JupyterLab makes them, so that links written for the notebooks work."""


def jupyterlab_heading_id(title: str) -> str:
    """The id JupyterLab gives a heading: its text, with every space made a hyphen (nothing else changes).

    "RuntimeError: asyncio.run() cannot be called" gives "RuntimeError:-asyncio.run()-cannot-be-called", the
    anchor lesson 24's table of contents and the README link to. myst-parser calls this with the heading's
    text and inline code (emphasis and links are left out of `title`).
    """
    return title.strip().replace(" ", "-")

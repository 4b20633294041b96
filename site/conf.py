"""Sphinx configuration of the course website: the executed lessons, read from their committed outputs.

`make site` (site/build_site.py) stages the notebooks and the generated exercise pages into build/site-src/,
then builds them with this configuration into build/site/. Nothing is executed: what a reader sees is what
`make notebooks` saved.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # for the heading-id function named below

project = "Learn the aiohttp HTTP client"
html_title = project

extensions = ["myst_nb"]
root_doc = "index"  # notebooks/00-index.ipynb, staged as index.ipynb so that it is the site's index.html
html_static_path = ["_static"]
html_css_files = ["course.css"]
html_theme = "furo"
html_show_sourcelink = False
html_show_copyright = False
html_copy_source = False  # the notebooks themselves are in the repository
smartquotes = False  # headings and prose quote error messages and code exactly

# The notebooks as they were committed: never run them here.
nb_execution_mode = "off"
# Widgets are staged as static HTML of their saved state (site/widget_snapshots.py): no widget JavaScript,
# which myst-nb would otherwise load from a CDN.
nb_ipywidgets_js = {}
nb_merge_streams = True

# Heading anchors as JupyterLab makes them (`#RuntimeError:-asyncio.run()-cannot-be-called-...`), so that a
# link written for the notebook (lesson 24's table of contents, the README) lands on the same heading here.
myst_heading_anchors = 6
myst_heading_slug_func = "heading_ids.jupyterlab_heading_id"

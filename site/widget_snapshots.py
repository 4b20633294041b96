"""ipywidgets outputs as static HTML of their saved state, for the website.

`make notebooks` saves every widget's last state in the notebook's metadata (`widgets`). In JupyterLab a
widget view is drawn from that state by the widget manager; on a static page it would take the
@jupyter-widgets/html-manager JavaScript from a CDN. Here the state is drawn once, at build time, as plain HTML
(a progress bar as `<progress>`, a button as a disabled `<button>`, an Output widget's text as `<pre>`), so the
page needs no script and no network. A widget made of a model this module does not know is shown as its
`text/plain` instead, as a notebook viewer without widgets shows it.
"""

from __future__ import annotations

import html
from collections.abc import Callable

STATE_MIME = "application/vnd.jupyter.widget-state+json"
VIEW_MIME = "application/vnd.jupyter.widget-view+json"
MODEL_REFERENCE = "IPY_MODEL_"
TITLE = "The widget as the lesson's run left it: run the notebook to use it"

# Layout fields copied into the snapshot's inline style (the others do not apply to a static page).
LAYOUT_STYLES = (
    "width",
    "max_width",
    "height",
    "padding",
    "margin",
    "border_top",
    "border_right",
    "border_bottom",
    "border_left",
)


class UnknownWidget(Exception):
    """A model the snapshot cannot draw: the output falls back to its text/plain."""


def freeze_widgets(notebook: dict) -> int:
    """Replace every widget view in `notebook` (its JSON, changed in place) by HTML of the saved state.

    The `widgets` metadata is removed afterwards, so that myst-nb adds no widget script. Returns how many
    outputs became snapshots; the others (no saved state, a model not drawn here) keep only their text/plain.
    """
    saved = notebook.get("metadata", {}).pop("widgets", {}).get(STATE_MIME, {}).get("state", {})
    frozen = 0
    for cell in notebook["cells"]:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            view = data.pop(VIEW_MIME, None)
            if view is None:
                continue
            try:
                data["text/html"] = snapshot(view["model_id"], saved)
                frozen += 1
            except UnknownWidget:
                pass
    return frozen


def snapshot(model_id: str, models: dict[str, dict]) -> str:
    """The HTML of one widget view and everything inside it."""
    return f'<div class="widget-snapshot" title="{TITLE}">{draw(model_id, models)}</div>'


def draw(model_id: str, models: dict[str, dict]) -> str:
    model = models.get(model_id)
    if model is None:
        raise UnknownWidget(f"no saved state for model {model_id}")
    drawer = DRAWERS.get(model["model_name"])
    if drawer is None:
        raise UnknownWidget(f"{model['model_name']} is not drawn on the website")
    state = model["state"]
    return drawer(state, models)


def referenced(reference: str, models: dict[str, dict]) -> dict:
    """The state of the model an `IPY_MODEL_<id>` reference names ({} when there is none)."""
    if isinstance(reference, str) and reference.startswith(MODEL_REFERENCE):
        return models.get(reference.removeprefix(MODEL_REFERENCE), {}).get("state", {})
    return {}


def style_attribute(state: dict, models: dict[str, dict]) -> str:
    layout = referenced(state.get("layout"), models)
    styles = [f"{name.replace('_', '-')}: {layout[name]}" for name in LAYOUT_STYLES if layout.get(name)]
    return f' style="{html.escape("; ".join(styles))}"' if styles else ""


def described(state: dict, control: str) -> str:
    """A control with its description before it, as ipywidgets lays them out."""
    description = state.get("description") or ""
    if not description:
        return control
    text = description if state.get("description_allow_html") else html.escape(description)
    label = f'<span class="widget-snapshot-description">{text}</span>'
    return f'<label class="widget-snapshot-control">{label}{control}</label>'


def box(direction: str) -> Callable[[dict, dict], str]:
    def draw_box(state: dict, models: dict[str, dict]) -> str:
        children = "".join(draw(reference.removeprefix(MODEL_REFERENCE), models) for reference in state["children"])
        return f'<div class="widget-snapshot-{direction}"{style_attribute(state, models)}>{children}</div>'

    return draw_box


def draw_html(state: dict, models: dict[str, dict]) -> str:
    # The value is HTML by definition (tqdm writes its counters there, the dashboard its figures).
    return described(state, f'<span class="widget-snapshot-html">{state["value"]}</span>')


def draw_label(state: dict, models: dict[str, dict]) -> str:
    return described(state, f'<span class="widget-snapshot-label">{html.escape(state["value"])}</span>')


def draw_progress(state: dict, models: dict[str, dict]) -> str:
    bar_style = f" widget-snapshot-{state['bar_style']}" if state.get("bar_style") else ""
    bar = (
        f'<progress class="widget-snapshot-progress{bar_style}" max="{state["max"]}" value="{state["value"]}">'
        f"{state['value']} of {state['max']}</progress>"
    )
    return described(state, bar)


def draw_button(state: dict, models: dict[str, dict]) -> str:
    button_style = f" widget-snapshot-{state['button_style']}" if state.get("button_style") else ""
    label = html.escape(state.get("description") or "")
    return f'<button type="button" class="widget-snapshot-button{button_style}" disabled>{label}</button>'


def draw_text(state: dict, models: dict[str, dict]) -> str:
    value = html.escape(state.get("value") or "", quote=True)
    placeholder = html.escape((state.get("placeholder") or "").strip("\u200b"), quote=True)
    field = f'<input type="text" value="{value}" placeholder="{placeholder}" disabled>'
    return described(state, field)


def draw_textarea(state: dict, models: dict[str, dict]) -> str:
    placeholder = html.escape((state.get("placeholder") or "").strip("\u200b"), quote=True)
    field = f'<textarea rows="{state.get("rows") or 2}" placeholder="{placeholder}" disabled>'
    return described(state, field + html.escape(state.get("value") or "") + "</textarea>")


def draw_dropdown(state: dict, models: dict[str, dict]) -> str:
    options = "".join(
        f"<option{' selected' if index == state.get('index') else ''}>{html.escape(label)}</option>"
        for index, label in enumerate(state.get("_options_labels", []))
    )
    return described(state, f"<select disabled>{options}</select>")


def draw_output(state: dict, models: dict[str, dict]) -> str:
    texts = []
    for output in state.get("outputs", []):
        if output.get("output_type") == "stream":
            texts.append("".join(output["text"]))
        elif "text/plain" in output.get("data", {}):
            texts.append("".join(output["data"]["text/plain"]) + "\n")
        else:
            raise UnknownWidget(f"an Output widget holds a {output.get('output_type')} output")
    text = html.escape("".join(texts))
    return f'<pre class="widget-snapshot-output"{style_attribute(state, models)}>{text}</pre>' if text else ""


DRAWERS: dict[str, Callable[[dict, dict], str]] = {
    "HBoxModel": box("hbox"),
    "VBoxModel": box("vbox"),
    "BoxModel": box("vbox"),
    "HTMLModel": draw_html,
    "LabelModel": draw_label,
    "FloatProgressModel": draw_progress,
    "IntProgressModel": draw_progress,
    "ButtonModel": draw_button,
    "TextModel": draw_text,
    "TextareaModel": draw_textarea,
    "DropdownModel": draw_dropdown,
    "OutputModel": draw_output,
}
"""What the lessons' widgets are made of (tqdm's bar, lesson 03's explorer, lesson 23's dashboard)."""

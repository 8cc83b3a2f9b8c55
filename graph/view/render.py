"""The page's HTML: our template, with vis-network inlined and the data as JSON in a script element.

The page draws with vis-network, the library pyvis bundles, inlined from pyvis's package
(pyvis's ``cdn_resources="in_line"``). The page itself is our template: pyvis's own loads
Bootstrap from a CDN, writes its heading as raw HTML and turns any tooltip containing "href"
into HTML, so a hostile label could run script there. Here every label, quote and heading is
escaped by Jinja, the data travel as JSON that cannot close its script element, and tooltips
are plain text.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from graph.errors import QueryError

__all__ = ["render_view"]

VIS_ASSETS = ("templates/lib/vis-9.1.2/vis-network.min.js", "templates/lib/vis-9.1.2/vis-network.css")


def _script_json(value: Any) -> Markup:
    """JSON that is safe inside a ``<script>`` element: no ``<``, ``>`` or ``&`` left to end it.

    >>> str(_script_json({"label": "</script><b>"}))
    '{"label": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escaped)
    return Markup(text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


@cache
def _vis_assets() -> tuple[Markup, Markup]:
    """vis-network's script and style sheet, as pyvis ships them."""
    script, sheet = (
        resources.files("pyvis").joinpath(name).read_text(encoding="utf-8") for name in VIS_ASSETS
    )
    if "</script" in script.lower() or "</style" in sheet.lower():  # pragma: no cover - a bad pyvis
        raise QueryError("pyvis's vis-network bundle cannot be inlined", parameter="pyvis")
    return Markup(script), Markup(sheet)


@cache
def _template() -> Any:
    env = Environment(loader=PackageLoader("graph.view", "templates"), autoescape=select_autoescape(["html"]))
    return env.get_template("view.html")


def render_view(data: Mapping[str, Any]) -> str:
    """The page for :func:`view_data`'s data: one HTML document with nothing to fetch."""
    script, sheet = _vis_assets()
    return str(_template().render(data=data, payload=_script_json(data), vis_script=script, vis_sheet=sheet))

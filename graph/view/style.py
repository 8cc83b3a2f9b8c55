"""How the view draws each class, relation and claim status: ``style.json``, read into a :class:`ViewStyle`.

How each class, relation and status is drawn is data (``view_style.json``), not code.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph.errors import QueryError

__all__ = ["ViewStyle", "load_view_style"]

STYLE_FILE = Path(__file__).with_name("style.json")


@dataclass(frozen=True)
class ViewStyle:
    """How classes, relations and claim statuses are drawn (see ``view_style.json``).

    ``statuses`` is in order of precedence: an edge whose claims have several statuses is
    drawn with the first of them listed. ``verdicts``: the border of an entity an ownership
    rule lists, captures or leaves undetermined.
    """

    classes: Mapping[str, Mapping[str, Any]]
    other_class: Mapping[str, Any]
    relations: Mapping[str, Mapping[str, Any]]
    other_relation: Mapping[str, Any]
    statuses: Mapping[str, Mapping[str, Any]]
    unstated_status: Mapping[str, Any]
    verdicts: Mapping[str, Mapping[str, Any]]

    def of_class(self, name: str | None) -> Mapping[str, Any]:
        """The style of a class, or the fallback for one the file does not name."""
        return self.classes.get(name or "", self.other_class)

    def of_relation(self, name: str) -> Mapping[str, Any]:
        """The style of a relation, or the fallback."""
        return self.relations.get(name, self.other_relation)

    def shown_status(self, statuses: Iterable[str]) -> str | None:
        """The status an edge is drawn with: the first in precedence among ``statuses``.

        >>> load_view_style().shown_status(["Active", "Halted"])
        'Halted'
        """
        present = set(statuses)
        return next((status for status in self.statuses if status in present), None)

    def of_status(self, name: str | None) -> Mapping[str, Any]:
        """The line style of a status (``None``: no claim states one)."""
        return self.statuses.get(name or "", self.unstated_status)


def load_view_style(path: Path = STYLE_FILE) -> ViewStyle:
    """Read a view style file.

    Raises
    ------
    QueryError
        Naming the file, if it is not a style file.
    """
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return ViewStyle(**{key: raw[key] for key in ViewStyle.__dataclass_fields__})
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise QueryError(f"{path}: not a view style file ({exc})", parameter="style") from None

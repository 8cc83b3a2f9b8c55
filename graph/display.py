"""Tables for people: columns that fit the terminal, long labels wrapped in their own column.

A terminal table is read, not parsed, so it may leave columns out; the machine formats
(CSV, JSON, the W3C result formats) always carry every column. Both the query results and
the analysis commands print through :func:`text_table`.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from rich.console import Console
from rich.table import Table

from graph.errors import QueryError

__all__ = ["Layout", "choose_columns", "layout", "left_out", "render_table", "text_table"]

#: A column is never narrower than its header, nor than its longest cell up to this width
#: (longer cells wrap within it).
NARROWEST = 12
#: What a column costs beside its text: one space of padding each side and a border.
FRAME = 3


@dataclass(frozen=True)
class Layout:
    """The columns a table shows, the width each needs at least, and those left out."""

    shown: tuple[str, ...]
    widths: tuple[int, ...]
    hidden: tuple[str, ...]

    @property
    def least_width(self) -> int:
        """The width of the table with every shown column at its least width, borders included."""
        return 1 + sum(width + FRAME for width in self.widths)


def choose_columns(
    names: Sequence[str],
    *,
    default: Sequence[str] | None = None,
    columns: Sequence[str] | None = None,
    wide: bool = False,
) -> list[str]:
    """The columns to show: those asked for, else all with ``wide``, else the default ones.

    Raises
    ------
    QueryError
        For a column that is not in the table, or ``columns`` together with ``wide``.

    Examples
    --------
    >>> choose_columns(["a", "b", "c"], default=["c", "a"])
    ['c', 'a']
    >>> choose_columns(["a", "b", "c"], default=["c"], wide=True)
    ['a', 'b', 'c']
    >>> choose_columns(["a", "b"], columns=["z"])
    Traceback (most recent call last):
    graph.errors.QueryError: parameter 'columns': no column z; the columns are a, b
    """
    if columns and wide:
        raise QueryError("give --columns or --wide, not both", parameter="columns")
    if columns:
        unknown = [c for c in columns if c not in names]
        if unknown:
            raise QueryError(
                f"no column {', '.join(unknown)}; the columns are {', '.join(names)}", parameter="columns"
            )
        return list(columns)
    if wide or default is None:
        return list(names)
    return [c for c in default if c in names]


def _least_width(name: str, cells: Sequence[str]) -> int:
    longest = max((len(cell) for cell in cells), default=0)
    return max(len(name), min(longest, NARROWEST))


def layout(names: Sequence[str], cells: Sequence[Sequence[str]], width: int | None) -> Layout:
    """Keep the leading columns whose headers and least widths fit side by side in ``width``
    characters (every column with ``width=None``); at least the first is always kept.

    ``cells`` holds each column's cells, in the order of ``names``.

    Examples
    --------
    >>> fitted = layout(["id", "label", "note"], [["a"], ["x" * 40], ["y" * 40]], width=32)
    >>> fitted.shown, fitted.widths, fitted.hidden
    (('id', 'label'), (2, 12), ('note',))
    """
    shown: list[str] = []
    widths: list[int] = []
    used = 1
    for name, column in zip(names, cells, strict=True):
        need = _least_width(name, column)
        if width is not None and shown and used + need + FRAME > width:
            break
        shown.append(name)
        widths.append(need)
        used += need + FRAME
    return Layout(tuple(shown), tuple(widths), tuple(names[len(shown) :]))


def text_table(
    names: Sequence[str], rows: Sequence[Sequence[str]], *, width: int | None, title: str | None = None
) -> tuple[Table, Layout]:
    """A rich table of the columns that fit in ``width`` (all with ``None``), and its layout
    (which names the columns left out).

    Short columns never wrap; longer cells wrap (or fold a long word) within their own
    column, which is never narrower than its header, so no header and no cell is cut.

    Examples
    --------
    >>> table, fitted = text_table(["id", "label"], [["a", "Lenovo Group Limited"]], width=30)
    >>> [c.header for c in table.columns], fitted.hidden, fitted.least_width
    (['id', 'label'], (), 21)
    """
    columns = [[row[i] for row in rows] for i in range(len(names))]
    fitted = layout(names, columns, width)
    table = Table(title=title)
    for name, least, column in zip(fitted.shown, fitted.widths, columns, strict=False):
        whole = max((len(cell) for cell in column), default=0) <= least
        table.add_column(name, min_width=least, no_wrap=whole, overflow="fold")
    for row in rows:
        table.add_row(*row[: len(fitted.shown)])
    return table, fitted


def left_out(names: Sequence[str], shown: Sequence[str]) -> str | None:
    """The line that says which columns a table left out, if any.

    Examples
    --------
    >>> left_out(["a", "b", "c"], ["a"])
    '2 more columns: b, c (--wide shows them all, --columns a,b,... picks)'
    >>> left_out(["a"], ["a"]) is None
    True
    """
    hidden = [name for name in names if name not in shown]
    if not hidden:
        return None
    count = len(hidden)
    return (
        f"{count} more column{'s' if count != 1 else ''}: {', '.join(hidden)} "
        "(--wide shows them all, --columns a,b,... picks)"
    )


def render_table(
    names: Sequence[str],
    picked: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    width: int,
    wide: bool = False,
    title: str | None = None,
) -> str:
    """The text of a table whose columns are ``names``, showing the ``picked`` ones (the
    cells of ``rows``): as many as ``width`` characters hold (all of them, as wide as they
    need, with ``wide``), then a line naming the columns left out.

    Examples
    --------
    >>> text = render_table(["id", "label", "note"], ["id", "label"], [["a", "Lenovo"]], width=80)
    >>> print(text)
    ┏━━━━┳━━━━━━━━┓
    ┃ id ┃ label  ┃
    ┡━━━━╇━━━━━━━━┩
    │ a  │ Lenovo │
    └────┴────────┘
    1 more column: note (--wide shows them all, --columns a,b,... picks)
    <BLANKLINE>
    """
    table, fitted = text_table(picked, rows, width=None if wide else width, title=title)
    buffer = io.StringIO()
    console = Console(width=max(width, fitted.least_width) if wide else width, file=buffer, color_system=None)
    console.print(table)
    note = left_out(names, fitted.shown)
    if note is not None:
        console.print(note, markup=False, highlight=False)
    return buffer.getvalue()

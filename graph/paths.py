"""Where the project's inputs live by default.

In a source checkout, ``ontology/`` and ``data/`` beside the package; in an
installed wheel, the copies shipped inside the package.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["default_data_dir", "default_ontology_dir"]

_PACKAGE = Path(__file__).resolve().parent


def _find(name: str) -> Path:
    checkout = _PACKAGE.parent / name
    return checkout if checkout.is_dir() else _PACKAGE / name


def default_ontology_dir() -> Path:
    """The ``ontology/`` folder (``sanctions.ttl``, ``shapes.ttl``)."""
    return _find("ontology")


def default_data_dir() -> Path:
    """The curated ``data/`` folder (the CSV tables)."""
    return _find("data")

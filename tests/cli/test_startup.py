"""The command line answers at once: parsing and ``--help`` import only typer and rich, and
``import graph`` imports a heavy library only when a name that needs it is used.

Each check runs in a fresh interpreter, since this test process has imported everything.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("followthemoney", "pyshacl", "pandas", "rdflib", "networkx", "pyoxigraph", "pyvis", "jinja2")

COMMANDS = [
    [],
    *(
        [name]
        for name in (
            "build",
            "validate",
            "stats",
            "queries",
            "query",
            "serve",
            "load",
            "chains",
            "chokepoints",
            "whatif",
            "exposure",
            "ownership",
            "view",
            "generate",
            "import",
            "link",
        )
    ),
    ["import", "ftm"],
    ["import", "bods"],
    ["import", "trade"],
    ["link", "wikidata"],
]


def _loaded(code: str) -> dict[str, object]:
    """Run ``code`` in a fresh interpreter; it prints a JSON object as its last line."""
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _heavy_after(code: str) -> list[str]:
    probe = (
        f"import sys, json\n{code}\n"
        f"print(json.dumps({{'heavy': [m for m in {HEAVY!r} if m in sys.modules]}}))"
    )
    heavy = _loaded(probe)["heavy"]
    assert isinstance(heavy, list)
    return heavy


def test_importing_the_package_imports_nothing_heavy() -> None:
    assert _heavy_after("import graph") == []


def test_importing_the_command_line_imports_nothing_heavy() -> None:
    assert _heavy_after("import graph.cli.app") == []


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "top")
def test_help_imports_only_what_parsing_needs(command: list[str]) -> None:
    code = (
        "import io, contextlib\n"
        "from graph.cli.app import app\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        f"    try: app({[*command, '--help']!r}, prog_name='sanctions-kg')\n"
        "    except SystemExit as exit: assert exit.code == 0, exit.code\n"
        "assert 'Usage' in out.getvalue(), out.getvalue()"
    )
    assert _heavy_after(code) == []


def test_a_public_name_is_imported_when_used() -> None:
    heavy = _heavy_after("import graph\ngraph.pressure_chains")
    assert "networkx" in heavy
    assert "followthemoney" not in heavy


def test_every_public_name_is_the_one_its_module_defines() -> None:
    import importlib

    import graph

    where = graph._EXPORTS
    assert set(where) == set(graph.__all__) - {"__version__"}
    for name, module in where.items():
        assert getattr(graph, name) is getattr(importlib.import_module(module), name), name


def test_an_unknown_name_is_an_attribute_error() -> None:
    import graph

    with pytest.raises(AttributeError, match="no attribute 'no_such_name'"):
        _ = graph.no_such_name


@pytest.mark.parametrize(
    ("command", "unneeded"),
    [
        (["chains", "us-government", "russia"], ("pandas", "followthemoney", "pyshacl", "pyvis")),
        (["chains", "us-government", "russia", "--format", "csv"], ("pandas", "followthemoney", "pyshacl")),
        (["chokepoints", "us-government", "russia"], ("pandas", "followthemoney", "pyshacl", "pyvis")),
        (
            ["query", "export-halts", "-p", "country=russia"],
            ("pandas", "networkx", "followthemoney", "pyshacl"),
        ),
        (["query", "export-halts", "-p", "country=russia", "--format", "json"], ("pandas", "networkx")),
    ],
    ids=lambda value: " ".join(value[:3]) if isinstance(value, list) else "",
)
def test_a_command_that_only_prints_imports_no_frame_library(
    command: list[str], unneeded: tuple[str, ...], build_dir: object
) -> None:
    graph_file = f"{build_dir}/sanctions-kg.nt"
    code = (
        "from graph.cli.app import app\n"
        f"try: app({[*command, '--graph', graph_file]!r}, prog_name='sanctions-kg')\n"
        "except SystemExit as exit: assert exit.code == 0, exit.code\n"
        "import sys; sys.stdout.flush(); print()"
    )
    loaded = _heavy_after(code)
    assert not [name for name in unneeded if name in loaded]

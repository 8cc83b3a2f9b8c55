"""The view: our page (node and edge lists built directly) against pyvis's ``add_node`` /
``add_edge`` path on the same graph, printed as ratios.

    python -m benchmarks.views --nodes 5000 50000

For each size, a seeded graph shaped like ours (governments, chip suppliers, device makers and
countries; about two relations a node, each with a claim). Ours is ``view_data`` +
``render_view`` (the whole page); theirs adds every node and edge to a pyvis ``Network``, with
the same labels, colours, shapes and tooltips, then renders pyvis's page. A ratio is (their
time) / (our time): above 1, ours is faster. pyvis checks every new node and edge against the
ones it has by scanning a list, so its time grows with the square of the size: the baseline at
50,000 nodes takes minutes (``--repeat`` 1 is the default for that reason).
"""

from __future__ import annotations

import argparse
import random
from typing import Any

import networkx as nx
from pyvis.network import Network

from benchmarks.common import best_of
from graph.analysis.claims import Claim
from graph.view.data import view_data
from graph.view.render import render_view
from graph.view.style import load_view_style

CLASSES = ("Government", "ChipSupplier", "OEM", "Country")
RELATIONS = {("Government", "ChipSupplier"): "pressures", ("ChipSupplier", "OEM"): "supplies"}


def sample_graph(nodes: int, *, seed: int = 0) -> nx.MultiDiGraph:
    """A graph of ``nodes`` entities and about twice as many relations, the same for a seed."""
    rng = random.Random(seed)
    G = nx.MultiDiGraph(relations=("exportsTo", "pressures", "supplies"))
    names = [f"https://w3id.org/sanctions-kg/id/n{i}" for i in range(nodes)]
    for i, name in enumerate(names):
        G.add_node(name, cls=CLASSES[i % len(CLASSES)], label=f"entity {i}")
    for number in range(2 * nodes):
        u, v = rng.sample(range(nodes), 2)
        kind = RELATIONS.get((CLASSES[u % 4], CLASSES[v % 4]), "exportsTo")
        claim = Claim(f"c{number}", status=rng.choice(["Active", "Halted"]), sources=("source-0",))
        G.add_edge(names[u], names[v], key=kind, relation=kind, claims=(claim,))
    return G


def ours(G: nx.MultiDiGraph) -> str:
    """Our page."""
    return render_view(view_data(G))


def with_add_node(data: dict[str, Any]) -> str:
    """The pyvis page, made one ``add_node`` / ``add_edge`` at a time from the same drawing data."""
    return str(pyvis_network(data).generate_html())


def pyvis_network(data: dict[str, Any]) -> Network:
    """A pyvis ``Network`` of the drawing data, one ``add_node`` / ``add_edge`` at a time."""
    net = Network(directed=True, cdn_resources="in_line")
    for node in data["nodes"]:
        net.add_node(
            node["id"], label=node["label"], color=node["color"], shape=node["shape"], title=node["title"]
        )
    for edge in data["edges"]:
        net.add_edge(
            edge["from"], edge["to"], color=edge["color"], title=edge["title"], dashes=edge["dashes"]
        )
    return net


def main(argv: list[str] | None = None) -> list[dict[str, Any]]:
    """Print one line per size."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--nodes", type=int, nargs="+", default=[5000])
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--pyvis-max", type=int, default=50_000, help="skip pyvis's path above this size")
    args = parser.parse_args(argv)
    load_view_style()
    print(f"{'nodes':>7} {'edges':>7} {'ours (s)':>9} {'add_node':>9}")
    records = []
    for size in args.nodes:
        G = sample_graph(size)
        data = view_data(G)
        mine = best_of(lambda: ours(G), repeat=args.repeat)  # noqa: B023
        theirs = (
            best_of(lambda: with_add_node(data), repeat=args.repeat)  # noqa: B023
            if size <= args.pyvis_max
            else None
        )
        shown = f"{theirs / mine:>8.1f}x" if theirs is not None else f"{'skipped':>9}"
        print(f"{size:>7} {G.number_of_edges():>7} {mine:>9.2f} {shown}")
        records.append({"family": "view", "size": size, "seconds": {"ours": mine, "pyvis": theirs}})
    return records


if __name__ == "__main__":
    main()

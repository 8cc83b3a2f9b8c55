"""The view in a real headless Chromium, offline: drawn, legend, chain highlight, filters, safety,
and a 10,000-node graph that draws and pans. Screenshots go to the test artifacts to be looked at.
"""

from __future__ import annotations

import random
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from graph import Build, build, default_data_dir
from graph.analysis.claims import Claim
from graph.analysis.projection import project
from graph.analysis.search import pressure_chains
from graph.view.page import view_page, write_view
from tests.browser import chromium, opened
from tests.conftest import ID
from tests.model.test_bad_input import Data
from tests.view.test_page import HOSTILE


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as running:
        yield running


@pytest.fixture(scope="module")
def G(curated: Build) -> nx.MultiDiGraph:
    return project(curated)


def test_the_whole_graph_draws_offline_with_its_legend(
    G: nx.MultiDiGraph, browser: Any, tmp_path: Path
) -> None:
    path = write_view(G, tmp_path / "graph.html")
    with opened(browser, path) as page:
        assert page.value("[view.nodes.length, view.edges.length]") == [
            G.number_of_nodes(),
            G.number_of_edges(),
        ]
        assert page.value("view.network.body.data.nodes.length") == G.number_of_nodes()
        legend = page.value("[...document.querySelectorAll('#legend input')].map(b => b.value)")
        assert {"Government", "OEM", "ChipSupplier", "Country", "pressures", "exportsTo", "Halted"} <= set(
            legend
        )
        assert page.value("document.querySelector('#title').textContent") == "sanctions-kg"
        page.screenshot("view-graph.png")
        page.quiet()


def test_the_founding_chains_are_highlighted_and_listed(
    G: nx.MultiDiGraph, browser: Any, tmp_path: Path
) -> None:
    us, russia = ID + "us-government", ID + "russia"
    chains = list(pressure_chains(G, us, russia))
    path = write_view(G, tmp_path / "chains.html", chains=("us-government", "russia"))
    with opened(browser, path) as page:
        lit = page.value("view.nodes.get({filter: n => n.chain}).map(n => n.id)")
        assert set(lit) == {node for chain in chains for node in chain.nodes}
        items = page.value("[...document.querySelectorAll('#chains li')].map(li => li.textContent)")
        assert items == [chain.describe(G) for chain in chains]
        founding = next(i for i, c in enumerate(chains) if ID + "us-chip-suppliers" in c.nodes)
        page.page.click(f"#chains li[data-chain='{founding}']")
        assert set(page.value("view.network.getSelectedNodes()")) == set(chains[founding].nodes)
        assert len(page.value("view.network.getSelectedEdges()")) == len(chains[founding].hops)
        page.screenshot("view-chains.png")
        page.quiet()


def test_filters_hide_what_they_should(G: nx.MultiDiGraph, browser: Any, tmp_path: Path) -> None:
    path = write_view(G, tmp_path / "graph.html")
    countries = {n for n, cls in G.nodes(data="cls") if cls == "Country"}
    with opened(browser, path) as page:
        page.page.uncheck("input[data-filter='cls'][value='Country']")
        hidden = set(page.value("view.nodes.get({filter: n => n.hidden}).map(n => n.id)"))
        assert hidden == countries
        touching = sum(1 for u, v in G.edges() if u in countries or v in countries)
        assert page.value("view.edges.get({filter: e => e.hidden}).length") == touching
        page.page.check("input[data-filter='cls'][value='Country']")
        page.page.uncheck("input[data-filter='relation'][value='exportsTo']")
        hidden_edges = page.value("view.edges.get({filter: e => e.hidden}).map(e => e.relation)")
        assert hidden_edges == ["exportsTo"] * sum(1 for *_, k in G.edges(keys=True) if k == "exportsTo")
        page.page.check("input[data-filter='relation'][value='exportsTo']")
        page.page.uncheck("input[data-filter='status'][value='Halted']")
        only_halted = [
            (u, k, v)
            for u, v, k, c in G.edges(keys=True, data="claims")
            if {x.status for x in c} == {"Halted"}
        ]
        assert only_halted
        hidden_triples = page.value(
            "view.edges.get({filter: e => e.hidden}).map(e => [e.from, e.relation, e.to])"
        )
        assert sorted(map(tuple, hidden_triples)) == sorted(only_halted)
        page.quiet()


def hostile_graph() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph(relations=("pressures", "exportsTo"))
    G.add_node("target", cls="Country", label=HOSTILE[0])
    for i, text in enumerate(HOSTILE):
        G.add_node(f"n{i}", cls="OEM", label=text)
        claim = Claim(f"c{i}", status="Active", quote=text, sources=(text,))
        G.add_edge(f"n{i}", "target", key="exportsTo", relation="exportsTo", claims=(claim,))
    return G


def test_hostile_labels_quotes_and_titles_run_nothing(browser: Any, tmp_path: Path) -> None:
    G = hostile_graph()
    path = write_view(G, tmp_path / "hostile.html", title=" ".join(HOSTILE))
    with opened(browser, path) as page:
        assert page.value("document.querySelector('#title').textContent") == " ".join(HOSTILE)
        assert page.value("view.nodes.get('n0').label") == HOSTILE[0]
        assert page.value("document.querySelectorAll('img, svg, a, iframe').length") == 0
        for i in range(len(HOSTILE)):  # hover every node: its tooltip is text, not HTML
            x, y = page.value(
                f"(() => {{ const p = view.network.canvasToDOM(view.network.getPositions(['n{i}'])['n{i}']);"
                " return [p.x, p.y]; })()"
            )
            box = page.page.locator("#graph").bounding_box()
            page.page.mouse.move(box["x"] + x, box["y"] + y)
            page.page.wait_for_timeout(300)
            tip = page.value("(document.querySelector('.vis-tooltip') || {}).textContent || ''")
            assert HOSTILE[i] in tip
            assert page.value(
                "[...document.querySelectorAll('.vis-tooltip *')].every(e => e.tagName === 'BR')"
            )
        page.screenshot("view-hostile.png")
        page.quiet()


def test_a_ten_thousand_node_graph_draws_and_pans(browser: Any, tmp_path: Path) -> None:
    rng = random.Random(7)
    G = nx.MultiDiGraph(relations=("supplies", "exportsTo"))
    classes = ["ChipSupplier", "OEM", "Country"]
    for i in range(10_000):
        G.add_node(f"{ID}n{i}", cls=classes[i % 3], label=f"n{i}")
    for _ in range(12_000):
        u, v = rng.randrange(10_000), rng.randrange(10_000)
        G.add_edge(f"{ID}n{u}", f"{ID}n{v}", key="supplies", relation="supplies", claims=())
    path = write_view(G, tmp_path / "large.html")
    with opened(browser, path) as page:
        assert page.value("view.nodes.length") == 10_000
        assert page.value("view.edges.length") == G.number_of_edges()
        assert page.value("view.data.options.physics.enabled") is False
        before = page.value("view.network.getViewPosition()")
        page.value("view.network.moveTo({position: {x: 5000, y: 3000}})")
        after = page.value("view.network.getViewPosition()")
        assert (
            (round(after["x"]), round(after["y"])) == (5000, 3000) != (round(before["x"]), round(before["y"]))
        )
        page.screenshot("view-large.png")
        page.quiet()


def test_hostile_text_in_the_csv_tables_runs_nothing(browser: Any, tmp_path: Path) -> None:
    """The same corpus through the whole path: CSV cells -> build -> projection -> page."""
    data = Data(tmp_path / "data")
    shutil.copytree(default_data_dir(), data.root)
    data.set_cell("entities.csv", "lenovo", "label", HOSTILE[2])
    data.set_cell("entities.csv", "xiaomi", "label", HOSTILE[0])
    data.set_cell("claims.csv", "c-lenovo-cuts-russia", "quote", HOSTILE[5])
    G = project(build(data.root))
    path = write_view(G, tmp_path / "chains.html", chains=("us-government", "russia"))
    with opened(browser, path) as page:
        assert page.value(f"view.nodes.get('{ID}lenovo').label") == HOSTILE[2]
        items = page.value("[...document.querySelectorAll('#chains li')].map(li => li.textContent)")
        assert any(HOSTILE[2] in item for item in items)
        assert any(HOSTILE[0] in item for item in items)
        assert page.value("document.querySelectorAll('#chains *:not(li)').length") == 0
        page.quiet()


def test_the_view_shows_inline_in_a_sandboxed_frame(browser: Any, tmp_path: Path) -> None:
    """As a notebook shows it: the page is the frame's document, so it needs no file or server,
    and the sandbox keeps its scripts away from the notebook around it."""
    G = hostile_graph()
    inline = view_page(G, title=" ".join(HOSTILE))._repr_html_()
    host = tmp_path / "notebook.html"
    host.write_text(f"<!DOCTYPE html><html><body><h1>notebook</h1>{inline}</body></html>", encoding="utf-8")
    with opened(browser, host, inline=True) as page:
        assert page.value("view.nodes.length") == G.number_of_nodes()
        assert page.value("document.querySelector('#title').textContent") == " ".join(HOSTILE)
        # the frame's scripts cannot reach the notebook (no same origin)
        reach = "(() => { try { return parent.document.title; } catch (e) { return 'blocked'; } })()"
        assert page.value(reach) == "blocked"
        assert page.page.evaluate("document.querySelector('iframe').sandbox.value") == "allow-scripts"
        assert page.page.evaluate("document.querySelectorAll('body > *').length") == 2
        page.page.screenshot(path=str(tmp_path / "inline.png"))
        page.quiet()


def test_an_ownership_rules_verdicts_are_marked_with_their_evidence(browser: Any, tmp_path: Path) -> None:
    import datetime as dt

    from graph.analysis.ownership import Listing, Ownership, Stake, capture
    from graph.analysis.rules import load_rule
    from graph.model.shares import read_share

    def stake(owner: str, owned: str, share: str) -> Stake:
        return Stake(
            owner, owned, "owns", (Claim(f"{owner}-{owned}", share=read_share(share), sources=("s",)),)
        )

    # OFAC FAQ 401: X owns 50 % of A and 10 % of B, A owns 40 % of B; and 25-60 % of C
    stakes = [stake("X", "A", "50"), stake("X", "B", "10"), stake("A", "B", "40"), stake("X", "C", "25-60")]
    rule = load_rule("ofac")
    verdicts = capture(rule, [Listing("X", "us", Claim("listing-x", sources=("ofac-sdn",)), "OFAC")], stakes)
    labels = {"X": "Listed X", "A": "Company <b>A</b>", "B": "Company B", "C": "Company C"}
    result = Ownership(rule, dt.date(2024, 1, 1), verdicts, labels)
    G = nx.MultiDiGraph(relations=("owns",))
    for node, label in labels.items():
        G.add_node(node, cls="Person" if node == "X" else "Company", label=label)
    for s in stakes:
        G.add_edge(s.owner, s.owned, key="owns", relation="owns", claims=s.claims)
    path = write_view(G, tmp_path / "ownership.html", ownership=result)
    with opened(browser, path) as page:
        marked = page.value("Object.fromEntries(view.nodes.get().map(n => [n.id, n.verdict || null]))")
        assert marked == {"X": "listed", "A": "captured", "B": "captured", "C": "undetermined"}
        tip = page.value("view.nodes.get('B').title")
        assert "captured" in tip
        assert "ownership 50 to 50 %" in tip
        assert "chain: Company B <- " in tip
        assert "listing: OFAC, ofac-sdn" in tip
        assert page.value("view.nodes.get('C').title").count("undetermined") == 1
        legend = page.value("[...document.querySelectorAll('.verdict')].map(d => d.textContent.trim())")
        assert legend == ["listed", "captured", "undetermined"]
        assert page.value("document.querySelectorAll('b').length") == 0  # a label stays text
        page.screenshot("view-ownership.png")
        page.quiet()

"""The page an analyst works in, in a real headless Chromium, offline: find an entity, read the
evidence in the panel, move through time as --as-of computes it, share the state in the link,
save the drawing; hostile text stays text; a 10,000-node page stays usable (timed, reported)."""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from graph import Build
from graph.analysis.asof import HALTED, claims_as_of, in_force
from graph.analysis.claims import Claim
from graph.analysis.details import PageDetails, page_details
from graph.analysis.projection import project
from graph.analysis.readers import StoreReader
from graph.sparql.store import open_store
from graph.view.page import write_view
from tests.browser import ARTIFACTS, chromium, opened
from tests.conftest import ID
from tests.view.test_page import HOSTILE

LENOVO, RUSSIA = ID + "lenovo", ID + "russia"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as running:
        yield running


@pytest.fixture(scope="module")
def drawn(curated: Build) -> tuple[nx.MultiDiGraph, PageDetails]:
    store = open_store(curated)
    G = project(store)
    return G, page_details(StoreReader(store), G)


@pytest.fixture
def page_file(drawn: tuple[nx.MultiDiGraph, PageDetails], tmp_path: Path) -> Path:
    G, details = drawn
    return write_view(G, tmp_path / "graph.html", chains=("us-government", "russia"), details=details)


def _type(page: Any, text: str) -> None:
    page.page.fill("#search", text)


def test_search_finds_lenovo_by_part_of_its_name_and_by_its_chinese_label(
    browser: Any, page_file: Path
) -> None:
    with opened(browser, page_file) as page:
        for text in ("leno", "联想"):
            _type(page, text)
            options = page.value("[...document.querySelectorAll('#matches li')].map(li => li.dataset.id)")
            assert LENOVO in options, text
        _type(page, "leno")
        page.page.keyboard.press("Enter")  # the keyboard alone: type, then Enter picks the first
        assert page.value("view.network.getSelectedNodes()") == [LENOVO]
        assert page.value("view.state.node") == LENOVO
        assert page.value("document.querySelector('#panel h2 span').textContent") == "Lenovo"
        panel = page.value("document.querySelector('#panel').innerText")
        assert "OEM" in panel
        assert "联想" in panel
        assert "Wikidata" in panel
        assert "exportsTo" in panel
        page.quiet()


def test_the_panel_of_an_edge_lists_every_claim_with_its_sources_publishers(
    browser: Any, page_file: Path, drawn: tuple[nx.MultiDiGraph, PageDetails]
) -> None:
    G, details = drawn
    claims = G.edges[LENOVO, RUSSIA, "exportsTo"]["claims"]
    with opened(browser, page_file) as page:
        edge = page.value(
            f"view.data.edges.find(e => e.from === {json.dumps(LENOVO)} && e.to === {json.dumps(RUSSIA)}"
            " && e.relation === 'exportsTo').id"
        )
        page.value(f"view.select({{edge: {edge}}})")
        assert page.value("document.querySelectorAll('#panel .claim').length") == len(claims)
        panel = page.value("document.querySelector('#panel').innerText")
        for claim in claims:
            for source in claim.sources:
                assert details.sources[source]["publisher"] in panel
        statuses = {c.status for c in claims}
        assert ("Disputed" in panel) == (len(statuses) > 1)
        page.screenshot("view-panel.png")
        page.quiet()


def _state(claims: tuple[Claim, ...], day: dt.date) -> str:
    """What --as-of makes of an edge on ``day`` (graph.analysis.asof): halted, in force, or not."""
    if claims_as_of(claims, day) is not None:
        return "in force"
    halted = any(c.status == HALTED and in_force(c, day) for c in claims)
    return "halted" if halted else "not in force"


@pytest.mark.parametrize("day", ["2022-02-15", "2022-03-15", "2022-04-01", "2023-06-01"])
def test_the_day_slider_shows_each_edge_as_as_of_computes_it(
    browser: Any, page_file: Path, drawn: tuple[nx.MultiDiGraph, PageDetails], day: str
) -> None:
    G, _ = drawn
    with opened(browser, page_file) as page:
        page.value(f"view.setDay({json.dumps(day)})")
        shown = page.value(
            "Object.fromEntries(view.edges.get().map(e => [e.from + ' ' + e.relation + ' ' + e.to, e.day]))"
        )
        expected = {
            f"{u} {key} {v}": _state(claims, dt.date.fromisoformat(day))
            for u, v, key, claims in G.edges(keys=True, data="claims")
        }
        assert shown == expected
        lenovo_russia = expected[f"{LENOVO} exportsTo {RUSSIA}"]
        assert shown[f"{LENOVO} exportsTo {RUSSIA}"] == lenovo_russia
        faded = page.value(
            "[...document.querySelectorAll('#chains li')].map(li => li.classList.contains('faded'))"
        )
        assert len(faded) == len(page.value("view.data.chains"))
        if day == "2022-04-01":
            page.screenshot("view-slider.png")
        page.quiet()


def test_lenovo_to_russia_runs_in_february_2022_and_is_halted_in_april(
    drawn: tuple[nx.MultiDiGraph, PageDetails],
) -> None:
    """The founding case's dates, as --as-of reads the curated claims (what the page must show)."""
    G, _ = drawn
    claims = G.edges[LENOVO, RUSSIA, "exportsTo"]["claims"]
    assert _state(claims, dt.date(2022, 2, 15)) == "in force"
    assert _state(claims, dt.date(2022, 4, 1)) == "halted"


def test_the_link_keeps_the_selection_the_day_and_the_filters(browser: Any, page_file: Path) -> None:
    with opened(browser, page_file) as page:
        page.value(f"view.select({{node: {json.dumps(LENOVO)}}})")
        page.value("view.setDay('2022-04-01')")
        page.page.uncheck("input[data-filter='cls'][value='Country']")
        link = page.page.url
        assert "#" in link
        page.page.goto("about:blank")
        page.page.goto(link)
        page.page.wait_for_selector("body[data-ready='true']", state="attached", timeout=60_000)
        assert page.value("view.state.node") == LENOVO
        assert page.value("view.state.day") == "2022-04-01"
        assert page.value("document.querySelector('#day-label').textContent") == "2022-04-01"
        assert (
            page.value("document.querySelector(\"input[data-filter='cls'][value='Country']\").checked")
            is False
        )
        assert page.value("document.querySelector('#panel h2 span').textContent") == "Lenovo"
        page.quiet()


def _hostile_graph() -> tuple[nx.MultiDiGraph, PageDetails]:
    G = nx.MultiDiGraph(relations=("owns",))
    for n, label in enumerate(HOSTILE):
        G.add_node(f"{ID}h{n}", cls="Company", label=label)
    for n in range(len(HOSTILE) - 1):
        claim = Claim(
            f"c{n}", status="Active", quote=HOSTILE[n], sources=(f"s{n}",), start=dt.date(2022, 1, 1)
        )
        G.add_edge(f"{ID}h{n}", f"{ID}h{n + 1}", key="owns", relation="owns", claims=(claim,))
    facts = {f"{ID}h{n}": (("label", label, "en"), ("note", label, "")) for n, label in enumerate(HOSTILE)}
    sources = {f"s{n}": {"title": label, "publisher": label} for n, label in enumerate(HOSTILE)}
    return G, PageDetails(facts, sources)


def test_hostile_labels_and_quotes_stay_text_in_the_panel_the_search_and_the_file_name(
    browser: Any, tmp_path: Path
) -> None:
    G, details = _hostile_graph()
    path = write_view(G, tmp_path / "hostile.html", details=details, title=HOSTILE[0] + HOSTILE[1])
    with opened(browser, path) as page:
        _type(page, "<")
        shown = page.value(
            "[...document.querySelectorAll('#matches li')].map(li => li.firstChild.textContent)"
        )
        assert set(shown) <= set(HOSTILE)
        assert shown
        page.value(f"view.select({{node: {json.dumps(ID + 'h0')}}})")
        assert HOSTILE[0] in page.value("document.querySelector('#panel').textContent")
        page.value("view.select({edge: 0})")
        text = page.value("document.querySelector('#panel').textContent")
        assert HOSTILE[0] in text
        assert (
            page.value("document.querySelectorAll('#panel img, #panel script, #panel svg, #panel a').length")
            == 0
        )
        with page.page.expect_download() as saved:
            page.page.click("#png")
        name = saved.value.suggested_filename
        assert name == page.value("view.lastDownload")
        assert all(ch.isalnum() or ch in "._-" for ch in name)
        assert name.endswith(".png")
        page.quiet()


def test_a_ten_thousand_node_page_searches_as_you_type_and_redraws_a_day_quickly(
    browser: Any, tmp_path: Path
) -> None:
    """Timed in the browser and written to the artifacts (reported, not asserted: a test asserts
    behaviour, never wall-clock time)."""
    rng = random.Random(5)
    G = nx.MultiDiGraph(relations=("supplies",))
    for n in range(10_000):
        G.add_node(f"{ID}n{n}", cls="Company", label=f"Company {n}")
    for n in range(15_000):
        start = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(1000))
        status = "Halted" if n % 7 == 0 else "Active"
        claim = Claim(f"c{n}", status=status, start=start, sources=("s",))
        G.add_edge(
            f"{ID}n{rng.randrange(10_000)}",
            f"{ID}n{rng.randrange(10_000)}",
            key="supplies",
            relation="supplies",
            claims=(claim,),
        )
    path = write_view(G, tmp_path / "big.html")
    with opened(browser, path, width=1200, height=800) as page:
        search_ms = page.value(
            "(() => { const t = performance.now(); const s = document.querySelector('#search');"
            " s.value = 'company 9999'; s.dispatchEvent(new Event('input'));"
            " return performance.now() - t; })()"
        )
        assert page.value("document.querySelector('#matches li').dataset.id") == f"{ID}n9999"
        timed = (
            "(step) => new Promise(done => { const t = performance.now();"
            " view.network.once('afterDrawing', () => done(performance.now() - t));"
            " step(); view.network.redraw(); })"
        )
        middle = "view.data.days[Math.floor(view.data.days.length / 2)]"
        first_ms = page.value(f"({timed})(() => view.setDay({middle}))")  # from every claim to a day
        step_ms = page.value(
            f"({timed})(() => view.setDay(view.data.days[view.data.days.indexOf({middle}) + 1]))"
        )
        redraw_ms = page.value(f"({timed})(() => null)")  # the same drawing again: vis-network's own cost
        day = page.value("view.state.day")
        halted = page.value("view.edges.get().filter(e => e.day === 'halted').length")
        expected = sum(
            1
            for _, _, claims in G.edges(data="claims")
            if _state(claims, dt.date.fromisoformat(day)) == "halted"
        )
        assert halted == expected
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        (ARTIFACTS / "view-10k-timings.json").write_text(
            json.dumps(
                {
                    "nodes": 10_000,
                    "edges": 15_000,
                    "search_ms": search_ms,
                    "first_day_ms": first_ms,
                    "next_day_ms": step_ms,
                    "redraw_only_ms": redraw_ms,
                }
            ),
            encoding="utf-8",
        )
        page.quiet()


def test_every_request_stays_in_the_file(browser: Any, page_file: Path) -> None:
    with opened(browser, page_file) as page:
        _type(page, "xiaomi")
        page.page.keyboard.press("Enter")
        page.page.click("#play")
        page.page.wait_for_timeout(1500)
        page.page.click("#play")
        assert page.requests == []
        page.quiet()


def test_the_cli_page_carries_the_details_of_what_it_draws(tmp_path: Path, build_dir: Path) -> None:
    from tests.conftest import cli

    out = tmp_path / "lenovo.html"
    done = cli("view", "--focus", "lenovo", "--graph", str(build_dir / "sanctions-kg.nt"), "--out", str(out))
    assert done.returncode == 0, done.stderr
    html = out.read_text(encoding="utf-8")
    assert "联想" in html
    assert "The Wall Street Journal" in html


def test_the_link_keeps_a_chain_picked_in_the_list(browser: Any, page_file: Path) -> None:
    with opened(browser, page_file) as page:
        page.page.click("#chains li[data-chain='2']")
        chosen = page.value("view.data.chains[2].nodes")
        link = page.page.url
        assert "chain=2" in link
        page.page.goto("about:blank")
        page.page.goto(link)
        page.page.wait_for_selector("body[data-ready='true']", state="attached", timeout=60_000)
        assert sorted(page.value("view.network.getSelectedNodes()")) == sorted(chosen)
        assert page.value("view.state.chain") == 2
        page.quiet()

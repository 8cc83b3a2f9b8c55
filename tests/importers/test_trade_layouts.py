"""``import_trade`` on UN Comtrade's files as people download them: the API's CSV and JSON,
the classic CSV (full and short) and the bulk layout, told apart by their headers; Comtrade's
own area codes; breakdowns, other flows, areas and unpaired records counted, never added.

The fixtures are excerpts of real files (origin in ``tests/fixtures/trade/README.md``).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from graph import Build
from graph.errors import InputError
from graph.importers.common import ImportReport, Known
from graph.importers.trade.areas import area
from graph.importers.trade.files import read_table
from graph.importers.trade.layouts import API, BULK
from graph.importers.trade.read import Row, parse, read_rows
from graph.importers.trade.run import import_trade
from graph.model.shacl import shape_problems
from tests.conftest import FIXTURES as ALL_FIXTURES
from tests.conftest import ID, cli
from tests.importers.conftest import Where, where

FIXTURES = ALL_FIXTURES / "trade"
API_CSV = FIXTURES / "api_china_usa_8542.csv"
SKG = "https://w3id.org/sanctions-kg/ontology#"
XSD = "http://www.w3.org/2001/XMLSchema#"
UNPAIRED = "records with nothing to compare with"
WORLD = "partner World (0)"


# file, layout read, records read, observations, good records left out by what
LAYOUTS = [
    ("api_china_usa_8542.csv", "UN Comtrade API", 18, 14, {"partner2 breakdown": 3}),
    ("api_china_imports_total.json", "UN Comtrade API", 4, 0, {UNPAIRED: 4}),
    (
        "classic_short_usa_china_2017.csv",
        "UN Comtrade classic CSV, short (no ISO columns)",
        13,
        0,
        {"re-export (RX)": 3, UNPAIRED: 10},
    ),
    (
        "classic_world_live_animals_2016.csv",
        "UN Comtrade classic CSV",
        13,
        0,
        {WORLD: 10, "re-import (RM)": 2, "re-export (RX)": 1},
    ),
    ("bulk_china_usa.csv", "UN Comtrade bulk file", 6, 1, {"re-export (RX)": 1, UNPAIRED: 3}),
    ("china_russia.csv", "Comtrade-shaped CSV with ISO country codes", 36, 31, {}),
]

BAD: list[tuple[str, Where]] = [
    ("mixed_formats.csv", ("mixed_formats.csv", 4, None, "mixed-formats")),
    ("unknown_header.csv", ("unknown_header.csv", 1, None, "unknown-format")),
    ("api_unknown_code.csv", ("api_unknown_code.csv", 3, "partnerCode", "unknown-country")),
    ("api_bad_value.csv", ("api_bad_value.csv", 3, "primaryValue", "bad-number")),
]


@pytest.fixture(scope="module")
def api(known: Known, tmp_path_factory: pytest.TempPathFactory) -> tuple[ImportReport, Path]:
    out = tmp_path_factory.mktemp("trade") / "api.nt"
    return import_trade(API_CSV, out, known=known), out


def triples(out: Path, subject: str) -> dict[str, str]:
    """The objects of a subject's triples by predicate (one each), as N-Triples terms."""
    found: dict[str, str] = {}
    for line in out.read_text().splitlines():
        s, p, o = line.removesuffix(" .").split(" ", 2)
        if s == f"<{ID}{subject}>":
            found[p.strip("<>").removeprefix(SKG)] = o
    return found


@pytest.mark.parametrize("case", LAYOUTS, ids=[case[0] for case in LAYOUTS])
def test_each_layout_is_recognised_read_and_counted(
    known: Known, tmp_path: Path, case: tuple[str, str, int, int, dict[str, int]]
) -> None:
    name, label, read, relations, left_out = case
    report = import_trade(FIXTURES / name, tmp_path / "out.nt", known=known)
    assert (report.read_as, report.read, report.relations, report.skipped) == (label, read, relations, [])
    assert {what: n for (what, _why), n in report.left_out.items()} == left_out
    # nothing vanishes: every record is in an observation, a base, or counted as left out
    assert read >= sum(report.left_out.values())


def test_annual_year_on_year_keeps_flow_classification_and_the_figure_as_published(
    api: tuple[ImportReport, Path],
) -> None:
    obs = triples(api[1], "trade-cn-us-8542-M-2011-2010")
    assert obs == {
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#type": f"<{SKG}AnnualTradeObservation>",
        "reporter": f"<{ID}china>",
        "partner": f"<{ID}united-states>",  # Comtrade's 842, not ISO's 840
        "product": f"<{ID}integrated-circuits>",  # heading 8542 is the category's notation
        "year": f'"2011"^^<{XSD}gYear>',
        "baseYear": f'"2010"^^<{XSD}gYear>',
        # (6368050147 - 7903767147) / 7903767147
        "changePercent": f'"-19.43"^^<{XSD}decimal>',
        "bound": f"<{SKG}Exactly>",
        "valueUSD": f'"6368050147.0"^^<{XSD}decimal>',
        "flow": f"<{SKG}Import>",
        "classification": '"H3"',
        "source": f"<{ID}trade-source-api_china_usa_8542>",
        "note": '"Computed from UN Comtrade\'s values (year-on-year: 2011 against 2010)."',
    }


def test_breakdowns_are_never_added_to_their_total(api: tuple[ImportReport, Path]) -> None:
    # 2015's total is 11369627279.0; its three partner2 rows (3992055.0, 1031775.0, 60272.0) stay out
    obs = triples(api[1], "trade-cn-us-8542-M-2015-2014")
    assert obs["valueUSD"] == f'"11369627279.0"^^<{XSD}decimal>'
    assert obs["changePercent"] == f'"2.30"^^<{XSD}decimal>'  # against 11113787226.0
    years = sorted(
        line.split("-M-")[1][:4] for line in api[1].read_text().splitlines() if f" <{SKG}year> " in line
    )
    assert years == [str(year) for year in range(2011, 2025)]


def test_a_change_of_classification_is_noted(api: tuple[ImportReport, Path]) -> None:
    obs = triples(api[1], "trade-cn-us-8542-M-2022-2021")
    assert (obs["classification"], obs["changePercent"]) == ('"H6"', f'"-22.58"^^<{XSD}decimal>')
    assert "published under H5" in obs["note"]


def test_json_numbers_are_read_as_written(known: Known, tmp_path: Path) -> None:
    table = read_table(FIXTURES / "api_china_imports_total.json")
    records = list(table.records)
    values = [record[table.header.index("primaryValue")] for record in records]
    assert values == ["6804128143.0", "74251272075.0", "6115764185.0", "68047133397.0"]
    assert records[0][table.header.index("isReported")] == "True"
    assert records[0][table.header.index("qty")] == ""


@pytest.mark.parametrize(
    ("code", "country"),
    [("842", "us"), ("699", "in"), ("251", "fr"), ("757", "ch"), ("579", "no"), ("381", "it"), ("156", "cn")],
)
def test_comtrade_codes_that_are_not_iso_numeric(code: str, country: str) -> None:
    found = area(code)
    assert found is not None
    assert (found.kind, found.alpha2) == ("country", country)


@pytest.mark.parametrize(
    ("code", "kind"), [("0", "group"), ("97", "group"), ("490", "group"), ("899", "area"), ("810", "former")]
)
def test_groups_nes_areas_and_former_areas_are_no_countries(code: str, kind: str) -> None:
    found = area(code)
    assert found is not None
    assert (found.kind, found.alpha2) == (kind, None)


def test_the_leading_zero_a_spreadsheet_dropped_is_put_back() -> None:
    table = read_table(FIXTURES / "bulk_china_usa.csv")
    rows = read_rows("bulk_china_usa.csv", BULK, table.header, table.records, table.first).rows
    assert [(row.code, row.written, row.annual, row.period) for row in rows][-1] == ("01", "1", True, 2017)
    # mixed digit levels stay apart: 85 and 8542 are two series, never one sum
    assert sorted({row.code for row in rows}) == ["01", "85", "8542"]


@pytest.mark.parametrize("name", ["api_china_usa_8542.csv", "bulk_china_usa.csv"])
def test_output_passes_shacl_with_the_curated_build(
    curated: Build, known: Known, tmp_path: Path, name: str
) -> None:
    # one file at a time: the API's file and the bulk one hold the same 2017 observation
    import_trade(FIXTURES / name, tmp_path / "out.nt", known=known)
    together = Graph()
    for triple in curated.graph:
        together.add(triple)
    together.parse(tmp_path / "out.nt", format="nt")
    assert list(shape_problems(together, curated.ontology, {}, {})) == []


@pytest.mark.parametrize(("name", "expected"), BAD)
def test_bad_file_is_located_and_nothing_is_written(
    known: Known, tmp_path: Path, name: str, expected: Where
) -> None:
    out = tmp_path / "out.nt"
    for skip_bad in (False, True) if expected[3] in ("mixed-formats", "unknown-format") else (False,):
        with pytest.raises(InputError) as caught:
            import_trade(FIXTURES / name, out, known=known, skip_bad=skip_bad)
        assert where(caught.value.problems) == [expected]
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_a_header_of_two_layouts_is_mixed(known: Known, tmp_path: Path) -> None:
    header = API_CSV.read_text().splitlines()[0] + ",Classification,Year,Trade Flow Code,Reporter Code,"
    header += "Partner Code,Commodity Code,Trade Value (US$)"
    (tmp_path / "both.csv").write_text(header + "\n")
    with pytest.raises(InputError) as caught:
        import_trade(tmp_path / "both.csv", tmp_path / "out.nt", known=known)
    assert where(caught.value.problems) == [("both.csv", 1, None, "mixed-formats")]


def test_an_api_error_is_reported(known: Known, tmp_path: Path) -> None:
    # the API's envelope with its "error" field set (the message here is ours)
    (tmp_path / "error.json").write_text(
        '{"elapsedTime": "0 secs", "count": 0, "data": [], "error": "refused"}'
    )
    with pytest.raises(InputError) as caught:
        import_trade(tmp_path / "error.json", tmp_path / "out.nt", known=known)
    assert where(caught.value.problems) == [("error.json", None, "error", "api-error")]


def test_cli_says_which_layout_it_read_and_what_it_left_out(tmp_path: Path) -> None:
    done = cli("import", "trade", str(API_CSV), "--out", str(tmp_path / "api.nt"))
    assert done.returncode == 0, done.stderr
    assert "read 18 records: 1 entities, 14 relations" in done.stdout
    assert "read as: UN Comtrade API" in done.stdout
    assert "partner2 breakdown 3 (a part of its total by second partner" in done.stdout


@pytest.mark.parametrize(
    ("field", "value", "what"),
    [
        ("partner2", "56", "partner2 breakdown"),
        ("customs", "C01", "customs breakdown"),
        ("transport", "1", "transport breakdown"),
    ],
)
def test_every_breakdown_is_left_out_with_why(field: str, value: str, what: str) -> None:
    table = read_table(API_CSV)
    first = next(iter(table.records))
    total = dict(zip(API.columns, (first[table.header.index(c)] for c in API.columns.values()), strict=True))
    assert isinstance(parse("f.csv", 2, API, total), Row)
    left = parse("f.csv", 2, API, {**total, field: value})
    assert isinstance(left, tuple)
    assert left[0] == what
    assert "never added" in left[1]


def test_new_categories_meet_the_graphs_up_the_hierarchy(known: Known, tmp_path: Path) -> None:
    # made-up figures in the ISO-coded layout: chapter 85 and subheading 854239, two months each
    rows = [
        f"{period},CHN,X,RUS,H6,{code},{value}"
        for code in ("85", "854239", "852580")
        for period, value in (("202202", "200"), ("202203", "100"))
    ]
    (tmp_path / "levels.csv").write_text(
        "period,reporterISO,flowCode,partnerISO,classificationCode,cmdCode,primaryValue\n"
        + "\n".join(rows)
        + "\n"
    )
    import_trade(tmp_path / "levels.csv", tmp_path / "out.nt", known=known)
    broader = "<http://www.w3.org/2004/02/skos/core#broader>"
    links = sorted(line for line in (tmp_path / "out.nt").read_text().splitlines() if f" {broader} " in line)
    # 854239 counts as integrated circuits (its heading 8542); the new chapter 85 is the nearest
    # category above the new 852580 and the graph's 8542, 851713 and 851761 (854231 has 8542);
    # no heading 8525 or 8517 is made up
    assert links == [
        f"<{ID}base-stations> {broader} <{ID}hs-85> .",
        f"<{ID}hs-852580> {broader} <{ID}hs-85> .",
        f"<{ID}integrated-circuits> {broader} <{ID}hs-85> .",
        f"<{ID}smartphones> {broader} <{ID}hs-85> .",
    ]
    assert (
        triples(tmp_path / "out.nt", "trade-cn-ru-854239-X-2022-03-2022-02")["product"]
        == f"<{ID}integrated-circuits>"
    )


def test_annual_imports_are_questions_answers_but_not_exposure_inputs(
    build_dir: Path, api: tuple[ImportReport, Path], tmp_path: Path
) -> None:
    from graph import query_frame
    from graph.sparql.store import load_store, open_store_dir

    load_store([build_dir / "sanctions-kg.nt", api[1]], tmp_path / "store")
    store = open_store_dir(tmp_path / "store")
    changes = query_frame(store, "trade-changes", {"reporter": "china", "partner": "united-states"})
    assert len(changes) == api[0].relations == 14
    assert set(changes["flow"]) == {"https://w3id.org/sanctions-kg/ontology#Import"}
    first = changes.iloc[0]
    # 2011 against 2010 in the file: 6368050147.0 against 7903767147.0
    assert (first["basePeriod"], first["period"], first["changePercent"]) == ("2010", "2011", -19.43)
    curated = query_frame(store, "trade-changes", {"reporter": "china", "partner": "russia"})
    assert set(curated["flow"]) == {"https://w3id.org/sanctions-kg/ontology#Export"}  # no flow stated
    exports = query_frame(store, "trade-observations")
    assert set(exports["observation"]).isdisjoint(changes["observation"])  # imports are no exports
    assert len(exports) == len(curated)

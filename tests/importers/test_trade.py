"""``import_trade``: Comtrade-shaped CSV in, trade observations out, with exact changes, the
HS2017/HS2022 rule for smartphones, located problems and nothing half-written.

The fixture ``china_russia.csv`` holds invented monthly figures: China's exports to Russia
2021-02 .. 2022-03 of laptops (847130) and of mobile phones (851712 under HS2017 in 2021,
851713 smartphones under HS2022 in 2022), Russia's imports of laptops from China, and a few
rows that make new entities (Kazakhstan, HS 852580) or count under a heading (854239 -> 8542).
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph

from graph import Build, query_frame
from graph.errors import InputError
from graph.importers.common import ImportReport, Known
from graph.importers.trade.run import import_trade
from graph.model.shacl import shape_problems
from graph.sparql.store import load_store, open_store_dir
from tests.conftest import FIXTURES as ALL_FIXTURES
from tests.conftest import ID, PREFIXES, cli
from tests.importers.conftest import Where, where

FIXTURES = ALL_FIXTURES / "trade"
GOOD = FIXTURES / "china_russia.csv"
SOURCE = ID + "trade-source-china_russia"
DECIMAL = "http://www.w3.org/2001/XMLSchema#decimal"


BAD: list[tuple[str, Where]] = [
    ("bad_period.csv", ("bad_period.csv", 3, "period", "bad-period")),
    ("unknown_country.csv", ("unknown_country.csv", 3, "partnerISO", "unknown-country")),
    ("bad_number.csv", ("bad_number.csv", 3, "primaryValue", "bad-number")),
    ("unknown_flow.csv", ("unknown_flow.csv", 3, "flowCode", "unknown-flow")),
    ("empty_hs.csv", ("empty_hs.csv", 3, "cmdCode", "empty-hs")),
    ("hs2022_851712.csv", ("hs2022_851712.csv", 3, "cmdCode", "bad-hs")),
    ("duplicate.csv", ("duplicate.csv", 3, "period", "duplicate")),
]

OBSERVATIONS = """
SELECT ?obs ?reporter ?partner ?product ?period ?base ?change ?bound ?value ?flow ?source ?note WHERE {
  ?obs a skg:TradeObservation ; skg:reporter ?reporter ; skg:partner ?partner ; skg:product ?product ;
       skg:period ?period ; skg:basePeriod ?base ; skg:changePercent ?change ; skg:bound ?bound ;
       skg:valueUSD ?value ; skg:flow ?flow ; skg:source ?source ; skg:note ?note .
}"""


@pytest.fixture(scope="module")
def imported(known: Known, tmp_path_factory: pytest.TempPathFactory) -> tuple[ImportReport, Path]:
    out = tmp_path_factory.mktemp("trade") / "trade.nt"
    return import_trade(GOOD, out, known=known), out


@pytest.fixture(scope="module")
def observations(imported: tuple[ImportReport, Path]) -> dict[str, dict[str, str]]:
    """Each imported observation by its local id, its values with full IRIs and lexical forms."""
    st = ox.Store()
    st.bulk_load(path=str(imported[1]), format=ox.RdfFormat.N_TRIPLES)
    result = st.query(PREFIXES + OBSERVATIONS)
    assert isinstance(result, ox.QuerySolutions)
    names = [v.value for v in result.variables]
    rows = [{n: row[n].value for n in names} for row in result]
    return {row["obs"].removeprefix(ID): row for row in rows}


def test_report_counts(imported: tuple[ImportReport, Path]) -> None:
    report, out = imported
    assert (report.read, report.relations, report.entities, report.skipped) == (36, 31, 3, [])
    assert report.written == len(out.read_text().splitlines())


def test_month_on_month_change_is_exact(
    imported: tuple[ImportReport, Path], observations: dict[str, dict[str, str]]
) -> None:
    obs = observations["trade-cn-ru-847130-X-2022-03-2022-02"]
    line = f'<{obs["obs"]}> <https://w3id.org/sanctions-kg/ontology#changePercent> "-40.00"^^<{DECIMAL}> .'
    assert line in imported[1].read_text().splitlines()
    assert obs == {
        "obs": ID + "trade-cn-ru-847130-X-2022-03-2022-02",
        "reporter": ID + "china",
        "partner": ID + "russia",
        "product": ID + "laptops",
        "period": "2022-03",
        "base": "2022-02",
        "change": "-40",  # "-40.00" in the file; Oxigraph gives decimals in canonical form
        "bound": "https://w3id.org/sanctions-kg/ontology#Exactly",
        "value": "120000000",
        "flow": "https://w3id.org/sanctions-kg/ontology#Export",
        "source": SOURCE,
        "note": "Computed from UN Comtrade's values (month-on-month: 2022-03 against 2022-02).",
    }


def test_year_on_year_changes_are_exact(observations: dict[str, dict[str, str]]) -> None:
    yearly = {
        (o["product"].removeprefix(ID), o["period"], o["base"]): Decimal(o["change"])
        for o in observations.values()
        if o["period"][:4] != o["base"][:4] and o["period"][5:] == o["base"][5:]
    }
    # 200 against 150, and 120 against 160 (millions of USD)
    assert yearly == {
        ("laptops", "2022-02", "2021-02"): Decimal("33.33"),
        ("laptops", "2022-03", "2021-03"): Decimal("-25.00"),
    }
    assert "year-on-year" in observations["trade-cn-ru-847130-X-2022-03-2021-03"]["note"]


def previous(period: str) -> str:
    year, month = map(int, period.split("-"))
    return f"{year - (month == 1):04d}-{(month - 2) % 12 + 1:02d}"


def test_every_month_with_the_month_before_has_a_change(observations: dict[str, dict[str, str]]) -> None:
    monthly = sorted(
        o["period"]
        for key, o in observations.items()
        if key.startswith("trade-cn-ru-847130-X-") and o["base"] == previous(o["period"])
    )
    assert monthly == [f"2021-{m:02d}" for m in range(3, 13)] + ["2022-01", "2022-02", "2022-03"]
    series = sorted(key.rsplit("-X-", 1)[0].rsplit("-M-", 1)[0] for key in observations)
    counts = {name: series.count(name) for name in series}
    assert counts == {
        "trade-cn-ru-847130": 15,  # 13 month-on-month, 2 year-on-year
        "trade-cn-ru-851712": 10,
        "trade-cn-ru-851713": 2,
        "trade-ru-cn-847130": 1,
        "trade-cn-kz-847130": 1,
        "trade-cn-ru-854239": 1,
        "trade-cn-ru-852580": 1,
    }


def test_smartphones_by_hs2022_notation(observations: dict[str, dict[str, str]]) -> None:
    obs = observations["trade-cn-ru-851713-X-2022-03-2022-02"]
    # 100 against 300: two-thirds down
    assert (obs["product"], obs["change"], obs["value"]) == (ID + "smartphones", "-66.67", "100000000")
    assert "851712" not in obs["note"]


def test_hs2017_851712_counts_as_smartphones_with_a_note(observations: dict[str, dict[str, str]]) -> None:
    obs = observations["trade-cn-ru-851712-X-2021-03-2021-02"]
    assert (obs["product"], obs["change"], obs["period"], obs["base"]) == (
        ID + "smartphones",
        "10",
        "2021-03",
        "2021-02",
    )
    assert "851712 (HS2017)" in obs["note"]
    assert "other mobile phones" in obs["note"]
    phones = [o for o in observations.values() if o["product"] == ID + "smartphones"]
    assert len(phones) == 12  # 10 within 851712 (2021), 2 within 851713 (2022)
    assert all(("851712" in o["note"]) == o["period"].startswith("2021") for o in phones)
    # never compared across the codes: 2022-01 (851713) against 2021-12 (851712), nor a year back
    assert not [o for o in phones if o["period"].startswith("2022") and o["base"].startswith("2021")]


def test_import_flow(observations: dict[str, dict[str, str]]) -> None:
    obs = observations["trade-ru-cn-847130-M-2022-03-2022-02"]
    assert (obs["reporter"], obs["partner"], obs["flow"], obs["change"]) == (
        ID + "russia",
        ID + "china",
        "https://w3id.org/sanctions-kg/ontology#Import",
        "-50",
    )


def test_new_entities_and_headings(imported: tuple[ImportReport, Path]) -> None:
    lines = set(imported[1].read_text().splitlines())
    kz, hs, a = f"<{ID}country-kz>", f"<{ID}hs-852580>", "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
    assert {
        f"{kz} {a} <https://w3id.org/sanctions-kg/ontology#Country> .",
        f'{kz} <http://www.w3.org/2000/01/rdf-schema#label> "Kazakhstan"@en .',
        f'{kz} <http://www.w3.org/2004/02/skos/core#notation> "KZ" .',
        f"{hs} {a} <https://w3id.org/sanctions-kg/ontology#ProductCategory> .",
        f'{hs} <http://www.w3.org/2000/01/rdf-schema#label> "HS 852580"@en .',
        f'{hs} <http://www.w3.org/2004/02/skos/core#notation> "852580" .',
        f'<{SOURCE}> <https://w3id.org/sanctions-kg/ontology#publisher> "UN Comtrade" .',
        f'<{SOURCE}> <http://www.w3.org/2000/01/rdf-schema#label> "china_russia.csv"@en .',
    } <= lines
    text = imported[1].read_text()
    assert f"<{ID}country-cn>" not in text
    assert f"<{ID}country-ru>" not in text
    assert sum(line.startswith(kz) for line in lines) == 4  # written once


def test_six_digits_count_under_a_known_heading(observations: dict[str, dict[str, str]]) -> None:
    obs = observations["trade-cn-ru-854239-X-2022-03-2022-02"]
    assert (obs["product"], obs["change"]) == (ID + "integrated-circuits", "-25")
    assert "heading 8542" in obs["note"]
    assert observations["trade-cn-kz-847130-X-2022-03-2022-02"]["partner"] == ID + "country-kz"


def test_output_passes_shacl_with_the_curated_build(
    curated: Build, imported: tuple[ImportReport, Path]
) -> None:
    together = Graph()
    for triple in curated.graph:
        together.add(triple)
    together.parse(imported[1], format="nt")
    assert list(shape_problems(together, curated.ontology, {}, {})) == []


def test_same_input_same_bytes_and_tabs_read_as_commas(known: Known, tmp_path: Path) -> None:
    tabbed = tmp_path / "tabs" / GOOD.name
    tabbed.parent.mkdir()
    with GOOD.open(newline="") as src, tabbed.open("w", newline="") as dst:
        csv.writer(dst, delimiter="\t", lineterminator="\r\n").writerows(csv.reader(src))
    first, second, third = tmp_path / "1.nt", tmp_path / "2.nt", tmp_path / "3.nt"
    import_trade(GOOD, first, known=known)
    import_trade(GOOD, second, known=known)
    import_trade(tabbed, third, known=known)
    assert first.read_bytes() == second.read_bytes() == third.read_bytes()


@pytest.mark.parametrize(("name", "expected"), BAD)
def test_bad_row_is_located_and_nothing_is_written(
    known: Known, tmp_path: Path, name: str, expected: Where
) -> None:
    out = tmp_path / "out.nt"
    out.write_text("kept\n")
    with pytest.raises(InputError) as caught:
        import_trade(FIXTURES / name, out, known=known)
    assert where(caught.value.problems) == [expected]
    assert out.read_text() == "kept\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.nt"]


@pytest.mark.parametrize(("name", "expected"), BAD)
def test_skip_bad_lists_the_row(known: Known, tmp_path: Path, name: str, expected: Where) -> None:
    out = tmp_path / "out.nt"
    report = import_trade(FIXTURES / name, out, known=known, skip_bad=True)
    assert where(report.skipped) == [expected]
    assert (report.read, report.relations) == (2, 0)
    assert f"<{ID}trade-source-{Path(name).stem}>" in out.read_text()


def test_missing_column_is_row_1_even_with_skip_bad(known: Known, tmp_path: Path) -> None:
    out = tmp_path / "out.nt"
    for skip in (False, True):
        with pytest.raises(InputError) as caught:
            import_trade(FIXTURES / "missing_column.csv", out, known=known, skip_bad=skip)
        assert where(caught.value.problems) == [("missing_column.csv", 1, "flowCode", "missing-column")]
    assert not out.exists()


def test_zero_base_is_skipped_not_an_error(known: Known, tmp_path: Path) -> None:
    report = import_trade(FIXTURES / "zero_base.csv", tmp_path / "out.nt", known=known)
    assert where(report.skipped) == [("zero_base.csv", 3, "primaryValue", "zero-base")]
    assert report.relations == 1
    assert f'"-100.00"^^<{DECIMAL}>' in (tmp_path / "out.nt").read_text()


def test_cli_imports_and_reports(tmp_path: Path) -> None:
    out = tmp_path / "trade.nt"
    done = cli("import", "trade", str(GOOD), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "read 36 records: 3 entities, 31 relations" in done.stdout
    assert out.is_file()


def test_cli_bad_file_exit_1_and_skip_bad(build_dir: Path, tmp_path: Path) -> None:
    out, graph_file = tmp_path / "trade.nt", str(build_dir / "sanctions-kg.nt")
    done = cli(
        "import", "trade", str(FIXTURES / "unknown_flow.csv"), "--out", str(out), "--graph", graph_file
    )
    assert done.returncode == 1
    assert 'unknown_flow.csv, row 3, column "flowCode": unknown-flow' in done.stderr
    assert "nothing was written" in done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert not out.exists()
    args = ("import", "trade", str(FIXTURES / "unknown_flow.csv"), "--out", str(out), "--graph", graph_file)
    skipped = cli(*args, "--skip-bad")
    assert skipped.returncode == 0, skipped.stderr
    assert "skipped:" in skipped.stderr
    assert "1 skipped" in skipped.stdout
    assert out.is_file()


def test_trade_changes_question_shows_imported_beside_curated(
    build_dir: Path, imported: tuple[ImportReport, Path], tmp_path: Path
) -> None:
    load_store([build_dir / "sanctions-kg.nt", imported[1]], tmp_path / "store")
    frame = query_frame(
        open_store_dir(tmp_path / "store"), "trade-changes", {"reporter": "china", "partner": "russia"}
    )
    march = frame[(frame.productLabel == "Laptops") & (frame.period.astype(str) == "2022-03")]
    seen = {
        (str(base), float(change), str(bound).rsplit("#", 1)[-1], str(source).removeprefix(ID))
        for base, change, bound, source in zip(
            march.basePeriod, march.changePercent, march.bound, march.source, strict=True
        )
    }
    assert seen == {
        ("2022-02", -40.0, "MoreThan", "wsj-2022-05-lenovo-xiaomi"),
        ("2022-02", -40.0, "Exactly", "trade-source-china_russia"),
        ("2021-03", -25.0, "Exactly", "trade-source-china_russia"),
    }

"""`sanctions-kg ownership` as a user runs it: on stakes and listings imported from
FollowTheMoney records (the small cases of OFAC FAQ 401), on the real OpenSanctions export of
the real-data fixtures, against a server, and refusing bad input before anything is read."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import FIXTURES, cli
from tests.servers import served


def _entity(kind: str, key: str, name: str) -> dict[str, Any]:
    return {"id": key, "schema": kind, "properties": {"name": [name]}}


def _owns(key: str, owner: str, asset: str, percentage: str, **dates: str) -> dict[str, Any]:
    properties = {"owner": [owner], "asset": [asset], "percentage": [percentage]}
    properties |= {name: [day] for name, day in dates.items()}
    return {"id": key, "schema": "Ownership", "properties": properties}


# Invented entities for the cases (their names say so): X is listed by OFAC (as OpenSanctions
# writes a US Treasury listing: country us, authority OFAC); Y is listed by the UK.
RECORDS = [
    _entity("Person", "x", "Invented listed person X"),
    _entity("Person", "y", "Invented listed person Y"),
    _entity("Person", "u", "Invented unlisted person U"),
    *(_entity("Company", key, f"Invented company {key.upper()}") for key in "abcdefgh"),
    {
        "id": "s-x",
        "schema": "Sanction",
        "properties": {
            "entity": ["x"],
            "country": ["us"],
            "authority": ["OFAC"],
            "programId": ["US-TEST"],
            "startDate": ["2020-01-01"],
        },
    },
    {
        "id": "s-y",
        "schema": "Sanction",
        "properties": {
            "entity": ["y"],
            "country": ["gb"],
            "authority": ["Foreign, Commonwealth & Development Office"],
            "programId": ["GB-RUS"],
            "startDate": ["2020-01-01"],
        },
    },
    # FAQ 401, example 2: X 50 % of A and 10 % of B; A 40 % of B
    _owns("o1", "x", "a", "50"),
    _owns("o2", "x", "b", "10"),
    _owns("o3", "a", "b", "40"),
    # FAQ 401, example 3: X 25 % of C and of D; C and D 50 % each of E
    _owns("o4", "x", "c", "25"),
    _owns("o5", "x", "d", "25"),
    _owns("o6", "c", "e", "50"),
    _owns("o7", "d", "e", "50"),
    # a range across the threshold; a stake that ended; an unlisted co-owner
    _owns("o8", "x", "f", "25-60"),
    _owns("o9", "x", "g", "100", startDate="2020-01-01", endDate="2021-06-30"),
    _owns("o10", "x", "h", "30"),
    _owns("o11", "u", "h", "30"),
]


@pytest.fixture(scope="module")
def cases(tmp_path_factory: pytest.TempPathFactory, build_dir: Path) -> Path:
    """An on-disk store of the curated graph and the imported cases."""
    folder = tmp_path_factory.mktemp("ownership")
    source = folder / "cases.ftm.json"
    source.write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    imported = cli("import", "ftm", str(source), "--out", str(folder / "cases.nt"))
    assert imported.returncode == 0, imported.stderr
    loaded = cli(
        "load", str(build_dir / "sanctions-kg.nt"), str(folder / "cases.nt"), "--store", str(folder / "st")
    )
    assert loaded.returncode == 0, loaded.stderr
    return folder / "st"


def _verdicts(*args: str) -> dict[str, dict[str, Any]]:
    done = cli("ownership", *args, "--format", "json")
    assert done.returncode == 0, done.stderr
    return {record["entity"].removeprefix("ftm-"): record for record in json.loads(done.stdout)}


def test_the_ofac_rule_catches_what_faq_401_says_with_its_evidence(cases: Path) -> None:
    found = _verdicts("--rule", "ofac", "--as-of", "2022-01-01", "--store", str(cases))
    assert {key: v["verdict"] for key, v in found.items()} == {
        "a": "captured",
        "b": "captured",
        "f": "undetermined",
    }
    b = found["b"]
    assert (b["low"], b["high"], b["basis"]) == ("50", "50", "ownership")
    assert sorted((s["owner"], s["claims"][0]["share"]) for s in b["stakes"]) == [
        ("ftm-a", "40"),
        ("ftm-x", "10"),
    ]
    assert b["chain"][-1] == "ftm-x"
    [listing] = b["listings"]
    assert (listing["authority"], listing["program"], listing["start"]) == ("OFAC", "US-TEST", "2020-01-01")
    assert (found["f"]["low"], found["f"]["high"]) == ("25", "60")


def test_a_stake_counts_only_while_it_is_in_force(cases: Path) -> None:
    assert _verdicts("--as-of", "2021-01-01", "--store", str(cases))["g"]["verdict"] == "captured"
    assert "g" not in _verdicts("--as-of", "2022-01-01", "--store", str(cases))


def test_one_entitys_verdict_and_why_even_when_not_captured(cases: Path) -> None:
    [h] = _verdicts("--entity", "Invented company H", "--as-of", "2022-01-01", "--store", str(cases)).values()
    assert (h["verdict"], h["low"], h["high"]) == ("not captured", "30", "30")
    assert [s["owner"] for s in h["stakes"]] == ["ftm-x"]  # the unlisted owner adds nothing
    [e] = _verdicts("--entity", "ftm-e", "--as-of", "2022-01-01", "--store", str(cases)).values()
    assert (e["verdict"], e["stakes"]) == ("not captured", [])


def test_the_rules_side_by_side(cases: Path) -> None:
    done = cli("ownership", "--compare", "--as-of", "2022-01-01", "--store", str(cases), "--format", "csv")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "entity,label,bis-affiliates,eu,ofac,uk"
    rows = {line.split(",")[0]: line.split(",")[2:] for line in lines[1:]}
    # on 2022-01-01 the EU file's window (from 2024-07-01) and the BIS rule were not in force
    assert rows["ftm-b"] == ["not in force", "not in force", "captured", "not captured"]
    assert rows["ftm-f"] == ["not in force", "not in force", "undetermined", "not captured"]


def test_the_table_names_the_rule_and_day_and_what_was_left_out(cases: Path) -> None:
    done = cli("ownership", "--as-of", "2022-01-01", "--store", str(cases))
    assert done.returncode == 0, done.stderr
    assert "OFAC 50 Percent Rule, 2022-01-01" in done.stdout
    assert "Invented company B" in done.stdout
    assert "stakes not in force on the day: 1" in done.stderr


def _direct_ofac_captures(path: Path, day: str) -> set[str]:
    """Read from the export itself: the ids of the companies that parties OFAC lists there
    (a US Sanction by "OFAC" or "Office of Foreign Assets Control") own 50 % or more of on ``day``."""
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    listed = {
        entity
        for r in records
        if r["schema"] == "Sanction"
        and r["properties"].get("country") == ["us"]
        and {"OFAC", "Office of Foreign Assets Control"} & set(r["properties"].get("authority", []))
        for entity in r["properties"]["entity"]
    }
    found = set()
    for r in records:
        p = r["properties"]
        if r["schema"] == "Ownership" and p["owner"][0] in listed and p.get("percentage"):
            live = p.get("startDate", [""])[0] <= day and (not p.get("endDate") or day < p["endDate"][0])
            if live and float(p["percentage"][0]) >= 50:
                found.add(p["asset"][0])
    return found - listed  # a listed party is listed, not caught


@pytest.mark.parametrize("day", ["2024-03-10", "2024-04-01", "2026-04-01"])
def test_the_real_opensanctions_export_goes_through(tmp_path: Path, build_dir: Path, day: str) -> None:
    """The ZALA export of the real-data fixtures (OpenSanctions via yente): stakes of parties
    OFAC lists, some in force only for weeks (ext_ru_egrul)."""
    source = FIXTURES / "ftm" / "yente_zala_entities.ftm.json"
    nt = tmp_path / "zala.nt"
    done = cli("import", "ftm", str(source), "--out", str(nt))
    assert done.returncode == 0, done.stderr
    graph = tmp_path / "all.nt"
    graph.write_bytes((build_dir / "sanctions-kg.nt").read_bytes() + nt.read_bytes())
    found = _verdicts("--as-of", day, "--graph", str(graph))
    assert {key for key, v in found.items() if v["verdict"] == "captured"} == _direct_ofac_captures(
        source, day
    )
    assert all(len(v["chain"]) == 2 for v in found.values())  # the export's captures are direct
    for verdict in found.values():
        assert all(claim["sources"] for stake in verdict["stakes"] for claim in stake["claims"])
        assert verdict["listings"]
        assert all(item["sources"] for item in verdict["listings"])


def test_the_real_export_catches_aeroscan_while_zakharov_held_it(tmp_path: Path, build_dir: Path) -> None:
    nt = tmp_path / "zala.nt"
    cli("import", "ftm", str(FIXTURES / "ftm" / "yente_zala_entities.ftm.json"), "--out", str(nt))
    graph = tmp_path / "all.nt"
    graph.write_bytes((build_dir / "sanctions-kg.nt").read_bytes() + nt.read_bytes())
    [aeroscan] = _verdicts(
        "--as-of", "2024-03-10", "--graph", str(graph), "--entity", "Limited Liability Company Aeroscan"
    ).values()
    assert aeroscan["verdict"] == "captured"
    assert aeroscan["stakes"][0]["ownerLabel"] == "Alexander Vyacheslavovich ZAKHAROV"
    assert aeroscan["stakes"][0]["claims"][0]["sources"] == ["ftm-dataset-ext_ru_egrul"]


def test_a_server_gives_the_same_verdicts(cases: Path) -> None:
    with served("--store", str(cases), timeout=30) as url:
        remote = _verdicts("--as-of", "2022-01-01", "--endpoint", url)
    assert remote == _verdicts("--as-of", "2022-01-01", "--store", str(cases))


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--rule", "fatf"], "known rules are bis-affiliates, eu, ofac, uk"),
        (["--rule", "bis-affiliates", "--as-of", "2026-01-01"], "was not in force on 2026-01-01"),
        (["--as-of", "1 May 2022"], "parameter 'as-of'"),
        (["--format", "xml"], "parameter 'format'"),
    ],
)
def test_bad_input_is_refused_before_the_server_is_asked(args: list[str], words: str) -> None:
    done = cli("ownership", *args, "--endpoint", "http://127.0.0.1:9/query")  # nothing listens there
    assert done.returncode == 1
    assert words in done.stderr
    assert "Traceback" not in done.stderr
    assert "127.0.0.1" not in done.stderr


def test_an_unknown_entity_and_a_malformed_rule_file_are_located_errors(cases: Path, tmp_path: Path) -> None:
    done = cli("ownership", "--entity", "nobody-at-all", "--store", str(cases))
    assert (done.returncode, "parameter 'entity'" in done.stderr) == (1, True)
    bad = tmp_path / "bad.toml"
    bad.write_text('id = "bad"\n', encoding="utf-8")
    done = cli("ownership", "--rule", str(bad), "--store", str(cases))
    assert done.returncode == 1
    assert "bad.toml" in done.stderr
    assert "threshold" in done.stderr
    assert "Traceback" not in done.stderr


def test_the_view_draws_what_a_rule_catches_marked_with_its_verdicts(cases: Path, tmp_path: Path) -> None:
    out = tmp_path / "ownership.html"
    done = cli(
        "view", "--ownership", "ofac", "--as-of", "2022-01-01", "--store", str(cases), "--out", str(out)
    )
    assert done.returncode == 0, done.stderr
    html = out.read_text(encoding="utf-8")
    for verdict, count in (("listed", 1), ("captured", 2), ("undetermined", 1)):
        assert html.count(f'"verdict": "{verdict}"') == count
    assert "What the OFAC 50 Percent Rule catches on 2022-01-01" in html
    refused = cli(
        "view", "--ownership", "ofac", "--chains", "x", "y", "--store", str(cases), "--out", str(out)
    )
    assert refused.returncode == 1
    assert "--ownership" in refused.stderr


def test_indirect_holdings_can_be_read_multiplied_instead(cases: Path) -> None:
    found = _verdicts("--indirect", "multiplied", "--as-of", "2022-01-01", "--store", str(cases))
    # B: 10 % directly and 50 % x 40 % through A = 30 %, not the 50 % of FAQ 401's reading
    assert {key: v["verdict"] for key, v in found.items()} == {"a": "captured", "f": "undetermined"}
    [b] = _verdicts(
        "--indirect", "multiplied", "--entity", "ftm-b", "--as-of", "2022-01-01", "--store", str(cases)
    ).values()
    assert (b["verdict"], b["low"]) == ("not captured", "30")
    done = cli("ownership", "--indirect", "sideways", "--store", str(cases))
    assert done.returncode == 1
    assert "parameter 'indirect'" in done.stderr

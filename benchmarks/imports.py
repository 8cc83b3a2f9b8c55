"""The importers as a user meets them: ``sanctions-kg import ftm`` and ``sanctions-kg import
trade``, each a fresh process timed from start to last line, beside the least a user could do
with the same file instead, run in the same benchmark: read every entity with followthemoney's
own reader (and nothing else), or ``pandas.read_csv`` the Comtrade file (and nothing else).

    python -m benchmarks.imports                     # 10,000 and 100,000 lines of each
    python -m benchmarks.imports --lines 1000000     # 100,000 and 1,000,000 lines of each

Both files are generated, seeded, in a temporary folder, at ``--lines`` and a tenth of it:
FollowTheMoney lines shaped like OpenSanctions' (companies, people, sanctions on both, stakes
held by people and companies with percentages, directorships, family ties), and the current
Comtrade API's CSV (its 47 columns, numeric country codes, monthly series of HS codes, values
as floats), each series a run of consecutive months so that every row but the first of a series
has a month to compare with. Each line printed: the rows a second and peak memory (maximum
resident set) of ours and of the baseline, and their ratios (the baseline's time or memory over
ours: below 1, the baseline is faster or smaller). The last lines compare the two sizes: how
the time and the peak memory of each grow with the file.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

from benchmarks.startup import run_once

__all__ = ["commands", "main", "synthetic_ftm", "synthetic_trade"]

COUNTRIES = ("us", "cn", "ru", "de", "fr", "gb", "jp", "in", "tr", "ae", "kz", "by")
#: Comtrade's numeric codes of a few reporters and partners (USA 842, China 156, Russia 643,
#: Germany 276, Japan 392, Korea 410, India 699, France 251, Switzerland 757, UK 826,
#: Kazakhstan 398, Türkiye 792).
M49 = ("842", "156", "643", "276", "392", "410", "699", "251", "757", "826", "398", "792")
HEADINGS = ("8471", "8473", "8517", "8525", "8528", "8541", "8542", "8543")

#: Per 20 FollowTheMoney lines: what each line is.
PLAN: tuple[str, ...] = (("company",) * 8) + (("person",) * 3) + (("sanction",) * 3) + (("stake",) * 4)
PLAN += ("directorship", "family")


def _counts(lines: int) -> dict[str, int]:
    """How many lines of each kind a file of ``lines`` lines holds.

    >>> _counts(25)["company"], _counts(25)["person"]
    (13, 3)
    """
    return {kind: sum(1 for i in range(lines) if PLAN[i % 20] == kind) for kind in set(PLAN)}


def _nth(kind: str, k: int) -> str:
    return f"bench-{kind}-{k}"


def _ftm_line(i: int, counts: dict[str, int], rng: random.Random) -> dict[str, Any]:
    """Line ``i``: a company, person, sanction, stake, directorship or family tie."""
    seen = {"datasets": ["bench_dataset"], "first_seen": "2023-11-03T12:00:00"}
    kind = PLAN[i % 20]
    k = sum(1 for j in range(i % 20) if PLAN[j] == kind) + (i // 20) * PLAN.count(kind)

    def some(of: str) -> str:
        return _nth(of, rng.randrange(max(1, counts[of])))

    props: dict[str, list[str]]
    schema = {"company": "Company", "person": "Person", "sanction": "Sanction", "stake": "Ownership"}
    if kind == "company":
        props = {"name": [f"Bench Company {k}"], "country": [rng.choice(COUNTRIES)]}
        props["innCode"] = [f"{rng.randrange(10**9, 10**10)}"]
        if k % 50 == 0:
            props["topics"] = ["gov.national"]
    elif kind == "person":
        props = {"name": [f"Bench Person {k}"], "birthDate": [f"19{rng.randrange(40, 99)}"]}
    elif kind == "sanction":
        listed = some("person" if rng.random() < 0.4 else "company")
        props = {"entity": [listed], "country": [rng.choice(COUNTRIES)], "programId": ["BENCH-PROGRAM"]}
        props["startDate"] = [f"20{rng.randrange(10, 24)}-{rng.randrange(1, 13):02d}"]
    elif kind == "stake":
        owner = some("person" if rng.random() < 0.5 else "company")
        share = rng.choice(
            [f"{rng.randrange(1, 100)}", f"{rng.randrange(1, 50)}-{rng.randrange(50, 100)}", ">25"]
        )
        props = {"owner": [owner], "asset": [some("company")], "percentage": [share]}
        props["startDate"] = [f"{rng.randrange(1995, 2024)}"]
    elif kind == "directorship":
        props = {"director": [some("person")], "organization": [some("company")], "role": ["director"]}
        schema = {"directorship": "Directorship"}
    else:
        props = {"person": [some("person")], "relative": [some("person")], "relationship": ["spouse"]}
        schema = {"family": "Family"}
    return {"id": _nth(kind, k), "schema": schema[kind], "properties": props, **seen}


def synthetic_ftm(path: Path, lines: int, *, seed: int = 7) -> Path:
    """Write ``lines`` FollowTheMoney lines to ``path``; every reference is to an id of the file."""
    rng, counts = random.Random(seed), _counts(lines)
    with path.open("w", encoding="utf-8") as stream:
        for i in range(lines):
            stream.write(json.dumps(_ftm_line(i, counts, rng), separators=(",", ":")) + "\n")
    return path


HEADER = [
    "typeCode",
    "freqCode",
    "refPeriodId",
    "refYear",
    "refMonth",
    "period",
    "reporterCode",
    "reporterISO",
    "reporterDesc",
    "flowCode",
    "flowDesc",
    "partnerCode",
    "partnerISO",
    "partnerDesc",
    "partner2Code",
    "partner2ISO",
    "partner2Desc",
    "classificationCode",
    "classificationSearchCode",
    "isOriginalClassification",
    "cmdCode",
    "cmdDesc",
    "aggrLevel",
    "isLeaf",
    "customsCode",
    "customsDesc",
    "mosCode",
    "motCode",
    "motDesc",
    "qtyUnitCode",
    "qtyUnitAbbr",
    "qty",
    "isQtyEstimated",
    "altQtyUnitCode",
    "altQtyUnitAbbr",
    "altQty",
    "isAltQtyEstimated",
    "netWgt",
    "isNetWgtEstimated",
    "grossWgt",
    "isGrossWgtEstimated",
    "cifvalue",
    "fobvalue",
    "primaryValue",
    "legacyEstimationFlag",
    "isReported",
    "isAggregate",
]
MONTHS = 120  # each series: ten years of months


def synthetic_trade(path: Path, rows: int, *, seed: int = 7) -> Path:
    """Write ``rows`` rows of the Comtrade API's CSV (monthly, HS 2017) to ``path``."""
    rng = random.Random(seed)
    codes = [f"{h}{s:02d}" for h in HEADINGS for s in range(10, 90, 10)]
    pairs = [(r, p) for r in M49 for p in M49 if r != p]
    with path.open("w", encoding="utf-8", newline="") as stream:
        out = csv.writer(stream, lineterminator="\n")
        out.writerow(HEADER)
        for i in range(rows):
            series, month = divmod(i, MONTHS)
            (reporter, partner), code = pairs[series % len(pairs)], codes[series // len(pairs) % len(codes)]
            flow = "MX"[series // (len(pairs) * len(codes)) % 2]
            year, m = 2014 + month // 12, month % 12 + 1
            value = f"{rng.randrange(10**4, 10**10)}.0"
            row = dict.fromkeys(HEADER, "")
            row |= {"typeCode": "C", "freqCode": "M", "refPeriodId": f"{year}{m:02d}01", "refYear": str(year)}
            row |= {"refMonth": str(m), "period": f"{year}{m:02d}", "reporterCode": reporter}
            row |= {"flowCode": flow, "partnerCode": partner, "partner2Code": "0", "classificationCode": "H5"}
            row |= {"classificationSearchCode": "HS", "isOriginalClassification": "True", "cmdCode": code}
            row |= {"customsCode": "C00", "mosCode": "0", "motCode": "0", "qtyUnitCode": "-1"}
            row |= {"isQtyEstimated": "False", "altQtyUnitCode": "-1", "isAltQtyEstimated": "False"}
            row |= {"netWgt": f"{rng.randrange(1, 10**6)}.0", "isNetWgtEstimated": "False"}
            row |= {"isGrossWgtEstimated": "False", "primaryValue": value, "cifvalue": value}
            row |= {"legacyEstimationFlag": "0", "isReported": "True", "isAggregate": "False"}
            out.writerow(row[name] for name in HEADER)
    return path


FTM_READER = (
    "import sys; from pathlib import Path; from followthemoney.cli.util import path_entities; "
    "from followthemoney.proxy import EntityProxy; "
    "print(sum(1 for _ in path_entities(Path(sys.argv[1]), EntityProxy)))"
)
PANDAS = "import sys, pandas; print(len(pandas.read_csv(sys.argv[1], dtype=str, keep_default_na=False)))"


def commands(kind: str, source: Path, out: Path) -> tuple[list[str], list[str]]:
    """Ours and the baseline, for a file of ``kind`` (``ftm`` or ``trade``).

    >>> ours, baseline = commands("trade", Path("t.csv"), Path("o.nt"))
    >>> ours[1:], baseline[1]
    (['import', 'trade', 't.csv', '--out', 'o.nt'], '-c')
    """
    tool = str(Path(sys.executable).parent / "sanctions-kg")
    ours = [tool, "import", kind, str(source), "--out", str(out)]
    return ours, [sys.executable, "-c", FTM_READER if kind == "ftm" else PANDAS, str(source)]


def _timed(argv: list[str], repeat: int) -> tuple[float, int]:
    """The median seconds and the largest peak memory of ``repeat`` fresh runs of ``argv``."""
    runs = [run_once(argv) for _ in range(repeat)]
    return statistics.median(s for s, _ in runs), max(p for _, p in runs)


def main(argv: list[str] | None = None) -> list[dict[str, Any]]:
    """Print a line per format and size, then how each grows with the file."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--lines", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=1, help="Runs of each command (the median is shown).")
    args = parser.parse_args(argv)
    print(
        f"{'format':<7} {'lines':>9} {'ours (s)':>9} {'rows/s':>9} {'peak (MB)':>10} "
        f"{'baseline (s)':>13} {'rows/s':>9} {'peak (MB)':>10} {'time':>7} {'memory':>7}"
    )
    records: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as folder:
        for kind, make in (("ftm", synthetic_ftm), ("trade", synthetic_trade)):
            for lines in (max(20, args.lines // 10), max(20, args.lines)):
                source = make(Path(folder) / f"{kind}-{lines}.{'jsonl' if kind == 'ftm' else 'csv'}", lines)
                ours, baseline = commands(kind, source, Path(folder) / "out.nt")
                seconds, peak = _timed(ours, args.repeat)
                base_seconds, base_peak = _timed(baseline, args.repeat)
                record = {"family": f"import-{kind}", "size": lines, "seconds": seconds, "peak_bytes": peak}
                record |= {"baseline_seconds": base_seconds, "baseline_peak_bytes": base_peak}
                records.append(record)
                print(
                    f"{kind:<7} {lines:>9} {seconds:>9.2f} {lines / seconds:>9.0f} {peak / 1e6:>10.0f} "
                    f"{base_seconds:>13.2f} {lines / base_seconds:>9.0f} {base_peak / 1e6:>10.0f} "
                    f"{base_seconds / seconds:>6.2f}x {base_peak / peak:>6.2f}x"
                )
                source.unlink()
    for kind in ("ftm", "trade"):
        small, large = (r for r in records if r["family"] == f"import-{kind}")
        print(
            f"{kind}: {large['size'] / small['size']:.0f}x the lines take "
            f"{large['seconds'] / small['seconds']:.1f}x "
            f"the time and {large['peak_bytes'] / small['peak_bytes']:.2f}x the peak memory "
            f"(the baseline: {large['baseline_seconds'] / small['baseline_seconds']:.1f}x and "
            f"{large['baseline_peak_bytes'] / small['baseline_peak_bytes']:.2f}x)"
        )
    return records


if __name__ == "__main__":
    main()

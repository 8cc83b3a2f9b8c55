"""Every schema of the FollowTheMoney model is either mapped or counted, with why."""

from __future__ import annotations

import json
from pathlib import Path

from followthemoney import model

from graph.importers.common import Known
from graph.importers.ftm.run import import_ftm
from graph.importers.ftm.schemata import KEPT, NOT_MODELLED, UNREFERENCED, handling

PERSON = {"id": "p-1", "schema": "Person", "properties": {"name": ["Test Person"]}}


def record(name: str) -> dict[str, object]:
    """A record of schema ``name`` with its required properties (references to the person)."""
    schema = model.schemata[name]
    properties = {
        p: ["p-1" if schema.properties[p].type.name == "entity" else "1"] for p in sorted(schema.required)
    }
    if name == "Sanction":
        properties["country"] = ["de"]
    return {"id": f"r-{name}", "schema": name, "properties": properties}


def test_every_schema_of_the_model_is_imported_or_counted_with_why(tmp_path: Path) -> None:
    names = sorted(model.schemata)
    source = tmp_path / "every-schema.jsonl"
    lines = [PERSON, *(record(n) for n in names)]
    source.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    report = import_ftm(source, tmp_path / "out.nt", known=Known())
    assert (report.read, report.skipped) == (len(names) + 1, [])
    why = {"skipped": NOT_MODELLED, "address": UNREFERENCED, "document": KEPT}
    expected = {(n, why[handling(model.schemata[n])]): 1 for n in names if handling(model.schemata[n]) in why}
    assert report.left_out == expected
    mapped = {n for n in names if handling(model.schemata[n]) not in why}
    assert mapped == {
        "Associate", "Company", "Directorship", "Family", "LegalEntity", "Organization",
        "Ownership", "Person", "PublicBody", "Sanction",
    }  # fmt: skip
    assert ("Vessel", NOT_MODELLED) in report.left_out
    assert ("UnknownLink", NOT_MODELLED) in report.left_out
    # 6 organisations and people, 1 measure, 1 minted government and Germany.
    assert report.entities == 9
    # owns, directs, 2 relatedTo, sanctions, issuedBy, governs.
    assert report.relations == 7


def test_a_relation_to_a_record_not_modelled_is_counted_with_what_it_refers_to(tmp_path: Path) -> None:
    source = tmp_path / "vessel.jsonl"
    lines = [
        {"id": "v-1", "schema": "Vessel", "properties": {"name": ["Test Vessel"]}},
        {"id": "s-1", "schema": "Sanction", "properties": {"entity": ["v-1"], "country": ["us"]}},
        {"id": "o-1", "schema": "Ownership", "properties": {"owner": ["p-1"], "asset": ["v-1"]}},
        PERSON,
    ]
    source.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    report = import_ftm(source, tmp_path / "out.nt", known=Known())
    assert report.left_out == {
        ("Vessel", "not modelled"): 1,
        ("Sanction", "its entity is a Vessel, not modelled"): 1,
        ("Ownership", "its asset is a Vessel, not modelled"): 1,
    }
    assert (report.entities, report.relations) == (1, 0)  # the person; nothing of the sanction is left
    text = (tmp_path / "out.nt").read_text(encoding="utf-8")
    assert "government" not in text
    assert report.written == len(text.splitlines())

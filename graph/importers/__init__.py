"""Importers: other people's data (OpenSanctions / FollowTheMoney, Beneficial Ownership Data
Standard 0.4 statements, UN Comtrade-style trade statistics, Wikidata entities) mapped into the
same ontology, every relation with its claim and provenance, written as N-Triples to load
beside the curated graph.
"""

from graph.importers.common import ImportReport, Known, known_from

__all__ = ["ImportReport", "Known", "known_from"]

"""OpenSanctions / FollowTheMoney entities and sanctions, as N-Triples beside the curated graph.

The input is FollowTheMoney JSON lines (``id``, ``schema``, ``properties`` of lists of strings,
``datasets``, ``first_seen``, ``last_seen``), read twice: the first pass collects the ids of the
file, the second converts and writes as it goes; memory holds those ids and nothing else that
grows with the file.

- Company, Organization, LegalEntity, PublicBody -> ``skg:Company``, or ``skg:Government`` for a
  PublicBody or a topic ``gov`` / ``gov.*`` (but not ``gov.soe``, ``gov.igo``, ``gov.religion``):
  first ``name`` -> ``rdfs:label``@en, id -> ``skg:record``, ``wikidataId`` -> ``owl:sameAs``; a
  company's ``jurisdiction`` and ``country`` -> ``skg:headquarteredIn`` (a government body's are
  checked, not written: that relation is a company's). Entity resolution by
  Wikidata id: an entity whose item the graph already has IS that entity (its IRI, and no second
  class or label); others are minted as ``id:ftm-<id>``.
- Sanction -> ``skg:SanctionsMeasure`` ``id:ftm-<id>`` (label: ``authority``, ``program`` or
  ``programId``; ``skg:reference``: ``authorityId``) ``skg:issuedBy`` the government of its first
  ``country``, which ``skg:sanctions`` its ``entity``; that claim has the start date (earliest
  ``startDate``, else ``listingDate``), the end date (latest ``endDate``), ``skg:program``
  (``programId``, else ``program``), ``skg:reason``, ``skg:measure``. The government is the
  graph's (``us`` -> ``us-government``), else one is minted: ``id:ftm-government-<code>``,
  "Government of <country>", with a ``skg:governs`` claim.
- Ownership -> ``owner skg:owns asset``, its claim with ``skg:share`` (``percentage``, a decimal
  from 0 to 100) and dates.
- Other schemata (Person, Vessel, Directorship, UnknownLink, ...) are skipped silently, and so is a
  relation whose other end is of one (a Sanction of a Person). A reference is its first value.

Each relation is a direct triple and a claim ``id:ftm-claim-<id>-<relation>``: status Active,
``skg:record``, ``skg:firstSeen``/``skg:lastSeen``, and as ``skg:source`` a ``skg:Source`` per
dataset (``id:ftm-dataset-<name>``; the file's name for a line without one). A country code the
graph lacks mints a Country once (``id:country-<code>``, English name, ``skos:notation``). Dates
known to the month or year are their first day, with ``skg:Month``/``skg:Year`` precision.

Problems, each at (file, line, property): ``bad-json``, ``unknown-schema``, ``missing-id``,
``bad-date``, ``unknown-country``, ``bad-number``, ``bad-wikidata-id``, ``missing-country`` (a
Sanction without one), ``dangling-reference`` (to an id not in the file, or whose line is bad).
All are raised together as an ``InputError`` and nothing is written; with ``skip_bad`` each bad
line is left out whole and its problem listed in ``ImportReport.skipped``.
"""

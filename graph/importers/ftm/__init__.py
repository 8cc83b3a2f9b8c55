"""OpenSanctions / FollowTheMoney entities, people, sanctions and the ties between them, as
N-Triples beside the curated graph.

The input is FollowTheMoney JSON lines (``id``, ``schema``, ``properties`` of lists of strings,
``caption``, ``datasets``, ``first_seen``, ``last_seen``), read twice: the first pass collects the
ids of the file (and which entities point at each Address), the second converts and writes as it
goes; memory holds ids and nothing else that grows with the file. What becomes of each schema is
data (:mod:`~graph.importers.ftm.schemata`); every record is imported or counted as left out.

- Company, Organization, LegalEntity, PublicBody -> ``skg:Company``, or ``skg:Government`` for a
  PublicBody or a topic ``gov`` / ``gov.*`` (but not ``gov.soe``, ``gov.igo``, ``gov.religion``);
  a company's ``jurisdiction`` and ``country`` -> ``skg:headquarteredIn`` (a government body's are
  checked, not written: that relation is a company's). Person -> ``skg:Person`` with its
  ``birthDate`` (year or month precision as ``skg:birthDatePrecision``). Every entity: its
  ``caption`` (else first ``name``) -> ``rdfs:label``@en, id -> ``skg:record``, ``wikidataId`` ->
  ``owl:sameAs``, its identifiers (``innCode``, ``ogrnCode``, ``leiCode``, ``taxNumber``, ... each
  under the term of the same name) and ``address`` texts (``skg:address``). Entity resolution by
  Wikidata id: an entity whose item the graph already has IS that entity (its IRI, and no second
  class or label); others are minted as ``id:ftm-<id>``.
- Sanction -> ``skg:SanctionsMeasure`` ``id:ftm-<id>`` (label: ``authority``, ``program`` or
  ``programId``; ``skg:reference``: ``authorityId``) ``skg:issuedBy`` the government of its first
  ``country``, which ``skg:sanctions`` its ``entity`` (a company, body or person); that claim has
  the start date (earliest ``startDate``, else ``listingDate``), the end date (latest
  ``endDate``), ``skg:program`` (``programId``, else ``program``), ``skg:reason``, ``skg:measure``.
  The government is the graph's (``us`` -> ``us-government``), else one is minted:
  ``id:ftm-government-<code>``, "Government of <country>", with a ``skg:governs`` claim.
- Ownership -> ``owner skg:owns asset``; its claim keeps the share as stated (``percentage``:
  ``skg:share`` for one figure, ``skg:shareMinimum`` / ``skg:shareMaximum`` with their exclusive
  flags for a range or a bound, and ``skg:shareStatedAs``; see :mod:`~.shares`), its ``role``
  and dates. Directorship -> ``director skg:directs organization``, with ``skg:role``. Family and
  Associate -> ``person skg:relatedTo relative`` (or ``associate``), with ``skg:kind``: the
  ``relationship`` as written, else ``family`` / ``associate``. An edge's ends are
  FollowTheMoney's own (``edge_source``, ``edge_target``); a reference is its first value.
- Address -> its ``full`` text as ``skg:address`` of each entity whose ``addressEntity`` points at
  it (when that entity does not state it already); Passport / Identification -> its number as
  ``skg:passportNumber`` / ``skg:idNumber`` of its ``holder``. Both are counted among the records
  left out, as "kept as properties of their entity"; one without a full text or a number as "not
  modelled", an Address no entity points at as such.
- Every other schema (Vessel, Airplane, UnknownLink, Employment, Note, ...) is counted as "not
  modelled", and so is a relation whose end is one ("its entity is a Vessel, not modelled").
  References to ids outside the file from properties that are not an edge's ends
  (``addressEntity``, ...) are counted by property.

Each relation is a direct triple and a claim ``id:ftm-claim-<id>-<relation>``: status Active,
``skg:record``, ``skg:firstSeen``/``skg:lastSeen``, and as ``skg:source`` a ``skg:Source`` per
dataset (``id:ftm-dataset-<name>``; the file's name for a line without one). A country code the
graph lacks mints a Country once (``id:country-<code>``, English name, ``skos:notation``). Dates
known to the month or year are their first day, with ``skg:Month``/``skg:Year`` precision.

Problems, each at (file, line, property): ``bad-json``, ``unknown-schema``, ``missing-id``,
``bad-date``, ``unknown-country``, ``bad-number`` (a percentage that cannot be read),
``bad-wikidata-id``, ``missing-country`` (a Sanction without one), ``missing-reference`` (a
relation without one of its ends), ``dangling-reference`` (an end, or a holder, not in the file,
or whose line is bad). All are raised together as an ``InputError`` and nothing is written; with
``skip_bad`` each bad line is left out whole and its problem listed in ``ImportReport.skipped``.

Delta feeds (:mod:`~graph.importers.ftm.delta`, ``import ftm FILE --delta --store DIR``): lines
``{"op": "ADD" | "MOD" | "DEL", "entity": {...}}`` change an on-disk store in place, every line or
none. What each record stated is kept as the named graph ``id:ftm-record-<id>``, so a MOD
replaces exactly that and a DEL removes it, never a triple another record or the curated graph
states; the questions read the default graph and never see these. Limits: a store loaded from a
plain import's N-Triples refuses MOD and DEL of its records (``not-from-a-feed``: what they stated
is not known; apply the export itself with ``--delta`` instead), and the relations of other
records to a deleted entity stay until the feed deletes those records too (the summary lists the
deleted ids still linked).
"""

"""The Beneficial Ownership Data Standard (BODS) 0.4 import: entity, person and relationship
statements (a JSON array, or one statement a line) -> the same people, companies and ownership
claims the FollowTheMoney import writes. The import is :func:`graph.importers.bods.run.import_bods`.

Mapping
-------
- A record is its latest statement (by ``statementDate``, then by place in the file); earlier
  statements of the same ``recordId`` are counted as superseded. A ``closed`` record's interests
  end on the closing statement's date where they give no ``endDate``.
- ``entity`` -> ``skg:Company`` ``id:bods-<recordId>`` (``stateBody`` and ``state``:
  ``skg:Government``), its ``name`` as label, identifiers under their scheme (``XI-LEI``:
  ``skg:leiCode``; any other: ``skg:registrationNumber``).
- ``person`` -> ``skg:Person``, its legal (else first) full name as label; an anonymous or unknown
  person is labelled so, with the reason the statement gives; ``birthDate`` with its precision.
- ``relationship`` -> one claim an interest, ``interestedParty`` to ``subject``:
  ``shareholding``, ``rightsToSurplusAssetsOnDissolution``, ``rightsToProfitOrIncome`` ->
  ``skg:owns``; ``votingRights``, ``appointmentOfBoard``, ``otherInfluenceOrControl``,
  ``controlViaCompanyRulesOrArticles``, ``controlByLegalFramework`` -> ``skg:controls``;
  ``seniorManagingOfficial``, ``boardMember``, ``boardChair`` -> ``skg:directs`` (its
  ``skg:role``). Each claim keeps ``skg:interestType``, the share as stated (``exact``;
  ``minimum`` / ``exclusiveMinimum``; ``maximum`` / ``exclusiveMaximum``; the share object as
  written in ``skg:shareStatedAs``), ``startDate``, ``endDate``, ``skg:record`` and its source
  (the statement's publisher).
- Counted, not imported, each with why: interests of other types (trusts, nominees, contracts,
  unknown interests); an indirect interest whose chain the file gives as component records (the
  components are imported: counting the summary too would count the stake twice); an indirect
  interest without them (its chain is not known); an interest of an unspecified party (the
  inline ``reason``); a relationship naming a record outside the file.
"""

"""Links to Wikidata, proposed and checked from a local file of Wikidata entities.

The file is JSON in either shape Wikidata gives: an array of entity objects (as in the
``latest-all.json`` dump) or one object ``{"entities": {"Q...": {...}}}`` (as
``Special:EntityData/Q....json`` returns). Entities that are not items (properties, lexemes)
are passed over. Of an item, the English (or ``mul``) label and aliases are read, and the
Q-ids of its country (``P17``) and classes (``P31``) statements that are not deprecated.

Matching
    An entity of the graph (Country, Government, Company, OEM, ChipSupplier) matches an item
    when a name of the one equals a name of the other after normalisation: Unicode NFKC,
    case folded, apostrophes dropped, other punctuation as spaces, and trailing company forms
    (Inc., Ltd, Limited, Corp., Corporation, Co., Company, plc, LLC, Group, Holdings) dropped.
    An entity's names are its English label without the parts in brackets, and each bracketed
    part except "unnamed" (``"AMD (Advanced Micro Devices)"`` gives "amd" and "advanced micro
    devices"). Items that are Wikimedia disambiguation pages, categories or lists never match.
Countries
    Where both are known, an item's countries (its ``P17`` items that are countries of the
    graph, by their ``owl:sameAs``) must include the entity's country: a Country's own, a
    Government's the country it governs. A company's country is not known to the lookup, so it
    is not checked.
Statuses, one link for each (entity, item) pair that matches
    ``confirmed``: the graph's ``owl:sameAs`` names this item. ``conflict``: the countries
    disagree; or the graph links the entity to another item, or links this item to another
    entity; or several items match the entity, or several entities the item (matches whose
    countries disagree do not count here); or the graph's own item is in the file and none of
    its names matches. ``proposed``: the one match of an entity the graph has no link for.
    ``unmatched``: an item that matches no entity (its ``entity`` is empty). ``reason`` says
    why in words. Links are ordered by the entity's label, the entity, then the item's number;
    unmatched items come last.
"""

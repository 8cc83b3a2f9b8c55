"""UN Comtrade's trade statistics, as people download them, as trade observations.

Layouts (:mod:`~graph.importers.trade.layouts`), told apart by the header; the summary says
which it read:

- the current API's CSV and JSON (``comtradeapicall``'s columns ``freqCode``, ``period``,
  ``reporterCode``, ``partnerCode``, ``partner2Code``, ``flowCode``, ``classificationCode``,
  ``cmdCode``, ``customsCode``, ``motCode``, ``primaryValue``; the JSON's records in ``data``);
- the classic CSV, full (``Classification, Year, Period, ... Reporter ISO, ... Trade Value
  (US$), Flag``) and short (no ``Period`` nor ISO columns), and the old bulk files (``Year,
  Reporter Code, Trade Flow Code, Partner Code, Classification, Commodity Code, ..., Value``):
  flows coded 1 ... 4, HS codes whose leading zero a spreadsheet dropped put back (``1`` ->
  ``01``, noted on the observation);
- the Comtrade-shaped CSV with ISO alpha-3 countries (``reporterISO``, ``partnerISO``,
  ``cmdCode``, ``period`` as ``YYYYMM``, ``flowCode``, ``primaryValue``, optionally
  ``classificationCode``), read with its first rules: every flow but ``X`` and ``M`` and every
  code that is no ISO country (``W00``) is bad input.

A header with the columns of two layouts, or a record that is a header (two downloads put
together), is ``mixed-formats``; a header of no layout is ``unknown-format``.

Countries
    Comtrade's numeric codes (:mod:`~graph.importers.trade.areas`): ISO 3166-1 numeric codes
    through pycountry, and Comtrade's own (842 USA, 699 India, 251 France, 757 Switzerland, 381
    Italy in the classic files) from its published lists. Groups (0 World, 97 EU, 490 "Other
    Asia, nes"), other areas (``nes``, bunkers, free zones) and former areas are no countries:
    their records are left out and counted (``left_out``). A country the graph lacks becomes a
    new ``skg:Country`` (``country-<alpha-2>``).
Totals only
    A record of a breakdown (``partner2Code`` not 0, ``customsCode`` not C00, ``motCode`` not
    0) is never added to its total: it is left out and counted. So are the flows the graph does
    not model (re-exports, re-imports, processing flows).
Products
    By ``skos:notation``, up the HS hierarchy: a code without a product counts under its heading
    (4 digits), else its chapter (2 digits), with a note; otherwise a new ``skg:ProductCategory``
    ``"HS <code>"`` (``hs-<code>``) linked by ``skos:broader`` to the nearest category above it
    that the graph or the file has. SITC codes (S1 ... S4) get categories of their own
    (``sitc-<code>``, no notation). Codes of different digit levels are different series,
    never added together.
HS2017 and HS2022
    851712 under an older or unnamed vintage counts as smartphones (HS2022 851713), with a note
    that the figure also holds other mobile phones; 851712 under ``H6`` is ``bad-hs``.
Changes
    A series is one (reporter, partner, code, flow, frequency). Monthly figures give a
    ``skg:TradeObservation`` for each month with the month before (month on month) or the same
    month a year before (year on year); annual ones an ``skg:AnnualTradeObservation`` for each
    year with the year before (``skg:year``, ``skg:baseYear``). Each has ``changePercent`` =
    (value - base) / base x 100, rounded half up to 2 decimals, ``bound`` ``skg:Exactly``,
    ``valueUSD`` the reporter's figure as published (read as a decimal, exactly), ``flow``,
    ``classification`` and the file as ``source``. A base of 0 gives no change (``zero-base``
    in ``report.skipped``); a record with no period to compare with is counted in ``left_out``.
Bad input
    Every problem is located (file, row with the header as row 1 (in the JSON, row N is the
    N-th record of ``data``), column): ``missing-column``, ``unknown-format`` and
    ``mixed-formats`` (never skipped), ``bad-period``, ``unknown-country``, ``bad-number``,
    ``unknown-flow``, ``empty-hs``, ``bad-hs``, ``unknown-classification``, ``duplicate``,
    ``bad-json``, ``api-error``. Nothing is written then; with ``skip_bad`` the records are left
    out and listed in ``report.skipped``.

The report counts the new entities (countries, products, the source) as ``entities``, and
the observations as ``relations``.
"""

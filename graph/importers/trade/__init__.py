"""Trade statistics in the shape of UN Comtrade's bulk files, as trade observations.

The input is a CSV (comma- or tab-separated, as Comtrade's downloads come) with Comtrade's
column names. Required: ``reporterISO`` and ``partnerISO`` (ISO 3166-1 alpha-3, ``CHN``),
``cmdCode`` (the HS code), ``period`` (``YYYYMM``: monthly data only), ``flowCode`` (``X``
export, ``M`` import; re-exports, re-imports and the other flows are refused) and
``primaryValue`` (US dollars). Optional: ``classificationCode`` (``H0`` ... ``H6``, or ``HS``
for "as reported"). Other columns (``reporterCode``, ``cmdDesc``, ...) are ignored.

Countries
    An alpha-3 code is read with FollowTheMoney's country type (only three capital letters,
    and only a code that gives an ISO alpha-2 country: Comtrade's areas such as ``W00``, the
    world, are refused), then found among the graph's countries (``Known.countries``). A
    country the graph lacks becomes a new ``skg:Country`` (``country-<alpha-2>``).
Products
    By ``skos:notation``; a 6-digit code without a product counts under its 4-digit heading
    when the graph has that (the observation's note says so); otherwise a new
    ``skg:ProductCategory`` ``"HS <code>"`` (``hs-<code>``).
HS2017 and HS2022
    HS2022 split 851712 (telephones for cellular or other wireless networks) into 851713
    (smartphones) and 851714 (other such telephones). A row with 851712 under an older or
    unnamed vintage (``H0`` ... ``H5``, ``HS``, or no ``classificationCode``) counts as the
    graph's product with notation 851713 (smartphones), and each observation made from it says
    in its note that the figure also holds other mobile phones. 851712 under ``H6`` is refused
    (``bad-hs``): the code does not exist in HS2022. Changes are computed within one
    ``cmdCode`` only, so an 851712 month is never compared with an 851713 month.
Changes
    A series is one (reporter, partner, ``cmdCode``, flow). For each month of a series that
    has the month before, a month-on-month observation; for each that has the same month a
    year before, a year-on-year one: ``changePercent`` = (value - base) / base x 100, rounded
    half up to 2 decimals, ``bound`` ``skg:Exactly``, ``valueUSD`` the month's value, ``flow``,
    and the file as ``source`` (a ``skg:Source`` published by UN Comtrade). A base of 0 gives
    no change: it is listed in ``report.skipped`` as ``zero-base`` at the base's row.
Bad input
    Every problem is located (file, row with the header as row 1, column): ``missing-column``
    (row 1; never skipped), ``bad-period``, ``unknown-country``, ``bad-number``,
    ``unknown-flow``, ``empty-hs``, ``bad-hs``, ``unknown-classification``, ``duplicate`` (a
    second value for one series and month). Nothing is written then; with ``skip_bad`` the rows
    are left out and listed in ``report.skipped``.

The report counts the new entities (countries, products, the source) as ``entities``, and
the observations as ``relations``.
"""

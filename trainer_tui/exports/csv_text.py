"""Text cells of the CSV files given to spreadsheets: never read as a formula.

A cell that starts with ``=``, ``+``, ``-`` or ``@`` is a formula to Excel and LibreOffice
(OWASP "CSV injection"): a trainee enrolled as ``=HYPERLINK(...)`` would run it on the payroll
officer's computer. Such a text gets a leading apostrophe, which spreadsheets show as text.
Numbers written by the exports themselves (hours, measured values) are not text cells.
"""

from __future__ import annotations

#: What makes a spreadsheet read a cell as a formula (tab and carriage return too).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def text_cell(value: str) -> str:
    """``value`` as a cell a spreadsheet shows as text, whatever it starts with."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value

"""The printed return instructions: what the sheet says and drop-off points.

Modules:
    sheet    the content of a return's instruction sheet, in the customer's language
    dropoff  drop-off points near the shop for reuse, recycling or donation
    words    the sheet's and the drop-off points' words, gettext msgids (read through desk.words)
"""

__all__ = ["sheet", "dropoff", "words"]

"""The printed return instructions: what the sheet says, its words, and drop-off points.

Modules:
    sheet    the content of a return's instruction sheet, in the customer's language
    texts    the words of the sheet per language
    dropoff  drop-off points near the shop for reuse, recycling or donation
"""

__all__ = ["sheet", "texts", "dropoff"]

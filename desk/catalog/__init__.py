"""The shop's catalogue and the till's sales: what a return at the counter starts from.

Modules:
    barcodes  barcode values: their symbology, and the check digit of EAN-13, UPC-A, EAN-8
    keys      the folded forms products and receipts are found by
    products  a product as typed in, its checks, and saving it
    lookup    finding a product by barcode or SKU, a sale by its receipt, SKU completion
    limits    what a draft return may take back from its receipt, as policy problems
    service   the look-ups the new-return dialog makes, one call per user action
    browse    the Products window's pages, counts and categories, and deleting a product
    counter   one code typed or scanned at the counter, with all the dialog fills in from it
"""

__all__ = ["barcodes", "keys", "products", "lookup", "limits", "service", "browse", "counter"]

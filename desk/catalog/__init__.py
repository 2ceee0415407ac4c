"""The shop's catalogue and the till's sales: what a return at the counter starts from.

Modules:
    tables          the catalogue's and the sales' tables (products, barcodes, words, sales)
    barcodes        barcode values: their symbology, and the check digit of EAN-13, UPC-A, EAN-8
    keys            the folded forms products and receipts are found by
    products        a product as typed in, its checks, and saving it
    lookup          finding a product by barcode or SKU, a sale by its receipt, SKU completion
    limits          what a draft return may take back from its receipt, as policy problems
    service         the look-ups the new-return dialog makes, one call per user action
    browse          the Products window's pages, counts and categories, and deleting one
    counter         one code typed or scanned at the counter, with all the dialog fills in
    till_columns    which column of a till's product or sales export fills which field
    till_values     reading a till's cells: amounts, quantities, dates, yes/no
    import_report   what an import says it did: rows left out, the summary
    product_import  `returndesk import-products`: products from a till's export
    sale_rows       a till's sales export read row by row: sale lines and their receipts' values
    sale_import     `returndesk import-sales`: sales and their lines from a till's export
    cli             the import-products and import-sales commands
"""

__all__ = [
    "tables",
    "barcodes",
    "keys",
    "products",
    "lookup",
    "limits",
    "service",
    "browse",
    "counter",
    "till_columns",
    "till_values",
    "import_report",
    "product_import",
    "sale_rows",
    "sale_import",
    "cli",
]

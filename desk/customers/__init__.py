"""Customers as the shop knows them: profiles, habits, segments, and the till's CSV import.

Modules:
    profile      one customer's profile, and changes to it with validation
    privacy      a customer's rights over their data: the export of it, erasure on request
    tombstones   erased customers stay erased: salted fingerprints of their contacts
    habits       return habits computed from a customer's history, and the segment they fall in
    segments     the segments (new, occasional, loyal, frequent returner) the policy is set per
    csv_table    reading a CSV file as a spreadsheet shows it
    tills        the customer exports of Square, Shopify and Lightspeed: their columns
    mapping      which CSV column fills which customer field (a till's export recognised)
    import_plan  what an import would do: rows parsed, matched with known customers, or rejected
    imports      importing customers from the till's CSV: check, then apply in one transaction
    directory    the customer list: every customer, found and sorted as staff ask
    merge        merging two records of the same person into the one kept
"""

__all__ = [
    "profile",
    "privacy",
    "tombstones",
    "habits",
    "segments",
    "csv_table",
    "tills",
    "mapping",
    "import_plan",
    "imports",
    "directory",
    "merge",
]

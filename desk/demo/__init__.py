"""Demo data: realistic customers and returns, written fast and reproducibly.

Modules:
    seed           seed_demo: writes the planned rows in batches, in one transaction
    plan           what happens to each demo return, before any row is drawn
    rows           what the demo customers, returns, lines and timelines say
    story          the messages each return sent, its feedback and the reward codes earned
    sales          the sales behind the returns' receipts, and the sales nobody returned
    till           the database side of the catalogue and the sales
    bulk           Core bulk inserts that write what the ORM would
    catalogue      the demo products, their barcodes, and what sells how often
    shops          the demo shop of each language: which tables it draws from, its settings
    content        the fixed tables (names, products, reasons, notes, drop-off points) drawn from
    content_br     the Brazilian shop's tables: products in reais, Portuguese notes, São Paulo
    story_content  the story's tables: message texts per language, ratings, feedback comments
    cli            the `demo` command of returndesk
"""

__all__ = [
    "seed",
    "plan",
    "rows",
    "story",
    "sales",
    "till",
    "bulk",
    "catalogue",
    "shops",
    "content",
    "content_br",
    "story_content",
    "cli",
]

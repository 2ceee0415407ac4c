"""The owner's figures over a date range, computed by SQL aggregates, and the `report` command.

Modules:
    period        the report range (inclusive UTC days, optional segment) and its bounds
    sql           the few SQL pieces that differ between SQLite and PostgreSQL
    segment_rule  the customer segment rule as a SQL CASE, to filter figures by segment
    tables        the reports' own tables (ReportReturn, ReportResponse, ReportLine)
    facts         the figures' derived rows per return, answered change and line, kept
                  in step by the services (refresh), filled in bulk (rebuild)
    scope         which facts rows a report covers, written for the index to read
    figures       one function per figure: volumes, reasons, statuses, money, speed,
                  satisfaction, sustainability, SKUs, frequent returners
    products      the product figures: most returned products, return rates per
                  product and per category where sales are known
    dashboard     every figure in one call, and the figures as CSV rows and JSON
    text          the key numbers and the product tables in words (`report --text`)
    cli           the headless `returndesk report` command
"""

__all__ = [
    "period",
    "sql",
    "segment_rule",
    "tables",
    "facts",
    "scope",
    "figures",
    "products",
    "dashboard",
    "text",
    "cli",
]

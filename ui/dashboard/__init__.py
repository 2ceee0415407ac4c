"""The owner's dashboard: charts of the returns over a date range and a customer segment.

Modules:
    window    Owner › Dashboard: range, segment, the grid of cards, loading off the UI thread
    cards     what each card shows: desk/reports' figures put in words, bars and CSV rows
    charts    a chart card (title, key number, pyqtgraph bars, export buttons)
    products  the Products section: most returned products, return rate per category
    exports   the file question, and the PNG and CSV files of one card
    printing  the whole dashboard on one A4 page: printed or as a PDF
"""

__all__ = ["window", "cards", "charts", "products", "exports", "printing"]

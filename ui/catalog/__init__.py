"""The Products window: the shop's catalogue, searched, added to, edited and deleted.

Modules:
    products_window  the window: search, category filter, the table, New / Edit / Delete
    product_model    the table's rows, read a page at a time in the background
    product_form     the dialog that adds or edits one product, errors beside their fields
    actions          the main window's Products… action
"""

__all__ = ["products_window", "product_model", "product_form", "actions"]

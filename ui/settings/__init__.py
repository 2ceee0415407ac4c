"""The Settings dialog and its pages.

Modules:
    dialog        the dialog: shop, email, SMS, notifications, policy, drop-off points
    pages         one field per declared setting, secret boxes, page grids
    dropoff_page  the Drop-off points tab
"""

__all__ = ["dialog", "pages", "dropoff_page"]

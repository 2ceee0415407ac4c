"""The New return dialog and its parts.

Modules:
    dialog           the dialog: customer, items, return details, save
    customer_picker  find a customer as you type, or enter a new one
    customer_parts   the picked customer's card and the hints under the matches
    line_editor      one row of fields per returned item, and a total
    exchange_editor  the replacement items of an exchange and who pays
    return_fields    reason, refund, intake, purchase, start status
    policy_panel     what the return policy says for this customer, live
    receipt_panel    the receipt field and the receipt's lines to tick
    product_fill     an item row filled from a product or a receipt line; SKU completion
    intake           receipts and products looked up as staff type or scan
"""

__all__ = [
    "dialog",
    "customer_picker",
    "customer_parts",
    "line_editor",
    "exchange_editor",
    "return_fields",
    "policy_panel",
    "receipt_panel",
    "product_fill",
    "intake",
]

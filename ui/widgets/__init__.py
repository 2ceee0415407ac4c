"""Parts that several windows share.

Modules:
    form_parts       inline field errors, combo boxes of labels, aligned grids
    message_preview  a customer message exactly as it will be sent: email or SMS
"""

__all__ = ["form_parts", "message_preview"]

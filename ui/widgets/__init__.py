"""Parts that several windows share.

Modules:
    form_parts       inline field errors, combo boxes of labels, aligned grids
    flow_layout      widgets left to right, wrapping onto new rows as the width shrinks
    message_preview  a customer message exactly as it will be sent: email or SMS
    look             the app's focus ring, so staff see which field has the focus
    date_field       a date typed the way the shop writes it, or picked on a calendar
    scanner          a barcode scanner's fast burst recognised wherever the focus is
    field_state      what a focused field holds, saved and put back (a scan leaves no trace)
    after_paint      run something right after a widget's next paint (reads that can wait)
"""

__all__ = [
    "form_parts",
    "flow_layout",
    "message_preview",
    "look",
    "date_field",
    "scanner",
    "field_state",
    "after_paint",
]

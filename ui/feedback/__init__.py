"""Hearing the customer at the desk: the counter screen, feedback in the detail, reward codes.

Modules:
    counter_screen  the customer-facing window: idle, "how was your return?", thank-you + code
    counter_pages   the counter screen's three pages: their widgets, layout, words and sizes
    counter_link    the staff window's hold on it: open on a chosen screen, ask, close
    actions         the main window's feedback menu and detail box: ask, record, codes
    screen_dialog   choose the screen the counter screen opens on
    faces           five drawn faces as big touch targets, and the rating as stars
    detail_box      the detail panel's box: current rating, comment, source, low flag
    record_dialog   type feedback that came by phone or reply; shows the code it earned
    code_slip       a reward code on a receipt-sized slip, printed or as PDF
    codes_dialog    look a reward code up and mark it redeemed
"""

__all__ = [
    "counter_screen",
    "counter_pages",
    "counter_link",
    "actions",
    "screen_dialog",
    "faces",
    "detail_box",
    "record_dialog",
    "code_slip",
    "codes_dialog",
]

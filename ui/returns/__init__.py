"""The returns list and one return's detail: list model and view, detail panel, moves.

Modules:
    model              the list model: a row per matching return, pages read in the background
    row_cache          the list rows in memory: runs of positions, found by id at once, bounded
    row_texts          what each row shows: its texts made once per row read, the colours
    list_reads         the first page and later pages, read in the background
    list_look          the list's status colours, low-rating mark and totals' text
    list_parts         search box, status filter, table view and its empty-list text
    detail_panel       one return: customer, lines, timeline, next steps
    detail_loader      the selected return's detail, read in the background, newest wins
    timeline_box       the detail's timeline: a row per move, its labels reused
    messages_box       a return's messages to the customer and their state
    transition_dialog  confirm a move with staff name and note
    notify_section     the transition dialog's 'tell the customer' part with its exact preview
    undo               undo the last move for a short while (status bar button, shortcut)
    outbox_actions     the outbox status in the status bar, "Send again" from the detail
    scanned_link       a personal link scanned or pasted into the search box opens its return
    scan_open          a scan anywhere in the main window opens its return or a new one
"""

__all__ = [
    "model",
    "row_cache",
    "row_texts",
    "list_reads",
    "list_look",
    "list_parts",
    "detail_panel",
    "detail_loader",
    "timeline_box",
    "messages_box",
    "transition_dialog",
    "notify_section",
    "undo",
    "outbox_actions",
    "scanned_link",
    "scan_open",
]

"""The message template editor.

Modules:
    editor   edit the shop's wording, check as you type, save or reset
    source   the source pane and the variables list
    preview  the live preview against a real return
"""

__all__ = ["editor", "source", "preview"]

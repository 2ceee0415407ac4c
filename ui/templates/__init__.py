"""The message template editor.

Modules:
    editor       edit the shop's wording, check as you type, save or reset
    layout       the editor's widgets and where they sit
    part_loader  reading a part (or resetting it) in the background, the newest wins
    chooser      which message is shown: event, language and part, marked when edited
    source       the source pane and the variables list
    simple       the simple mode: mode switch, insert buttons, placeholders shown readably
    preview      the live preview against a real return, and the background check
"""

__all__ = ["editor", "layout", "part_loader", "chooser", "source", "simple", "preview"]

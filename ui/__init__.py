"""The PySide6 interface of Return Desk: thin widgets over the desk/ services.

The frame is flat: app (start), main_window and its parts (window_openers, demo_offer,
outbox_runner, status_bar), actions (every menu entry and shortcut), background (work off the UI
thread), prompts (questions tests can answer), state (what this desk remembers),
portal_process (the customer space run as a child process).
Each window family has its own package: returns, new_return, customers, settings,
templates, instructions, help (shortcut sheet, guide, About); widgets holds the parts
several of them share.
"""

from ui import pyside_feature

pyside_feature.quicken()  # before the window's ~430 modules are imported (see the module)

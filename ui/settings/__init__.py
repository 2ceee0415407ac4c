"""The Settings dialog and its pages.

Modules:
    dialog        the dialog: shop, email, SMS, notifications, policy, drop-off points
    contents      what each page edits: its title, its settings in order, its secret
    pages         one field per declared setting, page grids
    words         what staff read for settings' codes and the policy grid's heads
    desk_language the choice of the desk's own language (this computer, from the next start)
    secret_box    a password or token box: typed here, kept only in the keyring
    email_check   the Email tab's test email, with the settings as typed
    dropoff_page  the Drop-off points tab
    amount_field  an amount typed in money or percent, stored as cents or percent
    backup_page   the Backups tab, the daily backup while the app runs, a damaged file at start
    tablet_page   the Counter tablet tab: the pairing code, the paired tablets, Unpair
    portal_page   the Customer space tab: start, stop, state, open in browser, its settings
    compact_tabs  the tab bar with a little less room around each tab, every tab in view
"""

__all__ = [
    "dialog",
    "contents",
    "pages",
    "words",
    "desk_language",
    "secret_box",
    "email_check",
    "dropoff_page",
    "amount_field",
    "backup_page",
    "tablet_page",
    "portal_page",
    "compact_tabs",
]

"""The customer space's domain side: personal links to a return, and what a link may show.

Modules:
    links    personal links: signed tokens (HMAC, key outside the database), expiry, revoking
    link_text  a personal link's token, found in scanned or pasted text
    view     what the customer space shows of a return, in its customer's words; finding one
    actions  what a customer changes through their link: feedback, channel, unsubscribe
    counter  the counter tablet: pairing it, the requests staff send it, its answers
    cli      the `link` and `portal` commands
    words    the customer space's words, gettext msgids (read through desk.words)
    settings where it listens, the address customers use, how long links work
"""

__all__ = ["links", "link_text", "view", "actions", "cli", "counter", "words", "settings"]

"""The customer space's domain side: personal links to a return, and what a link may show.

Modules:
    links  personal links: unguessable tokens (only their hash is stored), expiry, revoking
    view   what the customer space shows of a return, in its customer's words; finding one
    cli    the `link` command
"""

__all__ = ["links", "view", "cli"]

"""Hearing the customer: feedback on a return and the reward codes it earns.

- codes: reward codes drawn with `secrets`, with a Luhn mod 32 check character
- record: record_feedback (one transaction: feedback, reward, low flag), reading it back
- rewards: issuing, checking, redeeming, exporting and describing reward codes
- notices: the owner's email about a low rating, sent off the caller's thread
- cli: the `feedback` and `code` commands of `returndesk`
"""

__all__ = ["cli", "codes", "notices", "record", "rewards"]

"""Hearing the customer: feedback on a return and the reward codes it earns.

- codes: reward codes drawn with `secrets`, with a Luhn mod 32 check character
- record: record_feedback (one transaction: feedback, reward, low flag), reading it back
- ratings: the list's ratings and the low-rating mark, read through Core
- settings: the feedback and reward settings (listed in desk.settings)
- rewards: issuing, checking, redeeming, exporting and describing reward codes
- notices: what feedback sends: the thanks message with the code, the owner's alert
- cli: the `feedback` and `code` commands of `returndesk`
- words: the counter screen's words, gettext msgids (read through desk.words)
"""

__all__ = ["cli", "codes", "notices", "ratings", "record", "rewards", "settings", "words"]

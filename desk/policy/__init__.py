"""The shop's return policy: the rules per segment, and what applies to one return at intake.

Modules:
    settings  the policy's settings: segment thresholds, the policy per segment, incentives
    rules     the policy per customer segment and its decision for one return
    intake    what applies to this customer now: fee, incentives, exchange settlement
"""

__all__ = ["settings", "rules", "intake"]

"""The return policy's settings: customer segment thresholds, the policy per segment, incentives.

Declared here, once, as constants of the same kind as desk.settings' (`POLICY[Segment.LOYAL]
.window_days`, `CREDIT_BONUS`); desk.settings lists them in its catalogue (`POLICY_SETTINGS`)
and reads and writes them with `get_setting` / `set_setting` like every other setting.

This module imports only leaf modules (labels, setting_spec, the Segment enum), so desk.settings
can import it without a cycle.
"""

from __future__ import annotations

from dataclasses import dataclass

from desk.customers.segments import Segment
from desk.labels import CONDITIONS, REFUND_METHODS
from desk.setting_spec import SettingSpec, code_set, count, percent, positive_days

# customer segments (desk.customers.habits)

SEGMENT_LOYAL_ORDERS = SettingSpec(
    "segment.loyal_orders", int, 8, "Loyal: at least this many orders", check=count
)
SEGMENT_LOYAL_MAX_RATE = SettingSpec(
    "segment.loyal_max_rate", int, 25, "Loyal: at most this % of orders returned", check=percent
)
SEGMENT_FREQUENT_RETURNS = SettingSpec(
    "segment.frequent_returns", int, 6, "Frequent returner: returns in a year", check=count
)
SEGMENT_FREQUENT_RATE = SettingSpec(
    "segment.frequent_rate", int, 50, "Frequent returner: % of orders returned", check=percent
)
SEGMENT_NEW_MAX_RETURNS = SettingSpec(
    "segment.new_max_returns", int, 1, "New: at most this many returns", check=count
)
SEGMENT_THRESHOLDS = (
    SEGMENT_LOYAL_ORDERS,
    SEGMENT_LOYAL_MAX_RATE,
    SEGMENT_FREQUENT_RETURNS,
    SEGMENT_FREQUENT_RATE,
    SEGMENT_NEW_MAX_RETURNS,
)

# the return policy per segment (desk.policy.rules)


@dataclass(frozen=True)
class PolicySettings:
    """The settings of one segment's return policy."""

    window_days: SettingSpec[int]
    refund_methods: SettingSpec[str]
    fee_percent: SettingSpec[int]
    fee_conditions: SettingSpec[str]
    counter_refund: SettingSpec[bool]
    receipt_required: SettingSpec[bool]

    def all(self) -> tuple[SettingSpec, ...]:
        """The settings in the order the policy grid shows them."""
        return (
            self.window_days,
            self.refund_methods,
            self.fee_percent,
            self.fee_conditions,
            self.counter_refund,
            self.receipt_required,
        )


# window, methods, fee %, fee applies to, refund at the counter, receipt required
# (a required receipt that is missing needs an override with a reason, like any rule)
_POLICY_DEFAULTS = {
    Segment.NEW: (30, "original,store_credit,exchange", 0, "damaged", False, False),
    Segment.OCCASIONAL: (30, "original,store_credit,exchange", 0, "damaged", True, False),
    Segment.LOYAL: (60, "original,store_credit,exchange", 0, "", True, False),
    Segment.FREQUENT: (30, "store_credit,exchange", 10, "opened,damaged", False, True),
}


def _policy(segment: Segment) -> PolicySettings:
    days, methods, fee, fee_on, counter, receipt = _POLICY_DEFAULTS[segment]
    name, key = segment.label, f"policy.{segment.value}"
    return PolicySettings(
        window_days=SettingSpec(
            f"{key}.window_days", int, days, f"{name}: return window (days)", check=positive_days
        ),
        refund_methods=SettingSpec(
            f"{key}.refund_methods",
            str,
            methods,
            f"{name}: refund methods allowed",
            check=code_set(REFUND_METHODS, at_least_one=True),
            options=dict(REFUND_METHODS),
        ),
        fee_percent=SettingSpec(
            f"{key}.fee_percent", int, fee, f"{name}: restocking fee (%)", check=percent
        ),
        fee_conditions=SettingSpec(
            f"{key}.fee_conditions",
            str,
            fee_on,
            f"{name}: fee applies to items that are",
            check=code_set(CONDITIONS),
            options=dict(CONDITIONS),
        ),
        counter_refund=SettingSpec(
            f"{key}.counter_refund", bool, counter, f"{name}: refund at the counter allowed"
        ),
        receipt_required=SettingSpec(
            f"{key}.receipt_required", bool, receipt, f"{name}: receipt required"
        ),
    )


POLICY: dict[Segment, PolicySettings] = {segment: _policy(segment) for segment in Segment}

CREDIT_BONUS = SettingSpec(
    "policy.incentive.credit_bonus_percent",
    int,
    10,
    "Bonus for choosing store credit (%)",
    check=percent,
)
EXCHANGE_BONUS = SettingSpec(
    "policy.incentive.exchange_bonus_percent",
    int,
    0,
    "Bonus for choosing an exchange (%)",
    check=percent,
)

# the catalogue of this family, in the order staff see them

POLICY_SETTINGS = (
    *SEGMENT_THRESHOLDS,
    *(spec for policy in POLICY.values() for spec in policy.all()),
    CREDIT_BONUS,
    EXCHANGE_BONUS,
)

"""The return policy's settings: customer segment thresholds, the policy per segment, incentives.

Declared here, once, as constants of the same kind as desk.settings' (`POLICY[Segment.LOYAL]
.window_days`, `CREDIT_BONUS`); desk.settings lists them in its catalogue (`POLICY_SETTINGS`)
and reads and writes them with `get_setting` / `set_setting` like every other setting.

This module imports only leaf modules (labels, setting_spec, the Segment enum), so desk.settings
can import it without a cycle. Labels and help are English marked with N_(): staff read them
with `_(spec.label)`; each segment's labels are whole phrases of their own, for translators.
"""

from __future__ import annotations

from dataclasses import dataclass

from desk.customers.segments import Segment
from desk.i18n.catalog import N_
from desk.labels import CONDITIONS, REFUND_METHODS
from desk.setting_spec import SettingSpec, code_set, count, percent, positive_days

# customer segments (desk.customers.habits)

SEGMENT_LOYAL_ORDERS = SettingSpec(
    "segment.loyal_orders", int, 8, N_("Loyal: at least this many orders"), check=count
)
SEGMENT_LOYAL_MAX_RATE = SettingSpec(
    "segment.loyal_max_rate", int, 25, N_("Loyal: at most this % of orders returned"), check=percent
)
SEGMENT_FREQUENT_RETURNS = SettingSpec(
    "segment.frequent_returns", int, 6, N_("Frequent returner: returns in a year"), check=count
)
SEGMENT_FREQUENT_RATE = SettingSpec(
    "segment.frequent_rate", int, 50, N_("Frequent returner: % of orders returned"), check=percent
)
SEGMENT_NEW_MAX_RETURNS = SettingSpec(
    "segment.new_max_returns", int, 1, N_("New: at most this many returns"), check=count
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


_POLICY_LABELS = {  # window, methods, fee %, fee applies to, counter refund, receipt
    Segment.NEW: (
        N_("New customer: return window (days)"),
        N_("New customer: refund methods allowed"),
        N_("New customer: restocking fee (%)"),
        N_("New customer: fee applies to items that are"),
        N_("New customer: refund at the counter allowed"),
        N_("New customer: receipt required"),
    ),
    Segment.OCCASIONAL: (
        N_("Occasional customer: return window (days)"),
        N_("Occasional customer: refund methods allowed"),
        N_("Occasional customer: restocking fee (%)"),
        N_("Occasional customer: fee applies to items that are"),
        N_("Occasional customer: refund at the counter allowed"),
        N_("Occasional customer: receipt required"),
    ),
    Segment.LOYAL: (
        N_("Loyal customer: return window (days)"),
        N_("Loyal customer: refund methods allowed"),
        N_("Loyal customer: restocking fee (%)"),
        N_("Loyal customer: fee applies to items that are"),
        N_("Loyal customer: refund at the counter allowed"),
        N_("Loyal customer: receipt required"),
    ),
    Segment.FREQUENT: (
        N_("Frequent returner: return window (days)"),
        N_("Frequent returner: refund methods allowed"),
        N_("Frequent returner: restocking fee (%)"),
        N_("Frequent returner: fee applies to items that are"),
        N_("Frequent returner: refund at the counter allowed"),
        N_("Frequent returner: receipt required"),
    ),
}
"""The labels of each segment's policy settings, in PolicySettings' order."""


def _policy(segment: Segment) -> PolicySettings:
    days, methods, fee, fee_on, counter, receipt = _POLICY_DEFAULTS[segment]
    window, methods_allowed, fee_label, fee_on_label, counter_label, receipt_label = _POLICY_LABELS[
        segment
    ]
    key = f"policy.{segment.value}"
    return PolicySettings(
        window_days=SettingSpec(f"{key}.window_days", int, days, window, check=positive_days),
        refund_methods=SettingSpec(
            f"{key}.refund_methods",
            str,
            methods,
            methods_allowed,
            check=code_set(REFUND_METHODS, at_least_one=True),
            options=dict(REFUND_METHODS),
        ),
        fee_percent=SettingSpec(f"{key}.fee_percent", int, fee, fee_label, check=percent),
        fee_conditions=SettingSpec(
            f"{key}.fee_conditions",
            str,
            fee_on,
            fee_on_label,
            check=code_set(CONDITIONS),
            options=dict(CONDITIONS),
        ),
        counter_refund=SettingSpec(f"{key}.counter_refund", bool, counter, counter_label),
        receipt_required=SettingSpec(f"{key}.receipt_required", bool, receipt, receipt_label),
    )


POLICY: dict[Segment, PolicySettings] = {segment: _policy(segment) for segment in Segment}

CREDIT_BONUS = SettingSpec(
    "policy.incentive.credit_bonus_percent",
    int,
    10,
    N_("Bonus for choosing store credit (%)"),
    check=percent,
)
EXCHANGE_BONUS = SettingSpec(
    "policy.incentive.exchange_bonus_percent",
    int,
    0,
    N_("Bonus for choosing an exchange (%)"),
    check=percent,
)

# the catalogue of this family, in the order staff see them

POLICY_SETTINGS = (
    *SEGMENT_THRESHOLDS,
    *(spec for policy in POLICY.values() for spec in policy.all()),
    CREDIT_BONUS,
    EXCHANGE_BONUS,
)

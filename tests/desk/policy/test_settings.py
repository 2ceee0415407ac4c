"""The policy's own settings: declared once in desk.policy.settings, listed in the catalogue."""

from desk.customers.segments import Segment
from desk.policy.settings import (
    CREDIT_BONUS,
    EXCHANGE_BONUS,
    POLICY,
    POLICY_SETTINGS,
    SEGMENT_THRESHOLDS,
)
from desk.settings import SETTINGS, setting


def test_every_policy_setting_is_in_the_catalogue_under_its_own_key():
    for spec in POLICY_SETTINGS:
        assert SETTINGS[spec.key] is spec
        assert setting(spec.key) is spec
    assert len(POLICY_SETTINGS) == len(SEGMENT_THRESHOLDS) + 6 * len(Segment) + 2


def test_each_segment_has_its_own_keys():
    keys = {spec.key for policy in POLICY.values() for spec in policy.all()}
    assert len(keys) == 6 * len(Segment)
    assert POLICY[Segment.LOYAL].window_days.key == "policy.loyal.window_days"
    assert CREDIT_BONUS.key == "policy.incentive.credit_bonus_percent"
    assert EXCHANGE_BONUS.key == "policy.incentive.exchange_bonus_percent"


def test_defaults_give_loyal_customers_a_longer_window_and_ask_a_receipt_only_of_frequent():
    assert POLICY[Segment.LOYAL].window_days.default > POLICY[Segment.NEW].window_days.default
    required = [s for s in Segment if POLICY[s].receipt_required.default]
    assert required == [Segment.FREQUENT]

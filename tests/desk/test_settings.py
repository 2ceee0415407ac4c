"""The settings declaration and its typed accessors, on a real SQLite file."""

from __future__ import annotations

import pytest
from sqlmodel import select

from desk.codes import Event
from desk.customers.segments import SEGMENT_LABELS, Segment
from desk.errors import DeskError
from desk.i18n.catalog import _
from desk.models import Setting
from desk.policy.settings import CREDIT_BONUS, POLICY, SEGMENT_FREQUENT_RATE
from desk.setting_spec import SettingSpec
from desk.settings import (
    NOTIFY,
    SETTINGS,
    SHOP_CURRENCY,
    SHOP_NAME,
    SHOP_REFUND_DAYS,
    SMTP_PORT,
    all_settings,
    get_setting,
    get_settings,
    load_settings,
    save_settings,
    set_setting,
    set_settings,
    setting,
)


def stored_text(db, spec: SettingSpec) -> str | None:
    with db.session() as session:
        row = session.get(Setting, spec.key)
        return None if row is None else row.value


def store_raw(db, key: str, value: str) -> None:
    """Write a row the way an older version of the app did."""
    with db.session() as session:
        session.merge(Setting(key=key, value=value))
        session.commit()


def test_every_setting_is_declared_once_with_a_unique_key():
    assert len(SETTINGS) == 79  # 76 + portal.enabled + shop.country + staff.idle_minutes
    assert all(key == spec.key for key, spec in SETTINGS.items())
    families = {key.split(".")[0] for key in SETTINGS}
    assert families == {
        "shop",
        "smtp",
        "sms",
        "segment",
        "policy",
        "notify",
        "feedback",
        "reward",
        "portal",
        "backup",
        "staff",
    }
    assert {NOTIFY[event].key for event in Event} == {f"notify.{e.value}" for e in Event}
    for segment in Segment:
        assert [spec.key for spec in POLICY[segment].all()] == [
            f"policy.{segment.value}.{rule}"
            for rule in (
                "window_days",
                "refund_methods",
                "fee_percent",
                "fee_conditions",
                "counter_refund",
                "receipt_required",
            )
        ]


def test_the_default_of_each_setting_passes_its_own_checks():
    for spec in SETTINGS.values():
        assert spec.parse(spec.show(spec.default)) == spec.default, spec.key


def test_an_unknown_key_fails_at_the_boundary_and_a_string_fails_at_once(db):
    assert setting(" smtp.port ") is SMTP_PORT
    with pytest.raises(DeskError, match="Unknown setting “shop.nmae”"):
        setting("shop.nmae")
    with db.session() as session:
        with pytest.raises(TypeError, match="not a declared setting"):
            get_setting(session, "shop.name")
        with pytest.raises(TypeError):
            set_setting(session, "shop.name", "x")
        stray = SettingSpec("shop.name", str, "", "A copy that was never declared")
        with pytest.raises(TypeError):
            get_setting(session, stray)


def test_values_come_back_typed_and_defaults_until_set(db):
    with db.session() as session:
        assert get_setting(session, SMTP_PORT) == 587
        assert set_setting(session, SMTP_PORT, " 2525 ") == 2525
        assert set_setting(session, SHOP_CURRENCY, "brl") == "BRL"
        session.commit()
    with db.session() as session:
        assert get_setting(session, SMTP_PORT) == 2525
        values = all_settings(session)
    assert list(values) == list(SETTINGS.values())
    assert values[SHOP_CURRENCY] == "BRL" and values[SHOP_NAME] == "My Shop"


def test_set_setting_flushes_and_leaves_the_commit_to_the_caller(db):
    with db.session() as session:
        set_setting(session, SHOP_NAME, "Not kept")
        assert get_setting(session, SHOP_NAME) == "Not kept"  # flushed
        session.rollback()
    assert stored_text(db, SHOP_NAME) is None


def test_save_settings_checks_all_first_and_commits_once(db):
    with pytest.raises(DeskError, match="port"):
        save_settings(db, {SHOP_NAME: "Kept?", SMTP_PORT: "99999"})
    assert stored_text(db, SHOP_NAME) is None  # nothing stored when one value is bad
    typed = save_settings(db, {SHOP_NAME: "Loja", SMTP_PORT: "465"})
    assert typed == {SHOP_NAME: "Loja", SMTP_PORT: 465}
    assert load_settings(db)[SMTP_PORT] == 465
    with db.session() as session, pytest.raises(DeskError):
        set_settings(session, {SMTP_PORT: "many"})


YES_NO_SETTINGS = [spec for policy in POLICY.values() for spec in policy.all() if spec.type is bool]


def test_yes_no_settings_are_booleans():
    assert sorted(spec.key for spec in YES_NO_SETTINGS) == sorted(
        f"policy.{segment.value}.{rule}"
        for segment in Segment
        for rule in ("counter_refund", "receipt_required")
    )
    assert all(spec.type is bool for spec in SETTINGS.values() if spec in YES_NO_SETTINGS)
    assert POLICY[Segment.LOYAL].counter_refund.default is True
    assert POLICY[Segment.NEW].counter_refund.default is False


@pytest.mark.parametrize(
    ("typed", "value"),
    [("yes", True), ("no", False), ("True", True), ("false", False), ("1", True), ("OFF", False)],
)
def test_a_yes_no_setting_reads_what_staff_type(typed, value):
    assert POLICY[Segment.NEW].counter_refund.parse(typed) is value


def test_a_yes_no_setting_refuses_anything_else():
    spec = POLICY[Segment.NEW].receipt_required
    for bad in ("maybe", "", "2"):
        with pytest.raises(DeskError, match="must be yes or no"):
            spec.parse(bad)


def test_booleans_are_stored_as_true_false_and_old_yes_no_rows_still_read(db):
    counter = POLICY[Segment.FREQUENT].counter_refund
    receipt = POLICY[Segment.FREQUENT].receipt_required
    store_raw(db, counter.key, "yes")  # as stored before settings were typed
    store_raw(db, receipt.key, "no")
    with db.session() as session:
        assert get_setting(session, counter) is True
        assert get_setting(session, receipt) is False
        assert all_settings(session)[counter] is True
        set_setting(session, counter, "no")
        session.commit()
    assert stored_text(db, counter) == "false"
    save_settings(db, {receipt: True})
    assert stored_text(db, receipt) == "true"
    assert receipt.show(True) == "yes" and receipt.show(False) == "no"


def test_an_unreadable_stored_yes_no_falls_back_to_the_default(db):
    receipt = POLICY[Segment.NEW].receipt_required
    store_raw(db, receipt.key, "garbage")
    with db.session() as session:
        assert get_setting(session, receipt) is receipt.default


PERCENTAGES = [
    CREDIT_BONUS,
    SEGMENT_FREQUENT_RATE,
    *(POLICY[segment].fee_percent for segment in Segment),
]


@pytest.mark.parametrize("spec", PERCENTAGES, ids=lambda spec: spec.key)
def test_percentages_are_from_0_to_100(spec):
    assert spec.parse("0") == 0 and spec.parse("100") == 100
    with pytest.raises(DeskError, match="percentage from 0 to 100"):
        spec.parse("101")
    with pytest.raises(DeskError, match="percentage from 0 to 100"):
        spec.parse("-1")


def test_every_percent_setting_has_the_range_check():
    percent_keys = {key for key, spec in SETTINGS.items() if "%" in spec.label}
    assert percent_keys == {spec.key for spec in PERCENTAGES} | {
        "segment.loyal_max_rate",
        "policy.incentive.exchange_bonus_percent",
    }
    for key in percent_keys:
        with pytest.raises(DeskError, match="percentage"):
            SETTINGS[key].parse("150")


@pytest.mark.parametrize(
    "spec", [SHOP_REFUND_DAYS, *(POLICY[s].window_days for s in Segment)], ids=lambda s: s.key
)
def test_days_are_from_1_to_3650(spec):
    assert spec.parse("1") == 1 and spec.parse("3650") == 3650
    for bad in ("0", "3651"):
        with pytest.raises(DeskError, match="from 1 to 3650"):
            spec.parse(bad)


def test_choices_codes_and_numbers_are_checked():
    with pytest.raises(DeskError, match="one of: off, ask, auto"):
        NOTIFY[Event.APPROVED].parse("sometimes")
    with pytest.raises(DeskError, match="unknown cash"):
        POLICY[Segment.LOYAL].refund_methods.parse("original,cash")
    with pytest.raises(DeskError, match="choose at least one"):
        POLICY[Segment.LOYAL].refund_methods.parse("")
    assert POLICY[Segment.LOYAL].fee_conditions.parse("") == ""
    with pytest.raises(DeskError, match="whole number"):
        SMTP_PORT.parse("twenty")
    with pytest.raises(DeskError, match="not a currency code"):
        SHOP_CURRENCY.parse("XYZW")


def test_settings_table_holds_only_what_was_set(db):
    save_settings(db, {NOTIFY[Event.CLOSED]: "auto"})
    with db.session() as session:
        rows = session.exec(select(Setting)).all()
    assert [(r.key, r.value) for r in rows] == [("notify.closed", "auto")]


def config(cli_db, capsys, *args: str) -> tuple[int, str, str]:
    """Run `returndesk --db DB config ARGS` in this process; (exit code, stdout, stderr)."""
    from desk.cli import build_parser, run_command

    code = run_command(build_parser().parse_args([*cli_db.args(), "config", *args]))
    out, err = capsys.readouterr()
    return code, out, err


def test_config_takes_the_dotted_key_and_shows_yes_no(db, cli_db_here, capsys):
    counter = POLICY[Segment.NEW].counter_refund
    store_raw(db, counter.key, "yes")  # an older version's value
    assert config(cli_db_here, capsys, "get", counter.key) == (0, "yes\n", "")
    assert config(cli_db_here, capsys, "set", counter.key, "no") == (0, f"{counter.key} = no\n", "")
    assert stored_text(db, counter) == "false"
    assert config(cli_db_here, capsys, "set", "smtp.port", "2525")[1] == "smtp.port = 2525\n"
    code, out, _ = config(cli_db_here, capsys, "list")
    lines = out.splitlines()
    assert code == 0 and len(lines) == len(SETTINGS)
    assert [line.split()[0] for line in lines] == list(SETTINGS)
    assert lines[list(SETTINGS).index(counter.key)].split() == [counter.key, "no"]


def test_config_refuses_an_unknown_key_or_a_bad_value(db, cli_db_here, capsys):
    code, out, err = config(cli_db_here, capsys, "get", "shop.nmae")
    assert (code, out) == (1, "")
    assert err == "returndesk: Unknown setting “shop.nmae”; see `returndesk config list`.\n"
    code, _, err = config(cli_db_here, capsys, "set", POLICY[Segment.LOYAL].fee_percent.key, "150")
    assert code == 1 and "percentage from 0 to 100" in err
    assert stored_text(db, POLICY[Segment.LOYAL].fee_percent) is None


INT_SETTINGS = [spec for spec in SETTINGS.values() if spec.type is int]


@pytest.mark.parametrize("spec", INT_SETTINGS, ids=lambda spec: spec.key)
def test_every_number_setting_has_a_range(spec):
    assert spec.check is not None
    for wrong in (-5, 10**12):
        with pytest.raises(DeskError) as caught:
            spec.parse(str(wrong))
        assert str(caught.value).startswith(f"{spec.label}: Enter ") or "port" in str(caught.value)
    assert spec.parse(str(spec.default)) == spec.default


@pytest.mark.parametrize(
    ("spec", "typed", "message"),
    [
        (
            SHOP_NAME,
            "My\x00Shop",
            "Shop name: The value contains an invisible character (NUL); retype it",
        ),
        (SHOP_NAME, "S" * 2001, "Shop name: The value is too long (2,001 characters); use at most"),
        (SHOP_NAME, "Line\nbreak", "Shop name: The value contains an invisible character (U+000A)"),
        (SMTP_PORT, "9" * 5000, "SMTP port: The value is too long (5,000 characters)"),
    ],
)
def test_text_settings_refuse_control_characters_and_huge_values(spec, typed, message):
    with pytest.raises(DeskError) as caught:
        spec.parse(typed)
    assert str(caught.value).startswith(message)


def test_an_address_may_span_lines():
    address = "Rua A, 1\n1000-001 Lisboa"
    assert SETTINGS["shop.address"].parse(address) == address


def test_config_set_refuses_a_negative_timeout_in_one_line(db, cli_db_here, capsys):
    code, out, err = config(cli_db_here, capsys, "set", "smtp.timeout", "-5")
    assert (code, out) == (1, "")
    assert err == ("returndesk: SMTP timeout (seconds): Enter a number of seconds from 1 to 300.\n")
    assert stored_text(db, SETTINGS["smtp.timeout"]) is None


def test_the_customer_space_stays_off_at_start_until_the_owner_turns_it_on(db):
    from desk.settings import PORTAL_ENABLED, save_settings

    assert load_settings(db)[PORTAL_ENABLED] is False
    save_settings(db, {PORTAL_ENABLED: PORTAL_ENABLED.parse("yes")})
    assert load_settings(db)[PORTAL_ENABLED] is True


def test_every_notify_label_names_its_event_as_the_event_is_named():
    for event in Event:
        assert NOTIFY[event].label == f"Notify: {event.label}", event  # an English desk


def test_every_policy_label_starts_with_its_segments_name():
    for segment, policy in POLICY.items():
        for spec in policy.all():
            assert spec.label.startswith(f"{SEGMENT_LABELS[segment]}: "), spec.key


def test_every_label_and_help_reads_in_portuguese():
    from desk.i18n.catalog import set_language

    set_language("pt_BR")  # the segment names are desk.customers' (translated there)
    same = [s.key for s in SETTINGS.values() if s.title == s.label]
    assert same == []
    assert all(_(s.help) != s.help for s in SETTINGS.values() if s.help)
    assert NOTIFY[Event.RECEIVED].title == "Avisar: Item recebido"
    assert POLICY[Segment.LOYAL].window_days.title == "Cliente fiel: prazo de devolução (dias)"


def test_several_settings_read_together_come_back_typed_in_the_order_asked(db):
    with db.session() as session:
        set_setting(session, SMTP_PORT, "2525")
        set_setting(session, SHOP_CURRENCY, "brl")
        session.commit()
        assert get_settings(session, SHOP_CURRENCY, SHOP_REFUND_DAYS, SMTP_PORT) == (
            "BRL",
            SHOP_REFUND_DAYS.default,  # never set
            2525,
        )
        with pytest.raises(TypeError, match="not a declared setting"):
            get_settings(session, SMTP_PORT, "shop.name")

"""The `feedback` and `code` commands of `returndesk` (added by desk.cli.build_parser)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from desk.codes import FeedbackSource, RewardState
from desk.db import Database
from desk.i18n.catalog import N_, _, ngettext
from desk.i18n.formats import format_datetime, format_number
from desk.returns import get_detail
from desk.settings import SHOP_CURRENCY, get_setting

if TYPE_CHECKING:  # the services load when a command runs, not when the window starts
    from desk.feedback.rewards import CodeInfo

STATE_WORDS: dict[RewardState, str] = {
    RewardState.ISSUED: N_("issued"),
    RewardState.REDEEMED: N_("redeemed"),
    RewardState.EXPIRED: N_("expired"),
}
"""Where a reward code stands, as `code check` prints it."""


def add_commands(commands: argparse._SubParsersAction) -> None:
    """Add `feedback NUMBER ...` and `code check|redeem|export` to the subcommands."""
    feedback = commands.add_parser(
        "feedback", help=_("record a customer's rating of a return (told by phone or reply)")
    )
    feedback.add_argument("number", metavar="NUMBER", help=_("the return number"))
    feedback.add_argument("--rating", type=int, required=True, metavar="N", help=_("1 to 5"))
    feedback.add_argument("--comment", default="", metavar="TEXT", help=_("what the customer said"))
    feedback.add_argument(
        "--source",
        choices=(FeedbackSource.PHONE.value, FeedbackSource.REPLY.value),
        default=FeedbackSource.PHONE.value,
        help=_("how the customer told you (default: phone)"),
    )
    feedback.add_argument("--staff", default="", metavar="NAME", help=_("who typed it in"))
    feedback.set_defaults(run=cmd_feedback)

    code = commands.add_parser("code", help=_("look up, redeem or export reward codes"))
    actions = code.add_subparsers(dest="code_command", metavar="ACTION", required=True)
    check = actions.add_parser("check", help=_("what a code gives and whether it can be used"))
    check.add_argument("code", metavar="CODE")
    check.set_defaults(run=cmd_code_check)
    redeem = actions.add_parser("redeem", help=_("mark a code used (once)"))
    redeem.add_argument("code", metavar="CODE")
    redeem.add_argument("--staff", default="", metavar="NAME", help=_("who redeems it"))
    redeem.set_defaults(run=cmd_code_redeem)
    export = actions.add_parser("export", help=_("write every code as CSV for the till"))
    export.add_argument("--csv", required=True, metavar="OUT.csv", type=Path)
    export.set_defaults(run=cmd_code_export)


def _currency(db: Database) -> str:
    with db.session() as session:
        return get_setting(session, SHOP_CURRENCY)


def cmd_feedback(db: Database, args: argparse.Namespace) -> int:
    """Record feedback on a return; print the reward code it earned and the low flag."""
    from desk.feedback.record import record_feedback
    from desk.feedback.rewards import describe_reward

    with db.session() as session:
        ret = get_detail(session, number=args.number).ret
        currency = ret.currency  # the reward is in the currency of its return
    result = record_feedback(
        db,
        return_id=ret.id,
        rating=args.rating,
        comment=args.comment,
        source=args.source,
        staff=args.staff,
    )
    if result.replaced:
        line = _("Feedback {rating} of 5 recorded for {number} (it replaces the earlier feedback).")
    else:
        line = _("Feedback {rating} of 5 recorded for {number}.")
    print(line.format(rating=result.feedback.rating, number=ret.number))
    if result.reward is not None:
        what = describe_reward(result.reward, currency, None)
        print(_("Reward code: {code}  ({gives})").format(code=result.reward.code, gives=what))
    if result.thanks is not None:
        if result.thanks.channel == "email":
            queued = _("Email with the code to {recipient} queued (thanks).")
        else:
            queued = _("Text message with the code to {recipient} queued (thanks).")
        print(queued.format(recipient=result.thanks.recipient))
    if result.low:
        if result.owner_notified:
            print(_("Low rating flagged; the owner is being emailed."))
        else:
            print(_("Low rating flagged."))
    return 0


def _describe(info: CodeInfo, currency: str) -> list[str]:
    from desk.feedback.rewards import describe_reward

    if info.return_number:
        customer = _("Customer: {name}  (return {number})")
    else:
        customer = _("Customer: {name}")
    lines = [
        f"{info.code}  {_(STATE_WORDS[info.state])}",
        describe_reward(info, currency, None),
        customer.format(name=info.customer_name, number=info.return_number),
        _("Issued: {when}").format(when=format_datetime(info.issued_at)),
    ]
    if info.redeemed_at is not None:
        when = format_datetime(info.redeemed_at)
        redeemed = _("Redeemed: {when} by {staff}") if info.redeemed_by else _("Redeemed: {when}")
        lines.append(redeemed.format(when=when, staff=info.redeemed_by))
    return lines


def cmd_code_check(db: Database, args: argparse.Namespace) -> int:
    """Print what a code gives and its state; exit 1 when it cannot be used."""
    from desk.feedback.rewards import check_code

    info = check_code(db, code=args.code)
    print("\n".join(_describe(info, _currency(db))))
    return 0 if info.state == RewardState.ISSUED else 1


def cmd_code_redeem(db: Database, args: argparse.Namespace) -> int:
    """Mark a code redeemed; one line on stderr and exit 1 when it cannot be."""
    from desk.feedback.rewards import describe_reward, redeem_code

    info = redeem_code(db, code=args.code, staff=args.staff)
    gives = describe_reward(info, _currency(db), None)
    print(_("{code} redeemed: {gives}.").format(code=info.code, gives=gives))
    return 0


def cmd_code_export(db: Database, args: argparse.Namespace) -> int:
    """Write every code to a CSV file for the till."""
    from desk.feedback.rewards import export_codes

    count = export_codes(db, args.csv)
    wrote = (
        ngettext("Wrote {count} code to {path}.", "Wrote {count} codes to {path}.", count)
        if count
        else _("Wrote {path} without codes: none has been issued yet.")
    )
    print(wrote.format(count=format_number(count), path=args.csv))
    return 0

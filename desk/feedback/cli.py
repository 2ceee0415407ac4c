"""The `feedback` and `code` commands of `returndesk` (added by desk.cli.build_parser)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from desk.codes import FeedbackSource, RewardState
from desk.db import Database
from desk.returns import get_detail
from desk.settings import SHOP_CURRENCY, get_setting

if TYPE_CHECKING:  # the services load when a command runs, not when the window starts
    from desk.feedback.rewards import CodeInfo


def add_commands(commands: argparse._SubParsersAction) -> None:
    """Add `feedback NUMBER ...` and `code check|redeem|export` to the subcommands."""
    feedback = commands.add_parser(
        "feedback", help="record a customer's rating of a return (told by phone or reply)"
    )
    feedback.add_argument("number", metavar="NUMBER", help="the return number")
    feedback.add_argument("--rating", type=int, required=True, metavar="N", help="1 to 5")
    feedback.add_argument("--comment", default="", metavar="TEXT")
    feedback.add_argument(
        "--source",
        choices=(FeedbackSource.PHONE.value, FeedbackSource.REPLY.value),
        default=FeedbackSource.PHONE.value,
    )
    feedback.add_argument("--staff", default="", metavar="NAME")
    feedback.set_defaults(run=cmd_feedback)

    code = commands.add_parser("code", help="look up, redeem or export reward codes")
    actions = code.add_subparsers(dest="code_command", metavar="ACTION", required=True)
    check = actions.add_parser("check", help="what a code gives and whether it can be used")
    check.add_argument("code", metavar="CODE")
    check.set_defaults(run=cmd_code_check)
    redeem = actions.add_parser("redeem", help="mark a code used (once)")
    redeem.add_argument("code", metavar="CODE")
    redeem.add_argument("--staff", default="", metavar="NAME")
    redeem.set_defaults(run=cmd_code_redeem)
    export = actions.add_parser("export", help="write every code as CSV for the till")
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
    replaced = " (it replaces the earlier feedback)" if result.replaced else ""
    print(f"Feedback {result.feedback.rating} of 5 recorded for {ret.number}{replaced}.")
    if result.reward is not None:
        what = describe_reward(result.reward, currency, "en")
        print(f"Reward code: {result.reward.code}  ({what})")
    if result.thanks is not None:
        kind = "Email" if result.thanks.channel == "email" else "Text message"
        print(f"{kind} with the code to {result.thanks.recipient} queued (thanks).")
    if result.low:
        owner = "; the owner is being emailed" if result.owner_notified else ""
        print(f"Low rating flagged{owner}.")
    return 0


def _describe(info: CodeInfo, currency: str) -> list[str]:
    from desk.feedback.rewards import describe_reward

    lines = [
        f"{info.code}  {info.state.value}",
        describe_reward(info, currency, "en"),
        f"Customer: {info.customer_name}"
        + (f"  (return {info.return_number})" if info.return_number else ""),
        f"Issued: {info.issued_at.astimezone():%Y-%m-%d %H:%M}",
    ]
    if info.redeemed_at is not None:
        by = f" by {info.redeemed_by}" if info.redeemed_by else ""
        lines.append(f"Redeemed: {info.redeemed_at.astimezone():%Y-%m-%d %H:%M}{by}")
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
    print(f"{info.code} redeemed: {describe_reward(info, _currency(db), 'en')}.")
    return 0


def cmd_code_export(db: Database, args: argparse.Namespace) -> int:
    """Write every code to a CSV file for the till."""
    from desk.feedback.rewards import export_codes

    count = export_codes(db, args.csv)
    print(f"Wrote {count} code(s) to {args.csv}.")
    return 0

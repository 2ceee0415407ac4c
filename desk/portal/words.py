"""The customer space's words, in one customer's language: `t` is the customer's catalog
(desk.i18n.catalog.translation), the English words its msgids. desk.words puts them in its
tree as "portal" (with "portal.status", "portal.instructions") and "counter.tablet"."""

from __future__ import annotations

from gettext import NullTranslations


def portal_words(t: NullTranslations) -> dict[str, object]:
    """The pages' words; "status" names each status as the customer reads it, and
    "instructions" holds the instructions page's own words."""
    return {
        "hello": t.gettext("Hello {name},"),
        "title": t.gettext("Your return {number}"),
        "status_heading": t.gettext("Where it stands"),
        "next_heading": t.gettext("What happens next"),
        "timeline_heading": t.gettext("So far"),
        "items_heading": t.gettext("Your items"),
        "total": t.gettext("Total"),
        "refund": t.gettext("Refund by"),
        "logged": t.gettext("Logged on {date}"),
        "not_found_title": t.gettext("This link does not open a return"),
        "not_found_text": t.gettext(
            "It may have expired or been replaced. Find your return with its number and the"
            " email or phone you gave us."
        ),
        "find_title": t.gettext("Find your return"),
        "find_number": t.gettext("Return number"),
        "find_contact": t.gettext("Email or phone you gave us"),
        "find_button": t.gettext("Show my return"),
        "find_none": t.gettext(
            "We found no return with that number and contact. Check both, or ask us at the counter."
        ),
        "too_many": t.gettext("Too many tries. Wait a minute, then try again."),
        "forbidden": t.gettext("This form has expired. Open the page again and resend it."),
        "questions": t.gettext("Questions? Call {phone} or reply to our email."),
        "feedback_link": t.gettext("Tell us how your return went"),
        "prefs_link": t.gettext("Choose how we tell you"),
        "prefs_title": t.gettext("How we tell you about your return"),
        "channel": t.gettext("Tell me by"),
        "channel_email": t.gettext("Email"),
        "channel_sms": t.gettext("Text message (SMS)"),
        "channel_none": t.gettext("Do not contact me"),
        "language_label": t.gettext("Language"),
        "save": t.gettext("Save"),
        "saved": t.gettext("Saved. Thank you."),
        "unsubscribe_title": t.gettext("Stop our messages"),
        "unsubscribe_text": t.gettext(
            "We will not email or text you about your returns any more. You can change this"
            " here at any time."
        ),
        "unsubscribe_button": t.gettext("Stop the messages"),
        "unsubscribed": t.gettext("Done: we will not contact you any more."),
        "back": t.gettext("Back to your return"),
        "rating_needed": t.gettext("Choose a face from 1 to 5."),
        "status": {
            "requested": t.gettext("Announced: we are waiting for your items"),
            "received": t.gettext("Received at the shop"),
            "inspecting": t.gettext("Being checked"),
            "approved": t.gettext("Approved"),
            "rejected": t.gettext("Not accepted"),
            "refunded": t.gettext("Refunded"),
            "exchanged": t.gettext("Exchanged"),
            "credited": t.gettext("Store credit issued"),
            "closed": t.pgettext("return status", "Done"),
            "cancelled": t.gettext("Cancelled"),
        },
        "instructions": {
            "link": t.gettext("Your return instructions"),
            "page_title": t.gettext("Return instructions {number}"),
            "pdf_heading": t.gettext("Print the sheet"),
            "pdf_a4": t.gettext("Download the sheet (PDF, A4)"),
            "pdf_letter": t.gettext("Download the sheet (PDF, US Letter)"),
            "qr_caption": t.gettext("QR code of return {number}"),
            "logo_alt": t.gettext("{shop} logo"),
            "step": t.gettext("Step {number}"),
            "pdf_failed": t.gettext(
                "The PDF could not be made just now. Try again in a minute, or print this page."
            ),
        },
    }


def tablet_words(t: NullTranslations) -> dict[str, str]:
    """The counter tablet's own words: pairing it with the desk, idle, asking."""
    return {
        "welcome": t.gettext("Welcome to {shop}"),
        "ask_hint": t.gettext("Tap a face."),
        "chosen": t.gettext("Your answer:"),
        "change": t.gettext("Choose another face"),
        "pair_title": t.gettext("Pair this tablet with the desk"),
        # TRANSLATORS: name the Settings dialog and its tab as the desk shows them.
        "pair_hint": t.gettext(
            "In Return Desk, open Settings › Counter tablet and type the code shown there."
        ),
        "code_label": t.gettext("Pairing code"),
        "pair_button": t.gettext("Pair this tablet"),
        "comment_refused": t.gettext(
            "We could not keep your comment: write it again, in at most 2,000 characters, "
            "and send it."
        ),
        # TRANSLATORS: name the button and the Settings tab as the desk shows them.
        "pair_wrong": t.gettext(
            "That code does not work: it is wrong, used or more than 10 minutes old. Press "
            "“New code” in Settings › Counter tablet and type the new one."
        ),
    }

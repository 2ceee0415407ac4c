"""The printed sheet's words and the drop-off points' words, in one customer's language.

The English words are the gettext msgids; `t` is the customer's catalog
(desk.i18n.catalog.translation), so each table is built in that language. desk.words
puts them in its tree ("sheet.text", "sheet.label", "dropoff.kind", "dropoff.hours",
"dropoff.goods"), where desk.instructions.sheet and .dropoff read them.
"""

from __future__ import annotations

from gettext import NullTranslations


def sheet_words(t: NullTranslations) -> dict[str, dict[str, str]]:
    """The sheet's sentences ("text": some take {date}, {day}, {days}, {total}, {address},
    {phone}) and the captions its renderer draws ("label": "page" takes {page}, {pages})."""
    return {
        "text": {
            "title": t.gettext("How to return your items"),
            "dropoff_title": t.gettext("Drop-off points near you"),
            "sustainability_title": t.gettext("What happens to returned goods"),
            "deadline_counter": t.gettext("Bring it back by {date}"),
            "deadline_mail": t.gettext("Post it by {date}"),
            "deadline_passed": t.gettext("The return window ended on {date}: please ask us first"),
            "check_by": t.gettext("We have your items and will tell you the outcome by {date}"),
            "inspecting_by": t.gettext(
                "We are checking your items and will tell you the outcome by {date}"
            ),
            "approved_refund": t.gettext(
                "Approved: your refund of {total} reaches your card by {date}"
            ),
            "approved_credit": t.gettext(
                "Approved on {day}: your store credit of {total} is ready at the counter"
            ),
            "approved_credit_mail": t.gettext(
                "Approved on {day}: your store credit of {total} is in your account by {date}"
            ),
            "approved_exchange": t.gettext(
                "Approved on {day}: pick your replacement up at the counter"
            ),
            "approved_exchange_mail": t.gettext(
                "Approved on {day}: we post your replacement by {date}"
            ),
            "rejected_on": t.gettext(
                "Not accepted on {day}: collect your items at the counter whenever suits you"
            ),
            "refunded_on": t.gettext("Refunded on {day}: {total} reaches your card by {date}"),
            "credited_on": t.gettext("Store credit of {total} issued on {day}: ready to use now"),
            "exchanged_on": t.gettext("Exchanged on {day}: nothing more is needed from you"),
            "closed_on": t.gettext("Closed on {day}: nothing more is needed from you"),
            "cancelled_on": t.gettext("Cancelled on {day}: nothing more is needed from you"),
            "pack": t.gettext("Pack the items with their accessories, manuals and tags."),
            "pack_mail": t.gettext("Pack the items securely, with their accessories and tags."),
            "slip_counter": t.gettext("Bring this sheet, or just your return number, with you."),
            "slip_mail": t.gettext(
                "Put this sheet in the parcel: the QR code tells us it is yours."
            ),
            "slip_generic": t.gettext("Bring your receipt or order number with the items."),
            "counter": t.gettext("Bring them to our counter by {date}."),
            "counter_generic": t.gettext("Bring them to our counter, or post them to our address."),
            "mail": t.gettext("Post the parcel to {address} by {date}; keep the receipt."),
            "mail_no_address": t.gettext("Post the parcel to us by {date}; keep the receipt."),
            "inspect": t.gettext("We check the items, usually within a few days."),
            "inspecting": t.gettext(
                "We are checking your items now and will tell you the outcome."
            ),
            "rejected": t.gettext("We checked your items and could not accept this return."),
            "collect": t.gettext("Collect them at our counter whenever suits you."),
            "cancelled_step": t.gettext("Nothing more is needed from you for this return."),
            "refund": t.gettext("Your refund reaches your card within {days} of approval."),
            "refund_done": t.gettext("Your refund of {total} reaches your card within {days}."),
            "credit": t.gettext("Store credit is added at the counter once approved."),
            "credit_mail": t.gettext("Store credit is added to your account once approved."),
            "credit_done": t.gettext("Your store credit of {total} is ready to use."),
            "exchange": t.gettext("Pick your replacement at the counter once approved."),
            "exchange_mail": t.gettext("Pick your replacement: we post it once approved."),
            "exchange_done": t.gettext("Your replacement is ready at the counter."),
            "choose": t.gettext("Choose a refund to your card, store credit or an exchange."),
            "dropoff": t.gettext("Packaging you don't need? Take it to a drop-off point below."),
            "contact_phone": t.gettext("Questions? Call us on {phone}."),
            "contact": t.gettext("Questions? Just ask at the counter."),
            "reuse_note": t.gettext(
                "Items in good condition go back on sale, or are repaired and sold as refurbished."
            ),
            "donation_note": t.gettext("Usable items we cannot sell go to local charities."),
            "recycling_note": t.gettext("What cannot be used again is taken apart and recycled."),
            "packaging_note": t.gettext(
                "We reuse the boxes and padding you send back, so there is no need to buy new "
                "packaging for a return."
            ),
        },
        "label": {
            "return_number": t.gettext("Return number"),
            "customer": t.pgettext("instruction sheet", "Customer"),
            "deadline": t.pgettext("instruction sheet", "Deadline"),
            "next": t.pgettext("instruction sheet", "What happens next"),
            "steps": t.gettext("What to do"),
            "scan_me": t.gettext("Show this code at the counter"),
            "scan_link": t.gettext("Scan to follow your return, or show this code at the counter"),
            "continued": t.pgettext("instruction sheet", "continued"),
            "page": t.gettext("Page {page} of {pages}"),
            "accepts": t.pgettext("instruction sheet", "Accepts"),
            "hours": t.pgettext("instruction sheet", "Hours"),
            "categories": t.pgettext("instruction sheet", "Takes"),
            "address": t.pgettext("instruction sheet", "Address"),
            "phone": t.pgettext("instruction sheet", "Phone"),
            "contact": t.pgettext("instruction sheet", "Contact"),
            "no_dropoff": t.gettext(
                "Ask at the counter where to take packaging and unwanted items."
            ),
            "printed": t.gettext("Printed on {date}"),
        },
    }


def dropoff_words(t: NullTranslations) -> dict[str, dict[str, str]]:
    """What a drop-off point takes goods for ("kind", by Kind), and the words the sheet
    knows in a point's hours and goods ("hours", "goods": several spellings of one word
    separated by "|", the first being the one written)."""
    return {
        "kind": {
            "reuse": t.gettext("Reuse"),
            "recycling": t.gettext("Recycling"),
            "donation": t.gettext("Donation"),
        },
        "hours": {
            # TRANSLATORS: words the sheet knows in a drop-off point's opening hours (typed by
            # the shop); spellings separated by | (add yours), the first is the one printed.
            "every_day": t.pgettext("drop-off hours", "Every day|Daily"),
            "weekdays": t.pgettext("drop-off hours", "Weekdays"),
            "weekends": t.pgettext("drop-off hours", "Weekends"),
            "holidays": t.pgettext("drop-off hours", "Holidays"),  # before: "Feriados" is both
            "public_holidays": t.pgettext("drop-off hours", "Public holidays"),
            "closed_on": t.pgettext("drop-off hours", "Closed on"),
            "closed": t.pgettext("drop-off hours", "Closed"),
            "by_appointment": t.pgettext("drop-off hours", "By appointment"),
            "first_saturday": t.pgettext("drop-off hours", "First Saturday of the month"),
            "last_saturday": t.pgettext("drop-off hours", "Last Saturday of the month"),
            "first_sunday": t.pgettext("drop-off hours", "First Sunday of the month"),
            "and": t.pgettext("drop-off hours", "and"),
            "monday": t.pgettext("drop-off hours", "Monday"),
            "mondays": t.pgettext("drop-off hours", "Mondays"),
            "tuesday": t.pgettext("drop-off hours", "Tuesday"),
            "tuesdays": t.pgettext("drop-off hours", "Tuesdays"),
            "wednesday": t.pgettext("drop-off hours", "Wednesday"),
            "wednesdays": t.pgettext("drop-off hours", "Wednesdays"),
            "thursday": t.pgettext("drop-off hours", "Thursday"),
            "thursdays": t.pgettext("drop-off hours", "Thursdays"),
            "friday": t.pgettext("drop-off hours", "Friday"),
            "fridays": t.pgettext("drop-off hours", "Fridays"),
            "saturday": t.pgettext("drop-off hours", "Saturday"),
            "saturdays": t.pgettext("drop-off hours", "Saturdays"),
            "sunday": t.pgettext("drop-off hours", "Sunday"),
            "sundays": t.pgettext("drop-off hours", "Sundays"),
            "mon": t.pgettext("drop-off hours", "Mon"),
            # TRANSLATORS: spellings separated by |; the first is the one printed.
            "tue": t.pgettext("drop-off hours", "Tue|Tues"),
            "wed": t.pgettext("drop-off hours", "Wed"),
            # TRANSLATORS: spellings separated by |; the first is the one printed.
            "thu": t.pgettext("drop-off hours", "Thu|Thur|Thurs"),
            "fri": t.pgettext("drop-off hours", "Fri"),
            "sat": t.pgettext("drop-off hours", "Sat"),
            "sun": t.pgettext("drop-off hours", "Sun"),
        },
        "goods": {
            # TRANSLATORS: kinds of goods a drop-off point takes (typed by the shop); spellings
            # separated by | (add yours), the first is the one printed.
            "electronics": t.pgettext("drop-off goods", "electronics"),
            "batteries": t.pgettext("drop-off goods", "batteries"),
            "cardboard": t.pgettext("drop-off goods", "cardboard"),
            "paper": t.pgettext("drop-off goods", "paper"),
            "glass": t.pgettext("drop-off goods", "glass"),
            "metal": t.pgettext("drop-off goods", "metal"),
            "plastic_packaging": t.pgettext("drop-off goods", "plastic packaging"),
            "packaging": t.pgettext("drop-off goods", "packaging"),
            # TRANSLATORS: spellings separated by |; the first is the one printed.
            "clothes": t.pgettext("drop-off goods", "clothes|clothing"),
            "shoes": t.pgettext("drop-off goods", "shoes"),
            "textiles": t.pgettext("drop-off goods", "textiles"),
            "toys": t.pgettext("drop-off goods", "toys"),
            "books": t.pgettext("drop-off goods", "books"),
            "furniture": t.pgettext("drop-off goods", "furniture"),
            "small_appliances": t.pgettext("drop-off goods", "small appliances"),
            "appliances": t.pgettext("drop-off goods", "appliances"),
            # TRANSLATORS: spellings separated by |; the first is the one printed.
            "bikes": t.pgettext("drop-off goods", "bikes|bicycles"),
            # TRANSLATORS: spellings separated by |; the first is the one printed.
            "phones": t.pgettext("drop-off goods", "phones|mobile phones"),
            # TRANSLATORS: spellings separated by |; the first is the one printed.
            "light_bulbs": t.pgettext("drop-off goods", "light bulbs|bulbs"),
            "cooking_oil": t.pgettext("drop-off goods", "cooking oil"),
            "ink_cartridges": t.pgettext("drop-off goods", "ink cartridges"),
        },
    }

"""The counter screen's words (the Qt screen and the tablet's pages), in one customer's
language: `t` is the customer's catalog (desk.i18n.catalog.translation), the English
words its msgids. desk.words puts them in its tree as "counter" and "counter.rating"."""

from __future__ import annotations

from gettext import NullTranslations


def counter_words(t: NullTranslations) -> dict[str, object]:
    """What the counter screen says before, while and after asking for a rating ("ask_title"
    and "thanks_title" take {name}), with the word under each face by rating ("rating")."""
    return {
        # TRANSLATORS: two lines, on the screen the customer sees while nobody is asked.
        "idle_line": t.gettext(
            "What you bring back gets a second life:\nwe reuse, repair or recycle it."
        ),
        "idle_thanks": t.gettext("Thank you for visiting us."),
        "ask_title": t.gettext("How was your return today, {name}?"),
        "ask_title_anonymous": t.gettext("How was your return today?"),
        "ask_hint": t.gettext("Tap a face, or press a key from 1 to 5."),
        "comment_label": t.gettext("Anything you would like to tell us? (optional)"),
        "comment_placeholder": t.gettext("Type your comment here"),
        "send": t.gettext("Send"),
        "skip_comment": t.gettext("Skip comment"),
        "saving": t.gettext("Saving…"),
        "thanks_title": t.gettext("Thank you, {name}!"),
        "thanks_title_anonymous": t.gettext("Thank you!"),
        "thanks_line": t.gettext("Your opinion helps us do better."),
        "reward_intro": t.gettext("Your reward code:"),
        "reward_hint": t.gettext(
            "Show it at the till on your next purchase, or take a photo of it."
        ),
        "failed": t.gettext("Sorry, we could not save your answer. Please tell us at the counter."),
        "rating": {
            "1": t.pgettext("rating", "Very poor"),
            "2": t.pgettext("rating", "Poor"),
            "3": t.pgettext("rating", "OK"),
            "4": t.pgettext("rating", "Good"),
            "5": t.pgettext("rating", "Excellent"),
        },
    }

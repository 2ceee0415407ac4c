"""Telling customers what happened: events, templates, rendering, the outbox, email and SMS.

Modules:
    events          what happened to a return that the customer may be told about
    context         the variables a template can use for one return, in the customer's language
    template_store  where templates come from: shipped defaults and the shop's own versions
    bounds          the limits of filling in a template: time, work, size; the budget they use
    filter_bounds   the filters' arguments checked before they run; every filter's output counted
    sandbox         the bounded sandbox class of the one Jinja environment
    html_check      checking a template's HTML with a real parser, with line and column
    jinja_errors    Jinja's error messages said in the desk's language, with what to fix
    templating      the one sandboxed Jinja environment; checking and rendering messages
    simple_mode     emails written as text with a few choices, made into the shop's layout
    template_saving saving and resetting the shop's own versions of the templates
    template_editing the editor's one call per action: open, save or reset a part
    compose         the one way a message is made, for the preview and the outbox alike
    outbox          queueing messages with the status change that causes them
    sender          the sending run: claim, send, back off, recover interrupted sends
    channels        the channels of one run: SMTP and SMS opened, used, closed; those blocked
    claims          who is sending a message, whether it lives; recovering those left behind
    mail            building an email from an outbox row and sending it over SMTP
    smtp_errors     why sending an email failed, in plain words
    sms             text messages: provider interface, Twilio-style provider, segment counting
    cli             `preview` and the `outbox send`, `outbox list` and `outbox show` commands
"""

__all__ = [
    "events",
    "context",
    "template_store",
    "bounds",
    "filter_bounds",
    "sandbox",
    "html_check",
    "jinja_errors",
    "templating",
    "simple_mode",
    "template_saving",
    "template_editing",
    "compose",
    "outbox",
    "sender",
    "channels",
    "claims",
    "mail",
    "smtp_errors",
    "sms",
    "cli",
]

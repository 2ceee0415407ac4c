"""Bounds on filling in a shop-edited template: time, work and size.

Shop owners edit templates, so a template may loop, recurse or pad without end. The
sandbox (desk.messages.sandbox.BoundedSandbox, the class of desk.messages.templating.ENV)
keeps every render inside one `bounded()` budget, with the limits and checks here:

- time: RENDER_SECONDS, checked at every loop round, call, attribute and operator;
- work: MAX_STEPS loop rounds and calls in all (every `{% for %}` iterates through a
  counting wrapper, added to the parsed tree), range() of at most MAX_RANGE numbers,
  macros nested at most MAX_DEPTH deep;
- size: no one text over MAX_TEXT characters (padding widths, `*`, `+`, `~`, `%`,
  `format`, `replace`, `join` are checked before the text is made, the filters' arguments
  in desk.messages.filter_bounds), MAX_MADE characters
  made in all, and the finished part within `check_output` (256 KB for email, at most
  SMS_MAX_SEGMENTS for a text message).

A template that breaks a bound raises `LimitExceeded` (a jinja2 SecurityError) saying
what to change; desk.messages.templating turns it into a TemplateError naming the
template.
"""

from __future__ import annotations

import re
import threading
import types
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from time import monotonic

from jinja2.exceptions import SecurityError
from jinja2.utils import generate_lorem_ipsum

from desk.i18n.catalog import N_, _
from desk.i18n.formats import format_decimal, format_number

RENDER_SECONDS = 1.0
"""How long filling in one message (every part) may take."""
MAX_STEPS = 100_000
"""Loop rounds and calls (macros, methods) one message may run, in all."""
MAX_RANGE = 10_000
"""The most numbers one range() may give."""
MAX_DEPTH = 50
"""How deep macros (and recursive loops) may call each other."""
MAX_TEXT = 262_144
"""The longest text (or list) a template may make in one step, in characters (items)."""
MAX_MADE = 4_000_000
"""Characters a message may make in all, counting what macros and blocks write."""
MAX_WIDTH = 1_000
"""The widest padding or precision a format may ask for."""
MAX_SOURCE = 100_000
"""The longest template source, in characters."""
EMAIL_MAX_BYTES = 256 * 1024
"""The largest subject or email body, in bytes of UTF-8."""
SMS_MAX_SEGMENTS = 10
"""The most parts a text message may take (providers cut or refuse longer ones)."""
MAX_INT_BITS = 100_000
"""The largest number a template may compute (about 30,000 digits)."""


class LimitExceeded(SecurityError):
    """A template asked for too much time, work or text; the message says what to change."""


class _Budget:
    """What one render has used so far, against its deadline and limits."""

    __slots__ = ("deadline", "steps", "made", "depth")

    def __init__(self, seconds: float):
        self.deadline = monotonic() + seconds
        self.steps = self.made = self.depth = 0

    def step(self) -> None:
        """Count one loop round or call; check the deadline."""
        self.steps += 1
        if self.steps > MAX_STEPS:
            raise LimitExceeded(
                _("the loops and calls run more than {limit} times; loop over fewer items.").format(
                    limit=format_number(MAX_STEPS)
                )
            )
        self.check_time()

    def check_time(self) -> None:
        """Raise LimitExceeded once the deadline has passed."""
        if monotonic() > self.deadline:
            raise LimitExceeded(
                _(
                    "filling it in took longer than {seconds} s; "
                    "make it simpler (fewer loops, filters and macros)."
                ).format(
                    seconds=format_decimal(RENDER_SECONDS, 0 if RENDER_SECONDS % 1 == 0 else 1)
                )
            )

    def add_text(self, size: int) -> None:
        """Count `size` characters made; raise once the message made too much."""
        self.made += size
        if self.made > MAX_MADE:
            raise LimitExceeded(
                _(
                    "it writes more than {limit} characters in all (loops or macros "
                    "repeating text); write less."
                ).format(limit=format_number(MAX_MADE))
            )


_local = threading.local()


def current_budget() -> _Budget | None:
    """The budget of the render running on this thread, or None outside `bounded()`."""
    return getattr(_local, "budget", None)


@contextmanager
def bounded(seconds: float = RENDER_SECONDS) -> Iterator[None]:
    """Render inside one budget of `seconds` and the work limits (on this thread).

    A render nested in another keeps the outer budget.
    """
    if current_budget() is not None:
        yield
        return
    _local.budget = _Budget(seconds)
    try:
        yield
    finally:
        _local.budget = None


@contextmanager
def off_the_clock() -> Iterator[None]:
    """Do something the template is not to blame for (compiling it): its time is not
    counted against the current budget's deadline."""
    budget, started = current_budget(), monotonic()
    try:
        yield
    finally:
        if budget is not None:
            budget.deadline += monotonic() - started


def too_long(size: int) -> LimitExceeded:
    """The error for a text of `size` characters, over MAX_TEXT."""
    return LimitExceeded(
        _("it would make a text of {size} characters (at most {limit}); write less.").format(
            size=format_number(size), limit=format_number(MAX_TEXT)
        )
    )


def check_size(value: object) -> object:
    """Count a value just made; refuse a text or list over MAX_TEXT."""
    if isinstance(value, str | list | tuple):
        if len(value) > MAX_TEXT:
            raise too_long(len(value))
        if isinstance(value, str) and (budget := current_budget()) is not None:
            budget.add_text(len(value))
    return value


def check_count(count: object, what: str, limit: int = MAX_TEXT) -> None:
    """Refuse a count (`what`, marked for translation) over `limit`."""
    if isinstance(count, int) and count > limit:
        raise LimitExceeded(
            _("{what} {count} is too large (at most {limit}); use less.").format(
                what=_(what), count=format_number(count), limit=format_number(limit)
            )
        )
    if isinstance(count, str) and len(count) > limit:
        raise too_long(len(count))


_NUMBERS = re.compile(r"\d+")
_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?([^a-zA-Z%]*)[a-zA-Z%]")


def check_format_spec(spec: str) -> None:
    """Refuse a format spec ('>10', '.2f') with a width or precision over MAX_WIDTH."""
    for number in _NUMBERS.findall(spec):
        if len(number) > 6 or int(number) > MAX_WIDTH:
            raise LimitExceeded(
                _(
                    "the format width {width} is too large (at most {limit}); use a smaller one."
                ).format(width=format_number(int(number)), limit=format_number(MAX_WIDTH))
            )


def check_percent_format(text: object) -> None:
    """Refuse a %-format ('%05d') with a width from an argument or one over MAX_WIDTH."""
    if not isinstance(text, str):
        return
    for flags in _PERCENT_SPEC.findall(text):
        if "*" in flags:
            raise LimitExceeded(_("a format width from an argument (*) is not allowed."))
        check_format_spec(flags)


def replaced_size(text: str, old: object, new: object, count: object = -1) -> int:
    """The length of `text` after replace(old, new, count), worked out without making it."""
    found = text.count(old) if isinstance(old, str) else 0
    if isinstance(count, int) and count >= 0:
        found = min(found, count)
    growth = len(new) - len(old) if isinstance(new, str) and isinstance(old, str) else 0
    return len(text) + found * max(growth, 0)


def joined_size(separator: str, items: object) -> int:
    """The length of separator.join(items), worked out without making it (0: not known)."""
    if not isinstance(items, list | tuple | str):
        return 0  # an iterator: its items are counted as they are made
    texts = [len(item) if isinstance(item, str) else len(str(item)) for item in items]
    return sum(texts) + len(separator) * max(len(texts) - 1, 0)


def check_str_method(method: object, args: tuple, kwargs: dict) -> None:
    """Check a call of a str method that could make a huge text, before it runs."""
    owner = getattr(method, "__self__", None)
    if not isinstance(owner, str) or not isinstance(
        method, types.BuiltinMethodType | types.MethodType
    ):
        return
    name = method.__name__
    given = list(args) + list(kwargs.values())
    if name in ("translate", "maketrans"):
        raise SecurityError(_("the text method {name}() is not allowed.").format(name=name))
    if name in ("ljust", "rjust", "center", "zfill") and given:
        check_count(given[0], N_("the width"))
    elif name == "expandtabs" and given:
        check_count(given[0], N_("the tab size"), MAX_WIDTH)
    elif name == "replace" and len(given) >= 2:
        size = replaced_size(owner, *given[:3])
        if size > MAX_TEXT:
            raise too_long(size)
    elif name == "join" and given:
        size = joined_size(owner, given[0])
        if size > MAX_TEXT:
            raise too_long(size)


def bounded_range(*args: int) -> range:
    """range(), refusing more than MAX_RANGE numbers."""
    numbers = range(*args)
    try:
        size = len(numbers)
    except OverflowError:
        size = MAX_RANGE + 1
    if size > MAX_RANGE:
        raise LimitExceeded(
            _(
                "range() would give {size} numbers (at most {limit}); loop over fewer numbers."
            ).format(size=format_number(size), limit=format_number(MAX_RANGE))
        )
    return numbers


def bounded_lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:  # noqa: A002
    """lipsum(), refusing more than 20 paragraphs of more than 200 words."""
    check_count(n, N_("the number of paragraphs"), 20)
    check_count(max, N_("the number of words"), 200)
    return generate_lorem_ipsum(n=n, html=html, min=min, max=max)


def check_output(part: str, text: str) -> None:
    """Refuse a finished part too big to send: an SMS over SMS_MAX_SEGMENTS parts, any
    other part over EMAIL_MAX_BYTES."""
    if part == "sms":
        if len(text) <= 335:  # 10 parts even in UCS-2, each character counted twice
            return
        from desk.messages.sms import sms_segments

        segments = sms_segments(text).segments
        if segments > SMS_MAX_SEGMENTS:
            raise LimitExceeded(
                _(
                    "the text message would take {segments} SMS (at most {limit}); shorten it."
                ).format(segments=format_number(segments), limit=SMS_MAX_SEGMENTS)
            )
        return
    if len(text) * 4 <= EMAIL_MAX_BYTES:  # UTF-8 takes at most 4 bytes a character
        return
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > EMAIL_MAX_BYTES:
        raise LimitExceeded(
            _("the message would be {size} KB (at most {limit} KB); write less.").format(
                size=format_number(round(size / 1024)), limit=format_number(EMAIL_MAX_BYTES // 1024)
            )
        )


def collect(pieces: Iterable[str]) -> str:
    """Join rendered `pieces`, stopping as soon as they pass EMAIL_MAX_BYTES characters."""
    size, taken = 0, []
    for piece in pieces:
        size += len(piece)
        if size > EMAIL_MAX_BYTES:
            raise LimitExceeded(
                _(
                    "the message would be over {limit} KB; write less (or loop over fewer items)."
                ).format(limit=format_number(EMAIL_MAX_BYTES // 1024))
            )
        taken.append(piece)
    return "".join(taken)


__all__ = [
    "MAX_INT_BITS",
    "check_count",
    "check_size",
    "joined_size",
    "replaced_size",
    "check_str_method",
    "current_budget",
    "off_the_clock",
    "too_long",
    "EMAIL_MAX_BYTES",
    "MAX_DEPTH",
    "MAX_MADE",
    "MAX_RANGE",
    "MAX_SOURCE",
    "MAX_STEPS",
    "MAX_TEXT",
    "MAX_WIDTH",
    "RENDER_SECONDS",
    "SMS_MAX_SEGMENTS",
    "LimitExceeded",
    "bounded",
    "bounded_lipsum",
    "bounded_range",
    "check_format_spec",
    "check_output",
    "check_percent_format",
    "collect",
]

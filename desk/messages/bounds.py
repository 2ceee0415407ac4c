"""Bounds on filling in a shop-edited template: time, work and size.

Shop owners edit templates, so a template may loop, recurse or pad without end. The
sandbox here (`BoundedSandbox`, the class of desk.messages.templating.ENV) keeps every
render inside one `bounded()` budget:

- time: RENDER_SECONDS, checked at every loop round, call, attribute and operator;
- work: MAX_STEPS loop rounds and calls in all (every `{% for %}` iterates through a
  counting wrapper, added to the parsed tree), range() of at most MAX_RANGE numbers,
  macros nested at most MAX_DEPTH deep;
- size: no one text over MAX_TEXT characters (padding widths, `*`, `+`, `~`, `%`,
  `format`, `replace`, `join` are checked before the text is made), MAX_MADE characters
  made in all, and the finished part within `check_output` (256 KB for email, at most
  SMS_MAX_SEGMENTS for a text message).

A template that breaks a bound raises `LimitExceeded` (a jinja2 SecurityError) saying
what to change; desk.messages.templating turns it into a TemplateError naming the
template.
"""

from __future__ import annotations

import functools
import operator
import re
import threading
import types
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from time import monotonic

from jinja2 import nodes, pass_context
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment, SandboxedFormatter
from jinja2.utils import generate_lorem_ipsum
from jinja2.visitor import NodeTransformer
from markupsafe import EscapeFormatter, Markup

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
                f"the loops and calls run more than {MAX_STEPS:,} times; loop over fewer items."
            )
        self.check_time()

    def check_time(self) -> None:
        """Raise LimitExceeded once the deadline has passed."""
        if monotonic() > self.deadline:
            raise LimitExceeded(
                f"filling it in took longer than {RENDER_SECONDS:g} s; "
                "make it simpler (fewer loops, filters and macros)."
            )

    def add_text(self, size: int) -> None:
        """Count `size` characters made; raise once the message made too much."""
        self.made += size
        if self.made > MAX_MADE:
            raise LimitExceeded(
                f"it writes more than {MAX_MADE:,} characters in all (loops or macros "
                "repeating text); write less."
            )


_local = threading.local()


def _budget() -> _Budget | None:
    return getattr(_local, "budget", None)


@contextmanager
def bounded(seconds: float = RENDER_SECONDS) -> Iterator[None]:
    """Render inside one budget of `seconds` and the work limits (on this thread).

    A render nested in another keeps the outer budget.
    """
    if _budget() is not None:
        yield
        return
    _local.budget = _Budget(seconds)
    try:
        yield
    finally:
        _local.budget = None


def _too_long(size: int, what: str = "a text") -> LimitExceeded:
    return LimitExceeded(
        f"it would make {what} of {size:,} characters (at most {MAX_TEXT:,}); write less."
    )


def _check_size(value: object) -> object:
    """Count a value just made; refuse a text or list over MAX_TEXT."""
    if isinstance(value, str | list | tuple):
        if len(value) > MAX_TEXT:
            raise _too_long(len(value))
        if isinstance(value, str) and (budget := _budget()) is not None:
            budget.add_text(len(value))
    return value


def _check_count(count: object, what: str, limit: int = MAX_TEXT) -> None:
    if isinstance(count, int) and count > limit:
        raise LimitExceeded(f"{what} {count:,} is too large (at most {limit:,}); use less.")
    if isinstance(count, str) and len(count) > limit:
        raise _too_long(len(count))


_NUMBERS = re.compile(r"\d+")
_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?([^a-zA-Z%]*)[a-zA-Z%]")


def check_format_spec(spec: str) -> None:
    """Refuse a format spec ('>10', '.2f') with a width or precision over MAX_WIDTH."""
    for number in _NUMBERS.findall(spec):
        if len(number) > 6 or int(number) > MAX_WIDTH:
            raise LimitExceeded(
                f"the format width {int(number):,} is too large (at most {MAX_WIDTH:,}); "
                "use a smaller one."
            )


def check_percent_format(text: object) -> None:
    """Refuse a %-format ('%05d') with a width from an argument or one over MAX_WIDTH."""
    if not isinstance(text, str):
        return
    for flags in _PERCENT_SPEC.findall(text):
        if "*" in flags:
            raise LimitExceeded("a format width from an argument (*) is not allowed.")
        check_format_spec(flags)


def _replaced_size(text: str, old: object, new: object, count: object = -1) -> int:
    found = text.count(old) if isinstance(old, str) else 0
    if isinstance(count, int) and count >= 0:
        found = min(found, count)
    growth = len(new) - len(old) if isinstance(new, str) and isinstance(old, str) else 0
    return len(text) + found * max(growth, 0)


def _joined_size(separator: str, items: object) -> int:
    if not isinstance(items, list | tuple | str):
        return 0  # an iterator: its items are counted as they are made
    texts = [len(item) if isinstance(item, str) else len(str(item)) for item in items]
    return sum(texts) + len(separator) * max(len(texts) - 1, 0)


def _check_str_method(method: object, args: tuple, kwargs: dict) -> None:
    """Check a call of a str method that could make a huge text, before it runs."""
    owner = getattr(method, "__self__", None)
    if not isinstance(owner, str) or not isinstance(
        method, types.BuiltinMethodType | types.MethodType
    ):
        return
    name = method.__name__
    given = list(args) + list(kwargs.values())
    if name in ("translate", "maketrans"):
        raise SecurityError(f"the text method {name}() is not allowed.")
    if name in ("ljust", "rjust", "center", "zfill") and given:
        _check_count(given[0], "the width")
    elif name == "expandtabs" and given:
        _check_count(given[0], "the tab size", MAX_WIDTH)
    elif name == "replace" and len(given) >= 2:
        size = _replaced_size(owner, *given[:3])
        if size > MAX_TEXT:
            raise _too_long(size)
    elif name == "join" and given:
        size = _joined_size(owner, given[0])
        if size > MAX_TEXT:
            raise _too_long(size)


# filters whose arguments can ask for a huge result: checked before they run


def _pre_center(value="", width=80):
    _check_count(width, "the width")


def _pre_indent(s="", width=4, first=False, blank=False):
    _check_count(width, "the indent", MAX_WIDTH)
    lines = str(s).count("\n") + 1
    size = len(str(s)) + lines * (width if isinstance(width, int) else len(str(width)))
    if size > MAX_TEXT:
        raise _too_long(size)


def _pre_format(value="", *args, **kwargs):
    check_percent_format(value)


def _pre_replace(s="", old="", new="", count=None):
    size = _replaced_size(str(s), old, new, -1 if count is None else count)
    if size > MAX_TEXT:
        raise _too_long(size)


def _pre_join(value=(), d="", attribute=None):
    if attribute is None and isinstance(d, str):
        size = _joined_size(d, value)
        if size > MAX_TEXT:
            raise _too_long(size)


def _pre_batch(value=(), linecount=1, fill_with=None):
    _check_count(linecount, "the batch size", MAX_RANGE)


def _pre_slice(value=(), slices=1, fill_with=None):
    _check_count(slices, "the number of slices", MAX_RANGE)


def _pre_tojson(value=None, indent=None):
    _check_count(indent, "the indent", MAX_WIDTH)


def _pre_wordwrap(s="", width=79, break_long_words=True, wrapstring=None, break_on_hyphens=True):
    if isinstance(wrapstring, str) and isinstance(width, int):
        lines = len(str(s)) // max(width, 1) + str(s).count("\n") + 1
        size = len(str(s)) + lines * len(wrapstring)
        if size > MAX_TEXT:
            raise _too_long(size)


_PRECHECKS: dict[str, Callable[..., None]] = {
    "center": _pre_center,
    "indent": _pre_indent,
    "format": _pre_format,
    "replace": _pre_replace,
    "join": _pre_join,
    "batch": _pre_batch,
    "slice": _pre_slice,
    "tojson": _pre_tojson,
    "wordwrap": _pre_wordwrap,
}


def _guarded(func: Callable, precheck: Callable[..., None] | None) -> Callable:
    """`func` (a filter) counting what it makes, after `precheck` of its arguments."""
    skip = 1 if getattr(func, "jinja_pass_arg", None) is not None else 0

    @functools.wraps(func)
    def guarded(*args, **kwargs):
        if (budget := _budget()) is not None:
            budget.check_time()
        if precheck is not None:
            with suppress(TypeError):  # wrong arguments: the filter itself says so
                precheck(*args[skip:], **kwargs)
        return _check_size(func(*args, **kwargs))

    return guarded


@pass_context
def _steps(context, iterable: Iterable) -> Iterator:
    """Iterate `iterable`, counting each round against the budget (every `{% for %}`)."""
    budget = _budget()
    if budget is None:
        yield from iterable
        return
    for item in iterable:
        budget.step()
        yield item


@pass_context
def _written(context, value: object) -> object:
    """Count what an output writes (every `{{ }}`, and the text inside loops)."""
    if (budget := _budget()) is not None:
        budget.add_text(len(value) if isinstance(value, str) else len(str(value)))
    return value


@pass_context
def _text(context, value: object) -> object:
    """Check a text joined with `~`."""
    return _check_size(value)


def bounded_range(*args: int) -> range:
    """range(), refusing more than MAX_RANGE numbers."""
    numbers = range(*args)
    try:
        size = len(numbers)
    except OverflowError:
        size = MAX_RANGE + 1
    if size > MAX_RANGE:
        raise LimitExceeded(
            f"range() would give {size:,} numbers (at most {MAX_RANGE:,}); loop over fewer numbers."
        )
    return numbers


def bounded_lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:  # noqa: A002
    """lipsum(), refusing more than 20 paragraphs of more than 200 words."""
    _check_count(n, "the number of paragraphs", 20)
    _check_count(max, "the number of words", 200)
    return generate_lorem_ipsum(n=n, html=html, min=min, max=max)


def _wrap(node: nodes.Expr, name: str) -> nodes.Filter:
    return nodes.Filter(node, name, [], [], None, None, lineno=node.lineno)


_REPEATING = (nodes.For, nodes.Macro, nodes.CallBlock, nodes.AssignBlock, nodes.FilterBlock)
"""Where output may repeat or pile up in a buffer: loops, macros and captured blocks."""


class _Bounder(NodeTransformer):
    """Wraps every loop's iterable in `_steps` and every `~` in `_text`; inside loops,
    macros and captured blocks, every output (literal text too) in `_written`.

    Output elsewhere runs once per render and is made of values already counted.
    """

    def __init__(self):
        self.inside = 0

    def generic_visit(self, node, *args, **kwargs):
        """Visit the children, counting whether they are inside a repeating node."""
        repeating = isinstance(node, _REPEATING)
        self.inside += repeating
        try:
            return super().generic_visit(node, *args, **kwargs)
        finally:
            self.inside -= repeating

    def visit_For(self, node: nodes.For) -> nodes.For:  # noqa: N802 - jinja's visitor names
        node = self.generic_visit(node)
        node.iter = _wrap(node.iter, "_steps")
        return node

    def visit_Output(self, node: nodes.Output) -> nodes.Output:  # noqa: N802
        node = self.generic_visit(node)
        if self.inside:
            node.nodes = [_wrap(child, "_written") for child in node.nodes]
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Filter:  # noqa: N802
        return _wrap(self.generic_visit(node), "_text")


def bound_tree(tree: nodes.Template) -> nodes.Template:
    """Add the counting wrappers to a parsed template (see `_Bounder`)."""
    return _Bounder().visit(tree)


class _BoundedFormatter(SandboxedFormatter):
    """The sandbox's str.format, refusing huge widths and precisions."""

    def format_field(self, value, format_spec):
        """Format one field after checking its (resolved) spec."""
        check_format_spec(format_spec)
        return _check_size(super().format_field(value, format_spec))


class _BoundedEscapeFormatter(_BoundedFormatter, EscapeFormatter):
    """The same, for Markup.format (which escapes its arguments)."""


def _int_bits(value: object) -> int:
    return value.bit_length() if isinstance(value, int) else 0


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox, bounded in time, work and size (see the module docstring)."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.globals["range"] = bounded_range
        self.globals["lipsum"] = bounded_lipsum
        for name, func in list(self.filters.items()):
            self.filters[name] = _guarded(func, _PRECHECKS.get(name))
        self.filters.update(_steps=_steps, _written=_written, _text=_text)

    def _parse(self, source, name, filename):
        """Parse `source`, then add the counting wrappers (see `bound_tree`)."""
        return bound_tree(super()._parse(source, name, filename))

    def call(self, context, obj, /, *args, **kwargs):
        """Call `obj` from a template: counted, depth-limited, its result size checked."""
        budget = _budget()
        if budget is not None:
            budget.step()
            if budget.depth >= MAX_DEPTH:
                raise LimitExceeded(
                    f"macros call each other more than {MAX_DEPTH} deep; "
                    "make sure a macro that calls itself stops."
                )
            budget.depth += 1
        _check_str_method(obj, args, kwargs)
        try:
            result = super().call(context, obj, *args, **kwargs)
        finally:
            if budget is not None:
                budget.depth -= 1
        return _check_size(result)

    def call_binop(self, context, operator_name, left, right):
        """Compute `*`, `**`, `+` or `%`, refusing results too big for a message."""
        if (budget := _budget()) is not None:
            budget.check_time()
        if operator_name == "**":
            if isinstance(right, int | float) and abs(right) > 100:
                raise SecurityError("the exponent is too large (at most 100).")
            if isinstance(right, int) and _int_bits(left) * max(right, 0) > MAX_INT_BITS:
                raise LimitExceeded("the number would be too large; use smaller numbers.")
            return operator.pow(left, right)
        if operator_name == "*":
            for seq, count in ((left, right), (right, left)):
                sized = isinstance(seq, str | list | tuple) and isinstance(count, int)
                if sized and len(seq) * count > MAX_TEXT:
                    raise SecurityError(
                        f"the repeated text is too long (at most {MAX_TEXT:,} characters); "
                        "repeat less."
                    )
            if _int_bits(left) + _int_bits(right) > MAX_INT_BITS:
                raise LimitExceeded("the number would be too large; use smaller numbers.")
            return _check_size(operator.mul(left, right))
        if operator_name == "+":
            sized = isinstance(left, str | list | tuple) and isinstance(right, str | list | tuple)
            if sized and len(left) + len(right) > MAX_TEXT:
                raise _too_long(len(left) + len(right))
            return _check_size(operator.add(left, right))
        if operator_name == "%":
            check_percent_format(left)
            return _check_size(operator.mod(left, right))
        return super().call_binop(context, operator_name, left, right)

    def wrap_str_format(self, value):
        """The sandbox's str.format and format_map, with widths checked (see jinja2)."""
        if not isinstance(
            value, types.MethodType | types.BuiltinMethodType
        ) or value.__name__ not in ("format", "format_map"):
            return None
        owner = value.__self__
        if not isinstance(owner, str):
            return None
        if isinstance(owner, Markup):
            formatter = _BoundedEscapeFormatter(self, escape=owner.escape)
        else:
            formatter = _BoundedFormatter(self)
        is_format_map = value.__name__ == "format_map"

        def wrapper(*args, **kwargs):
            if is_format_map:
                if kwargs or len(args) != 1:
                    raise TypeError("format_map() takes exactly one argument")
                kwargs, args = args[0], ()
            return _check_size(type(owner)(formatter.vformat(owner, args, kwargs)))

        return functools.update_wrapper(wrapper, value)


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
                f"the text message would take {segments} SMS (at most {SMS_MAX_SEGMENTS}); "
                "shorten it."
            )
        return
    if len(text) * 4 <= EMAIL_MAX_BYTES:  # UTF-8 takes at most 4 bytes a character
        return
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > EMAIL_MAX_BYTES:
        raise LimitExceeded(
            f"the message would be {size / 1024:,.0f} KB (at most "
            f"{EMAIL_MAX_BYTES // 1024} KB); write less."
        )


def collect(pieces: Iterable[str]) -> str:
    """Join rendered `pieces`, stopping as soon as they pass EMAIL_MAX_BYTES characters."""
    size, taken = 0, []
    for piece in pieces:
        size += len(piece)
        if size > EMAIL_MAX_BYTES:
            raise LimitExceeded(
                f"the message would be over {EMAIL_MAX_BYTES // 1024} KB; write less "
                "(or loop over fewer items)."
            )
        taken.append(piece)
    return "".join(taken)


__all__ = [
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
    "BoundedSandbox",
    "LimitExceeded",
    "bound_tree",
    "bounded",
    "bounded_lipsum",
    "bounded_range",
    "check_format_spec",
    "check_output",
    "check_percent_format",
    "collect",
]

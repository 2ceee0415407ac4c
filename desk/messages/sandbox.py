"""The one sandbox class of the message templates: jinja2's immutable sandbox, bounded.

`BoundedSandbox` (the class of desk.messages.templating.ENV) adds counting wrappers to
every parsed template (`bound_tree`: each `{% for %}` iterates through `_steps`, output
that repeats is counted by `_written`, each `~` checked by `_text`), checks calls,
operators, str.format and every filter, and bounds range() and lipsum(). The limits and
the budget they count against are desk.messages.bounds.
"""

from __future__ import annotations

import functools
import operator
import types
from collections.abc import Iterable, Iterator

from jinja2 import nodes, pass_context
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment, SandboxedFormatter
from jinja2.visitor import NodeTransformer
from markupsafe import EscapeFormatter, Markup

from desk.i18n.catalog import _
from desk.i18n.formats import format_number
from desk.messages.bounds import (
    MAX_DEPTH,
    MAX_INT_BITS,
    MAX_TEXT,
    LimitExceeded,
    bounded_lipsum,
    bounded_range,
    check_format_spec,
    check_percent_format,
    check_size,
    check_str_method,
    current_budget,
    too_long,
)
from desk.messages.filter_bounds import FILTER_PRECHECKS, guarded_filter


@pass_context
def _steps(context, iterable: Iterable) -> Iterator:
    """Iterate `iterable`, counting each round against the budget (every `{% for %}`)."""
    budget = current_budget()
    if budget is None:
        yield from iterable
        return
    for item in iterable:
        budget.step()
        yield item


@pass_context
def _written(context, value: object) -> object:
    """Count what an output writes (every `{{ }}`, and the text inside loops)."""
    if (budget := current_budget()) is not None:
        budget.add_text(len(value) if isinstance(value, str) else len(str(value)))
    return value


@pass_context
def _text(context, value: object) -> object:
    """Check a text joined with `~`."""
    return check_size(value)


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
        return check_size(super().format_field(value, format_spec))


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
            self.filters[name] = guarded_filter(func, FILTER_PRECHECKS.get(name))
        self.filters.update(_steps=_steps, _written=_written, _text=_text)

    def _parse(self, source, name, filename):
        """Parse `source`, then add the counting wrappers (see `bound_tree`)."""
        return bound_tree(super()._parse(source, name, filename))

    def call(self, context, obj, /, *args, **kwargs):
        """Call `obj` from a template: counted, depth-limited, its result size checked."""
        budget = current_budget()
        if budget is not None:
            budget.step()
            if budget.depth >= MAX_DEPTH:
                raise LimitExceeded(
                    _(
                        "macros call each other more than {limit} deep; "
                        "make sure a macro that calls itself stops."
                    ).format(limit=MAX_DEPTH)
                )
            budget.depth += 1
        check_str_method(obj, args, kwargs)
        try:
            result = super().call(context, obj, *args, **kwargs)
        finally:
            if budget is not None:
                budget.depth -= 1
        return check_size(result)

    def call_binop(self, context, operator_name, left, right):
        """Compute `*`, `**`, `+` or `%`, refusing results too big for a message."""
        if (budget := current_budget()) is not None:
            budget.check_time()
        if operator_name == "**":
            if isinstance(right, int | float) and abs(right) > 100:
                raise SecurityError(_("the exponent is too large (at most 100)."))
            if isinstance(right, int) and _int_bits(left) * max(right, 0) > MAX_INT_BITS:
                raise LimitExceeded(_("the number would be too large; use smaller numbers."))
            return operator.pow(left, right)
        if operator_name == "*":
            for seq, count in ((left, right), (right, left)):
                sized = isinstance(seq, str | list | tuple) and isinstance(count, int)
                if sized and len(seq) * count > MAX_TEXT:
                    raise SecurityError(
                        _(
                            "the repeated text is too long (at most {limit} characters); "
                            "repeat less."
                        ).format(limit=format_number(MAX_TEXT))
                    )
            if _int_bits(left) + _int_bits(right) > MAX_INT_BITS:
                raise LimitExceeded(_("the number would be too large; use smaller numbers."))
            return check_size(operator.mul(left, right))
        if operator_name == "+":
            sized = isinstance(left, str | list | tuple) and isinstance(right, str | list | tuple)
            if sized and len(left) + len(right) > MAX_TEXT:
                raise too_long(len(left) + len(right))
            return check_size(operator.add(left, right))
        if operator_name == "%":
            check_percent_format(left)
            return check_size(operator.mod(left, right))
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
            return check_size(type(owner)(formatter.vformat(owner, args, kwargs)))

        return functools.update_wrapper(wrapper, value)


__all__ = ["BoundedSandbox", "bound_tree"]

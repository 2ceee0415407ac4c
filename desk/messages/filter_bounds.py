"""Checks before a filter runs whose arguments can ask for a huge result ('center',
'indent', 'replace', 'join', 'wordwrap' …), and the wrapper that counts what every
filter makes against the render's budget (desk.messages.bounds)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from contextlib import suppress

from desk.i18n.catalog import N_
from desk.messages.bounds import (
    MAX_RANGE,
    MAX_TEXT,
    MAX_WIDTH,
    check_count,
    check_percent_format,
    check_size,
    current_budget,
    joined_size,
    replaced_size,
    too_long,
)


def _pre_center(value="", width=80):
    check_count(width, N_("the width"))


def _pre_indent(s="", width=4, first=False, blank=False):
    check_count(width, N_("the indent"), MAX_WIDTH)
    lines = str(s).count("\n") + 1
    size = len(str(s)) + lines * (width if isinstance(width, int) else len(str(width)))
    if size > MAX_TEXT:
        raise too_long(size)


def _pre_format(value="", *args, **kwargs):
    check_percent_format(value)


def _pre_replace(s="", old="", new="", count=None):
    size = replaced_size(str(s), old, new, -1 if count is None else count)
    if size > MAX_TEXT:
        raise too_long(size)


def _pre_join(value=(), d="", attribute=None):
    if attribute is None and isinstance(d, str):
        size = joined_size(d, value)
        if size > MAX_TEXT:
            raise too_long(size)


def _pre_batch(value=(), linecount=1, fill_with=None):
    check_count(linecount, N_("the batch size"), MAX_RANGE)


def _pre_slice(value=(), slices=1, fill_with=None):
    check_count(slices, N_("the number of slices"), MAX_RANGE)


def _pre_tojson(value=None, indent=None):
    check_count(indent, N_("the indent"), MAX_WIDTH)


def _pre_wordwrap(s="", width=79, break_long_words=True, wrapstring=None, break_on_hyphens=True):
    if isinstance(wrapstring, str) and isinstance(width, int):
        lines = len(str(s)) // max(width, 1) + str(s).count("\n") + 1
        size = len(str(s)) + lines * len(wrapstring)
        if size > MAX_TEXT:
            raise too_long(size)


FILTER_PRECHECKS: dict[str, Callable[..., None]] = {
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


def guarded_filter(func: Callable, precheck: Callable[..., None] | None) -> Callable:
    """`func` (a filter) counting what it makes, after `precheck` of its arguments."""
    skip = 1 if getattr(func, "jinja_pass_arg", None) is not None else 0

    @functools.wraps(func)
    def guarded(*args, **kwargs):
        if (budget := current_budget()) is not None:
            budget.check_time()
        if precheck is not None:
            with suppress(TypeError):  # wrong arguments: the filter itself says so
                precheck(*args[skip:], **kwargs)
        return check_size(func(*args, **kwargs))

    return guarded


__all__ = ["FILTER_PRECHECKS", "guarded_filter"]

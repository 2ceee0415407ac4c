"""Customer messages: one sandboxed Jinja environment, shop-edited or default templates.

`render_message` is the one function that turns a return into a message's parts; the
editor's preview calls it through `preview_template`, and every message previewed or
queued for a customer through desk.messages.compose, so what staff preview is what the
customer gets.
`check_template` (which desk.messages.template_saving calls before storing) compiles with
the same environment, so a template that saves is one that renders. Where the sources
come from (the shipped defaults, the shop's stored versions) is
`desk.messages.template_store`.
"""

from __future__ import annotations

import difflib
import re
import threading
from dataclasses import dataclass
from types import TracebackType

from jinja2 import BaseLoader, StrictUndefined, Template, meta, nodes
from jinja2.exceptions import SecurityError, TemplateSyntaxError, UndefinedError
from sqlmodel import Session

from desk.codes import Event
from desk.db import Database
from desk.errors import ValidationError
from desk.i18n.catalog import _
from desk.i18n.formats import format_number
from desk.labels import LANGUAGES
from desk.messages.bounds import (
    MAX_SOURCE,
    LimitExceeded,
    bounded,
    check_output,
    collect,
    off_the_clock,
)
from desk.messages.context import (
    check_language,
    context_for,
    normalise_language,
    sample_context,
)
from desk.messages.html_check import check_html_output, check_html_source, stray_braces
from desk.messages.jinja_errors import explain_failure, explain_syntax, explain_undefined
from desk.messages.sandbox import BoundedSandbox
from desk.messages.template_store import (
    PART_LABELS,
    PARTS,
    check_part,
    default_source_by_name,
    parse_event,
    settings_and_templates,
    template_name,
)
from desk.portal.links import message_link
from desk.returns import ReturnDetail, get_detail

_CACHE_MAX = 512
_SPECIAL_NAMES = frozenset({"loop", "self", "super", "varargs", "kwargs", "caller"})


@dataclass(frozen=True)
class TemplateProblem:
    """Something wrong with a template, with the line (and column) it is on when known."""

    line: int | None
    message: str
    column: int | None = None

    def __str__(self) -> str:
        """Return 'line N: message', or the message alone when the line is unknown."""
        if self.line:
            return _("line {line}: {problem}").format(line=self.line, problem=self.message)
        return self.message


class TemplateError(ValidationError):
    """A template that cannot be saved or rendered; `problems` says why.

    Raised while rendering a message, it also names the event and language, and says
    where to change the template.
    """

    def __init__(
        self,
        problems: list[TemplateProblem],
        *,
        part: str = "",
        event: Event | str | None = None,
        language: str = "",
    ):
        self.problems = tuple(problems)
        self.part, self.event, self.language = part, event, language
        label = _(PART_LABELS[part]) if part in PART_LABELS else part
        said = "; ".join(str(p) for p in self.problems)
        if event is None:
            text = (
                _("{part} template: {problems}").format(part=label, problems=said) if part else said
            )
        else:
            text = _(
                "The {part} template of the “{message}” message in {language} cannot be used: "
                "{problems} Change it under Message templates, or reset it to the default."
            ).format(
                part=label,
                message=parse_event(event).label,
                language=LANGUAGES.get(language, language),
                problems=said,
            )
        super().__init__({"template": text})


@dataclass(frozen=True)
class RenderedMessage:
    """One message for one return and event, every part rendered, in one language."""

    event: str
    language: str
    subject: str
    text: str
    html: str
    sms: str


class _ResourceLoader(BaseLoader):
    """Loads the default templates (and base.html) from resources/templates."""

    def get_source(self, environment, template):
        """Return the shipped source of `template`; it never changes while running."""
        return default_source_by_name(template), template, lambda: True


def _autoescape(name: str | None) -> bool:
    return bool(name) and name.endswith(".html")


ENV = BoundedSandbox(
    loader=_ResourceLoader(),
    autoescape=_autoescape,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    auto_reload=False,
    cache_size=_CACHE_MAX,
)
"""The one Jinja environment of Return Desk: sandboxed and bounded (desk.messages.sandbox),
strict, HTML autoescaped."""

_compiled: dict[tuple[str, str], Template] = {}
_compiled_lock = threading.Lock()


def _compile(name: str, source: str) -> Template:
    """Return the compiled template for `source`, from the cache when it was seen before."""
    key = (name, source)
    template = _compiled.get(key)
    if template is None:
        code = ENV.compile(source, name=name, filename=name)
        template = ENV.template_class.from_code(ENV, code, ENV.make_globals(None), None)
        with _compiled_lock:
            if len(_compiled) >= _CACHE_MAX:
                _compiled.pop(next(iter(_compiled)), None)
            _compiled[key] = template
    return template


def forget_compiled(name: str) -> None:
    """Drop the compiled versions of template `name` (after it was saved or reset)."""
    with _compiled_lock:
        for key in [key for key in _compiled if key[0] == name]:
            del _compiled[key]


def _line_in(traceback: TracebackType | None, filename: str) -> int | None:
    line = None
    while traceback is not None:
        if traceback.tb_frame.f_code.co_filename == filename:
            line = traceback.tb_lineno
        traceback = traceback.tb_next
    return line


def _suggest(name: str, known: set[str]) -> str:
    close = difflib.get_close_matches(name, sorted(known), n=1)
    return " " + _("Did you mean “{name}”?").format(name=close[0]) if close else ""


def _problem(error: Exception, name: str) -> TemplateProblem:
    """Describe an error raised while compiling or rendering template `name`."""
    if isinstance(error, TemplateSyntaxError):
        return TemplateProblem(error.lineno, explain_syntax(error.message))
    line = _line_in(error.__traceback__, name)
    text = str(error)
    if isinstance(error, LimitExceeded):
        return TemplateProblem(line, _("Too much for one message: {problem}").format(problem=text))
    if isinstance(error, RecursionError):
        return TemplateProblem(line, _("A macro calls itself without end; make it stop."))
    if isinstance(error, MemoryError):
        return TemplateProblem(line, _("Too much for one message: it needs too much memory."))
    if isinstance(error, SecurityError):
        return TemplateProblem(line, _("Not allowed in a template: {problem}").format(problem=text))
    if isinstance(error, UndefinedError):
        return TemplateProblem(line, explain_undefined(text))
    return TemplateProblem(line, explain_failure(error))


def _fill(name: str, source: str, context: dict) -> str:
    """Render `source` (compiled once) within the current budget, stopping at the size limit."""
    if len(source) > MAX_SOURCE:
        raise LimitExceeded(
            _("the template is over {limit} characters; shorten it.").format(
                limit=format_number(MAX_SOURCE)
            )
        )
    with off_the_clock():
        template = _compile(name, source)
    return collect(template.generate(context))


def _render(
    name: str,
    source: str,
    context: dict,
    part: str,
    *,
    event: Event | str | None = None,
    language: str = "",
) -> str:
    try:
        return _fill(name, source, context)
    except Exception as error:  # noqa: BLE001 - shop-written code may raise anything
        problem = _problem(error, name)
        raise TemplateError([problem], part=part, event=event, language=language) from error


def _undeclared(tree: nodes.Template, known: set[str]) -> list[TemplateProblem]:
    problems = []
    for variable in sorted(meta.find_undeclared_variables(tree) - known - _SPECIAL_NAMES):
        lines = [
            node.lineno
            for node in tree.find_all(nodes.Name)
            if node.name == variable and node.ctx == "load"
        ]
        problems.append(
            TemplateProblem(
                min(lines) if lines else None,
                _("Unknown variable “{name}”.").format(name=variable) + _suggest(variable, known),
            )
        )
    return sorted(problems, key=lambda p: (p.line or 0, p.message))


def check_template(
    source: str, part: str, language: str = "en", *, event: Event | str = Event.REFUNDED
) -> list[TemplateProblem]:
    """Return the problems of a template source: syntax, unknown variables, unsafe code,
    Jinja marks left outside Jinja and, for HTML, what a real HTML parser finds (on the
    source, then on the message filled with sample data)."""
    name = template_name(event, check_language(language), part)
    if len(source) > MAX_SOURCE:
        too_long = _("The template is over {limit} characters; shorten it.").format(
            limit=format_number(MAX_SOURCE)
        )
        return [TemplateProblem(None, too_long)]
    context = sample_context(language, event=event)
    try:  # an unknown filter or test fails as the variables are looked for
        tree = ENV.parse(source, name=name, filename=name)
        problems = _undeclared(tree, set(context) | set(ENV.globals))
    except TemplateSyntaxError as error:
        return [_problem(error, name)]
    if problems:
        return problems
    marks = check_html_source(source) if part == "html" else stray_braces(source)
    if marks:
        return [TemplateProblem(p.line, p.message, p.column) for p in marks]
    try:
        with bounded():
            output = _finish(part, _fill(name, source, context))
            check_output(part, output)
    except Exception as error:  # noqa: BLE001 - shop-written code may raise anything
        return [_problem(error, name)]
    if part == "html":
        return [TemplateProblem(None, p.message) for p in check_html_output(output)]
    return []


def preview_template(
    db: Database,
    return_id: int,
    event: Event | str,
    *,
    language: str | None = None,
    staff: str = "",
    overrides: dict[str, str] | None = None,
) -> RenderedMessage:
    """Render the message `event` sends about return `return_id` with unsaved template
    sources in `overrides` (the editor's live preview; see `render_message`), reading the
    return and the shop's templates in a session of its own.

    Raises NotFound when the return is gone, TemplateError when a template fails.
    """
    with db.session() as session:
        detail = get_detail(session, return_id=return_id)
        return render_message(
            session, detail, event, language=language, staff=staff, overrides=overrides
        )


def _one_line(text: str) -> str:
    return re.sub(r"\s*[\r\n]+\s*", " ", text).strip()


def _plain_spaces(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u202f", " ").strip()


def render_message(
    session: Session,
    detail: ReturnDetail,
    event: Event | str,
    *,
    language: str | None = None,
    staff: str = "",
    overrides: dict[str, str] | None = None,
    reward: dict[str, str] | None = None,
    note: str | None = None,
) -> RenderedMessage:
    """Render every part of the message `event` sends about `detail`, as it will be sent.

    `reward` is the code and text of a reward code, for the thanks message; `note` the
    note of the step (None: the timeline's, see desk.messages.context.context_for).
    desk.messages.compose.compose_message adds the channel and recipient: call it for a
    message that is previewed or queued.

    The language defaults to the customer's; an unknown one falls back to English.
    `overrides` maps a part to unsaved template source (the editor's live preview).
    Raises TemplateError if a template fails.
    """
    event = parse_event(event)
    language = normalise_language(language or detail.customer.preferred_language)
    for part in overrides or {}:
        check_part(part)
    shop, sources = settings_and_templates(session, event, language)
    context = context_for(
        detail,
        shop,
        event=event,
        language=language,
        staff=staff,
        reward=reward,
        note=note,
        portal_link=message_link(session, detail.ret.id),
    )
    sources.update(overrides or {})
    out = {}
    with bounded():  # one budget for the whole message
        for part in PARTS:
            name = f"{language}/{event.value}.{part}"
            source = sources.get(part)
            if source is None:
                source = default_source_by_name(name)
            out[part] = _render(name, source, context, part, event=event, language=language)
            try:
                out[part] = _finish(part, out[part])
                check_output(part, out[part])
            except LimitExceeded as error:
                problem = TemplateProblem(
                    None, _("Too much for one message: {problem}").format(problem=error)
                )
                raise TemplateError([problem], part=part, event=event, language=language) from None
    return RenderedMessage(
        event=event.value,
        language=language,
        subject=out["subject"],
        text=out["text"],
        html=out["html"],
        sms=out["sms"],
    )


def _finish(part: str, text: str) -> str:
    """A rendered part as it is sent: one-line subject, bodies with \\n line ends ending in
    one newline (what a MIME part carries), the SMS with plain spaces."""
    if part == "subject":
        return _one_line(text)
    if part == "sms":
        return _plain_spaces(text)
    return text.replace("\r\n", "\n").replace("\r", "\n").strip() + "\n"

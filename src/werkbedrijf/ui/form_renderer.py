"""The form renderer: Django's own widget templates, with the most rendered ones written in Python.

A select of 30 staff members is 32 template renders (the select, each option, each one's
attributes), and the candidate's page and the caseload have about 60 widgets and 250 options:
rendering them through templates was a fifth of those pages' CPU time. ``PythonWidgets`` writes
the same markup as Django's templates for inputs, selects with their options and text areas
(``ui/tests/test_form_renderer.py`` holds them equal to the templates); every other widget, and
any widget with a template of its own, is rendered by its template as before.
"""

from __future__ import annotations

from django.forms.renderers import DjangoTemplates
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData

WIDGETS = "django/forms/widgets/"
# Widgets whose template is only an include of input.html.
INPUT_TEMPLATES = {
    f"{WIDGETS}{name}.html"
    for name in (
        "input",
        "text",
        "number",
        "email",
        "url",
        "password",
        "hidden",
        "date",
        "datetime",
        "time",
        "search",
        "tel",
        "color",
        "checkbox",
        "file",
    )
}
SELECT = f"{WIDGETS}select.html"
SELECT_OPTION = f"{WIDGETS}select_option.html"
TEXTAREA = f"{WIDGETS}textarea.html"


def _text(value) -> str:
    """``{{ value }}``: localized, as text, escaped unless marked safe."""
    return conditional_escape(str(localize(value)))


def _formatted(value) -> str:
    """``{{ value|stringformat:'s' }}`` (a filter that keeps what was marked safe)."""
    text = "%s" % (value,)  # noqa: UP031 (the filter's own formatting)
    return text if isinstance(value, SafeData) else conditional_escape(text)


def attrs_html(attrs: dict) -> str:
    """django/forms/widgets/attrs.html."""
    out = []
    for name, value in attrs.items():
        if value is False:
            continue
        out.append(f" {_text(name)}")
        if value is not True:
            out.append(f'="{_formatted(value)}"')
    return "".join(out)


def input_html(widget: dict) -> str:
    value = ""
    if widget["value"] is not None:
        value = f' value="{_formatted(widget["value"])}"'
    return (
        f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"{value}'
        f"{attrs_html(widget['attrs'])}>"
    )


def option_html(option: dict) -> str:
    return (
        f'<option value="{_formatted(option["value"])}"{attrs_html(option["attrs"])}>'
        f"{_text(option['label'])}</option>\n"
    )


def select_html(widget: dict) -> str | None:
    """django/forms/widgets/select.html, or None when an option has a template of its own."""
    out = [f'<select name="{_text(widget["name"])}"{attrs_html(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            out.append(f'\n  <optgroup label="{_text(group_name)}">')
        for option in group_choices:
            if option["template_name"] != SELECT_OPTION:
                return None
            out.append(f"\n  {option_html(option)}")
        if group_name:
            out.append("\n  </optgroup>")
    out.append("\n</select>")
    return "".join(out)


def textarea_html(widget: dict) -> str:
    value = _text(widget["value"]) if widget["value"] else ""
    return f'<textarea name="{_text(widget["name"])}"{attrs_html(widget["attrs"])}>\n{value}</textarea>'


class PythonWidgets(DjangoTemplates):
    """Django's template renderer, with inputs, selects and text areas written in Python."""

    def render(self, template_name, context, request=None):
        widget = context.get("widget") if isinstance(context, dict) else None
        html = None
        if widget is not None and widget.get("template_name") == template_name:
            if template_name in INPUT_TEMPLATES:
                html = input_html(widget)
            elif template_name == SELECT:
                html = select_html(widget)
            elif template_name == TEXTAREA:
                html = textarea_html(widget)
        if html is None:
            return super().render(template_name, context, request=request)
        # The renderer strips what the templates leave around the markup; so does this.
        return html.strip()

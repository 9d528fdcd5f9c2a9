"""Template filters of the screens: amounts, quantities, statuses and accessible form fields."""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from werkbedrijf.ui import formatting

register = template.Library()


@register.filter
def euro(value):
    """{{ 1500000|euro }} -> € 1.500.000"""
    return formatting.euro(value)


@register.filter
def amount(value, price_unit="eur"):
    """{{ value|amount:report.price_unit }}: euros, or points for a card priced in points."""
    return formatting.amount(value, price_unit or "eur")


@register.filter
def quantity(value):
    return formatting.quantity(value)


@register.filter
def effective_status(code):
    return formatting.effective_status_label(code)


@register.filter
def status_tone(code):
    return formatting.EFFECTIVE_STATUS_TONES.get(code, "neutral")


@register.filter
def severity_label(severity):
    return str(formatting.SEVERITY_LABELS.get(severity, severity))


@register.filter
def severity_tone(severity):
    return formatting.SEVERITY_TONES.get(severity, "neutral")


@register.simple_tag(name="widget")
def widget_html(field, css_class="", **attrs):
    """Render a bound field's widget with the NL Design System class and accessible attributes:
    aria-describedby pointing at its help text and errors, aria-invalid when it has errors."""
    described = []
    if field.help_text:
        described.append(f"{field.id_for_label}-help")
    if field.errors:
        described.append(f"{field.id_for_label}-error")
    extra = {key.replace("_", "-"): value for key, value in attrs.items()}
    if described:
        extra["aria-describedby"] = " ".join(described)
    if field.errors:
        extra["aria-invalid"] = "true"
    classes = [field.field.widget.attrs.get("class", ""), css_class or _default_class(field)]
    if field.errors:
        if "utrecht-textbox" in classes[1]:
            classes.append("utrecht-textbox--invalid")
        elif "utrecht-textarea" in classes[1]:
            classes.append("utrecht-textarea--invalid")
    extra["class"] = " ".join(c for c in classes if c)
    return field.as_widget(attrs=extra)


@register.simple_tag
def form_field(field):
    """A bound field as the NL Design System form field: label (with "(optional)" unless the
    field is required or ``needed``), help text, errors and the widget (``widget``). The markup of
    ``includes/field.html``, written here because a form's fields are the most rendered thing on
    the busiest screens (the candidate's page has about 55): as a template include each cost
    several times the widget itself."""
    errors = field.errors
    widget = field.field.widget
    classes = "utrecht-form-field"
    if errors:
        classes += " utrecht-form-field--invalid"
    if getattr(widget, "input_type", None) == "checkbox":
        classes += " utrecht-form-field--checkbox"
    id_for_label = conditional_escape(field.id_for_label)
    optional = ""
    if not field.field.required and not getattr(field.field, "needed", False):
        optional = f' <span class="app-optional">({conditional_escape(gettext("optional"))})</span>'
    help_text = ""
    if field.help_text:
        help_text = (
            f'<div class="utrecht-form-field-description" id="{id_for_label}-help">'
            f"{conditional_escape(field.help_text)}</div>"
        )
    error_list = ""
    if errors:
        messages = "".join(f"<p>{conditional_escape(e)}</p>" for e in errors)
        error_list = (
            f'<div class="utrecht-form-field-error-message" id="{id_for_label}-error">'
            f"{messages}</div>"
        )
    return mark_safe(  # noqa: S308 (every value above is escaped)
        f'<div class="{classes}">\n'
        f'  <div class="utrecht-form-field__label"><label class="utrecht-form-label" '
        f'for="{id_for_label}">{conditional_escape(field.label)}{optional}</label></div>\n'
        f"  {help_text}\n"
        f"  {error_list}\n"
        f'  <div class="utrecht-form-field__input">{widget_html(field)}</div>\n'
        "</div>\n"
    )


def _default_class(field) -> str:
    input_type = getattr(field.field.widget, "input_type", None)
    name = field.field.widget.__class__.__name__
    if name == "Textarea":
        # Not the --html-textarea modifier: it styles :invalid, which an empty required field
        # is before anyone typed; errors come from the server as --invalid.
        return "utrecht-textarea"
    if name in {"Select", "SelectMultiple"}:
        return "utrecht-select utrecht-select--html-select"
    if input_type in {"checkbox", "radio", "file", "hidden"}:
        return ""
    return "utrecht-textbox utrecht-textbox--html-input"

"""The access-request form: one BSN, by POST only, never echoed back into the page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from werkbedrijf.utils.bsn import bsn_digits


class NoEchoTextInput(forms.TextInput):
    """A text input that never puts the submitted value back into the page, so a BSN typed in is
    not in the answer (nor in a cached copy of it)."""

    def format_value(self, value):
        return None


class AccessRequestForm(forms.Form):
    bsn = forms.CharField(
        label=_("BSN of the data subject"),
        help_text=_("9 digits. Spaces and dots are ignored."),
        max_length=20,
        widget=NoEchoTextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def clean_bsn(self):
        return bsn_digits(self.cleaned_data["bsn"])

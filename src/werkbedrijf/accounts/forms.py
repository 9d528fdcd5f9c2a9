from django import forms
from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _


class LoginForm(forms.Form):
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, request, *args, **kwargs):
        self.request = request
        self.user = None
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        user = authenticate(self.request, username=data["username"], password=data["password"])
        if user is None or not user.is_active:
            raise forms.ValidationError(
                _(
                    "The username or password is incorrect. After several failed attempts the "
                    "account is locked for a while."
                ),
                code="invalid_login",
            )
        self.user = user
        return data


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code from your authenticator app or a backup code"),
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_token(self):
        return self.cleaned_data["token"].strip().replace(" ", "")


class SingleSignOnForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address at your organisation"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from lodestar.people.forms import TimeZoneChoiceField
from lodestar.people.services import profile_create


class SignupForm(forms.Form):
    """Extra fields on allauth's sign-up form; allauth calls signup() once the user exists."""

    display_name = forms.CharField(
        label=_("Your name"), max_length=80, help_text=_("How other people will see you.")
    )
    time_zone = TimeZoneChoiceField(
        initial="UTC",
        help_text=_("We picked your browser's zone; change it if it is wrong."),
        widget=forms.Select(attrs={"data-browser-time-zone": "true"}),
    )

    field_order = ["display_name", "email", "password1", "password2", "time_zone"]

    def clean_display_name(self) -> str:
        name = self.cleaned_data["display_name"].strip()
        if not name:
            raise forms.ValidationError(_("Tell people what to call you."))
        return name

    def signup(self, request, user) -> None:
        profile_create(
            user=user,
            display_name=self.cleaned_data["display_name"],
            time_zone=self.cleaned_data["time_zone"],
        )


class AccountDeleteForm(forms.Form):
    """Closing an account cannot be undone: the person proves it is them with their password."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label=_("I understand that my account and my private content will be erased for good."),
    )

    def __init__(self, *args, request, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.request = request

    def clean_password(self) -> str:
        from allauth.core import ratelimit

        password = self.cleaned_data["password"]
        user = self.request.user
        if not ratelimit.consume(self.request, action="reauthenticate", user=user):
            raise forms.ValidationError(_("Too many attempts. Wait a minute and try again."))
        if not user.check_password(password):
            raise forms.ValidationError(_("That is not your password."))
        return password

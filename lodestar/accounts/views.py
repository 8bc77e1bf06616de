"""Your data: download all of it, or close your account."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import services
from .forms import AccountDeleteForm


@require_GET
def data(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/data.html", {"form": AccountDeleteForm(request=request)})


@require_POST
def data_export(request: HttpRequest) -> HttpResponse:
    body = services.account_export(user=request.user, request=request)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    filename = f"lodestar-my-data-{timezone.now():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET", "POST"])
def account_delete(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return redirect("accounts:data")
    form = AccountDeleteForm(request.POST, request=request)
    if not form.is_valid():
        return render(request, "accounts/data.html", {"form": form})
    services.account_delete(user=request.user, request=request)
    logout(request)
    messages.success(request, _("Your account is closed and your private content erased. Goodbye."))
    return redirect("landing")

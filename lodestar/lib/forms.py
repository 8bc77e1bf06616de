from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    """Every form field renders through one template: label, input, help and errors together."""

    field_template_name = "forms/field.html"


def copy_errors(form, exc, aliases: dict[str, str] | None = None) -> None:
    """Put a service's refusal (a ValidationError) beside the fields it names; a refusal of the
    whole action, or one naming a field the form does not have, goes above the form.
    ``aliases`` maps a service's field name to the form field that shows it."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    for name, errors in exc.message_dict.items():
        name = (aliases or {}).get(name, name)
        form.add_error(name if name in form.fields else None, errors)

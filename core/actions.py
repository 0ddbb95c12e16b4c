"""The one view pattern for writes: validate the form, call a service, show its refusal.

No view saves a ModelForm itself. A view names the service call in `perform(form)`;
a refusal (`ValidationError`) becomes form errors — on the field it names, else on
the form — and `PermissionDenied` a 403. POST-only actions without a form use
`ServiceActionView`, whose refusal becomes an error message on the page it returns to.
Corrections of final records share `CorrectionView`.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import modelform_factory
from django.http import HttpResponseRedirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, View


def add_refusal(form, error):
    """Put a service's ValidationError on the form: on its field where it names one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class ServiceFormMixin:
    """form_valid() calls `perform(form)`; a refusal re-renders the form with its reason."""

    success_message = ""

    def perform(self, form):
        """Call the service with the form's cleaned data; return what it returns."""
        raise NotImplementedError

    def get_success_message(self, result):
        return self.success_message

    def form_valid(self, form):
        try:
            self.result = self.perform(form)
        except ValidationError as error:
            add_refusal(form, error)
            return self.form_invalid(form)
        message = self.get_success_message(self.result)
        if message:
            messages.success(self.request, message)
        return HttpResponseRedirect(self.get_success_url())

    def get_success_url(self):
        result = getattr(self, "result", None)
        if hasattr(result, "get_absolute_url"):
            return result.get_absolute_url()
        return super().get_success_url()


class ServiceActionMixin:
    """post() calls `perform()`; a refusal becomes an error message, success a message."""

    success_message = ""

    def perform(self):
        raise NotImplementedError

    def get_success_url(self):
        raise NotImplementedError

    def get_success_message(self, result):
        return self.success_message

    def post(self, request, *args, **kwargs):
        try:
            self.result = self.perform()
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            message = self.get_success_message(self.result)
            if message:
                messages.success(request, message)
        return HttpResponseRedirect(self.get_success_url())


class ServiceActionView(ServiceActionMixin, View):
    """A POST-only action: `perform()` calls the service; refusals become an error message."""

    http_method_names = ["post"]


class CorrectionForm(forms.Form):
    reason = forms.CharField(
        label=_("Grund der Berichtigung"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wird mit der Berichtigung veröffentlicht, wo der Eintrag zu sehen ist."),
    )


class CorrectionView(ServiceFormMixin, FormView):
    """Correct fields of a final record with a reason (a Berichtigung).

    Subclasses set `correction_fields` and `get_record()`; `policy` defaults to
    coordinators correcting final records. The original stays visible beside the
    correction (templates/includes/_corrections.html).
    """

    template_name = "netzwerk/correction_form.html"
    correction_fields = ()
    policy = None

    def get_record(self):
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        self.record = self.get_record()
        return super().dispatch(request, *args, **kwargs)

    def get_form_class(self):
        fields_form = modelform_factory(type(self.record), fields=list(self.correction_fields))
        return type("RecordCorrectionForm", (fields_form, CorrectionForm), {})

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = type(self.record)._base_manager.get(pk=self.record.pk)
        if getattr(type(self.record), "CORRECTIONS_BESIDE_RECORD", False):
            # The row keeps what was signed; the form starts from what is read now.
            from core.services import corrected_values

            kwargs["initial"] = {
                **corrected_values(kwargs["instance"], self.correction_fields),
                **kwargs.get("initial", {}),
            }
        return kwargs

    def get_context_data(self, **kwargs):
        from core.models import Correction

        return super().get_context_data(
            record=self.record,
            corrections=Correction.objects.of(self.record),
            cancel_url=self.record.get_absolute_url(),
            **kwargs,
        )

    def perform(self, form):
        from core.services import record_correction

        changes = {name: form.cleaned_data[name] for name in self.correction_fields}
        policy = type(self).policy
        return record_correction(
            record=self.record,
            changes=changes,
            reason=form.cleaned_data["reason"],
            by=self.request.user,
            policy=policy,
        )

    def get_success_message(self, result):
        return _("Die Berichtigung ist gespeichert; die ursprüngliche Fassung bleibt sichtbar.")

    def get_success_url(self):
        return self.record.get_absolute_url()

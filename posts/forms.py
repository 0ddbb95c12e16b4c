from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from core.uploads import clean_image
from posts.bounds import BODY_MAX_LENGTH, REASON_MAX_LENGTH, BoundedDateTimeField
from posts.models import Post

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format=DATETIME_FORMAT, **kwargs)


class PostForm(forms.ModelForm):
    organisation = forms.ModelChoiceField(
        queryset=None,
        label=_("Organisation"),
        error_messages={
            "invalid_choice": _(
                "Sie können nur für Ihre eigene Organisation Beiträge schreiben. Bitte wählen "
                "Sie eine Ihrer Organisationen."
            ),
            "required": _("Bitte wählen Sie die Organisation, für die Sie schreiben."),
        },
    )
    starts_at = BoundedDateTimeField(label=_("Beginn"), required=False, widget=DateTimeInput())
    ends_at = BoundedDateTimeField(label=_("Ende"), required=False, widget=DateTimeInput())
    body = forms.CharField(
        label=_("Text"),
        required=False,
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=Post._meta.get_field("body").help_text,
    )

    class Meta:
        model = Post
        fields = [
            "organisation",
            "kind",
            "title",
            "teaser",
            "body",
            "starts_at",
            "ends_at",
            "place",
            "image",
            "image_alt",
            "carries_seal",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "teaser": forms.Textarea(attrs={"rows": 2}),
            "image": forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
        }

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        for name in ["starts_at", "ends_at"]:
            self.fields[name].input_formats = [DATETIME_FORMAT, "%Y-%m-%d %H:%M"]
            self.fields[name].help_text = _("Nur bei Veranstaltungen.")
        self.fields["place"].help_text = _("Nur bei Veranstaltungen: Adresse oder Raum.")
        if self.instance.pk:
            # A post stays with its organisation.
            del self.fields["organisation"]
        elif organisations.count() == 1:
            self.fields["organisation"].initial = organisations.first()
            self.fields["organisation"].widget = forms.HiddenInput()

    def clean_image(self):
        image = self.cleaned_data.get("image")
        if isinstance(image, UploadedFile):
            return clean_image(image)
        return image

    def clean(self):
        data = super().clean()
        field = self.fields.get("organisation")
        if field is not None and field.widget.is_hidden and "organisation" in self.errors:
            # A hidden field's error is shown nowhere: say it above the form instead.
            for message in self.errors.pop("organisation"):
                self.add_error(None, message)
        if (
            data.get("kind") == Post.Kind.EVENT
            and not data.get("starts_at")
            and "starts_at" not in self.errors
        ):
            self.add_error("starts_at", _("Eine Veranstaltung braucht einen Beginn."))
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends < starts:
            self.add_error("ends_at", _("Das Ende darf nicht vor dem Beginn liegen."))
        if data.get("image") and not data.get("image_alt"):
            self.add_error(
                "image_alt", _("Bitte beschreiben Sie kurz, was auf dem Bild zu sehen ist.")
            )
        return data


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Grund der Ablehnung"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Die Verfasserin oder der Verfasser erhält diesen Text per E-Mail."),
    )

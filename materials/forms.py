from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from core.uploads import clean_document
from materials.bounds import TEXT_MAX_LENGTH
from materials.models import Document, SealFile, SealTerms


class CheckedFileMixin:
    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            return clean_document(upload)
        return upload


class SealFileForm(CheckedFileMixin, forms.ModelForm):
    position = forms.IntegerField(label=_("Reihenfolge"), min_value=0, max_value=1000, initial=0)

    class Meta:
        model = SealFile
        fields = ["title", "description", "file", "position"]


def _limit_text(field):
    field.max_length = TEXT_MAX_LENGTH
    field.validators.append(MaxLengthValidator(TEXT_MAX_LENGTH))


class SealTermsForm(forms.ModelForm):
    """Dates between 2000 and 2100 (SealTerms.clean), a text of bounded length."""

    number = forms.IntegerField(label=_("Version"), min_value=1, max_value=10_000)

    class Meta:
        model = SealTerms
        fields = ["number", "text", "valid_from"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "text" in self.fields:
            _limit_text(self.fields["text"])


class DocumentForm(CheckedFileMixin, forms.ModelForm):
    class Meta:
        model = Document
        fields = ["title", "description", "audience", "file", "version", "issued_on"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "description" in self.fields:
            _limit_text(self.fields["description"])


class AcceptTermsForm(forms.Form):
    organisation = forms.ModelChoiceField(queryset=None, label=_("Organisation"))
    confirm = forms.BooleanField(
        label=_(
            "Ich habe die Nutzungsbedingungen gelesen und nehme sie für meine Organisation an."
        ),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        if organisations.count() == 1:
            self.fields["organisation"].initial = organisations.first()
            self.fields["organisation"].widget = forms.HiddenInput()

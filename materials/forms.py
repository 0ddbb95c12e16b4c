from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from materials.models import Document, SealFile
from netzwerk.uploads import clean_document


class CheckedFileMixin:
    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            return clean_document(upload)
        return upload


class SealFileForm(CheckedFileMixin, forms.ModelForm):
    class Meta:
        model = SealFile
        fields = ["title", "description", "file", "position"]


class DocumentForm(CheckedFileMixin, forms.ModelForm):
    class Meta:
        model = Document
        fields = ["title", "description", "audience", "file", "version", "issued_on"]


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

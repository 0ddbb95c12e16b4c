"""The coordinators' CSV exports of partners and declarations."""

import csv
import io

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views import View

from core.roles import CoordinatorRequiredMixin
from partners.models import Declaration, Organisation


def _csv_cell(value):
    # Spreadsheets run cells starting with these characters as formulas.
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _csv_response(filename, header, rows):
    buffer = io.StringIO()
    buffer.write("\ufeff")  # the BOM makes Excel read UTF-8
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_csv_cell(value) for value in row])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class PartnerExportView(CoordinatorRequiredMixin, View):
    def get(self, request):
        organisations = (
            Organisation.objects.exclude(status=Organisation.Status.REJECTED)
            .select_related("recruited_by")
            .prefetch_related("fields", "contacts")
            .order_by("name")
        )
        header = [
            _("Organisation"),
            _("Status"),
            _("Stadtbezirk"),
            _("Anschrift"),
            _("Website"),
            _("E-Mail"),
            _("Telefon"),
            _("Engagementfelder"),
            _("Partner seit"),
            _("ausgetreten am"),
            _("geworben von"),
            _("Ansprechperson"),
            _("Funktion"),
            _("E-Mail der Ansprechperson"),
            _("Telefon der Ansprechperson"),
            _("vertretungsberechtigt"),
        ]

        def rows():
            for organisation in organisations:
                base = [
                    organisation.name,
                    organisation.get_status_display(),
                    organisation.get_district_display(),
                    f"{organisation.street}, {organisation.postal_code} {organisation.city}",
                    organisation.website,
                    organisation.email,
                    organisation.phone,
                    ", ".join(f.name for f in organisation.fields.all()),
                    organisation.joined_on or "",
                    organisation.left_on or "",
                    organisation.recruited_by or "",
                ]
                contacts = list(organisation.contacts.all()) or [None]
                for contact in contacts:
                    if contact is None:
                        yield [*base, "", "", "", "", ""]
                    else:
                        yield [
                            *base,
                            contact.name,
                            contact.function,
                            contact.email,
                            contact.phone,
                            _("ja") if contact.is_representative else _("nein"),
                        ]

        stamp = timezone.localdate().isoformat()
        return _csv_response(f"partner-{stamp}.csv", header, rows())


class DeclarationExportView(CoordinatorRequiredMixin, View):
    def get(self, request):
        declarations = Declaration.objects.select_related(
            "organisation", "agreement_version"
        ).order_by("organisation__name", "agreement_version__number")
        header = [
            _("Organisation"),
            _("Fassung"),
            _("unterzeichnet am"),
            _("Vor- und Nachname"),
            _("Funktion"),
            pgettext("place of signing", "Ort"),
            _("SHA-256"),
        ]
        rows = (
            [
                d.organisation.name,
                d.agreement_version.number,
                timezone.localtime(d.signed_at).strftime("%d.%m.%Y %H:%M"),
                d.signer_name,
                d.signer_function,
                d.place,
                d.sha256,
            ]
            for d in declarations
        )
        stamp = timezone.localdate().isoformat()
        return _csv_response(f"erklaerungen-{stamp}.csv", header, rows)

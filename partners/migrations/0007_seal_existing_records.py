"""Seal the agreement versions and declarations that exist before the seal.

This migration *trusts the data as it is when it runs*: whatever the rows say at that
moment is sealed with the current DECLARATION_SEAL_KEY (the signing account's e-mail
is taken from the account as it is now). A row altered before this migration is not
detected afterwards; compare the plain SHA-256 hashes (or a backup) first if in
doubt (docs/security-seal.md).
"""

import hashlib

from django.db import migrations


def seal_existing(apps, schema_editor):
    from partners import seal as sealing

    AgreementVersion = apps.get_model("partners", "AgreementVersion")
    Declaration = apps.get_model("partners", "Declaration")
    for version in AgreementVersion.objects.all():
        payload = sealing.version_payload(
            number=version.number,
            title=version.title,
            text=version.text,
            valid_from=version.valid_from,
        )
        key_id, mac = sealing.seal(payload)
        AgreementVersion.objects.filter(pk=version.pk).update(
            sha256=hashlib.sha256(version.text.encode("utf-8")).hexdigest(),
            seal_key_id=key_id,
            seal=mac,
        )
    for declaration in Declaration.objects.select_related("agreement_version"):
        email = declaration.signer_email
        if declaration.signer_id and not email:
            account = Declaration._meta.get_field("signer").related_model.objects.filter(
                pk=declaration.signer_id
            )
            email = account.values_list("email", flat=True).first() or ""
        payload = sealing.declaration_payload(
            version=declaration.agreement_version,
            organisation_id=declaration.organisation_id,
            organisation_data=declaration.organisation_data,
            name=declaration.signer_name,
            function=declaration.signer_function,
            place=declaration.place,
            signed_at=declaration.signed_at,
            account_id=declaration.signer_id,
            account_email=email,
        )
        key_id, mac = sealing.seal(payload)
        Declaration.objects.filter(pk=declaration.pk).update(
            signer_email=email, seal_key_id=key_id, seal=mac
        )


class Migration(migrations.Migration):
    dependencies = [("partners", "0006_seal_fields")]

    operations = [migrations.RunPython(seal_existing, migrations.RunPython.noop)]

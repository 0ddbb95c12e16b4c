"""Materials: the seal page is public, files and documents only for their audience."""

from materials import services
from materials.models import Document
from tests.materials.factories import DocumentFactory, SealFileFactory, SealTermsFactory
from tests.matrix import COORDINATORS, PARTNERS, PUBLIC, REPRESENTATIVES, Row, expect

# partner_org has accepted the terms; the speaker's coordinating organisation has not.
SEAL_FILES = expect(302, 403, 200, 200, 403, 200)

ADMIN_REFUSED = {
    "admin:materials_sealacceptance_add",
    "admin:materials_sealacceptance_delete",
    "admin:materials_download_add",
    "admin:materials_download_delete",
    "admin:materials_sealterms_delete",
}


def _document(audience):
    return lambda world: {"pk": world.documents[audience].pk}


ROWS = [
    Row("materials:list", PARTNERS),
    Row("materials:seal", PUBLIC),
    Row("materials:accept_terms", REPRESENTATIVES),
    Row("materials:terms_correct", COORDINATORS, kwargs=lambda w: {"pk": w.terms.pk}),
    Row("materials:acceptance_correct", COORDINATORS, kwargs=lambda w: {"pk": w.acceptance.pk}),
    Row("materials:seal_download", SEAL_FILES, kwargs=lambda w: {"pk": w.seal_file.pk}),
    Row("materials:document_download", PUBLIC, kwargs=_document(Document.Audience.PUBLIC)),
    Row(
        "materials:document_download",
        expect(302, 404, 200, 200, 200, 200),
        kwargs=_document(Document.Audience.PARTNERS),
    ),
    Row(
        "materials:document_download",
        expect(302, 404, 404, 404, 200, 200),
        kwargs=_document(Document.Audience.SPEAKER_GROUP),
    ),
    Row(
        "materials:document_download",
        expect(302, 404, 404, 404, 404, 200),
        kwargs=_document(Document.Audience.COORDINATORS),
    ),
    Row(
        "materials:document_download",
        expect(302, 404, 404, 404, 404, 404),
        kwargs={"pk": 999999},
        note="a guessed id: anonymous visitors log in first, learn nothing",
    ),
]


def build(world):
    world.terms = SealTermsFactory()
    world.seal_file = SealFileFactory()
    world.acceptance = services.accept_seal_terms(
        organisation=world.partner_org, terms=world.terms, by=world.users["representative"]
    )
    world.documents = {
        audience: DocumentFactory(audience=audience, title=f"Dokument {audience}")
        for audience in Document.Audience.values
    }
    services.log_download(
        by=world.users["partner_contact"],
        seal_file=world.seal_file,
        organisation=world.partner_org,
    )

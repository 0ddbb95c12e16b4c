"""The partners app's pages, one module per part of the site; every view importable from here."""

from partners.views.coordination import (
    AgreementPublishView,
    AgreementVersionCorrectView,
    ApplicationApproveView,
    ApplicationDetailView,
    ApplicationRejectView,
    DeclarationCorrectView,
    ExitConfirmView,
    ResignListView,
)
from partners.views.directory import (
    OrganisationDetailView,
    OrganisationListView,
    OrganisationLogoView,
    SponsorLogoView,
)
from partners.views.exports import DeclarationExportView, PartnerExportView
from partners.views.joining import JoinDoneView, JoinOrganisationView, JoinSignView, JoinView
from partners.views.membership import (
    DeclarationPdfView,
    ExitDeclareView,
    ExitWithdrawView,
    SignAgreementView,
)
from partners.views.my_network import (
    ContactConsentView,
    ContactInviteView,
    ContactRemoveView,
    MyNetworkView,
    OrganisationUpdateView,
    OwnOrganisationMixin,
)

__all__ = [
    "AgreementPublishView",
    "AgreementVersionCorrectView",
    "ApplicationApproveView",
    "ApplicationDetailView",
    "ApplicationRejectView",
    "ContactConsentView",
    "ContactInviteView",
    "ContactRemoveView",
    "DeclarationCorrectView",
    "DeclarationExportView",
    "DeclarationPdfView",
    "ExitConfirmView",
    "ExitDeclareView",
    "ExitWithdrawView",
    "JoinDoneView",
    "JoinOrganisationView",
    "JoinSignView",
    "JoinView",
    "MyNetworkView",
    "OrganisationDetailView",
    "OrganisationListView",
    "OrganisationLogoView",
    "OrganisationUpdateView",
    "OwnOrganisationMixin",
    "PartnerExportView",
    "ResignListView",
    "SignAgreementView",
    "SponsorLogoView",
]

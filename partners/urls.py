from django.urls import path

from partners.views import coordination, directory, exports, joining, membership, my_network

app_name = "partners"

urlpatterns = [
    path("partner/", directory.OrganisationListView.as_view(), name="list"),
    path("partner/<slug:slug>/", directory.OrganisationDetailView.as_view(), name="detail"),
    path("partner/<slug:slug>/logo/", directory.OrganisationLogoView.as_view(), name="logo"),
    path("foerderer/<int:pk>/logo/", directory.SponsorLogoView.as_view(), name="sponsor_logo"),
    path("mitmachen/", joining.JoinView.as_view(), name="join"),
    path(
        "mitmachen/organisation/",
        joining.JoinOrganisationView.as_view(),
        name="join_organisation",
    ),
    path("mitmachen/erklaerung/", joining.JoinSignView.as_view(), name="join_sign"),
    path("mitmachen/bestaetigung/", joining.JoinDoneView.as_view(), name="join_done"),
    path("mein-netzwerk/", my_network.MyNetworkView.as_view(), name="my_network"),
    path(
        "mein-netzwerk/erklaerungen/<int:pk>/pdf/",
        membership.DeclarationPdfView.as_view(),
        name="declaration_pdf",
    ),
    path(
        "mein-netzwerk/einwilligung/<int:pk>/",
        my_network.ContactConsentView.as_view(),
        name="contact_consent",
    ),
    path(
        "mein-netzwerk/<slug:slug>/profil/",
        my_network.OrganisationUpdateView.as_view(),
        name="profile_edit",
    ),
    path(
        "mein-netzwerk/<slug:slug>/ansprechpersonen/neu/",
        my_network.ContactInviteView.as_view(),
        name="contact_invite",
    ),
    path(
        "mein-netzwerk/<slug:slug>/ansprechpersonen/<int:pk>/entfernen/",
        my_network.ContactRemoveView.as_view(),
        name="contact_remove",
    ),
    path(
        "mein-netzwerk/<slug:slug>/unterzeichnen/",
        membership.SignAgreementView.as_view(),
        name="sign",
    ),
    path("mein-netzwerk/<slug:slug>/austritt/", membership.ExitDeclareView.as_view(), name="exit"),
    path(
        "mein-netzwerk/<slug:slug>/austritt/zuruecknehmen/",
        membership.ExitWithdrawView.as_view(),
        name="exit_withdraw",
    ),
    path(
        "koordination/bewerbungen/<slug:slug>/",
        coordination.ApplicationDetailView.as_view(),
        name="application",
    ),
    path(
        "koordination/bewerbungen/<slug:slug>/aufnehmen/",
        coordination.ApplicationApproveView.as_view(),
        name="approve",
    ),
    path(
        "koordination/bewerbungen/<slug:slug>/ablehnen/",
        coordination.ApplicationRejectView.as_view(),
        name="reject",
    ),
    path(
        "koordination/vereinbarung/neu/",
        coordination.AgreementPublishView.as_view(),
        name="agreement_publish",
    ),
    path(
        "koordination/vereinbarung/nachunterzeichnung/",
        coordination.ResignListView.as_view(),
        name="resign_list",
    ),
    path(
        "koordination/erklaerungen/<int:pk>/berichtigen/",
        coordination.DeclarationCorrectView.as_view(),
        name="declaration_correct",
    ),
    path(
        "koordination/vereinbarung/<int:number>/berichtigen/",
        coordination.AgreementVersionCorrectView.as_view(),
        name="agreement_correct",
    ),
    path(
        "koordination/austritte/<slug:slug>/",
        coordination.ExitConfirmView.as_view(),
        name="exit_confirm",
    ),
    path(
        "koordination/export/partner.csv",
        exports.PartnerExportView.as_view(),
        name="export_partners",
    ),
    path(
        "koordination/export/erklaerungen.csv",
        exports.DeclarationExportView.as_view(),
        name="export_declarations",
    ),
]

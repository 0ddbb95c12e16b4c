from django.urls import path

from partners import views

app_name = "partners"

urlpatterns = [
    path("partner/", views.OrganisationListView.as_view(), name="list"),
    path("partner/<slug:slug>/", views.OrganisationDetailView.as_view(), name="detail"),
    path("partner/<slug:slug>/logo/", views.OrganisationLogoView.as_view(), name="logo"),
    path("foerderer/<int:pk>/logo/", views.SponsorLogoView.as_view(), name="sponsor_logo"),
    path("mitmachen/", views.JoinView.as_view(), name="join"),
    path(
        "mitmachen/organisation/",
        views.JoinOrganisationView.as_view(),
        name="join_organisation",
    ),
    path("mitmachen/erklaerung/", views.JoinSignView.as_view(), name="join_sign"),
    path("mitmachen/bestaetigung/", views.JoinDoneView.as_view(), name="join_done"),
    path("mein-netzwerk/", views.MyNetworkView.as_view(), name="my_network"),
    path(
        "mein-netzwerk/erklaerungen/<int:pk>/pdf/",
        views.DeclarationPdfView.as_view(),
        name="declaration_pdf",
    ),
    path(
        "mein-netzwerk/einwilligung/<int:pk>/",
        views.ContactConsentView.as_view(),
        name="contact_consent",
    ),
    path(
        "mein-netzwerk/<slug:slug>/profil/",
        views.OrganisationUpdateView.as_view(),
        name="profile_edit",
    ),
    path(
        "mein-netzwerk/<slug:slug>/ansprechpersonen/neu/",
        views.ContactInviteView.as_view(),
        name="contact_invite",
    ),
    path(
        "mein-netzwerk/<slug:slug>/ansprechpersonen/<int:pk>/entfernen/",
        views.ContactRemoveView.as_view(),
        name="contact_remove",
    ),
    path(
        "mein-netzwerk/<slug:slug>/unterzeichnen/",
        views.SignAgreementView.as_view(),
        name="sign",
    ),
    path("mein-netzwerk/<slug:slug>/austritt/", views.ExitDeclareView.as_view(), name="exit"),
    path(
        "mein-netzwerk/<slug:slug>/austritt/zuruecknehmen/",
        views.ExitWithdrawView.as_view(),
        name="exit_withdraw",
    ),
    path(
        "koordination/bewerbungen/<slug:slug>/",
        views.ApplicationDetailView.as_view(),
        name="application",
    ),
    path(
        "koordination/bewerbungen/<slug:slug>/aufnehmen/",
        views.ApplicationApproveView.as_view(),
        name="approve",
    ),
    path(
        "koordination/bewerbungen/<slug:slug>/ablehnen/",
        views.ApplicationRejectView.as_view(),
        name="reject",
    ),
    path(
        "koordination/vereinbarung/neu/",
        views.AgreementPublishView.as_view(),
        name="agreement_publish",
    ),
    path(
        "koordination/vereinbarung/nachunterzeichnung/",
        views.ResignListView.as_view(),
        name="resign_list",
    ),
    path(
        "koordination/erklaerungen/<int:pk>/berichtigen/",
        views.DeclarationCorrectView.as_view(),
        name="declaration_correct",
    ),
    path(
        "koordination/vereinbarung/<int:number>/berichtigen/",
        views.AgreementVersionCorrectView.as_view(),
        name="agreement_correct",
    ),
    path(
        "koordination/austritte/<slug:slug>/",
        views.ExitConfirmView.as_view(),
        name="exit_confirm",
    ),
    path(
        "koordination/export/partner.csv", views.PartnerExportView.as_view(), name="export_partners"
    ),
    path(
        "koordination/export/erklaerungen.csv",
        views.DeclarationExportView.as_view(),
        name="export_declarations",
    ),
]

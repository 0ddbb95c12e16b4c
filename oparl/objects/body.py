"""System, Body and LegislativeTerm: the network itself and the speaker group's terms."""

import datetime

from django.db.models import F, Max, Min
from django.urls import reverse

from elections.models import Term
from oparl import policies
from oparl.objects.common import (
    ASSEMBLY,
    SCHEMA,
    absolute,
    body_url,
    clean,
    contact,
    day,
    list_url,
    network_names,
    object_url,
    organization_url,
    system_url,
)
from oparl.objects.dates import dated, history, latest


def system_object():
    return clean(
        {
            "id": system_url(),
            "type": SCHEMA + "System",
            "oparlVersion": SCHEMA,
            "body": absolute(reverse("oparl:body_list")),
            "name": network_names()["name"],
            **contact(),
            "website": absolute("/"),
            "web": absolute("/"),
        }
    )


def body_object():
    terms = [legislative_term_object(e) for e in election_queryset()]
    return clean(
        {
            "id": body_url(),
            "type": SCHEMA + "Body",
            "system": system_url(),
            **network_names(),
            "website": absolute("/"),
            **contact(),
            "classification": "Netzwerk",
            "mainOrganization": organization_url(ASSEMBLY),
            "organization": list_url("organization"),
            "person": list_url("person"),
            "meeting": list_url("meeting"),
            "paper": list_url("paper"),
            "agendaItem": list_url("agendaitem"),
            "file": list_url("file"),
            "locationList": list_url("location"),
            "legislativeTermList": list_url("legislativeterm"),
            "membership": list_url("membership"),
            "legislativeTerm": terms,
            "web": absolute(reverse("netzwerk")),
        }
    )


def legislative_term_object(election):
    last_day = election.terms_end - datetime.timedelta(days=1)
    return clean(
        dated(
            {
                "id": object_url("legislativeterm", election.pk),
                "type": SCHEMA + "LegislativeTerm",
                "body": body_url(),
                "name": f"Sprechergruppe {election.terms_start.year}–{last_day.year}",
                "startDate": day(election.terms_start),
                "endDate": day(last_day),
                "web": absolute(election.get_absolute_url()),
            },
            election,
        )
    )


def election_queryset():
    return (
        policies.elections()
        .annotate(
            terms_start=Min("terms__start"),
            terms_end=Max("terms__end"),
            oparl_created=F("published_at"),
            oparl_modified=latest(F("published_at"), history(Term, "election_id")),
        )
        .order_by("pk")
    )

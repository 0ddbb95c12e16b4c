"""Unlinkable ballots for elections that ended before this rewrite existed.

Receipts keep their time to the minute only, and the ballots of every election that
has left voting (counted, published or cancelled) are rewritten once, as
`elections.services._shuffle_ballots` does when voting ends: deleted and inserted again
in a cryptographically random order with new random ids. Contents are unchanged, so the
stored result still equals the recount. Elections still in voting are rewritten when
they end. See elections/models/ballot.py and docs/security-ballots.md.
"""

import secrets
import uuid

from django.db import migrations, models

import elections.models

ENDED = ["closed", "published", "cancelled"]


def rewrite_ended_elections(apps, schema_editor):
    Election = apps.get_model("elections", "Election")
    Ballot = apps.get_model("elections", "Ballot")
    BallotChoice = apps.get_model("elections", "BallotChoice")
    BallotReceipt = apps.get_model("elections", "BallotReceipt")
    db = schema_editor.connection.alias

    receipts = []
    for receipt in BallotReceipt.objects.using(db).exclude(cast_at__isnull=True):
        minute = receipt.cast_at.replace(second=0, microsecond=0)
        if minute != receipt.cast_at:
            receipt.cast_at = minute
            receipts.append(receipt)
    BallotReceipt.objects.using(db).bulk_update(receipts, ["cast_at"], batch_size=500)

    random = secrets.SystemRandom()
    for election_id in (
        Election.objects.using(db).filter(status__in=ENDED).values_list("pk", flat=True)
    ):
        ballots = Ballot.objects.using(db).filter(election_id=election_id)
        contents = {pk: [] for pk in ballots.values_list("pk", flat=True)}
        if not contents:
            continue
        choices = BallotChoice.objects.using(db).filter(ballot__election_id=election_id)
        for ballot_id, nomination_id in choices.values_list("ballot_id", "nomination_id"):
            contents[ballot_id].append(nomination_id)
        shuffled = list(contents.values())
        random.shuffle(shuffled)
        choices.delete()
        ballots.delete()
        new = [Ballot(id=uuid.uuid4(), election_id=election_id) for _ in shuffled]
        Ballot.objects.using(db).bulk_create(new)
        rows = []
        for ballot, nomination_ids in zip(new, shuffled, strict=True):
            random.shuffle(nomination_ids)
            rows.extend(
                BallotChoice(id=uuid.uuid4(), ballot=ballot, nomination_id=n)
                for n in nomination_ids
            )
        BallotChoice.objects.using(db).bulk_create(rows)


class Migration(migrations.Migration):
    dependencies = [
        ("elections", "0002_term_exclusion_constraint"),
    ]

    operations = [
        migrations.AlterField(
            model_name="ballotreceipt",
            name="cast_at",
            field=models.DateTimeField(
                default=elections.models.minute_now, verbose_name="abgegeben am"
            ),
        ),
        migrations.RunPython(rewrite_ended_elections, migrations.RunPython.noop),
    ]

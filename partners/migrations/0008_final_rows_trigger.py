"""On PostgreSQL, the database itself refuses to change signed records.

A trigger refuses every UPDATE and DELETE of a declaration, and of an agreement
version once it is published: in force (its valid_from reached, by Hannover's date)
or signed by any organisation — the same rule as AgreementVersion.is_published().
Drafts (a version not yet in force and unsigned) stay editable. TRUNCATE (used by
`flush` and restores) is not a row change and is not refused.

A database administrator can still switch the trigger off (ALTER TABLE … DISABLE
TRIGGER, or session_replication_role = replica); the keyed seal then shows the
change (`manage.py verify_declarations`).
"""

from django.conf import settings
from django.db import migrations

FUNCTIONS = """
CREATE OR REPLACE FUNCTION partners_refuse_declaration_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'partners_declaration % is final: % refused', OLD.id, TG_OP
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION partners_refuse_published_version_change() RETURNS trigger AS $$
BEGIN
    IF OLD.valid_from <= (CURRENT_TIMESTAMP AT TIME ZONE '{tz}')::date
       OR EXISTS (SELECT 1 FROM partners_declaration WHERE agreement_version_id = OLD.id)
    THEN
        RAISE EXCEPTION 'partners_agreementversion % is published: % refused', OLD.id, TG_OP
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER partners_declaration_final
    BEFORE UPDATE OR DELETE ON partners_declaration
    FOR EACH ROW EXECUTE FUNCTION partners_refuse_declaration_change();

CREATE TRIGGER partners_agreementversion_published
    BEFORE UPDATE OR DELETE ON partners_agreementversion
    FOR EACH ROW EXECUTE FUNCTION partners_refuse_published_version_change();
"""

DROP = """
DROP TRIGGER IF EXISTS partners_declaration_final ON partners_declaration;
DROP TRIGGER IF EXISTS partners_agreementversion_published ON partners_agreementversion;
DROP FUNCTION IF EXISTS partners_refuse_declaration_change();
DROP FUNCTION IF EXISTS partners_refuse_published_version_change();
"""


def create_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTIONS.replace("{tz}", settings.TIME_ZONE), params=None)


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("partners", "0007_seal_existing_records")]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]

"""PostgreSQL: keep the name's characters and character pairs in a stored generated column with its own GIN index
instead of an expression index. A seq scan that stops after the first matches of a very common pair (``有限``) then
reads the stored array instead of recomputing it per row, and ANALYZE gathers element statistics on the column, so
the planner can tell a common pair (scan and stop early) from a rare one (use the index)."""

from django.db import migrations

FORWARD = [
    "ALTER TABLE subjects_subject ADD COLUMN IF NOT EXISTS name_grams text[] "
    "GENERATED ALWAYS AS (publiccredit_name_grams(name_normalized)) STORED",
    "CREATE INDEX IF NOT EXISTS subject_name_grams_col_idx ON subjects_subject USING gin (name_grams)",
    "DROP INDEX IF EXISTS subject_name_grams_idx",
]
BACKWARD = [
    "CREATE INDEX IF NOT EXISTS subject_name_grams_idx ON subjects_subject "
    "USING gin (publiccredit_name_grams(name_normalized))",
    "DROP INDEX IF EXISTS subject_name_grams_col_idx",
    "ALTER TABLE subjects_subject DROP COLUMN IF EXISTS name_grams",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)
    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_subject_name_indexes")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]

"""Indexes behind subject search, one set per database engine (docs/portal.md, search).

PostgreSQL: pg_trgm GIN index for queries of three characters or more (LIKE and word similarity), and a GIN index
on the name's distinct single characters and character pairs for 1- and 2-character queries, which trigrams cannot
serve. SQLite: an FTS5 trigram table kept in step with the registry by triggers; 1–2 character queries scan.
"""

from django.db import migrations

POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """CREATE OR REPLACE FUNCTION publiccredit_name_grams(name text) RETURNS text[]
       LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
         SELECT coalesce(array_agg(DISTINCT gram), '{}') FROM (
           SELECT substr(name, i, 1) AS gram FROM generate_series(1, length(name)) AS i
           UNION ALL
           SELECT substr(name, i, 2) FROM generate_series(1, length(name) - 1) AS i) AS grams
       $$""",
    "CREATE INDEX IF NOT EXISTS subject_name_grams_idx ON subjects_subject "
    "USING gin (publiccredit_name_grams(name_normalized))",
    "CREATE INDEX IF NOT EXISTS subject_name_trgm_idx ON subjects_subject USING gin (name_normalized gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS subject_name_prefix_idx ON subjects_subject (name_normalized varchar_pattern_ops)",
    "CREATE INDEX IF NOT EXISTS subject_uscc_prefix_idx ON subjects_subject (uscc varchar_pattern_ops)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS subject_uscc_prefix_idx",
    "DROP INDEX IF EXISTS subject_name_prefix_idx",
    "DROP INDEX IF EXISTS subject_name_trgm_idx",
    "DROP INDEX IF EXISTS subject_name_grams_idx",
    "DROP FUNCTION IF EXISTS publiccredit_name_grams(text)",
]
SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_subject_fts USING fts5("
    "name_normalized, content='subjects_subject', content_rowid='id', tokenize='trigram')",
    """CREATE TRIGGER IF NOT EXISTS search_subject_fts_insert AFTER INSERT ON subjects_subject BEGIN
         INSERT INTO search_subject_fts(rowid, name_normalized) VALUES (new.id, new.name_normalized);
       END""",
    """CREATE TRIGGER IF NOT EXISTS search_subject_fts_delete AFTER DELETE ON subjects_subject BEGIN
         INSERT INTO search_subject_fts(search_subject_fts, rowid, name_normalized)
           VALUES ('delete', old.id, old.name_normalized);
       END""",
    """CREATE TRIGGER IF NOT EXISTS search_subject_fts_update AFTER UPDATE OF name_normalized ON subjects_subject BEGIN
         INSERT INTO search_subject_fts(search_subject_fts, rowid, name_normalized)
           VALUES ('delete', old.id, old.name_normalized);
         INSERT INTO search_subject_fts(rowid, name_normalized) VALUES (new.id, new.name_normalized);
       END""",
    "INSERT INTO search_subject_fts(search_subject_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_subject_fts_update",
    "DROP TRIGGER IF EXISTS search_subject_fts_delete",
    "DROP TRIGGER IF EXISTS search_subject_fts_insert",
    "DROP TABLE IF EXISTS search_subject_fts",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)
    return run


class Migration(migrations.Migration):
    dependencies = [("subjects", "0002_reference_industries")]

    operations = [
        migrations.RunPython(_run({"postgresql": POSTGRES_FORWARD, "sqlite": SQLITE_FORWARD}),
                             _run({"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD})),
    ]

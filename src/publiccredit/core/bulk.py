"""Fast bulk inserts: PostgreSQL COPY where available, Django's bulk_create elsewhere.

Django 5.2 inserts in bulk on PostgreSQL through UNNEST of text arrays, and quoting long Chinese JSON payloads into
array literals costs more than the database work. COPY streams rows instead. Primary keys are reserved from the
table's sequence first, so callers get ids back as with bulk_create.
"""

from django.db import connections, router


def bulk_insert(model, objects: list, *, batch_size: int = 2000) -> list:
    if not objects:
        return objects
    connection = connections[router.db_for_write(model)]
    if connection.vendor != "postgresql":
        return model.objects.bulk_create(objects, batch_size=batch_size)
    meta = model._meta
    fields = list(meta.concrete_fields)
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                       [meta.db_table, meta.pk.column, len(objects)])
        ids = [row[0] for row in cursor.fetchall()]
        for obj, pk in zip(objects, ids, strict=True):
            obj.pk = pk
            obj._state.adding = False
        quote = connection.ops.quote_name
        columns = ", ".join(quote(field.column) for field in fields)
        with cursor.cursor.copy(f"COPY {quote(meta.db_table)} ({columns}) FROM STDIN") as copy:
            for obj in objects:
                copy.write_row([field.get_db_prep_save(field.pre_save(obj, True), connection) for field in fields])
    return objects

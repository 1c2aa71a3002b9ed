"""Fast bulk inserts and lookups: PostgreSQL COPY and ``= ANY(array)`` where available, Django elsewhere.

Django 5.2 inserts in bulk on PostgreSQL through UNNEST of text arrays, and quoting long Chinese JSON payloads into
array literals costs more than the database work. COPY streams rows instead. Primary keys are reserved from the
table's sequence first, so callers get ids back as with bulk_create.
"""

import json

from django.db import connections, router


def reserve_ids(connection, meta, count: int) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                       [meta.db_table, meta.pk.column, count])
        return [row[0] for row in cursor.fetchall()]


def insert_rows(model, attnames: list[str], rows: list[list]) -> list[int]:
    """Insert plain rows (values in ``attnames`` order, without the primary key) and return their new ids.

    The hot path of intake: no model instances on PostgreSQL. JSON fields take Python dicts and lists.
    """
    if not rows:
        return []
    connection = connections[router.db_for_write(model)]
    meta = model._meta
    if connection.vendor != "postgresql":
        objects = model.objects.bulk_create([model(**dict(zip(attnames, row, strict=True))) for row in rows],
                                            batch_size=2000)
        return [obj.pk for obj in objects]
    by_attname = {field.attname: field for field in meta.concrete_fields}
    fields = [by_attname[name] for name in attnames]
    json_positions = [i for i, field in enumerate(fields) if field.get_internal_type() == "JSONField"]
    ids = reserve_ids(connection, meta, len(rows))

    def prepared():
        for pk, row in zip(ids, rows, strict=True):
            values = list(row)
            for position in json_positions:
                if values[position] is not None:  # SQL NULL, not JSON null
                    values[position] = json.dumps(values[position], ensure_ascii=False)
            yield [pk, *values]

    _copy(connection, meta.db_table, [meta.pk.column, *[field.column for field in fields]], prepared())
    return ids


def copy_rows(model, attnames: list[str], rows: list[list]) -> None:
    """Insert plain rows whose values include their own primary key (a one-to-one table keyed by its owner): COPY on
    PostgreSQL, ``bulk_create`` elsewhere. Values are written as given: encrypt or stamp them first."""
    if not rows:
        return
    connection = connections[router.db_for_write(model)]
    if connection.vendor != "postgresql":
        model.objects.bulk_create([model(**dict(zip(attnames, row, strict=True))) for row in rows], batch_size=2000)
        return
    by_attname = {field.attname: field for field in model._meta.concrete_fields}
    _copy(connection, model._meta.db_table, [by_attname[name].column for name in attnames], rows)


def _copy(connection, table: str, columns: list[str], rows) -> None:
    quote = connection.ops.quote_name
    with connection.cursor() as cursor, cursor.cursor.copy(
            f"COPY {quote(table)} ({', '.join(quote(c) for c in columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def select_where_in(model, column: str, values, columns: list[str]) -> list[tuple]:
    """``SELECT columns FROM table WHERE column IN values`` for thousands of values: one ``= ANY(array)`` parameter
    on PostgreSQL (a query with 5,000 placeholders costs more to build than to run), chunks elsewhere."""
    values = list(values)
    if not values:
        return []
    connection = connections[router.db_for_read(model)]
    uuid_columns = {f.column for f in model._meta.concrete_fields if f.get_internal_type() == "UUIDField"}
    cast = "::uuid[]" if column in uuid_columns else ""  # hex strings are cast by the server, not in Python
    quote = connection.ops.quote_name
    table, selected = quote(model._meta.db_table), ", ".join(quote(c) for c in columns)
    rows = []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"SELECT {selected} FROM {table} WHERE {quote(column)} = ANY(%s{cast})",
                           [[str(v) for v in values] if cast else values])
            rows = cursor.fetchall()
            uuid_positions = [i for i, c in enumerate(columns) if c in uuid_columns]
            if uuid_positions:  # callers work with hex strings, as Django stores UUIDs elsewhere
                rows = [tuple(v.hex if i in uuid_positions and v is not None else v for i, v in enumerate(row))
                        for row in rows]
            return rows
        for start in range(0, len(values), 500):
            part = values[start:start + 500]
            cursor.execute(f"SELECT {selected} FROM {table} WHERE {quote(column)} IN ({', '.join(['%s'] * len(part))})",
                           part)
            rows.extend(cursor.fetchall())
    return rows


def any_id_clause(connection, column: str, ids: list[int]) -> tuple[str, list]:
    """A WHERE clause matching ``ids`` (``= ANY`` on PostgreSQL, ``IN`` elsewhere) and its parameters."""
    if connection.vendor == "postgresql":
        return f"{column} = ANY(%s)", [list(ids)]
    return f"{column} IN ({', '.join(['%s'] * len(ids))})", list(ids)


def refresh_statistics_if_stale(model, *, min_changes: int = 20_000, fraction: float = 0.5) -> bool:
    """ANALYZE the model's table when a bulk load has changed it by more than ``fraction`` of its known size.

    PostgreSQL plans from statistics that autovacuum refreshes only between its naps. A load that grows a table from
    empty (or doubles it) is meanwhile planned as if the table were still small: intake's decision-number look-ups ran
    as a scan over every record of the item (~0.1 s per chunk and growing) where the (item, decision number) index
    answers in milliseconds. ANALYZE reads a fixed sample (30,000 rows by default), a fraction of a second, and the
    thresholds keep it to a handful per million rows (docs/collection.md, "Speed"). Elsewhere a no-op."""
    connection = connections[router.db_for_write(model)]
    if connection.vendor != "postgresql":
        return False
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute("SELECT s.n_mod_since_analyze, GREATEST(c.reltuples, 0) FROM pg_stat_user_tables s "
                       "JOIN pg_class c ON c.oid = s.relid WHERE s.relid = %s::regclass", [table])
        row = cursor.fetchone()
        if row is None or row[0] < max(min_changes, fraction * row[1]):
            return False
        cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")
    return True

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


def insert_rows(model, attnames: list[str], rows: list[list], *, json_text: tuple[str, ...] = ()) -> list[int]:
    """Insert plain rows (values in ``attnames`` order, without the primary key) and return their new ids.

    The hot path of intake: no model instances on PostgreSQL. JSON fields take Python dicts and lists, or, for the
    fields named in ``json_text``, JSON already encoded as text (built in bulk elsewhere, written as it is)."""
    if not rows:
        return []
    connection = connections[router.db_for_write(model)]
    meta = model._meta
    if connection.vendor != "postgresql":
        decoded = [attnames.index(name) for name in json_text]
        objects = model.objects.bulk_create([model(**dict(zip(attnames, [
            json.loads(value) if position in decoded and value is not None else value
            for position, value in enumerate(row)], strict=True))) for row in rows], batch_size=2000)
        return [obj.pk for obj in objects]
    by_attname = {field.attname: field for field in meta.concrete_fields}
    fields = [by_attname[name] for name in attnames]
    json_positions = [i for i, field in enumerate(fields)
                      if field.get_internal_type() == "JSONField" and field.attname not in json_text]
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


def insert_frame(model, frame, *, json_text: tuple[str, ...] = ()) -> None:
    """Insert the rows of a polars frame whose columns are attnames of ``model`` (without the primary key).

    On PostgreSQL polars writes the whole frame as CSV and COPY takes it in one piece: no Python value per cell
    (a chunk of 20,000 evaluation results cost 0.15 s through ``insert_rows``' rows). JSON fields named in
    ``json_text`` hold JSON text. Elsewhere the rows go through ``insert_rows``."""
    if frame.height == 0:
        return
    connection = connections[router.db_for_write(model)]
    if connection.vendor != "postgresql":
        insert_rows(model, list(frame.columns), [list(row) for row in frame.iter_rows()], json_text=json_text)
        return
    import polars as pl

    meta = model._meta
    by_attname = {field.attname: field for field in meta.concrete_fields}
    columns = [meta.pk.column, *[by_attname[name].column for name in frame.columns]]
    ids = reserve_ids(connection, meta, frame.height)
    # every text quoted, so that an empty string stays one; an unquoted empty field is NULL
    data = frame.insert_column(0, pl.Series("pk", ids, dtype=pl.Int64)).write_csv(
        include_header=False, quote_style="non_numeric", null_value="")
    _copy(connection, meta.db_table, columns, csv=data.encode())


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


def _copy(connection, table: str, columns: list[str], rows=(), *, csv: bytes | None = None) -> None:
    """COPY ``rows`` (Python values, adapted one by one) or ``csv`` (the whole text at once) into ``table``."""
    quote = connection.ops.quote_name
    statement = f"COPY {quote(table)} ({', '.join(quote(c) for c in columns)}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(
            statement if csv is None else f"{statement} WITH (FORMAT csv)") as copy:
        if csv is not None:
            copy.write(csv)
        for row in rows:
            copy.write_row(row)


SEPARATOR = "\x1f"  # the ASCII unit separator: no code, key or number holds it (one that does falls back)


def array_parameter(values, array_type: str = "text") -> tuple[str, object]:
    """SQL for a PostgreSQL array of ``array_type`` holding ``values``, and the one parameter it takes.

    psycopg renders a Python list element by element (a regular expression per string decides its quoting: ~2 µs
    each, near a tenth of intake's time with 40,000 keys and decision numbers per chunk). Sent as one string that the
    server splits, the same array costs one escape. A value holding the separator, or an empty one
    (``string_to_array`` would drop it), sends the list as before."""
    texts = [str(v) for v in values]
    joined = SEPARATOR.join(texts)
    if texts and joined.count(SEPARATOR) == len(texts) - 1 and "" not in texts:
        return f"string_to_array(%s, chr(31))::{array_type}[]", joined
    return f"%s::{array_type}[]", texts


def _array_type(field) -> str:
    if field.is_relation:  # a foreign key holds its target's values
        field = field.target_field
    kind = field.get_internal_type()
    if kind == "UUIDField":
        return "uuid"
    if kind in {"AutoField", "BigAutoField", "IntegerField", "BigIntegerField", "PositiveIntegerField",
                "PositiveBigIntegerField", "SmallIntegerField", "PositiveSmallIntegerField"}:
        return "bigint"
    return {"DateField": "date", "DateTimeField": "timestamptz", "BooleanField": "boolean"}.get(kind, "text")


def select_where_in(model, column: str, values, columns: list[str]) -> list[tuple]:
    """``SELECT columns FROM table WHERE column IN values`` for thousands of values: one ``= ANY(array)`` parameter
    on PostgreSQL (a query with 5,000 placeholders costs more to build than to run), chunks elsewhere."""
    values = list(values)
    if not values:
        return []
    connection = connections[router.db_for_read(model)]
    fields = {f.column: f for f in model._meta.concrete_fields}
    uuid_columns = {c for c, f in fields.items() if f.get_internal_type() == "UUIDField"}
    quote = connection.ops.quote_name
    table, selected = quote(model._meta.db_table), ", ".join(quote(c) for c in columns)
    rows = []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # hex strings are cast to uuid by the server, not in Python
            array, param = array_parameter(values, _array_type(fields[column]))
            cursor.execute(f"SELECT {selected} FROM {table} WHERE {quote(column)} = ANY({array})", [param])
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


def refresh_statistics_if_stale(model, *, columns: list[str] | None = None, min_rows: int = 20_000,
                                growth: float = 1.0) -> bool:
    """ANALYZE the model's table (only ``columns``, when given) once it holds ``1 + growth`` times the rows its
    statistics know of, and at least ``min_rows``.

    PostgreSQL plans from statistics that autovacuum refreshes only between its naps. A load that grows a table from
    empty (or doubles it) is meanwhile planned as if the table were still small: intake's decision-number look-ups ran
    as a scan over every record of the item (~0.1 s per chunk and growing) where the (item, decision number) index
    answers in milliseconds. Statistics of half the present size already plan right (estimates scale with the
    table's pages), so the table is analysed each time it doubles: six times in a load of a million rows, ~0.15 s
    each for the handful of columns intake filters on (docs/collection.md, "Speed"). Elsewhere a no-op."""
    connection = connections[router.db_for_write(model)]
    if connection.vendor != "postgresql":
        return False
    table = model._meta.db_table
    with connection.cursor() as cursor:
        # n_live_tup follows inserts as they commit; reltuples is what the last ANALYZE (or VACUUM) counted, -1 never
        cursor.execute("SELECT s.n_live_tup, c.reltuples FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid "
                       "WHERE s.relid = %s::regclass", [table])
        row = cursor.fetchone()
        if row is None or row[0] < max(min_rows, (1 + growth) * max(row[1], 0)):
            return False
        quote = connection.ops.quote_name
        listed = f" ({', '.join(quote(model._meta.get_field(name).column) for name in columns)})" if columns else ""
        cursor.execute(f"ANALYZE {quote(table)}{listed}")
    return True


def filter_in(queryset, field: str, values, *, chunk: int = 900) -> list:
    """``queryset.filter(<field>__in=values)`` for thousands of values, as a list of querysets to run in turn.

    PostgreSQL gets one query with the values as a single array parameter (psycopg spends longer converting 900
    placeholders than the server spends answering); other databases get chunks under their parameter limit."""
    from django.db.models.expressions import RawSQL

    values = list(values)
    if not values:
        return []
    if connections[queryset.db].vendor == "postgresql":
        meta = queryset.model._meta
        array, param = array_parameter(values, _array_type(meta.pk if field == "pk" else meta.get_field(field)))
        return [queryset.filter(**{f"{field}__in": RawSQL(f"SELECT unnest({array})", [param])})]
    return [queryset.filter(**{f"{field}__in": values[start:start + chunk]}) for start in range(0, len(values), chunk)]


def filter_ids(queryset, ids) -> list:
    """``filter_in`` on the primary key."""
    return filter_in(queryset, "pk", ids)


def compiled_where_in(queryset) -> tuple[str, tuple]:
    """A ``values_list`` queryset compiled once to SQL and parameters, for ``rows_where_in`` to run many times: a hot
    path that asks the same rule often (a screening request) saves the ORM building the query each time."""
    sql, params = queryset.query.sql_with_params()
    return sql, tuple(params)


def rows_where_in(compiled: tuple[str, tuple], model, column: str, values, *, chunk: int = 900) -> list[tuple]:
    """The rows of ``compiled`` (from ``compiled_where_in``) whose ``column`` of ``model``'s table is in ``values``:
    one array parameter on PostgreSQL, chunks elsewhere. The compiled query must end in its WHERE clause (no
    ordering, grouping or limit), as a ``values_list`` with ``order_by()`` does."""
    sql, params = compiled
    values = list(values)
    if not values:
        return []
    connection = connections[router.db_for_read(model)]
    quote = connection.ops.quote_name
    field = model._meta.get_field(column)
    qualified = f"{quote(model._meta.db_table)}.{quote(field.column)}"
    glue = " AND " if " WHERE " in sql else " WHERE "
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            array, param = array_parameter(values, _array_type(field))
            cursor.execute(f"{sql}{glue}{qualified} = ANY({array})", [*params, param])
            return cursor.fetchall()
        rows = []
        for start in range(0, len(values), chunk):
            part = values[start:start + chunk]
            cursor.execute(f"{sql}{glue}{qualified} IN ({', '.join(['%s'] * len(part))})", [*params, *part])
            rows.extend(cursor.fetchall())
        return rows


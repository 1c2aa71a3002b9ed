"""Query results as polars frames, for batch work that grades or compares a whole chunk at once.

On PostgreSQL the server formats the query's rows as one CSV text (``string_agg``) that travels as a single value
and polars parses in native code: no Python object per row or value. A chunk of a full evaluation reads ~190,000
records; through the ORM's ``values_list`` that was ~0.6 s of tuples and conversions, through
``COPY … TO STDOUT`` still ~0.7 s (psycopg handles COPY data a row at a time, in Python), as one CSV value ~0.25 s
(docs/architecture.md, "Batch work"). Elsewhere the ORM's rows are put into the frame.
"""

import io

import polars as pl
from django.db import connections


def frame_of(queryset, schema: dict[str, pl.DataType]) -> pl.DataFrame:
    """The rows of a ``values_list`` queryset as a frame whose columns are ``schema``'s, in the queryset's order.

    For chunk-sized reads (the text is built in the server's memory, under 1 GB). Only columns CSV carries as
    polars reads them: integers, decimals as floats, text and dates (not timestamps or booleans). SQL NULL becomes
    null; an empty string stays empty."""
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        return pl.DataFrame(list(queryset), schema=schema, orient="row")
    sql, params = queryset.query.sql_with_params()
    quote = connection.ops.quote_name
    columns = [quote(f"c{position}") for position in range(len(schema))]
    fields = [f"""CASE WHEN {column} IS NULL THEN '' ELSE '"' || replace({column}::text, '"', '""') || '"' END"""
              if dtype == pl.String else f"coalesce({column}::text, '')"
              for column, dtype in zip(columns, schema.values(), strict=True)]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT convert_to(string_agg(concat_ws(',', {', '.join(fields)}), E'\\n'), 'UTF8') "
                       f"FROM ({sql}) AS chunk_rows ({', '.join(columns)})", params)
        data = cursor.fetchone()[0]
    if not data:
        return pl.DataFrame(schema=schema)
    return pl.read_csv(io.BytesIO(data), has_header=False, schema=schema)

"""Query results as polars frames, for batch work that grades or compares a whole chunk at once.

On PostgreSQL the query's rows travel as CSV through ``COPY (query) TO STDOUT`` and polars parses them in native
code: no Python object per value. A chunk of a full evaluation reads ~200,000 records; through the ORM's
``values_list`` that was ~0.4 s of tuples and date conversions, as CSV it is the database's time alone
(docs/architecture.md, "Batch work"). Elsewhere the ORM's rows are put into the frame.
"""

import io

import polars as pl
from django.db import connections


def frame_of(queryset, schema: dict[str, pl.DataType]) -> pl.DataFrame:
    """The rows of a ``values_list`` queryset as a frame whose columns are ``schema``'s, in the queryset's order.

    Only columns CSV carries as polars reads them: integers, decimals as floats, text and dates (not timestamps
    or booleans). SQL NULL becomes null; an empty string stays empty."""
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        return pl.DataFrame(list(queryset), schema=schema, orient="row")
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY ({sql}) TO STDOUT WITH (FORMAT csv)",
                                                           params) as copy:
        data = b"".join(copy)
    if not data:
        return pl.DataFrame(schema=schema)
    return pl.read_csv(io.BytesIO(data), has_header=False, schema=schema)

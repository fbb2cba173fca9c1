"""Parquet record files, read with DuckDB (already a dependency; no pyarrow needed), row by row."""

from __future__ import annotations

import os
import tempfile

from ..masking import mask_text
from .pieces import Row, Skipped, number_text

_BATCH = 50_000


def parquet_pieces(data: bytes, path=None):
    import duckdb

    tmp = None
    if path is None:
        fd, tmp = tempfile.mkstemp(suffix=".parquet")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        path = tmp
    con = duckdb.connect()
    try:
        try:
            cur = con.execute("SELECT * FROM read_parquet(?)", [str(path)])
        except duckdb.Error as exc:
            yield Skipped("", f"unreadable Parquet file ({type(exc).__name__})")
            return
        columns = [d[0] for d in cur.description]
        labels = [f"column {mask_text(str(c))!r}" for c in columns]
        yield Row("header", [(label, str(c)) for label, c in zip(labels, columns)])
        r = 0
        while True:
            batch = cur.fetchmany(_BATCH)
            if not batch:
                break
            for values in batch:
                r += 1
                cells = []
                for k, v in enumerate(values):
                    text = v if isinstance(v, str) else number_text(v)
                    if text:
                        cells.append((labels[k], text))
                yield Row(f"record {r}", cells)
    finally:
        con.close()
        if tmp:
            os.unlink(tmp)

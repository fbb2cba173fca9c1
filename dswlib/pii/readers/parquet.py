"""Parquet record files, read with DuckDB (already a dependency; no pyarrow needed), row by row."""

from __future__ import annotations

from ..masking import mask_text
from .pieces import Row, Skipped, file_on_disk, number_text

_BATCH = 50_000


def parquet_pieces(data: bytes, path=None):
    with file_on_disk(data, path, ".parquet") as on_disk:
        yield from _parquet_rows(on_disk)


def _parquet_rows(path: str):
    import duckdb

    con = duckdb.connect()
    try:
        try:
            cur = con.execute("SELECT * FROM read_parquet(?)", [path])
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

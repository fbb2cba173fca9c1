"""Caches that follow the files they were read from.

``@cached_on_files(paths_of)`` memoises a loader, keyed on its arguments *and*
on the modification time and size of the files it reads. Edit a params file in
JupyterLab, re-run the cell, and the new data is loaded; in a batch worker the
same unchanged file is parsed once for every report the worker runs.
"""

from __future__ import annotations

import functools
import os
import threading
from collections import OrderedDict
from pathlib import Path


def file_stamp(path) -> tuple:
    """(path, mtime_ns, size) of a file; a missing file has its own stamp."""
    p = Path(path)
    try:
        st = os.stat(p)
    except FileNotFoundError:
        return (str(p), None, None)
    return (str(p), st.st_mtime_ns, st.st_size)


def cached_on_files(paths_of, maxsize: int = 32):
    """Memoise ``func(*args, **kwargs)`` while the files ``paths_of(*args, **kwargs)`` are unchanged.

    ``paths_of`` returns the paths the call reads (files; a directory's stamp
    changes when entries are added or removed). Results are shared: callers
    must not mutate them.
    """

    def decorate(func):
        store: OrderedDict = OrderedDict()
        lock = threading.Lock()

        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            paths = list(paths_of(*args, **kwargs))
            key = (args, tuple(sorted(kwargs.items())), tuple(file_stamp(p) for p in paths))
            with lock:
                if key in store:
                    store.move_to_end(key)
                    return store[key]
            value = func(*args, **kwargs)
            with lock:
                store[key] = value
                while len(store) > maxsize:
                    store.popitem(last=False)
            return value

        wrapper.cache_clear = store.clear  # type: ignore[attr-defined]
        return wrapper

    return decorate

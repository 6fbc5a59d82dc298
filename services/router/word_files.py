"""Word lists shipped beside the router as gzipped text, one word a line under the `#` lines of
their source's notice: the dictionary (`english_words.txt.gz`) and the towns
(`place_names.txt.gz`), each made by a tool under `tools/`."""

from __future__ import annotations

import gzip
from importlib.resources import files


def shipped_words(name: str) -> frozenset[str]:
    """The words of the list `name` in this package (read once by each caller, cached)."""
    data = files("services.router").joinpath(name).read_bytes()
    lines = gzip.decompress(data).decode("ascii").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))

"""`python -m lemanado_sample` = `aya lemanado-sample` without the umbrella CLI."""

from __future__ import annotations

import argparse

from lemanado_sample.cli import configure, run

if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="lemanado-sample")
    configure(parser)
    raise SystemExit(run(parser.parse_args()))

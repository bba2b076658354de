"""``riskmap sample DIR``: write the bundled sample project to DIR."""

from __future__ import annotations

import argparse

from riskmap.pipeline.sample import write_sample


def run(args: argparse.Namespace) -> int:
    project = write_sample(args.dir)
    print(f"sample project written to {project}")
    print(f"  open it:   riskmap {project}")
    print(f"  score it:  riskmap score {project}")
    return 0

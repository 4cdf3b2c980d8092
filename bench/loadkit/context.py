"""What every scenario is handed: the options, the run's temp dir, the phones, the results."""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from swarm import Swarm


@dataclass
class Ctx:
    args: argparse.Namespace
    tmp: Path
    swarm: Swarm
    results: dict[str, dict[str, Any]] = field(default_factory=dict)  # scenario -> figures

    def results_for(self, scenario: str) -> dict[str, Any]:
        """A fresh dict for `scenario`'s figures, where the summary will look for them."""
        self.results[scenario] = {}
        return self.results[scenario]

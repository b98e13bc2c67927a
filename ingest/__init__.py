"""ingest: notes and the live registry into an index (build, nightly refresh, repair). Uses kb; kb never uses it.

The CLI and the app use only what this module exports.
"""

from ingest.encoding import repair_note
from ingest.nightly import render_report, run_nightly
from ingest.pipeline import STAGE_NAMES, ShrinkRefused, build_index
from ingest.types import NightlyReport

__all__ = ["build_index", "run_nightly", "render_report", "repair_note", "STAGE_NAMES", "ShrinkRefused",
           "NightlyReport"]

"""timm-kb: a bilingual knowledge base over the live timm registry and the users' notes.

This module is the public API: the CLI, the app and the nightly job import from here and nowhere else in kb.
"""

from kb.config import configure_threads as _configure_threads
from kb.config import kb_home as _kb_home
from kb.regex_programs import load_programs as _load_programs

_configure_threads()  # first thing: OpenMP reads its settings once, when a runtime loads
_load_programs(_kb_home())  # before kb's modules compile their patterns (kb.regex_programs)

from kb.answering.explain import render_explanation
from kb.answering.schema import Answer, LicenseClassRow, ModelHit, PassageHit, Relaxation
from kb.answering.text import citation, understood_chips
from kb.api import (
    KnowledgeBase,
    edit_where,
    explain_name,
    filters_from_flags,
    license_classes,
    list_models,
    open_kb,
    registry_records,
    rollback_index,
)
from kb.config import EVAL_DIR, EVAL_FILE, NOTES_DIR, PROJECT_ROOT, kb_home
from kb.conversation import Conversation
from kb.errors import (
    EXIT_CODES,
    BadInput,
    CannotWrite,
    CorruptIndex,
    InternalError,
    KBError,
    LockHeld,
    LockStuck,
    NoIndex,
    NoSpace,
    StaleIndex,
    UnknownName,
    from_os_error,
    redact,
)
from kb.facts import FACTS, Fact, fact, in_place, sort_order
from kb.files import atomic_write_text
from kb.language import detect_language, printable, validate_question
from kb.naming import parse_name
from kb.query import Where, parse_where, to_syntax
from kb.query.reading import QueryFilters
from kb.schema import CheckFinding, Explanation, IngestReport, Lang, Manifest, ModelRecord
from kb.texts import ui_text, ui_text_both

__version__ = "0.1.0"

# evaluation is imported when first used: a cold `kb query` does not pay for its models (~7 ms)
_LAZY = {"EvalReport": ("kb.evaluate", "EvalReport"), "load_eval_items": ("kb.evaluate", "load_items"),
         "run_eval": ("kb.evaluate", "run_eval")}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        module, attribute = _LAZY[name]
        value = getattr(importlib.import_module(module), attribute)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'kb' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))

__all__ = [
    # the knowledge base
    "KnowledgeBase", "Conversation", "open_kb", "edit_where", "registry_records", "list_models", "filters_from_flags",
    "license_classes", "explain_name", "rollback_index",
    "parse_name",
    # the facts of a weight (kb.facts): every fact's names, units and places
    "FACTS", "Fact", "fact", "in_place", "sort_order",
    # reading answers
    "ui_text", "ui_text_both", "understood_chips", "citation", "render_explanation", "detect_language", "validate_question", "printable",
    # evaluation
    "load_eval_items", "run_eval", "EvalReport",
    # places
    "kb_home", "NOTES_DIR", "PROJECT_ROOT", "EVAL_DIR", "EVAL_FILE",
    # errors and exit codes
    "KBError", "BadInput", "UnknownName", "NoIndex", "StaleIndex", "CorruptIndex", "LockHeld", "LockStuck", "CannotWrite",
    "NoSpace", "InternalError", "from_os_error", "redact", "EXIT_CODES",
    # writing a file whole (a report, an export): the old file or the new, never half
    "atomic_write_text",
    # types
    "Answer", "CheckFinding", "Explanation", "IngestReport", "Lang", "LicenseClassRow", "Manifest", "ModelHit", "ModelRecord",
    "PassageHit", "QueryFilters", "Relaxation", "Where", "parse_where", "to_syntax",
    "__version__",
]

"""Reading a saved ``edgetpu-compare/1`` result file: bounded, parsed strictly, checked fully.

A result file may come from anywhere (e-mail, a shared folder), so before anything is shown it is
read with a size cap (regular files only), parsed as strict JSON (``NaN`` and ``Infinity`` are not
JSON; nesting too deep for the parser is an error, not a crash) and then every field the program
reads is checked for its type and range: finite numbers, whole numbers where counts are, bounded
lists and strings. A file that fails is one ``invalid_results`` line naming the first bad field.
Unknown extra fields are allowed (newer versions may add some) as long as they are plain JSON.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from core.errors import AppError, fail
from core.inputs.labels import MAX_LABEL_CHARS
from core.inputs.preprocess import MAX_IMAGE_PIXELS
from core.io.files import read_user_file
from core.results.records import READABLE_SCHEMAS, SCHEMA, RunRecord

MAX_DEPTH = 32  # the real files are 5 levels deep
MAX_BACKENDS = 64  # the most backends one run may have (``run`` refuses more)
MAX_CLASS_ID = 2**31 - 1  # tensor sizes are 32-bit
MAX_TEXT = 20_000  # characters of one message, label or detail
MAX_PATH = 4096  # characters of a path (PATH_MAX on Linux)
MAX_COUNT = 10_000_000  # the largest --count the command line accepts
# The most timed inferences one run may save, over all its backends (``run`` refuses more), and
# the most bytes one takes in a written file ("999999999.999999," at worst): with the rest of a
# file (far below FIXED_BYTES), every result file the program writes is one it reads back.
MAX_LATENCIES = 4 * MAX_COUNT
LATENCY_BYTES = 18
FIXED_BYTES = 64 * 1024 * 1024
MAX_RESULT_BYTES = FIXED_BYTES + MAX_LATENCIES * LATENCY_BYTES
MAX_MS = 1e9  # eleven days: no single inference or load takes longer
REMEDY = "Choose a .json file saved by Edge TPU Compare (File > Export JSON or run --json)."
STATUSES = ("pending", "ok", "error", "cancelled")


class _Bad(Exception):
    """One field is wrong: ``where`` is its JSON path, ``why`` what is wrong with it."""

    def __init__(self, where: str, why: str) -> None:
        super().__init__(f"{where} {why}")


def read_result_file(path: Path | str) -> RunRecord:
    """Load a saved result; a file that is not a valid one is a clear ``AppError``."""
    p = Path(path)
    try:
        _, data = read_user_file(p, "invalid_results", "result file",
                                 max_bytes=MAX_RESULT_BYTES)
    except AppError as exc:
        if exc.info.code == "invalid_results" and not exc.info.remedy.startswith("Choose"):
            raise fail("invalid_results", exc.info.message, REMEDY) from None
        raise
    return parse_result_bytes(data, p.name)


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def parse_result_bytes(data: bytes, name: str = "The file") -> RunRecord:
    """Parse and check the bytes of a result file (the fuzzed entry point)."""
    try:
        text = data.decode("utf-8-sig")
        tree = json.loads(text, parse_constant=_reject_constant)
    except RecursionError:
        raise fail("invalid_results", f"{name} is not a result file: it is nested too deeply.",
                   REMEDY) from None
    except (UnicodeDecodeError, ValueError) as exc:
        raise fail("invalid_results", f"{name} is not a result file.", REMEDY,
                   detail=str(exc)[:500]) from None
    if not isinstance(tree, dict) or tree.get("schema") not in READABLE_SCHEMAS:
        raise fail("invalid_results", f"{name} is not an {SCHEMA} result file.", REMEDY)
    try:
        _depth(tree, 0)
        check_result(tree)
        return RunRecord.from_dict(tree)
    except _Bad as exc:
        raise fail("invalid_results", f"{name} is damaged: {exc}.", REMEDY) from None
    except (KeyError, TypeError, ValueError, OverflowError, AttributeError) as exc:
        # a gap in check_result: still one line, with what Python said
        raise fail("invalid_results", f"{name} is damaged ({type(exc).__name__}: "
                   f"{str(exc)[:200]}).", REMEDY) from None


def _depth(value: Any, level: int) -> None:
    if level > MAX_DEPTH:
        raise _Bad("the file", f"is nested more than {MAX_DEPTH} levels deep")
    if isinstance(value, dict):
        for item in value.values():
            _depth(item, level + 1)
    elif isinstance(value, list):
        for item in value:
            _depth(item, level + 1)


# -- field checks -------------------------------------------------------------------------------

def _obj(value: Any, where: str, optional: bool = False) -> dict[str, Any]:
    if value is None and optional:
        return {}
    if not isinstance(value, dict):
        raise _Bad(where, "is not an object")
    return value


def _text(value: Any, where: str, limit: int = MAX_TEXT, optional: bool = True) -> None:
    if value is None and optional:
        return
    if not isinstance(value, str):
        raise _Bad(where, "is not text")
    if len(value) > limit or "\x00" in value:
        raise _Bad(where, f"is longer than {limit} characters" if len(value) > limit
                   else "holds a NUL character")


def _int(value: Any, where: str, low: int, high: int, optional: bool = True) -> None:
    if value is None and optional:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Bad(where, "is not a whole number")
    if not low <= value <= high:
        raise _Bad(where, f"is {value}, not between {low} and {high}")


def _num(value: Any, where: str, low: float, high: float, optional: bool = True) -> None:
    if value is None and optional:
        return
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _Bad(where, "is not a number")
    if not (math.isfinite(value) and low <= value <= high):
        raise _Bad(where, f"is {value}, not between {low:g} and {high:g}")


def _list(value: Any, where: str, limit: int) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise _Bad(where, "is not a list")
    if len(value) > limit:
        raise _Bad(where, f"has more than {limit} entries")
    return value


def _error(value: Any, where: str) -> None:
    if value is None:
        return
    error = _obj(value, where)
    for key in ("code", "message", "remedy"):
        _text(error.get(key), f"{where}.{key}", optional=key not in error)
    _text(error.get("detail"), f"{where}.detail")


def check_result(tree: dict[str, Any]) -> None:
    """Raise ``_Bad`` at the first field the program reads that has the wrong type or range."""
    _text(tree.get("created"), "created", 100, optional="created" not in tree)
    image = _obj(tree.get("image"), "image", optional=True)
    _text(image.get("path"), "image.path", MAX_PATH)
    _text(image.get("sha256"), "image.sha256", 128)
    for key in ("width", "height"):
        _int(image.get(key), f"image.{key}", 0, MAX_IMAGE_PIXELS)
    labels = _obj(tree.get("labels"), "labels", optional=True)
    _text(labels.get("path"), "labels.path", MAX_PATH)
    _int(labels.get("count"), "labels.count", 0, MAX_COUNT)
    settings = _obj(tree.get("settings"), "settings", optional=True)
    _int(settings.get("count"), "settings.count", 1, MAX_COUNT)
    _int(settings.get("warmup"), "settings.warmup", 0, MAX_COUNT)
    _int(settings.get("top_k"), "settings.top_k", 1, MAX_COUNT)
    _num(settings.get("threshold"), "settings.threshold", 0.0, 1.0)
    _text(settings.get("schedule"), "settings.schedule", 40)
    _text(settings.get("baseline"), "settings.baseline", 200)
    host = _obj(tree.get("host"), "host", optional=True)
    for key in ("os", "python", "cpu"):
        _text(host.get(key), f"host.{key}", 1000)
    _int(host.get("cores"), "host.cores", 0, 1_000_000)
    backends = _list(tree.get("backends"), "backends", MAX_BACKENDS)
    ids = set()
    for i, item in enumerate(backends):
        _backend(item, f"backends[{i}]")
        ids.add(item["id"])
    if len(ids) != len(backends):
        raise _Bad("backends", "name one backend id twice")
    _comparison(tree.get("comparison"), "comparison", ids, backends)
    if "comparisons" in tree and tree["comparisons"] is not None:
        for i, item in enumerate(_list(tree["comparisons"], "comparisons", MAX_BACKENDS)):
            _obj(item, f"comparisons[{i}]")
            _comparison(item, f"comparisons[{i}]", ids, backends)
    _published(tree.get("published"))


def _comparison(value: Any, where: str, ids: set[str], backends: list[Any]) -> None:
    comparison = _obj(value, where, optional=True)
    if not comparison:
        return
    _text(comparison.get("baseline"), f"{where}.baseline", 200, optional=False)
    _text(comparison.get("candidate"), f"{where}.candidate", 200)
    _num(comparison.get("speedup_median"), f"{where}.speedup_median", 1e-9, 1e12)
    _num(comparison.get("topk_overlap"), f"{where}.topk_overlap", 0.0, 1.0)
    _num(comparison.get("max_score_delta"), f"{where}.max_score_delta", 0.0, 1e12)
    for key in ("baseline", "candidate"):
        if comparison.get(key) is not None and comparison[key] not in ids:
            raise _Bad(f"{where}.{key}", "names a backend the file does not hold")
    pair = [b for b in backends if b["id"] in (comparison.get("baseline"),
                                               comparison.get("candidate"))]
    if comparison.get("speedup_median") is not None and comparison.get("candidate") \
            and not all(b.get("stats") for b in pair):
        raise _Bad(f"{where}.speedup_median", "compares backends without statistics")
    top1 = comparison.get("top1_agree")
    if top1 is not None and not isinstance(top1, bool):
        raise _Bad(f"{where}.top1_agree", "is not true, false or null")


def _backend(value: Any, where: str) -> None:
    b = _obj(value, where)
    for key in ("id", "kind"):
        _text(b.get(key), f"{where}.{key}", 200, optional=False)
    _text(b.get("label"), f"{where}.label", 1000, optional="label" not in b)
    _text(b.get("device"), f"{where}.device", 1000)
    status = b.get("status")
    if "status" in b and status not in STATUSES:
        raise _Bad(f"{where}.status", f"is not one of {', '.join(STATUSES)}")
    model = _obj(b.get("model"), f"{where}.model", optional=True)
    _text(model.get("path"), f"{where}.model.path", MAX_PATH)
    _text(model.get("sha256"), f"{where}.model.sha256", 128)
    compiled = model.get("edgetpu_compiled")
    if compiled is not None and not isinstance(compiled, bool):
        raise _Bad(f"{where}.model.edgetpu_compiled", "is not true, false or null")
    runtime = _obj(b.get("runtime"), f"{where}.runtime", optional=True)
    for key in ("name", "version", "spec", "library_version"):
        _text(runtime.get(key), f"{where}.runtime.{key}", 1000)
    _text(runtime.get("library"), f"{where}.runtime.library", MAX_PATH)
    _threads(runtime, f"{where}.runtime")
    _error(b.get("error"), f"{where}.error")
    for i, warning in enumerate(_list(b.get("warnings"), f"{where}.warnings", 100)):
        _error(_obj(warning, f"{where}.warnings[{i}]"), f"{where}.warnings[{i}]")
    for key in ("load_ms", "first_inference_ms"):
        _num(b.get(key), f"{where}.{key}", 0.0, MAX_MS)
    for i, value in enumerate(_list(b.get("latencies_ms"), f"{where}.latencies_ms", MAX_COUNT)):
        _num(value, f"{where}.latencies_ms[{i}]", 0.0, MAX_MS, optional=False)
    stats = _obj(b.get("stats"), f"{where}.stats", optional=True)
    if stats:
        _int(stats.get("count"), f"{where}.stats.count", 0, MAX_COUNT, optional=False)
        for key in ("min", "median", "mean", "p90", "p99", "max", "std"):
            _num(stats.get(key), f"{where}.stats.{key}", 0.0, MAX_MS, optional=False)
    for i, item in enumerate(_list(b.get("results"), f"{where}.results", MAX_COUNT)):
        r = _obj(item, f"{where}.results[{i}]")
        _int(r.get("id"), f"{where}.results[{i}].id", 0, MAX_CLASS_ID, optional=False)
        _text(r.get("label"), f"{where}.results[{i}].label", MAX_LABEL_CHARS, optional=False)
        _num(r.get("score"), f"{where}.results[{i}].score", -1e12, 1e12, optional=False)


def _threads(runtime: dict[str, Any], where: str) -> None:
    """``threads`` a number (older files: a sentence, turned into fields when read), ``pinned``
    true or false, ``cores`` a list of core numbers."""
    threads = runtime.get("threads")
    if isinstance(threads, str):
        _text(threads, f"{where}.threads", 1000)
    else:
        _int(threads, f"{where}.threads", 1, 1_000_000)
    pinned = runtime.get("pinned")
    if pinned is not None and not isinstance(pinned, bool):
        raise _Bad(f"{where}.pinned", "is not true, false or null")
    for i, core in enumerate(_list(runtime.get("cores"), f"{where}.cores", 100_000)):
        _int(core, f"{where}.cores[{i}]", 0, 1_000_000, optional=False)


_MAX_CAUSE_VALUES = 8


def _published(value: Any) -> None:
    """Coral's figure and the verdicts (files from before it have none)."""
    published = _obj(value, "published", optional=True)
    figure = _obj(published.get("figure"), "published.figure", optional=True)
    if figure:
        _num(figure.get("ms"), "published.figure.ms", 1e-6, MAX_MS, optional=False)
        for key in ("key", "model", "source", "method"):
            _text(figure.get(key), f"published.figure.{key}", 1000)
        conditions = _obj(figure.get("conditions"), "published.figure.conditions", optional=True)
        for key in ("device", "host", "link", "clock"):
            _text(conditions.get(key), f"published.figure.conditions.{key}", 1000)
    _text(published.get("message"), "published.message", 1000)
    for i, line in enumerate(_list(published.get("lines"), "published.lines", 100)):
        _text(line, f"published.lines[{i}]", 2000, optional=False)
    cpu = _obj(published.get("cpu"), "published.cpu", optional=True)
    if cpu:
        _verdict(cpu, "published.cpu", "cpu_ms")
        _text(cpu.get("judgement"), "published.cpu.judgement", 40)
    for i, item in enumerate(_list(published.get("edgetpu"), "published.edgetpu", 64)):
        where = f"published.edgetpu[{i}]"
        verdict = _obj(item, where)
        _verdict(verdict, where, "measured_ms")
        for j, cause in enumerate(_list(verdict.get("causes"), f"{where}.causes", 20)):
            found = _obj(cause, f"{where}.causes[{j}]")
            for key in ("code", "text", "remedy"):
                _text(found.get(key), f"{where}.causes[{j}].{key}", 2000)
            values = _obj(found.get("values"), f"{where}.causes[{j}].values", optional=True)
            if len(values) > _MAX_CAUSE_VALUES:
                raise _Bad(f"{where}.causes[{j}].values", "has too many entries")
            for key, value in values.items():
                _text(value, f"{where}.causes[{j}].values.{key[:40]}", 200)


def _verdict(verdict: dict[str, Any], where: str, measured: str) -> None:
    for key in (measured, "published_ms"):
        _num(verdict.get(key), f"{where}.{key}", 1e-6, MAX_MS, optional=False)
    for key in ("backend", "device", "sentence"):
        _text(verdict.get(key), f"{where}.{key}", 2000)

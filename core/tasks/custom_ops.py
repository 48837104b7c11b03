"""Custom operations a model needs that the CPU runtime does not have, named before it runs.

A TensorFlow Lite model may use operations outside the standard set ("custom" operations, by
name). LiteRT's default operation table knows only a few of them; a model needing another one
loads, then fails while it is prepared with "Encountered unresolved custom op: NAME". Coral's
PoseNet models are the common case: their ``PosenetDecoderOp`` comes from libcoral's PoseNet
plugin, which no Python package installs. Reading the operator table from the file names the
operation, and what provides it, before any runtime is started; the same error is made from the
runtime's message when it is only found there.

``edgetpu-custom-op`` is left out: it is the Edge TPU's program, which the Edge TPU runtime
provides and which has its own error (``model_compiled_for_edgetpu``) on the CPU.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ai_edge_litert import schema_py_generated as schema

from core.errors import ErrorInfo, error, fail
from core.inputs.flatbuffer_reader import I8, I32, U32, Table, Truncated, get
from core.inputs.labels import describe_bytes
from core.inputs.model_graph import EDGETPU_CUSTOM_OP, op_name
from core.io.files import read_user_file

MAX_MODEL_BYTES = 1024 * 1024 * 1024

# The custom operations LiteRT's default operation table registers (checked against
# ai-edge-litert 2.x: a model with any other custom operation fails with "unresolved custom op").
BUILT_IN_CUSTOM_OPS = frozenset({
    "TFLite_Detection_PostProcess", "Mfcc", "AudioSpectrogram", "NumericVerify"})


@dataclass(frozen=True)
class Provider:
    """Where a custom operation comes from, and what to choose instead."""

    source: str
    instead: str


PROVIDERS: dict[str, Provider] = {
    "PosenetDecoderOp": Provider(
        "libcoral's PoseNet decoder plugin (posenet_decoder.so)",
        "Choose a pose model without it, such as Coral's MoveNet models."),
}
_FLEX = Provider("TensorFlow's own kernels (the Flex delegate of the full TensorFlow package)",
                 "Convert the model again with TensorFlow Lite's built-in operations only.")
_UNKNOWN = Provider("the program the model was made for",
                    "Choose a model that uses TensorFlow Lite's built-in operations only.")

_UNRESOLVED = re.compile(r"unresolved custom op:? '?([^\s'.]+)"
                         r"|Didn't find custom op for name '([^']+)'", re.IGNORECASE)
_SELECT_OPS = re.compile(r"Select TensorFlow op\(s\)", re.IGNORECASE)
_AGAIN = "Download or copy the model again, or choose another .tflite file."


def provider(name: str) -> Provider:
    if name.startswith("Flex"):
        return _FLEX
    return PROVIDERS.get(name, _UNKNOWN)


def custom_ops(data: bytes) -> tuple[str, ...]:
    """The names of the custom operations in a model's operator table, in file order."""
    root = Table(data, get(U32, data, 0))
    names: list[str] = []
    for code in root.tables(1):
        # schema.fbs: builtin_code (field 3), or the deprecated int8 field in older files
        number = max(code.scalar(0, I8), code.scalar(3, I32))
        if number == schema.BuiltinOperator.CUSTOM:
            name = op_name(code)
            if name not in names:
                names.append(name)
    return tuple(names)


def missing_custom_ops(data: bytes) -> tuple[str, ...]:
    """The custom operations the model needs that neither LiteRT nor the Edge TPU provides."""
    return lacking(custom_ops(data))


def lacking(names: Iterable[str]) -> tuple[str, ...]:
    """Those of ``names`` (a model's custom operations) that no runtime here provides."""
    return tuple(name for name in names
                 if name not in BUILT_IN_CUSTOM_OPS and name != EDGETPU_CUSTOM_OP)


def check_model_ops(path: Path | str) -> ErrorInfo | None:
    """``unsupported_model`` naming the operations a model file needs that LiteRT lacks."""
    p, data = read_user_file(path, "invalid_model", "model file", max_bytes=MAX_MODEL_BYTES)
    if len(data) < 8 or not schema.Model.ModelBufferHasIdentifier(data, 0):
        kind = describe_bytes(data)
        what = f" (it looks like {kind})" if kind else ""
        raise fail("invalid_model", f"'{p.name}' is not a TensorFlow Lite model{what}.", _AGAIN)
    try:
        missing = missing_custom_ops(data)
    except Truncated as exc:
        raise fail("invalid_model", f"'{p.name}' is truncated: the file ends before the "
                   "model does.", _AGAIN, detail=str(exc)) from None
    except Exception as exc:  # any fault in foreign bytes is a plain invalid_model
        raise fail("invalid_model", f"'{p.name}' is damaged: its internal structure is "
                   "inconsistent.", _AGAIN, detail=f"{type(exc).__name__}: {exc}") from None
    return unsupported_ops_error(missing) if missing else None


def unsupported_ops_error(names: tuple[str, ...], detail: str = "") -> ErrorInfo:
    """The error for a model that needs ``names`` (at least one), with who provides the first."""
    first = provider(names[0])
    needs = (f"the operation {names[0]}" if len(names) == 1
             else f"the operations {', '.join(names)}")
    message = (f"This model needs {needs}, which TensorFlow Lite does not have: "
               f"it comes from {first.source}.")
    return error("unsupported_model", message, first.instead, detail=detail)


def unresolved_custom_op(text: str) -> ErrorInfo | None:
    """The error for a runtime's "unresolved custom op" text, or None when the text is not one.

    An unresolved ``edgetpu-custom-op`` is not this error: it means a compiled model on the CPU.
    """
    names: list[str] = []
    for match in _UNRESOLVED.finditer(text):
        name = match.group(1) or match.group(2)
        if name != EDGETPU_CUSTOM_OP and name not in names:
            names.append(name[:64])
    if names:
        return unsupported_ops_error(tuple(names), detail=text.strip()[:2000])
    if _SELECT_OPS.search(text):
        return error("unsupported_model", "This model needs operations from the full TensorFlow, "
                     f"which TensorFlow Lite does not have: they come from {_FLEX.source}.",
                     _FLEX.instead, detail=text.strip()[:2000])
    return None

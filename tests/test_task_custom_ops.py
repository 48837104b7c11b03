"""Custom operations LiteRT lacks are named, from the file and from the runtime's own message."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from ai_edge_litert.interpreter import Interpreter

from core.errors import AppError
from core.tasks.custom_ops import (
    BUILT_IN_CUSTOM_OPS,
    check_model_ops,
    custom_ops,
    missing_custom_ops,
    unresolved_custom_op,
    unsupported_ops_error,
)
from tests.tflite_builder import posenet_like

REPO = Path(__file__).resolve().parent.parent


def test_posenet_decoder_is_named_with_what_provides_it(tmp_path: Path) -> None:
    path = tmp_path / "posenet.tflite"
    path.write_bytes(posenet_like())
    found = check_model_ops(path)
    assert found is not None
    assert found.code == "unsupported_model"
    assert "PosenetDecoderOp" in found.message
    assert "libcoral" in found.message and "posenet_decoder.so" in found.message
    assert "MoveNet" in found.remedy


def test_the_runtimes_own_message_gives_the_same_error(tmp_path: Path) -> None:
    interpreter = Interpreter(model_content=posenet_like())
    with pytest.raises(RuntimeError) as caught:
        interpreter.allocate_tensors()
    assert "unresolved custom op" in str(caught.value)
    from_runtime = unresolved_custom_op(str(caught.value))
    path = tmp_path / "posenet.tflite"
    path.write_bytes(posenet_like())
    from_file = check_model_ops(path)
    assert from_runtime is not None and from_file is not None
    assert (from_runtime.code, from_runtime.message, from_runtime.remedy) == (
        from_file.code, from_file.message, from_file.remedy)
    assert "PosenetDecoderOp" in from_runtime.detail


def test_an_unknown_custom_op_is_named_too(tmp_path: Path) -> None:
    path = tmp_path / "custom.tflite"
    path.write_bytes(posenet_like("MyDecoder"))
    assert missing_custom_ops(path.read_bytes()) == ("MyDecoder",)
    found = check_model_ops(path)
    assert found is not None
    assert "MyDecoder" in found.message and "the program the model was made for" in found.message


def test_ops_the_runtime_or_the_edge_tpu_provides_are_not_missing() -> None:
    for name in (*BUILT_IN_CUSTOM_OPS, "edgetpu-custom-op"):
        data = posenet_like(name)
        assert custom_ops(data) == (name,)
        assert missing_custom_ops(data) == ()


def test_coral_models_need_nothing_the_runtimes_lack(coral: Path) -> None:
    models = [*coral.glob("models/*.tflite"), *coral.glob("segmentation/*.tflite"),
              *coral.glob("pose/*.tflite"), *coral.glob("detection/*.tflite")]
    assert len(models) >= 14
    for path in models:
        assert check_model_ops(path) is None, path.name
    compiled = coral / "segmentation" / "deeplabv3_mnv2_pascal_quant_edgetpu.tflite"
    assert custom_ops(compiled.read_bytes()) == ("edgetpu-custom-op",)


# Run in a child: a made-up graph with an operation LiteRT has may crash it (no core file kept).
_CHILD = """
import sys
try:
    import resource
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
except (ImportError, ValueError, OSError):
    pass
from ai_edge_litert.interpreter import Interpreter
from tests.tflite_builder import posenet_like
try:
    Interpreter(model_content=posenet_like(sys.argv[1])).allocate_tensors()
except Exception as exc:
    print(exc)
"""


def litert_says(name: str, folder: Path) -> str:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    child = subprocess.run([sys.executable, "-c", _CHILD, name], cwd=folder, env=env,
                           capture_output=True, text=True, timeout=120, check=False)
    return (child.stdout + child.stderr).lower()


@pytest.mark.parametrize("name", sorted(BUILT_IN_CUSTOM_OPS))
def test_the_built_in_list_is_what_litert_resolves(name: str, tmp_path: Path) -> None:
    """A model with each of them is not refused as unresolved (it fails later, or crashes, on
    this made-up graph), where one with PosenetDecoderOp is: so the check can fail."""
    assert "unresolved custom op" not in litert_says(name, tmp_path)
    assert "unresolved custom op: posenetdecoderop" in litert_says("PosenetDecoderOp", tmp_path)


def test_messages_that_are_not_a_missing_operation() -> None:
    compiled = ("Encountered unresolved custom op: edgetpu-custom-op.\nSee instructions: "
                "https://www.tensorflow.org/lite/guide/ops_custom Node number 0 "
                "(edgetpu-custom-op) failed to prepare.")
    assert unresolved_custom_op(compiled) is None
    assert unresolved_custom_op("Failed to load delegate from libedgetpu.so.1") is None
    older = unresolved_custom_op("Didn't find custom op for name 'PosenetDecoderOp' with version 1")
    assert older is not None and "PosenetDecoderOp" in older.message
    flex = unresolved_custom_op("Select TensorFlow op(s), included in the given model, is(are) "
                                "not supported by this interpreter.")
    assert flex is not None and flex.code == "unsupported_model"
    assert "Flex" in flex.message


def test_flex_and_several_operations_are_listed() -> None:
    info = unsupported_ops_error(("FlexAddV2", "PosenetDecoderOp"))
    assert "FlexAddV2, PosenetDecoderOp" in info.message
    assert "Flex delegate" in info.message


def test_a_damaged_model_is_invalid_not_a_crash(tmp_path: Path) -> None:
    data = posenet_like()
    path = tmp_path / "model.tflite"
    for cut, words in ((len(data) // 2, "truncated"), (6, "not a TensorFlow Lite model")):
        path.write_bytes(data[:cut])
        with pytest.raises(AppError) as caught:
            check_model_ops(path)
        assert caught.value.info.code == "invalid_model"
        assert words in caught.value.info.message
    path.write_text("# A README\n\nNot a model.\n")
    with pytest.raises(AppError) as caught:
        check_model_ops(path)
    assert "not a TensorFlow Lite model (it looks like a text file)" in caught.value.info.message


def test_mutated_models_are_named_or_refused_never_a_crash(tmp_path: Path) -> None:
    data = bytearray(posenet_like())
    rng = np.random.default_rng(7)
    path = tmp_path / "mutated.tflite"
    outcomes = set()
    for _ in range(300):
        mutated = bytearray(data)
        for at in rng.integers(8, len(data), size=int(rng.integers(1, 6))):
            mutated[at] = int(rng.integers(0, 256))
        path.write_bytes(bytes(mutated))
        try:
            found = check_model_ops(path)
        except AppError as exc:
            assert exc.info.code == "invalid_model"
            outcomes.add("invalid")
        else:
            outcomes.add("ok" if found is None else found.code)
    assert "unsupported_model" in outcomes  # most mutations leave the operation readable

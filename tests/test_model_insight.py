"""Model insight and ``inspect``: every Coral model, checked against counts read independently.

The independent reader is TensorFlow Lite's own generated object API (``ModelT``) and, for the
CPU models, the ai-edge-litert Interpreter; the program's reader is the bounds-checked one.
Compiled models with operations left on the CPU are made here by editing a copy's operator list.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import flatbuffers
import numpy as np
import pytest
from ai_edge_litert import schema_py_generated as schema
from ai_edge_litert.interpreter import Interpreter
from PIL import Image

from core.cli.main import main
from core.inputs.model_info import inspect_model
from core.inputs.model_insight import (
    EDGETPU_MEMORY_BYTES,
    model_entry,
    note_text,
    notes,
)
from core.inputs.preprocess import make_input_tensor
from core.results.records import RunRecord
from core.results.report_html import render_html
from tests.test_model_info import coral_models

OP_NAMES = {v: k for k, v in vars(schema.BuiltinOperator).items() if isinstance(v, int)}
TYPES = {v: k.lower() for k, v in vars(schema.TensorType).items() if isinstance(v, int)}


# -- The independent reading -----------------------------------------------------------------

def load(path: Path) -> Any:
    return schema.ModelT.InitFromPackedBuf(path.read_bytes(), 0)


def op_types(model: Any) -> Counter[str]:
    counts: Counter[str] = Counter()
    for graph in model.subgraphs:
        for op in graph.operators:
            code = model.operatorCodes[op.opcodeIndex]
            counts[code.customCode.decode() if code.customCode
                   else OP_NAMES[max(code.builtinCode, code.deprecatedBuiltinCode)]] += 1
    return counts


def constant_bytes(model: Any, only_float: bool = False) -> int:
    floats = (schema.TensorType.FLOAT32, schema.TensorType.FLOAT16, schema.TensorType.FLOAT64)
    used = {t.buffer for g in model.subgraphs for t in g.tensors
            if not only_float or t.type in floats}
    return sum(len(model.buffers[i].data) for i in used
               if model.buffers[i].data is not None)


def inspect_json(path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    assert main(["inspect", str(path), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def pack(model: Any, path: Path) -> Path:
    builder = flatbuffers.Builder(1024)
    builder.Finish(model.Pack(builder), file_identifier=b"TFL3")
    path.write_bytes(bytes(builder.Output()))
    return path


# -- Every Coral model -----------------------------------------------------------------------

def test_every_coral_model_has_the_right_input_output_and_operations(
        coral: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for path in coral_models(coral):
        document = inspect_json(path, capsys)
        model = load(path)
        compiled = "edgetpu-custom-op" in op_types(model)
        side = document["edgetpu_model" if compiled else "cpu_model"]
        assert side["path"] == str(path)
        graph = model.subgraphs[0]
        for key, index in (("input", graph.inputs[0]), ("output", graph.outputs[0])):
            tensor = graph.tensors[index]
            assert side[key]["shape"] == tensor.shape.tolist(), path.name
            assert side[key]["dtype"] == TYPES[tensor.type]
            assert side[key]["quantization"]["scale"] == pytest.approx(
                float(tensor.quantization.scale[0]))
            assert side[key]["quantization"]["zero_point"] == int(
                tensor.quantization.zeroPoint[0])
        assert side["output"]["classes"] == graph.tensors[graph.outputs[0]].shape[-1]
        types = op_types(model)
        assert side["operators"] == sum(types.values())
        assert side["operator_types"] == dict(types)
        assert side["edgetpu_custom_ops"] == types["edgetpu-custom-op"]
        assert side["cpu_operators"] == sum(types.values()) - types["edgetpu-custom-op"]
        assert side["parameter_bytes"] == constant_bytes(model)
        assert side["float_parameter_bytes"] == constant_bytes(model, only_float=True)
        assert side["file_bytes"] == path.stat().st_size
        if compiled:
            custom = [op for op in graph.operators if op.customOptions is not None]
            assert side["edgetpu_program_bytes"] == sum(len(op.customOptions) for op in custom)


def test_cpu_models_agree_with_the_interpreter(coral: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    cpu_models = [p for p in coral_models(coral) if not p.stem.endswith("_edgetpu")]
    assert len(cpu_models) == 5
    for path in cpu_models:
        side = inspect_json(path, capsys)["cpu_model"]
        interpreter = Interpreter(model_path=str(path))
        detail = interpreter.get_input_details()[0]
        assert side["input"]["shape"] == detail["shape"].tolist()
        assert side["input"]["dtype"] == np.dtype(detail["dtype"]).name
        assert side["input"]["quantization"]["scale"] == pytest.approx(detail["quantization"][0])
        out = interpreter.get_output_details()[0]
        assert side["output"]["classes"] == int(out["shape"][-1])
        ops = interpreter._get_ops_details()
        assert side["operators"] == len(ops)
        assert side["operator_types"] == dict(Counter(op["op_name"] for op in ops))


def test_every_coral_pair_runs_all_operations_on_the_edgetpu(
        coral: Path, capsys: pytest.CaptureFixture[str]) -> None:
    compiled = [p for p in coral_models(coral) if p.stem.endswith("_edgetpu")]
    for path in compiled:
        document = inspect_json(path, capsys)
        twin = load(path.with_name(path.stem.removesuffix("_edgetpu") + ".tflite"))
        total = sum(op_types(twin).values())
        assert document["on_edgetpu"] == total
        assert document["notes"] == [f"{total} of {total} operations on the Edge TPU."]
        assert document["edgetpu_parameter_bytes"] == constant_bytes(twin)
        assert document["cpu_model"]["operators"] == total


def test_normalisation_is_what_preprocessing_does(coral: Path, parrot: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """The 'raw pixels' claim is checked against the tensor the program really makes."""
    image = Image.open(parrot).convert("RGB")
    seen = set()
    for path in coral_models(coral):
        document = inspect_json(path, capsys)
        side = document["edgetpu_model"] or document["cpu_model"]
        norm = side["input"]["normalisation"]
        has_metadata = any(m.name == b"TFLITE_METADATA" for m in load(path).metadata or [])
        assert norm["source"] == ("metadata" if has_metadata else "default"), path.name
        info = inspect_model(path)
        tensor = make_input_tensor(image, info)
        raw = np.asarray(image.resize((info.width, info.height), Image.Resampling.LANCZOS))
        assert norm["raw_pixels"] == bool((tensor[0] == raw).all()), path.name
        seen.add((norm["source"], norm["raw_pixels"]))
    assert seen == {("metadata", True), ("default", True), ("default", False)}


def test_table_names_both_files_and_the_conclusion(coral: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    path = coral / "models" / "mobilenet_v2_1.0_224_quant.tflite"
    assert main(["inspect", str(path)]) == 0
    text = capsys.readouterr().out
    assert f"CPU model: {path}" in text
    assert "Edge TPU model: " in text and "_edgetpu.tflite" in text
    assert "66 of 66 operations on the Edge TPU." in text
    assert "1×224×224×3 uint8" in text and "1001 classes" in text


def test_a_single_file_is_described_alone(coral: Path, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    alone = shutil.copy(coral / "models" / "mobilenet_v1_0.25_128_quant_edgetpu.tflite",
                        tmp_path / "alone_edgetpu.tflite")
    document = inspect_json(Path(alone), capsys)
    assert document["cpu_model"] is None and document["on_edgetpu"] is None
    assert document["edgetpu_parameter_bytes"] is None  # inside the program: not provable
    assert document["notes"] == []
    cpu = shutil.copy(coral / "models" / "mobilenet_v1_0.25_128_quant.tflite",
                      tmp_path / "plain.tflite")
    document = inspect_json(Path(cpu), capsys)
    assert document["edgetpu_model"] is None
    assert document["notes"] == ["Not compiled for the Edge TPU: all 31 operations run on the "
                                 "CPU."]


# -- Compiled models with operations left on the CPU, made by editing the operator list -------

def add_cpu_ops(model: Any, ops: list[str]) -> None:
    """Append builtin operators after the graph's output, each feeding the next."""
    graph = model.subgraphs[0]
    for name in ops:
        code = schema.OperatorCodeT()
        code.builtinCode = code.deprecatedBuiltinCode = getattr(schema.BuiltinOperator, name)
        model.operatorCodes.append(code)
        previous = graph.tensors[graph.outputs[0]]
        tensor = schema.TensorT()
        tensor.shape, tensor.type, tensor.buffer = previous.shape, previous.type, 0
        tensor.quantization, tensor.name = previous.quantization, name.lower().encode()
        graph.tensors.append(tensor)
        op = schema.OperatorT()
        op.opcodeIndex = len(model.operatorCodes) - 1
        op.inputs = np.array([graph.outputs[0]], dtype=np.int32)
        op.outputs = np.array([len(graph.tensors) - 1], dtype=np.int32)
        graph.operators.append(op)
        graph.outputs = np.array([len(graph.tensors) - 1], dtype=np.int32)


def add_custom_ops(model: Any, names: list[str]) -> None:
    """Operators of made-up custom types that only read the graph's output."""
    graph = model.subgraphs[0]
    for name in names:
        code = schema.OperatorCodeT()
        code.customCode = name.encode()
        code.builtinCode = code.deprecatedBuiltinCode = schema.BuiltinOperator.CUSTOM
        model.operatorCodes.append(code)
        op = schema.OperatorT()
        op.opcodeIndex = len(model.operatorCodes) - 1
        op.inputs = np.array([graph.outputs[0]], dtype=np.int32)
        op.outputs = np.array([], dtype=np.int32)
        graph.operators.append(op)


def edited_pair(coral: Path, tmp_path: Path, edit: Callable[[Any], None],
                twin_edit: Callable[[Any], None] | None = None) -> Path:
    name = "mobilenet_v1_0.25_128_quant"
    twin = load(coral / "models" / f"{name}.tflite")
    if twin_edit:
        twin_edit(twin)
    pack(twin, tmp_path / f"{name}.tflite")
    compiled = load(coral / "models" / f"{name}_edgetpu.tflite")
    edit(compiled)
    return pack(compiled, tmp_path / f"{name}_edgetpu.tflite")


def test_operations_left_on_the_cpu_are_named_and_counted(
        coral: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = edited_pair(coral, tmp_path, lambda m: add_cpu_ops(m, ["SOFTMAX"]))
    document = inspect_json(path, capsys)
    side = document["edgetpu_model"]
    assert side["operators"] == 2 and side["edgetpu_custom_ops"] == 1 and side["cpu_operators"] == 1
    assert side["cpu_operator_types"] == {"SOFTMAX": 1}
    # The twin has 31 operations and a SOFTMAX: the other 30 run inside the Edge TPU operation.
    assert document["on_edgetpu"] == 30
    assert document["notes"] == ["30 of 31 operations on the Edge TPU.",
                                 "1 operation on the CPU: SOFTMAX."]
    assert main(["inspect", str(path)]) == 0
    assert "1 operation on the CPU: SOFTMAX." in capsys.readouterr().out


def test_operations_the_twin_lacks_leave_the_edgetpu_count_out(
        coral: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = edited_pair(coral, tmp_path,
                       lambda m: add_cpu_ops(m, ["DEQUANTIZE", "SOFTMAX", "SOFTMAX"]))
    document = inspect_json(path, capsys)
    assert document["edgetpu_model"]["cpu_operator_types"] == {"SOFTMAX": 2, "DEQUANTIZE": 1}
    assert document["on_edgetpu"] is None  # not one model compiled: the difference is a guess
    assert document["edgetpu_parameter_bytes"] is None
    assert document["notes"] == ["3 operations on the CPU: SOFTMAX ×2, DEQUANTIZE."]


def test_names_from_the_file_are_bounded(coral: Path, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    names = [f"<b>op{i}</b>" + "x" * 200 for i in range(12)]
    path = edited_pair(coral, tmp_path, lambda m: add_custom_ops(m, names))
    document = inspect_json(path, capsys)
    assert document["edgetpu_model"]["cpu_operators"] == 12
    assert all(len(name) <= 64 for name in document["edgetpu_model"]["cpu_operator_types"])
    note = document["notes"][-1]
    assert note.startswith("12 operations on the CPU: <b>op0</b>") and note.endswith(", ….")
    assert note.count("<b>") == 8
    html = render_html(RunRecord.from_dict({"backends": [
        {"id": "edgetpu", "kind": "edgetpu", "model": {"insight": {
            "edgetpu_compiled": True, "cpu_operator_types": {names[0]: 1}}}}]}))
    assert "<b>op0" not in html and "&lt;b&gt;op0" in html


def big_constant(model: Any, tensor_type: int = schema.TensorType.UINT8) -> None:
    """Give the model 9 MiB more constant data, held by a tensor no operator reads."""
    buffer = schema.BufferT()
    buffer.data = np.ones(9 * 1024 * 1024, dtype=np.uint8)
    model.buffers.append(buffer)
    tensor = schema.TensorT()
    tensor.shape, tensor.type = np.array([9 * 1024 * 1024], dtype=np.int32), tensor_type
    tensor.buffer, tensor.name = len(model.buffers) - 1, b"big"
    model.subgraphs[0].tensors.append(tensor)


def test_parameters_beyond_8_mib_are_said_to_be_streamed(
        coral: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = edited_pair(coral, tmp_path, lambda m: None, twin_edit=big_constant)
    document = inspect_json(path, capsys)
    params = document["cpu_model"]["parameter_bytes"]
    assert params == 478812 + 9 * 1024 * 1024 > EDGETPU_MEMORY_BYTES
    assert document["edgetpu_parameter_bytes"] == params
    assert document["notes"][-1] == ("Parameters (9.5 MiB) exceed the Edge TPU's 8 MiB on-chip "
                                     "memory: some are streamed over USB at every inference.")
    alone = tmp_path / "alone"
    alone.mkdir()
    plain = inspect_json(Path(shutil.copy(tmp_path / "mobilenet_v1_0.25_128_quant.tflite",
                                          alone)), capsys)
    assert "once compiled, some will be streamed" in plain["notes"][-1]


def test_float_parameters_are_not_said_to_be_too_big(tmp_path: Path, coral: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """Quantising for the compiler shrinks float parameters fourfold: no warning for them."""
    model = load(coral / "models" / "mobilenet_v1_0.25_128_quant.tflite")
    big_constant(model, schema.TensorType.FLOAT32)
    document = inspect_json(pack(model, tmp_path / "float_weights.tflite"), capsys)
    assert document["cpu_model"]["float_parameter_bytes"] == 9 * 1024 * 1024
    assert document["notes"] == ["Not compiled for the Edge TPU: all 31 operations run on the "
                                 "CPU."]


# -- Bad input -------------------------------------------------------------------------------

def test_malformed_models_are_invalid_model_in_one_line(
        coral: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = (coral / "models" / "mobilenet_v1_0.25_128_quant_edgetpu.tflite").read_bytes()
    cases = {"truncated_edgetpu.tflite": data[:len(data) // 2],
             "garbage.tflite": b"TFL3" * 64, "header_only.tflite": data[:64],
             "empty.tflite": b""}
    for name, content in cases.items():
        path = tmp_path / name
        path.write_bytes(content)
        for extra in ([], ["--json"]):
            assert main(["inspect", str(path), *extra]) == 2, name
            captured = capsys.readouterr()
            assert captured.out == ""
            lines = captured.err.splitlines()
            assert len(lines) == 1 and lines[0].startswith("error: "), captured.err
            assert "Traceback" not in captured.err
    # Valid, but not an image classifier: described all the same, with its task.
    assert main(["inspect", str(coral / "invalid" / "model_invoking_error.tflite")]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    assert "other: its input is not a picture" in captured.out
    assert "– (the input is not a picture)" in captured.out


# -- Result file and report ------------------------------------------------------------------

def test_result_file_carries_the_insight_and_old_files_have_none(coral: Path) -> None:
    cpu = inspect_model(coral / "models" / "mobilenet_v2_1.0_224_quant.tflite")
    tpu = inspect_model(coral / "models" / "mobilenet_v2_1.0_224_quant_edgetpu.tflite")
    entry = model_entry(tpu, cpu)
    assert entry["path"] == str(tpu.path) and entry["edgetpu_compiled"] is True
    assert entry["insight"]["on_edgetpu"] == 66 == entry["insight"]["cpu_model_operators"]
    assert [note_text(n) for n in notes(entry["insight"])] == [
        "66 of 66 operations on the Edge TPU."]
    assert model_entry(None, cpu) == {}
    assert notes(None) == [] and notes({"edgetpu_compiled": True, "on_edgetpu": "x"}) == []
    record = RunRecord.from_dict({"backends": [{"id": "edgetpu", "kind": "edgetpu",
                                                "model": {"path": "m_edgetpu.tflite"}}]})
    assert notes(record.backends[0].model.get("insight")) == []


def test_html_report_explains_the_edgetpu_panel(coral: Path, tmp_path: Path) -> None:
    path = edited_pair(coral, tmp_path, lambda m: add_cpu_ops(m, ["SOFTMAX"]))
    twin = inspect_model(tmp_path / "mobilenet_v1_0.25_128_quant.tflite")
    record = RunRecord.from_dict({"backends": [
        {"id": "cpu", "kind": "cpu", "model": model_entry(twin, twin)},
        {"id": "edgetpu", "kind": "edgetpu", "model": model_entry(inspect_model(path), twin)}]})
    html = render_html(record)
    assert html.count('class="insight"') == 2  # two notes, both on the Edge TPU card
    assert "1 operation on the CPU: SOFTMAX." in html
    assert html.index("30 of 31 operations") > html.index('id="backend-edgetpu"')


def test_a_run_stores_the_insight_with_each_backend(small_model: Path, parrot: Path) -> None:
    from core.measure.backends import BackendSpec
    from core.measure.session import RunRequest, Session
    from tests.doubles.fake_runtimes import double

    request = RunRequest(small_model, parrot, count=2, warmup=0,
                         backends=(BackendSpec("cpu", threads=1),
                                   double("edgetpu", "fake_edgetpu_ok")))
    record = RunRecord.from_dict(Session(request).run(lambda event: None).to_dict())
    cpu, tpu = (b.model["insight"] for b in record.backends)
    assert cpu["edgetpu_compiled"] is False and cpu["operators"] == 31
    assert tpu["edgetpu_compiled"] is True and tpu["on_edgetpu"] == 31
    assert tpu["cpu_operator_types"] == {} and tpu["edgetpu_parameter_bytes"] == 478812

"""Model inspection on real Coral files and on broken variants generated into tmp_path."""

from __future__ import annotations

import hashlib
import io
import random
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import flatbuffers
import numpy as np
import pytest
from ai_edge_litert import schema_py_generated as schema

from core.errors import AppError
from core.inputs.model_info import (
    ModelPair,
    find_labels_beside,
    inspect_model,
    resolve_pair,
)
from core.inputs.model_scan import discover_pairs
from core.tasks.runnable import runnable_info

BIRD_SHA256 = "1e2dc9ffed295b4f2e3c555769971777ac8fb37bb0ad5e6dab506d8da0b42890"
TYPES = {v: k.lower() for k, v in vars(schema.TensorType).items() if isinstance(v, int)}


def coral_models(coral: Path) -> list[Path]:
    models = sorted((coral / "models").glob("*.tflite"))
    assert len(models) == 10, "SOURCES.md lists ten Coral models"
    return models


def code_of(path: Path) -> str:
    with pytest.raises(AppError) as caught:
        inspect_model(path)
    return caught.value.info.code


def message_of(path: Path) -> str:
    with pytest.raises(AppError) as caught:
        inspect_model(path)
    assert caught.value.info.code == "invalid_model"
    return caught.value.info.message


# -- Synthetic models: Coral's tiny invalid model, edited through the generated object API. ------

def build(coral: Path, tmp_path: Path, edit: Callable[[Any], object],
          name: str = "m.tflite",
          tail: bytes = b"") -> Path:
    """Write a variant of model_invoking_error.tflite; by default an image classifier."""
    raw = (coral / "invalid" / "model_invoking_error.tflite").read_bytes()
    model = schema.ModelT.InitFromPackedBuf(raw, 0)
    graph = model.subgraphs[0]
    graph.tensors[0].shape = np.array([1, 32, 32, 3], dtype=np.int32)
    graph.tensors[1].shape = np.array([1, 10], dtype=np.int32)
    edit(model)
    builder = flatbuffers.Builder(1024)
    builder.Finish(model.Pack(builder), file_identifier=b"TFL3")
    path = tmp_path / name
    path.write_bytes(bytes(builder.Output()) + tail)
    return path


def keep(model: Any) -> None:
    """No further edit."""


def set_shapes(inp: list[int] | None = None, out: list[int] | None = None,
               dtype: int | None = None) -> Callable[[Any], None]:
    def edit(model: Any) -> None:
        tensors = model.subgraphs[0].tensors
        if inp is not None:
            tensors[0].shape = np.array(inp, dtype=np.int32)
        if out is not None:
            tensors[1].shape = np.array(out, dtype=np.int32)
        if dtype is not None:
            tensors[0].type = dtype
    return edit


def with_buffer(model: Any, data: bytes | None = None, offset: int = 0, size: int = 0) -> int:
    buffer = schema.BufferT()
    buffer.data = np.frombuffer(data, dtype=np.uint8) if data is not None else None
    buffer.offset, buffer.size = offset, size
    model.buffers = [*(model.buffers or []), buffer]
    return len(model.buffers) - 1


# -- Real Coral models ---------------------------------------------------------------------------

def test_compiled_iff_the_graph_holds_the_edgetpu_custom_op(coral: Path) -> None:
    for path in coral_models(coral):
        info = inspect_model(path)
        assert info.edgetpu_compiled == path.name.endswith("_edgetpu.tflite"), path.name
        assert ("edgetpu-custom-op" in info.custom_ops) == info.edgetpu_compiled
    look_alike = coral / "models" / "mobilenet_edgetpu_0.75_224_post_training_quant.tflite"
    assert not inspect_model(look_alike).edgetpu_compiled


def test_bird_model_is_described(bird_model: Path) -> None:
    info = inspect_model(bird_model)
    assert info.sha256 == BIRD_SHA256
    assert info.size == bird_model.stat().st_size
    assert (info.height, info.width, info.channels, info.num_classes) == (224, 224, 3, 965)
    assert info.input.shape == (1, 224, 224, 3)
    assert info.input.dtype == "uint8"
    assert (info.input.scale, info.input.zero_point) == (0.0078125, 128)
    assert info.output.shape == (1, 965)
    assert info.mean is None and info.embedded_labels is None
    assert info.to_dict() == {
        "path": str(bird_model), "sha256": BIRD_SHA256, "edgetpu_compiled": False,
        "input": {"shape": [1, 224, 224, 3], "dtype": "uint8",
                  "quantization": {"scale": 0.0078125, "zero_point": 128}},
    }


def test_input_spec_matches_the_runtime_for_every_cpu_model(coral: Path) -> None:
    from ai_edge_litert.interpreter import Interpreter

    for path in coral_models(coral):
        if path.name.endswith("_edgetpu.tflite"):
            continue
        info = inspect_model(path)
        interpreter = Interpreter(model_path=str(path))
        detail = interpreter.get_input_details()[0]
        output = interpreter.get_output_details()[0]
        assert info.input.shape == tuple(detail["shape"]), path.name
        assert info.input.dtype == np.dtype(detail["dtype"]).name
        assert info.input.scale == pytest.approx(detail["quantization"][0])
        assert info.input.zero_point == detail["quantization"][1]
        assert info.output.shape == tuple(output["shape"])
        assert info.num_classes == output["shape"][-1]


def test_checked_reader_agrees_with_the_generated_reader(coral: Path) -> None:
    """The field numbers of the checked reader are the schema's: compare on all ten models."""
    for path in coral_models(coral):
        data = path.read_bytes()
        model = schema.Model.GetRootAs(data, 0)
        graph = model.Subgraphs(0)
        codes = {model.OperatorCodes(i).CustomCode() for i in range(model.OperatorCodesLength())}
        info = inspect_model(path)
        assert set(info.custom_ops) == {c.decode() for c in codes if c}
        for spec, index in ((info.input, graph.Inputs(0)), (info.output, graph.Outputs(0))):
            tensor = graph.Tensors(index)
            quant = tensor.Quantization()
            assert spec.name == tensor.Name().decode()
            assert spec.shape == tuple(tensor.ShapeAsNumpy())
            assert spec.dtype == TYPES[tensor.Type()]
            assert spec.scale == pytest.approx(float(quant.Scale(0)))
            assert spec.zero_point == quant.ZeroPoint(0)


def test_metadata_normalisation_and_embedded_labels(coral: Path) -> None:
    for name in ("mobilenet_v1_0.25_128_quant", "mobilenet_v1_0.25_128_quant_edgetpu"):
        info = inspect_model(coral / "models" / f"{name}.tflite")
        assert (info.mean, info.std) == ((127.5,), (127.5,))
        assert info.embedded_labels is not None
        assert len(info.embedded_labels) == 1001
        assert info.embedded_labels[:2] == ("background", "tench, Tinca tinca")
    plain = inspect_model(coral / "models" / "mobilenet_v2_1.0_224_quant.tflite")
    assert plain.mean is None and plain.std is None and plain.embedded_labels is None


# -- Not image classifiers -----------------------------------------------------------------------

def test_invoking_error_model_is_unsupported(coral: Path) -> None:
    with pytest.raises(AppError) as caught:
        inspect_model(coral / "invalid" / "model_invoking_error.tflite")
    assert caught.value.info.code == "unsupported_model"
    assert "[1, 3]" in caught.value.info.message
    assert "not an image" in caught.value.info.message


@pytest.mark.parametrize(("edit", "words"), [
    (set_shapes(out=[1, 513, 513]), "output of shape [1, 513, 513], not a list of class scores"),
    (set_shapes(out=[1, 1]), "output of shape [1, 1]"),
    (set_shapes(inp=[1, 32, 32, 4]), "input of shape [1, 32, 32, 4], not an image"),
    (set_shapes(inp=[1, 4, 4, 3]), "input of shape [1, 4, 4, 3]"),
    (set_shapes(inp=[2, 32, 32, 3]), "input of shape [2, 32, 32, 3]"),
    (set_shapes(dtype=schema.TensorType.INT32), "int32 numbers as input"),
    (set_shapes(inp=[1, 100_000, 64, 3]), "64x100000-pixel images, more than this program"),
    (lambda m: setattr(m.subgraphs[0], "inputs", np.array([0, 1], dtype=np.int32)), "2 inputs"),
])
def test_non_classifiers_are_unsupported(coral: Path, tmp_path: Path,
                                         edit: Callable[[Any], None], words: str) -> None:
    path = build(coral, tmp_path, edit)
    with pytest.raises(AppError) as caught:
        inspect_model(path)
    assert caught.value.info.code == "unsupported_model"
    assert words in caught.value.info.message


@pytest.mark.parametrize(("inp", "out", "channels", "classes"), [
    ([1, 32, 32, 3], [1, 10], 3, 10),
    ([1, 48, 40], [10], 1, 10),
    ([1, 16, 16, 1], [1, 1, 1, 7], 1, 7),
])
def test_classifier_shapes_are_accepted(coral: Path, tmp_path: Path, inp: list[int],
                                        out: list[int], channels: int, classes: int) -> None:
    info = inspect_model(build(coral, tmp_path, set_shapes(inp, out)))
    assert (info.channels, info.num_classes) == (channels, classes)
    assert (info.height, info.width) == (inp[1], inp[2])
    assert not info.edgetpu_compiled and info.custom_ops == ("fake-op-double",)


# -- Broken files ----------------------------------------------------------------------------------

def test_missing_file_and_folder(tmp_path: Path) -> None:
    assert code_of(tmp_path / "nope.tflite") == "file_not_found"
    folder = tmp_path / "model.tflite"
    folder.mkdir()
    assert "is a folder" in message_of(folder)


def test_files_that_are_not_models(tmp_path: Path, parrot: Path) -> None:
    cases = {
        "empty.tflite": (b"", "is empty"),
        "zeros.tflite": (bytes(4096), "only zero bytes"),
        "photo.tflite": (parrot.read_bytes(), "not a TensorFlow Lite model (it looks like a JPEG"),
        "notes.tflite": (b"labels and notes\n" * 20, "(it looks like a text file)"),
        "tiny.tflite": (b"TFL", "not a TensorFlow Lite model"),
        "random.tflite": (random.Random(7).randbytes(10_000), "not a TensorFlow Lite model"),
    }
    for name, (data, words) in cases.items():
        (tmp_path / name).write_bytes(data)
        assert words in message_of(tmp_path / name), name


def test_truncated_models(bird_model: Path, tmp_path: Path) -> None:
    """Cuts through referenced data. (The file's last 8 bytes are an unreferenced table: without
    them the model still loads and runs in LiteRT, so inspection rightly accepts that cut.)"""
    data = bird_model.read_bytes()
    for cut in (12, 100, 4096, len(data) // 2, len(data) - 4096, len(data) - 460):
        path = tmp_path / f"cut{cut}.tflite"
        path.write_bytes(data[:cut])
        assert "is truncated" in message_of(path), cut


def test_buffer_beyond_the_end_of_the_file(coral: Path, tmp_path: Path) -> None:
    """Models over 2 GB keep weights after the flatbuffer, addressed by offset and size."""
    fits = build(coral, tmp_path, lambda m: with_buffer(m, None, 8, 16), "fits.tflite")
    assert inspect_model(fits).num_classes == 10
    beyond = build(coral, tmp_path, lambda m: with_buffer(m, None, 10**6, 16), "far.tflite")
    assert "is truncated" in message_of(beyond)
    inline = build(coral, tmp_path, lambda m: with_buffer(m, b"\x01" * 64), "inline.tflite")
    assert inspect_model(inline).num_classes == 10


def damage_opcode(model: Any) -> None:
    model.subgraphs[0].operators[0].opcodeIndex = 5


def damage_graph_input(model: Any) -> None:
    model.subgraphs[0].inputs = np.array([9], dtype=np.int32)


def damage_operator_tensor(model: Any) -> None:
    model.subgraphs[0].operators[0].inputs = np.array([42], dtype=np.int32)


def damage_tensor_buffer(model: Any) -> None:
    model.subgraphs[0].tensors[0].buffer = 3


def damage_scale(model: Any) -> None:
    quantization = schema.QuantizationParametersT()
    quantization.scale = np.array([np.nan], dtype=np.float32)
    quantization.zeroPoint = np.array([0], dtype=np.int64)
    model.subgraphs[0].tensors[0].quantization = quantization


@pytest.mark.parametrize("edit", [damage_opcode, damage_graph_input, damage_operator_tensor,
                                  damage_tensor_buffer, damage_scale,
                                  lambda m: setattr(m, "subgraphs", [])])
def test_inconsistent_structure_is_damaged(coral: Path, tmp_path: Path,
                                           edit: Callable[[Any], None]) -> None:
    assert "is damaged" in message_of(build(coral, tmp_path, edit))


def test_fuzzed_models_give_app_errors_only(small_model: Path, tmp_path: Path) -> None:
    """Hundreds of truncations and bit flips: each ends in success or an AppError, nothing else."""
    data = small_model.read_bytes()
    rng = random.Random(20240601)
    path = tmp_path / "fuzz.tflite"
    codes: set[str] = set()
    successes = 0
    for round_ in range(300):
        damaged = bytearray(data)
        if round_ % 3 == 0:
            damaged = damaged[:rng.randrange(len(data))]
        else:
            reach = 4096 if round_ % 3 == 1 else len(data)  # most structure lies at the start
            for _ in range(rng.randint(1, 16)):
                damaged[rng.randrange(reach)] ^= 1 << rng.randrange(8)
        path.write_bytes(bytes(damaged))
        try:
            inspect_model(path)
            successes += 1
        except AppError as exc:
            codes.add(exc.info.code)
    assert codes <= {"invalid_model", "unsupported_model"}
    assert "invalid_model" in codes and successes > 0  # both outcomes were exercised


def test_damaged_metadata_is_ignored_not_fatal(coral: Path, tmp_path: Path) -> None:
    def edit(model: Any) -> None:
        index = with_buffer(model, b"\x40\x00\x00\x00M001" + b"\xff" * 24)
        entry = schema.MetadataT()
        entry.name, entry.buffer = b"TFLITE_METADATA", index
        model.metadata = [entry]

    info = inspect_model(build(coral, tmp_path, edit))
    assert info.mean is None and info.std is None


def zipped(files: dict[str, bytes]) -> bytes:
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return stream.getvalue()


def test_labels_zip_appended_to_a_model(coral: Path, tmp_path: Path) -> None:
    good = build(coral, tmp_path, keep, "good.tflite",
                 tail=zipped({"readme.md": b"x", "my_labels.txt": b"0 cat\n1 dog\n3 fish\n"}))
    assert inspect_model(good).embedded_labels == ("cat", "dog", "", "fish")
    latin = build(coral, tmp_path, keep, "latin.tflite", tail=zipped({"labels.txt": b"caf\xe9\n"}))
    assert inspect_model(latin).embedded_labels is None
    broken = build(coral, tmp_path, keep, "broken.tflite",
                   tail=zipped({"labels.txt": b"a\nb\n"})[:-30] + b"PK\x05\x06")
    assert inspect_model(broken).embedded_labels is None


# -- Pairs and labels beside ---------------------------------------------------------------------

def test_pair_resolves_from_either_side(coral: Path) -> None:
    folder = coral / "models"
    cpu = folder / "mobilenet_v2_1.0_224_inat_bird_quant.tflite"
    tpu = folder / "mobilenet_v2_1.0_224_inat_bird_quant_edgetpu.tflite"
    expected = ModelPair("mobilenet_v2_1.0_224_inat_bird_quant", cpu, tpu)
    assert resolve_pair(cpu) == expected
    assert resolve_pair(tpu) == expected
    look_alike = folder / "mobilenet_edgetpu_0.75_224_post_training_quant.tflite"
    pair = resolve_pair(look_alike)
    assert pair.cpu == look_alike
    assert pair.edgetpu == folder / "mobilenet_edgetpu_0.75_224_post_training_quant_edgetpu.tflite"


def test_pair_is_decided_by_content_not_name(coral: Path, tmp_path: Path) -> None:
    shutil.copy(coral / "models" / "mobilenet_v1_0.25_128_quant_edgetpu.tflite",
                tmp_path / "renamed.tflite")
    shutil.copy(coral / "models" / "mobilenet_v1_0.25_128_quant.tflite",
                tmp_path / "lonely.tflite")
    assert resolve_pair(tmp_path / "renamed.tflite") == ModelPair(
        "renamed", None, tmp_path / "renamed.tflite")
    assert resolve_pair(tmp_path / "lonely.tflite") == ModelPair(
        "lonely", tmp_path / "lonely.tflite", None)
    with pytest.raises(AppError):
        resolve_pair(tmp_path / "absent.tflite")


def test_discover_pairs(coral: Path, tmp_path: Path) -> None:
    pairs = discover_pairs(coral / "models", runnable_info)
    assert len(pairs) == 5
    assert [p.name for p in pairs] == sorted(p.name for p in pairs)
    for pair in pairs:
        assert pair.cpu is not None and pair.edgetpu is not None
        assert pair.edgetpu.name == f"{pair.name}_edgetpu.tflite"
    shutil.copy(coral / "models" / "mobilenet_v1_0.25_128_quant.tflite", tmp_path / "a.tflite")
    (tmp_path / "b.tflite").write_bytes(b"not a model")
    shutil.copy(coral / "invalid" / "model_invoking_error.tflite", tmp_path / "c.tflite")
    assert discover_pairs(tmp_path, runnable_info) == [
        ModelPair("a", tmp_path / "a.tflite", None)]
    with pytest.raises(AppError) as caught:
        discover_pairs(tmp_path / "missing", runnable_info)
    assert caught.value.info.code == "file_not_found"


def test_labels_found_beside_coral_models(coral: Path) -> None:
    labels = coral / "labels"
    for path in coral_models(coral):
        expected = "inat_bird_labels.txt" if "inat_bird" in path.name else "imagenet_labels.txt"
        assert find_labels_beside(path) == labels / expected, path.name


def test_labels_beside_prefers_the_models_own_file(coral: Path, tmp_path: Path) -> None:
    model = tmp_path / "mobilenet_v1_0.25_128_quant_edgetpu.tflite"
    shutil.copy(coral / "models" / model.name, model)
    assert find_labels_beside(model) is None
    (tmp_path / "imagenet_labels.txt").write_text("too\nshort\n")
    assert find_labels_beside(model) is None  # 2 labels cannot serve 1001 classes
    own = tmp_path / "mobilenet_v1_0.25_128_quant_labels.txt"
    own.write_text("\n".join(f"label {i}" for i in range(1000)))
    assert find_labels_beside(model) == own  # 1000 lines: a file without "background" is fine
    assert find_labels_beside(model, num_classes=2000) is None


def test_sha256_is_of_the_file_bytes(small_model: Path) -> None:
    assert inspect_model(small_model).sha256 == hashlib.sha256(small_model.read_bytes()).hexdigest()

"""Any other model: a non-image model built here, fed a generated input, its outputs compared."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from ai_edge_litert import schema_py_generated as schema
from ai_edge_litert.interpreter import Interpreter, OpResolverType

from core.errors import AppError
from core.inputs.model_info import TensorSpec
from core.io.outputs import plan_outputs, write_all
from core.tasks.raw_outputs import (
    RawOutput,
    compare_outputs,
    generate_input,
    generate_inputs,
    npy_outputs,
)
from tests.tflite_builder import Op, model_bytes, tensor

ADD = schema.BuiltinOperator.ADD


def signal_model() -> bytes:
    """A float signal and token-like ids in; each doubled out. No picture anywhere."""
    tensors = [tensor("signal", [1, 16]), tensor("ids", [1, 4], "int32"),
               tensor("signal_out", [1, 16]), tensor("ids_out", [1, 4], "int32")]
    return model_bytes(tensors, [Op(ADD, [0, 0], [2]), Op(ADD, [1, 1], [3])], [0, 1], [2, 3])


def spec(name: str, shape: list[int], dtype: str, scale: float = 0.0,
         zero_point: int = 0) -> TensorSpec:
    return TensorSpec(name, tuple(shape), dtype, scale, zero_point)


def run(data: bytes, resolver: OpResolverType, fed: list[np.ndarray]) -> list[RawOutput]:
    interpreter = Interpreter(model_content=data, experimental_op_resolver_type=resolver)
    interpreter.allocate_tensors()
    for detail, values in zip(interpreter.get_input_details(), fed, strict=True):
        interpreter.set_tensor(detail["index"], values)
    interpreter.invoke()
    return [RawOutput(d["name"], interpreter.get_tensor(d["index"]), *d["quantization"])
            for d in interpreter.get_output_details()]


def test_a_non_image_model_is_fed_compared_and_saved(tmp_path: Path) -> None:
    data = signal_model()
    interpreter = Interpreter(model_content=data)
    specs = [spec(d["name"], list(d["shape"]), np.dtype(d["dtype"]).name)
             for d in interpreter.get_input_details()]
    fed = generate_inputs(specs)
    again = generate_inputs(specs)
    assert all(np.array_equal(a.values, b.values) for a, b in zip(fed, again, strict=True))
    assert [g.recipe for g in fed] == ["uniform float32 -1 to 1, seed 0", "int32 0 or 1, seed 0"]
    assert fed[0].to_dict() == {"source": "generated", "recipe": fed[0].recipe, "seed": 0}

    arrays = [g.values for g in fed]
    baseline = run(data, OpResolverType.AUTO, arrays)
    plain = run(data, OpResolverType.BUILTIN_WITHOUT_DEFAULT_DELEGATES, arrays)
    assert np.array_equal(baseline[0].values, 2 * arrays[0])
    same = compare_outputs(baseline, plain)
    assert [d.max_abs_difference for d in same.outputs] == [0.0, 0.0]
    assert [d.relative_error for d in same.outputs] == [0.0, 0.0]
    assert same.sentence().english() == "outputs differ by up to 0 (0.00% of the largest value)"

    nudged = RawOutput("signal_out", plain[0].values + np.float32(0.25))
    found = compare_outputs(baseline, [nudged, plain[1]])
    largest = float(np.abs(baseline[0].values).max())
    assert found.outputs[0].max_abs_difference == pytest.approx(0.25)
    assert found.outputs[0].relative_error == pytest.approx(0.25 / largest)
    assert found.worst is found.outputs[0]
    assert found.sentence().fields["relative"] == pytest.approx(0.25 / largest)

    outputs = npy_outputs(tmp_path, "cpu", baseline)
    plan_outputs([(o.what, o.path) for o in outputs], [])
    written, failed = write_all(outputs)
    assert not failed
    assert [o.path.name for o in written] == ["cpu-output-0.npy", "cpu-output-1.npy"]
    for output, raw in zip(written, baseline, strict=True):
        loaded = np.load(output.path, allow_pickle=False)
        assert loaded.dtype == raw.values.dtype
        assert np.array_equal(loaded, raw.values)


@pytest.mark.parametrize(("dtype", "low", "high"), [
    ("uint8", 0, 255), ("int8", -128, 127), ("int16", -32768, 32767),
    ("float32", -1.0, 1.0), ("float16", -1.0, 1.0), ("int32", 0, 1), ("int64", 0, 1),
])
def test_generated_values_stay_in_what_the_input_holds(dtype: str, low: float,
                                                       high: float) -> None:
    made = generate_input(spec("x", [1, 4096], dtype, 0.02, 3))
    values = made.values
    assert values.dtype == np.dtype(dtype) and values.shape == (1, 4096)
    assert values.min() >= low and values.max() <= high
    if dtype in ("uint8", "int8", "int32", "int64"):  # reaches both ends of its range
        assert (values.min(), values.max()) == (low, high)
    assert dtype in made.recipe and made.recipe.endswith("seed 0")


def test_generated_inputs_depend_on_seed_and_position_only() -> None:
    shape = spec("x", [2, 64], "uint8")
    assert np.array_equal(generate_input(shape).values, generate_input(shape).values)
    assert not np.array_equal(generate_input(shape).values, generate_input(shape, seed=1).values)
    first, second = generate_inputs([shape, shape])
    assert not np.array_equal(first.values, second.values)
    assert generate_input(spec("b", [8], "bool")).values.dtype == np.bool_


@pytest.mark.parametrize(("bad", "words"), [
    (spec("text", [1], "string"), "of type string"),
    (spec("x", [1, 0], "float32"), "shape [1, 0]"),
    (spec("x", [1, 100000, 100000], "uint8"), "no input can be made"),
])
def test_inputs_that_cannot_be_made_are_a_clear_error(bad: TensorSpec, words: str) -> None:
    with pytest.raises(AppError) as caught:
        generate_input(bad)
    assert caught.value.info.code == "unsupported_model"
    assert words in caught.value.info.message


def test_quantised_outputs_are_compared_as_real_numbers() -> None:
    baseline = RawOutput("q", np.array([10, 20], dtype=np.uint8), 0.5, 10)
    other = RawOutput("q", np.array([12, 20], dtype=np.uint8), 0.5, 10)
    found = compare_outputs([baseline], [other]).outputs[0]
    assert found.max_abs_difference == pytest.approx(1.0)  # 2 steps of 0.5
    assert found.relative_error == pytest.approx(0.2)  # of the largest value, 5.0


def test_shapes_nans_zeros_and_missing_outputs() -> None:
    nan = np.array([np.nan, 1.0, np.inf, 2.0])
    found = compare_outputs([RawOutput("a", nan)],
                            [RawOutput("a", np.array([np.nan, 1.0, 5.0, np.nan]))]).outputs[0]
    assert found.nonfinite_mismatches == 2  # inf against 5, 2 against NaN; NaN against NaN agree
    assert found.max_abs_difference == 0.0
    shape = compare_outputs([RawOutput("a", np.zeros(3))], [RawOutput("a", np.zeros(4))])
    assert not shape.outputs[0].same_shape and shape.outputs[0].max_abs_difference is None
    assert shape.sentence().english() == "output a has another shape"
    zeros = compare_outputs([RawOutput("z", np.zeros(2))], [RawOutput("z", np.ones(2))])
    assert zeros.outputs[0].relative_error is None
    assert zeros.sentence().english() == "outputs differ by up to 1 where the baseline's are 0"
    missing = compare_outputs([RawOutput("a", np.zeros(2)), RawOutput("b", np.zeros(2))],
                              [RawOutput("a", np.zeros(2))])
    assert missing.missing == 1
    assert missing.sentence().english() == "outputs given by only one backend: 1"
    assert missing.to_dict()["outputs"][0]["max_abs_difference"] == 0.0


def test_outputs_that_are_not_numbers_are_a_clear_error() -> None:
    with pytest.raises(AppError) as caught:
        compare_outputs([RawOutput("t", np.array(["a"]))], [RawOutput("t", np.array(["a"]))])
    assert caught.value.info.code == "unsupported_model"


def test_an_output_is_summed_up_in_finite_numbers() -> None:
    raw = RawOutput("logits", np.array([[12, 10, 255, 0]], dtype=np.uint8), 0.5, 10)
    summary = raw.summary(first=3)
    assert summary == {"name": "logits", "shape": [1, 4], "dtype": "uint8", "min": -5.0,
                       "max": 122.5, "mean": pytest.approx((1 + 0 + 122.5 - 5) / 4),
                       "first": [1.0, 0.0, 122.5]}
    odd = RawOutput("x", np.array([np.nan, np.inf, 2.0])).summary()
    assert (odd["min"], odd["max"], odd["first"]) == (2.0, 2.0, [None, None, 2.0])
    assert RawOutput("x", np.array([np.nan])).summary()["mean"] is None

"""Pictures to input tensors: Coral's resize, every Pillow mode, number types, broken pictures."""

from __future__ import annotations

import io
import struct
import zlib
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from core.errors import AppError
from core.inputs.model_info import ModelInfo, inspect_model
from core.inputs.preprocess import MAX_IMAGE_PIXELS, load_image, make_input_tensor, prepare_input

PARROT_SHA256 = "a8fba9e7e29439fa414c13129aad661f2289ff891231920a7c33641b076f1833"


@pytest.fixture(scope="module")
def bird(bird_model: Path) -> ModelInfo:
    return inspect_model(bird_model)


def refused(path: Path) -> tuple[str, str]:
    with pytest.raises(AppError) as caught:
        load_image(path)
    return caught.value.info.code, caught.value.info.message


def variant(model: ModelInfo, dtype: str, scale: float, zero_point: int,
            mean: tuple[float, ...] | None = None, std: tuple[float, ...] | None = None,
            channels: int = 3, shape: tuple[int, ...] | None = None) -> ModelInfo:
    """The same model described with another input type (make_input_tensor reads only this)."""
    size = (1, model.height, model.width) + ((channels,) if channels == 3 else (1,))
    spec = replace(model.input, dtype=dtype, scale=scale, zero_point=zero_point,
                   shape=shape or size)
    return replace(model, input=spec, mean=mean, std=std, channels=channels)


def flat(rgb: tuple[int, int, int], mode: str = "RGB") -> Image.Image:
    return Image.new(mode, (10, 6), rgb)


# -- The reference path: the parrot on the bird model --------------------------------------------

def test_parrot_on_bird_model_is_coral_lanczos_resize(parrot: Path, bird: ModelInfo) -> None:
    tensor, info = prepare_input(parrot, bird)
    assert tensor.shape == (1, 224, 224, 3)
    assert tensor.dtype == np.uint8
    assert tensor.flags["C_CONTIGUOUS"]
    with Image.open(parrot) as image:
        rgb = image.convert("RGB")
    lanczos = np.asarray(rgb.resize((224, 224), Image.Resampling.LANCZOS))
    bilinear = np.asarray(rgb.resize((224, 224), Image.Resampling.BILINEAR))
    assert np.array_equal(tensor[0], lanczos)
    assert not np.array_equal(tensor[0], bilinear)
    assert info.to_dict() == {"path": str(parrot), "sha256": PARROT_SHA256, "width": 512,
                              "height": 929}


def test_bird_model_names_the_scarlet_macaw(parrot: Path, bird: ModelInfo) -> None:
    from ai_edge_litert.interpreter import Interpreter

    tensor, _ = prepare_input(parrot, bird)
    interpreter = Interpreter(model_path=str(bird.path))
    interpreter.allocate_tensors()
    interpreter.set_tensor(interpreter.get_input_details()[0]["index"], tensor)
    interpreter.invoke()
    scores = interpreter.get_tensor(interpreter.get_output_details()[0]["index"])[0]
    assert int(scores.argmax()) == 923
    assert 0.7 < float(scores.max()) * bird.output.scale < 0.9


# -- Modes ---------------------------------------------------------------------------------------

ALL_MODES = ["1", "L", "LA", "La", "P", "PA", "RGB", "RGBA", "RGBa", "RGBX", "CMYK", "YCbCr",
             "LAB", "HSV", "I", "I;16", "I;16L", "I;16B", "I;16N", "F"]


@pytest.mark.parametrize("mode", ALL_MODES)
def test_every_pillow_mode_converts(mode: str, bird: ModelInfo) -> None:
    gradient = Image.linear_gradient("L").resize((40, 30))
    if mode in ("La", "RGBa"):  # Pillow converts to premultiplied modes from nothing
        plain = gradient.convert(mode.upper())
        image = Image.frombytes(mode, plain.size, plain.tobytes())
    else:
        image = gradient.convert(mode)
    assert image.mode == mode
    for model in (bird, variant(bird, "uint8", 0.0078125, 128, channels=1)):
        tensor = make_input_tensor(image, model)
        assert tensor.shape == model.input.shape
        assert tensor.dtype == np.uint8


def test_transparency_is_composited_on_white(bird: ModelInfo) -> None:
    clear = Image.new("RGBA", (16, 16), (0, 0, 0, 0))
    assert (make_input_tensor(clear, bird) == 255).all()
    half = Image.new("RGBA", (16, 16), (0, 0, 0, 128))
    assert (make_input_tensor(half, bird) == 127).all()
    premultiplied = Image.frombytes("La", (16, 16), bytes([0, 0]) * 256)
    assert (make_input_tensor(premultiplied, bird) == 255).all()
    palette = Image.new("P", (16, 16), 0)
    palette.info["transparency"] = 0
    assert (make_input_tensor(palette, bird) == 255).all()


def test_deep_pictures_are_scaled_not_clipped(bird: ModelInfo) -> None:
    sixteen = Image.fromarray(np.full((8, 8), 32896, dtype=np.uint16))
    assert (make_input_tensor(sixteen, bird) == 128).all()  # 32896 / 257
    unit_float = Image.fromarray(np.full((8, 8), 0.5, dtype=np.float32))
    assert (make_input_tensor(unit_float, bird) == 128).all()
    small_int = Image.fromarray(np.full((8, 8), 200, dtype=np.int32))
    assert (make_input_tensor(small_int, bird) == 200).all()


def test_grayscale_models_get_luma(bird: ModelInfo) -> None:
    for shape in ((1, 224, 224, 1), (1, 224, 224)):
        gray = variant(bird, "uint8", 0.0078125, 128, channels=1, shape=shape)
        tensor = make_input_tensor(flat((255, 0, 0)), gray)
        assert tensor.shape == shape
        assert (tensor == 76).all()  # ITU-R 601-2 luma of pure red


# -- Number types --------------------------------------------------------------------------------

PIXELS = (0, 128, 255)


def test_identity_quantisation_keeps_raw_pixels(coral: Path, bird: ModelInfo) -> None:
    tensor = make_input_tensor(flat(PIXELS), bird)  # no metadata: 128/128 and scale 1/128
    assert tuple(tensor[0, 0, 0]) == PIXELS
    with_metadata = inspect_model(coral / "models" / "mobilenet_v1_0.25_128_quant.tflite")
    assert with_metadata.mean == (127.5,)  # (p-127.5)/127.5 differs by < 1 step from raw
    assert tuple(make_input_tensor(flat(PIXELS), with_metadata)[0, 0, 0]) == PIXELS


def test_non_identity_quantisation_is_applied(coral: Path) -> None:
    model = inspect_model(
        coral / "models" / "mobilenet_edgetpu_0.75_224_post_training_quant.tflite")
    step = 128 * model.input.scale
    expected = [round((p - 128) / step + model.input.zero_point) for p in PIXELS]
    assert expected == [37, 123, 209]
    assert list(make_input_tensor(flat(PIXELS), model)[0, 0, 0]) == expected


def test_int8_input(bird: ModelInfo) -> None:
    raw = make_input_tensor(flat(PIXELS), variant(bird, "int8", 0.0078125, 0))
    assert raw.dtype == np.int8
    assert list(raw[0, 0, 0]) == [-128, 0, 127]
    unquantised = make_input_tensor(flat(PIXELS), variant(bird, "int8", 0.0, 0))
    assert list(unquantised[0, 0, 0]) == [-128, 0, 127]
    wide = make_input_tensor(flat(PIXELS), variant(bird, "int8", 0.02, -10))
    assert list(wide[0, 0, 0]) == [-60, -10, 40]  # (p-128)/(128*0.02) - 10, rounded


def test_float_input_defaults_and_metadata(bird: ModelInfo) -> None:
    default = make_input_tensor(flat(PIXELS), variant(bird, "float32", 0.0, 0))
    assert default.dtype == np.float32
    assert np.allclose(default[0, 0, 0], [-1.0, 0.5 / 127.5, 1.0])
    per_channel = variant(bird, "float32", 0.0, 0, mean=(0.0, 128.0, 255.0), std=(255.0,))
    assert np.allclose(make_input_tensor(flat(PIXELS), per_channel)[0, 0, 0], [0.0, 0.0, 0.0])
    half = make_input_tensor(flat(PIXELS), variant(bird, "float16", 0.0, 0))
    assert half.dtype == np.float16 and half.flags["C_CONTIGUOUS"]


def test_uint8_metadata_normalisation_is_quantised(bird: ModelInfo) -> None:
    imagenet = variant(bird, "uint8", 1 / 64, 128, mean=(124.0, 116.0, 104.0), std=(58.0,))
    value = make_input_tensor(flat(PIXELS), imagenet)[0, 0, 0]
    expected = [min(255, max(0, round((p - m) / (58.0 / 64) + 128)))
                for p, m in zip(PIXELS, (124.0, 116.0, 104.0), strict=True)]
    assert list(value) == expected


# -- Loading -------------------------------------------------------------------------------------

def test_exif_orientation_is_applied(tmp_path: Path) -> None:
    image = Image.new("RGB", (60, 40), (200, 10, 10))
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90 degrees clockwise to display
    path = tmp_path / "rotated.jpg"
    image.save(path, exif=exif)
    upright, info = load_image(path)
    assert upright.size == (40, 60)
    assert (info.width, info.height) == (40, 60)


def png_claiming(width: int, height: int) -> bytes:
    """A real 1x1 PNG whose header (with a correct CRC) claims another size."""
    buffer = io.BytesIO()
    Image.new("1", (1, 1)).save(buffer, "PNG")
    png = buffer.getvalue()
    ihdr = struct.pack(">II", width, height) + png[24:29]  # keep depth, colour type, ...
    crc = struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    return png[:16] + ihdr + crc + png[33:]


def test_broken_pictures(tmp_path: Path, parrot: Path) -> None:
    data = parrot.read_bytes()
    cases = {
        "half.jpg": (data[: len(data) // 2], "is truncated"),
        "notes.jpg": (b"this is not a picture\n" * 10, "(it looks like a text file)"),
        "empty.jpg": (b"", "is empty"),
        "bomb.png": (png_claiming(50_000, 50_000), "is too large"),
        "big.png": (png_claiming(11_000, 10_000), "is too large"),
        "model.jpg": (b"\x1c\x00\x00\x00TFL3" + bytes(64), "TensorFlow Lite model"),
    }
    for name, (content, words) in cases.items():
        (tmp_path / name).write_bytes(content)
        code, message = refused(tmp_path / name)
        assert code == "invalid_image", name
        assert words in message and name in message, (name, message)
    assert 11_000 * 10_000 > MAX_IMAGE_PIXELS > (Image.MAX_IMAGE_PIXELS or 0)


def test_large_but_allowed_header_is_decoded(tmp_path: Path) -> None:
    """A photo-sized header passes the limit; this one then fails as damaged, not as too large."""
    path = tmp_path / "claims.png"
    path.write_bytes(png_claiming(4_000, 3_000))
    code, message = refused(path)
    assert code == "invalid_image" and "too large" not in message


def test_missing_picture_and_folder(tmp_path: Path) -> None:
    assert refused(tmp_path / "absent.jpg")[0] == "file_not_found"
    assert refused(tmp_path) == ("invalid_image", f"'{tmp_path.name}' is a folder, not a picture.")

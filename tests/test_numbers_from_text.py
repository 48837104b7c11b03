"""Every whole number the program reads from text goes through one parser: ASCII digits only,
a bounded length, one clear error.

``'²'.isdigit()`` is true while ``int('²')`` raises; ``int()`` takes Arabic-Indic and full-width
digits, and raises for more than 4,300 digits. Each of those once ended in a traceback (or a
window that crashed at every start, from its settings file) or was silently accepted.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from core.cli.main import main
from core.errors import AppError
from core.inputs.labels import parse_labels
from core.io.numbers import NumberError, is_digits, parse_whole
from core.measure.backend_choice import BackendSet
from core.measure.backends import parse_backend_spec
from core.measure.edgetpu_options import is_indexed
from gui.app import entry
from gui.look.formatting import backend_details
from gui.window.settings import Settings
from tests import gui_support  # noqa: F401 - offscreen Qt and isolated settings

HUGE = "9" * 5000
ODD = ["²", "٣", "１２", " 1", "1 ", "1_000", "+1", "-1", "", "0x10", "1.0", HUGE]


@pytest.mark.parametrize("text", ODD)
def test_only_plain_ascii_digits_are_numbers(text: str) -> None:
    with pytest.raises(NumberError) as caught:
        parse_whole(text)
    assert len(str(caught.value)) < 120  # one short sentence, even for 5000 digits
    assert not is_digits(text)


def test_numbers_within_bounds_are_read() -> None:
    assert parse_whole("007") == 7 and parse_whole("256", 1, 256) == 256
    with pytest.raises(NumberError, match="not between 1 and 256"):
        parse_whole("257", 1, 256)


@pytest.mark.parametrize("spec", [
    "cpu:threads=²", "cpu:threads=٣", f"cpu:threads={HUGE}", "edgetpu:device=usb:²",
    "edgetpu:device=pci:٣", f"edgetpu:device=usb:{HUGE}", "edgetpu:usb.max_bulk_in_queue_length=²",
])
def test_a_backend_option_with_an_odd_number_is_a_usage_error(spec: str) -> None:
    with pytest.raises(AppError) as caught:
        parse_backend_spec(spec)
    assert caught.value.info.code == "usage" and len(caught.value.info.message) < 300


def test_a_device_index_is_plain_digits() -> None:
    assert is_indexed("usb:0") and not is_indexed("usb:²") and not is_indexed("usb:٣")


@pytest.mark.parametrize("args", [
    ["--count", "²"], ["--count", "٣"], ["--count", HUGE], ["--warmup", "１"],
    ["--backend", "cpu:threads=²"], ["--backend", "edgetpu:device=usb:²"],
])
def test_run_with_an_odd_number_is_one_error_line_and_exit_2(
        args: list[str], small_model: Path, parrot: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["run", "--model", str(small_model), "--image", str(parrot), *args])
    err = capsys.readouterr().err
    assert code == 2 and err.startswith("error:") and err.count("\n") == 1 and len(err) < 400


def test_gui_backend_with_an_odd_number_is_exit_2_before_any_window(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert entry.main(["gui", "--backend", "cpu:threads=²"]) == 2
    assert capsys.readouterr().err.startswith("error:")


def test_numbered_labels_take_ascii_digits_only() -> None:
    plain = parse_labels("² cat\n³ dog\n")
    assert plain.names == {0: "² cat", 1: "³ dog"}  # not numbers: a plain list
    arabic = parse_labels("٠ cat\n١ dog\n")
    assert arabic.names == {0: "٠ cat", 1: "١ dog"}
    assert parse_labels("0 cat\n5 dog\n").names == {0: "cat", 5: "dog"}
    with pytest.raises(AppError) as caught:
        parse_labels(f"0 cat\n{HUGE} dog\n")
    assert caught.value.info.code == "invalid_labels" and "label 2" in caught.value.info.message
    assert len(caught.value.info.message) < 200


def test_a_settings_file_with_odd_numbers_opens_with_defaults(tmp_path: Path) -> None:
    path = tmp_path / "settings.ini"
    raw = QSettings(str(path), QSettings.Format.IniFormat)
    raw.setValue("run/count", HUGE)
    raw.setValue("run/baseline", "٣")
    raw.setValue("run/backends", ["cpu:threads=²", "edgetpu:device=usb:²"])
    raw.sync()
    settings = Settings(path)
    assert settings.count(default=100) == 100
    assert settings.backends() is None


def test_a_saved_result_with_an_odd_spec_or_label_is_shown_without_a_crash(
        tmp_path: Path) -> None:
    from core.results.records import BackendRecord, RunRecord

    odd = BackendRecord("cpu", "cpu", f"CPU (LiteRT, XNNPACK, {HUGE} threads)",
                        runtime={"spec": "cpu:threads=²"})
    record = RunRecord(created="", image={}, labels={}, settings={}, host={}, backends=[odd])
    assert BackendSet.from_record(record) is None
    assert backend_details(odd)  # the label's parts, however odd, without a traceback


@pytest.mark.parametrize(("speed", "mbps"), [("1.5", 1), ("480", 480), ("inf", None),
                                             ("nan", None), ("٥٠٠٠", None), ("1e400", None)])
def test_a_usb_speed_is_read_as_plain_digits(tmp_path: Path, speed: str,
                                             mbps: int | None) -> None:
    from core.edgetpu.devices import find_devices
    from tests.test_devices import add_usb

    add_usb(tmp_path, "1-2", "18d1:9302", speed=speed)
    [device] = find_devices(tmp_path)
    assert device.usb_speed_mbps == mbps


def test_odd_device_names_in_a_copied_tree_are_sorted_without_a_crash(tmp_path: Path) -> None:
    from core.edgetpu.devices import find_devices
    from tests.test_devices import add_usb

    add_usb(tmp_path, "²", "18d1:9302")  # '²'.isdigit() is true, int('²') raises
    add_usb(tmp_path, "1-2", "18d1:9302", dev=5)
    assert len(find_devices(tmp_path)) == 2


@pytest.mark.parametrize("text", ["٠.٥", "0,5", "nan", "inf", "1_0", "½", "", ".", "1e", "0x1",
                                  "0." + "5" * 60])
def test_a_fraction_is_plain_digits_and_one_point(text: str) -> None:
    from core.io.numbers import parse_decimal

    with pytest.raises(NumberError):
        parse_decimal(text, 0.0, 1.0)


def test_fractions_within_bounds_are_read(small_model: Path, parrot: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    from core.io.numbers import parse_decimal

    assert parse_decimal("0.25", 0, 1) == 0.25 and parse_decimal(".5", 0, 1) == 0.5
    assert parse_decimal("5e-1", 0, 1) == 0.5 and parse_decimal("1", 0, 1) == 1.0
    assert main(["run", "--model", str(small_model), "--image", str(parrot),
                 "--threshold", "٠.٥"]) == 2
    assert "--threshold" in capsys.readouterr().err

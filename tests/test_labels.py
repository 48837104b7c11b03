"""Labels files: Coral's two layouts, encodings and line endings, and the files that are refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.errors import AppError
from core.inputs.labels import Labels, describe_bytes, load_labels, parse_labels


def refused(path: Path) -> tuple[str, str]:
    with pytest.raises(AppError) as caught:
        load_labels(path)
    return caught.value.info.code, caught.value.info.message


def test_plain_and_numbered_imagenet_files_agree(coral: Path) -> None:
    plain = load_labels(coral / "labels" / "imagenet_labels.txt")
    numbered = load_labels(coral / "labels" / "imagenet_labels_numbered.txt")
    assert plain.names == numbered.names
    assert set(plain.names) == set(range(1001))
    assert plain.name(0) == "background"
    assert plain.name(1) == "tench, Tinca tinca"
    assert numbered.name(1000) == "toilet tissue, toilet paper, bathroom tissue"
    assert plain.count == numbered.count == 1001


def test_bird_labels(bird_labels: Path) -> None:
    labels = load_labels(bird_labels)
    assert labels.path == bird_labels
    assert labels.count == 965
    assert labels.name(923) == "Ara macao (Scarlet Macaw)"
    assert labels.to_dict() == {"path": str(bird_labels), "count": 965}
    assert labels.checked(965).warnings == ()


def test_bom_and_crlf_read_the_same(bird_labels: Path, tmp_path: Path) -> None:
    original = load_labels(bird_labels).names
    raw = bird_labels.read_bytes()
    variants = {
        "bom.txt": b"\xef\xbb\xbf" + raw,
        "crlf.txt": raw.replace(b"\n", b"\r\n"),
        "bom_crlf.txt": b"\xef\xbb\xbf" + raw.replace(b"\n", b"\r\n"),
        "cr.txt": raw.replace(b"\n", b"\r"),
    }
    for name, data in variants.items():
        (tmp_path / name).write_bytes(data)
        assert load_labels(tmp_path / name).names == original, name


def test_short_file_warns_once(tmp_path: Path) -> None:
    path = tmp_path / "short.txt"
    path.write_text("cat\ndog\n", encoding="utf-8")
    labels = load_labels(path)
    assert labels.warnings == ()
    short = labels.checked(5)
    assert [w.code for w in short.warnings] == ["labels_short"]
    assert "2 of the model's 5 classes" in short.warnings[0].message
    assert short.warnings[0].remedy
    assert [w.code for w in short.checked(5).warnings] == ["labels_short"]
    assert short.checked(2).warnings == ()
    assert short.name(1) == "dog"
    assert short.name(4) == "class 4"


def test_missing_ids_fall_back_to_class_n(tmp_path: Path) -> None:
    path = tmp_path / "gaps.txt"
    path.write_text("zero\n\ntwo\n\n\n", encoding="utf-8")
    labels = load_labels(path)
    assert labels.name(0) == "zero"
    assert labels.name(1) == "class 1"  # interior blank line: keeps its id, has no name
    assert labels.name(2) == "two"
    assert labels.name(3) == "class 3"  # trailing blank lines are not ids
    assert set(labels.names) == {0, 1, 2}
    assert labels.count == 2
    assert Labels(None).name(7) == "class 7"


def test_numbered_layouts() -> None:
    assert parse_labels("0: cat\n1:dog\n\n5  fish\n").names == {0: "cat", 1: "dog", 5: "fish"}
    assert parse_labels("  3 three \n 1 one").names == {3: "three", 1: "one"}


def test_numbers_in_some_labels_do_not_make_a_numbered_file() -> None:
    labels = parse_labels("7 Up\ncola\n3 musketeers\n")
    assert labels.names == {0: "7 Up", 1: "cola", 2: "3 musketeers"}
    digits = parse_labels("0\n1\n2\n")  # a digit classifier: the lines are the labels
    assert digits.names == {0: "0", 1: "1", 2: "2"}


def test_not_utf8_text_is_refused(tmp_path: Path, parrot: Path) -> None:
    cases = {
        "latin1.txt": ("caf\xe9\nna\xefve\n".encode("latin-1"), "not UTF-8 text (line 1)"),
        "utf16.txt": ("cat\ndog\n".encode("utf-16"), "UTF-16"),
        "nul.txt": (b"cat\x00dog\n", "not a text file: it contains binary data"),
        "page.txt": (b"<!DOCTYPE html><html>", "(it looks like a web page)"),
        "photo.txt": (parrot.read_bytes(), "not a labels file (it looks like a JPEG image)"),
        "empty.txt": (b"", "has no labels"),
        "blank.txt": (b"\xef\xbb\xbf \r\n\n\t\n", "has no labels"),
    }
    for name, (data, words) in cases.items():
        (tmp_path / name).write_bytes(data)
        code, message = refused(tmp_path / name)
        assert code == "invalid_labels", name
        assert words in message, name
        assert name in message


def test_missing_file_and_folder(tmp_path: Path) -> None:
    assert refused(tmp_path / "absent.txt")[0] == "file_not_found"
    assert refused(tmp_path) == ("invalid_labels", f"'{tmp_path.name}' is a folder, "
                                 "not a labels file.")


def test_words_that_start_like_file_signatures_are_still_text(tmp_path: Path) -> None:
    path = tmp_path / "cars.txt"
    path.write_text("BMW\nMZ motorcycle\n", encoding="utf-8")
    assert load_labels(path).names == {0: "BMW", 1: "MZ motorcycle"}
    assert describe_bytes(b"BMW\n") == "a text file"
    assert describe_bytes(b"BM\x36\x0c\x00\x00\x00\x00") == "a BMP image"
    assert describe_bytes(bytes(16)) == "a file of only zero bytes"


# -- Detectors' label files ----------------------------------------------------------------------

def test_coral_coco_labels_mark_unused_ids_with_n_a(coral: Path) -> None:
    labels = load_labels(coral / "labels" / "coco_labels.txt")
    assert labels.name(0) == "person" and labels.name(12) == "stop sign"
    assert labels.name(11) == "class 11" and 11 in labels.gaps  # n/a: no class, not a name
    assert labels.count == 80 and len(labels.gaps) == 10
    assert labels.checked(90).warnings == ()  # the gaps are declared, nothing is missing
    assert labels.checked(91).warnings  # a class beyond the file is


def test_numbered_with_gaps_as_coral_writes_them() -> None:
    labels = parse_labels("0  person\n1  bicycle\n12  stop sign\n")
    assert (labels.name(0), labels.name(12), labels.name(5)) == ("person", "stop sign", "class 5")
    assert labels.gaps == frozenset()


def test_tf_object_detection_labelmap_starts_with_a_background_placeholder() -> None:
    labels = parse_labels("???\nperson\nbicycle\ncar\n???\nbus\n")
    assert [labels.name(i) for i in range(5)] == ["person", "bicycle", "car", "class 3", "bus"]
    assert labels.gaps == frozenset({3})


def test_a_file_of_placeholders_only_is_refused() -> None:
    for text in ("???\n", "n/a\nN/A\n"):
        with pytest.raises(AppError) as caught:
            parse_labels(text)
        assert caught.value.info.code == "invalid_labels"
        assert "only placeholders" in caught.value.info.message


def test_question_marks_inside_a_list_are_not_the_placeholder() -> None:
    labels = parse_labels("background\n???\nperson\n")
    assert (labels.name(0), labels.name(1), labels.name(2)) == ("background", "class 1", "person")

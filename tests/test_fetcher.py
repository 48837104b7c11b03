"""The fetcher against a real HTTP server on 127.0.0.1 serving the Coral files (no internet).

``MirrorServer`` can cut a connection part-way through a file, flip a byte, ignore Range
requests, or hold a response until a test releases it; the GUI test reuses it.
"""

from __future__ import annotations

import hashlib
import shutil
import socket
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from core.errors import AppError
from core.samples import manifest as manifest_module
from core.samples.fetcher import FetchProgress, fetch, resolve_source
from core.samples.manifest import (
    FileStatus,
    Manifest,
    ManifestEntry,
    check_file,
    file_digests,
    load_manifest,
)

PARROT = "images/parrot.jpg"
SMALL_MODEL = "models/mobilenet_v1_0.25_128_quant.tflite"
COCO = "labels/coco_labels.txt"


@dataclass
class MirrorServer:
    """Serves ``root`` over HTTP with switchable faults; records every request."""

    root: Path
    ranges: bool = True
    cut_once: dict[str, int] = field(default_factory=dict)  # path -> bytes sent before cutting
    cut_always: dict[str, int] = field(default_factory=dict)
    corrupt: set[str] = field(default_factory=set)
    corrupt_partial: bool = False  # flip a byte in every 206 body
    gate: threading.Event | None = None  # when set, responses wait for it
    requests: list[tuple[str, str]] = field(default_factory=list)  # (path, Range header)
    requested: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        mirror = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                mirror.handle(self)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever,
                                       kwargs={"poll_interval": 0.02}, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def requests_for(self, path: str) -> list[str]:
        return [rng for p, rng in self.requests if p == path]

    def handle(self, request: BaseHTTPRequestHandler) -> None:
        path = request.path.lstrip("/")
        range_header = request.headers.get("Range", "")
        self.requests.append((path, range_header))
        self.requested.set()
        if self.gate is not None:
            self.gate.wait(30)
        file = self.root / path
        if not file.is_file():
            request.send_error(404)
            return
        data = bytearray(file.read_bytes())
        if path in self.corrupt:
            data[len(data) // 2] ^= 0x01
        start = 0
        if self.ranges and range_header.startswith("bytes="):
            start = int(range_header[6:].split("-")[0])
        body = bytes(data[start:])
        if start:
            if self.corrupt_partial:
                body = bytes([body[0] ^ 0x01]) + body[1:]
            request.send_response(206)
            request.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
        else:
            request.send_response(200)
        request.send_header("Content-Length", str(len(body)))
        request.end_headers()
        cut = self.cut_always.get(path, self.cut_once.pop(path, None))
        if cut is not None:
            request.wfile.write(body[:cut])
            request.wfile.flush()
            request.close_connection = True
            request.connection.shutdown(socket.SHUT_RDWR)
            return
        request.wfile.write(body)

    def __enter__(self) -> MirrorServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.gate is not None:
            self.gate.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join()


@pytest.fixture(scope="module")
def manifest() -> Manifest:
    return load_manifest()


@pytest.fixture
def server(coral: Path) -> Iterator[MirrorServer]:
    with MirrorServer(coral) as mirror:
        yield mirror


def _entries(manifest: Manifest, *paths: str) -> list[ManifestEntry]:
    return [manifest.entry(p) for p in paths]


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _leftovers(dest: Path) -> list[Path]:
    return [p for p in dest.rglob("*.part")]


def test_download_installs_verified_files_and_reports_progress(
        server: MirrorServer, manifest: Manifest, tmp_path: Path) -> None:
    entries = _entries(manifest, COCO, SMALL_MODEL, PARROT)
    seen: list[FetchProgress] = []

    summary = fetch(entries, tmp_path, server.url, on_progress=seen.append)

    assert summary.ok and summary.installed == [COCO, SMALL_MODEL, PARROT]
    for entry in entries:
        assert _sha(tmp_path / entry.path) == entry.sha256
    assert _leftovers(tmp_path) == []
    done = [p.done_bytes for p in seen]
    assert done == sorted(done) and done[-1] == seen[-1].total_bytes == sum(e.size for e in entries)
    assert [p.file for p in seen if p.state == "installed"] == [COCO, SMALL_MODEL, PARROT]
    assert seen[-1].files_done == seen[-1].files_total == 3


def test_interrupted_transfer_is_resumed_with_a_range_request(
        server: MirrorServer, manifest: Manifest, tmp_path: Path) -> None:
    server.cut_once[PARROT] = 200_000
    final = tmp_path / PARROT
    sleeps: list[float] = []
    states: list[str] = []

    def on_progress(progress: FetchProgress) -> None:
        states.append(progress.state)
        if progress.state in ("fetching", "retrying"):
            assert not final.exists(), "a partial file appeared under its final name"

    summary = fetch(_entries(manifest, PARROT), tmp_path, server.url, on_progress=on_progress,
                    sleep=sleeps.append)

    assert summary.ok and summary.installed == [PARROT]
    assert server.requests_for(PARROT) == ["", "bytes=200000-"]
    assert "retrying" in states and sleeps == [1.0]
    assert _sha(final) == manifest.entry(PARROT).sha256
    assert _leftovers(tmp_path) == []


def test_interrupted_transfer_restarts_when_the_server_ignores_range(
        coral: Path, manifest: Manifest, tmp_path: Path) -> None:
    with MirrorServer(coral, ranges=False, cut_once={PARROT: 100_000}) as mirror:
        summary = fetch(_entries(manifest, PARROT), tmp_path, mirror.url, sleep=lambda s: None)
        assert mirror.requests_for(PARROT) == ["", "bytes=100000-"]
    assert summary.ok
    assert _sha(tmp_path / PARROT) == manifest.entry(PARROT).sha256


def test_a_resumed_file_that_does_not_verify_is_fetched_once_more_in_full(
        coral: Path, manifest: Manifest, tmp_path: Path) -> None:
    with MirrorServer(coral, corrupt_partial=True, cut_once={PARROT: 100_000}) as mirror:
        summary = fetch(_entries(manifest, PARROT), tmp_path, mirror.url, sleep=lambda s: None)
        assert mirror.requests_for(PARROT) == ["", "bytes=100000-", ""]
    assert summary.ok
    assert _sha(tmp_path / PARROT) == manifest.entry(PARROT).sha256


def test_hash_mismatch_is_refused_and_says_which_file_and_why(
        server: MirrorServer, manifest: Manifest, tmp_path: Path) -> None:
    server.corrupt.add(PARROT)
    expected = manifest.entry(PARROT).sha256

    summary = fetch(_entries(manifest, PARROT, COCO), tmp_path, server.url, sleep=lambda s: None)

    assert summary.installed == [COCO] and not summary.ok
    [failure] = summary.failed
    assert failure.path == PARROT and failure.error.code == "hash_mismatch"
    assert PARROT in failure.error.message and expected[:12] in failure.error.message
    assert "damaged or changed" in failure.error.message
    assert expected in failure.error.detail
    assert not (tmp_path / PARROT).exists() and _leftovers(tmp_path) == []
    assert len(server.requests_for(PARROT)) == 1  # a whole, wrong file is not worth retrying


def test_a_file_of_the_wrong_size_is_refused(manifest: Manifest, coral: Path,
                                              tmp_path: Path) -> None:
    mirror = tmp_path / "mirror"
    (mirror / "labels").mkdir(parents=True)
    (mirror / COCO).write_bytes((coral / COCO).read_bytes() + b"x")

    summary = fetch(_entries(manifest, COCO), tmp_path / "dest", mirror)

    assert [f.error.code for f in summary.failed] == ["size_mismatch"]
    assert str(manifest.entry(COCO).size) in summary.failed[0].error.message
    assert not (tmp_path / "dest" / COCO).exists()


def test_gives_up_after_the_last_attempt(server: MirrorServer, manifest: Manifest,
                                         tmp_path: Path) -> None:
    server.cut_always[PARROT] = 1000
    sleeps: list[float] = []

    summary = fetch(_entries(manifest, PARROT), tmp_path, server.url, sleep=sleeps.append)

    assert [f.error.code for f in summary.failed] == ["fetch_failed"]
    assert "stopped after" in summary.failed[0].error.message
    assert len(server.requests_for(PARROT)) == 3 and sleeps == [1.0, 2.0]
    assert not (tmp_path / PARROT).exists() and _leftovers(tmp_path) == []


def test_missing_file_on_the_mirror_is_not_retried(server: MirrorServer, manifest: Manifest,
                                                   tmp_path: Path) -> None:
    ghost = replace(manifest.entry(COCO), path="labels/not_there.txt")
    sleeps: list[float] = []

    summary = fetch([ghost], tmp_path, server.url, sleep=sleeps.append)

    assert [f.error.code for f in summary.failed] == ["fetch_failed"]
    assert "404" in summary.failed[0].error.message
    assert len(server.requests_for("labels/not_there.txt")) == 1 and sleeps == []


def test_an_unreachable_source_is_not_tried_for_every_file(manifest: Manifest,
                                                           tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port that nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]

    summary = fetch(_entries(manifest, COCO, PARROT), tmp_path, f"http://127.0.0.1:{port}",
                    sleep=lambda s: None, attempts=2)

    assert [f.path for f in summary.failed] == [COCO] and summary.not_tried == [PARROT]
    assert not summary.ok


def test_verified_files_are_skipped_and_damaged_ones_replaced(
        coral: Path, manifest: Manifest, tmp_path: Path) -> None:
    for path in (COCO, PARROT):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(coral / COCO, tmp_path / COCO)
    (tmp_path / PARROT).write_bytes(b"not a parrot")

    summary = fetch(_entries(manifest, COCO, PARROT), tmp_path, coral)

    assert summary.skipped == [COCO] and summary.installed == [PARROT]
    assert _sha(tmp_path / PARROT) == manifest.entry(PARROT).sha256


def test_cancel_stops_between_chunks_and_keeps_nothing(
        server: MirrorServer, manifest: Manifest, tmp_path: Path) -> None:
    cancel = threading.Event()

    def on_progress(progress: FetchProgress) -> None:
        if progress.file == PARROT and progress.state == "fetching":
            cancel.set()

    summary = fetch(_entries(manifest, COCO, PARROT, SMALL_MODEL), tmp_path, server.url,
                    on_progress=on_progress, cancel=cancel)

    assert summary.cancelled and summary.installed == [COCO] and not summary.ok
    assert not (tmp_path / PARROT).exists() and not (tmp_path / SMALL_MODEL).exists()
    assert _leftovers(tmp_path) == []
    assert server.requests_for(SMALL_MODEL) == []


def test_resolve_source(tmp_path: Path) -> None:
    assert resolve_source(None).kind == "manifest"
    assert resolve_source("https://mirror.example/coral/").location == (
        "https://mirror.example/coral")
    assert resolve_source(tmp_path.as_uri()).location == str(tmp_path.resolve())
    with pytest.raises(AppError) as caught:
        resolve_source(tmp_path / "absent")
    assert caught.value.info.code == "source_not_found"
    assert "absent" in caught.value.info.message


# -- Files pinned by their git blob id ------------------------------------------------------------

FACE = "mobilenet_ssd_v2_face_quant_postprocess_edgetpu.tflite"
FACE_BLOB = "5032e476f1fbac987388c7c122ca65111fdd530a"  # detection/SOURCES.md


def _blob_entry(path: str, blob: str) -> ManifestEntry:
    return ManifestEntry(path=path, kind="model", size=0, sha256="", git_blob=blob,
                         url="https://example.invalid/" + path, license="Apache-2.0")


def test_git_blob_ids_are_what_git_and_upstream_name_the_files(coral: Path,
                                                                tmp_path: Path) -> None:
    assert file_digests(coral / "detection" / FACE)[1] == FACE_BLOB
    assert file_digests(coral / COCO)[1] == "e6e413857619e7e4e892769d5b134b803454fa28"
    odd = tmp_path / "odd.bin"
    odd.write_bytes(b"\x00blob 3\x00abc\n" * 1000)
    if shutil.which("git"):
        named = subprocess.run(["git", "hash-object", str(odd)], capture_output=True,
                               text=True, check=True).stdout.strip()
        assert file_digests(odd)[1] == named


def test_a_file_pinned_by_git_blob_id_is_copied_and_verified(coral: Path,
                                                              tmp_path: Path) -> None:
    source = tmp_path / "stick"
    (source / "models").mkdir(parents=True)
    shutil.copyfile(coral / "detection" / FACE, source / "models" / FACE)
    entry = _blob_entry("models/" + FACE, FACE_BLOB)

    summary = fetch([entry], tmp_path / "dest", source)

    assert summary.ok and summary.installed == [entry.path]
    assert check_file(entry, entry.local_path(tmp_path / "dest")) is FileStatus.VERIFIED
    assert check_file(entry, entry.local_path(tmp_path / "dest"), full=False) \
        is FileStatus.VERIFIED  # no size to compare: hashed all the same


def test_a_file_that_is_not_the_pinned_blob_is_refused(coral: Path, tmp_path: Path) -> None:
    source = tmp_path / "stick"
    (source / "models").mkdir(parents=True)
    data = bytearray((coral / "detection" / FACE).read_bytes())
    data[1000] ^= 0x01
    (source / "models" / FACE).write_bytes(bytes(data))
    entry = _blob_entry("models/" + FACE, FACE_BLOB)

    summary = fetch([entry], tmp_path / "dest", source)

    [failure] = summary.failed
    assert failure.error.code == "hash_mismatch"
    assert f"not {FACE_BLOB[:12]}…" in failure.error.message
    assert "git blob id" in failure.error.message and FACE_BLOB in failure.error.detail
    assert not entry.local_path(tmp_path / "dest").exists()
    assert _leftovers(tmp_path / "dest") == []
    assert check_file(entry, source / "models" / FACE) is FileStatus.WRONG_HASH


def test_both_pins_are_checked(manifest: Manifest, coral: Path, tmp_path: Path) -> None:
    wrong_blob = replace(manifest.entry(COCO), git_blob="0" * 40)
    summary = fetch([wrong_blob], tmp_path, coral)
    assert [f.error.code for f in summary.failed] == ["hash_mismatch"]
    assert "git blob id" in summary.failed[0].error.message  # although its SHA-256 matched


def test_a_download_of_no_stated_size_is_resumed_and_verified(coral: Path,
                                                               tmp_path: Path) -> None:
    entry = _blob_entry(COCO, "e6e413857619e7e4e892769d5b134b803454fa28")
    with MirrorServer(coral, cut_once={COCO: 300}) as mirror:
        summary = fetch([entry], tmp_path, mirror.url, sleep=lambda s: None)
        assert mirror.requests_for(COCO) == ["", "bytes=300-"]
    assert summary.ok
    assert _sha(tmp_path / COCO) == _sha(coral / COCO)


def test_a_download_of_no_stated_size_stops_at_the_cap(coral: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(manifest_module, "MAX_UNSIZED", 500)
    entry = _blob_entry(COCO, "e6e413857619e7e4e892769d5b134b803454fa28")
    with MirrorServer(coral) as mirror:
        summary = fetch([entry], tmp_path, mirror.url, sleep=lambda s: None)
    assert [f.error.code for f in summary.failed] == ["size_mismatch"]
    assert "more than 500" in summary.failed[0].error.message
    assert not (tmp_path / COCO).exists() and _leftovers(tmp_path) == []

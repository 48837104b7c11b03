"""Download (or copy) the manifest's files, verify them, and install them atomically.

Bytes go to a temporary file of a unique name beside the final file (``.NAME.XXXX.part``, same
filesystem, so that concurrent fetches into one folder cannot collide) and are renamed over the
final name only after the size and the hashes the manifest pins (SHA-256, git blob id) match, so
a crash, a cancel or a damaged mirror never leaves a wrong file under a real name. An interrupted
HTTP transfer is resumed with a Range request when the server allows it and restarted otherwise.
Runs on any thread: ``cancel`` is checked between chunks and during back-off, progress arrives
through a callback.
"""

from __future__ import annotations

import http.client
import itertools
import os
import tempfile
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from core.errors import AppError, ErrorInfo, fail
from core.io.files import is_regular_file, open_regular
from core.io.outputs import mode_for
from core.io.paths import expand_user, folder_problem, resolve_safely
from core.samples.manifest import FileStatus, ManifestEntry, check_file, hash_problem

CHUNK = 64 * 1024
USER_AGENT = "edgetpu-compare (sample model fetcher)"


@dataclass(frozen=True)
class Source:
    """Where files come from: the manifest's URLs, a mirror base URL, or a local folder."""

    kind: str  # "manifest" | "url" | "folder"
    location: str = ""

    def describe(self) -> str:
        return {"manifest": "Coral's GitHub repositories"}.get(self.kind, self.location)


@dataclass(frozen=True)
class FetchProgress:
    """``state`` is "fetching" while bytes flow, then "retrying", "installed", "skipped" or
    "failed" once per file. Byte counts cover all files; skipped files count as done."""

    file: str
    done_bytes: int
    total_bytes: int
    files_done: int
    files_total: int
    state: str = "fetching"
    file_done: int = 0
    file_total: int = 0
    message: str = ""  # why, for "retrying" and "failed"


@dataclass(frozen=True)
class FetchFailure:
    path: str
    error: ErrorInfo


@dataclass
class FetchSummary:
    installed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[FetchFailure] = field(default_factory=list)
    not_tried: list[str] = field(default_factory=list)  # after the source proved unreachable
    cancelled: bool = False

    @property
    def ok(self) -> bool:
        return not self.failed and not self.not_tried and not self.cancelled


class _Cancelled(Exception):
    pass


class _Retry(Exception):
    """A transient failure: try again (resuming from what the .part file holds)."""

    def __init__(self, entry: ManifestEntry, url: str, reason: str,
                 unreachable: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        # Unreachable is said in plain words; the system's own ("[Errno -2] Name or service
        # not known") stays in the detail for whoever diagnoses it.
        self.info = (fail("no_network", detail=f"{url}: {reason}").info if unreachable
                     else _fetch_error(entry, url, reason))
        self.unreachable = unreachable


class _Unreachable(AppError):
    """Every attempt failed before a connection was made: the other files are not tried."""


def resolve_source(source: str | Path | None) -> Source:
    """Interpret ``--from``: nothing, an http(s) mirror base URL, or an existing folder."""
    if source is None or str(source) == "":
        return Source("manifest")
    text = str(source)
    scheme = text.partition("://")[0].lower() if "://" in text else ""
    if scheme in ("http", "https"):
        return Source("url", _checked_url(text).rstrip("/"))
    if scheme == "file":
        text = urllib.request.url2pathname(_split(text).path)
    elif scheme:
        raise fail("source_not_found", f"{text} is a {scheme[:20]} address, which "
                   "cannot be fetched from.", _SOURCE_REMEDY)
    folder = expand_user(text)
    problem = folder_problem(folder)
    if problem:
        raise fail("source_not_found", f"The folder {folder} {problem}.", _SOURCE_REMEDY)
    return Source("folder", str(resolve_safely(folder)))


_SOURCE_REMEDY = ("Give the folder that holds models/, labels/ and images/ (for example a copy "
                  "of ../shared/coral), or an http(s) address.")


def _split(text: str) -> urllib.parse.SplitResult:
    try:
        return urllib.parse.urlsplit(text)
    except ValueError as exc:
        raise fail("source_not_found", f"{text} is not a valid address ({exc}).",
                   _SOURCE_REMEDY) from None


def _checked_url(text: str) -> str:
    """An http(s) address whose host and port can be used; ``source_not_found`` otherwise."""
    parts = _split(text)
    try:
        host, _port = parts.hostname, parts.port  # a port out of range raises here
    except ValueError as exc:
        raise fail("source_not_found", f"{text} is not a valid address ({exc}).",
                   _SOURCE_REMEDY) from None
    if not host:
        raise fail("source_not_found", f"{text} names no server.", _SOURCE_REMEDY)
    return text



_MAX_ENTRIES = 256  # a source folder's entries looked at for task folders, at most


def _origin_in(root: Path, entry: ManifestEntry) -> Path:
    """Where ``entry`` lies in a sample folder: at its own path (models/, labels/, images/), or
    else by its name at the top or one folder down (a stick arranged by task: segmentation/,
    pose/). Whatever is found is checked against the manifest's size and hash before use."""
    own = entry.local_path(root)
    if own.is_file():
        return own
    name = PurePosixPath(entry.path).name
    try:
        children = list(itertools.islice(root.iterdir(), _MAX_ENTRIES))
    except OSError:
        return own
    around = [root / name, *sorted(child / name for child in children
                                   if child.is_dir() and not child.is_symlink())]
    return next((path for path in around if path.is_file()), own)


def fetch(entries: Sequence[ManifestEntry], dest: Path,
          source: str | Path | Source | None = None, *,
          on_progress: Callable[[FetchProgress], None] | None = None,
          cancel: threading.Event | None = None, attempts: int = 3, timeout: float = 20.0,
          sleep: Callable[[float], None] | None = None, backoff: float = 1.0) -> FetchSummary:
    """Install every entry under ``dest``; files already there and verified are skipped.

    Raises ``AppError`` only for a bad ``source`` or an unwritable ``dest``; a file that fails
    is reported in the summary and the others go on. ``sleep`` replaces the back-off wait
    (tests pass a no-op); by default the wait ends early on cancel.
    """
    src = source if isinstance(source, Source) else resolve_source(source)
    try:
        dest.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        problem = folder_problem(dest)
        why = f": it {problem}" if problem and problem != "does not exist" else ""
        raise fail("io_error", f"The folder {dest} cannot be created{why}.",
                   detail=str(exc)) from None
    cancel = cancel or threading.Event()
    wait = sleep or cancel.wait
    fetcher = _Fetcher(src, dest, on_progress, cancel, max(1, attempts), timeout, wait, backoff)
    return fetcher.run(entries)


class _Fetcher:
    def __init__(self, source: Source, dest: Path,
                 on_progress: Callable[[FetchProgress], None] | None, cancel: threading.Event,
                 attempts: int, timeout: float, sleep: Callable[[float], object],
                 backoff: float) -> None:
        self.source, self.dest, self.cancel = source, dest, cancel
        self.on_progress = on_progress
        self.attempts, self.timeout, self.sleep, self.backoff = attempts, timeout, sleep, backoff
        self.done_before = 0  # bytes of files finished (or skipped) so far
        self.total = 0
        self.files_done = 0
        self.files_total = 0
        self.resumed = False  # the current file was continued with a Range request

    def run(self, entries: Sequence[ManifestEntry]) -> FetchSummary:
        summary = FetchSummary()
        self.total = sum(e.size for e in entries)
        self.files_total = len(entries)
        for index, entry in enumerate(entries):
            if self.cancel.is_set():
                summary.cancelled = True
                break
            final = entry.local_path(self.dest)
            state = "installed"
            try:
                if check_file(entry, final) is FileStatus.VERIFIED:
                    state = "skipped"
                    summary.skipped.append(entry.path)
                else:
                    self._install(entry, final)
                    summary.installed.append(entry.path)
            except _Cancelled:
                summary.cancelled = True
                break
            except _Unreachable as exc:
                summary.failed.append(FetchFailure(entry.path, exc.info))
                summary.not_tried.extend(e.path for e in entries[index + 1:])
                self._report(entry, 0, "failed", exc.info.message)
                break
            except AppError as exc:
                state = "failed"
                summary.failed.append(FetchFailure(entry.path, exc.info))
            self.done_before += entry.size
            self.files_done += 1
            message = summary.failed[-1].error.message if state == "failed" else ""
            self._report(entry, entry.size if state != "failed" else 0, state, message)
        return summary

    def _report(self, entry: ManifestEntry, file_done: int, state: str = "fetching",
                message: str = "") -> None:
        if self.on_progress is not None:
            done = self.done_before + (file_done if state in ("fetching", "retrying") else 0)
            self.on_progress(FetchProgress(entry.path, done, self.total, self.files_done,
                                           self.files_total, state, file_done, entry.size,
                                           message))

    def _install(self, entry: ManifestEntry, final: Path) -> None:
        """Fetch into a temporary file of a unique name beside ``final``, then rename it: two
        fetches into one folder never share (or delete) each other's partial file."""
        try:
            final.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise fail("io_error", f"Cannot write into {final.parent}.", detail=str(exc)) from None
        if os.path.lexists(final) and not is_regular_file(final):
            raise fail("io_error", f"{final} is in the way: it is a folder (or another thing "
                       f"that is not a file) where {entry.name} belongs.",
                       "Move or rename it, then run 'edgetpu-compare models fetch' again.")
        try:
            fd, name = tempfile.mkstemp(prefix=f".{final.name}.", suffix=".part",
                                        dir=final.parent)
            os.close(fd)
        except OSError as exc:
            raise fail("io_error", f"Cannot write into {final.parent}.", detail=str(exc)) from None
        part = Path(name)
        try:
            self.resumed = False
            self._transfer_with_retries(entry, part)
            try:
                self._verify(entry, part)
            except AppError:
                if not self.resumed:
                    raise
                # Pieces from two responses may not fit together: one clean transfer decides.
                part.unlink(missing_ok=True)
                self._transfer_with_retries(entry, part)
                self._verify(entry, part)
            try:
                os.chmod(part, mode_for(final))  # mkstemp made it 0600; like any other output
                os.replace(part, final)
            except OSError as exc:
                raise fail("io_error", f"{final} cannot be replaced ({exc.strerror}).",
                           "Move or rename it, then run 'edgetpu-compare models fetch' "
                           "again.") from None
        finally:
            part.unlink(missing_ok=True)

    def _transfer_with_retries(self, entry: ManifestEntry, part: Path) -> None:
        for attempt in range(1, self.attempts + 1):
            try:
                self._transfer(entry, part)
                return
            except _Retry as exc:
                if attempt == self.attempts:
                    error_type = _Unreachable if exc.unreachable else AppError
                    raise error_type(exc.info) from None
                self._report(entry, _size(part), "retrying", exc.reason)
                self.sleep(self.backoff * attempt)
                if self.cancel.is_set():
                    raise _Cancelled from None

    def _transfer(self, entry: ManifestEntry, part: Path) -> None:
        if self.source.kind == "folder":
            self._copy(entry, part)
        else:
            url = entry.url if self.source.kind == "manifest" else (
                f"{self.source.location}/{urllib.parse.quote(entry.path)}")
            self._download(entry, url, part)

    def _copy(self, entry: ManifestEntry, part: Path) -> None:
        origin = _origin_in(Path(self.source.location), entry)
        try:
            reader = open_regular(origin, "fetch_failed", "sample file")
        except AppError as exc:
            if exc.info.code == "file_not_found":
                raise fail("fetch_failed", f"{entry.path} is not in {self.source.location}.",
                           "Copy the complete sample folder (models/, labels/, images/) and "
                           "try again.") from None
            raise fail("fetch_failed", f"{entry.path} in {self.source.location} cannot be "
                       f"used: {exc.info.message}", "Replace it in the source folder with the "
                       "real file, or fetch from another source.") from None
        try:
            with reader, part.open("wb") as writer:
                self._pump(entry, reader, writer, 0)
        except OSError as exc:
            raise fail("io_error", f"Cannot copy {entry.name} into {part.parent}.",
                       detail=str(exc)) from None

    def _download(self, entry: ManifestEntry, url: str, part: Path) -> None:
        have = _size(part)
        headers = {"User-Agent": USER_AGENT}
        if 0 < have < entry.limit:
            headers["Range"] = f"bytes={have}-"
        else:
            have = 0
        request = urllib.request.Request(url, headers=headers)
        try:
            response = urllib.request.urlopen(request, timeout=self.timeout)
        except urllib.error.HTTPError as exc:
            raise self._http_error(entry, url, exc, part) from None
        except (urllib.error.URLError, http.client.HTTPException, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise _Retry(entry, url, str(reason), unreachable=True) from None
        try:
            with response:
                start = _resume_offset(response, have)
                if start is None:  # a range we did not ask for: start again from the first byte
                    part.unlink(missing_ok=True)
                    raise _Retry(entry, url, "the server sent the wrong part")
                self.resumed = self.resumed or start > 0
                expected = entry.size or _declared_end(response, start)
                with part.open("r+b" if start else "wb") as writer:
                    writer.seek(start)
                    writer.truncate()
                    got = self._pump(entry, response, writer, start)
        except (http.client.HTTPException, OSError) as exc:
            raise _Retry(entry, url, str(exc) or type(exc).__name__) from None
        if got < expected:
            raise _Retry(entry, url, f"the transfer stopped after {got} of {expected} bytes")

    @staticmethod
    def _http_error(entry: ManifestEntry, url: str, exc: urllib.error.HTTPError,
                    part: Path) -> Exception:
        exc.close()
        if exc.code == 416:  # our Range was refused: start again from the first byte
            part.unlink(missing_ok=True)
            return _Retry(entry, url, f"HTTP {exc.code}")
        reason = f"HTTP {exc.code} {exc.reason}"
        if exc.code in (408, 429) or exc.code >= 500:
            return _Retry(entry, url, reason)
        return AppError(_fetch_error(entry, url, reason))

    def _pump(self, entry: ManifestEntry, reader: BinaryIO | http.client.HTTPResponse,
              writer: BinaryIO, start: int) -> int:
        """Copy chunks until EOF; stop early on cancel or on more bytes than the manifest's."""
        got = start
        read = getattr(reader, "read1", reader.read)  # returns what has arrived: prompt cancel
        while True:
            if self.cancel.is_set():
                raise _Cancelled
            chunk = read(CHUNK)
            if not chunk:
                return got
            got += len(chunk)
            if got > entry.limit:
                raise _size_error(entry, f"more than {entry.limit}")
            writer.write(chunk)
            self._report(entry, got)

    def _verify(self, entry: ManifestEntry, part: Path) -> None:
        size = _size(part)
        if entry.size and size != entry.size:
            raise _size_error(entry, str(size))
        problem = hash_problem(entry, part)
        if problem:
            raise fail(
                "hash_mismatch",
                f"{entry.path} was refused: {problem} as the manifest says, so the source's "
                "copy is damaged or changed.",
                detail=f"expected sha256 {entry.sha256 or '-'}, git blob {entry.git_blob or '-'}")


def _resume_offset(response: http.client.HTTPResponse, have: int) -> int | None:
    """Where the body starts in the file: 0 for a full body, ``have`` for the 206 we asked
    for, None for any other partial answer."""
    if response.status != 206:
        return 0
    content_range = response.headers.get("Content-Range", "")
    try:
        first = int(content_range.split()[1].split("-")[0])
    except (IndexError, ValueError):
        return None
    return have if have and first == have else None


def _declared_end(response: http.client.HTTPResponse, start: int) -> int:
    """Where the server says the body ends (``start`` + Content-Length), or 0 when it does not
    say: for a file of no stated size, the only way to tell a cut transfer from a whole one."""
    length = response.headers.get("Content-Length", "")
    return start + int(length) if length.isdigit() else 0


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _fetch_error(entry: ManifestEntry, url: str, reason: str) -> ErrorInfo:
    return fail("fetch_failed", f"{entry.path} could not be downloaded ({reason}).",
                detail=url).info


def _size_error(entry: ManifestEntry, actual: str) -> AppError:
    return fail("size_mismatch",
                f"{entry.path} was refused: it has {actual} bytes, not {entry.size} as the "
                f"manifest says, so the source's copy is damaged or changed.")

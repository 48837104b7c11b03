"""What the person has chosen to run: a model pair, labels, an image, and how to list them.

Plain Python (the widgets only display it): a model and its ``_edgetpu`` twin are one entry,
labels are looked for beside a newly chosen model unless the person picked labels themselves,
and the folder of the current model and the model folders (``--models-dir``,
``EDGETPU_COMPARE_MODELS``, the project's ``models/``, the user's data folder, where the sample
models are fetched to) are searched for other pairs to offer in the same list.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from core.errors import AppError, ErrorInfo
from core.inputs.model_info import ModelPair, find_labels_beside, read_model, resolve_pair
from core.inputs.model_scan import discover_pairs
from core.io.files import is_regular_file
from core.measure.session import RunRequest
from core.results.records import RunRecord
from core.samples.known_samples import sample_pictures, sample_title
from core.tasks.model_task import model_task
from core.tasks.runnable import runnable_info

translate = QCoreApplication.translate
Entries = tuple[list[tuple[str, str]], str | None]
MAX_DISCOVERED = 40
Stamp = tuple[int, int]


@dataclass(frozen=True)
class ModelLook:
    """What the model list says of a file, read from the file (never its name)."""

    title: str  # the sample set's name for it ("MobileNet v2 (ImageNet)"), "" for another model
    task: str  # core.tasks.model_task's task, "" when the file cannot be read
    detector: bool  # it finds objects: the score threshold is its setting


UNREAD = ModelLook("", "", False)


def look_of(path: Path) -> ModelLook:
    """Read ``path`` once for the list: its title and its task."""
    try:
        info = read_model(path)
    except AppError:
        return UNREAD  # the run says what is wrong with it
    task = model_task(info)
    return ModelLook(sample_title(path, info.sha256), task.task, task.detection is not None)


def file_stamp(path: Path) -> Stamp | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_size)


def _size(path: Path) -> int:
    stamp = file_stamp(path)
    return stamp[1] if stamp else -1


def task_name(task: str) -> str:
    names = {"classification": translate("ModelChoice", "classification"),
             "detection": translate("ModelChoice", "object detection"),
             "segmentation": translate("ModelChoice", "segmentation"),
             "pose": translate("ModelChoice", "pose estimation"),
             "other": translate("ModelChoice", "other task")}
    return names.get(task, "")


def pair_title(pair: ModelPair, look: ModelLook = UNREAD) -> str:
    """``MobileNet v2 (iNaturalist Birds) · classification (CPU + Edge TPU)`` for a sample
    model; another model is called by its file name."""
    if pair.cpu and pair.edgetpu:
        sides = translate("ModelChoice", "CPU + Edge TPU")
    elif pair.edgetpu:
        sides = translate("ModelChoice", "Edge TPU only")
    else:
        sides = translate("ModelChoice", "CPU only")
    name = look.title or pair.name
    task = task_name(look.task)
    if not task:
        return translate("ModelChoice", "{name} ({sides})").format(name=name, sides=sides)
    return translate("ModelChoice", "{name} · {task} ({sides})").format(
        name=name, task=task, sides=sides)


def _key(pair: ModelPair) -> str:
    return str(pair.cpu or pair.edgetpu)


class ModelChoice:
    def __init__(self, models_dir: Path | None = None, background: bool = False) -> None:
        """``background``: folders are scanned elsewhere (the window's ``ModelScanner``) and
        handed in with ``take_scan``; otherwise they are scanned here, when needed."""
        self.models_dir = models_dir
        self.background = background
        self._library: list[ModelPair] | None = None  # found on first use, not at start-up
        # Listing recent models inspected each file at every refresh (32 ms for 8 models, on the
        # GUI thread, at every Run): resolve each file once while it is unchanged. A run still
        # validates its own files, so a stale entry could only mislabel the list.
        self._pairs: dict[Path, tuple[Stamp, ModelPair]] = {}
        self._looks: dict[Path, tuple[Stamp, ModelLook]] = {}
        self._pictures: list[Path] | None = None  # the sample pictures, found on first use
        self.pair: ModelPair | None = None
        self.labels: Path | None = None
        self.labels_chosen = False  # picked by the person: a new model does not replace them
        self.image: Path | None = None
        self.detector = False  # the chosen model finds objects: the threshold is its setting
        self._folder_pairs: list[ModelPair] = []
        # The last model chosen could not be used: shown as chosen (marked), and nothing runs
        # until another is chosen; running the previous model instead would measure what the
        # person just replaced.
        self.rejected: tuple[Path, ErrorInfo] | None = None

    def ready(self) -> bool:
        return self.pair is not None and self.image is not None

    def reject_model(self, path: Path, info: ErrorInfo) -> None:
        """``path`` was chosen as the model but cannot be used (``info`` says why)."""
        self.pair = None
        self.detector = False
        self.rejected = (path, info)

    def set_model(self, path: Path) -> Path | None:
        """Choose a model (either file of a pair); returns labels found beside it, if used."""
        pair = resolve_pair(path)
        self.pair = pair
        self.rejected = None
        self.detector = self.look(pair.cpu or pair.edgetpu or path).detector
        if self.background:
            self._folder_pairs = [p for p in self._folder_pairs
                                  if (p.cpu or p.edgetpu or path).parent == path.parent]
        else:
            try:
                self._folder_pairs = discover_pairs(path.parent, runnable_info)[:MAX_DISCOVERED]
            except AppError:
                self._folder_pairs = []
        if self.labels_chosen and self.labels is not None:
            return None
        found = find_labels_beside(pair.cpu or pair.edgetpu or path)
        self.labels = found
        return found

    def set_labels(self, path: Path | None, chosen: bool = True) -> None:
        """``chosen``: picked by the person, so a model opened next keeps them."""
        self.labels = path
        self.labels_chosen = chosen and path is not None

    def take_from_record(self, record: RunRecord) -> None:
        """Show the files a saved result was made with (even when they are not here any more)."""
        paths = [Path(str(b.model.get("path"))) for b in record.backends if b.model.get("path")]
        self.pair = None
        self.rejected = None
        self.detector = record.task == "detection"
        for path in paths:
            if is_regular_file(path):
                try:
                    self.set_model(path)
                    break
                except AppError:
                    continue
        if self.pair is None and paths:
            name = paths[0].stem.removesuffix("_edgetpu")
            cpu = next((p for p in paths if not p.stem.endswith("_edgetpu")), None)
            tpu = next((p for p in paths if p.stem.endswith("_edgetpu")), None)
            self.pair = ModelPair(name, cpu, tpu)
        labels = record.labels.get("path") if record.labels else None
        self.labels = Path(str(labels)) if labels else None
        self.labels_chosen = self.labels is not None
        image = record.image.get("path") if record.image else None
        self.image = Path(str(image)) if image else None

    def folder_for(self, kind: str) -> Path | None:
        model = self.pair and (self.pair.cpu or self.pair.edgetpu)
        if model is None and self.rejected is not None:
            model = self.rejected[0]
        current = {"model": model,
                   "labels": self.labels, "image": self.image}.get(kind)
        return current.parent if isinstance(current, Path) else None

    def request(self, count: int, threshold: float | None = None) -> RunRequest | None:
        """The run of the chosen files; ``threshold`` applies to a detector only (a classifier
        shows every class, as before)."""
        if self.pair is None or self.image is None:
            return None
        model = self.pair.cpu or self.pair.edgetpu
        assert model is not None
        return RunRequest(model=model, image=self.image, labels=self.labels,
                          edgetpu_model=self.pair.edgetpu if self.pair.cpu else None,
                          count=count, threshold=threshold if self.detector else None)

    # Entries for the pickers: (shown text, path) and the current path --------------------------

    def model_entries(self, recent: list[Path]) -> Entries:
        pairs: dict[str, ModelPair] = {}
        if self.pair is not None:
            pairs[_key(self.pair)] = self.pair
        for path in recent:
            if len(pairs) >= MAX_DISCOVERED or not is_regular_file(path):
                continue
            try:
                pair = self._resolve(path)
            except AppError:
                continue
            pairs.setdefault(_key(pair), pair)
        for pair in [*self._folder_pairs, *self.library_pairs()]:
            if len(pairs) < MAX_DISCOVERED:
                pairs.setdefault(_key(pair), pair)
        entries = [(pair_title(p, self.look(Path(k))), k) for k, p in pairs.items()]
        if self.rejected is not None:
            bad = self.rejected[0]
            entries.insert(0, (translate("ModelChoice", "{name} (cannot be used)").format(
                name=bad.name), str(bad)))
            return entries, str(bad)
        return entries, _key(self.pair) if self.pair else None

    def look(self, path: Path) -> ModelLook:
        """``look_of(path)``, read once while the file is unchanged."""
        stamp = file_stamp(path)
        if stamp is None:
            return UNREAD
        cached = self._looks.get(path)
        if cached is None or cached[0] != stamp:
            cached = (stamp, look_of(path))
            self._looks[path] = cached
        return cached[1]

    def _resolve(self, path: Path) -> ModelPair:
        stat = path.stat()
        stamp = (stat.st_mtime_ns, stat.st_size)
        cached = self._pairs.get(path)
        if cached is None or cached[0] != stamp:
            cached = (stamp, resolve_pair(path))
            self._pairs[path] = cached
        return cached[1]

    def folders_to_scan(self) -> list[Path]:
        """The current model's folder, then the model folders: what ``take_scan`` fills."""
        from core.samples.model_dirs import model_dirs

        current = self.pair and (self.pair.cpu or self.pair.edgetpu)
        folders = [current.parent] if current else []
        for folder in model_dirs(self.models_dir):
            folders += [folder / "models", folder]
        return folders

    def take_scan(self, pairs: list[ModelPair],
                  looks: dict[Path, tuple[Stamp, ModelLook]] | None = None) -> None:
        """The pairs a background scan of ``folders_to_scan`` found, and how the list shows
        them (read there, off the GUI thread). A scan follows a fetch: the pictures are looked
        for again."""
        self._looks.update(looks or {})
        self._pictures = None
        current = self.pair and (self.pair.cpu or self.pair.edgetpu)
        here = [p for p in pairs if current and (p.cpu or p.edgetpu or current).parent
                == current.parent]
        self._folder_pairs = here[:MAX_DISCOVERED]
        self._library = [p for p in pairs if p not in here]

    def library_pairs(self) -> list[ModelPair]:
        """Model pairs in the model folders, e.g. the fetched sample models."""
        if self._library is None and self.background:
            return []  # not scanned yet: the scan's result refreshes the list
        if self._library is None:
            from core.samples.model_dirs import model_dirs

            found: list[ModelPair] = []
            for folder in model_dirs(self.models_dir):
                for sub in (folder / "models", folder):
                    if sub.is_dir():
                        try:
                            found.extend(discover_pairs(sub, runnable_info))
                        except AppError:
                            continue
            self._library = found
        return self._library

    def labels_entries(self, recent: list[Path], none_text: str) -> Entries:
        paths = [p for p in dict.fromkeys([*([self.labels] if self.labels else []), *recent])
                 if p == self.labels or is_regular_file(p)]
        entries = [(none_text, "")] + [(p.name, str(p)) for p in paths]
        return entries, str(self.labels) if self.labels else ""

    def sample_pictures(self) -> list[Path]:
        """The sample pictures installed (fetched, copied, or the one inside the package)."""
        if self._pictures is None:
            self._pictures = sample_pictures(self.models_dir)
        return self._pictures

    def image_entries(self, recent: list[Path]) -> Entries:
        """The chosen picture, the recent ones, then the sample pictures not among them."""
        paths = [p for p in dict.fromkeys([*([self.image] if self.image else []), *recent])
                 if p == self.image or is_regular_file(p)]
        listed = {(p.name, _size(p)) for p in paths}  # the same picture from another folder
        paths += [p for p in self.sample_pictures()
                  if p not in paths and (p.name, _size(p)) not in listed]
        return [(p.name, str(p)) for p in paths], str(self.image) if self.image else None

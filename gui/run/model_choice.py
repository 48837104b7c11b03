"""What the person has chosen to run: a model pair, labels, an image, and how to list them.

Plain Python (the widgets only display it): a model and its ``_edgetpu`` twin are one entry,
labels are looked for beside a newly chosen model unless the person picked labels themselves,
and the folder of the current model and the model folders (``--models-dir``,
``EDGETPU_COMPARE_MODELS``, the project's ``models/``, the user's data folder, where the sample
models are fetched to) are searched for other pairs to offer in the same list.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication

from core.errors import AppError, ErrorInfo
from core.inputs.model_info import ModelPair, find_labels_beside, read_model, resolve_pair
from core.inputs.model_scan import discover_pairs
from core.io.files import is_regular_file
from core.measure.session import RunRequest
from core.results.records import RunRecord
from core.tasks.model_task import model_task
from core.tasks.runnable import runnable_info

translate = QCoreApplication.translate
Entries = tuple[list[tuple[str, str]], str | None]
MAX_DISCOVERED = 40


def pair_title(pair: ModelPair) -> str:
    """``mobilenet_v2_1.0_224_inat_bird_quant (CPU + Edge TPU)``."""
    if pair.cpu and pair.edgetpu:
        sides = translate("ModelChoice", "CPU + Edge TPU")
    elif pair.edgetpu:
        sides = translate("ModelChoice", "Edge TPU only")
    else:
        sides = translate("ModelChoice", "CPU only")
    return f"{pair.name} ({sides})"


def _key(pair: ModelPair) -> str:
    return str(pair.cpu or pair.edgetpu)


def _is_detector(path: Path) -> bool:
    """Read from the model, never its name; a file that cannot be read is no detector (the run
    says what is wrong with it)."""
    try:
        return model_task(read_model(path)).detection is not None
    except AppError:
        return False


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
        self._pairs: dict[Path, tuple[tuple[int, int], ModelPair]] = {}
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
        self.detector = _is_detector(pair.cpu or pair.edgetpu or path)
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
        entries = [(pair_title(p), k) for k, p in pairs.items()]
        if self.rejected is not None:
            bad = self.rejected[0]
            entries.insert(0, (translate("ModelChoice", "{name} (cannot be used)").format(
                name=bad.name), str(bad)))
            return entries, str(bad)
        return entries, _key(self.pair) if self.pair else None

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

    def take_scan(self, pairs: list[ModelPair]) -> None:
        """The pairs a background scan of ``folders_to_scan`` found."""
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

    def image_entries(self, recent: list[Path]) -> Entries:
        paths = [p for p in dict.fromkeys([*([self.image] if self.image else []), *recent])
                 if p == self.image or is_regular_file(p)]
        return [(p.name, str(p)) for p in paths], str(self.image) if self.image else None

"""``edgetpu-compare [gui] [--model M] [--labels L] [--image I]
[--kiosk [--lock] [--image-folder DIR]] [--backend SPEC]... [--baseline ID]
[--lang system|en|ja] [--theme system|light|dark] [--models-dir DIR]``: open the comparison
window, or booth mode, on the given backends."""

from __future__ import annotations

import argparse
from pathlib import Path

from core.errors import fail
from core.io.paths import folder_problem
from core.measure.backend_choice import MAX_BACKENDS, BackendSet
from core.measure.backends import assign_ids, parse_backend_spec
from core.measure.watchdog import default_log_path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--model", type=Path, help="the .tflite model (either file of a pair)")
    parser.add_argument("--labels", type=Path, help="the labels file")
    parser.add_argument("--image", type=Path, help="the picture the model is run on")
    parser.add_argument("--kiosk", action="store_true",
                        help="start in booth mode: full screen, an endless loop over a folder "
                             "of pictures (Esc leaves). The day's events (a backend that stopped "
                             "answering, a device unplugged, a broken picture) are written to "
                             f"{default_log_path()}")
    parser.add_argument("--lock", action="store_true",
                        help="with --kiosk: Esc, F11 and closing the window do nothing, so that "
                             "visitors cannot leave booth mode; Ctrl+Alt+Q (shown nowhere on "
                             "screen) leaves. The setting booth/lock=on does the same")
    parser.add_argument("--image-folder", type=Path, metavar="DIR",
                        help="the pictures booth mode loops over (default: the sample images)")
    parser.add_argument("--models-dir", type=Path, metavar="DIR",
                        help="where sample models are looked for and fetched to (searched "
                             "before EDGETPU_COMPARE_MODELS and your data folder)")
    parser.add_argument("--backend", action="append", metavar="SPEC",
                        help="a backend to compare, as for 'run' (repeatable, up to four; "
                             "default: as last chosen in the window)")
    parser.add_argument("--baseline", metavar="ID",
                        help="the backend the others are compared with (cpu, cpu-2, ...)")
    parser.add_argument("--lang", choices=("system", "en", "ja"),
                        help="language of the window (default: as last chosen in the window, "
                             "else the system's)")
    parser.add_argument("--theme", choices=("system", "light", "dark"),
                        help="colour theme (default: as last chosen in the window, else the "
                             "system's)")


def run(args: argparse.Namespace) -> int:
    from gui.app.application import make_app
    from gui.window.main_window import MainWindow

    if args.lock and not args.kiosk:
        raise fail("usage", "--lock locks booth mode, which only --kiosk starts.",
                   "Add --kiosk, e.g. edgetpu-compare --kiosk --lock.")
    problem = folder_problem(args.image_folder) if args.image_folder is not None else ""
    if problem:
        raise fail("usage", f"The picture folder {args.image_folder} {problem}.",
                   "Give --image-folder a folder that holds JPEG, PNG or BMP pictures.")
    chosen = backend_set_from_args(args)
    app = make_app()
    from gui.look import theme, translations
    from gui.window.settings import Settings

    settings = Settings()
    translations.install_translator(app, args.lang or settings.language())
    theme.apply_theme(app, args.theme or settings.theme())
    given = [args.model, args.labels, args.image]
    window = MainWindow(settings, restore_files=not any(given), models_dir=args.models_dir)
    if chosen is not None:
        window.set_backends(chosen, remember=False)  # for this session: the flags say so
    if args.model is not None:
        window.open_path(args.model, "model")
    if args.labels is not None:
        window.open_path(args.labels, "labels")
    if args.image is not None:
        window.open_path(args.image, "image")
    if args.kiosk:
        window.enter_booth(args.image_folder, lock=True if args.lock else None)
    else:
        window.show()
    from gui.app.quit_signals import stop_on_signals

    with stop_on_signals() as stopped:
        code = int(app.exec())
    if stopped:
        window.close()  # stops a run and reaps its workers, as closing the window does
        return 128 + stopped[0]
    return code


def backend_set_from_args(args: argparse.Namespace) -> BackendSet | None:
    """``--backend`` and ``--baseline`` as the window's set; None when not given. Bad text is a
    usage error (exit 2) before any window opens."""
    if not args.backend:
        if args.baseline:
            raise fail("usage", "--baseline needs the --backend options it chooses from.",
                       "Add --backend for each backend, e.g. --backend cpu --backend edgetpu.")
        return None
    specs = [parse_backend_spec(text) for text in args.backend]
    if len(specs) > MAX_BACKENDS:
        raise fail("usage", f"The window compares at most {MAX_BACKENDS} backends.",
                   f"Give --backend at most {MAX_BACKENDS} times (edgetpu-compare run takes more).")
    chosen = BackendSet.of(specs)
    if args.baseline:
        ids = assign_ids(specs)
        if args.baseline not in ids:
            raise fail("usage", f"--baseline {args.baseline} is not one of the backends given.",
                       f"Use one of: {', '.join(ids)}.")
        chosen = chosen.with_baseline(ids.index(args.baseline))
    return chosen

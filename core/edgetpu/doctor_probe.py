"""Run a risky native call in a throw-away process, so that a crash becomes a report.

Loading libedgetpu or its delegate can segfault (a libedgetpu built for another TensorFlow Lite
version does), and a crash in the doctor's own process would take the window or the command down
with it. Each probe runs in a *spawned* process (never forked: a fork would copy Qt and threads),
sends back one small tuple, and is killed if it does not answer in time.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from core.edgetpu.advice import edgetpu_advice
from core.edgetpu.failures import crash_description
from core.io.numbers import is_digits
from core.io.temp_files import prefix, temp_dir

PROBE_TIMEOUT_S = 15.0


@dataclass(frozen=True)
class ProbeResult:
    """How a probe ended: "ok" (with ``value``), "error" (``text``), "crashed" or "timeout"."""

    status: str
    value: str = ""
    text: str = ""
    exit_code: int | None = None
    log: str = ""  # what the native code wrote to stderr (libedgetpu logs USB errors there)

    def describe(self) -> str:
        """One line for a report."""
        if self.status == "ok":
            return self.value or "ok"
        if self.status == "crashed":
            how = crash_description(self.exit_code) or f"exit code {self.exit_code}"
            return f"the probe process died with {how}"
        if self.status == "timeout":
            return "the probe process did not answer in time"
        return self.text


def run_isolated(target: Callable[..., str], args: tuple[Any, ...] = (),
                 timeout: float = PROBE_TIMEOUT_S) -> ProbeResult:
    """Call ``target(*args)`` in a spawned process; it returns a string or raises.

    ``target`` must be a module-level function (spawn pickles it by name).
    """
    with tempfile.TemporaryDirectory(prefix=prefix("probe"), dir=temp_dir()) as folder:
        log_path = os.path.join(folder, "stderr.txt")
        result = _run(target, args, timeout, log_path)
        try:
            with open(log_path, encoding="utf-8", errors="replace") as log:
                text = log.read().strip()
        except OSError:
            text = ""
    return ProbeResult(result.status, result.value, result.text, result.exit_code, text[-4000:])


def _run(target: Callable[..., str], args: tuple[Any, ...], timeout: float,
         log_path: str) -> ProbeResult:
    context = multiprocessing.get_context("spawn")
    parent, child = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(child, target, args, log_path), daemon=True)
    process.start()
    child.close()  # so that the parent sees end-of-file when the child dies
    message: tuple[str, str] | None = None
    answered = parent.poll(timeout)  # True also at end-of-file: the child has died
    if answered:
        try:
            message = parent.recv()
        except EOFError:
            message = None
    parent.close()
    timed_out = not answered and process.is_alive()
    if timed_out:
        process.kill()
    process.join(5.0)
    if message is not None:
        status, text = message
        return ProbeResult("ok", value=text) if status == "ok" else ProbeResult("error", text=text)
    if timed_out:
        return ProbeResult("timeout", exit_code=process.exitcode)
    return ProbeResult("crashed", exit_code=process.exitcode)


def _child(conn: Connection, target: Callable[..., str], args: tuple[Any, ...],
           log_path: str) -> None:
    log = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.dup2(log, 2)  # native messages too, and they survive a crash
    os.close(log)
    sys.unraisablehook = lambda _info: None  # a half-made Delegate complains in __del__
    try:
        value = target(*args)
        conn.send(("ok", str(value)))
    except BaseException as exc:  # report everything: this process exists only to report
        conn.send(("error", f"{type(exc).__name__}: {exc}".strip()))
    finally:
        conn.close()


def load_delegate_probe(library: str, device: str) -> str:
    """Worker side: load the Edge TPU delegate with ai-edge-litert, as a backend would."""
    from ai_edge_litert.interpreter import load_delegate

    options = {"device": device} if device else {}
    delegate = load_delegate(library, options)
    del delegate
    return "delegate created"


def read_version_probe(library: str) -> str:
    """Worker side: ``edgetpu_version()`` of a libedgetpu, through ctypes."""
    import ctypes

    lib = ctypes.CDLL(library)
    function = lib.edgetpu_version
    function.restype = ctypes.c_char_p
    function.argtypes = []
    raw = function()
    return raw.decode("utf-8", errors="replace") if raw else ""


def install_instructions(system: str) -> str:
    """How to install libedgetpu here, for the runtime Edge TPU backends load it with."""
    return edgetpu_advice(system=system)


_RULE_DIRS = ("etc/udev/rules.d", "lib/udev/rules.d", "usr/lib/udev/rules.d")
_USB_RULE = ('SUBSYSTEM=="usb",ATTRS{idVendor}=="1a6e",GROUP="plugdev" and '
             'SUBSYSTEM=="usb",ATTRS{idVendor}=="18d1",GROUP="plugdev"')
_APEX_RULE = 'SUBSYSTEM=="apex", MODE="0660", GROUP="apex"'


def permission_remedy(kind: str, root: Path = Path("/")) -> str:
    """What is missing when an Edge TPU exists but this user may not open it: the udev rule,
    the group membership, or a fresh login after being added to the group."""
    pattern = re.compile(r"1a6e|18d1" if kind == "usb" else r"apex", re.IGNORECASE)
    rule_text = ""
    for folder in _RULE_DIRS:
        for rules in sorted((root / folder).glob("*.rules")):
            text = _read_text(rules)
            if pattern.search(text):
                rule_text = text
                break
        if rule_text:
            break
    if not rule_text:
        if kind == "usb":
            return ("Coral's udev rule is missing: reinstall libedgetpu1-std (it adds the rule), "
                    f"or create /etc/udev/rules.d/99-edgetpu-accelerator.rules with {_USB_RULE}, "
                    "then run 'sudo udevadm control --reload-rules' and replug the device.")
        return ("The udev rule for the PCIe card is missing: create /etc/udev/rules.d/"
                f"65-apex.rules with {_APEX_RULE}, run 'sudo groupadd apex', "
                "'sudo usermod -aG apex $USER', then restart the computer.")
    match = re.search(r'GROUP\s*=\s*"([^"]+)"', rule_text)
    group = match.group(1) if match else ("plugdev" if kind == "usb" else "apex")
    listed, active = _group_membership(group, root)
    if not listed:
        return (f"Add yourself to the '{group}' group (sudo usermod -aG {group} $USER), "
                "then log out, log in again and replug the device.")
    if not active:
        return (f"You are in the '{group}' group, but this session started before that: "
                "log out and log in again (or restart the computer).")
    return ("The udev rule and the group are in place: unplug and replug the device "
            "(or run 'sudo udevadm trigger') so that the rule applies.")


def _group_membership(group: str, root: Path) -> tuple[bool, bool]:
    """(listed in the group file, effective in this process) for the current user."""
    import getpass

    user = getpass.getuser()
    for line in _read_text(root / "etc" / "group").splitlines():
        fields = line.split(":")
        if len(fields) < 4 or fields[0] != group:
            continue
        gid = int(fields[2]) if is_digits(fields[2]) else -1
        listed = user in fields[3].split(",")
        groups = os.getgroups() if hasattr(os, "getgroups") else []
        active = gid in groups or gid == getattr(os, "getgid", lambda: -2)()
        return listed or active, active
    return False, False


def _read_text(path: Path) -> str:
    try:
        return path.read_text(errors="replace")
    except OSError:
        return ""

"""A self-contained HTML report of one run, for documentation and for sharing by e-mail.

One file with no external assets and no JavaScript, so that it opens the same everywhere, prints
well and still opens in ten years. Charts are inline SVG drawn from the same numbers the window
shows (``core.results.stats.histogram_bins``). Every string that comes from the record (labels,
paths, error messages) is user data and passes through ``html.escape``; nothing else is trusted.
"""

from __future__ import annotations

import base64
import html
import io
import math
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from core.errors import AppError, ErrorInfo
from core.inputs.model_insight import notes
from core.inputs.preprocess import load_image
from core.io.numbers_text import delta_text, ms_text, rate_text, score_text
from core.io.outputs import write_atomic
from core.results.comparison import compare_all
from core.results.records import SCHEMA, BackendRecord, Comparison, RunRecord
from core.results.report_words import ReportWords
from core.results.stats import histogram_bins, inferences_per_second
from core.results.summary import provisional_note
from core.results.task_outputs import run_picture
from core.tasks.overlay import compose, png_bytes
from core.tasks.pose import PoseResult
from core.tasks.raw_result import RawResult
from core.tasks.segmentation import SegmentationResult
from core.tasks.task_result import TaskResult

# One colour per backend kind, in one place (light theme, readable in print).
COLOURS = {"cpu": "#2f6db5", "edgetpu": "#d9730d"}
OTHER_COLOUR = "#6b7280"
HIST_W, HIST_H = 520, 190  # SVG user units; the SVG scales to its column width
STRIP_W, STRIP_H = 520, 64
REPORT_SIDE = 640  # the embedded picture's longer side: sharp on screen, small in the file
# The record's own words for a schedule and a backend's status, said in the report's words
SCHEDULES = ("alternate", "sequential")
STATUSES = ("ok", "error", "cancelled", "pending")
STRIP_MAX_COLUMNS = 600  # longer runs are drawn as a min/max envelope per column

LIGHT = ("--ink:#1f2933; --muted:#616e7c; --line:#d9dee4; --card:#ffffff; --page:#f5f7fa; "
         "--ok:#1d7a46; --bad:#b42318; --warn:#8a5a00; --bar:#eef1f4; --err-bg:#fdf2f1; "
         "--err-line:#f1b8b3; --warn-bg:#fdf8ec; --warn-line:#eed9a8; --axis:#9aa5b1; "
         "color-scheme:light;")
DARK = ("--ink:#e4e7eb; --muted:#a3adb8; --line:#3e4c59; --card:#1f2933; --page:#121820; "
        "--ok:#3ebd78; --bad:#f2766a; --warn:#e6b450; --bar:#2c3745; --err-bg:#3a2220; "
        "--err-line:#7a3a33; --warn-bg:#332a12; --warn-line:#6b5518; --axis:#7b8794; "
        "color-scheme:dark;")
THUMB_SIDE = 320  # the picture's thumbnail in the facts: its longer side, in pixels

CSS = """
:root { @LIGHT@ }
html.dark { @DARK@ }
* { box-sizing: border-box; }
body { margin:0; background:var(--page); color:var(--ink);
       font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans CJK JP",
       sans-serif; }
html[lang="ja"] body { font-family:"Noto Sans CJK JP","Hiragino Sans","Yu Gothic UI",Meiryo,
       "IPAPGothic",system-ui,sans-serif; }
main { max-width:1180px; margin:0 auto; padding:28px 32px 40px; }
h1 { font-size:22px; margin:0 0 2px; }
h2 { font-size:17px; margin:28px 0 10px; }
h3 { font-size:16px; margin:0; }
a { color:inherit; }
.created, .muted { color:var(--muted); }
.headline { font-size:24px; line-height:1.3; font-weight:600; margin:18px 0 8px;
            padding:16px 20px; background:var(--card); border:1px solid var(--line);
            border-left:6px solid #2f6db5; border-radius:8px; overflow-wrap:anywhere; }
.facts { display:grid; grid-template-columns:repeat(auto-fit,minmax(min(250px,100%),1fr));
         gap:12px; }
.card { background:var(--card); border:1px solid var(--line); border-radius:8px;
        padding:12px 16px; break-inside:avoid; min-width:0; }
dl { display:grid; grid-template-columns:max-content minmax(0,1fr); gap:2px 12px;
     margin:6px 0 0; }
dt { color:var(--muted); }
dd { margin:0; overflow-wrap:anywhere; }
img.thumb { display:block; max-width:100%; max-height:160px; margin:8px 0 0;
            border-radius:4px; }
.backends { display:grid; grid-template-columns:repeat(auto-fit,minmax(min(440px,100%),1fr));
            gap:16px; }
.backend { border-top:5px solid var(--accent); }
.backend header { display:flex; flex-wrap:wrap; justify-content:space-between;
                  align-items:baseline; gap:8px; }
.badge { font-size:12px; font-weight:600; padding:1px 8px; border-radius:10px; color:#fff;
         white-space:nowrap; }
.badge.ok { background:var(--ok); } .badge.error { background:var(--bad); }
.badge.cancelled, .badge.pending { background:var(--muted); }
.median { font-size:30px; font-weight:700; color:var(--accent); margin:8px 0 0; }
.median small { font-size:14px; font-weight:400; color:var(--muted); }
.cold { display:flex; flex-wrap:wrap; gap:4px 24px; margin:6px 0 10px; }
.cold div { color:var(--muted); } .cold b { color:var(--ink); }
.scroll { overflow-x:auto; max-width:100%; }
table { border-collapse:collapse; width:100%; margin:8px 0; font-variant-numeric:tabular-nums; }
th, td { text-align:left; padding:3px 6px; border-bottom:1px solid var(--line);
         overflow-wrap:anywhere; }
th { color:var(--muted); font-weight:500; }
td.num, th.num { text-align:right; }
.stats td, .stats th { text-align:right; overflow-wrap:normal; }
.bar { background:var(--bar); border-radius:3px; height:10px; min-width:40px; }
.bar span { display:block; height:10px; border-radius:3px; background:var(--accent); }
svg { width:100%; height:auto; display:block; }
img.overlay { max-width:100%; max-height:420px; display:block; margin:8px 0;
              border-radius:4px; }
svg text { font:11px system-ui,sans-serif; fill:var(--muted); }
svg line.axis { stroke:var(--axis); }
svg line.median { stroke:var(--ink); } svg text.median { fill:var(--ink); }
.error-card { border:1px solid var(--err-line); background:var(--err-bg); border-radius:6px;
              padding:10px 14px; margin:10px 0; overflow-wrap:anywhere; }
.error-card .message { font-weight:600; color:var(--bad); margin:0 0 4px; }
.error-card .remedy { margin:0 0 4px; }
.warning { border:1px solid var(--warn-line); background:var(--warn-bg); border-radius:6px;
           padding:8px 12px; margin:8px 0; color:var(--warn); }
.insight { margin:6px 0; padding-left:10px; border-left:3px solid var(--accent); }
.published { margin:12px 0; padding:8px 14px; border:1px dashed var(--line);
  border-radius:8px; overflow-wrap:anywhere; }
.published h2 { margin:4px 0; font-size:15px; }
.published .verdict { font-weight:600; }
.published .remedy { color:var(--muted); }
code { font:12px ui-monospace,Menlo,Consolas,monospace; overflow-wrap:anywhere; }
pre { white-space:pre-wrap; overflow-wrap:anywhere; font-size:11px; color:var(--muted); }
footer { margin-top:28px; color:var(--muted); font-size:12px; }
@media (max-width:600px) {
  main { padding:16px 12px 28px; }
  .headline { font-size:19px; padding:12px 14px; }
  .median { font-size:26px; }
  .card { padding:10px 12px; }
  th, td { padding:3px 3px; }
}
@media print {
  html.dark { @LIGHT@ }
  body { background:#fff; font-size:12px; }
  main { padding:0; max-width:none; }
  .card, .headline { border-color:#bbb; }
  .backends { grid-template-columns:1fr 1fr; }
  .backend, .agreement { break-inside:avoid; }
}
""".replace("@LIGHT@", LIGHT).replace("@DARK@", DARK)


def _published(record: RunRecord, words: ReportWords) -> list[str]:
    """Coral's figure and what it means for this run, in its own box headed as Coral's and not
    measured here: the figure with the page it is read from, the CPU's or each Edge TPU's
    verdict, and each likely cause of a slow one with its remedy."""
    found = words.published(record.published)
    if found is None:
        return []
    say = words.say
    if not found.source and not found.verdicts:
        return [f'<p class="published">{_e(found.figure)}</p>']
    heading = say("Coral's published figure")
    parts = ['<section class="published">',
             f"<h2>{html.escape(heading, quote=False)} "
             f"<small>{_e(say('(not measured here)'))}</small></h2>"]
    link = f' <a href="{_e(found.source)}">{_e(found.source)}</a>' \
        if found.source.startswith("https://coral.ai/") else ""
    if found.figure:
        parts.append(f"<p>{_e(found.figure)}{link}</p>")
    for sentence, causes in found.verdicts:
        parts.append(f'<p class="verdict">{_e(sentence)}</p>')
        if causes:
            parts.append('<ol class="causes">' + "".join(
                f'<li>{_e(text)}<br><span class="remedy">'
                f'{_e(say("What to do: {remedy}").format(remedy=remedy))}</span></li>'
                for text, remedy in causes) + "</ol>")
    parts.append("</section>")
    return parts


def render_html(record: RunRecord, title: str | None = None,
                words: ReportWords | None = None) -> str:
    """The whole report as one HTML document, in ``words``' language and theme (English and
    light by default)."""
    words = words or ReportWords()
    say = words.say
    title = title or say("Edge TPU Compare report")
    picture = run_picture(record) if any(b.task_result is not None
                                         for b in record.backends) else None
    created = say("Created {date}").format(date=record.created or say("unknown"))
    footer = say("Made by Edge TPU Compare · result schema {schema}").format(schema=SCHEMA)
    body = [
        f"<h1>{_e(title)}</h1>",
        f'<p class="created">{_e(created)}</p>',
        f'<p class="headline">{_e(words.headline(record))}</p>',
        *_published(record, words),
        _facts(record, words),
        f"<h2>{_e(say('Backends'))}</h2>",
        '<div class="backends">',
        *(_backend(b, record, words, picture) for b in record.backends),
        "</div>",
        _agreement(record, words),
        f"<footer>{_e(footer)}</footer>",
    ]
    theme = ' class="dark"' if words.dark else ""
    return "\n".join([
        "<!DOCTYPE html>",
        f'<html lang="{_e(words.lang)}"{theme}>',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="color-scheme" content="{"dark" if words.dark else "light"}">',
        f"<title>{_e(title)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        "<main>",
        *body,
        "</main>",
        "</body>",
        "</html>",
        "",
    ])


def write_html(record: RunRecord, path: Path | str, title: str | None = None,
               words: ReportWords | None = None) -> None:
    """Write the report atomically: a failed write never leaves half a file behind."""
    write_atomic(Path(path), render_html(record, title, words))


format_ms = ms_text  # the report rounds as the window and the command line do


# -- sections ---------------------------------------------------------------------------------

def _facts(record: RunRecord, words: ReportWords) -> str:
    say = words.say
    s, h, i, lab = record.settings, record.host, record.image, record.labels
    sha = str(i.get("sha256") or "")
    size = f"{i.get('width', '?')} × {i.get('height', '?')} px" if i.get("width") else "–"
    schedule = s.get("schedule")
    settings = [("Timed inferences", s.get("count")), ("Warm-up", s.get("warmup")),
                ("Top-k", s.get("top_k")),
                ("Schedule", say(schedule) if schedule in SCHEDULES else schedule)]
    if s.get("threshold"):
        settings.append(("Score threshold", s.get("threshold")))
    cards = [
        ("Settings", settings, ""),
        ("Host", [("OS", h.get("os")), ("Python", h.get("python")), ("CPU", h.get("cpu")),
                  ("Cores", h.get("cores"))], ""),
        ("Image", [("File", _file_name(i.get("path"))), ("Size", size),
                   ("SHA-256", sha[:12] + "…" if sha else None)], _thumbnail(record, words)),
        ("Labels", [("File", _file_name(lab.get("path"))
                     or say("none (class numbers shown)")), ("Classes", lab.get("count"))], ""),
    ]
    return '<section class="facts">' + "".join(
        _dl_card(say(t), [(say(k), v) for k, v in rows], extra) for t, rows, extra in cards) \
        + "</section>"


def _file_name(path: object) -> str | None:
    """A file's name only: a report is shared, and its folders (a home folder's name) are
    nobody else's business."""
    return Path(str(path)).name if path else None


def _thumbnail(record: RunRecord, words: ReportWords) -> str:
    """A small JPEG of the picture measured, when it is still the same file (SHA-256)."""
    path, digest = str(record.image.get("path") or ""), record.image.get("sha256")
    if not path:
        return ""
    try:
        picture, info = load_image(path)
    except AppError:
        return ""
    if digest and info.sha256 != digest:
        return ""
    small = picture.convert("RGB")
    small.thumbnail((THUMB_SIDE, THUMB_SIDE))
    buffer = io.BytesIO()
    small.save(buffer, format="JPEG", quality=80)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return (f'<img class="thumb" alt="{_e(words.say("The picture measured"))}" '
            f'width="{small.width}" height="{small.height}" src="data:image/jpeg;base64,{data}">')


def _dl_card(title: str, rows: Iterable[tuple[str, Any]], extra: str = "") -> str:
    items = "".join(f"<dt>{_e(k)}</dt><dd>{_e('–' if v is None else v)}</dd>" for k, v in rows)
    return f'<div class="card"><h3>{_e(title)}</h3><dl>{items}</dl>{extra}</div>'


def _backend(b: BackendRecord, record: RunRecord, words: ReportWords,
             picture: Image.Image | None = None) -> str:
    say = words.say
    colour = COLOURS.get(b.kind, OTHER_COLOUR)
    runtime = " ".join(str(b.runtime.get(k)) for k in ("name", "version") if b.runtime.get(k))
    model = b.model or {}
    compiled = model.get("edgetpu_compiled")
    model_name = Path(str(model["path"])).name if model.get("path") else "–"
    if compiled:
        model_name = say("{model} (compiled for the Edge TPU)").format(model=model_name)
    parts = [
        f'<section class="card backend" id="backend-{_e(b.id)}" style="--accent:{colour}">',
        f'<header><h3>{_e(words.label(b))}</h3><span class="badge {_e(b.status)}">'
        f"{_e(say(b.status) if b.status in STATUSES else b.status)}</span></header>",
        '<dl class="muted">',
        f"<dt>{_e(say('Runtime'))}</dt><dd>{_e(runtime or '–')}</dd>",
        f"<dt>{_e(say('Device'))}</dt>"
        f"<dd>{_e(words.device(b.device) if b.device else '–')}</dd>",
        f"<dt>{_e(say('Model'))}</dt><dd>{_e(model_name)}</dd>",
        "</dl>",
    ]
    if b.kind != "cpu":  # what runs where explains an accelerator's time
        parts.extend(f'<p class="insight">{_e(words.note(n))}</p>'
                     for n in notes(model.get("insight")))
    if b.error is not None:
        parts.append(_error_card(words.error(b.error), say))
    for w in b.warnings:
        shown = words.error(w)
        parts.append(f'<p class="warning">{_e(_home(shown.message))} {_e(shown.remedy)}</p>')
    if b.stats is not None:
        parts.append(f'<p class="median">{format_ms(b.stats.median)} ms <small>'
                     f"{_e(say('median of {n}').format(n=b.stats.count))}</small></p>")
        rate = inferences_per_second(b.stats.mean)
        if rate is not None:
            per_second = say("{rate} inferences per second").format(rate=rate_text(rate))
            parts.append(f'<p class="rate">{_e(per_second)}</p>')
    if b.load_ms is not None or b.first_inference_ms is not None:
        parts.append(
            '<div class="cold">'
            f"<div>{_e(say('Load'))} <b>{format_ms(b.load_ms)} ms</b></div>"
            f"<div>{_e(say('First inference'))} <b>{format_ms(b.first_inference_ms)} ms</b></div>"
            "</div>")
    if b.latencies_ms:
        parts.extend([histogram_svg(b.latencies_ms, colour, say),
                      strip_svg(b.latencies_ms, colour, say)])
    if b.stats is not None:
        st = b.stats
        keys = ("min", "median", "mean", "p90", "p99", "max", "std")
        head = "".join(f"<th>{_e(say(k))}</th>" for k in ("count", *keys))
        cells = f"<td>{st.count}</td>" + "".join(
            f"<td>{format_ms(getattr(st, k))}</td>" for k in keys)
        caption = say("Latency, ms (first inference and warm-ups excluded)")
        parts.append(f'<div class="scroll"><table class="stats"><caption class="muted">'
                     f"{_e(caption)}</caption><tr>{head}</tr><tr>{cells}</tr></table></div>")
    if b.results:
        parts.append(_top_k(b, say))
    if b.task_result is not None and picture is not None:
        parts.append(_task_result(b.task_result, picture, words))
    parts.append("</section>")
    return "\n".join(parts)


def _task_result(result: TaskResult, picture: Image.Image, words: ReportWords) -> str:
    """The picture with this backend's result drawn (an embedded PNG) and it as a table."""
    say = words.say
    if isinstance(result, RawResult):
        lines = "".join(f"<tr><td>{_e(line)}</td></tr>" for line in words.outputs(result))
        caption = say("Outputs, {fed}").format(fed=words.fed(result))
        return f'<table><caption class="muted">{_e(caption)}</caption>{lines}</table>'
    data = base64.b64encode(png_bytes(compose(picture, result, REPORT_SIDE)))
    image = (f'<img class="overlay" alt="{_e(say("The picture with what this backend found"))}" '
             f'src="data:image/png;base64,{data.decode("ascii")}">')
    if isinstance(result, PoseResult):
        points = "".join(f'<tr><td class="num">{k.index}</td>'
                         f"<td>{_e(words.keypoint(k.index, k.name))}</td>"
                         f'<td class="num">{k.score:.3f}</td><td class="num">{k.x:.4f}</td>'
                         f'<td class="num">{k.y:.4f}</td></tr>' for k in result.keypoints)
        caption = say("Keypoints; x and y as fractions of the picture, drawn when scored above "
                      "0.4")
        return (f'{image}<table><caption class="muted">{_e(caption)}</caption><tr>'
                + _heads(say, "id", "keypoint", "score", "x", "y") + f"</tr>{points}</table>")
    if isinstance(result, SegmentationResult):
        legend = "".join(f'<tr><td class="num">{c.class_id}</td><td>{_e(c.label)}</td>'
                         f'<td class="num">{c.share:.1%}</td></tr>' for c in result.legend)
        caption = say("Classes present and their share of the pixels")
        return (f'{image}<table><caption class="muted">{_e(caption)}</caption><tr>'
                + _heads(say, "id", "class", "share") + f"</tr>{legend}</table>")
    rows = "".join(f'<tr><td class="num">{d.class_id}</td><td>{_e(d.label)}</td>'
                   f'<td class="num">{d.score:.3f}</td><td>'
                   + ", ".join(f"{v:.0f}" for v in d.box.to_list()) + "</td></tr>"
                   for d in result.items)
    caption = say("{n} objects; boxes as xmin, ymin, xmax, ymax in the picture's pixels").format(
        n=len(result.items))
    return (f'{image}<div class="scroll"><table><caption class="muted">{_e(caption)}</caption>'
            "<tr>" + _heads(say, "id", "label", "score", "box") + f"</tr>{rows}</table></div>")


def _heads(say: Callable[[str], str], *names: str) -> str:
    return "".join(f"<th>{_e(say(name))}</th>" for name in names)


def _home(text: str) -> str:
    """``~`` for the home folder in a message: the report is shared."""
    home = str(Path.home())
    return text.replace(home, "~") if len(home) > 1 else text


def _error_card(info: ErrorInfo, say: Callable[[str], str]) -> str:
    detail = (f"<details><summary>{_e(say('Technical detail'))}</summary>"
              f"<pre>{_e(_home(info.detail))}</pre></details>") if info.detail else ""
    code = say("Error code {code}").format(code="\0")
    before, _, after = code.partition("\0")
    return (f'<div class="error-card"><p class="message">{_e(_home(info.message))}</p>'
            f'<p class="remedy">{_e(info.remedy)}</p>'
            f'<p class="muted">{_e(before)}<code>{_e(info.code)}</code>{_e(after)}</p>'
            f"{detail}</div>")


def _top_k(b: BackendRecord, say: Callable[[str], str]) -> str:
    rows = []
    for p in b.results:
        width = max(0.0, min(1.0, p.score)) * 100
        rows.append(f'<tr><td class="num">{p.id}</td><td>{_e(p.label)}</td>'
                    f'<td class="num">{score_text(p.score)}</td>'
                    f'<td><div class="bar"><span style="width:{width:.1f}%"></span></div></td>'
                    "</tr>")
    return (f'<table class="topk"><tr><th class="num">{_e(say("class"))}</th>'
            f'<th>{_e(say("label"))}</th><th class="num">{_e(say("score"))}</th><th></th></tr>'
            + "".join(rows) + "</table>")


def _agreement(record: RunRecord, words: ReportWords) -> str:
    """One table per backend compared with the baseline (``comparisons``; ``comparison`` in
    files written before there could be several)."""
    say = words.say
    head = f'<h2>{_e(say("Agreement"))}</h2><section class="card agreement">'
    found = record.comparisons or ([record.comparison] if record.comparison else [])
    found = [c for c in found if c.candidate is not None]
    if not found and provisional_note(record.backends):  # stopped: compared as the headline is
        top = record.settings.get("top_k")
        found = compare_all(record.backends, {}, top if isinstance(top, int) else 5,
                            str(record.settings.get("baseline") or "") or None)
    if not found:
        nothing = say("Nothing to compare: fewer than two backends produced results.")
        return head + f"<p>{_e(nothing)}</p></section>"
    return head + "".join(_agreement_table(record, c, words) for c in found) + "</section>"


def _agreement_table(record: RunRecord, c: Comparison, words: ReportWords) -> str:
    say = words.say
    base, cand = record.backend(c.baseline), record.backend(str(c.candidate))
    top1 = {True: say("yes"), False: say("no"), None: "–"}[c.top1_agree]
    overlap = "–" if c.topk_overlap is None else f"{c.topk_overlap:.0%}"
    delta = "–" if c.max_score_delta is None else delta_text(c.max_score_delta)
    rows = [("Baseline", words.label(base)), ("Compared", words.label(cand)),
            ("Speed", words.speed(record, base, cand)),
            ("Same top-1", top1), ("Top-k overlap", overlap), ("Largest score difference", delta)]
    if c.pose_agreement is not None:
        rows.append(("Keypoints", words.pose_agreement(c.pose_agreement)))
    if c.raw_agreement is not None:  # each output against the baseline's
        first, *others = words.raw_agreement(c.raw_agreement)
        rows.append(("Outputs", first))
        rows += [("Output", line) for line in others]
    body = "".join(f"<tr><th>{_e(say(k))}</th><td>{_e(v)}</td></tr>" for k, v in rows)
    return f"<table>{body}</table>"


# -- charts -----------------------------------------------------------------------------------

def histogram_svg(latencies_ms: Sequence[float], colour: str = OTHER_COLOUR,
                  say: Callable[[str], str] = str) -> str:
    """Latency histogram: one ``rect.bin`` per bin, ms ticks on the x axis, a median line."""
    data = np.asarray(latencies_ms, dtype=np.float64)
    edges = histogram_bins(latencies_ms)
    counts, _ = np.histogram(data, bins=edges)
    left, right, top, bottom = 36, 10, 24, 30
    pw, ph = HIST_W - left - right, HIST_H - top - bottom
    lo, hi = float(edges[0]), float(edges[-1])
    peak = max(int(counts.max()), 1)

    def x(v: float) -> float:
        return left + (v - lo) / (hi - lo) * pw

    out = [f'<svg class="histogram" viewBox="0 0 {HIST_W} {HIST_H}" role="img" '
           f'aria-label="{_e(say("Latency histogram, {n} bins").format(n=len(counts)))}">']
    for a, b, n in zip(edges[:-1], edges[1:], counts, strict=True):
        h = n / peak * ph
        out.append(f'<rect class="bin" x="{x(a):.2f}" y="{top + ph - h:.2f}" '
                   f'width="{max(x(b) - x(a) - 0.6, 0.4):.2f}" height="{h:.2f}" '
                   f'fill="{colour}"><title>{format_ms(a)}–{format_ms(b)} ms: {n}</title>'
                   "</rect>")
    base_y = top + ph
    out.append(f'<line class="axis" x1="{left}" y1="{base_y}" x2="{left + pw}" y2="{base_y}" '
               'stroke="#9aa5b1" />')
    for t in nice_ticks(lo, hi):
        out.append(f'<line class="axis" x1="{x(t):.2f}" y1="{base_y}" x2="{x(t):.2f}" '
                   f'y2="{base_y + 4}" stroke="#9aa5b1" />')
        out.append(f'<text x="{x(t):.2f}" y="{base_y + 16}" text-anchor="middle">'
                   f"{_tick_label(t)}</text>")
    out.append(f'<text x="{left + pw}" y="{HIST_H - 1}" text-anchor="end">ms</text>')
    out.append(f'<text x="{left - 4}" y="{top + 4}" text-anchor="end">{peak}</text>')
    out.append(f'<text x="{left - 4}" y="{base_y}" text-anchor="end">0</text>')
    median = float(np.median(data))
    out.append(f'<line class="median" x1="{x(median):.2f}" y1="{top - 8}" x2="{x(median):.2f}" '
               f'y2="{base_y}" stroke="#1f2933" stroke-width="1.5" stroke-dasharray="4 3" />')
    anchor = "start" if x(median) < left + pw * 0.7 else "end"
    dx = 4 if anchor == "start" else -4
    label = say("median {ms} ms").format(ms=format_ms(median))
    out.append(f'<text class="median" x="{x(median) + dx:.2f}" y="{top - 10}" '
               f'text-anchor="{anchor}">{_e(label)}</text>')
    out.append("</svg>")
    return "".join(out)


def strip_svg(latencies_ms: Sequence[float], colour: str = OTHER_COLOUR,
              say: Callable[[str], str] = str) -> str:
    """Latency per iteration, in run order: throttling and hiccups show up as steps and spikes."""
    data = np.asarray(latencies_ms, dtype=np.float64)
    left, right, top, bottom = 36, 10, 6, 16
    pw, ph = STRIP_W - left - right, STRIP_H - top - bottom
    lo, hi = float(data.min()), float(data.max())
    span = hi - lo if hi - lo > 1e-12 else 1.0

    def y(v: float) -> float:
        return top + ph - (v - lo) / span * ph

    n = data.size
    if n <= STRIP_MAX_COLUMNS:
        step = pw / max(n - 1, 1)
        points = [(left + i * step, y(v)) for i, v in enumerate(data)]
    else:
        points = []
        for col, chunk in enumerate(np.array_split(data, STRIP_MAX_COLUMNS)):
            cx = left + col * pw / (STRIP_MAX_COLUMNS - 1)
            points += [(cx, y(float(chunk.max()))), (cx, y(float(chunk.min())))]
    path = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
    return (f'<svg class="strip" viewBox="0 0 {STRIP_W} {STRIP_H}" role="img" '
            f'aria-label="{_e(say("Latency per iteration"))}">'
            f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="1" />'
            f'<text x="{left - 4}" y="{top + 8}" text-anchor="end">{_tick_label(hi)}</text>'
            f'<text x="{left - 4}" y="{top + ph}" text-anchor="end">{_tick_label(lo)}</text>'
            f'<text x="{left}" y="{STRIP_H - 2}">{_e(say("iteration 1"))}</text>'
            f'<text x="{left + pw}" y="{STRIP_H - 2}" text-anchor="end">'
            f'{_e(say("{n} · ms per iteration").format(n=n))}</text></svg>')


def nice_ticks(lo: float, hi: float, target: int = 6) -> list[float]:
    """Round tick values (1, 2 or 5 × 10^k apart) that fall inside [lo, hi]."""
    span = hi - lo
    if not span > 0 or not math.isfinite(span):
        return [lo]
    raw = span / target
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    first = math.ceil(lo / step) * step
    count = int((hi - first) / step + 1e-9) + 1
    return [round(first + i * step, 12) for i in range(max(count, 0))]


def _tick_label(value: float) -> str:
    return f"{value:.3g}" if abs(value) < 1000 else f"{value:.0f}"


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)

"""Server-side SVG bar charts of the monitoring indicators, drawn with matplotlib (Agg backend).

Readable without colour: every series has its own fill AND hatch pattern, bars carry their value as a
direct label, the palette is high-contrast, and the SVG is an image with a text summary of the numbers
(role="img", aria-label and <title>) while the same numbers are in the table under the chart.
"""

import io
import re
import threading

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from markupsafe import Markup  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

from app.domain.supervision.indicators import Indicator  # noqa: E402

# Dark solid, white with diagonal hatch, orange with dots, light grey with cross-hatch: tell apart in greyscale.
SERIES = (
    {"color": "#0b3c6f", "hatch": "", "edgecolor": "#0b3c6f"},
    {"color": "#ffffff", "hatch": "///", "edgecolor": "#000000"},
    {"color": "#e69f00", "hatch": "...", "edgecolor": "#000000"},
    {"color": "#d9d9d9", "hatch": "xx", "edgecolor": "#000000"},
)
TEXT = "#1a1a1a"

plt.rcParams.update(
    {
        "svg.fonttype": "none",  # keep text as text: smaller, sharper, searchable
        "svg.hashsalt": "monitoring",  # deterministic ids
        "font.size": 12,
        "font.family": "sans-serif",
        "text.color": TEXT,
        "axes.labelcolor": TEXT,
        "xtick.color": TEXT,
        "ytick.color": TEXT,
        "hatch.linewidth": 1.0,
    }
)
_lock = threading.Lock()  # pyplot's state machine is not thread-safe; the web server is


def _fmt(x: float | int | None, eenheid: str) -> str:
    if x is None:
        return "–"
    s = f"{x:g}".replace(".", ",") if isinstance(x, float) else str(x)
    return f"{s}%" if eenheid == "%" else s


def summary(ind: Indicator) -> str:
    """The numbers as one sentence, for screen readers (aria-label and <title>)."""
    series = [ind.kolommen[i] for i in ind.grafiek]
    parts = []
    for label, waarden in ind.rijen:
        vals = ", ".join(
            f"{s.lower()} {_fmt(waarden[i], ind.eenheid)}" for s, i in zip(series, ind.grafiek, strict=True)
        )
        parts.append(f"{label}: {vals}")
    body = "; ".join(parts) if parts else "geen gegevens in deze periode"
    return f"Staafdiagram {ind.titel.lower()}. {body}."


def _key(ind: Indicator) -> tuple:
    return (
        ind.key,
        ind.titel,
        tuple(ind.kolommen),
        tuple((label, tuple(w)) for label, w in ind.rijen),
        tuple(ind.grafiek),
        ind.eenheid,
        ind.liggend,
    )


def cached_svg(ind: Indicator) -> Markup | None:
    """The chart if it was drawn before for these numbers; the page then needs no extra request."""
    with _lock:
        return _cache.get(_key(ind))


def bar_svg(ind: Indicator) -> Markup:
    """One grouped bar chart (cached by its numbers: drawing costs ~0.2 s, the numbers rarely change)."""
    key = _key(ind)
    with _lock:
        hit = _cache.get(key)
    if hit is None:
        hit = _draw(ind)
        with _lock:
            _cache[key] = hit
            while len(_cache) > 256:
                _cache.pop(next(iter(_cache)))
    return hit


_cache: dict[tuple, Markup] = {}


def _draw(ind: Indicator) -> Markup:
    """Months as vertical bars side by side; categories as horizontal bars (labels stay level)."""
    labels = [r[0] for r in ind.rijen]
    horizontaal = not ind.liggend  # months side by side; categories as horizontal bars (labels stay level)
    n_series = len(ind.grafiek)
    n = max(len(labels), 1)
    with _lock:
        if horizontaal:
            fig, ax = plt.subplots(figsize=(10, 0.9 + 0.38 * n * max(n_series, 1)))
        else:
            fig, ax = plt.subplots(figsize=(10, 3.2))
        try:
            width = 0.8 / n_series
            maxval = max((float(w[i]) for _, w in ind.rijen for i in ind.grafiek if w[i] is not None), default=0.0)
            for s, col in enumerate(ind.grafiek):
                pos = [k - 0.4 + width * (s + 0.5) for k in range(len(labels))]
                vals = [float(w[col]) if w[col] is not None else 0.0 for _, w in ind.rijen]
                style = SERIES[s % len(SERIES)]
                kw = {"label": ind.kolommen[col], "linewidth": 1.0, **style}
                bars = ax.barh(pos, vals, height=width, **kw) if horizontaal else ax.bar(pos, vals, width=width, **kw)
                ax.bar_label(
                    bars,
                    labels=[_fmt(w[col], ind.eenheid) for _, w in ind.rijen],
                    padding=3,
                    fontsize=12,
                    color=TEXT,
                )
            ticks = list(range(len(labels)))
            if horizontaal:
                ax.set_yticks(ticks, labels)
                ax.invert_yaxis()
                ax.set_xlim(0, 112 if ind.eenheid == "%" else (maxval or 1) * 1.15)
                _ticks(ax.xaxis, ind.eenheid)
                ax.xaxis.grid(True, color="#bbbbbb", linewidth=0.6)
                ax.set_xlabel(ind.eenheid)
            else:
                ax.set_xticks(ticks, [lbl.replace(" ", "\n") for lbl in labels], fontsize=11)
                ax.set_ylim(0, 112 if ind.eenheid == "%" else (maxval or 1) * 1.2)
                _ticks(ax.yaxis, ind.eenheid)
                ax.yaxis.grid(True, color="#bbbbbb", linewidth=0.6)
                ax.set_ylabel(ind.eenheid)
            ax.set_axisbelow(True)
            for side in ("top", "right"):
                ax.spines[side].set_visible(False)
            if n_series > 1:
                ax.legend(
                    frameon=False,
                    loc="upper center",
                    bbox_to_anchor=(0.5, 1.0 + 0.45 / fig.get_figheight()),
                    ncols=n_series,
                )
            fig.tight_layout()
            buf = io.StringIO()
            fig.savefig(buf, format="svg", bbox_inches="tight")
        finally:
            plt.close(fig)
    return Markup(_inline(buf.getvalue(), ind.key, summary(ind)))


def _ticks(axis, eenheid: str) -> None:  # type: ignore[no-untyped-def]
    if eenheid == "%":
        axis.set_ticks([0, 25, 50, 75, 100])
    else:
        axis.set_major_locator(MaxNLocator(integer=True))


def _inline(svg: str, key: str, text: str) -> str:
    """Strip the XML prolog and metadata, make ids unique per chart, add the accessible name."""
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.S)
    # The Content-Security-Policy (style-src 'self') ignores style attributes and <style> elements:
    # turn them into SVG presentation attributes, which are not styles.
    svg = re.sub(r"<style[^>]*>.*?</style>\s*", "", svg, flags=re.S)
    svg = re.sub(r'style="([^"]*)"', _presentation, svg)
    # Scale to the column; the viewBox keeps the proportions.
    svg = re.sub(r'(<svg [^>]*?)width="[^"]+" height="[^"]+"', r'\1width="100%"', svg, count=1)
    svg = re.sub(r'id="([^"]+)"', rf'id="{key}-\1"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", rf"url(#{key}-\1)", svg)
    svg = re.sub(r'href="#([^"]+)"', rf'href="#{key}-\1"', svg)
    esc = text.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")
    svg = re.sub(
        r"<svg ",
        f'<svg role="img" aria-label="{esc}" class="grafiek" focusable="false" ',
        svg,
        count=1,
    )
    head_end = svg.index(">") + 1
    return svg[:head_end] + f"<title>{esc}</title>" + svg[head_end:]


def _presentation(m: re.Match[str]) -> str:
    attrs = []
    for decl in m.group(1).split(";"):
        name, _, value = decl.partition(":")
        name, value = name.strip(), value.strip()
        if not name:
            continue
        if name == "font-family":
            value = "system-ui, Arial, sans-serif"
        attrs.append(f'{name}="{value}"')
    return " ".join(attrs)

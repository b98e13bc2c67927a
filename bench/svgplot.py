"""A log-log line chart as SVG text, for the benchmarks (the venv has no plotting library, and needs none)."""

from __future__ import annotations

import math
from html import escape

WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 760, 460, 70, 250, 40, 50
COLOURS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]


def _decades(low: float, high: float) -> list[float]:
    return [10.0 ** e for e in range(math.floor(math.log10(low)), math.ceil(math.log10(high)) + 1)]


def loglog(series: dict[str, list[tuple[float, float]]], x_label: str, y_label: str, title: str) -> str:
    points = [(x, y) for values in series.values() for x, y in values if x > 0 and y > 0]
    if not points:
        return f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="80"><text x="10" y="40">no data</text></svg>'
    xs, ys = _decades(min(p[0] for p in points), max(p[0] for p in points)), _decades(min(p[1] for p in points), max(p[1] for p in points))
    x0, x1, y0, y1 = math.log10(xs[0]), math.log10(xs[-1]), math.log10(ys[0]), math.log10(ys[-1])
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def px(x: float) -> float:
        return LEFT + (math.log10(x) - x0) / ((x1 - x0) or 1) * plot_w

    def py(y: float) -> float:
        return TOP + plot_h - (math.log10(y) - y0) / ((y1 - y0) or 1) * plot_h

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" font-family="sans-serif" font-size="12">',
           f'<rect width="{WIDTH}" height="{HEIGHT}" fill="white"/>',
           f'<text x="{LEFT}" y="22" font-size="15">{escape(title)}</text>']
    for x in xs:
        out.append(f'<line x1="{px(x):.1f}" y1="{TOP}" x2="{px(x):.1f}" y2="{TOP + plot_h}" stroke="#ddd"/>'
                   f'<text x="{px(x):.1f}" y="{TOP + plot_h + 16}" text-anchor="middle">{x:g}</text>')
    for y in ys:
        out.append(f'<line x1="{LEFT}" y1="{py(y):.1f}" x2="{LEFT + plot_w}" y2="{py(y):.1f}" stroke="#ddd"/>'
                   f'<text x="{LEFT - 6}" y="{py(y) + 4:.1f}" text-anchor="end">{y:g}</text>')
    out.append(f'<text x="{LEFT + plot_w / 2}" y="{HEIGHT - 12}" text-anchor="middle">{escape(x_label)} (log)</text>'
               f'<text x="16" y="{TOP + plot_h / 2}" transform="rotate(-90 16 {TOP + plot_h / 2})" text-anchor="middle">'
               f'{escape(y_label)} (log)</text>')
    for index, (name, values) in enumerate(series.items()):
        colour = COLOURS[index % len(COLOURS)]
        dash = ' stroke-dasharray="5 3"' if "qdrant" in name else ""
        kept = [(x, y) for x, y in values if x > 0 and y > 0]
        if kept:
            path = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in kept)
            out.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"{dash}/>')
            out.extend(f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="3" fill="{colour}"/>' for x, y in kept)
        legend_y = TOP + 14 + index * 18
        out.append(f'<line x1="{WIDTH - RIGHT + 14}" y1="{legend_y - 4}" x2="{WIDTH - RIGHT + 34}" y2="{legend_y - 4}" '
                   f'stroke="{colour}" stroke-width="2"{dash}/><text x="{WIDTH - RIGHT + 40}" y="{legend_y}">{escape(name)}</text>')
    out.append("</svg>")
    return "\n".join(out)

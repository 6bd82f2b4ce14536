"""Small SVG charts written as text: the report embeds them inline, so the page needs nothing from outside."""

from __future__ import annotations

from html import escape

# One colour per ACLED event type, the same on every chart and on the map.
TYPE_COLORS = {
    "Battles": "#c0392b",
    "Explosions/Remote violence": "#e67e22",
    "Violence against civilians": "#8e44ad",
    "Protests": "#2980b9",
    "Riots": "#16a085",
    "Strategic developments": "#7f8c8d",
}
OTHER_COLOR = "#34495e"
FONT = "font-family:system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;font-size:11px"


def color_of(event_type: str) -> str:
    return TYPE_COLORS.get(event_type, OTHER_COLOR)


def _nice_max(value: float) -> float:
    """A round axis maximum at or above ``value``."""
    if value <= 0:
        return 1
    step = 10 ** (len(str(int(value))) - 1)
    for factor in (1, 2, 2.5, 5, 10):
        if value <= factor * step:
            return factor * step
    return 10 * step


def _axis(width: int, height: int, left: int, bottom: int, top: int, maximum: float) -> list[str]:
    parts = []
    for i in range(5):
        value = maximum * i / 4
        y = height - bottom - (height - bottom - top) * i / 4
        label = f"{value:g}"
        parts.append(f'<line x1="{left}" x2="{width - 8}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e3e3e3"/>')
        parts.append(f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end" fill="#555">{label}</text>')
    return parts


def stacked_bars(
    title: str, categories: list[str], series: dict[str, list[float]], colors: dict[str, str] | None = None
) -> str:
    """Vertical bars per category, stacked by series (e.g. events per week by type), with a legend."""
    width, height, left, bottom, top = 560, 260, 40, 48, 28
    totals = [sum(values[i] for values in series.values()) for i in range(len(categories))]
    maximum = _nice_max(max(totals, default=0))
    parts = [f'<text x="{left}" y="16" font-weight="600" fill="#222">{escape(title)}</text>']
    parts += _axis(width, height, left, bottom, top, maximum)
    plot_w = width - left - 8
    slot = plot_w / max(1, len(categories))
    bar_w = max(4.0, min(60.0, slot * 0.7))
    for i, category in enumerate(categories):
        x = left + slot * i + (slot - bar_w) / 2
        y = height - bottom
        for name, values in series.items():
            value = values[i]
            if not value:
                continue
            h = (height - bottom - top) * value / maximum
            y -= h
            fill = (colors or {}).get(name, color_of(name))
            parts.append(
                f'<rect class="bar" x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                f'fill="{fill}">'
                f"<title>{escape(category)}: {escape(name)} {value:g}</title></rect>"
            )
        parts.append(
            f'<text x="{x + bar_w / 2:.1f}" y="{height - bottom + 14}" text-anchor="middle" fill="#555">'
            f"{escape(category)}</text>"
        )
    legend_x = left
    for name in series:
        fill = (colors or {}).get(name, color_of(name))
        parts.append(f'<rect x="{legend_x}" y="{height - 18}" width="10" height="10" fill="{fill}"/>')
        parts.append(f'<text x="{legend_x + 14}" y="{height - 9}" fill="#333">{escape(name)}</text>')
        legend_x += 24 + 6 * len(name)
    return _svg(width, height, parts)


def hbars(title: str, labels: list[str], values: list[float], color: str = "#2c3e50", note: str = "") -> str:
    """Horizontal bars, largest first as given (e.g. actor dyads by events)."""
    row, top, label_w, width = 22, 28, 300, 560
    height = top + row * max(1, len(labels)) + 20
    maximum = max(values, default=0) or 1
    parts = [f'<text x="0" y="16" font-weight="600" fill="#222">{escape(title)}</text>']
    if not labels:
        parts.append(f'<text x="0" y="{top + 14}" fill="#777">no rows</text>')
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = top + row * i
        w = (width - label_w - 40) * value / maximum
        shown = label if len(label) <= 48 else label[:47] + "…"
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 14}" text-anchor="end" fill="#333">{escape(shown)}'
            f"<title>{escape(label)}</title></text>"
        )
        parts.append(
            f'<rect class="bar" x="{label_w}" y="{y + 3}" width="{max(w, 1):.1f}" height="{row - 7}" '
            f'fill="{color}"/>'
        )
        parts.append(f'<text x="{label_w + w + 4:.1f}" y="{y + 14}" fill="#333">{value:g}</text>')
    if note:
        parts.append(f'<text x="0" y="{height - 4}" fill="#777">{escape(note)}</text>')
    return _svg(width, height, parts)


def _svg(width: int, height: int, parts: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
        f'style="{FONT};max-width:{width}px" role="img">' + "".join(parts) + "</svg>"
    )

"""The report page: summary figures, the map with a popup per event, the four charts; one file, no links."""

from __future__ import annotations

import datetime as dt
from html import escape

from pipeline.report.charts import TYPE_COLORS
from pipeline.report.data import ReportData

CSS = """
body{margin:0;background:#fafafa;color:#222;font:14px/1.4 system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,
Arial,sans-serif}
header{padding:16px 24px 8px}h1{font-size:22px;margin:0 0 4px}.meta{color:#666;font-size:12px}
.figures{display:flex;gap:12px;flex-wrap:wrap;padding:4px 24px 12px}
.figure{background:#fff;border:1px solid #e2e2e2;border-radius:6px;padding:8px 14px;min-width:96px}
.figure b{display:block;font-size:20px}.figure span{color:#666;font-size:12px}
main{padding:0 24px 24px}section{background:#fff;border:1px solid #e2e2e2;border-radius:6px;padding:12px;
margin-bottom:16px}h2{font-size:15px;margin:0 0 8px}
#mapbox{position:relative}#map{display:block;border:1px solid #dde3e8;border-radius:4px}
#map line{vector-effect:non-scaling-stroke}.marker{cursor:pointer}.marker:hover{fill-opacity:1}
.legend{display:flex;gap:14px;flex-wrap:wrap;font-size:12px;color:#444;margin-top:6px}
.legend i{display:inline-block;width:10px;height:10px;border-radius:50%;margin-right:4px;vertical-align:-1px}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(480px,1fr));gap:16px}
#popup{position:absolute;z-index:10;max-width:440px;background:#fff;border:1px solid #aab4be;
border-radius:6px;box-shadow:0 4px 14px rgba(0,0,0,.18);padding:10px 12px;font-size:12px;max-height:300px;
overflow:auto}
#popup table{border-collapse:collapse;margin-bottom:6px}#popup th{text-align:left;color:#666;font-weight:500;
padding:1px 8px 1px 0;vertical-align:top;white-space:nowrap}#popup td{padding:1px 0}
#popup blockquote{margin:4px 0;padding:2px 8px;border-left:3px solid #d0d7de;color:#333}
#popup .close{float:right;border:0;background:none;font-size:16px;cursor:pointer;color:#666}
.events{font-size:12px;width:100%;border-collapse:collapse}.events td,.events th{border-bottom:1px solid #eee;
padding:3px 6px;text-align:left}
"""

# Clicking a marker shows its event's card next to it; "#event-N" in the address opens event N's card.
SCRIPT = """
(function(){
  var box=document.getElementById('mapbox'), popup=document.getElementById('popup');
  function show(i){
    var card=document.getElementById('event-'+i), marker=document.querySelector('.marker[data-i="'+i+'"]');
    if(!card||!marker){return;}
    popup.innerHTML='<button class="close" aria-label="close">\\u00d7</button>'+card.innerHTML;
    popup.hidden=false;
    var b=box.getBoundingClientRect(), m=marker.getBoundingClientRect();
    var left=m.right-b.left+8, top=m.top-b.top-10;
    if(left+popup.offsetWidth>b.width){left=Math.max(0,m.left-b.left-popup.offsetWidth-8);}
    popup.style.left=left+'px'; popup.style.top=Math.max(0,Math.min(top,b.height-popup.offsetHeight))+'px';
    popup.querySelector('.close').onclick=function(){popup.hidden=true;};
  }
  document.querySelectorAll('.marker').forEach(function(m){
    m.addEventListener('click',function(){show(m.getAttribute('data-i'));});
  });
  var wanted=/^#event-(\\d+)$/.exec(location.hash);
  if(wanted){show(wanted[1]);}
})();
"""

FIELDS = [
    ("date", lambda e: _date(e)),
    ("type", lambda e: e["event_type"]),
    ("sub-type", lambda e: e["sub_event_type"]),
    ("actor 1", lambda e: e["actor1"]),
    ("actor 2", lambda e: e["actor2"]),
    (
        "place",
        lambda e: ", ".join(str(p) for p in (e["location"], e["admin2"], e["admin1"], e["country"]) if p),
    ),
    ("precision", lambda e: e["geo_precision"]),
    ("fatalities", lambda e: _toll(e)),
    (
        "reported by",
        lambda e: f"{e['num_sources']} outlets, {e['num_articles']} articles, {e['num_mentions']} sentences",
    ),  # fmt: skip
    ("event id", lambda e: e["event_id"]),
]


def _date(e: dict) -> str:
    if e["event_date"] is None:
        return "unknown (no date in the reports)"
    return f"{e['event_date']} ({e['date_precision']})"


def _toll(e: dict) -> str:
    low, high = e["fatalities"] or 0, e["fatalities_max"] or 0
    return f"{low}" if high <= low else f"{low} (reports up to {high})"


def event_card(e: dict) -> str:
    rows = "".join(
        f"<tr><th>{escape(name)}</th><td>{escape(str(value(e)))}</td></tr>"
        for name, value in FIELDS
        if value(e) not in (None, "")
    )
    quotes = "".join(
        f"<blockquote><b>{escape(s['outlet'])}</b>: {escape(s['sentence'])}</blockquote>"
        for s in (e["sentences"] or [])
    )
    title = f"{e['sub_event_type']} in {e['location'] or 'an unknown place'}"
    return f"<h2>{escape(title)}</h2><table>{rows}</table>{quotes}"


def render_page(data: ReportData, title: str = "Conflict events", source: str = "") -> str:
    from pipeline.report import charts
    from pipeline.report.map import map_svg

    events = data.events
    mapped = data.mapped
    dated = [e["event_date"] for e in events if e["event_date"] is not None]
    span = f"{min(dated)} to {max(dated)}" if dated else "no dated events"
    figures = [
        (len(events), "events"),
        (sum(e["fatalities"] or 0 for e in events), "fatalities"),
        (len({e["country_code"] for e in events if e["country_code"]}), "countries"),
        (len(data.coverage), "outlets"),
        (span, "dates"),
    ]
    used_types = [t for t in TYPE_COLORS if any(e["event_type"] == t for e in events)]
    legend = "".join(
        f'<span><i style="background:{TYPE_COLORS[t]}"></i>{escape(t)}</span>' for t in used_types
    )
    unplaced = len(events) - len(mapped)
    cards = "".join(
        f'<template id="event-{i}">{event_card(e)}</template>'
        for i, e in enumerate(events)
        if e["latitude"] is not None
    )
    chart_html = "".join(f"<section>{svg}</section>" for svg in charts(data).values())
    generated = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    origin = f" from {escape(source)}" if source else ""
    boxes = "".join(f'<div class="figure"><b>{escape(str(v))}</b><span>{n}</span></div>' for v, n in figures)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title><style>{CSS}</style></head>
<body>
<header><h1>{escape(title)}</h1>
<div class="meta">Generated {generated}{origin}. Everything on this page is in this file: it works
offline.</div></header>
<div class="figures">{boxes}</div>
<main>
<section><h2>Map of events</h2>
<div id="mapbox">{map_svg(events)}<div id="popup" hidden></div></div>
<div class="legend">{legend}<span>circle area grows with fatalities; click a circle for the event and its
sentences</span>{f"<span>{unplaced} events without coordinates are not on the map</span>" if unplaced else ""}
</div></section>
<div class="charts">{chart_html}</div>
</main>
{cards}
<script>{SCRIPT}</script>
</body></html>
"""

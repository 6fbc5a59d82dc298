// Charts drawn as SVG from an answer's `data`: a time series (with the anomalies found drawn as
// bands on their days) or a bar chart of a breakdown. No chart library: the page ships as is.

import { day, label, metricValue, platformName } from "./format.js";

const SVG = "http://www.w3.org/2000/svg";
const WIDTH = 640;
const HEIGHT = 240;
const PAD = { left: 76, right: 16, top: 16, bottom: 36 };
const COLOURS = ["var(--brand)", "#b45309", "#0f766e", "#7c3aed", "#be123c", "#4d7c0f"];

function svg(tag, attributes = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

// Which chart an answer's data calls for, or null when it has none worth drawing.
export function chartFor(data, plan) {
  if (!data) return null;
  const currency = data.currency;
  if (Array.isArray(data.daily) && data.daily.length > 1) {
    const wanted = (plan?.metrics ?? []).find((m) => m in data.daily[0]) ?? "spend";
    const points = data.daily.map((d) => ({ x: d.date, y: d[wanted] }));
    // Every anomaly found is drawn on its days, whatever its metric: the list below names each.
    return timeSeries(label(wanted), wanted, currency, [{ name: label(wanted), points }], data.findings ?? [], data.period);
  }
  const rows = data.rows ?? [];
  const metric = (data.metrics ?? [])[0];
  if (!metric || rows.length < 2) return null;
  const groups = data.group_by ?? [];
  if (groups.includes("date")) {
    const other = groups.find((g) => g !== "date");
    const series = new Map();
    for (const row of rows) {
      const name = other ? String(other === "platform" ? platformName(row[other]) : row[other] ?? row.campaign) : label(metric);
      if (!series.has(name)) series.set(name, []);
      series.get(name).push({ x: row.date, y: row[metric] });
    }
    const lines = [...series].slice(0, COLOURS.length).map(([name, points]) => ({ name, points }));
    return timeSeries(label(metric), metric, currency, lines, [], null);
  }
  const key = groups[0] === "campaign" ? "campaign" : groups[0];
  return bars(label(metric), metric, currency, rows.map((r) => ({
    name: key === "platform" ? platformName(r[key]) : String(r[key] ?? r.campaign ?? ""),
    value: r[metric],
  })));
}

function scale(values) {
  const finite = values.filter((v) => typeof v === "number");
  let low = Math.min(0, ...finite);
  let high = Math.max(...finite);
  if (!Number.isFinite(high) || high === low) high = low + 1;
  const step = niceStep((high - low) / 4);
  low = Math.floor(low / step) * step;
  high = Math.ceil(high / step) * step;
  return { low, high, step };
}

function niceStep(raw) {
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power;
}

function frame(title, description) {
  const root = svg("svg", { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: "img", class: "chart" });
  const id = `chart-${Math.random().toString(36).slice(2)}`;
  root.setAttribute("aria-labelledby", `${id}-t ${id}-d`);
  root.append(svg("title", { id: `${id}-t` }, title), svg("desc", { id: `${id}-d` }, description));
  return root;
}

function yAxis(root, s, metric, currency, plotHeight) {
  const y = (v) => PAD.top + plotHeight * (1 - (v - s.low) / (s.high - s.low));
  for (let v = s.low; v <= s.high + s.step / 2; v += s.step) {
    root.append(svg("line", { x1: PAD.left, x2: WIDTH - PAD.right, y1: y(v), y2: y(v), class: "grid" }));
    root.append(svg("text", { x: PAD.left - 6, y: y(v) + 4, "text-anchor": "end", class: "tick" },
      metricValue(metric, v, currency)));
  }
  return y;
}

function timeSeries(title, metric, currency, lines, findings, period) {
  const xs = [...new Set(lines.flatMap((l) => l.points.map((p) => p.x)))].sort();
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const x = (d) => PAD.left + (xs.length === 1 ? plotWidth / 2 : (plotWidth * xs.indexOf(d)) / (xs.length - 1));
  const shown = findings.filter((f) => xs.includes(f.start) || xs.includes(f.end));
  const root = frame(`${title} by day`, `${title} from ${day(xs[0])} to ${day(xs.at(-1))}` +
    (shown.length ? `, with ${shown.length} anomal${shown.length === 1 ? "y" : "ies"} marked` : ""));
  const s = scale(lines.flatMap((l) => l.points.map((p) => p.y)));
  const half = xs.length > 1 ? plotWidth / (xs.length - 1) / 2 : 8;
  if (period && xs.includes(period.start)) {
    const end = xs.includes(period.end) ? period.end : xs.at(-1);
    root.append(svg("rect", { x: x(period.start) - half, y: PAD.top, width: x(end) - x(period.start) + 2 * half,
      height: plotHeight, class: "asked" }));
  }
  for (const f of shown) {
    const start = xs.includes(f.start) ? f.start : xs[0];
    const end = xs.includes(f.end) ? f.end : xs.at(-1);
    const band = svg("rect", { x: x(start) - half, y: PAD.top, width: x(end) - x(start) + 2 * half,
      height: plotHeight, class: `finding finding-${f.kind}` });
    band.append(svg("title", {}, `${f.kind}: ${label(f.metric)} ${day(f.start)}${f.start === f.end ? "" : ` – ${day(f.end)}`}`));
    root.append(band);
  }
  const y = yAxis(root, s, metric, currency, plotHeight);
  for (const i of [0, Math.floor((xs.length - 1) / 2), xs.length - 1]) {
    root.append(svg("text", { x: x(xs[i]), y: HEIGHT - 12, "text-anchor": "middle", class: "tick" }, day(xs[i])));
  }
  lines.forEach((line, n) => {
    const pts = line.points.filter((p) => typeof p.y === "number").map((p) => `${x(p.x).toFixed(1)},${y(p.y).toFixed(1)}`);
    root.append(svg("polyline", { points: pts.join(" "), class: "line", stroke: COLOURS[n] }));
  });
  const figure = document.createElement("figure");
  figure.className = "chart-figure";
  figure.append(root);
  if (lines.length > 1) figure.append(legend(lines.map((l) => l.name)));
  if (shown.length) {
    figure.dataset.findings = String(shown.length);
    const caption = document.createElement("figcaption");
    caption.textContent = `Shaded: the asked period (blue) and ${shown.length} anomal${shown.length === 1 ? "y" : "ies"} found (amber: a rise, red: a fall or a stop), listed below.`;
    figure.append(caption);
  }
  return figure;
}

function bars(title, metric, currency, items) {
  const kept = items.filter((i) => typeof i.value === "number").slice(0, 12);
  const rowHeight = 24;
  const height = PAD.top + kept.length * rowHeight + 8;
  const labelWidth = 220;
  const root = frame(`${title} by item`, kept.map((i) => `${i.name}: ${metricValue(metric, i.value, currency)}`).join("; "));
  root.setAttribute("viewBox", `0 0 ${WIDTH} ${height}`);
  const high = Math.max(...kept.map((i) => i.value), 0) || 1;
  const room = WIDTH - labelWidth - 110;
  kept.forEach((item, n) => {
    const top = PAD.top + n * rowHeight;
    const name = item.name.length > 32 ? `${item.name.slice(0, 31)}…` : item.name;
    root.append(svg("text", { x: labelWidth - 8, y: top + 15, "text-anchor": "end", class: "tick" }, name));
    root.append(svg("rect", { x: labelWidth, y: top + 3, height: rowHeight - 8,
      width: Math.max(1, (room * Math.max(item.value, 0)) / high), class: "bar" }));
    root.append(svg("text", { x: labelWidth + (room * Math.max(item.value, 0)) / high + 6, y: top + 15, class: "tick" },
      metricValue(metric, item.value, currency)));
  });
  const figure = document.createElement("figure");
  figure.className = "chart-figure";
  figure.append(root);
  return figure;
}

function legend(names) {
  const list = document.createElement("ul");
  list.className = "legend";
  names.forEach((name, n) => {
    const item = document.createElement("li");
    item.style.setProperty("--swatch", COLOURS[n]);
    item.textContent = name;
    list.append(item);
  });
  return list;
}

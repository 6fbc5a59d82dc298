// An answer's text and numbers as DOM nodes. Text from the API is only ever set as text
// (never parsed as HTML), so nothing an answer says can run in the page.

import { cell, change, day, label, metricValue, platformName } from "./format.js";

export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "class") node.className = value;
    else node.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// The markdown the answers use: paragraphs, **bold**, "- " and "1. " lists, pipe tables.
export function markdown(text) {
  const root = el("div", { class: "answer-text" });
  const lines = text.split("\n");
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (line.trim() === "") { i += 1; continue; }
    if (line.startsWith("|")) {
      const rows = [];
      while (i < lines.length && lines[i].startsWith("|")) rows.push(lines[i++]);
      root.append(pipeTable(rows));
    } else if (/^- /.test(line)) {
      const list = el("ul");
      while (i < lines.length && /^- /.test(lines[i])) list.append(el("li", {}, inline(lines[i++].slice(2))));
      root.append(list);
    } else if (/^\d+\. /.test(line)) {
      const list = el("ol");
      while (i < lines.length && /^\d+\. /.test(lines[i])) {
        list.append(el("li", {}, inline(lines[i++].replace(/^\d+\. /, ""))));
      }
      root.append(list);
    } else {
      root.append(el("p", {}, inline(line)));
      i += 1;
    }
  }
  return root;
}

function inline(text) {
  return text.split(/(\*\*[^*]+\*\*)/).filter(Boolean).map((part) =>
    part.startsWith("**") && part.endsWith("**") ? el("strong", {}, part.slice(2, -2)) : part);
}

function cells(row) {
  // "a \| b" is a pipe inside a cell (campaign names hold them).
  return row.replace(/^\|/, "").replace(/\|\s*$/, "").split(/(?<!\\)\|/).map((c) => c.trim().replaceAll("\\|", "|"));
}

function pipeTable(rows) {
  const [head, , ...body] = rows;
  return el("table", {},
    el("thead", {}, el("tr", {}, cells(head).map((c) => el("th", { scope: "col" }, c)))),
    el("tbody", {}, body.map((r) => el("tr", {}, cells(r).map((c) => el("td", {}, c))))));
}

// The numbers behind an answer as a table (the chart's accessible twin).
export function numbersTable(data, caption) {
  const currency = data.currency;
  if (Array.isArray(data.rows) && data.rows.length > 0) {
    const keys = columns(data);
    return table(caption, keys.map(label), data.rows.map((row) => keys.map((k) => cell(k, row[k], currency))));
  }
  if (data.totals && Array.isArray(data.metrics)) {
    const compared = data.compare?.totals;
    const head = compared ? ["Metric", "This period", "Compared period", "Change"] : ["Metric", "Value"];
    const body = data.metrics.map((m) => {
      const row = [label(m), metricValue(m, data.totals[m], currency)];
      if (compared) row.push(metricValue(m, compared[m], currency), change(data.compare.change?.[m]?.relative));
      return row;
    });
    return table(caption, head, body);
  }
  if (data.changes?.metrics?.length) {
    const base = data.changes.base_period;
    return table(caption, ["Metric", "This period", `${day(base.start)} – ${day(base.end)}`, "Change"],
      data.changes.metrics.map((c) => [label(c.metric), metricValue(c.metric, c.current, currency),
        metricValue(c.metric, c.base, currency), change(c.relative)]));
  }
  return null;
}

function columns(data) {
  const first = data.rows[0];
  const names = (data.group_by ?? []).flatMap((g) => (g === "campaign" ? ["campaign"] : [g]));
  const keys = names.filter((k) => k in first);
  for (const m of data.metrics ?? []) if (m in first) keys.push(m);
  return keys.length ? keys : Object.keys(first).filter((k) => !k.endsWith("_id"));
}

function table(caption, head, body) {
  return el("table", { class: "numbers" },
    el("caption", {}, caption),
    el("thead", {}, el("tr", {}, head.map((h) => el("th", { scope: "col" }, h)))),
    el("tbody", {}, body.map((r) => el("tr", {}, r.map((c, i) => el(i === 0 ? "th" : "td", i === 0 ? { scope: "row" } : {}, c))))));
}

// The anomalies an analysis found, as a list a screen reader can read.
export function findingsList(data) {
  const found = data.findings ?? [];
  if (found.length === 0) return null;
  return el("ul", { class: "findings", "aria-label": "Anomalies found" },
    found.slice(0, 8).map((f) => el("li", {}, findingLabel(f, data.currency))));
}

export function findingLabel(f, currency) {
  const scope = f.scope?.campaign_name ?? f.scope?.account_name ?? (f.scope?.platform ? platformName(f.scope.platform) : "all accounts");
  const when = f.start === f.end ? day(f.start) : `${day(f.start)} – ${day(f.end)}`;
  const season = f.season ? ` (${f.season})` : "";
  return `${f.kind} in ${label(f.metric).toLowerCase()}, ${scope}, ${when}: ${metricValue(f.metric, f.actual, currency)} against about ${metricValue(f.metric, f.expected, currency)}${season}`;
}

// The page: sign in with a key, ask, watch the answer arrive, follow up, see usage.

import { ApiError, ask, forgetKey, getJson, storedKey, storeKey } from "./api.js";
import { chartFor } from "./chart.js";
import { day, usd } from "./format.js";
import { el, findingLabel, findingsList, markdown, numbersTable } from "./render.js";

const $ = (id) => document.getElementById(id);
let conversationId = null;
let me = null;
let usageTimer = null;
const USAGE_EVERY_MS = 15000; // the ledger is written just after an answer: catch up soon after

document.addEventListener("DOMContentLoaded", () => {
  $("sign-in-form").addEventListener("submit", onSignIn);
  $("sign-out").addEventListener("click", signOut);
  $("ask-form").addEventListener("submit", onAsk);
  $("new-conversation").addEventListener("click", () => startConversation(null, []));
  $("question").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      $("ask-form").requestSubmit();
    }
  });
  if (storedKey()) enter().catch(() => {});
});

async function onSignIn(event) {
  event.preventDefault();
  const key = $("api-key").value.trim();
  $("sign-in-error").textContent = "";
  if (!key) {
    $("sign-in-error").textContent = "Enter your API key to sign in.";
    $("api-key").focus();
    return;
  }
  storeKey(key);
  try {
    await enter();
    $("api-key").value = "";
  } catch (error) {
    forgetKey();
    $("sign-in-error").textContent = error.message;
    $("api-key").focus();
  }
}

async function enter() {
  me = await getJson("/v1/me");
  brand(me);
  $("sign-in").hidden = true;
  $("workspace").hidden = false;
  $("sign-out").hidden = false;
  startConversation(null, []);
  clearInterval(usageTimer);
  usageTimer = setInterval(() => {
    refreshUsage().catch(() => {});
    refreshAlerts().catch(() => {});
  }, USAGE_EVERY_MS);
  await Promise.all([refreshUsage(), refreshConversations(), refreshAlerts()]);
}

function signOut() {
  forgetKey();
  clearInterval(usageTimer);
  me = null;
  $("thread").replaceChildren();
  $("workspace").hidden = true;
  $("sign-out").hidden = true;
  $("sign-in").hidden = false;
  $("tenant-name").textContent = "";
  $("api-key").focus();
}

// The tenant's brand: name, logo and colour, with text kept readable on the colour.
function brand(profile) {
  const b = profile.branding;
  $("assistant-name").textContent = b.assistant_name;
  document.title = b.assistant_name;
  $("tenant-name").textContent = profile.agency_name ? `${profile.display_name} · ${profile.agency_name}` : profile.display_name;
  const logo = $("logo");
  logo.hidden = !b.logo_url;
  if (b.logo_url) {
    logo.src = b.logo_url;
    logo.alt = `${profile.display_name} logo`;
  }
  const root = document.documentElement.style;
  if (b.primary_color) {
    root.setProperty("--brand", b.primary_color);
    root.setProperty("--on-brand", readableOn(b.primary_color));
  } else {
    root.removeProperty("--brand");
    root.removeProperty("--on-brand");
  }
}

function luminance(hex) {
  const channel = (i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

function readableOn(hex) {
  const l = luminance(hex);
  return (1.05) / (l + 0.05) >= (l + 0.05) / 0.05 ? "#ffffff" : "#111111";
}

function startConversation(id, turns) {
  conversationId = id;
  $("thread").replaceChildren(...turns);
  $("notice").textContent = "";
  $("ask-error").textContent = "";
  for (const item of document.querySelectorAll("#conversations button")) {
    item.setAttribute("aria-current", String(item.dataset.id === id));
  }
  $("question").focus();
}

async function onAsk(event) {
  event.preventDefault();
  const question = $("question").value.trim();
  $("ask-error").textContent = "";
  if (!question) {
    $("ask-error").textContent = "Type a question first.";
    return;
  }
  const turn = turnView(question);
  $("thread").append(turn.item);
  $("question").value = "";
  $("ask-button").disabled = true;
  let streamed = "";
  try {
    const answer = await ask(question, conversationId, (text) => {
      streamed += text;
      turn.text.textContent = streamed;
    });
    conversationId = answer.conversation_id;
    refreshConversations().catch(() => {});
    if (answer.notice) $("notice").textContent = answer.notice;
    showAnswer(turn, answer);
    refreshUsage().catch(() => {});
    refreshAlerts().catch(() => {});
  } catch (error) {
    turn.item.remove();
    $("question").value = question;
    $("ask-error").textContent = error instanceof ApiError ? error.message : "Something went wrong; try again.";
  } finally {
    $("ask-button").disabled = false;
    $("question").focus();
  }
}

function turnView(question) {
  const text = el("div", { class: "answer-text streaming", "aria-live": "polite" });
  const article = el("article", { class: "answer", "aria-busy": "true" }, text);
  const item = el("li", { class: "turn" }, el("p", { class: "question" }, el("span", { class: "visually-hidden" }, "You asked: "), question), article);
  return { item, article, text };
}

function showAnswer(turn, answer) {
  turn.article.setAttribute("aria-busy", "false");
  if (answer.status !== "answered") {
    turn.article.replaceChildren(el("p", { class: "error", role: "alert" }, answer.error?.message ?? "This question could not be answered."));
    return;
  }
  const text = markdown(answer.answer ?? "");
  const parts = [text];
  const chart = chartFor(answer.data, answer.plan);
  if (chart) parts.push(chart);
  // A direct answer's text already holds its table; an analysis gets one from its data.
  const numbers = answer.data && !text.querySelector("table") ? numbersTable(answer.data, "The numbers behind this answer") : null;
  if (numbers) parts.push(numbers);
  const findings = answer.data ? findingsList(answer.data) : null;
  if (findings) parts.push(findings);
  parts.push(meta(answer));
  turn.article.replaceChildren(...parts);
}

function meta(answer) {
  const items = [el("span", { class: "tag" }, answer.route === "direct" ? "Numbers from your data" : "Analysis")];
  if (answer.engine) items.push(el("span", { class: "tag" }, `Engine: ${answer.engine}`));
  if (answer.model) items.push(el("span", { class: "tag" }, `Model: ${answer.model}`));
  if (answer.usage) items.push(el("span", { class: "tag" }, `${answer.usage.input_tokens + answer.usage.output_tokens} tokens`));
  if (answer.degraded) {
    items.push(el("span", { class: "tag degraded" }, `Degraded: ${(answer.degraded_reason ?? "a fallback answered").replaceAll("_", " ")}`));
  }
  return el("p", { class: "meta" }, items);
}

async function refreshUsage() {
  const usage = await getJson("/v1/usage");
  const t = usage.totals;
  const figures = [
    ["Analysis answers", t.answers.toLocaleString("en-US")],
    ["Model calls", t.calls.toLocaleString("en-US")],
    ["Tokens", (t.input_tokens + t.output_tokens).toLocaleString("en-US")],
    ["Model cost", usd(t.cost_usd)],
  ];
  $("usage-figures").replaceChildren(...figures.flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, v)]));
  const b = usage.budget;
  if (!b) {
    $("budget").replaceChildren(el("p", { class: "help" }, "No monthly budget is set."));
    return;
  }
  const used = b.monthly_usd > 0 ? Math.min(1, (b.spent_usd + b.held_usd) / b.monthly_usd) : 1;
  const state = b.remaining_usd <= 0 ? "Budget used up" : b.alert_reached ? "Budget nearly used" : "Budget";
  $("budget").replaceChildren(
    el("label", { for: "budget-meter" }, `${state}: ${usd(b.spent_usd)} of ${usd(b.monthly_usd)}`),
    el("meter", { id: "budget-meter", min: "0", max: "1", low: String(b.alert_ratio), high: "0.999", optimum: "0", value: used.toFixed(3) }),
    el("p", { class: "help" }, `${usd(Math.max(0, b.remaining_usd))} left this month.`),
  );
}

// The tenant's alerts (budget thresholds, anomalies the daily watch found), newest first.
async function refreshAlerts() {
  const page = await getJson("/v1/alerts?limit=5");
  if (page.items.length === 0) {
    $("alert-list").replaceChildren(el("li", { class: "help" }, "No alerts."));
    return;
  }
  $("alert-list").replaceChildren(...page.items.map((a) => el("li", { class: `alert alert-${a.kind.replace(".", "-")}` },
    el("strong", {}, alertTitle(a.kind)), " ", el("span", { class: "help" }, day(a.raised_at.slice(0, 10))),
    el("br"), alertText(a))));
}

function alertTitle(kind) {
  return { "budget.threshold": "Budget nearly used", "budget.exhausted": "Budget used up", "anomaly.detected": "Anomaly" }[kind] ?? kind;
}

function alertText(alert) {
  const d = alert.data;
  if (alert.kind === "anomaly.detected") return findingLabel(d, me?.currency);
  const month = new Date(`${d.month}T00:00:00Z`).toLocaleDateString("en-US", { month: "long", year: "numeric", timeZone: "UTC" });
  return `${usd(d.spent_usd)} of ${usd(d.budget_usd)} spent in ${month}.`;
}

async function refreshConversations() {
  const page = await getJson("/v1/conversations?limit=20");
  $("conversations").replaceChildren(...page.items.map((c) => el("li", {},
    el("button", { type: "button", class: "link", "data-id": c.id, "aria-current": String(c.id === conversationId) },
      c.title || "Untitled", el("span", { class: "count" }, ` · ${c.turn_count} question${c.turn_count === 1 ? "" : "s"}`)))));
  for (const button of document.querySelectorAll("#conversations button")) {
    button.addEventListener("click", () => openConversation(button.dataset.id).catch((error) => {
      $("ask-error").textContent = error.message;
    }));
  }
}

async function openConversation(id) {
  const conversation = await getJson(`/v1/conversations/${encodeURIComponent(id)}`);
  const turns = [];
  for (const t of conversation.turns) {
    const turn = turnView(t.question);
    if (t.status === "answered" || t.status === "failed") {
      const answer = await getJson(`/v1/queries/${encodeURIComponent(t.query_id)}`);
      showAnswer(turn, answer);
    } else {
      turn.text.textContent = "Still being answered…";
    }
    turns.push(turn.item);
  }
  startConversation(id, turns);
}

// The gateway's REST API as the page uses it: the caller's key on every call, errors turned
// into sentences a person can act on, and the answer stream read as it arrives.

export class ApiError extends Error {
  constructor(status, code, message, retryAfter) {
    super(message);
    this.status = status;
    this.code = code;
    this.retryAfter = retryAfter;
  }
}

const KEY = "aya.apiKey";

export function storedKey() {
  return sessionStorage.getItem(KEY);
}

export function storeKey(key) {
  sessionStorage.setItem(KEY, key);
}

export function forgetKey() {
  sessionStorage.removeItem(KEY);
}

function headers(extra = {}) {
  return { Authorization: `Bearer ${storedKey()}`, ...extra };
}

// A person's reading of the API's error codes; the server's own sentence where it is precise.
export function explain(status, code, message, retryAfter) {
  const wait = retryAfter ? ` You can ask again in ${retryAfter} second${retryAfter === 1 ? "" : "s"}.` : "";
  switch (code) {
    case "unauthorized":
      return "This API key was not recognised. Check that it is complete and not revoked, then sign in again.";
    case "rate_limited":
      return `You have asked too many questions this minute.${wait}`;
    case "token_limit":
      return `Today's allowance of model tokens is used up; numbers-only questions still work.${wait}`;
    case "budget_exhausted":
      return "This month's budget for written analysis is used up. Questions about plain numbers still work; ask your account admin to raise the budget.";
    case "budget_unverified":
      return "Spending cannot be checked right now, so written analysis is paused. Try again in a minute.";
    case "suspended":
    case "forbidden":
      return message || "This account is not allowed to do that.";
    case "timeout":
      return "The answer is taking longer than usual. It will appear here when it is ready.";
    default:
      if (status === 422) return `That question cannot be sent: ${message}`;
      if (status >= 500) return "The service is not reachable right now. Try again in a moment.";
      return message || `The request failed (HTTP ${status}).`;
  }
}

async function failure(response) {
  let code = "error";
  let message = "";
  try {
    const body = await response.json();
    code = body.error?.code ?? code;
    message = body.error?.message ?? "";
  } catch {
    // not our JSON: the status says enough
  }
  const retry = Number.parseInt(response.headers.get("Retry-After") ?? "", 10);
  const retryAfter = Number.isFinite(retry) ? retry : undefined;
  return new ApiError(response.status, code, explain(response.status, code, message, retryAfter), retryAfter);
}

async function request(path, options = {}) {
  let response;
  try {
    response = await fetch(path, { ...options, headers: headers(options.headers) });
  } catch {
    throw new ApiError(0, "network", "The service is not reachable right now. Check your connection and try again.");
  }
  if (!response.ok) throw await failure(response);
  return response;
}

export async function getJson(path) {
  return (await request(path)).json();
}

// POST /v1/queries in stream mode: `onDelta(text)` for each piece, resolves with the answer.
export async function ask(question, conversationId, onDelta) {
  const body = { query: question, mode: "stream" };
  if (conversationId) body.conversation_id = conversationId;
  const response = await request("/v1/queries", {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
    body: JSON.stringify(body),
  });
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let end;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const frame = parseFrame(buffer.slice(0, end));
      buffer = buffer.slice(end + 2);
      if (frame === null) continue;
      if (frame.event === "delta") onDelta(frame.data.text);
      else if (frame.event === "answer") return frame.data;
      else if (frame.event === "error") {
        const error = frame.data.error ?? {};
        throw new ApiError(200, error.code, explain(200, error.code, error.message), undefined);
      }
    }
  }
  throw new ApiError(0, "network", "The answer stream ended early. Your question is kept: reload to see it.");
}

function parseFrame(text) {
  let event = "message";
  const data = [];
  for (const line of text.split("\n")) {
    if (line.startsWith("event:")) event = line.slice(6).trim();
    else if (line.startsWith("data:")) data.push(line.slice(5).trimStart());
  }
  if (data.length === 0) return null;
  return { event, data: JSON.parse(data.join("\n")) };
}

// How the page prints numbers: the same rules as the answers' text (money in the tenant's
// currency, ROAS as ×, CTR as a percentage), so a table never disagrees with the sentence.

const MONEY = new Set(["spend", "conversion_value", "cpc", "cpa", "cpm"]);
const PERCENT = new Set(["ctr"]);
const RATIO = new Set(["roas"]);

const LABELS = {
  spend: "Spend",
  impressions: "Impressions",
  clicks: "Clicks",
  conversions: "Conversions",
  conversion_value: "Conversion value",
  ctr: "CTR",
  cpc: "CPC",
  cpa: "CPA",
  roas: "ROAS",
  cpm: "CPM",
  date: "Day",
  platform: "Platform",
  account: "Account",
  account_id: "Account",
  campaign: "Campaign",
};

const PLATFORMS = {
  google_ads: "Google Ads",
  meta_ads: "Meta Ads",
  tiktok_ads: "TikTok Ads",
  linkedin_ads: "LinkedIn Ads",
  microsoft_ads: "Microsoft Ads",
};

export function label(key) {
  return LABELS[key] ?? key.replaceAll("_", " ");
}

export function platformName(value) {
  return PLATFORMS[value] ?? value;
}

export function metricValue(metric, value, currency) {
  if (value === null || value === undefined) return "—";
  if (MONEY.has(metric)) {
    return new Intl.NumberFormat("en-US", { style: "currency", currency: currency || "USD" }).format(value);
  }
  if (PERCENT.has(metric)) {
    return `${(value * 100).toFixed(2)} %`;
  }
  if (RATIO.has(metric)) return `${value.toFixed(2)}×`;
  return new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 }).format(value);
}

export function cell(key, value, currency) {
  if (key === "platform") return platformName(value);
  if (key === "date") return day(value);
  if (typeof value === "number") return metricValue(key, value, currency);
  return value === null || value === undefined ? "—" : String(value);
}

export function change(relative) {
  if (relative === null || relative === undefined) return "—";
  const sign = relative > 0 ? "+" : relative < 0 ? "−" : "";
  return `${sign}${Math.abs(relative * 100).toFixed(1)} %`;
}

export function day(iso) {
  const [y, m, d] = iso.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString("en-US", {
    month: "short", day: "numeric", timeZone: "UTC",
  });
}

export function usd(value) {
  return new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(value);
}

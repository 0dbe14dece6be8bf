// gridshift operations page: plain JS against the REST API (no build step).
// The Authorization header lives in sessionStorage: gone when the tab closes.
"use strict";

const API = "../api"; // relative, so the page works behind a path prefix too
const AUTH_KEY = "gridshift.auth";
const REFRESH_MS = 2000;

const $ = (id) => document.getElementById(id);
let selectedId = decodeURIComponent((location.hash.match(/^#\/upgrade\/(.+)$/) || [])[1] || "");
let currentGate = null;
let refreshTimer = null;

/** Calls the API; resolves to the parsed JSON body, rejects with an Error carrying the server's message. */
async function api(method, path, body) {
  // X-Requested-With lets the server leave out its WWW-Authenticate challenge, so a wrong
  // password shows the page's message instead of the browser's own login dialog.
  // X-Gridshift-Request is what the server demands of every call that changes something: a page
  // of another site cannot send it, so a forged form or fetch is refused.
  const headers = {
    Accept: "application/json", "X-Requested-With": "XMLHttpRequest", "X-Gridshift-Request": "1",
  };
  const auth = sessionStorage.getItem(AUTH_KEY);
  if (auth) headers.Authorization = auth;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let response;
  try {
    response = await fetch(API + path, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new Error("cannot reach the gridshift server: " + e.message);
  }
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
  if (!response.ok) {
    const error = new Error(describeError(response.status, json));
    error.status = response.status;
    throw error;
  }
  return json;
}

function describeError(status, json) {
  const message = (json && json.message) || "HTTP " + status;
  const problems = (json && Array.isArray(json.problems)) ? json.problems : [];
  const prefix = status === 401 ? "Not signed in or wrong credentials: "
    : status === 403 ? "Refused: " : status === 409 ? "Conflict: " : "";
  return prefix + message + problems.map((p) => "\n- " + p).join("");
}

function showError(message) {
  $("error").textContent = message;
  $("error").hidden = !message;
}

function showNotice(message) {
  $("notice").textContent = message;
  $("notice").hidden = !message;
}

// ---- sign-in ----

async function signIn(event) {
  event.preventDefault();
  const token = $("token").value.trim();
  const user = $("user").value.trim();
  const header = token ? "Bearer " + token
    : "Basic " + btoa(unescape(encodeURIComponent(user + ":" + $("password").value)));
  sessionStorage.setItem(AUTH_KEY, header);
  try {
    await startSession();
    $("password").value = "";
    $("token").value = "";
  } catch (e) {
    sessionStorage.removeItem(AUTH_KEY);
    showError(e.message);
  }
}

async function startSession() {
  const me = await api("GET", "/me");
  $("whoami").textContent = me.name;
  $("roles").textContent = me.roles && me.roles.length ? "(" + me.roles.join(", ") + ")" : "";
  $("session").hidden = false;
  $("signin-panel").hidden = true;
  $("list-panel").hidden = false;
  $("fleets-panel").hidden = false;
  showError("");
  await refresh();
  clearInterval(refreshTimer);
  refreshTimer = setInterval(refresh, REFRESH_MS);
}

function signOut() {
  sessionStorage.removeItem(AUTH_KEY);
  clearInterval(refreshTimer);
  $("session").hidden = true;
  $("signin-panel").hidden = false;
  $("list-panel").hidden = true;
  $("detail").hidden = true;
  $("fleets-panel").hidden = true;
  $("fleet-detail").hidden = true;
  showNotice("");
}

// ---- list and detail ----

async function refresh() {
  try {
    renderList(await api("GET", "/upgrades"));
    if (selectedId) {
      renderDetail(await api("GET", "/upgrades/" + encodeURIComponent(selectedId)));
    }
    await refreshFleets(); // fleet.js
  } catch (e) {
    if (e.status === 401) signOut();
    showError(e.message);
  }
}

function renderList(upgrades) {
  const body = $("upgrades").tBodies[0];
  body.replaceChildren();
  $("no-upgrades").hidden = upgrades.length > 0;
  for (const u of upgrades) {
    const gate = u.openGate && typeof u.openGate === "object" ? u.openGate.name : u.openGate;
    // A running upgrade shows its phase too (PLANNING, WAITING_APPROVAL, PAUSED, ...).
    const status = u.phase && u.phase !== u.status ? u.status + " · " + u.phase : u.status;
    const row = cells([u.workflowId, u.kind, u.cluster, join(u.namespace, u.grid), status,
      clock(u.startedAt), u.currentStep, gate]);
    row.dataset.workflowId = u.workflowId;
    row.tabIndex = 0;
    row.classList.toggle("selected", u.workflowId === selectedId);
    row.addEventListener("click", () => select(u.workflowId));
    row.addEventListener("keydown", (e) => { if (e.key === "Enter") select(u.workflowId); });
    body.appendChild(row);
  }
}

function select(id) {
  selectedId = id;
  selectedFleet = ""; // one detail at a time
  $("fleet-detail").hidden = true;
  location.hash = "#/upgrade/" + encodeURIComponent(id);
  $("comment").value = "";
  showNotice("");
  refresh();
}

function renderDetail(s) {
  $("detail").hidden = false;
  $("detail-title").textContent = s.workflowId + " (" + s.kind + ")";
  $("phase").textContent = s.phase;
  $("phase").className = "state-" + s.phase;
  $("paused").hidden = !s.paused;
  $("message").textContent = s.message || "";
  renderSteps(s.steps || []);
  renderDetails(s.details);
  renderGate(s.openGate);
  renderAudit(s.audit || []);
}

function renderSteps(steps) {
  const body = $("steps").tBodies[0];
  body.replaceChildren();
  for (const step of steps) {
    const row = cells([step.name, step.state, clock(step.startedAt), clock(step.endedAt),
      duration(step.startedAt, step.endedAt), step.attempts || "", step.message || ""]);
    row.dataset.step = step.name;
    row.dataset.state = step.state;
    row.cells[1].className = "state state-" + step.state;
    body.appendChild(row);
  }
}

// Every kind's details carry their progress as tables: the page needs no kind-specific code.
function renderDetails(details) {
  const box = $("details");
  box.replaceChildren();
  for (const t of (details && details.tables) || []) {
    const table = document.createElement("table");
    table.className = "details";
    const head = table.createTHead().insertRow();
    for (const column of t.columns) {
      const th = document.createElement("th");
      th.textContent = column;
      head.appendChild(th);
    }
    const body = table.createTBody();
    for (const row of t.rows) body.appendChild(cells(row));
    box.appendChild(table);
  }
}

function renderGate(gate) {
  currentGate = gate ? gate.name : null;
  $("gate").hidden = !gate;
  if (!gate) return;
  $("gate").dataset.gate = gate.name;
  $("gate-name").textContent = gate.name;
  $("gate-deadline").textContent = new Date(gate.deadline).toLocaleString();
  $("gate-deadline").dateTime = gate.deadline;
  $("gate-left").textContent = "(in " + human(Date.parse(gate.deadline) - Date.now()) + ")";
  $("gate-timeout").textContent = String(gate.onTimeout || "ABORT").toLowerCase();
  $("gate-four-eyes").hidden = !gate.fourEyes;
  $("gate-four-eyes").textContent = gate.fourEyes
    ? "Four-eyes: " + gate.requestedBy + " requested this upgrade and may not approve it." : "";
}

function renderAudit(audit) {
  const list = $("audit");
  list.replaceChildren();
  for (const a of audit) {
    const item = document.createElement("li");
    item.dataset.auditAction = a.action;
    item.dataset.by = a.by || "";
    item.textContent = clock(a.at) + "  " + a.action + (a.gate ? " " + a.gate : "")
      + " by " + (a.by || "-") + (a.comment ? ': "' + a.comment + '"' : "")
      + (a.reason ? " (" + a.reason + ")" : "");
    list.appendChild(item);
  }
}

// ---- decisions ----

async function decide(verb) {
  if (!selectedId || !currentGate) return;
  const gate = currentGate;
  setButtons(true);
  try {
    const entry = await api("POST", "/upgrades/" + encodeURIComponent(selectedId) + "/gates/"
      + encodeURIComponent(gate) + "/" + verb, { comment: $("comment").value });
    showError("");
    showNotice(entry.action + " gate " + gate + " by " + entry.by);
    $("comment").value = "";
    await refresh();
  } catch (e) {
    showError(e.message);
  } finally {
    setButtons(false);
  }
}

function setButtons(disabled) {
  $("approve").disabled = disabled;
  $("reject").disabled = disabled;
}

// ---- formatting ----

function cells(values) {
  const row = document.createElement("tr");
  for (const v of values) {
    const td = document.createElement("td");
    td.textContent = v === undefined || v === null ? "" : String(v);
    row.appendChild(td);
  }
  return row;
}

function join(namespace, grid) {
  return (namespace ? namespace + "/" : "") + (grid || "");
}

function clock(iso) {
  return iso ? new Date(iso).toLocaleTimeString() : "";
}

function duration(start, end) {
  if (!start) return "";
  return human((end ? Date.parse(end) : Date.now()) - Date.parse(start));
}

function human(ms) {
  if (ms < 0) return "0s";
  const s = Math.floor(ms / 1000);
  if (s < 60) return (ms / 1000).toFixed(1) + "s";
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60);
  return h > 0 ? h + "h " + m + "m" : m + "m " + (s % 60) + "s";
}

// ---- start ----

$("signin").addEventListener("submit", signIn);
$("signout").addEventListener("click", signOut);
$("approve").addEventListener("click", () => decide("approve"));
$("reject").addEventListener("click", () => decide("reject"));
// After every script (fleet.js too) has run: a stored session refreshes the fleet view at once.
document.addEventListener("DOMContentLoaded", () => {
  if (sessionStorage.getItem(AUTH_KEY)) {
    startSession().catch((e) => { signOut(); showError(e.message); });
  }
});

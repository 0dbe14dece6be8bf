// gridshift operations page, the fleet view: fleet runs, and per fleet its stages, grids, budget,
// agents, open gate (approve/reject), pause/resume/abort and a grid's skip/retry. Uses app.js's
// api(), cells() and formatting helpers.
"use strict";

let selectedFleet = decodeURIComponent((location.hash.match(/^#\/fleet\/(.+)$/) || [])[1] || "");
let currentFleetGate = null;

async function refreshFleets() {
  renderFleetList(await api("GET", "/fleets"));
  if (selectedFleet) {
    renderFleet(await api("GET", "/fleets/" + encodeURIComponent(selectedFleet)));
  }
}

function renderFleetList(fleets) {
  const body = $("fleets").tBodies[0];
  body.replaceChildren();
  $("no-fleets").hidden = fleets.length > 0;
  for (const f of fleets) {
    const status = f.phase && f.phase !== f.status ? f.status + " · " + f.phase : f.status;
    const grids = f.grids === null || f.grids === undefined ? ""
      : f.succeeded + " done, " + f.failed + " failed of " + f.grids;
    const row = cells([f.workflowId, f.name + (f.dryRun ? " (dry run)" : ""), status,
      clock(f.startedAt), f.currentStage, f.openGate, grids]);
    row.dataset.fleetId = f.workflowId;
    row.tabIndex = 0;
    row.classList.toggle("selected", f.workflowId === selectedFleet);
    row.addEventListener("click", () => selectFleet(f.workflowId));
    row.addEventListener("keydown", (e) => { if (e.key === "Enter") selectFleet(f.workflowId); });
    body.appendChild(row);
  }
}

function selectFleet(id) {
  selectedFleet = id;
  selectedId = ""; // one detail at a time
  $("detail").hidden = true;
  location.hash = "#/fleet/" + encodeURIComponent(id);
  $("fleet-comment").value = "";
  showNotice("");
  refresh();
}

function renderFleet(s) {
  $("fleet-detail").hidden = false;
  $("fleet-title").textContent = s.fleetId + " (fleet " + s.name + ")";
  $("fleet-phase").textContent = s.phase;
  $("fleet-phase").className = "state-" + s.phase;
  $("fleet-paused").hidden = !s.paused;
  $("fleet-message").textContent = s.message || "";
  $("fleet-versions").textContent = Object.entries(s.versions || {})
    .map(([kind, version]) => kind + " " + version).join(", ") || "not resolved yet";
  const b = s.budget;
  $("fleet-budget").textContent = b ? "Failure budget of stage " + b.stage + ": "
    + Math.max(0, b.maxFailures - b.failed) + " of " + b.maxFailures + " left (" + b.failed
    + " failed)" : "";
  $("fleet-window").hidden = !s.nextWindow;
  $("fleet-window").textContent = s.nextWindow
    ? "Next maintenance window opens " + new Date(s.nextWindow).toLocaleString() : "";
  const ended = ["COMPLETED", "FAILED", "ABORTED", "PLANNED"].includes(s.phase);
  $("fleet-controls").hidden = ended;
  $("fleet-pause").hidden = s.paused;
  $("fleet-resume").hidden = !s.paused;
  renderFleetGate(s.openGate);
  renderFleetStages(s.stages || []);
  renderFleetGrids(s.grids || [], ended);
  renderFleetAgents(s.agents || []);
  renderFleetAudit(s.audit || []);
}

function renderFleetGate(gate) {
  currentFleetGate = gate ? gate.name : null;
  $("fleet-gate").hidden = !gate;
  if (!gate) return;
  $("fleet-gate").dataset.gate = gate.name;
  $("fleet-gate-name").textContent = gate.name;
  $("fleet-gate-deadline").textContent = new Date(gate.deadline).toLocaleString();
  $("fleet-gate-deadline").dateTime = gate.deadline;
  $("fleet-gate-timeout").textContent = String(gate.onTimeout || "ABORT").toLowerCase();
  $("fleet-gate-four-eyes").hidden = !gate.fourEyes;
  $("fleet-gate-four-eyes").textContent = gate.fourEyes
    ? "Four-eyes: " + gate.requestedBy + " requested this fleet and may not approve it." : "";
}

function renderFleetStages(stages) {
  const body = $("fleet-stages").tBodies[0];
  body.replaceChildren();
  for (const stage of stages) {
    const approvals = (stage.approvals || []).map((a) => a.action + " by " + a.by
      + (a.comment ? ': "' + a.comment + '"' : "")).join("; ");
    const row = cells([stage.name, stage.state, (stage.grids || []).length,
      clock(stage.startedAt), clock(stage.endedAt), approvals]);
    row.dataset.stage = stage.name;
    row.dataset.state = stage.state;
    row.cells[1].className = "state state-" + stage.state;
    body.appendChild(row);
  }
}

function renderFleetGrids(grids, ended) {
  const body = $("fleet-grids").tBodies[0];
  body.replaceChildren();
  for (const g of grids) {
    const path = g.cluster + "/" + g.namespace + "/" + g.name;
    const took = g.durationMs !== null && g.durationMs !== undefined
      ? human(g.durationMs) : duration(g.startedAt, g.endedAt);
    const row = cells([path, g.kind, g.stage, g.from, g.to, g.state, took, g.agent, g.message, ""]);
    row.dataset.grid = path;
    row.dataset.state = g.state;
    row.cells[5].className = "state state-" + g.state;
    // What the fleet accepts for the grid's state (the workflow still decides and may refuse).
    const actions = ended ? []
      : ["PENDING", "WAITING_WINDOW", "FAILED", "UNREACHABLE"].includes(g.state) ? ["skip"] : [];
    if (!ended && ["FAILED", "SKIPPED", "UNREACHABLE"].includes(g.state)) actions.push("retry");
    for (const action of actions) {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = action === "skip" ? "Skip" : "Retry";
      button.dataset.action = action;
      button.addEventListener("click", () => fleetPost("/grids/" + path.split("/")
        .map(encodeURIComponent).join("/") + "/" + action, action + " " + path));
      row.cells[9].appendChild(button);
    }
    body.appendChild(row);
  }
}

function renderFleetAgents(agents) {
  const body = $("fleet-agents").tBodies[0];
  body.replaceChildren();
  for (const a of agents) {
    const row = cells([a.cluster, a.taskQueue, a.state, a.identity, clock(a.seenAt), a.message]);
    row.dataset.cluster = a.cluster;
    row.cells[2].className = a.state === "MISSING" ? "state state-FAILED" : "state";
    body.appendChild(row);
  }
}

function renderFleetAudit(audit) {
  const list = $("fleet-audit");
  list.replaceChildren();
  for (const a of audit) {
    const item = document.createElement("li");
    item.dataset.auditAction = a.action || "";
    item.dataset.by = a.by || "";
    item.textContent = clock(a.at) + "  " + (a.action || "") + (a.gate ? " " + a.gate : "")
      + " by " + (a.by || "-") + (a.comment ? ': "' + a.comment + '"' : "")
      + (a.reason ? " (" + a.reason + ")" : "");
    list.appendChild(item);
  }
}

/** POSTs a decision or control of the selected fleet with the comment; shows what was recorded. */
async function fleetPost(path, what) {
  if (!selectedFleet) return;
  const buttons = $("fleet-detail").querySelectorAll("button");
  buttons.forEach((b) => { b.disabled = true; });
  try {
    const entry = await api("POST", "/fleets/" + encodeURIComponent(selectedFleet) + path,
      { comment: $("fleet-comment").value });
    showError("");
    showNotice((entry.action || what) + (entry.gate && entry.action ? " " + entry.gate : "")
      + " by " + entry.by);
    $("fleet-comment").value = "";
    await refresh();
  } catch (e) {
    showError(e.message);
  } finally {
    buttons.forEach((b) => { b.disabled = false; });
  }
}

function decideFleet(verb) {
  if (!currentFleetGate) return;
  fleetPost("/gates/" + encodeURIComponent(currentFleetGate) + "/" + verb, verb);
}

$("fleet-approve").addEventListener("click", () => decideFleet("approve"));
$("fleet-reject").addEventListener("click", () => decideFleet("reject"));
for (const action of ["pause", "resume", "abort"]) {
  $("fleet-" + action).addEventListener("click", () => fleetPost("/" + action, action));
}

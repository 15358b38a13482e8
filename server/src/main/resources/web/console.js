/*
 * The supervisor console: agents with their state and time in state and the actions a supervisor
 * takes (ready, pause with a reason, log in, log out, change skills), queues with their service
 * level target and policy (editable by an admin), and the emergency announcement switch. Every
 * action is one API call; its effect shows up when the router applies it and the stream says so.
 * An agent token sees and manages only its own agent (polled: agents do not read the stream).
 */
"use strict";

(() => {
  const { el, api, formatDuration } = Switchboard;
  const PAUSE_REASONS = ["break", "lunch", "training", "meeting", "coaching", "other"];
  const POLICIES = ["longest-idle", "least-occupied", "most-skilled", "round-robin"];
  const agentRows = new Map();
  const queueRows = new Map();
  let me = null;
  let live = null;

  function field(node, name) {
    return node.querySelector("[data-field='" + name + "']");
  }

  function toast(text, kind) {
    const box = document.querySelector("[data-field='toasts']");
    const node = el("div", "toast", text, { "data-kind": kind || "info" });
    box.append(node);
    setTimeout(() => node.remove(), kind === "error" ? 8000 : 3500);
  }

  function describe(error) {
    return error instanceof Switchboard.ApiError
      ? error.message + (error.field ? " (" + error.field + ")" : "") + " [" + error.code + "]"
      : String(error);
  }

  async function act(label, method, path, body) {
    try {
      await api(method, path, body);
      toast(label + ": sent", "ok");
      return true;
    } catch (e) {
      toast(label + " refused: " + describe(e), "error");
      return false;
    }
  }

  function agentPath(id, action) {
    return "/api/v1/agents/" + encodeURIComponent(id) + (action ? "/" + action : "");
  }

  function button(label, action, onClick, cls) {
    const b = el("button", cls || "", label, { type: "button", "data-action": action });
    b.addEventListener("click", onClick);
    return b;
  }

  function skillsText(skills) {
    return Object.entries(skills || {}).map(([k, v]) => k + "=" + v).join(", ");
  }

  function parseSkills(text) {
    const skills = {};
    for (const part of text.split(",").map((s) => s.trim()).filter(Boolean)) {
      const [name, level] = part.split("=").map((s) => s.trim());
      skills[name] = Number(level);
    }
    return skills;
  }

  function buildAgentRow(id) {
    const row = el("tr", null, null, { "data-agent-id": id });
    const who = el("td");
    who.append(el("div", "c-agent-name", id, { "data-field": "name" }), el("div", "c-agent-id", id));
    const state = el("td");
    state.append(el("span", "state", "–", { "data-field": "state" }));
    const since = el("td", "num", "–", { "data-field": "time-in-state" });
    const reason = el("td", null, "", { "data-field": "reason" });
    const handled = el("td", "num", "–", { "data-field": "handled" });

    const skills = el("td");
    const skillsView = el("div", "c-skills", "", { "data-field": "skills" });
    const editor = el("form", "c-skills-edit", null, { hidden: "" });
    const input = el("input", null, null, { type: "text", "data-field": "skills-input", "aria-label": "skills" });
    editor.append(input, el("button", "primary", "Save", { type: "submit", "data-action": "save-skills" }));
    editor.addEventListener("submit", async (e) => {
      e.preventDefault();
      if (await act("Skills of " + id, "PUT", agentPath(id, "skills"), { skills: parseSkills(input.value) })) {
        editor.hidden = true;
      }
    });
    skills.append(skillsView, editor);

    const actions = el("td");
    const box = el("div", "c-actions");
    const reasonSelect = el("select", null, null, { "data-field": "pause-reason", "aria-label": "pause reason" });
    for (const r of PAUSE_REASONS) reasonSelect.append(el("option", null, r, { value: r }));
    box.append(
      button("Ready", "ready", () => act("Ready " + id, "POST", agentPath(id, "ready"))),
      reasonSelect,
      button("Pause", "pause", () => act("Pause " + id, "POST", agentPath(id, "pause"), { reason: reasonSelect.value })),
      button("Log in", "login", () => act("Log in " + id, "POST", agentPath(id, "login"))),
      button("Log out", "logout", () => act("Log out " + id, "POST", agentPath(id, "logout")), "danger")
    );
    if (me.role !== "agent") {
      box.append(
        button("Skills…", "edit-skills", () => {
          editor.hidden = !editor.hidden;
          if (!editor.hidden) {
            const agent = row.agent || {};
            input.value = skillsText(agent.skills);
            input.focus();
          }
        })
      );
    }
    actions.append(box);
    row.append(who, state, since, reason, handled, skills, actions);
    return row;
  }

  function updateAgentRow(row, agent) {
    row.agent = agent;
    field(row, "name").textContent = agent.name || agent.id;
    const state = field(row, "state");
    state.textContent = (agent.state || "–").replace("_", " ");
    state.dataset.state = agent.state || "";
    const detail = [];
    if (agent.reason) detail.push(agent.reason);
    if (agent.contactId) detail.push("contact " + agent.contactId);
    field(row, "reason").textContent = detail.join(" · ");
    field(row, "handled").textContent = agent.handled ?? "–";
    field(row, "skills").textContent = skillsText(agent.skills);
    const buttons = (name) => row.querySelector("[data-action='" + name + "']");
    const out = agent.state === "LOGGED_OUT";
    buttons("login").disabled = !out;
    buttons("logout").disabled = out;
    buttons("ready").disabled = out || agent.state === "READY";
    buttons("pause").disabled = out || agent.state === "PAUSED";
  }

  function tickTimes() {
    const now = live ? live.serverNow() : Date.now();
    for (const row of agentRows.values()) {
      const agent = row.agent;
      if (!agent) continue;
      const seconds = agent.stateSinceMs ? (now - agent.stateSinceMs) / 1000 : agent.secondsInState;
      field(row, "time-in-state").textContent = formatDuration(seconds);
    }
  }

  function renderAgents(agents) {
    const body = document.querySelector("[data-field='agents'] tbody");
    for (const agent of agents) {
      const id = String(agent.id);
      let row = agentRows.get(id);
      if (!row) {
        row = buildAgentRow(id);
        agentRows.set(id, row);
        body.append(row);
      }
      updateAgentRow(row, agent);
    }
    const ids = new Set(agents.map((a) => String(a.id)));
    for (const [id, row] of agentRows) {
      if (!ids.has(id)) {
        row.remove();
        agentRows.delete(id);
      }
    }
    field(document, "agent-count").textContent = "(" + agents.length + ")";
    tickTimes();
  }

  function buildQueueRow(id) {
    const row = el("tr", null, null, { "data-queue-id": id });
    const editable = me.role === "admin";
    const percent = el("input", null, null, { type: "number", min: "1", max: "100", "data-field": "target-percent" });
    const seconds = el("input", null, null, { type: "number", min: "1", max: "3600", "data-field": "target-seconds" });
    const policy = el("select", null, null, { "data-field": "policy" });
    for (const p of POLICIES) policy.append(el("option", null, p, { value: p }));
    for (const input of [percent, seconds, policy]) input.disabled = !editable;
    const save = button("Save", "save-queue", async () => {
      const ok = await act("Queue " + id, "PUT", "/api/v1/queues/" + encodeURIComponent(id), {
        serviceLevel: { percent: Number(percent.value), targetSeconds: Number(seconds.value) },
        policy: policy.value,
      });
      if (ok) loadSettings(id, row);
    }, "primary");
    save.hidden = !editable;
    const td = (child) => {
      const cell = el("td");
      cell.append(child);
      return cell;
    };
    row.append(
      el("td", "c-agent-name", id, { "data-field": "name" }),
      el("td", "num", "–", { "data-field": "waiting" }),
      el("td", "num c-sl", "–", { "data-field": "sl" }),
      td(percent), td(seconds), td(policy), td(save)
    );
    loadSettings(id, row);
    return row;
  }

  async function loadSettings(id, row) {
    try {
      const settings = await api("GET", "/api/v1/queues/" + encodeURIComponent(id) + "/settings");
      field(row, "target-percent").value = settings.serviceLevel.percent;
      field(row, "target-seconds").value = settings.serviceLevel.targetSeconds;
      field(row, "policy").value = settings.policy;
    } catch (e) {
      toast("Settings of " + id + ": " + describe(e), "error");
    }
  }

  function renderQueues(queues) {
    const body = document.querySelector("[data-field='queues'] tbody");
    for (const q of queues) {
      const id = String(q.id);
      let row = queueRows.get(id);
      if (!row) {
        row = buildQueueRow(id);
        queueRows.set(id, row);
        body.append(row);
      }
      field(row, "name").textContent = q.name || id;
      field(row, "waiting").textContent = q.waiting ?? 0;
      const sl = q.serviceLevel || {};
      const cell = field(row, "sl");
      cell.textContent = sl.percent === null || sl.percent === undefined ? "–" : Math.round(sl.percent) + " %";
      cell.dataset.status = sl.percent === null || sl.percent === undefined ? "" : sl.percent >= sl.targetPercent ? "ok" : "bad";
    }
  }

  function renderAnnouncement(announcements) {
    const on = (announcements || []).filter((a) => a.active);
    const state = field(document, "announcement-state");
    state.dataset.active = String(on.length > 0);
    state.textContent = on.length ? "ON · " + on.map((a) => a.scope + ": " + a.prompt).join(" · ") : "Off";
  }

  function wireAnnouncement() {
    const form = field(document, "announcement-form");
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      act("Announcement on", "POST", "/api/v1/announcement", {
        scope: form.scope.value.trim() || "*",
        active: true,
        prompt: form.prompt.value.trim(),
      });
    });
    form.querySelector("[data-action='announce-off']").addEventListener("click", () =>
      act("Announcement off", "POST", "/api/v1/announcement", { scope: form.scope.value.trim() || "*", active: false })
    );
  }

  async function pollOwnAgent() {
    try {
      const agent = await api("GET", agentPath(me.agentId));
      renderAgents([agent]);
      Switchboard.setStatus(field(document, "connection"), "live");
    } catch (e) {
      Switchboard.setStatus(field(document, "connection"), "offline");
    }
  }

  async function main() {
    me = await Switchboard.signIn((role) => role !== "wallboard");
    field(document, "whoami").textContent = me.name + " · " + me.role;
    document.querySelector("[data-action='signout']").addEventListener("click", () => {
      Switchboard.forgetToken();
      window.location.reload();
    });
    setInterval(tickTimes, 1000);
    if (me.role === "agent") {
      document.querySelectorAll(".c-panel").forEach((p) => {
        if (!p.querySelector("[data-field='agents']")) p.hidden = true;
      });
      pollOwnAgent();
      setInterval(pollOwnAgent, 2000);
      return;
    }
    wireAnnouncement();
    live = Switchboard.connect(
      (state) => {
        renderAgents([...state.agents.values()]);
        renderQueues([...state.queues.values()]);
        renderAnnouncement(state.announcements);
      },
      (s) => Switchboard.setStatus(field(document, "connection"), s)
    );
  }

  main();
})();

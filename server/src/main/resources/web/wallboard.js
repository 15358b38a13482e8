/*
 * The wallboard: one tile per queue, an alert banner and an emergency-announcement banner, all
 * live from the stream. Tiles are built once and then only their text changes, so nothing
 * flickers on a big screen.
 */
"use strict";

(() => {
  const { el, formatDuration } = Switchboard;
  /** Points below target still counted "at risk" (amber) rather than "missed" (red). */
  const AT_RISK_POINTS = 10;
  const tiles = new Map();
  const root = document.querySelector("[data-field='tiles']");
  const empty = document.querySelector("[data-field='empty']");

  function field(node, name) {
    return node.querySelector("[data-field='" + name + "']");
  }

  /** ok / warn / bad / none from the service level against its target. */
  function slStatus(q) {
    const sl = q.serviceLevel || {};
    if (sl.percent === null || sl.percent === undefined) {
      return (q.waiting || 0) > 0 && (q.longestWaitSeconds || 0) > (sl.targetSeconds || Infinity) ? "warn" : "none";
    }
    if (sl.percent >= sl.targetPercent) {
      return (q.longestWaitSeconds || 0) > (sl.targetSeconds || Infinity) ? "warn" : "ok";
    }
    return sl.percent >= sl.targetPercent - AT_RISK_POINTS ? "warn" : "bad";
  }

  const BADGES = { ok: "ON TARGET", warn: "AT RISK", bad: "BELOW TARGET", none: "NO CALLS YET" };

  function kpi(name, label) {
    const box = el("div", "kpi", null, { "data-kpi": name });
    box.append(el("div", "kpi-value num", "–", { "data-field": name }), el("div", "kpi-label", label));
    return box;
  }

  function agentCount(cls, name, label) {
    const box = el("div", "agent-count " + cls);
    box.append(el("b", "num", "–", { "data-field": name }), el("span", null, label));
    return box;
  }

  function buildTile(id) {
    const tile = el("section", "tile", null, { "data-queue-id": id, "data-status": "none" });
    const head = el("div", "tile-head");
    head.append(el("h2", "tile-name", id, { "data-field": "name" }), el("div", "tile-badge", BADGES.none, { "data-field": "badge" }));

    const sl = el("div", "tile-sl");
    const value = el("div", "tile-sl-value num");
    value.append(el("span", null, "–", { "data-field": "sl" }), el("span", "unit", "%"));
    sl.append(value, el("div", "tile-sl-caption", "", { "data-field": "sl-caption" }));

    const spark = el("div", "tile-spark");
    spark.append(el("div", "tile-spark-host", null, { "data-field": "spark" }), el("div", "tile-spark-caption", "SL · last 60 min"));

    const kpis = el("div", "tile-kpis");
    kpis.append(kpi("waiting", "waiting"), kpi("longest", "longest wait"), kpi("asa", "avg answer"));

    const agents = el("div", "tile-agents");
    agents.append(
      agentCount("ready", "ready", "ready"),
      agentCount("busy", "busy", "busy"),
      agentCount("wrap", "wrap", "wrap-up"),
      agentCount("paused", "paused", "paused")
    );

    const foot = el("div", "tile-foot");
    const staffing = el("div", "staffing", null, { "data-field": "staffing" });
    staffing.append("Need ", el("b", "num", "–", { "data-field": "required" }), " · logged in ", el("b", "num", "–", { "data-field": "logged-in" }));
    const counts = el("div", "counts");
    counts.append(
      "Answered ", el("b", "num", "–", { "data-field": "answered" }),
      " · Abandoned ", el("b", "num", "–", { "data-field": "abandoned" })
    );
    foot.append(staffing, counts);

    tile.append(head, sl, spark, kpis, agents, foot);
    return tile;
  }

  const SVG = "http://www.w3.org/2000/svg";

  /** An inline SVG sparkline of the SL trend (0-100 %) with the target as a dashed line. */
  function sparkline(trend, targetPercent) {
    const width = 120;
    const height = 50;
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 " + width + " " + height);
    svg.setAttribute("preserveAspectRatio", "none");
    svg.setAttribute("role", "img");
    const points = (trend || []).filter((p) => p && p.serviceLevelPercent !== null && p.serviceLevelPercent !== undefined);
    svg.setAttribute("aria-label", points.length ? "service level trend" : "no trend yet");
    const y = (pct) => (height - 2 - (Math.max(0, Math.min(100, pct)) / 100) * (height - 4)).toFixed(1);
    if (targetPercent) {
      const line = document.createElementNS(SVG, "line");
      line.setAttribute("class", "spark-target");
      line.setAttribute("x1", "0");
      line.setAttribute("x2", String(width));
      line.setAttribute("y1", y(targetPercent));
      line.setAttribute("y2", y(targetPercent));
      svg.append(line);
    }
    if (points.length >= 2) {
      const t0 = points[0].timeMs;
      const span = Math.max(1, points[points.length - 1].timeMs - t0);
      const coords = points.map((p) => ((p.timeMs - t0) / span * width).toFixed(1) + "," + y(p.serviceLevelPercent));
      const area = document.createElementNS(SVG, "polygon");
      area.setAttribute("class", "spark-area");
      area.setAttribute("points", "0," + height + " " + coords.join(" ") + " " + width + "," + height);
      const line = document.createElementNS(SVG, "polyline");
      line.setAttribute("class", "spark-line");
      line.setAttribute("points", coords.join(" "));
      svg.append(area, line);
    }
    return svg;
  }

  function show(node, text) {
    const value = text === null || text === undefined ? "–" : String(text);
    if (node.textContent !== value) node.textContent = value;
  }

  function updateTile(tile, q) {
    const sl = q.serviceLevel || {};
    const status = slStatus(q);
    tile.dataset.status = status;
    show(field(tile, "name"), q.name || q.id);
    show(field(tile, "badge"), BADGES[status]);
    const noData = sl.percent === null || sl.percent === undefined;
    show(field(tile, "sl"), noData ? "–" : Math.round(sl.percent));
    tile.querySelector(".tile-sl-value .unit").hidden = noData;
    show(field(tile, "sl-caption"), "target " + (sl.targetPercent ?? "–") + "% in " + (sl.targetSeconds ?? "–") + " s");
    show(field(tile, "waiting"), q.waiting ?? 0);
    show(field(tile, "longest"), formatDuration(q.longestWaitSeconds ?? 0));
    show(field(tile, "asa"), q.asaSeconds === null || q.asaSeconds === undefined ? "–" : formatDuration(q.asaSeconds));
    const longestKpi = tile.querySelector("[data-kpi='longest']");
    const longest = q.longestWaitSeconds || 0;
    longestKpi.dataset.level = longest > 2 * (sl.targetSeconds || Infinity) ? "bad" : longest > (sl.targetSeconds || Infinity) ? "warn" : "";
    tile.querySelector("[data-kpi='waiting']").dataset.level = (q.waiting || 0) > 0 && (q.agents || {}).ready === 0 ? "warn" : "";
    const a = q.agents || {};
    show(field(tile, "ready"), a.ready ?? 0);
    show(field(tile, "busy"), a.busy ?? 0);
    show(field(tile, "wrap"), a.wrapUp ?? 0);
    show(field(tile, "paused"), a.paused ?? 0);
    const required = q.requiredAgents;
    show(field(tile, "required"), required === null || required === undefined ? "–" : required);
    show(field(tile, "logged-in"), a.loggedIn ?? 0);
    field(tile, "staffing").dataset.level =
      required === null || required === undefined ? "" : (a.loggedIn || 0) < required ? "bad" : "ok";
    const today = (q.windows && q.windows.today) || {};
    show(field(tile, "answered"), today.answered ?? q.answered ?? 0);
    show(field(tile, "abandoned"), today.abandoned ?? q.abandoned ?? 0);
    const trendKey = JSON.stringify([q.trend, sl.targetPercent]);
    if (tile.dataset.trendKey !== trendKey) {
      tile.dataset.trendKey = trendKey;
      field(tile, "spark").replaceChildren(sparkline(q.trend, sl.targetPercent));
    }
  }

  function renderAlerts(state) {
    const banner = document.querySelector("[data-field='alerts']");
    const active = [...state.alerts.values()].filter((a) => a.active !== false);
    const rank = (a) => ({ critical: 0, CRITICAL: 0, warning: 1, WARNING: 1 })[a.severity] ?? 2;
    active.sort((x, y) => rank(x) - rank(y) || (y.raisedAtMs || 0) - (x.raisedAtMs || 0));
    banner.hidden = active.length === 0;
    const rows = active.slice(0, 3).map((a) =>
      el("div", "wb-alert", "⚠ " + (a.message || a.kind), { "data-severity": a.severity || "", "data-alert-id": String(a.id) })
    );
    if (active.length > 3) rows.push(el("div", "wb-alert-more", "+ " + (active.length - 3) + " more alerts"));
    banner.replaceChildren(...rows);
  }

  function renderAnnouncement(state) {
    const banner = document.querySelector("[data-field='announcement']");
    const on = (state.announcements || []).filter((a) => a.active);
    banner.hidden = on.length === 0;
    banner.textContent = on.length
      ? "EMERGENCY ANNOUNCEMENT ON · " + on.map((a) => (a.scope === "*" ? "all lines" : a.scope) + ": " + a.prompt).join(" · ")
      : "";
  }

  function render(state) {
    let waiting = 0;
    for (const [id, q] of state.queues) {
      let tile = tiles.get(id);
      if (!tile) {
        tile = buildTile(id);
        tiles.set(id, tile);
        root.append(tile);
      }
      updateTile(tile, q);
      waiting += q.waiting || 0;
    }
    for (const [id, tile] of tiles) {
      if (!state.queues.has(id)) {
        tile.remove();
        tiles.delete(id);
      }
    }
    empty.hidden = tiles.size > 0;
    let ready = 0;
    let busy = 0;
    for (const agent of state.agents.values()) {
      if (agent.state === "READY") ready++;
      if (agent.state === "BUSY") busy++;
    }
    show(document.querySelector("[data-field='total-waiting']"), waiting);
    show(document.querySelector("[data-field='total-ready']"), ready);
    show(document.querySelector("[data-field='total-busy']"), busy);
    const banners = [state.alerts.size, (state.announcements || []).length].join(",");
    renderAlerts(state);
    renderAnnouncement(state);
    // Banners take height: refit when they appear or go.
    fitToScreen(banners !== lastBanners);
    lastBanners = banners;
  }
  let lastBanners = "";

  /**
   * Makes everything as large as the screen allows without scrolling: a wall screen is read from
   * across the room and nobody scrolls it. Binary search on the base font size; runs only when the
   * number of tiles or the window size changes.
   */
  let fittedFor = "";
  function fitToScreen(force) {
    const key = tiles.size + "x" + window.innerWidth + "x" + window.innerHeight;
    if (!force && key === fittedFor) return;
    fittedFor = key;
    const body = document.body;
    const fits = () => document.documentElement.scrollHeight <= window.innerHeight && document.documentElement.scrollWidth <= window.innerWidth;
    let low = 9;
    let high = Math.max(12, Math.floor(window.innerHeight / 18));
    while (high - low > 0.5) {
      const mid = (low + high) / 2;
      body.style.fontSize = mid + "px";
      if (fits()) low = mid;
      else high = mid;
    }
    body.style.fontSize = low + "px";
  }

  function tickClock() {
    const now = new Date();
    const pad = (n) => String(n).padStart(2, "0");
    show(document.querySelector("[data-field='clock']"), pad(now.getHours()) + ":" + pad(now.getMinutes()));
  }

  async function main() {
    tickClock();
    setInterval(tickClock, 1000);
    window.addEventListener("resize", () => fitToScreen(true));
    await Switchboard.signIn((role) => role !== "agent");
    const status = document.querySelector("[data-field='connection']");
    Switchboard.connect(render, (s) => Switchboard.setStatus(status, s));
  }

  main();
})();

/*
 * Shared by the wallboard and the console: the API token, REST calls and the live stream.
 *
 * Token: taken once from ?token= (then removed from the address bar so it does not stay in the
 * history or get shared with a screenshot of the URL) or typed into the sign-in box, and kept in
 * sessionStorage for this tab only.
 *
 * Stream: a WebSocket to /api/v1/stream offering the subprotocols "switchboard.v1" and
 * "bearer.<token>" (so the token is not in the URL the server logs); the first frame is a full
 * snapshot, then deltas replace items by id. Reconnects with back-off; every reconnect starts with
 * a fresh snapshot, so nothing is missed.
 */
"use strict";

const Switchboard = (() => {
  const TOKEN_KEY = "switchboard.token";

  function takeTokenFromUrl() {
    const url = new URL(window.location.href);
    const token = url.searchParams.get("token");
    if (token) {
      sessionStorage.setItem(TOKEN_KEY, token);
      url.searchParams.delete("token");
      window.history.replaceState(null, "", url.pathname + url.search + url.hash);
    }
  }

  function token() {
    return sessionStorage.getItem(TOKEN_KEY) || "";
  }

  function forgetToken() {
    sessionStorage.removeItem(TOKEN_KEY);
  }

  /** Shows the sign-in box and resolves once a token is saved. */
  function askForToken(message) {
    return new Promise((resolve) => {
      const box = document.getElementById("signin");
      const form = box.querySelector("form");
      const input = box.querySelector("input");
      const note = box.querySelector("[data-field='signin-message']");
      note.textContent = message || "";
      box.hidden = false;
      input.focus();
      form.onsubmit = (e) => {
        e.preventDefault();
        const value = input.value.trim();
        if (!value) return;
        sessionStorage.setItem(TOKEN_KEY, value);
        input.value = "";
        box.hidden = true;
        resolve(value);
      };
    });
  }

  class ApiError extends Error {
    constructor(status, code, message, field) {
      super(message);
      this.status = status;
      this.code = code;
      this.field = field;
    }
  }

  async function api(method, path, body) {
    const init = { method, headers: { Authorization: "Bearer " + token() } };
    if (body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    const response = await fetch(path, init);
    let json = null;
    try {
      json = await response.json();
    } catch (ignored) {
      json = null;
    }
    if (!response.ok) {
      const error = (json && json.error) || {};
      throw new ApiError(
        response.status,
        error.code || "http-" + response.status,
        error.message || response.statusText,
        error.field || ""
      );
    }
    return json;
  }

  /** Checks the token; asks for another until one works. Resolves to {name, role, agentId}. */
  async function signIn(acceptRole) {
    takeTokenFromUrl();
    let message = "";
    for (;;) {
      if (!token()) {
        await askForToken(message);
      }
      try {
        const me = await api("GET", "/api/v1/whoami");
        if (!acceptRole || acceptRole(me.role)) {
          return me;
        }
        message = "A " + me.role + " token cannot open this page.";
      } catch (e) {
        if (e.status !== 401) throw e;
        message = "That token was not accepted.";
      }
      forgetToken();
    }
  }

  /**
   * The live picture: queues, agents and alerts by id (in first-seen order), announcements, and the
   * offset between the server's clock and this browser's.
   */
  class LiveState {
    constructor() {
      this.queues = new Map();
      this.agents = new Map();
      this.alerts = new Map();
      this.announcements = [];
      this.serverOffsetMs = 0;
      this.timeMs = 0;
    }

    apply(frame) {
      if (frame.type === "snapshot") {
        for (const section of ["queues", "agents", "alerts"]) {
          this[section] = new Map();
          for (const item of frame[section] || []) this[section].set(String(item.id), item);
        }
        this.announcements = frame.announcements || [];
      } else if (frame.type === "delta") {
        for (const section of ["queues", "agents", "alerts"]) {
          for (const item of frame[section] || []) this[section].set(String(item.id), item);
          const removed = (frame.removed && frame.removed[section]) || [];
          for (const id of removed) this[section].delete(String(id));
        }
        if (frame.announcements) this.announcements = frame.announcements;
      } else {
        return false;
      }
      if (frame.timeMs) {
        this.timeMs = frame.timeMs;
        this.serverOffsetMs = frame.timeMs - Date.now();
      }
      return true;
    }

    serverNow() {
      return Date.now() + this.serverOffsetMs;
    }
  }

  /** Opens the stream; calls onChange(state) after each frame and onStatus("live"|"connecting"|...). */
  function connect(onChange, onStatus) {
    const state = new LiveState();
    let delayMs = 1000;
    function open() {
      onStatus("connecting");
      const scheme = window.location.protocol === "https:" ? "wss:" : "ws:";
      const base = scheme + "//" + window.location.host + "/api/v1/stream";
      // A token with characters a subprotocol cannot carry goes in the query instead.
      const safe = /^[A-Za-z0-9._~+-]+$/.test(token());
      const socket = safe
        ? new WebSocket(base, ["switchboard.v1", "bearer." + token()])
        : new WebSocket(base + "?token=" + encodeURIComponent(token()), ["switchboard.v1"]);
      socket.onopen = () => {
        delayMs = 1000;
        onStatus("live");
      };
      socket.onmessage = (event) => {
        let frame;
        try {
          frame = JSON.parse(event.data);
        } catch (e) {
          return;
        }
        if (state.apply(frame)) onChange(state, frame);
      };
      socket.onclose = () => {
        onStatus("offline");
        setTimeout(open, delayMs);
        delayMs = Math.min(delayMs * 2, 10000);
      };
    }
    open();
    return state;
  }

  function formatDuration(totalSeconds) {
    if (totalSeconds === null || totalSeconds === undefined || isNaN(totalSeconds)) return "–";
    const s = Math.max(0, Math.floor(totalSeconds));
    const h = Math.floor(s / 3600);
    const m = Math.floor((s % 3600) / 60);
    const sec = s % 60;
    const pad = (n) => String(n).padStart(2, "0");
    if (h >= 48) return Math.floor(h / 24) + " d";
    return h > 0 ? h + ":" + pad(m) + ":" + pad(sec) : m + ":" + pad(sec);
  }

  /** Creates an element with a class, text and attributes (no innerHTML: nothing is parsed). */
  function el(tag, className, text, attrs) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    if (attrs) for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    return node;
  }

  function setStatus(node, status) {
    node.dataset.status = status;
    node.textContent = { live: "LIVE", connecting: "CONNECTING…", offline: "RECONNECTING…" }[status] || status;
  }

  return { api, signIn, connect, formatDuration, el, setStatus, ApiError, token, forgetToken };
})();

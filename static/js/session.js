// Keep the user's work when a session ends (every page; no inline script, CSP):
//
// 1. Session warning: SESSION_WARNING_SECONDS before the session ends, a bar offers "Stay signed
//    in" (POST to the keep-alive endpoint); once it has ended, the bar says so.
// 2. Unsent input: every form marked data-keep-input is copied into localStorage while the user
//    types (key: user + the form's address); the copy is cleared once the server confirms the save
//    (a message marked "form-saved") and offered back ("Restore") when the form is opened again,
//    e.g. after logging in again or after a CSRF failure.
// 3. Autosave: a form with data-autosave-seconds posts itself in the background that often while
//    it has unsaved changes (the server answers JSON: the new version, or a conflict: 409).
(function () {
  "use strict";
  var keeper = document.getElementById("session-keeper");
  var labelsNode = document.getElementById("session-labels");
  var labels = labelsNode ? JSON.parse(labelsNode.textContent) : {};
  var PREFIX = "portal:unsent:";
  var SKIP = { csrfmiddlewaretoken: true, version: true };

  function text(name, value) {
    return (labels[name] || "").replace("{}", value === undefined ? "" : value);
  }

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    if (match) { return decodeURIComponent(match[1]); }
    var field = document.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  function clock(date) {
    return date.toLocaleTimeString(document.documentElement.lang || undefined, { hour: "2-digit", minute: "2-digit" });
  }

  // --- 1. the session warning -------------------------------------------------------------
  var sessionEnded = false;
  if (keeper) {
    var warning = keeper.querySelector("[data-role=warning]");
    var ended = keeper.querySelector("[data-role=ended]");
    var warnBefore = Number(keeper.getAttribute("data-warn-before")) * 1000;
    var endsAt = Date.now() + Number(keeper.getAttribute("data-seconds-left")) * 1000;
    var login = keeper.querySelector("[data-role=login]");
    login.href = keeper.getAttribute("data-login-url") + "?next=" + encodeURIComponent(window.location.pathname);

    var tick = function () {
      var left = endsAt - Date.now();
      if (left <= 0) {
        sessionEnded = true;
        keeper.hidden = false;
        warning.hidden = true;
        ended.hidden = false;
        return;
      }
      if (left <= warnBefore) {
        keeper.hidden = false;
        warning.hidden = false;
        keeper.querySelector("[data-role=warning-text]").textContent = text("warning", Math.ceil(left / 60000));
      }
      window.setTimeout(tick, Math.min(left, Math.max(1000, left - warnBefore), 30000));
    };

    keeper.querySelector("[data-role=extend]").addEventListener("click", function () {
      fetch(keeper.getAttribute("data-keep-alive-url"), {
        method: "POST",
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrfToken(), "Accept": "application/json" }
      }).then(function (response) {
        return response.json().then(function (body) {
          endsAt = Date.now() + (response.ok ? body.seconds_left * 1000 : 0);
          warning.hidden = true;
          keeper.hidden = response.ok;
          tick();
        });
      });
    });
    tick();
  }

  // --- 2. unsent input ----------------------------------------------------------------------
  var user = keeper ? keeper.getAttribute("data-user") : null;

  function keyFor(form) {
    var action = new URL(form.getAttribute("action") || window.location.href, window.location.href);
    return PREFIX + user + ":" + action.pathname;
  }

  function fieldsOf(form) {
    return Array.prototype.filter.call(form.elements, function (field) {
      return field.name && !SKIP[field.name] && field.type !== "file" && field.type !== "password" &&
        field.type !== "hidden" && field.type !== "submit" && field.type !== "button";
    });
  }

  function snapshot(form) {
    var values = {};
    fieldsOf(form).forEach(function (field) {
      if (field.type === "checkbox" || field.type === "radio") {
        values[field.name + "\u0000" + field.value] = field.checked;
      } else {
        values[field.name] = field.value;
      }
    });
    return values;
  }

  function apply(form, values) {
    fieldsOf(form).forEach(function (field) {
      var key = (field.type === "checkbox" || field.type === "radio") ? field.name + "\u0000" + field.value : field.name;
      if (!(key in values)) { return; }
      if (field.type === "checkbox" || field.type === "radio") {
        field.checked = values[key];
      } else {
        field.value = values[key];
      }
      field.dispatchEvent(new Event("input", { bubbles: true }));
    });
  }

  function read(key) {
    try { return JSON.parse(window.localStorage.getItem(key) || "null"); } catch (error) { return null; }
  }

  function store(form, extra) {
    var entry = { values: snapshot(form), at: Date.now() };
    Object.keys(extra || {}).forEach(function (name) { entry[name] = extra[name]; });
    window.localStorage.setItem(keyFor(form), JSON.stringify(entry));
  }

  // The login page after a post that met an ended session: say that the input is kept.
  var notice = document.getElementById("kept-input-notice");
  if (notice) {
    notice.hidden = !Object.keys(window.localStorage).some(function (key) {
      var entry = key.indexOf(PREFIX) === 0 ? read(key) : null;
      return Boolean(entry && entry.sent);
    });
  }

  // A save the server confirmed: forget the copies of forms sent just before.
  if (user && document.querySelector(".form-saved")) {
    Object.keys(window.localStorage).forEach(function (key) {
      var entry = key.indexOf(PREFIX + user + ":") === 0 ? read(key) : null;
      if (entry && entry.sent) { window.localStorage.removeItem(key); }
    });
  }

  function offerRestore(form) {
    var key = keyFor(form);
    var entry = read(key);
    if (!entry) { return; }
    var current = snapshot(form);
    var differs = Object.keys(entry.values).some(function (name) {
      return name in current && current[name] !== entry.values[name];
    });
    if (!differs) { window.localStorage.removeItem(key); return; }
    var offer = document.createElement("div");
    offer.className = "alert alert-info d-flex flex-wrap align-items-center gap-2";
    offer.setAttribute("role", "alert");
    offer.id = "restore-offer";
    var message = document.createElement("span");
    message.className = "me-auto";
    message.textContent = text("restore", clock(new Date(entry.at)));
    var restore = document.createElement("button");
    restore.type = "button";
    restore.className = "btn btn-sm btn-primary";
    restore.textContent = text("restore_button");
    var discard = document.createElement("button");
    discard.type = "button";
    discard.className = "btn btn-sm btn-outline-secondary";
    discard.textContent = text("discard_button");
    offer.append(message, restore, discard);
    form.parentNode.insertBefore(offer, form);
    restore.addEventListener("click", function () {
      apply(form, entry.values);
      message.textContent = text("restored");
      restore.remove();
      discard.remove();
    });
    discard.addEventListener("click", function () {
      window.localStorage.removeItem(key);
      offer.remove();
    });
  }

  var timers = new WeakMap();
  document.querySelectorAll("form[data-keep-input]").forEach(function (form) {
    if (!user) { return; }
    offerRestore(form);
    form.addEventListener("input", function () {
      window.clearTimeout(timers.get(form));
      timers.set(form, window.setTimeout(function () { store(form); }, 300));
    });
    // Kept until the server confirms the save: a post that meets an ended session or an expired
    // token leaves the copy in place.
    form.addEventListener("submit", function () {
      window.clearTimeout(timers.get(form));
      store(form, { sent: true });
    });
    // A new token (after logging in again in another tab) is in the cookie: send that one.
    form.addEventListener("submit", function () {
      var token = csrfToken();
      var field = form.querySelector("input[name=csrfmiddlewaretoken]");
      if (field && token) { field.value = token; }
    });
  });

  // --- 3. autosave --------------------------------------------------------------------------
  document.querySelectorAll("form[data-autosave-seconds]").forEach(function (form) {
    var seconds = Number(form.getAttribute("data-autosave-seconds"));
    var status = document.getElementById("autosave-status");
    if (!seconds || !status) { return; }
    var dirty = false;
    var stopped = false;
    var inflight = null;
    form.addEventListener("input", function () { dirty = true; });
    // "Save draft" while an automatic save is on its way: wait for its new version, then send.
    form.addEventListener("submit", function (event) {
      if (inflight) {
        event.preventDefault();
        var submitter = event.submitter;
        inflight.then(function () { form.requestSubmit(submitter); });
        return;
      }
      stopped = true;
    });

    function say(message, kind) {
      status.textContent = message;
      status.className = "small " + (kind || "text-muted");
    }

    function save() {
      if (stopped) { return; }
      if (!dirty || sessionEnded) { window.setTimeout(save, seconds * 1000); return; }
      dirty = false;
      say(text("saving"));
      var body = new FormData(form);
      body.delete("csrfmiddlewaretoken");  // the header carries the current token
      body.append("autosave", "1");
      inflight = fetch(form.getAttribute("action") || window.location.href, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        redirect: "manual",
        headers: { "Accept": "application/json", "X-CSRFToken": csrfToken() }
      }).then(function (response) {
        if (response.type === "opaqueredirect" || response.status === 401 || response.status === 403) {
          dirty = true;
          say(text("session_ended"), "text-danger");
          return null;
        }
        return response.json().then(function (result) {
          if (response.status === 409) {
            stopped = true;
            say(text("stale"), "text-danger fw-semibold");
            return;
          }
          if (!response.ok) { throw new Error(result.detail || "HTTP " + response.status); }
          form.querySelector("input[name=version]").value = result.version;
          window.localStorage.removeItem(keyFor(form));
          form.dispatchEvent(new CustomEvent("portal:saved"));
          say(text("saved_at", clock(new Date(result.saved_at))), "text-success");
        });
      }).catch(function () {
        dirty = true;
        say(text("failed"), "text-warning");
      }).then(function () {
        inflight = null;
        if (!stopped) { window.setTimeout(save, seconds * 1000); }
      });
    }
    window.setTimeout(save, seconds * 1000);
  });
}());

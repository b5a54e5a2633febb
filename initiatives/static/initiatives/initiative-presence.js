/*
 * Who else is editing this initiative (initiatives.views.editing.presence).
 *
 * The edit page opens an editing session on the server; this script keeps it alive by posting
 * to the presence URL every few seconds (data-presence-interval, in seconds), shows the names
 * of the others present in a polite live region, and warns when another version has been
 * saved since the form was loaded. Leaving the page releases the session (sendBeacon).
 * Names are shown with textContent only.
 */
(function () {
  "use strict";

  var root = document.querySelector("[data-presence]");
  if (!root || !window.fetch || !window.FormData) {
    return;
  }
  var form = document.querySelector("form[data-initiative-form]");
  var others = root.querySelector("[data-presence-others]");
  var newer = root.querySelector("[data-presence-newer]");
  var url = root.getAttribute("data-presence-url");
  var session = root.getAttribute("data-presence-session") || "";
  var timer = null;
  var released = false;

  function field(name) {
    var input = form ? form.querySelector("input[name='" + name + "']") : null;
    return input ? input.value : "";
  }

  function intervalMs() {
    var seconds = parseFloat(root.getAttribute("data-presence-interval"));
    if (!isFinite(seconds) || seconds <= 0) {
      seconds = 20;
    }
    return Math.max(seconds, 0.2) * 1000;
  }

  function sentence(names) {
    if (!names.length) {
      return "";
    }
    var listed = names[0];
    if (names.length > 1) {
      listed = (root.getAttribute("data-message-list") || "%(first)s, %(last)s")
        .replace("%(first)s", names.slice(0, -1).join(", "))
        .replace("%(last)s", names[names.length - 1]);
    }
    var template = root.getAttribute(names.length > 1 ? "data-message-many" : "data-message-one");
    return (template || "%(names)s").replace("%(names)s", listed);
  }

  function payload(release) {
    var data = new FormData();
    data.append("csrfmiddlewaretoken", field("csrfmiddlewaretoken"));
    data.append("session", session);
    if (release) {
      data.append("release", "1");
    }
    return data;
  }

  function show(answer) {
    // null: the server no longer knows this tab's session (silent for too long); the next
    // ping, sent without one, opens a new one.
    session = answer.session ? String(answer.session) : "";
    var names = (answer.others || []).map(function (other) {
      return String(other.name || "");
    });
    var text = sentence(names);
    // Only touch the live region when the sentence changes, so it is not re-announced.
    if (others.textContent !== text) {
      others.textContent = text;
    }
    var base = field("base_revision");
    if (newer && answer.latest_revision && base && String(answer.latest_revision) !== base) {
      newer.hidden = false;
    }
  }

  function schedule() {
    window.clearTimeout(timer);
    timer = window.setTimeout(ping, intervalMs());
  }

  function ping() {
    if (released) {
      return;
    }
    fetch(url, {
      method: "POST",
      body: payload(false),
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (answer) {
        if (answer) {
          show(answer);
        }
      })
      .catch(function () {
        /* Offline for a moment: try again at the next tick. */
      })
      .then(schedule);
  }

  function release() {
    if (released || !session) {
      return;
    }
    released = true;
    window.clearTimeout(timer);
    if (navigator.sendBeacon) {
      navigator.sendBeacon(url, payload(true));
    }
  }

  window.addEventListener("pagehide", release);
  window.addEventListener("pageshow", function (event) {
    // Back from the browser's cache after a release: open a new session.
    if (event.persisted && released) {
      released = false;
      session = "";
      ping();
    }
  });
  schedule();
})();

// Amparo's own script: the lock shortcut, the CSRF header for htmx, and keeping typed text
// when a session ends. No inline script anywhere: the Content-Security-Policy forbids it.
(function () {
  "use strict";

  function token() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  }

  function lockNow() {
    var form = document.getElementById("lock-form");
    if (form) { form.submit(); } else { window.location.replace("/locked"); }
  }

  // One deliberate chord locks at once: Alt+Shift+L (shown next to the Lock button).
  // Not Escape: screen-reader users press it often, to leave a mode or close a menu.
  document.addEventListener("keydown", function (event) {
    if (event.altKey && event.shiftKey && !event.ctrlKey && !event.metaKey && event.code === "KeyL") {
      event.preventDefault();
      lockNow();
    }
  });

  // A page sent in answer to a form (an error shown at once, a wizard step): its history
  // entry becomes the GET page it belongs to, so that the browser's Back or a reload never
  // offers to send the form again ("Confirm form resubmission", ERR_CACHE_MISS) and never
  // sends a passphrase twice. Refused forms of the case pages redirect instead.
  var posted = document.body ? document.body.getAttribute("data-posted") : null;
  if (posted && window.history && window.history.replaceState) {
    window.history.replaceState(null, "", posted + window.location.hash);
  }

  // A page that loads a new step or reports errors moves focus there, so that a
  // screen reader announces it and the keyboard starts from it (not from the top).
  // After a form that went well the page opens at its section (#notes): focus goes there,
  // so that Tab continues from what was just done, not from the top of the page.
  function hashTarget() {
    var id = window.location.hash.slice(1);
    var target = id ? document.getElementById(decodeURIComponent(id)) : null;
    return target && target.tagName !== "DETAILS" && target.id !== "main" ? target : null;
  }
  function focusStart() {
    var summary = document.querySelector(".error-summary[data-focus]");
    var section = hashTarget();
    var target = summary || section || document.querySelector("[data-focus]");
    if (!target) { return; }
    if (target === section && !target.hasAttribute("tabindex")) { target.setAttribute("tabindex", "-1"); }
    target.focus();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", focusStart);
  } else { focusStart(); }
  // The browser's own jump to #section comes after: it would leave focus on the page itself.
  if (window.location.hash) { window.addEventListener("load", focusStart); }

  // A line of the error summary moves focus into its field (opening a folded form), not
  // only the view: the user can correct it at once.
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest(".error-summary a[href^='#']") : null;
    if (!link) { return; }
    var field = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
    if (!field) { return; }
    event.preventDefault();
    for (var node = field.parentElement; node; node = node.parentElement) {
      if (node.tagName === "DETAILS") { node.open = true; }
    }
    field.focus();
    field.scrollIntoView({ block: "center" });
  });

  // In the wizard, switching language keeps what was typed in the current step: the
  // answers go to the server (its memory, for this session) and the same step comes back
  // in the other language. Nothing is written to the browser's storage.
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest(".langs a[hreflang]") : null;
    var form = document.getElementById("wizard-form");
    if (!link || !form) { return; }
    event.preventDefault();
    var step = form.querySelector('input[name="step"]');
    var stay = document.createElement("input");
    stay.type = "hidden"; stay.name = "go"; stay.value = step ? step.value : "1";
    form.appendChild(stay);
    form.action = "/triage?lang=" + encodeURIComponent(link.getAttribute("hreflang"));
    form.submit();
  });

  // The plan's table of contents: following a link opens that body's section (the others
  // close, as only one may be open at a time) and moves focus into it.
  function openFromHash() {
    var id = window.location.hash.slice(1);
    var target = id ? document.getElementById(id) : null;
    if (target && target.tagName === "DETAILS") {
      target.open = true;
      var summary = target.querySelector("summary");
      if (summary) { summary.focus(); }
    }
  }
  window.addEventListener("hashchange", openFromHash);
  if (window.location.hash) { openFromHash(); }

  // htmx requests carry the token in a header (forms also carry it in a hidden field).
  document.addEventListener("htmx:configRequest", function (event) {
    event.detail.headers["X-CSRF-Token"] = token();
  });

  // A request refused because the session ended: keep the page (and what was typed),
  // say so, and let the user unlock in another tab.
  function sessionEnded() {
    var box = document.getElementById("session-ended");
    if (box) { box.hidden = false; box.focus(); }
  }
  document.addEventListener("htmx:responseError", function (event) {
    var status = event.detail.xhr ? event.detail.xhr.status : 0;
    if (status === 401 || status === 403) { sessionEnded(); }
  });

  // Back from unlocking in another tab: take the new session's token into every form,
  // so that the typed text can be sent without retyping it.
  function refreshToken() {
    fetch("/session/csrf", { credentials: "same-origin", cache: "no-store" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (!data || !data.csrf || data.csrf === token()) { return; }
        var meta = document.querySelector('meta[name="csrf-token"]');
        if (meta) { meta.setAttribute("content", data.csrf); }
        document.querySelectorAll('input[name="csrf_token"]').forEach(function (input) {
          input.value = data.csrf;
        });
        if (data.unlocked) {
          var box = document.getElementById("session-ended");
          if (box) { box.hidden = true; }
        }
      })
      .catch(function () { /* offline or locked: nothing to refresh */ });
  }
  window.addEventListener("focus", refreshToken);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") { refreshToken(); }
  });
})();

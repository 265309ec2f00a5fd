// Custodia web UI: the little JavaScript every page shares. No external resources.
(function () {
  "use strict";

  /** The session's CSRF token, from <meta name="csrf-token"> (empty when signed out). */
  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") || "" : "";
  }

  // htmx: every request carries the CSRF token (the server requires it on POST/PUT/PATCH/DELETE).
  document.addEventListener("htmx:configRequest", function (event) {
    var token = csrfToken();
    if (token) {
      event.detail.headers["X-CSRF-Token"] = token;
    }
  });

  /**
   * fetch() for this site: same-origin credentials and the CSRF token on every request.
   * Usage: custodia.fetch("/api/v1/...", { method: "POST", body: JSON.stringify(x),
   * headers: { "Content-Type": "application/json" } })
   */
  function custodiaFetch(url, options) {
    var opts = Object.assign({ credentials: "same-origin" }, options || {});
    var headers = new Headers(opts.headers || {});
    var token = csrfToken();
    if (token && !headers.has("X-CSRF-Token")) {
      headers.set("X-CSRF-Token", token);
    }
    opts.headers = headers;
    return window.fetch(url, opts);
  }

  // The session cookie is SameSite=Strict: a link followed from another site (a chat, a mail)
  // arrives without it and lands on the sign-in page. A request this page makes is same-site and
  // carries the cookie: when the sign-in page would send a signed-in browser on, go on.
  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("form[data-signin-next]");
    if (!form) {
      return;
    }
    var next = form.getAttribute("data-signin-next") || "/";
    window
      .fetch("/login?next=" + encodeURIComponent(next), {
        credentials: "same-origin",
        redirect: "manual",
      })
      .then(function (response) {
        if (response.type === "opaqueredirect") {
          window.location.replace(next);
        }
      })
      .catch(function () {});
  });

  // A button with data-copy puts that text on the clipboard and says so for a moment: its own
  // data-copied label, else the page's [data-message="copied"] text.
  function copied(button) {
    var label = button.textContent;
    var message = document.querySelector('[data-message="copied"]');
    button.textContent =
      button.getAttribute("data-copied") || (message ? message.textContent : "") || label;
    setTimeout(function () {
      button.textContent = label;
    }, 1500);
  }

  function copyByHand(text) {
    var area = document.createElement("textarea");
    area.value = text;
    document.body.appendChild(area);
    area.select();
    document.execCommand("copy");
    document.body.removeChild(area);
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button[data-copy]") : null;
    if (!button) {
      return;
    }
    var text = button.getAttribute("data-copy");
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(
        function () {
          copied(button);
        },
        function () {
          copyByHand(text);
          copied(button);
        }
      );
    } else {
      copyByHand(text);
      copied(button);
    }
  });

  window.custodia = Object.assign(window.custodia || {}, {
    csrfToken: csrfToken,
    fetch: custodiaFetch,
  });
})();

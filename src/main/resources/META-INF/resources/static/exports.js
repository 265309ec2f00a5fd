// Export pages and the dossier page's export section: show the server's inline answers to refused
// forms (400/409 carrying the translated reason, marked data-fragment), copy the package SHA-256.
(function () {
  "use strict";

  document.addEventListener("htmx:beforeSwap", function (event) {
    var xhr = event.detail.xhr;
    if ((xhr.status === 400 || xhr.status === 409) &&
        (xhr.responseText || "").indexOf("data-fragment") >= 0) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  // After a refused form is swapped in and settled, the keyboard focus is on its first refused
  // field, whatever else htmx or the browser did with the focus during the swap.
  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail && event.detail.elt;
    var field = target && target.querySelector ? target.querySelector("[aria-invalid=true]") : null;
    if (field && document.activeElement !== field) {
      field.focus();
    }
  });
})();

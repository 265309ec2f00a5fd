// Custodia review form: the submit confirmation dialog, inline errors swapped in by htmx
// (400/409 answers carry the form with the reasons), and an "unsaved changes" hint.
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    var opener = event.target.closest("[data-open-dialog]");
    if (opener) {
      var dialog = document.getElementById(opener.getAttribute("data-open-dialog"));
      if (dialog && dialog.showModal) dialog.showModal();
      return;
    }
    var closer = event.target.closest("[data-close-dialog]");
    if (closer) {
      var open = closer.closest("dialog");
      if (open) open.close();
    }
  });

  // the form answers 400/409 with itself and the reasons: show them instead of dropping them
  document.addEventListener("htmx:beforeSwap", function (event) {
    var status = event.detail.xhr.status;
    if ((status === 400 || status === 409) && event.detail.target.id === "review-form-wrap") {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  document.addEventListener("input", function (event) {
    var form = event.target.closest("#review-form");
    if (!form) return;
    var state = document.getElementById("save-state");
    if (state) state.textContent = state.getAttribute("data-unsaved");
  });

  // Ctrl+S saves the draft
  document.addEventListener("keydown", function (event) {
    if ((event.ctrlKey || event.metaKey) && (event.key === "s" || event.key === "S")) {
      var form = document.getElementById("review-form");
      if (form) {
        event.preventDefault();
        form.requestSubmit();
      }
    }
  });
})();

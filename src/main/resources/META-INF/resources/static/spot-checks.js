// Spot-check pages and the home page: show the server's inline answers to refused forms, copy
// the seed, "/" focuses the home page's search box.
(function () {
  "use strict";

  // htmx leaves 4xx answers unswapped; our forms answer 400/409 with the form or work area again,
  // carrying the translated reason (marked data-fragment), which must replace the old one.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var xhr = event.detail.xhr;
    if ((xhr.status === 400 || xhr.status === 409) &&
        (xhr.responseText || "").indexOf("data-fragment") >= 0) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  // a filter select applies itself
  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches("select[data-autosubmit]")) {
      event.target.form.submit();
    }
  });

  document.addEventListener("keydown", function (event) {
    var search = document.getElementById("home-q");
    var target = event.target;
    var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (search && event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      search.focus();
    }
  });
})();

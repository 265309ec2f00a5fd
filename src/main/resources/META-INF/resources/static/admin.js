// The administrators' pages: show the server's answers to refused forms (400/409/422 carrying the
// translated reason, marked data-fragment) in place of the form, as a 200 answer would be.
(function () {
  "use strict";

  document.addEventListener("htmx:beforeSwap", function (event) {
    var xhr = event.detail.xhr;
    if ((xhr.status === 400 || xhr.status === 409 || xhr.status === 422) &&
        (xhr.responseText || "").indexOf("data-fragment") >= 0) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
})();

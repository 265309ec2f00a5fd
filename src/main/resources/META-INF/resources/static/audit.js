// Audit and custody pages: a button with data-print prints the page (print CSS in audit.css).
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button[data-print]") : null;
    if (button) {
      window.print();
    }
  });
})();

// Dossier search: "/" jumps to the full-text field (unless typing in a field already).
(function () {
  "use strict";
  document.addEventListener("keydown", function (event) {
    var t = event.target;
    var typing = t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
    if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      var q = document.querySelector("input[name=q]");
      if (q) {
        event.preventDefault();
        q.focus();
        q.select();
      }
    }
  });
})();

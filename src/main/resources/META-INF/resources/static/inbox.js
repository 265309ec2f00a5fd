// The inbox: "select all" and the count of selected records. Linking itself is an htmx POST.
(function () {
  "use strict";
  function boxes() {
    return Array.prototype.slice.call(document.querySelectorAll('#inbox-form input[name="ids"]'));
  }
  function update() {
    var count = boxes().filter(function (b) { return b.checked; }).length;
    var label = document.querySelector("[data-selected-count]");
    if (label) {
      label.textContent = count ? (label.getAttribute("data-template") || "").replace("%n%", String(count)) : "";
    }
  }
  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches("[data-select-all]")) {
      boxes().forEach(function (b) { b.checked = event.target.checked; });
    }
    update();
  });
  // a refused request (400: no selection, case or reason) still shows its panel
  document.addEventListener("htmx:beforeSwap", function (event) {
    if (event.detail.target && event.detail.target.id === "link-result" && event.detail.xhr.status === 400) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
  // after a link, the records now linked leave the inbox list (refused ones stay, still ticked)
  document.addEventListener("htmx:afterSwap", function (event) {
    if (!event.target || event.target.id !== "link-result") {
      return;
    }
    var inboxOnly = document.querySelector('[data-testid="show-all"]') !== null;
    var result = event.target.querySelector("[data-case-id]");
    event.target.querySelectorAll("[data-outcome]").forEach(function (row) {
      if (row.getAttribute("data-state") === "FAILED") {
        return;
      }
      var tr = document.querySelector('tr[data-evidence="' + row.getAttribute("data-outcome") + '"]');
      if (tr && inboxOnly) {
        tr.parentNode.removeChild(tr);
      } else if (tr) {
        var cell = tr.querySelector("[data-linked-case]");
        if (cell && result) {
          var a = document.createElement("a");
          a.href = "/cases/" + result.getAttribute("data-case-id");
          a.textContent = result.getAttribute("data-case-no");
          cell.replaceChildren(a);
        }
        var box = tr.querySelector('input[name="ids"]');
        if (box) {
          box.checked = false;
        }
      }
    });
    update();
  });
})();

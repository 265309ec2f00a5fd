// Dossier page: "verify now" (POST /api/v1/evidence/{id}/verify with the CSRF token, each check
// shown inline) and copying full hashes. Texts come from the page (#check-names), in its language.
(function () {
  "use strict";

  function label(selector) {
    var el = document.querySelector("#check-names " + selector);
    return el ? el.textContent : "";
  }

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) {
      el.className = className;
    }
    if (text !== undefined) {
      el.textContent = text;
    }
    return el;
  }

  function showReport(box, report) {
    box.textContent = "";
    var result = element("p", "verify-summary verify-" + report.result.toLowerCase());
    result.setAttribute("data-testid", "verify-result");
    result.setAttribute("data-result", report.result);
    result.textContent = label('[data-result="' + report.result + '"]') || report.result;
    box.appendChild(result);
    var list = element("ul", "checks");
    report.checks.forEach(function (check) {
      var item = element("li", "check check-" + check.status);
      item.setAttribute("data-check", check.name);
      item.setAttribute("data-status", check.status);
      var mark = element("span", "check-mark", check.status === "pass" ? "✓" : check.status === "fail" ? "✗" : "…");
      mark.setAttribute("aria-hidden", "true");
      item.appendChild(mark);
      item.appendChild(element("span", "check-name", label('[data-check="' + check.name + '"]') || check.name));
      item.appendChild(element("span", "check-status", label('[data-status="' + check.status + '"]') || check.status));
      if (check.detail) {
        item.appendChild(element("span", "check-detail mono", check.detail));
      }
      list.appendChild(item);
    });
    box.appendChild(list);
  }

  function verify(button) {
    var id = button.getAttribute("data-verify");
    var row = document.querySelector('[data-verify-result="' + id + '"]');
    var box = row.querySelector(".verify-result");
    row.hidden = false;
    box.textContent = label('[data-message="running"]');
    button.disabled = true;
    window.custodia
      .fetch("/api/v1/evidence/" + encodeURIComponent(id) + "/verify", {
        method: "POST",
        headers: { Accept: "application/json" },
      })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.json();
      })
      .then(function (report) {
        showReport(box, report);
      })
      .catch(function () {
        box.textContent = label('[data-message="error"]');
        box.className = "verify-result verify-error";
      })
      .finally(function () {
        button.disabled = false;
      });
  }

  document.addEventListener("click", function (event) {
    var target = event.target.closest("button[data-verify]");
    if (target) {
      verify(target);
    }
  });
})();

// Case work: the new-case form and "add an action" send JSON to the API (POST /api/v1/cases,
// POST /api/v1/cases/{id}/actions) through custodia.fetch (session cookie + CSRF header).
(function () {
  "use strict";

  function message(form, name) {
    var el = form.querySelector('[data-message="' + name + '"]');
    return el ? el.textContent : "";
  }

  function addAction(form) {
    var template = form.querySelector("template[data-action-template]");
    var list = form.querySelector("[data-actions]");
    if (template && list) {
      list.appendChild(template.content.cloneNode(true));
    }
  }

  function iso(value) {
    return value ? new Date(value).toISOString() : null;
  }

  function actions(form, officerIds) {
    return Array.prototype.map.call(form.querySelectorAll("[data-action]"), function (row) {
      return {
        type: row.querySelector('[name="actionType"]').value,
        from: iso(row.querySelector('[name="actionFrom"]').value),
        to: iso(row.querySelector('[name="actionTo"]').value),
        officerIds: officerIds,
      };
    });
  }

  function checked(form, name) {
    return Array.prototype.filter
      .call(form.querySelectorAll('input[name="' + name + '"]'), function (b) { return b.checked; })
      .map(function (b) { return b.value; });
  }

  function showProblem(form, target, response) {
    return response
      .json()
      .catch(function () { return {}; })
      .then(function (problem) {
        var p = document.createElement("p");
        p.className = "alert alert-error";
        p.setAttribute("role", "alert");
        p.setAttribute("data-testid", "problem");
        var detail = problem.detail || problem.title || String(response.status);
        if (problem.errors && problem.errors.length) {
          detail = problem.errors.map(function (e) { return e.field + ": " + e.message; }).join("; ");
        } else if (problem.field) {
          detail = problem.field + ": " + detail;
        }
        p.textContent = message(form, "refused") + " " + detail;
        target.replaceChildren(p);
      });
  }

  function responsible(form) {
    // the case's officers who are not auxiliary staff are responsible for its actions
    return Array.prototype.filter
      .call(form.querySelectorAll('input[name="officerIds"]'), function (b) {
        return b.checked && !b.hasAttribute("data-auxiliary");
      })
      .map(function (b) { return b.value; });
  }

  function saveCase(form) {
    var target = form.querySelector("[data-case-result]");
    target.textContent = message(form, "saving");
    var body = {
      unitId: form.getAttribute("data-unit"),
      caseNo: form.querySelector('[name="caseNo"]').value,
      type: form.querySelector('[name="type"]').value,
      title: form.querySelector('[name="title"]').value || null,
      notes: form.querySelector('[name="notes"]').value || null,
      subjectIds: checked(form, "subjectIds"),
      officerIds: checked(form, "officerIds"),
      actions: actions(form, responsible(form)),
    };
    window.custodia
      .fetch("/api/v1/cases", {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify(body),
      })
      .then(function (response) {
        if (response.status === 201) {
          return response.json().then(function (dossier) {
            window.location.assign("/cases/" + dossier.id + "/documents");
          });
        }
        return showProblem(form, target, response);
      });
  }

  function saveAction(form) {
    var target = form.querySelector("[data-action-result]");
    var officers = (form.querySelector("[data-officers]").getAttribute("data-officers") || "")
      .split(",")
      .filter(Boolean);
    var rows = actions(form, officers);
    if (!rows.length) {
      addAction(form);
      return;
    }
    var caseId = form.getAttribute("data-case");
    var chain = Promise.resolve(true);
    rows.forEach(function (action) {
      chain = chain.then(function (ok) {
        if (!ok) {
          return false;
        }
        return window.custodia
          .fetch("/api/v1/cases/" + caseId + "/actions", {
            method: "POST",
            headers: { "Content-Type": "application/json", Accept: "application/json" },
            body: JSON.stringify(action),
          })
          .then(function (response) {
            if (response.status === 201) {
              return true;
            }
            return showProblem(form, target, response).then(function () { return false; });
          });
      });
    });
    chain.then(function (ok) {
      if (ok) {
        form.querySelector("[data-actions]").replaceChildren();
        var p = document.createElement("p");
        p.className = "alert alert-ok";
        p.setAttribute("data-testid", "action-saved");
        p.textContent = message(form, "saved");
        target.replaceChildren(p);
      }
    });
  }

  document.addEventListener("click", function (event) {
    var t = event.target;
    var form = t.closest ? t.closest("form") : null;
    if (!form) {
      return;
    }
    if (t.matches("[data-add-action]")) {
      addAction(form);
    } else if (t.matches("[data-remove-action]")) {
      t.closest("[data-action]").remove();
    } else if (t.matches("[data-save-case]")) {
      saveCase(form);
    } else if (t.matches("[data-save-action]")) {
      saveAction(form);
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("add-action") || document.getElementById("new-case");
    if (form) {
      addAction(form);
    }
  });
})();

// Resumable document uploads from the browser: a small tus 1.0 client (creation + core) over
// custodia.fetch, so the session cookie and the CSRF header go with every POST and PATCH.
// The upload's address is kept in localStorage under a fingerprint of the case and the file
// (name, size, last change): after a reload, choosing the same file asks the server where the
// upload stands (HEAD) and sends only the rest. The SHA-256 is computed here with WebCrypto and
// sent as the "sha256" metadata: the server refuses to archive bytes with another hash.
(function () {
  "use strict";

  var CHUNK = 2 * 1024 * 1024;
  var TUS = "1.0.0";

  function message(form, name, values) {
    var el = form.querySelector('[data-message="' + name + '"]');
    var text = el ? el.textContent : name;
    Object.keys(values || {}).forEach(function (k) {
      text = text.replace("%" + k + "%", values[k]);
    });
    return text;
  }

  function status(form, text, kind) {
    var box = form.querySelector("[data-upload-status]");
    box.className = "upload-status" + (kind ? " alert alert-" + kind : "");
    box.textContent = text;
  }

  function fingerprint(caseId, file) {
    return ["custodia.tus", caseId, file.name, file.size, file.lastModified].join("::");
  }

  function b64(text) {
    var bytes = new TextEncoder().encode(text);
    var binary = "";
    for (var i = 0; i < bytes.length; i++) {
      binary += String.fromCharCode(bytes[i]);
    }
    return btoa(binary);
  }

  function hex(buffer) {
    return Array.prototype.map
      .call(new Uint8Array(buffer), function (b) { return ("0" + b.toString(16)).slice(-2); })
      .join("");
  }

  function sha256(file) {
    return file.arrayBuffer().then(function (bytes) {
      return window.crypto.subtle.digest("SHA-256", bytes);
    }).then(hex);
  }

  function metadata(form, file, hash) {
    var pairs = {
      filename: file.name,
      contentType: (file.type || "application/octet-stream").toLowerCase(),
      sha256: hash,
      caseId: form.getAttribute("data-case"),
      officerId: form.querySelector('[name="officerId"]').value,
    };
    var title = form.querySelector('[name="title"]').value.trim();
    if (title) {
      pairs.title = title;
    }
    var time = form.querySelector('[name="time"]').value;
    if (time) {
      pairs.recordedFrom = new Date(time).toISOString();
      pairs.recordedTo = pairs.recordedFrom;
    }
    return Object.keys(pairs).map(function (k) { return k + " " + b64(pairs[k]); }).join(",");
  }

  function fail(form, response) {
    if (!response || !response.json) {
      status(form, message(form, "failed") + " " + (response && response.message ? response.message : ""), "error");
      return Promise.resolve(null);
    }
    return response.json().catch(function () { return {}; }).then(function (p) {
      status(form, message(form, "failed") + " " + (p.detail || p.title || response.status), "error");
      return null;
    });
  }

  /** Where the upload at url stands: its offset, or null when the server no longer has it. */
  function head(url) {
    return window.custodia
      .fetch(url, { method: "HEAD", headers: { "Tus-Resumable": TUS } })
      .then(function (r) {
        if (!r.ok) {
          return null;
        }
        return {
          offset: Number(r.headers.get("Upload-Offset")),
          evidenceId: r.headers.get("Custodia-Evidence-Id"),
        };
      });
  }

  function create(form, file, hash) {
    return window.custodia
      .fetch("/api/v1/uploads", {
        method: "POST",
        headers: {
          "Tus-Resumable": TUS,
          "Upload-Length": String(file.size),
          "Upload-Metadata": metadata(form, file, hash),
        },
      })
      .then(function (r) {
        if (r.status !== 201) {
          return fail(form, r);
        }
        return new URL(r.headers.get("Location"), window.location.href).pathname;
      });
  }

  function progress(form, done, total) {
    var bar = form.querySelector("[data-progress]");
    bar.hidden = false;
    bar.value = total ? Math.floor((done * 100) / total) : 100;
    status(form, message(form, "uploading", { done: done, total: total }));
  }

  function send(form, file, url, offset, key) {
    if (offset >= file.size) {
      return head(url).then(function (h) { return h && h.evidenceId; });
    }
    var end = Math.min(file.size, offset + CHUNK);
    return window.custodia
      .fetch(url, {
        method: "PATCH",
        headers: {
          "Tus-Resumable": TUS,
          "Upload-Offset": String(offset),
          "Content-Type": "application/offset+octet-stream",
        },
        body: file.slice(offset, end),
      })
      .then(function (r) {
        if (r.status === 409) {
          // the server has another offset (a PATCH whose answer was lost): ask and go on from it
          return head(url).then(function (h) {
            return h ? send(form, file, url, h.offset, key) : fail(form, r);
          });
        }
        if (r.status !== 204 && r.status !== 200) {
          return fail(form, r);
        }
        var next = Number(r.headers.get("Upload-Offset"));
        progress(form, next, file.size);
        var done = r.headers.get("Custodia-Evidence-Id");
        if (next >= file.size) {
          return done || head(url).then(function (h) { return h && h.evidenceId; });
        }
        return send(form, file, url, next, key);
      });
  }

  function finished(form, key, evidenceId, hash) {
    window.localStorage.removeItem(key);
    return window.custodia
      .fetch("/api/v1/evidence/" + evidenceId, { headers: { Accept: "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (e) {
        form.querySelector("[data-hashes]").hidden = false;
        form.querySelector("[data-browser-sha]").textContent = hash;
        form.querySelector("[data-server-sha]").textContent = e.sha256;
        var box = form.querySelector("[data-upload-status]");
        status(form, message(form, "done") + " ", "ok");
        var link = document.createElement("a");
        link.href = "/evidence/" + evidenceId;
        link.textContent = message(form, "open");
        link.setAttribute("data-testid", "uploaded-record");
        box.appendChild(link);
        box.setAttribute("data-evidence", evidenceId);
      });
  }

  function upload(form) {
    var input = form.querySelector('input[type="file"]');
    var file = input.files && input.files[0];
    if (!file) {
      input.focus();
      return;
    }
    var key = fingerprint(form.getAttribute("data-case"), file);
    var saved = null;
    try {
      saved = JSON.parse(window.localStorage.getItem(key) || "null");
    } catch (e) {
      saved = null;
    }
    status(form, message(form, "hashing"));
    var hashing = saved && saved.sha256 ? Promise.resolve(saved.sha256) : sha256(file);
    hashing
      .then(function (hash) {
        var resume = saved && saved.url ? head(saved.url) : Promise.resolve(null);
        return resume.then(function (at) {
          if (at) {
            status(form, message(form, "resuming", { offset: at.offset }));
            form.setAttribute("data-resumed-at", String(at.offset));
            return { url: saved.url, offset: at.offset, hash: hash };
          }
          return create(form, file, hash).then(function (url) {
            if (!url) {
              return null;
            }
            window.localStorage.setItem(
              key,
              JSON.stringify({ url: url, sha256: hash, name: file.name, size: file.size })
            );
            return { url: url, offset: 0, hash: hash };
          });
        });
      })
      .then(function (u) {
        if (!u) {
          return null;
        }
        return send(form, file, u.url, u.offset, key).then(function (evidenceId) {
          return evidenceId ? finished(form, key, evidenceId, u.hash) : null;
        });
      })
      .catch(function (error) {
        fail(form, error);
      });
  }

  // unfinished uploads of this case (kept in localStorage): say where each stands, so that the
  // officer knows to choose the same file again
  function listUnfinished(form) {
    var list = form.querySelector("[data-unfinished]");
    if (!list) {
      return;
    }
    var prefix = ["custodia.tus", form.getAttribute("data-case"), ""].join("::");
    Object.keys(window.localStorage)
      .filter(function (k) { return k.indexOf(prefix) === 0; })
      .forEach(function (k) {
        var saved;
        try {
          saved = JSON.parse(window.localStorage.getItem(k));
        } catch (e) {
          return;
        }
        if (!saved || !saved.url) {
          return;
        }
        head(saved.url).then(function (at) {
          if (!at) {
            window.localStorage.removeItem(k);
            return;
          }
          var li = document.createElement("li");
          li.setAttribute("data-testid", "unfinished-upload");
          li.textContent =
            (saved.name || "") + " · " + message(form, "uploading", { done: at.offset, total: saved.size || "?" });
          list.appendChild(li);
          list.closest("[data-unfinished-box]").hidden = false;
        });
      });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("upload");
    if (form) {
      listUnfinished(form);
    }
  });

  document.addEventListener("click", function (event) {
    if (event.target.matches && event.target.matches("[data-upload]")) {
      upload(event.target.closest("form"));
    }
  });
})();

// The audit entry page's own check, in the browser: from the entry bytes, the inclusion proof,
// the signed checkpoint and the published key (all fetched from /api/v1/audit with the session
// cookie), it computes the RFC 6962 leaf hash, walks the RFC 9162 audit path to a root, compares
// it with the checkpoint's root and verifies the checkpoint's Ed25519 signature (WebCrypto).
// The server's word is not taken for any of it. No library.
(function () {
  "use strict";

  var root = null;
  var enc = new TextEncoder();

  function $(selector) {
    return root.querySelector(selector);
  }

  function b64decode(s) {
    var bin = atob(s.replace(/\s+/g, ""));
    var out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) {
      out[i] = bin.charCodeAt(i);
    }
    return out;
  }

  function hex(bytes) {
    return Array.prototype.map
      .call(bytes, function (b) {
        return ("0" + b.toString(16)).slice(-2);
      })
      .join("");
  }

  function concat() {
    var n = 0;
    var parts = Array.prototype.slice.call(arguments);
    parts.forEach(function (p) {
      n += p.length;
    });
    var out = new Uint8Array(n);
    var at = 0;
    parts.forEach(function (p) {
      out.set(p, at);
      at += p.length;
    });
    return out;
  }

  function equal(a, b) {
    if (a.length !== b.length) {
      return false;
    }
    for (var i = 0; i < a.length; i++) {
      if (a[i] !== b[i]) {
        return false;
      }
    }
    return true;
  }

  async function sha256(bytes) {
    return new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  }

  /** RFC 6962 interior node: SHA-256(0x01 ‖ left ‖ right). */
  function node(left, right) {
    return sha256(concat(Uint8Array.of(1), left, right));
  }

  async function get(url, accept) {
    var response = await window.custodia.fetch(url, { headers: { Accept: accept } });
    if (!response.ok) {
      throw new Error("GET " + url + " → HTTP " + response.status);
    }
    return response;
  }

  function step(name, result, detail) {
    var li = $('[data-step="' + name + '"]');
    li.setAttribute("data-result", result);
    li.querySelector(".step-result").textContent = root.getAttribute("data-" + result) || result;
    li.querySelector(".step-detail").textContent = detail || "";
  }

  function verdict(state) {
    var p = $("[data-testid=verdict]");
    p.setAttribute("data-state", state);
    p.textContent = p.getAttribute("data-text-" + state);
  }

  /** Parses the C2SP signed note as served: body, origin, size, root, key name, key hash, signature. */
  function parseNote(note) {
    var blank = note.indexOf("\n\n");
    if (blank < 0) {
      throw new Error("signed note: no blank line");
    }
    var body = note.substring(0, blank + 1);
    var lines = body.split("\n");
    var sigLine = note
      .substring(blank + 2)
      .split("\n")
      .filter(function (l) {
        return l.indexOf("\u2014 ") === 0;
      })[0];
    if (!sigLine) {
      throw new Error("signed note: no signature line");
    }
    var parts = sigLine.split(" ");
    var blob = b64decode(parts[2] || "");
    return {
      body: body,
      origin: lines[0],
      size: Number(lines[1]),
      root: b64decode(lines[2]),
      name: parts[1],
      keyHash: blob.slice(0, 4),
      signature: blob.slice(4),
    };
  }

  /**
   * RFC 9162 section 2.1.3.2: the root the audit path leads to from leaf {@code index} of a tree
   * of {@code size} leaves, or null when the path has the wrong length for them.
   */
  async function rootFromPath(index, size, leaf, path) {
    if (index >= size) {
      return null;
    }
    var fn = index;
    var sn = size - 1;
    var r = leaf;
    for (var i = 0; i < path.length; i++) {
      var p = path[i];
      if (sn === 0) {
        return null;
      }
      if (fn % 2 === 1 || fn === sn) {
        r = await node(p, r);
        if (fn % 2 === 0) {
          while (fn % 2 === 0 && fn !== 0) {
            fn = Math.floor(fn / 2);
            sn = Math.floor(sn / 2);
          }
        }
      } else {
        r = await node(r, p);
      }
      fn = Math.floor(fn / 2);
      sn = Math.floor(sn / 2);
    }
    return sn === 0 ? r : null;
  }

  async function run() {
    var index = Number(root.getAttribute("data-index"));
    ["entry", "leaf", "key", "signature", "path", "root"].forEach(function (s) {
      step(s, "waiting", "");
    });
    $("[data-testid=sign-now]").hidden = true;
    var p = $("[data-testid=verdict]");
    p.setAttribute("data-state", "running");
    var current = "entry";
    var ok = true;
    try {
      // 1. the entry's canonical bytes, shown as stored and formatted
      var entry = await (await get("/api/v1/audit/entries/" + index, "application/json")).json();
      var bytes = b64decode(entry.entry);
      var text = new TextDecoder("utf-8").decode(bytes);
      $("[data-testid=raw]").textContent = text;
      $("[data-testid=raw-size]").textContent = bytes.length + " B";
      try {
        $("[data-testid=pretty]").textContent = JSON.stringify(JSON.parse(text), null, 2);
      } catch (e) {
        $("[data-testid=pretty]").textContent = text;
      }
      step("entry", "pass", bytes.length + " B · SHA-256 " + hex(await sha256(bytes)));

      // 2. leaf hash
      current = "leaf";
      var leaf = await sha256(concat(Uint8Array.of(0), bytes));
      step("leaf", "pass", hex(leaf));

      // 3. the published key and the checkpoint naming it
      current = "key";
      var pem = await (await get("/api/v1/audit/public-key", "application/x-pem-file")).text();
      $("[data-testid=public-key]").textContent = pem.trim();
      var der = b64decode(pem.replace(/-----[^-]+-----/g, ""));
      var key = await crypto.subtle.importKey("spki", der, { name: "Ed25519" }, true, ["verify"]);
      var rawKey = new Uint8Array(await crypto.subtle.exportKey("raw", key));
      var noteText = await (await get("/api/v1/audit/checkpoint", "text/plain")).text();
      $("[data-testid=checkpoint]").textContent = noteText;
      var note = parseNote(noteText);
      var keyId = (await sha256(concat(enc.encode(note.name), Uint8Array.of(0x0a, 0x01), rawKey))).slice(0, 4);
      var keyOk = equal(keyId, note.keyHash) && note.name === note.origin;
      ok = ok && keyOk;
      step(
        "key",
        keyOk ? "pass" : "fail",
        note.name + " · " + hex(keyId) + (keyOk ? " = " : " ≠ ") + hex(note.keyHash)
      );

      // 4. the checkpoint's signature
      current = "signature";
      var sigOk = await crypto.subtle.verify({ name: "Ed25519" }, key, note.signature, enc.encode(note.body));
      ok = ok && sigOk;
      step("signature", sigOk ? "pass" : "fail", note.origin + " · " + note.size + " · " + hex(note.signature).slice(0, 32) + "…");

      if (index >= note.size) {
        step("path", "pending", "#" + index + " ≥ " + note.size);
        step("root", "pending", "");
        $("[data-testid=sign-now]").hidden = false;
        verdict(ok ? "pending" : "fail");
        return;
      }

      // 5. the audit path from the leaf to a root
      current = "path";
      var proof = await (
        await get("/api/v1/audit/proof/inclusion?index=" + index + "&treeSize=" + note.size, "application/json")
      ).json();
      var list = $("[data-testid=proof]");
      list.textContent = "";
      var hashes = proof.hashes.map(b64decode);
      hashes.forEach(function (h) {
        var li = document.createElement("li");
        li.textContent = hex(h);
        list.appendChild(li);
      });
      var computed =
        proof.leafIndex === index && proof.treeSize === note.size
          ? await rootFromPath(index, note.size, leaf, hashes)
          : null;
      ok = ok && computed !== null;
      step(
        "path",
        computed ? "pass" : "fail",
        "#" + index + " / " + note.size + " · " + hashes.length + " → " + (computed ? hex(computed) : "—")
      );

      // 6. the root against the signed checkpoint's root
      current = "root";
      var rootOk = computed !== null && equal(computed, note.root);
      ok = ok && rootOk;
      step("root", rootOk ? "pass" : "fail", (computed ? hex(computed) : "—") + (rootOk ? " = " : " ≠ ") + hex(note.root));
      verdict(ok ? "pass" : "fail");
    } catch (e) {
      step(current, "fail", String(e && e.message ? e.message : e));
      verdict("fail");
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    root = document.getElementById("audit-verify");
    if (!root) {
      return;
    }
    $("[data-testid=sign-now]").addEventListener("click", function () {
      window.custodia
        .fetch("/api/v1/audit/checkpoint", { method: "POST", headers: { Accept: "application/json" } })
        .then(run);
    });
    run();
  });
})();

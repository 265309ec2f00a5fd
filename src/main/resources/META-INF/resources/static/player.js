// Custodia record page: the player (scrubbing with sprite previews, speed, frame steps, keys,
// wall-clock time of the frame) and the notes panel. No external resources.
(function () {
  "use strict";

  var SPEEDS = [0.25, 0.5, 0.75, 1, 1.25, 1.5, 2, 3, 4];
  var ZONE = "Asia/Shanghai";

  // What tests and the first-frame measurement read: performance.now() (ms since navigation start)
  // of the first frame presented after play(), and whether the player is ready.
  // marks: when the script ran, the metadata arrived, the first frame could play (ms, same clock)
  var state = (window.custodiaPlayer = { firstFrameMs: null, ready: false, cues: 0, marks: {} });

  function pad(n, width) {
    var s = String(n);
    while (s.length < width) s = "0" + s;
    return s;
  }

  /** Media time: 1:02:03.456 or 2:03.456. */
  function mediaTime(seconds) {
    var ms = Math.max(0, Math.round(seconds * 1000));
    var s = Math.floor(ms / 1000);
    var h = Math.floor(s / 3600);
    var m = Math.floor(s / 60) % 60;
    var rest = pad(s % 60, 2) + "." + pad(ms % 1000, 3);
    return h > 0 ? h + ":" + pad(m, 2) + ":" + rest : m + ":" + rest;
  }

  /** WebVTT timestamp (hh:mm:ss.ttt or mm:ss.ttt) in seconds. */
  function vttTime(text) {
    var parts = text.trim().split(":");
    var seconds = 0;
    for (var i = 0; i < parts.length; i++) seconds = seconds * 60 + parseFloat(parts[i]);
    return seconds;
  }

  /** The cues of a thumbnails track: [{from, to, url, x, y, w, h}]; URLs relative to the track. */
  function parseVtt(text, base) {
    var cues = [];
    var blocks = text.replace(/\r\n?/g, "\n").split(/\n\n+/);
    blocks.forEach(function (block) {
      var lines = block.split("\n");
      for (var i = 0; i < lines.length; i++) {
        var arrow = lines[i].indexOf("-->");
        if (arrow < 0) continue;
        var from = vttTime(lines[i].slice(0, arrow));
        var to = vttTime(lines[i].slice(arrow + 3).trim().split(/\s+/)[0]);
        var payload = (lines[i + 1] || "").trim();
        var m = /^(.*)#xywh=(\d+),(\d+),(\d+),(\d+)$/.exec(payload);
        if (m) {
          cues.push({ from: from, to: to, url: new URL(m[1], base).href, x: +m[2], y: +m[3], w: +m[4], h: +m[5] });
        }
        break;
      }
    });
    return cues;
  }

  function typing(target) {
    if (!target) return false;
    var tag = target.tagName;
    return (
      target.isContentEditable ||
      tag === "TEXTAREA" ||
      tag === "SELECT" ||
      (tag === "INPUT" && !/^(button|checkbox|radio|range|submit|reset)$/i.test(target.type))
    );
  }

  function init() {
    var root = document.getElementById("player");
    if (!root) return;
    var video = document.getElementById("player-video");
    var facts = JSON.parse(root.getAttribute("data-facts") || "{}");
    var frameRate = facts.frameRate && facts.frameRate > 0 ? facts.frameRate : 25;
    var frame = 1 / frameRate;
    var lang = root.getAttribute("data-lang") || "zh-CN";
    var playButton = document.getElementById("play-button");
    var mediaLabel = document.getElementById("media-time");
    var wallLabel = document.getElementById("wall-time");
    var speed = document.getElementById("speed");
    var scrub = document.getElementById("scrub");
    var played = document.getElementById("scrub-played");
    var buffered = document.getElementById("scrub-buffered");
    var marks = document.getElementById("scrub-marks");
    var preview = document.getElementById("scrub-preview");
    var thumb = document.getElementById("scrub-thumb");
    var previewTime = document.getElementById("scrub-time");
    var cues = [];
    // sprite sheets by URL: "loading" or "loaded"; fetched when the pointer first comes near the
    // bar (so merely opening the page does not fetch, nor audit, the sheet)
    var sprites = {};
    function loadSprites() {
      cues.forEach(function (cue) {
        if (sprites[cue.url]) return;
        sprites[cue.url] = "loading";
        var img = new Image();
        img.onload = function () {
          sprites[cue.url] = "loaded";
          state.spriteLoaded = true;
        };
        img.src = cue.url;
      });
    }
    var wallFormat = new Intl.DateTimeFormat(lang === "en" ? "en-GB" : "zh-CN", {
      timeZone: ZONE,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    });

    function duration() {
      if (isFinite(video.duration) && video.duration > 0) return video.duration;
      return facts.durationMs ? facts.durationMs / 1000 : 0;
    }

    /** yyyy-MM-dd HH:mm:ss.S of the frame at media time t, in Beijing time. */
    function wallTime(t) {
      var at = facts.wallClockFrom + t * 1000;
      var p = {};
      wallFormat.formatToParts(new Date(at)).forEach(function (part) {
        p[part.type] = part.value;
      });
      var tenth = Math.floor((((at % 1000) + 1000) % 1000) / 100);
      return (
        p.year + "-" + p.month + "-" + p.day + " " + p.hour + ":" + p.minute + ":" + p.second + "." + tenth
      );
    }

    function seek(t) {
      var d = duration();
      video.currentTime = Math.max(0, d ? Math.min(t, d) : t);
      render();
    }

    function render() {
      var t = video.currentTime || 0;
      mediaLabel.textContent = mediaTime(t);
      if (wallLabel && facts.wallClockFrom != null) wallLabel.textContent = wallTime(t);
      var d = duration();
      played.style.width = d ? (100 * t) / d + "%" : "0";
      scrub.setAttribute("aria-valuenow", String(Math.round(t * 1000)));
      scrub.setAttribute("aria-valuetext", mediaTime(t));
      var playing = !video.paused && !video.ended;
      playButton.textContent = root.getAttribute(playing ? "data-label-pause" : "data-label-play");
      playButton.setAttribute("aria-label", playButton.textContent);
      root.classList.toggle("is-playing", playing);
    }

    function renderBuffered() {
      var d = duration();
      if (!d || !video.buffered.length) return;
      buffered.style.width = (100 * video.buffered.end(video.buffered.length - 1)) / d + "%";
    }

    function toggle() {
      if (video.paused || video.ended) video.play();
      else video.pause();
    }

    function step(frames) {
      video.pause();
      seek((video.currentTime || 0) + frames * frame);
    }

    function setSpeed(rate) {
      video.playbackRate = rate;
      speed.value = String(rate);
    }

    var actions = {
      toggle: toggle,
      back5: function () {
        seek(video.currentTime - 5);
      },
      forward5: function () {
        seek(video.currentTime + 5);
      },
      frameBack: function () {
        step(-1);
      },
      frameForward: function () {
        step(1);
      },
      mute: function () {
        video.muted = !video.muted;
      },
      fullscreen: function () {
        if (document.fullscreenElement) document.exitFullscreen();
        else root.requestFullscreen();
      },
    };

    root.addEventListener("click", function (event) {
      var button = event.target.closest("[data-act]");
      if (button && actions[button.getAttribute("data-act")]) {
        actions[button.getAttribute("data-act")]();
      }
    });
    video.addEventListener("click", toggle);
    speed.addEventListener("change", function () {
      setSpeed(parseFloat(speed.value));
    });
    ["timeupdate", "play", "pause", "seeked", "loadedmetadata", "ended", "ratechange"].forEach(
      function (type) {
        video.addEventListener(type, render);
      }
    );
    video.addEventListener("progress", renderBuffered);
    state.marks.script = performance.now();
    ["loadedmetadata", "canplay"].forEach(function (type) {
      video.addEventListener(
        type,
        function () {
          if (state.marks[type] == null) state.marks[type] = performance.now();
        },
        { once: true }
      );
    });

    // the first frame presented after play(): requestVideoFrameCallback where there is one
    function watchFirstFrame() {
      if (state.firstFrameMs != null) return;
      if (video.requestVideoFrameCallback) {
        video.requestVideoFrameCallback(function () {
          if (state.firstFrameMs == null) state.firstFrameMs = performance.now();
        });
      } else {
        video.addEventListener("timeupdate", function first() {
          if (video.currentTime > 0 && state.firstFrameMs == null) {
            state.firstFrameMs = performance.now();
            video.removeEventListener("timeupdate", first);
          }
        });
      }
    }
    video.addEventListener("play", watchFirstFrame);

    // keyboard: not while typing in a text field
    var lPresses = 0;
    document.addEventListener("keydown", function (event) {
      if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
      var key = event.key;
      var handled = true;
      if (key === " " || key === "Spacebar") {
        if (event.target.closest && event.target.closest("button, a")) return;
        toggle();
      } else if (key === "ArrowLeft") {
        actions.back5();
      } else if (key === "ArrowRight") {
        actions.forward5();
      } else if (key === "j" || key === "J") {
        lPresses = 0;
        seek(video.currentTime - 10);
      } else if (key === "k" || key === "K") {
        lPresses = 0;
        video.pause();
      } else if (key === "l" || key === "L") {
        if (video.paused) {
          lPresses = 0;
          setSpeed(1);
          video.play();
        } else {
          // each further L while playing: the next faster speed, up to 4×
          lPresses++;
          var next = SPEEDS.filter(function (s) {
            return s > video.playbackRate;
          })[0];
          setSpeed(next || 4);
        }
      } else if (key === ",") {
        step(-1);
      } else if (key === ".") {
        step(1);
      } else if (key === "n" || key === "N") {
        var add = document.getElementById("add-note");
        if (add) add.click();
        else handled = false;
      } else {
        handled = false;
      }
      if (handled) event.preventDefault();
    });

    // scrubbing: click or drag to seek; hover shows the sprite tile of that time
    function timeAt(clientX) {
      var rect = scrub.getBoundingClientRect();
      var f = Math.min(1, Math.max(0, (clientX - rect.left) / rect.width));
      return { t: f * duration(), x: f * rect.width, width: rect.width };
    }

    function showPreview(clientX) {
      var at = timeAt(clientX);
      previewTime.textContent = mediaTime(at.t);
      var cue = null;
      for (var i = 0; i < cues.length; i++) {
        if (at.t >= cues[i].from && at.t < cues[i].to) {
          cue = cues[i];
          break;
        }
      }
      if (!cue && cues.length && at.t >= cues[cues.length - 1].from) cue = cues[cues.length - 1];
      if (cue && sprites[cue.url] === "loaded") {
        thumb.hidden = false;
        thumb.style.width = cue.w + "px";
        thumb.style.height = cue.h + "px";
        thumb.style.backgroundImage = 'url("' + cue.url + '")';
        thumb.style.backgroundPosition = -cue.x + "px " + -cue.y + "px";
        thumb.setAttribute("data-cue", cue.x + "," + cue.y + "," + cue.w + "," + cue.h);
      } else {
        thumb.hidden = true;
      }
      preview.hidden = false;
      var half = (cue ? cue.w : 60) / 2;
      preview.style.left = Math.min(at.width - half, Math.max(half, at.x)) + "px";
    }

    var dragging = false;
    scrub.addEventListener("pointerenter", loadSprites);
    scrub.addEventListener("focus", loadSprites);
    scrub.addEventListener("pointerdown", function (event) {
      dragging = true;
      scrub.setPointerCapture(event.pointerId);
      seek(timeAt(event.clientX).t);
      showPreview(event.clientX);
    });
    scrub.addEventListener("pointermove", function (event) {
      showPreview(event.clientX);
      if (dragging) seek(timeAt(event.clientX).t);
    });
    scrub.addEventListener("pointerup", function () {
      dragging = false;
    });
    scrub.addEventListener("pointerleave", function () {
      if (!dragging) preview.hidden = true;
    });
    scrub.addEventListener("keydown", function (event) {
      if (event.key === "Home") seek(0);
      else if (event.key === "End") seek(duration());
      else return;
      event.preventDefault();
    });

    if (facts.spriteTrackUrl) {
      fetch(facts.spriteTrackUrl, { credentials: "same-origin" })
        .then(function (r) {
          return r.ok ? r.text() : "";
        })
        .then(function (text) {
          cues = parseVtt(text, new URL(facts.spriteTrackUrl, location.href).href);
          state.cues = cues.length;
        })
        .catch(function () {
          cues = [];
        });
    }

    // notes: marks on the scrub bar, click to seek
    function renderMarks() {
      var d = duration();
      marks.innerHTML = "";
      if (!d) return;
      document.querySelectorAll(".note[data-at-ms]").forEach(function (note) {
        var mark = document.createElement("span");
        mark.className = "scrub-mark";
        mark.style.left = (100 * (+note.getAttribute("data-at-ms") / 1000)) / d + "%";
        marks.appendChild(mark);
      });
    }
    video.addEventListener("loadedmetadata", renderMarks);
    document.addEventListener("custodia:notes", renderMarks);

    document.addEventListener("click", function (event) {
      var link = event.target.closest("[data-seek-ms]");
      if (!link || event.ctrlKey || event.metaKey || event.shiftKey) return;
      event.preventDefault();
      seek(+link.getAttribute("data-seek-ms") / 1000);
      history.replaceState(null, "", link.getAttribute("href"));
      video.focus();
    });

    // ?t= (a note's link) starts there; ?play=1 plays at once
    var start = parseFloat(root.getAttribute("data-start") || "");
    if (start > 0) {
      if (video.readyState >= 1) seek(start);
      else
        video.addEventListener(
          "loadedmetadata",
          function () {
            seek(start);
          },
          { once: true }
        );
    }
    if (root.getAttribute("data-autoplay") === "true") {
      watchFirstFrame();
      var playing = video.play();
      if (playing && playing.catch) playing.catch(function () {});
    }

    window.custodiaPlayer.seek = seek;
    window.custodiaPlayer.video = video;
    window.custodiaPlayer.currentMs = function () {
      return Math.round(video.currentTime * 1000);
    };
    state.ready = true;
    render();
    initNotes(video, render);
  }

  function initNotes(video, render) {
    var add = document.getElementById("add-note");
    var form = document.getElementById("note-form");
    if (!add || !form) return;
    var at = document.getElementById("note-at");
    var atLabel = document.getElementById("note-at-label");
    var text = document.getElementById("note-text");
    var failed = document.getElementById("note-failed");
    var cancel = document.getElementById("note-cancel");
    var supersedes = document.getElementById("note-supersedes");
    var caption = document.getElementById("note-at-caption");
    var saving = false;

    /** Opens the form at {@code ms}; {@code earlier} names the note a correction supersedes. */
    function open(ms, earlier, startText) {
      video.pause();
      at.value = String(ms);
      atLabel.textContent = mediaTime(ms / 1000);
      supersedes.value = earlier || "";
      caption.textContent = caption.getAttribute(earlier ? "data-correcting" : "data-new");
      text.value = startText || "";
      form.hidden = false;
      add.hidden = true;
      failed.hidden = true;
      text.focus();
    }

    add.addEventListener("click", function () {
      open(Math.round((video.currentTime || 0) * 1000), null, "");
    });

    // "write a correction" of one's own note: a new note at the same time that supersedes it
    document.addEventListener("click", function (event) {
      var button = event.target.closest("[data-supersede]");
      if (!button) return;
      var note = button.closest(".note");
      var shown = note ? note.querySelector(".note-text") : null;
      open(+button.getAttribute("data-at-ms"), button.getAttribute("data-supersede"), shown ? shown.textContent : "");
    });

    function close() {
      form.hidden = true;
      add.hidden = false;
      text.value = "";
      supersedes.value = "";
    }

    cancel.addEventListener("click", close);
    text.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        close();
        video.focus();
      } else if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        form.requestSubmit();
      }
    });

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (saving) return;
      saving = true;
      failed.hidden = true;
      var body = new URLSearchParams();
      body.set("atMs", at.value);
      body.set("text", text.value);
      if (supersedes.value) body.set("supersedes", supersedes.value);
      window.custodia
        .fetch(form.getAttribute("data-url"), {
          method: "POST",
          body: body,
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
        })
        .then(function (response) {
          return response.text().then(function (html) {
            if (response.status >= 500 || html.indexOf('id="notes-list"') < 0) {
              failed.hidden = false;
              return;
            }
            document.getElementById("notes").innerHTML = html;
            document.dispatchEvent(new CustomEvent("custodia:notes"));
            if (response.status === 201) close();
          });
        })
        .catch(function () {
          failed.hidden = false;
        })
        .then(function () {
          saving = false;
        });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

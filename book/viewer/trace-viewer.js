// The book's trace viewer: plays a demo's loop turn by turn.
//
// A chapter embeds it with
//
//   <div class="aio-trace" data-trace="DEMO" data-twin="DEMO"></div>
//   <script type="application/json" data-trace-json="DEMO">{{#include …DEMO.json}}</script>
//
// (data-twin and its <script data-twin-json> are optional). The JSON is
// inline in the page, so the viewer works offline and from file://, with
// no fetch. Its schema is documented in aio_executor::trace::export
// (crates/04-executor/src/trace/export.rs); the twin's in
// python/twins/turns.py. Plain JavaScript, no library.
(function () {
  "use strict";

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { node.appendChild(c); });
    return node;
  }

  function readJson(selector) {
    var node = document.querySelector(selector);
    return node ? JSON.parse(node.textContent) : null;
  }

  function secs(t) {
    return t === null || t === undefined ? "—" : t.toFixed(3) + " s";
  }

  function describeOn(on) {
    switch (on.kind) {
      case "timer": return "timer due " + secs(on.due);
      case "socket": return "socket #" + on.source + " " + on.event;
      case "task": return on.finished ? "task " + on.task + " to finish" : "task " + on.task + " (woken by its step)";
      case "thread": return "another thread";
      case "yield": return "nothing: it yielded";
      case "callback": return "a callback";
      default: return "not woken before the trace ends";
    }
  }

  // What the twin said that we say too: "0 One" is our "One".
  function noteKey(line) {
    return line.replace(/^\d+(\.\d+)?s?\s+/, "");
  }

  function Viewer(root, trace, twin) {
    this.root = root;
    this.trace = trace;
    this.twin = twin;
    this.program = 0;
    this.index = 0; // the turn shown, 0-based
    this.twinIndex = 0;
    this.zoom = 12; // pixels per turn in the timeline
    this.timer = null;
    this.build();
    this.show(0);
  }

  Viewer.prototype.turns = function () {
    return this.trace.programs[this.program].turns;
  };

  Viewer.prototype.build = function () {
    var self = this;
    var t = this.trace;
    this.root.textContent = "";
    this.root.appendChild(el("div", { "class": "aio-trace-head" }, [
      el("strong", { text: "cargo lab trace " + t.demo }),
      el("span", { text: " — " + t.about })
    ]));
    if (t.programs.length > 1) {
      var tabs = el("div", { "class": "aio-trace-tabs", role: "tablist" });
      t.programs.forEach(function (p, i) {
        var b = el("button", { type: "button", "data-role": "program", "data-program": String(i), text: p.title });
        b.addEventListener("click", function () { self.selectProgram(i); });
        tabs.appendChild(b);
      });
      this.root.appendChild(tabs);
    }
    var controls = el("div", { "class": "aio-trace-controls" });
    function button(role, label, title, action) {
      var b = el("button", { type: "button", "data-role": role, title: title, "aria-label": title, text: label });
      b.addEventListener("click", action);
      controls.appendChild(b);
      return b;
    }
    button("first", "|◀", "first turn", function () { self.stop(); self.show(0); });
    button("back", "◀", "back one turn", function () { self.stop(); self.back(); });
    this.playButton = button("play", "play", "play", function () { self.toggle(); });
    button("step", "▶", "step one turn", function () { self.stop(); self.step(); });
    this.slider = el("input", { type: "range", min: "1", value: "1", "data-role": "slider", "aria-label": "turn" });
    this.slider.addEventListener("input", function () { self.stop(); self.show(Number(self.slider.value) - 1); });
    controls.appendChild(this.slider);
    this.counter = el("span", { "class": "aio-trace-counter", "data-role": "turn" });
    controls.appendChild(this.counter);
    this.root.appendChild(controls);

    var timelineBar = el("div", { "class": "aio-trace-timeline-bar" });
    var zoomOut = el("button", { type: "button", "data-role": "zoom-out", title: "zoom out", "aria-label": "zoom out", text: "−" });
    var zoomIn = el("button", { type: "button", "data-role": "zoom-in", title: "zoom in", "aria-label": "zoom in", text: "+" });
    zoomOut.addEventListener("click", function () { self.setZoom(self.zoom / 1.5); });
    zoomIn.addEventListener("click", function () { self.setZoom(self.zoom * 1.5); });
    this.timeline = el("div", { "class": "aio-trace-timeline", "data-role": "timeline" });
    timelineBar.appendChild(zoomOut);
    timelineBar.appendChild(zoomIn);
    timelineBar.appendChild(this.timeline);
    this.root.appendChild(timelineBar);

    var panes = el("div", { "class": "aio-trace-panes" });
    this.state = el("div", { "class": "aio-trace-state" });
    this.text = el("pre", { "class": "aio-trace-text", "data-role": "text" });
    panes.appendChild(this.state);
    panes.appendChild(this.text);
    if (this.twin) {
      this.twinPane = el("div", { "class": "aio-trace-twin", "data-role": "twin" });
      panes.appendChild(this.twinPane);
    }
    this.root.appendChild(panes);
    this.root.addEventListener("keydown", function (e) {
      if (e.target.tagName === "INPUT") return;
      if (e.key === "ArrowRight") { self.stop(); self.step(); e.preventDefault(); }
      if (e.key === "ArrowLeft") { self.stop(); self.back(); e.preventDefault(); }
    });
    this.selectProgram(0);
  };

  Viewer.prototype.selectProgram = function (i) {
    var self = this;
    this.stop();
    this.program = i;
    var p = this.trace.programs[i];
    this.root.querySelectorAll("[data-role=program]").forEach(function (b) {
      b.setAttribute("aria-selected", String(Number(b.getAttribute("data-program")) === i));
    });
    this.slider.max = String(p.turns.length);
    this.text.textContent = "";
    this.lines = p.text.map(function (line, n) {
      var span = el("span", { "data-line": String(n), text: line + "\n" });
      self.text.appendChild(span);
      return span;
    });
    this.timeline.textContent = "";
    this.cells = p.turns.map(function (turn, n) {
      var cell = el("button", {
        type: "button",
        "class": "aio-trace-cell aio-kind-" + turn.kind + (turn.outcome ? " aio-outcome-" + turn.outcome : ""),
        title: "turn " + turn.n + ": " + (turn.kind === "poll" ? turn.task + " → " + turn.outcome : turn.kind),
        "aria-label": "turn " + turn.n
      });
      cell.addEventListener("click", function () { self.stop(); self.show(n); });
      self.timeline.appendChild(cell);
      return cell;
    });
    this.setZoom(this.zoom);
    this.show(0);
  };

  Viewer.prototype.setZoom = function (z) {
    this.zoom = Math.max(3, Math.min(60, z));
    this.timeline.style.setProperty("--aio-cell", this.zoom + "px");
    this.root.setAttribute("data-zoom", String(Math.round(this.zoom)));
  };

  Viewer.prototype.step = function () {
    if (this.index + 1 < this.turns().length) this.show(this.index + 1);
    else this.stop();
  };
  Viewer.prototype.back = function () {
    if (this.index > 0) this.show(this.index - 1);
  };
  Viewer.prototype.toggle = function () {
    var self = this;
    if (this.timer) { this.stop(); return; }
    if (this.index + 1 >= this.turns().length) this.show(0);
    this.playButton.textContent = "pause";
    this.playButton.setAttribute("title", "pause");
    this.timer = window.setInterval(function () { self.step(); }, 700);
  };
  Viewer.prototype.stop = function () {
    if (this.timer) window.clearInterval(this.timer);
    this.timer = null;
    if (this.playButton) {
      this.playButton.textContent = "play";
      this.playButton.setAttribute("title", "play");
    }
  };

  function section(title, role, items) {
    var list = el("ul", { "data-role": role });
    items.forEach(function (item) { list.appendChild(item); });
    if (!items.length) list.appendChild(el("li", { "class": "aio-empty", text: "none" }));
    return el("div", { "class": "aio-trace-section" }, [el("h5", { text: title }), list]);
  }

  Viewer.prototype.show = function (n) {
    var turns = this.turns();
    n = Math.max(0, Math.min(turns.length - 1, n));
    this.index = n;
    var turn = turns[n];
    this.root.setAttribute("data-turn", String(turn.n));
    this.slider.value = String(n + 1);
    this.counter.textContent = "turn " + turn.n + " / " + turns.length + " · iteration " + turn.iteration;

    var running;
    if (turn.kind === "poll") running = turn.task + " → " + turn.outcome;
    else if (turn.kind === "park") {
      var p = turn.park;
      var ended = p.ended_by.map(describeOn).join(", ") || "nothing";
      running = "the loop parks " + (p.timeout === null ? "until woken" : "for at most " + secs(p.timeout)) +
        "; woken by " + ended + (p.until !== null ? " at " + secs(p.until) : "");
    } else if (turn.kind === "callback") running = "a callback";
    else running = "the loop closes: the tasks left are cancelled";

    this.state.textContent = "";
    this.state.appendChild(el("div", { "class": "aio-trace-clock" }, [
      el("span", { text: "clock " }),
      el("strong", { "data-role": "clock", text: this.trace.programs[this.program].clock ? secs(turn.time) : "none (this loop has no clock)" })
    ]));
    this.state.appendChild(el("div", { "class": "aio-trace-running aio-kind-" + turn.kind }, [
      el("span", { text: turn.kind === "poll" ? "running " : "" }),
      el("strong", { "data-role": "running", text: running })
    ]));
    this.state.appendChild(section("ready queue (front first)", "ready", turn.ready.map(function (task, i) {
      return el("li", { "class": i === 0 && turn.kind === "poll" ? "aio-front" : "", "data-task": task, text: task });
    })));
    this.state.appendChild(section("waiting", "waiting", turn.waiting.map(function (w) {
      return el("li", { "data-task": w.task, "data-on": w.on.kind }, [
        el("strong", { text: w.task }),
        el("span", { text: w.on.kind === "unknown" ? " (not woken before the trace ends)" : " on " + describeOn(w.on) })
      ]);
    })));
    if (turn.timers.length) {
      this.state.appendChild(section("timers pending", "timers", turn.timers.map(function (t) {
        return el("li", { text: secs(t.due) + " · " + t.task });
      })));
    }
    if (turn.sources.length) {
      this.state.appendChild(section("sources armed", "sources", turn.sources.map(function (s) {
        return el("li", { text: "#" + s.source + " " + s.event + " · " + s.task });
      })));
    }
    if (turn.notes.length) {
      this.state.appendChild(section("notes", "notes", turn.notes.map(function (t) {
        return el("li", { text: t });
      })));
    }

    // Highlight the turn's events in the text trace, and bring them into
    // view inside the box (not the page).
    this.lines.forEach(function (span) { span.classList.remove("aio-current"); });
    if (turn.lines) {
      for (var i = turn.lines[0]; i <= turn.lines[1] && i < this.lines.length; i++) {
        this.lines[i].classList.add("aio-current");
      }
      var first = this.lines[turn.lines[0]];
      // The box is positioned (CSS), so a line's offsetTop is within it.
      if (first) this.text.scrollTop = Math.max(0, first.offsetTop - 40);
    }
    this.cells.forEach(function (c, i) { c.classList.toggle("aio-here", i === n); });
    var cell = this.cells[n];
    if (cell) {
      var box = this.timeline;
      if (cell.offsetLeft < box.scrollLeft || cell.offsetLeft > box.scrollLeft + box.clientWidth - 20) {
        box.scrollLeft = Math.max(0, cell.offsetLeft - box.clientWidth / 2);
      }
    }
    if (this.twin) this.followTwin();
  };

  // The twin turn at the same point of the program: where the twin has
  // said as many of our notes as we have so far.
  Viewer.prototype.followTwin = function () {
    var ours = {};
    var said = 0;
    var self = this;
    this.trace.programs.forEach(function (p, pi) {
      p.turns.forEach(function (t, ti) {
        t.notes.forEach(function (note) {
          ours[note] = true;
          if (pi < self.program || (pi === self.program && ti <= self.index)) said++;
        });
      });
    });
    var count = 0;
    var at = 0;
    var turns = this.twin.turns;
    for (var i = 0; i < turns.length; i++) {
      turns[i].notes.forEach(function (line) { if (ours[noteKey(line)]) count++; });
      at = i;
      if (count >= said && said > 0) break;
      if (said === 0) break;
    }
    this.showTwin(at);
  };

  Viewer.prototype.showTwin = function (i) {
    var self = this;
    var turns = this.twin.turns;
    i = Math.max(0, Math.min(turns.length - 1, i));
    this.twinIndex = i;
    var t = turns[i];
    this.twinPane.textContent = "";
    var nav = el("div", { "class": "aio-trace-twin-nav" });
    var back = el("button", { type: "button", "data-role": "twin-back", "aria-label": "twin: back", text: "◀" });
    var next = el("button", { type: "button", "data-role": "twin-step", "aria-label": "twin: step", text: "▶" });
    back.addEventListener("click", function () { self.showTwin(self.twinIndex - 1); });
    next.addEventListener("click", function () { self.showTwin(self.twinIndex + 1); });
    nav.appendChild(el("strong", { text: "CPython " + this.twin.python }));
    nav.appendChild(back);
    nav.appendChild(next);
    nav.appendChild(el("span", { "data-role": "twin-turn", text: " turn " + t.n + " / " + turns.length + " · iteration " + t.iteration }));
    this.twinPane.appendChild(nav);
    this.twinPane.appendChild(el("div", { "class": "aio-trace-clock" }, [
      el("span", { text: "loop.time() " }), el("strong", { text: secs(t.time) })
    ]));
    this.twinPane.appendChild(el("div", { "class": "aio-trace-running aio-kind-" + t.kind }, [
      el("strong", { "data-role": "twin-running", text: t.kind === "poll" ? t.task + " → " + t.outcome : t.task })
    ]));
    this.twinPane.appendChild(section("loop._ready (front first)", "twin-ready", t.ready.map(function (r, k) {
      return el("li", { "class": k === 0 ? "aio-front" : "", text: r });
    })));
    this.twinPane.appendChild(section("loop._scheduled", "twin-timers", t.timers.map(function (s) {
      return el("li", { text: secs(s.due) + " · " + s.what });
    })));
    if (t.notes.length) {
      this.twinPane.appendChild(section("printed", "twin-notes", t.notes.map(function (s) {
        return el("li", { text: s });
      })));
    }
  };

  function start() {
    document.querySelectorAll("div.aio-trace[data-trace]").forEach(function (root) {
      var name = root.getAttribute("data-trace");
      var trace = readJson('script[data-trace-json="' + name + '"]');
      if (!trace || trace.schema !== "aio-trace" || trace.version !== 1) {
        root.textContent = "(the trace of " + name + " is missing or has an unknown schema)";
        return;
      }
      var twinName = root.getAttribute("data-twin");
      var twin = twinName ? readJson('script[data-twin-json="' + twinName + '"]') : null;
      root.setAttribute("tabindex", "0");
      root.aioViewer = new Viewer(root, trace, twin);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

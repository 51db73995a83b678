// mynn lab: talking to the server (every request that changes something carries the server's token), the session's
// run list, two runs compared (McNemar's test, as `mynn compare`), and the one-click experiments (presets).
"use strict";

window.LabApi = (function () {
  const token = fetch("/api/lab/token").then((r) => r.json()).then((j) => j.token);
  function answer(res) {
    return res.json().then((j) => {
      if (!res.ok) { const e = new Error(j.error || res.statusText); e.body = j; e.status = res.status; throw e; }
      return j;
    });
  }
  return {
    post(path, body) {
      return token.then((t) => fetch("/api/lab/" + path, {
        method: "POST", headers: { "Content-Type": "application/json", "X-Mynn-Token": t }, body: JSON.stringify(body || {}),
      })).then(answer);
    },
    get(path) { return fetch("/api/lab/" + path).then(answer); },
  };
})();

window.LabRuns = (function () {
  const $ = (id) => document.getElementById(id);
  const api = window.LabApi;
  let second = null;
  let say = () => {};
  let runs = [];
  let sweep = null;     // {preset, sweep}: the preset whose runs the second chart shows
  let overlaid = false;
  const presets = {};   // by name, as GET presets gives them

  function init(chart, sayFn) {
    second = chart; say = sayFn;
    $("lab-compare").addEventListener("click", compare);
    $("lab-preset-cancel").addEventListener("click", () => { $("lab-preset-ask").hidden = true; });
    // the presets first: a page opened after (or during) a preset draws its runs from the run list
    api.get("presets").then((p) => { p.presets.forEach(addPreset); }).catch((e) => say(e.message)).then(refresh);
  }

  function addPreset(p) {
    const b = document.createElement("button");
    b.type = "button"; b.id = "lab-preset-" + p.name; b.textContent = p.title; b.title = p.why;
    presets[p.name] = p;
    b.addEventListener("click", () => ask(p));
    $("lab-presets").appendChild(b);
  }

  // what a preset's runs are, in a few words: "lr 0.01, 0.05", "rotation angle (degrees) 0°, 5°", "6 steps"
  function what(p) {
    if (p.kind === "ladder") return p.steps.length + " steps";
    if (["lr", "epochs", "hidden"].includes(p.field)) return p.field + " " + p.values.join(", ");
    return p.axis + " " + p.labels.join(", ");
  }

  // a ladder's steps, each with why, and how long it will take when known; the one under way marked
  function showSteps(p, seconds, now) {
    const ol = $("lab-preset-steps");
    ol.textContent = "";
    ol.hidden = p.kind !== "ladder";
    if (ol.hidden) return;
    p.steps.forEach((s, i) => {
      const li = document.createElement("li");
      const b = document.createElement("b");
      b.textContent = s.label;
      li.appendChild(b);
      li.appendChild(document.createTextNode((seconds ? " (about " + seconds[i] + " s)" : "") + ": " + s.why));
      if (now === i + 1) li.className = "now";
      ol.appendChild(li);
    });
  }

  function ask(p) {
    const box = $("lab-preset-ask"), text = $("lab-preset-text"), go = $("lab-preset-go");
    box.hidden = false; go.disabled = true;
    text.textContent = p.title + ": measuring how long it takes on this machine...";
    showSteps(p, null, 0);
    api.get("estimate?preset=" + encodeURIComponent(p.name)).then((e) => {
      const b = e.base;
      const data = (e.images ? e.images.toLocaleString("en") + " images of " : "all of ") + b.dataset;
      const net = p.kind === "ladder" ? "from 784-" + b.hidden.join("-") + "-10, " + b.epochs + " epochs a step unless it says"
        : "784-" + (p.field === "hidden" ? "N" : b.hidden.join("-")) + "-10" + (p.field === "epochs" ? ""
          : ", " + b.epochs + " epoch" + (b.epochs === 1 ? "" : "s"));
      text.textContent = p.title + ": " + e.runs + " runs (" + what(p) + "; " + net + ", " + data
        + "), one after the other, about " + e.seconds + " s on this machine. " + p.why;
      showSteps(p, e.perRun, 0);
      go.disabled = false;
      go.onclick = () => {
        box.hidden = true;
        api.post("preset", { name: p.name }).then((r) => {
          sweep = { preset: p, sweep: r.sweep, perRun: e.perRun }; overlaid = false;
          say("started " + p.title + ": about " + r.seconds + " s", true);
          drawSweep();
        }).catch((err) => say(err.message));
      };
    }).catch((err) => { text.textContent = err.message; });
  }

  // the frame says which run of a preset is under way: a ladder marks its step
  // (a preset another page started, or this page before a reload, is followed as well: its chart drawn here too)
  function underWay(f) {
    if (!f.sweep) return;
    if (!sweep || f.sweep.sweep !== sweep.sweep) {
      sweep = { preset: presets[f.sweep.name] || f.sweep, sweep: f.sweep.sweep, perRun: f.sweep.perRun };
      overlaid = false;
      drawSweep();
    }
    if (f.preset && $("lab-preset-ask").hidden) showSteps(sweep.preset, sweep.perRun, f.preset.index);
  }

  function refresh() {
    return api.get("runs").then((r) => {
      runs = r.runs;
      render();
      if (!sweep) {
        // a page opened after a preset: the last preset's runs
        const last = runs.slice().reverse().find((x) => x.preset && presets[x.preset.name]);
        if (last) sweep = { preset: presets[last.preset.name], sweep: last.preset.sweep, perRun: null };
      }
      if (!overlaid) drawSweep();
    }).catch((e) => say(e.message));
  }

  function drawSweep() {
    if (!sweep) return;
    const pts = runs.filter((r) => r.preset && r.preset.sweep === sweep.sweep)
      .map((r) => ({ value: r.preset.value, label: r.preset.label, accuracy: r.accuracy, interval95: r.interval95 }))
      .sort((a, b) => a.value - b.value);
    second.sweep(sweep.preset, pts);
  }

  function render() {
    const t = $("lab-runs");
    t.textContent = "";
    const head = t.insertRow();
    for (const h of ["", "#", "run", "test accuracy (95%)", "time"]) {
      const th = document.createElement("th"); th.textContent = h; head.appendChild(th);
    }
    for (const r of runs.slice().reverse()) {
      const tr = t.insertRow();
      tr.dataset.id = r.id;
      const box = document.createElement("input");
      box.type = "checkbox"; box.className = "run-pick"; box.value = r.id; box.setAttribute("aria-label", "pick run " + r.id);
      box.addEventListener("change", picked);
      tr.insertCell().appendChild(box);
      tr.insertCell().textContent = r.id;
      const d = tr.insertCell();
      d.textContent = r.run + (r.state === "stopped" ? " (stopped)" : "");
      d.title = JSON.stringify(r.settings);
      tr.insertCell().textContent = (100 * r.accuracy).toFixed(2) + "% (" + (100 * r.interval95[0]).toFixed(2) + "-"
        + (100 * r.interval95[1]).toFixed(2) + ")";
      tr.insertCell().textContent = Math.round(r.seconds) + " s";
    }
    $("lab-runs").dataset.count = String(runs.length);
    picked();
  }

  function ticked() { return [...document.querySelectorAll("#lab-runs .run-pick:checked")].map((b) => Number(b.value)); }
  function picked() { $("lab-compare").disabled = ticked().length !== 2; }

  function compare() {
    const [b, a] = ticked();   // the list is newest first: the older run is A
    api.get("compare?a=" + a + "&b=" + b).then((r) => {
      overlaid = true;
      second.overlay(r.a, r.b);
      const c = r.comparison;
      const v = $("lab-verdict");
      v.textContent = "A = run " + a + ", B = run " + b + ". McNemar's test on " + c.images.toLocaleString("en")
        + " test images (only A right: " + c.onlyA + ", only B right: " + c.onlyB + "): " + c.verdict + ", p = "
        + Number(c.mcnemarP).toPrecision(3) + ".";
      v.dataset.p = String(c.mcnemarP);
    }).catch((e) => say(e.message));
  }

  return { init, refresh, underWay };
})();

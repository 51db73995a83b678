// mynn's training lab (/lab): start a run, watch it learn (Server-Sent Events from /api/lab/events), find what it
// gets wrong (the confusion matrix, each digit's explanation), keep it. Everything talks to mynn only; the charts are
// lab-charts.js's, the network's picture lab-net.js's, the run list and presets lab-runs.js's.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const form = $("lab-form");
  const status = $("lab-status");
  const progress = $("lab-progress");
  const labNote = $("lab-note");
  const chart = $("lab-chart");
  const bqBox = $("lab-backquery");
  const weightsImg = $("lab-weights");
  const confusion = $("lab-confusion");
  const cellBox = $("lab-cell");
  const explainBox = $("lab-explain");
  const buttons = {
    start: $("lab-start"), pause: $("lab-pause"), step: $("lab-step"), resume: $("lab-resume"), stop: $("lab-stop"),
    lr: $("lab-change-lr"), confusion: $("lab-confusion-now"), save: $("lab-save"), replace: $("lab-replace"),
    continue: $("lab-continue"),
  };
  const savedList = $("lab-saved");

  let points = [];          // {seen, loss, heldOut}
  let epochResults = [];    // {epoch, accuracy, seconds, loss}
  let lastFrame = null;
  let weightsFrame = -1;
  let atlasShown = null;
  let classes = [];

  const post = window.LabApi.post;
  const get = window.LabApi.get;
  const live = new window.LabCharts.Live(chart, $("lab-log"));
  const second = new window.LabCharts.Second($("lab-chart2"), $("lab-chart2-caption"));
  let listedRun = 0;        // the last ended run the run list has been asked for
  let inputs = 784;

  // a note under the status: an error (red), or with info what the lab did
  function say(text, info) { labNote.textContent = text || ""; labNote.classList.toggle("info", Boolean(info)); }

  function fill(select, values, chosen) {
    select.textContent = "";
    for (const v of values) {
      const o = document.createElement("option");
      o.value = v; o.textContent = v === "" ? "(as the others)" : v; o.selected = v === chosen;
      select.appendChild(o);
    }
  }

  // ---- the form ----

  get("options").then((o) => {
    fill($("lab-dataset"), o.datasets, "mnist");
    fill($("lab-activation"), o.activations, "sigmoid");
    fill($("lab-output"), [""].concat(o.activations), "");
    fill($("lab-loss"), o.losses, "mse");
    fill($("lab-precision"), o.precisions, "double");
    fill($("lab-init"), o.inits, "receiving");
    fill($("lab-rule"), [""].concat(o.rules), "");
    fill($("lab-order"), [""].concat(o.orders), "");
    for (const id of ["lab-rule", "lab-order"]) {
      $(id).options[0].textContent = "(auto)";
      $(id).title = "(auto): the book's for the book's run, the literature's past it (the true gradient, shuffled)";
    }
    $("lab-epochs").value = o.defaultEpochs;
    const dl = $("lab-optimizers");
    for (const name of o.optimizers) { const opt = document.createElement("option"); opt.value = name; dl.appendChild(opt); }
    $("lab-threads").max = o.maxThreads;
    $("lab-threads").value = o.defaultThreads;
    for (const el of form.elements) if (el.name) defaults[el.name] = el.type === "checkbox" ? el.checked : el.value;
    if (lastFrame && lastFrame.plan) { planShown = lastFrame.id; showPlan(lastFrame.plan); }
    drawNet();
  }).catch((e) => say(e.message));

  // the network as a picture, redrawn as the settings change
  function drawNet() {
    const v = (id) => $(id).value.trim();
    const hidden = v("lab-hidden").split(",").map((x) => Number(x.trim())).filter((x) => x > 0);
    window.LabNet.draw($("lab-net"), $("lab-net-caption"), {
      inputs, classes: 10, hidden, activation: v("lab-activation") || "sigmoid", output: v("lab-output"),
      loss: v("lab-loss") || "mse", bias: $("lab-bias").checked,
    });
  }
  // the settings of the run being watched (a preset's, another page's, or this one's), the others at their
  // defaults: the form and the network's picture show what trains, and Start runs it again
  const defaults = {};
  let planShown = 0;
  let edited = false;                                  // typed in since a run's settings were last shown
  function showPlan(p) {
    if (Object.keys(defaults).length === 0) return;    // the options are not there yet: shown once they are
    for (const el of form.elements) {
      if (!el.name || !(el.name in defaults)) continue;
      const v = p[el.name];
      if (el.type === "checkbox") el.checked = v == null ? defaults[el.name] : Boolean(v);
      else el.value = v == null ? defaults[el.name] : Array.isArray(v) ? v.join(",") : String(v);
    }
    edited = false;
    drawNet();
  }
  form.addEventListener("input", () => { edited = true; drawNet(); });
  form.addEventListener("change", () => { edited = true; drawNet(); });
  window.LabRuns.init(second, say);

  function plan() {
    const v = (id) => $(id).value.trim();
    const p = {
      dataset: v("lab-dataset"),
      hidden: v("lab-hidden").split(",").filter((s) => s.trim() !== "").map((s) => Number(s.trim())),
      activation: v("lab-activation"),
      loss: v("lab-loss"),
      bias: $("lab-bias").checked,
      optimizer: v("lab-optimizer") || "sgd",
      schedule: v("lab-schedule") || "constant",
      lr: Number(v("lab-lr")),
      epochs: Number(v("lab-epochs")),
      precision: v("lab-precision"),
      batch: Number(v("lab-batch") || 1),
      init: v("lab-init"),
    };
    if (v("lab-rule")) p.rule = v("lab-rule");
    if (v("lab-order")) p.order = v("lab-order");
    if (v("lab-samples")) p.samples = Number(v("lab-samples"));
    if (v("lab-seed")) p.seed = Number(v("lab-seed"));
    if (v("lab-threads")) p.threads = Number(v("lab-threads"));
    if (v("lab-output")) p.output = v("lab-output");
    if (v("lab-augment")) p.augment = v("lab-augment");
    return p;
  }

  buttons.start.addEventListener("click", () => {
    say("");
    post("start", plan()).then(begun).catch((e) => say(e.message));
  });

  // a new run (started, or a saved one continued): its views start afresh
  function begun(f) {
    points = []; epochResults = []; weightsFrame = -1; atlasShown = null;
    confusion.textContent = ""; cellBox.textContent = ""; explainBox.hidden = true;
    show(f);
  }
  buttons.pause.addEventListener("click", () => post("pause").then(show).catch((e) => say(e.message)));
  buttons.resume.addEventListener("click", () => post("resume").then(show).catch((e) => say(e.message)));
  buttons.stop.addEventListener("click", () => post("stop").then(show).catch((e) => say(e.message)));
  buttons.step.addEventListener("click", () =>
    post("step", { samples: Number($("lab-step-n").value) }).then(show).catch((e) => say(e.message)));
  buttons.lr.addEventListener("click", () =>
    post("lr", { lr: Number($("lab-new-lr").value) }).then((f) => { say("learning rate now " + f.learningRate, true); show(f); })
      .catch((e) => say(e.message)));
  buttons.confusion.addEventListener("click", () => post("confusion").then(showConfusion).catch((e) => say(e.message)));

  function save(overwrite) {
    buttons.replace.hidden = true;
    post("save", { name: $("lab-name").value, overwrite }).then((r) => {
      if (r.checkpoint) {
        say("saved " + r.saved + " in the models folder: a checkpoint after " + r.epochsDone + " epoch"
          + (r.epochsDone === 1 ? "" : "s") + " and " + r.samplesDone.toLocaleString("en") + " images of " + r.epochs
          + " epochs; Continue it below, or: " + r.resume, true);
      } else {
        say("saved " + r.saved + " in the models folder; the drawing page now uses it", true);
      }
      listSaved();
    }).catch((e) => {
      say(e.message);
      if (e.body && e.body.exists) buttons.replace.hidden = false;
    });
  }
  buttons.save.addEventListener("click", () => save(false));

  // the checkpoints of the models folder, which a Continue takes up where they stopped
  function listSaved() {
    return get("saved").then((r) => {
      const chosen = savedList.value;
      savedList.textContent = "";
      for (const c of r.saved) {
        const o = document.createElement("option");
        o.value = c.name;
        o.textContent = c.name + ": " + (c.layers || []).join("-") + ", " + c.epochsDone + " of " + c.epochs + " epochs and "
          + c.samplesDone.toLocaleString("en") + " images done" + (c.dataset ? " on " + c.dataset : "");
        o.selected = c.name === chosen;
        savedList.appendChild(o);
      }
      if (!r.saved.length) {
        const o = document.createElement("option");
        o.value = ""; o.textContent = "(no saved run to continue: pause or stop one and save it)";
        savedList.appendChild(o);
      }
      savedList.dataset.count = String(r.saved.length);
      buttons.continue.disabled = !r.saved.length || (lastFrame != null && isActive(lastFrame.state));
    }).catch((e) => say(e.message));
  }
  buttons.continue.addEventListener("click", () => {
    say("");
    post("continue", { name: savedList.value }).then(begun).catch((e) => say(e.message));
  });
  listSaved();
  buttons.replace.addEventListener("click", () => save(true));

  // ---- the live views ----

  function isActive(st) { return st === "running" || st === "paused" || st === "pausing" || st === "stopping"; }

  function show(f) {
    lastFrame = f;
    document.dispatchEvent(new CustomEvent("lab-frame", { detail: f }));
    if (f.classes) classes = f.classes;
    const st = f.state;
    const active = isActive(st);
    // a run that trains now is shown whatever the form holds; one that ended only while nobody has typed in the form
    // (a frame arriving just after the page loaded must not undo what the user has typed for the next run)
    if (f.plan && f.id && f.id !== planShown && Object.keys(defaults).length > 0 && (active || !edited)) {
      planShown = f.id;
      showPlan(f.plan);
    }
    buttons.start.disabled = active;
    buttons.continue.disabled = active || savedList.dataset.count === "0" || !savedList.value;
    buttons.pause.disabled = st !== "running";
    buttons.resume.disabled = st !== "paused";
    buttons.step.disabled = st !== "paused";
    buttons.stop.disabled = !(st === "running" || st === "paused" || st === "pausing");
    buttons.lr.disabled = !(st === "running" || st === "paused");
    buttons.confusion.disabled = !f.run;
    buttons.save.disabled = !f.canSave;
    status.dataset.state = st;
    status.dataset.run = String(f.id);
    if (st === "idle") { status.textContent = "No training run yet."; return; }
    let s = st + ": " + f.run + ". Epoch " + f.epoch + " of " + f.epochs + ", "
      + f.done.toLocaleString("en") + " of " + f.samples.toLocaleString("en") + " images";
    if (f.rate) s += ", " + f.rate.toLocaleString("en") + " images/s";
    if (f.eta != null) s += ", " + f.eta + " s left";
    s += ", lr " + f.learningRate;
    status.textContent = s;
    progress.value = f.progress;
    if (f.message) say(f.message);
    if (f.point && (points.length === 0 || points[points.length - 1].seen !== f.point.seen)) points.push(f.point);
    epochResults = f.epochResults || epochResults;
    live.set(points, epochResults, f.samples, f.epochs);
    if (f.backquery) drawBackquery(f.backquery, f.frame, f.id);
    if (f.sweep) {
      const what = !f.preset ? "" : f.sweep.kind === "ladder" ? "step " + f.preset.label
        : f.sweep.axis + " " + f.preset.label;
      status.textContent = "Preset " + f.sweep.title + " (run " + (f.preset ? f.preset.index : "?") + " of "
        + f.sweep.runs + ", " + what + "). " + status.textContent;
      window.LabRuns.underWay(f);
    }
    if (!active && f.id && f.id !== listedRun) { listedRun = f.id; window.LabRuns.refresh(); }
    else if (f.preset && f.id - 1 > listedRun) { listedRun = f.id - 1; window.LabRuns.refresh(); }
    if (f.weights && f.frame !== weightsFrame && (st !== "running" || f.frame % 4 === 0 || weightsFrame < 0)) {
      weightsFrame = f.frame;
      weightsImg.onload = () => {
        weightsImg.style.width = Math.min(2 * weightsImg.naturalWidth, weightsImg.parentElement.clientWidth) + "px";
      };
      weightsImg.src = "/api/lab/weights.png?f=" + f.frame;
      weightsImg.hidden = false;
    }
    if (f.atlasEpoch != null && f.atlasAccuracy !== atlasShown) {
      atlasShown = f.atlasAccuracy;
      get("confusion").then(showConfusion).catch(() => {});
    }
  }

  function drawBackquery(pics, frame, run) {
    if (bqBox.children.length !== pics.length) {
      bqBox.textContent = "";
      pics.forEach((_, k) => {
        const fig = document.createElement("figure");
        const cv = document.createElement("canvas");
        cv.width = 28; cv.height = 28; cv.title = "class " + k;
        const cap = document.createElement("figcaption");
        cap.textContent = classes[k] != null ? classes[k] : String(k);
        fig.append(cv, cap);
        bqBox.appendChild(fig);
      });
    }
    let sum = 0;
    pics.forEach((px, k) => {
      const c = bqBox.children[k].querySelector("canvas").getContext("2d");
      const img = c.createImageData(28, 28);
      for (let i = 0; i < 784; i++) {
        const g = 255 - px[i];
        img.data[4 * i] = g; img.data[4 * i + 1] = g; img.data[4 * i + 2] = g; img.data[4 * i + 3] = 255;
        sum = (sum * 31 + px[i]) % 1000000007;
      }
      c.putImageData(img, 0, 0);
      bqBox.children[k].querySelector("figcaption").textContent = classes[k] != null ? classes[k] : String(k);
    });
    bqBox.dataset.frame = String(frame);
    bqBox.dataset.run = String(run);
    bqBox.dataset.sum = String(sum);
  }

  // ---- the error atlas ----

  function showConfusion(a) {
    classes = a.classes;
    $("lab-atlas-info").textContent = "after " + a.trained.toLocaleString("en") + " images (epoch " + a.epoch
      + "): test accuracy " + (100 * a.accuracy).toFixed(2) + "% (95% interval " + (100 * a.interval95[0]).toFixed(2) + "-"
      + (100 * a.interval95[1]).toFixed(2) + "%). Rows: the true class; columns: what it said. Click a cell.";
    confusion.textContent = "";
    const head = confusion.insertRow();
    head.appendChild(document.createElement("th"));
    a.classes.forEach((name) => { const th = document.createElement("th"); th.textContent = name; head.appendChild(th); });
    a.matrix.forEach((row, actual) => {
      const tr = confusion.insertRow();
      const th = document.createElement("th"); th.textContent = a.classes[actual]; tr.appendChild(th);
      row.forEach((n, predicted) => {
        const td = tr.insertCell();
        td.textContent = n;
        td.className = "cell" + (actual === predicted ? " diag" : "");
        td.dataset.actual = actual; td.dataset.predicted = predicted;
        td.addEventListener("click", () => {
          for (const t of confusion.querySelectorAll("td.chosen")) t.classList.remove("chosen");
          td.classList.add("chosen");
          showCell(actual, predicted);
        });
      });
    });
  }

  function showCell(actual, predicted) {
    get("cell?actual=" + actual + "&predicted=" + predicted).then((c) => {
      cellBox.textContent = "";
      const p = document.createElement("p");
      p.textContent = c.count + " test images of " + classes[actual] + " read as " + classes[predicted]
        + (c.shown < c.count ? " (the first " + c.shown + ")" : "") + (c.count ? ": click one" : "");
      cellBox.appendChild(p);
      for (const d of c.digits) {
        const cv = document.createElement("canvas");
        cv.width = 28; cv.height = 28; cv.className = "digit"; cv.title = "test image #" + d.index;
        cv.dataset.index = d.index;
        const bytes = atob(d.pixels);
        const ctx2 = cv.getContext("2d");
        const img = ctx2.createImageData(28, 28);
        for (let i = 0; i < 784; i++) {
          const g = 255 - bytes.charCodeAt(i);
          img.data[4 * i] = g; img.data[4 * i + 1] = g; img.data[4 * i + 2] = g; img.data[4 * i + 3] = 255;
        }
        ctx2.putImageData(img, 0, 0);
        cv.addEventListener("click", () => explain(d));
        cellBox.appendChild(cv);
      }
    }).catch((e) => say(e.message));
  }

  function explain(d) {
    const img = $("lab-explain-img");
    img.src = "/api/lab/explain/" + d.index;
    const bars = $("lab-explain-bars");
    bars.textContent = "";
    let best = 0;
    d.scores.forEach((s, k) => { if (s > d.scores[best]) best = k; });
    d.scores.forEach((s, k) => {
      const li = document.createElement("li");
      if (k === best) li.className = "best";
      const name = document.createElement("span"); name.textContent = classes[k];
      const bar = document.createElement("div"); bar.className = "bar";
      bar.style.width = Math.max(1, 100 * Math.min(1, Math.max(0, s))) + "%";
      const val = document.createElement("span"); val.textContent = s.toFixed(3);
      li.append(name, bar, val);
      bars.appendChild(li);
    });
    explainBox.hidden = false;
    explainBox.dataset.index = d.index;
  }

  // ---- the stream ----

  const source = new EventSource("/api/lab/events");
  source.addEventListener("history", (e) => {
    const h = JSON.parse(e.data);
    points = h.points || [];
    epochResults = h.epochResults || [];
  });
  source.addEventListener("frame", (e) => show(JSON.parse(e.data)));
})();

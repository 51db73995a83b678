// mynn's training lab: the math of one sample (GET/POST /api/lab/math, POST /api/lab/math/step). A test image (or a
// drawing) through the run's network as the book writes it: the inputs scaled, each layer's W a (+ b) and activation,
// the outputs, the error, the deltas, and what one step of SGD at the run's learning rate would change; on a paused
// run, "Take this step" trains that sample for real and shows what it did.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const api = window.LabApi;
  const note = $("lab-math-note");
  const body = $("lab-math");
  const steps = $("lab-math-steps");
  const stepButton = $("lab-math-step");
  const pad = $("lab-math-pad");
  let frame = null;        // the latest frame of the run
  let shown = null;        // the math on the page
  let asked = null;        // what it was asked with: {index} or {pixels, label}
  let testSize = 10000;
  let busy = false;

  // ---- small helpers ----

  // the loss of one sample as the network computes it (the Loss plugin's value)
  function lossFormula(m, outputActivation) {
    if (m.loss === "mse") return "½ Σ e²";
    if (m.loss === "cross-entropy") return outputActivation === "softmax" ? "−Σ t ln o" : "−Σ (t ln o + (1 − t) ln(1 − o))";
    return "its own formula";
  }

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }
  function num(v, digits) {
    if (v == null) return "–";
    const d = digits || 4;
    if (v !== 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e4)) return v.toExponential(2);
    return v.toFixed(d);
  }
  function norm(v) { return Math.sqrt(v.reduce((s, x) => s + x * x, 0)); }
  function topIndices(v, n) {
    return v.map((x, i) => i).sort((a, b) => Math.abs(v[b]) - Math.abs(v[a])).slice(0, n);
  }
  function table(head, rows, rowClass) {
    const t = el("table", "lab-math-table");
    const tr = el("tr");
    head.forEach((h) => tr.appendChild(el("th", null, h)));
    t.appendChild(tr);
    rows.forEach((r, i) => {
      const row = el("tr", rowClass ? rowClass(i) : null);
      r.forEach((c) => row.appendChild(el("td", null, c)));
      t.appendChild(row);
    });
    return t;
  }
  function item(title, formula, why) {
    const li = el("li");
    li.appendChild(el("b", null, title + " "));
    if (formula) li.appendChild(el("span", "formula", formula));
    if (why) { li.appendChild(el("br")); li.appendChild(el("span", "why", why)); }
    steps.appendChild(li);
    return li;
  }
  function say(t) { note.textContent = t || ""; }

  // ---- the drawing pad: white ink on black, 28x28 as MNIST's ----

  const g = pad.getContext("2d");
  function clearPad() { g.fillStyle = "#000"; g.fillRect(0, 0, pad.width, pad.height); }
  clearPad();
  let drawing = false;
  function at(e) {
    const r = pad.getBoundingClientRect();
    return { x: (e.clientX - r.left) * pad.width / r.width, y: (e.clientY - r.top) * pad.height / r.height };
  }
  pad.addEventListener("pointerdown", (e) => {
    drawing = true; pad.setPointerCapture(e.pointerId);
    const p = at(e); g.beginPath(); g.moveTo(p.x, p.y);
  });
  pad.addEventListener("pointermove", (e) => {
    if (!drawing) return;
    const p = at(e);
    g.strokeStyle = "#fff"; g.lineWidth = 12; g.lineCap = "round"; g.lineJoin = "round";
    g.lineTo(p.x, p.y); g.stroke();
  });
  pad.addEventListener("pointerup", () => { drawing = false; });
  function padPixels() {
    const small = document.createElement("canvas");
    small.width = 28; small.height = 28;
    const s = small.getContext("2d");
    s.drawImage(pad, 0, 0, 28, 28);
    const d = s.getImageData(0, 0, 28, 28).data;
    const px = [];
    for (let i = 0; i < 784; i++) px.push(d[4 * i]);
    return px;
  }

  // ---- asking ----

  function ask(what) {
    if (busy) return;
    asked = what;
    busy = true;
    const req = what.pixels ? api.post("math", what) : api.get("math?index=" + what.index);
    req.then((m) => { say(""); render(m, null); })
      .catch((e) => say(e.message))
      .finally(() => { busy = false; enableStep(); });
  }

  $("lab-math-show").addEventListener("click", () => ask({ index: Number($("lab-math-index").value) }));
  $("lab-math-random").addEventListener("click", () => {
    const i = Math.floor(Math.random() * testSize);
    $("lab-math-index").value = i;
    ask({ index: i });
  });
  $("lab-math-clear").addEventListener("click", clearPad);
  $("lab-math-use").addEventListener("click", () => {
    const px = padPixels();
    if (px.every((v) => v === 0)) { say("Draw a digit in the black square first."); return; }
    ask({ pixels: px, label: Number($("lab-math-label").value) });
  });
  stepButton.addEventListener("click", () => {
    if (!asked || busy) return;
    busy = true; stepButton.disabled = true;
    api.post("math/step", asked)
      .then((m) => { render(m, m.stepped); })
      .catch((e) => say(e.message))
      .finally(() => { busy = false; enableStep(); });
  });

  function enableStep() {
    const paused = frame && frame.state === "paused";
    stepButton.disabled = !(paused && shown && !busy);
    stepButton.title = paused ? "train this one sample now, with the run's own step" : "pause the run first";
  }

  document.addEventListener("lab-frame", (e) => {
    const f = e.detail;
    const was = frame;
    frame = f;
    if (f.classes && $("lab-math-label").options.length !== f.classes.length) {
      const sel = $("lab-math-label");
      sel.textContent = "";
      f.classes.forEach((c, i) => { const o = el("option", null, c); o.value = i; sel.appendChild(o); });
    }
    // paused after it trained on: the numbers on the page are now those of the network it waits with
    if (shown && asked && !busy && f.state === "paused" && (!was || was.state !== "paused") && f.trained !== shown.trained) {
      ask(asked);
    }
    enableStep();
  });

  // ---- the page ----

  function drawDigit(px) {
    const c = $("lab-math-digit").getContext("2d");
    const img = c.createImageData(28, 28);
    for (let i = 0; i < 784; i++) {
      const v = 255 - px[i];
      img.data[4 * i] = v; img.data[4 * i + 1] = v; img.data[4 * i + 2] = v; img.data[4 * i + 3] = 255;
    }
    c.putImageData(img, 0, 0);
  }

  function fname(a) { return a === "sigmoid" ? "σ" : a; }

  function outputDeltaFormula(m, act) {
    if (m.loss === "cross-entropy") return "d = t − o";
    if (act === "sigmoid") return "d = e · o (1 − o)";
    return "d = e · " + act + "′(z)";
  }

  function hiddenDeltaFormula(act) {
    return act === "sigmoid" ? "d = e · a (1 − a)" : "d = e · " + act + "′(z)";
  }

  function render(m, stepped) {
    shown = m;
    testSize = m.testSize || testSize;
    body.hidden = false;
    body.dataset.source = m.source;
    drawDigit(m.pixels);
    const cls = m.className;
    $("lab-math-digit-caption").textContent = m.source + ": a " + cls + ". The network says " + m.predicted + ".";
    steps.textContent = "";
    const L = m.layers.length;
    const b = m.biases ? " + b" : "";

    // 1. inputs
    const x = m.layers[0].inputs;
    const ink = m.pixels.reduce((n, p) => n + (p > 0 ? 1 : 0), 0);
    item("Inputs, scaled:", "x = p / 255 × 0.99 + 0.01",
      "Each of the " + x.length + " pixels p (0 to 255) becomes a number from 0.01 to 1.00, as the book scales them: "
      + "a blank pixel is 0.01, full ink 1.00; this digit has ink in " + ink + " of them.");

    // 2. each layer
    m.layers.forEach((l, k) => {
      const out = k === L - 1;
      const a = k === 0 ? "x" : "a" + k;
      const li = item("Layer " + (k + 1) + " (" + l.from + " → " + l.to + "):",
        "z = W" + (k + 1) + " " + a + b + ",   " + (out ? "o" : "a" + (k + 1)) + " = " + fname(l.activation) + "(z)",
        "W" + (k + 1) + " is " + l.to + " × " + l.from + " (‖W‖ = " + num(l.weightNorm, 2) + "): each of the " + l.to
        + " nodes sums its inputs times its weights" + (m.biases ? ", adds its bias," : "") + " and the activation "
        + l.activation + " squashes the sum."
        + (out ? "" : " The " + Math.min(8, l.to) + " nodes with the largest signals:"));
      if (!out) {
        const top = topIndices(l.signals, Math.min(8, l.to));
        li.appendChild(table(["node"].concat(top.map(String)), [["z"].concat(top.map((i) => num(l.signals[i]))),
          ["a = " + fname(l.activation) + "(z)"].concat(top.map((i) => num(l.outputs[i])))]));
      }
    });

    // 3. outputs, error and output deltas, one row per class
    const o = m.layers[L - 1];
    const li = item("Outputs, error and deltas:", "e = t − o,   " + outputDeltaFormula(m, o.activation),
      "t is what training wants (" + (m.loss === "mse" ? "0.99 for the right class, 0.01 for the others, the book's"
        : "1 for the right class, 0 for the others") + "); the error e is how far each output is from it; the delta d"
        + " is the error times how much the output moves with its signal. Loss (" + m.loss + ", " + lossFormula(m, o.activation)
        + ") = " + num(m.value, 5) + ": the quantity the chart's loss curve averages over the images trained on.");
    li.appendChild(table(["class", "z", "o", "t", "e = t − o", "d"],
      o.outputs.map((v, i) => [String(i) + (i === m.label ? " (right)" : ""), num(o.signals[i]),
        num(v), num(m.targets[i], 2), num(o.error[i]), num(o.delta[i])]),
      (i) => (i === m.label ? "target" : "") + (i === m.predicted ? " guess" : "")));

    // 4. the errors and deltas of the hidden layers, from the last back
    for (let k = L - 2; k >= 0; k--) {
      const l = m.layers[k];
      const next = "W" + (k + 2) + "ᵀ " + (m.rule === "book" ? "e" : "d");
      const top = topIndices(l.delta, 5);
      item("Hidden layer " + (k + 1) + ", errors and deltas:", "e = " + next + ",   " + hiddenDeltaFormula(l.activation),
        (m.rule === "book" ? "The book splits the error back along the weights that carried the signal."
          : "Backpropagation sends the deltas back along the weights (the exact gradient).")
        + " ‖e‖ = " + num(norm(l.error)) + ", ‖d‖ = " + num(norm(l.delta)) + "; the largest deltas: "
        + top.map((i) => "node " + i + ": " + num(l.delta[i])).join(", ") + ".");
    }

    // 5. one step
    const lr = m.learningRate;
    const t = m.label;
    const li5 = item("One step with learning rate " + lr + " would change:", "ΔW = lr · d · aᵀ" + (m.biases ? ",  Δb = lr · d" : ""),
      "Every weight moves by the learning rate times the delta of the node it leads to times the input it carries;"
      + " W[j, i] is the weight from node i of the layer before to node j. "
      + "The output for " + cls + " would go from " + num(m.outputs[t], 6) + " to " + num(m.outputsAfter[t], 6)
      + ", the loss from " + num(m.value, 5) + " to " + num(m.valueAfter, 5) + "; the network would then say "
      + m.predictedAfter + "." + (m.bookStep ? "" : " (This run trains with " + m.optimizer
        + (m.optimizer === "sgd" ? "" : ", not plain SGD") + "; its own step, which the button takes, differs a little.)"));
    const rows = [];
    m.layers.forEach((l, k) => {
      l.largest.slice(0, 4).forEach((c) => rows.push(["W" + (k + 1) + "[" + c.row + ", " + c.col + "]", num(c.weight),
        (c.change >= 0 ? "+" : "") + num(c.change), num(c.weight + c.change)]));
    });
    li5.appendChild(table(["weight", "now", "ΔW", "after"], rows));
    li5.appendChild(el("span", "why", m.layers.map((l, k) => "‖ΔW" + (k + 1) + "‖ = " + num(l.changeNorm) + " of ‖W"
      + (k + 1) + "‖ = " + num(l.weightNorm, 2)).join("; ") + "."));

    const told = $("lab-math-stepped");
    told.textContent = "";
    told.hidden = !stepped;
    if (stepped) {
      told.appendChild(el("b", null, "Step taken. "));
      told.appendChild(document.createTextNode("The output for " + cls + " went from " + num(stepped.outputsBefore[t], 6)
        + " to " + num(stepped.outputsAfter[t], 6) + ", the loss from " + num(stepped.lossBefore, 5) + " to "
        + num(stepped.lossAfter, 5) + (stepped.asPredicted ? ": exactly what the step predicted."
          : " (the run's own step; plain SGD's predicted loss was " + num(stepped.predictedLossAfter, 5) + ").")
        + " The numbers below are the network's after the step; the next step starts from here."));
      body.dataset.stepped = String((Number(body.dataset.stepped) || 0) + 1);
    }
    body.dataset.trained = String(m.trained);
  }
})();

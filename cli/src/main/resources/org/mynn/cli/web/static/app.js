// mynn's draw-a-digit page: everything here talks to mynn only (see /api/...), nothing leaves this computer.
"use strict";

const pad = document.getElementById("pad");
const ctx = pad.getContext("2d");
const seen = document.getElementById("seen");
const seenCtx = seen.getContext("2d");
const labelOut = document.getElementById("label");
const scoreOut = document.getElementById("score");
const bars = document.getElementById("bars");
const note = document.getElementById("note");
const modelSelect = document.getElementById("model");
const modelInfo = document.getElementById("model-info");
const backqueryRow = document.getElementById("backquery");

let strokes = [];          // each stroke: [{x, y}, ...] in canvas pixels
let current = null;        // the stroke being drawn
let background = null;     // a random test digit under the strokes, as an image
let classes = [];
let inFlight = false;
let again = false;
let lastSent = 0;

function redraw() {
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, pad.width, pad.height);
  if (background) {
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(background, 0, 0, pad.width, pad.height);
  }
  ctx.strokeStyle = "#000";
  ctx.lineWidth = 20;
  ctx.lineCap = "round";
  ctx.lineJoin = "round";
  for (const s of strokes) {
    ctx.beginPath();
    ctx.moveTo(s[0].x, s[0].y);
    for (const p of s.slice(1)) ctx.lineTo(p.x, p.y);
    if (s.length === 1) ctx.lineTo(s[0].x + 0.1, s[0].y);
    ctx.stroke();
  }
}

function point(e) {
  const r = pad.getBoundingClientRect();
  return { x: (e.clientX - r.left) * pad.width / r.width, y: (e.clientY - r.top) * pad.height / r.height };
}

pad.addEventListener("pointerdown", (e) => {
  e.preventDefault();
  pad.setPointerCapture(e.pointerId);
  if (background) { background = null; note.textContent = ""; }
  current = [point(e)];
  strokes.push(current);
  redraw();
});
pad.addEventListener("pointermove", (e) => {
  if (!current) return;
  e.preventDefault();
  current.push(point(e));
  redraw();
  if (Date.now() - lastSent > 150) ask();
});
function endStroke() {
  if (!current) return;
  current = null;
  ask();
}
pad.addEventListener("pointerup", endStroke);
pad.addEventListener("pointercancel", endStroke);

document.getElementById("undo").addEventListener("click", () => { strokes.pop(); redraw(); ask(); });
document.getElementById("clear").addEventListener("click", () => { strokes = []; background = null; note.textContent = ""; redraw(); ask(); });
document.getElementById("random").addEventListener("click", randomDigit);
modelSelect.addEventListener("change", () => switchModel(modelSelect.value));

function blank() {
  labelOut.textContent = "?";
  scoreOut.textContent = "";
  seenCtx.fillStyle = "#fff";
  seenCtx.fillRect(0, 0, 28, 28);
  showBars(null, -1);
}

// Sends the drawing (a PNG of the pad) and shows the answer; one request at a time, the latest drawing wins.
function ask() {
  if (strokes.length === 0 && !background) { blank(); return; }
  if (background && strokes.length === 0) return;
  if (inFlight) { again = true; return; }
  inFlight = true;
  lastSent = Date.now();
  pad.toBlob((blob) => {
    fetch("/api/query", { method: "POST", headers: { "Content-Type": "image/png" }, body: blob })
      .then(answerOrError)
      .then(show)
      .catch((err) => { note.textContent = String(err.message || err); })
      .finally(() => { inFlight = false; if (again) { again = false; ask(); } });
  }, "image/png");
}

function answerOrError(res) {
  return res.json().then((j) => { if (!res.ok) throw new Error(j.error || res.statusText); return j; });
}

function show(a) {
  labelOut.textContent = a.class;
  scoreOut.textContent = "score " + a.scores[a.label].toFixed(2);
  const img = seenCtx.createImageData(28, 28);
  for (let i = 0; i < 784; i++) {
    const g = 255 - a.seen[i];
    img.data[4 * i] = g; img.data[4 * i + 1] = g; img.data[4 * i + 2] = g; img.data[4 * i + 3] = 255;
  }
  seenCtx.putImageData(img, 0, 0);
  showBars(a.scores, a.label);
}

function showBars(scores, best) {
  bars.textContent = "";
  classes.forEach((name, k) => {
    const li = document.createElement("li");
    if (k === best) li.className = "best";
    const n = document.createElement("span");
    n.className = "name";
    n.textContent = name;
    const track = document.createElement("span");
    const bar = document.createElement("div");
    bar.className = "bar";
    bar.style.width = scores ? (100 * Math.max(0, Math.min(1, scores[k]))).toFixed(1) + "%" : "0";
    track.appendChild(bar);
    const v = document.createElement("span");
    v.textContent = scores ? scores[k].toFixed(3) : "";
    li.append(n, track, v);
    bars.appendChild(li);
  });
}

function randomDigit() {
  fetch("/api/random").then(answerOrError).then((d) => {
    const small = document.createElement("canvas");
    small.width = 28; small.height = 28;
    const c = small.getContext("2d");
    const img = c.createImageData(28, 28);
    for (let i = 0; i < 784; i++) {
      const g = 255 - d.pixels[i];
      img.data[4 * i] = g; img.data[4 * i + 1] = g; img.data[4 * i + 2] = g; img.data[4 * i + 3] = 255;
    }
    c.putImageData(img, 0, 0);
    strokes = [];
    background = small;
    redraw();
    note.textContent = "MNIST test digit #" + d.index + ", labelled " + (classes[d.label] || d.label) + ".";
    return fetch("/api/query", { method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ pixels: d.pixels }) }).then(answerOrError).then(show);
  }).catch((err) => { note.textContent = String(err.message || err); });
}

function showModel(m) {
  classes = m.classes;
  modelInfo.textContent = m.layers.join("-") + ", " + [...new Set(m.activations)].join("/")
    + (m.accuracy != null ? ", test accuracy " + m.accuracy.toFixed(4) : "")
    + (m.interval95 ? " (95% " + m.interval95[0].toFixed(4) + "-" + m.interval95[1].toFixed(4) + ")" : "");
  backqueryRow.textContent = "";
  if (m.backquery) {
    const stamp = Date.now();
    classes.forEach((name, k) => {
      const f = document.createElement("figure");
      const img = document.createElement("img");
      img.alt = "backquery of " + name;
      img.src = "/api/backquery/" + k + "?v=" + stamp;
      const cap = document.createElement("figcaption");
      cap.textContent = name;
      f.append(img, cap);
      backqueryRow.appendChild(f);
    });
  } else {
    backqueryRow.textContent = "This model's activations have no inverse, so it cannot be run backwards.";
  }
  blank();
  redraw();
  ask();
}

function switchModel(name) {
  fetch("/api/model", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ name }) })
    .then(answerOrError).then(showModel).catch((err) => { note.textContent = String(err.message || err); });
}

// the models of the folder, and the current one shown (the lab calls it again after saving a model)
function loadModels() {
  return fetch("/api/models").then(answerOrError).then((l) => {
    modelSelect.textContent = "";
    for (const name of l.models) {
      const o = document.createElement("option");
      o.value = name; o.textContent = name; o.selected = name === l.current;
      modelSelect.appendChild(o);
    }
    return fetch("/api/model").then(answerOrError).then(showModel);
  });
}
loadModels();
redraw();

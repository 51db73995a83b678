// mynn lab's charts, drawn with uPlot (served by mynn from its WebJar): the live loss and accuracy of a run, a
// preset's accuracy against its setting with 95% intervals, and two runs overlaid.
"use strict";

window.LabCharts = (function () {
  const pct = (v) => (v == null ? "-" : (100 * v).toFixed(2) + "%");
  const thousands = (u, vals) => vals.map((v) => (v >= 1000 ? (v / 1000).toLocaleString("en") + "k" : String(v)));

  function width(el) { return Math.max(300, el.clientWidth || el.parentElement.clientWidth - 6); }

  // dashed vertical lines at the epochs' ends, labelled
  function epochLines(samples, epochs) {
    return (u) => {
      if (!samples || !epochs) return;
      const c = u.ctx, top = u.bbox.top, h = u.bbox.height;
      c.save();
      c.strokeStyle = "#999"; c.setLineDash([4, 4]); c.lineWidth = 1; c.fillStyle = "#666";
      c.font = Math.round(10 * devicePixelRatio) + "px sans-serif";
      for (let k = 1; k <= epochs; k++) {
        const x = u.valToPos(k * samples, "x", true);
        if (x < u.bbox.left || x > u.bbox.left + u.bbox.width + 1) continue;
        c.beginPath(); c.moveTo(x, top); c.lineTo(x, top + h); c.stroke();
        c.fillText("epoch " + k, x - 44 * devicePixelRatio, top + 12 * devicePixelRatio);
      }
      c.restore();
    };
  }

  // ---- the live chart ----
  function Live(el, logBox) {
    this.el = el; this.logBox = logBox; this.plot = null; this.samples = 0; this.epochs = 0; this.log = false;
    logBox.addEventListener("change", () => { this.log = logBox.checked; this.make(); this.redraw(); });
    this.points = []; this.epochResults = [];
  }
  Live.prototype.make = function () {
    if (this.plot) this.plot.destroy();
    const self = this;
    this.plot = new uPlot({
      width: width(this.el), height: 185,
      scales: { x: { time: false }, loss: { distr: this.log ? 3 : 1 }, pct: { range: [0, 100] } },
      axes: [
        { label: "images trained on", values: thousands, size: 36 },
        { scale: "loss", label: "loss per image" + (this.log ? " (log)" : ""), size: 52 },
        { scale: "pct", side: 1, label: "accuracy (%)", grid: { show: false }, size: 44 },
      ],
      series: [
        { label: "images", value: (u, v) => (v == null ? "-" : v.toLocaleString("en")) },
        { label: "loss", scale: "loss", stroke: "#d62728", width: 1.5, spanGaps: true,
          value: (u, v) => (v == null ? "-" : v.toPrecision(4)) },
        { label: "accuracy, 1,000 test images", scale: "pct", stroke: "#1f77b4", width: 1.5, spanGaps: true,
          value: (u, v) => (v == null ? "-" : v.toFixed(1) + "%") },
        { label: "test set after the epoch", scale: "pct", stroke: "#2ca02c", paths: () => null,
          points: { show: true, size: 9, fill: "#2ca02c" }, value: (u, v) => (v == null ? "-" : v.toFixed(2) + "%") },
      ],
      hooks: { draw: [(u) => epochLines(self.samples, self.epochs)(u)] },
    }, [[], [], [], []], this.el);
  };
  Live.prototype.set = function (points, epochResults, samples, epochs) {
    this.points = points; this.epochResults = epochResults || []; this.samples = samples; this.epochs = epochs;
    this.redraw();
  };
  Live.prototype.redraw = function () {
    if (!this.plot) this.make();
    const rows = new Map();
    const row = (x) => { if (!rows.has(x)) rows.set(x, [x, null, null, null]); return rows.get(x); };
    for (const p of this.points) {
      const r = row(p.seen);
      if (p.loss != null && (!this.log || p.loss > 0)) r[1] = p.loss;
      if (p.heldOut != null) r[2] = 100 * p.heldOut;
    }
    for (const e of this.epochResults) {
      if (e.accuracy != null && this.samples) row(e.epoch * this.samples)[3] = 100 * e.accuracy;
    }
    const sorted = [...rows.values()].sort((a, b) => a[0] - b[0]);
    const data = [0, 1, 2, 3].map((i) => sorted.map((r) => r[i]));
    const maxX = Math.max(this.samples || 1, sorted.length ? sorted[sorted.length - 1][0] : 1);
    this.plot.setData(data, false);
    this.plot.setScale("x", { min: 0, max: maxX });
    this.el.dataset.points = String(this.points.length);
  };

  // ---- a preset's accuracy against its setting, or two runs overlaid ----
  // accuracy's axis: the intervals with a margin, at least 2 points wide
  function yRange(ci, ys) {
    if (!ys.length) return [0, 100];
    const lo = Math.min(...ci.map((iv, i) => (iv ? 100 * iv[0] : ys[i])));
    const hi = Math.max(...ci.map((iv, i) => (iv ? 100 * iv[1] : ys[i])));
    const mid = (lo + hi) / 2, half = Math.max(1, (hi - lo) / 2 + 0.3);
    return [Math.max(0, mid - half), Math.min(100, mid + half)];
  }

  function Second(el, caption) { this.el = el; this.caption = caption; this.plot = null; }
  Second.prototype.sweep = function (preset, runs) {
    // runs: [{value, label, accuracy, interval95}], sorted by value; a ladder's values are its step numbers, drawn
    // as its steps' labels (a categorical axis)
    if (this.plot) this.plot.destroy();
    const xs = runs.map((r) => r.value);
    const ys = runs.map((r) => 100 * r.accuracy);
    const ci = runs.map((r) => r.interval95);
    const ladder = preset.kind === "ladder";
    const labels = preset.labels || preset.values.map(String);
    const logX = preset.field === "lr" || preset.field === "hidden";
    const xAxis = { label: preset.axis || preset.field, size: 36 };
    if (ladder) {
      xAxis.splits = () => labels.map((l, i) => i + 1);
      // two lines a label where it has a comma, so six fit side by side
      xAxis.values = (u, vals) => vals.map((v) => (labels[v - 1] || "").replace(", ", ",\n"));
      xAxis.grid = { show: false };
      xAxis.size = 44;
    }
    this.plot = new uPlot({
      width: width(this.el), height: 165,
      scales: { x: ladder ? { time: false, range: () => [0.5, labels.length + 0.5] }
        : { time: false, distr: logX ? 3 : 1 }, y: { range: () => yRange(ci, ys) } },
      axes: [xAxis, { label: "test accuracy (%)", size: 52, space: 18 }],
      series: [
        { label: ladder ? "step" : preset.axis || preset.field,
          value: (u, v) => (v == null ? "-" : ladder ? labels[v - 1] || "-" : String(v)) },
        Object.assign({ label: "accuracy on the test set", stroke: "#1f77b4", width: 1.5,
          points: { show: true, size: 8, fill: "#1f77b4" }, value: (u, v) => (v == null ? "-" : v.toFixed(2) + "%") },
          ladder ? { paths: () => null } : {}),
      ],
      hooks: { draw: [(u) => {
        const c = u.ctx; c.save(); c.strokeStyle = "#1f77b4"; c.lineWidth = 1.5 * devicePixelRatio;
        ci.forEach((iv, i) => {
          if (!iv) return;
          const x = u.valToPos(xs[i], "x", true), lo = u.valToPos(100 * iv[0], "y", true), hi = u.valToPos(100 * iv[1], "y", true);
          c.beginPath(); c.moveTo(x, lo); c.lineTo(x, hi);
          c.moveTo(x - 4, lo); c.lineTo(x + 4, lo); c.moveTo(x - 4, hi); c.lineTo(x + 4, hi); c.stroke();
        });
        c.restore();
      }] },
    }, [xs, ys], this.el);
    if (xs.length === 1 && !ladder) {
      this.plot.setScale("x", logX ? { min: xs[0] / 2, max: xs[0] * 2 } : { min: xs[0] - 1, max: xs[0] + 1 });
    }
    this.el.dataset.mode = ladder ? "steps" : "sweep";
    this.el.dataset.points = String(xs.length);
    this.el.dataset.labels = runs.map((r) => r.label).join("|");
    this.caption.textContent = preset.title + ": accuracy on the whole test set " + (ladder
      ? "at each step (" + runs.map((r) => r.label + " " + (100 * r.accuracy).toFixed(2) + "%").join(", ") + ")"
      : "against the " + (preset.axis || preset.field)) + ", with its 95% interval (" + xs.length + " of "
      + preset.values.length + " runs so far).";
  };
  Second.prototype.overlay = function (a, b) {
    if (this.plot) this.plot.destroy();
    const table = (r) => {
      const pts = (r.curves.points || []).filter((p) => p.heldOut != null);
      return [pts.map((p) => p.seen), pts.map((p) => 100 * p.heldOut)];
    };
    const data = uPlot.join([table(a), table(b)]);
    this.plot = new uPlot({
      width: width(this.el), height: 165,
      scales: { x: { time: false }, y: { auto: true } },
      axes: [{ label: "images trained on", values: thousands, size: 36 }, { label: "accuracy (%)", size: 52 }],
      series: [
        { label: "images", value: (u, v) => (v == null ? "-" : v.toLocaleString("en")) },
        { label: "A: run " + a.id, stroke: "#1f77b4", width: 1.5, spanGaps: true, value: (u, v) => (v == null ? "-" : v.toFixed(1) + "%") },
        { label: "B: run " + b.id, stroke: "#ff7f0e", width: 1.5, spanGaps: true, value: (u, v) => (v == null ? "-" : v.toFixed(1) + "%") },
      ],
    }, data, this.el);
    this.el.dataset.mode = "overlay";
    this.el.dataset.points = String(data[0].length);
    this.caption.textContent = "Run " + a.id + " (A: " + a.run + ") and run " + b.id + " (B: " + b.run
      + "): accuracy on 1,000 fixed test images against the images trained on.";
  };

  return { Live, Second, pct };
})();

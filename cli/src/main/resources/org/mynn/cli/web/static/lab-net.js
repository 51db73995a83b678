// mynn lab: the network as a picture, drawn from the settings as they are (layers as columns with their sizes, the
// activation between them, biases, the output function and the loss); redrawn whenever a setting changes.
"use strict";

window.LabNet = (function () {
  const NS = "http://www.w3.org/2000/svg";
  function el(name, attrs, text) {
    const e = document.createElementNS(NS, name);
    for (const k in attrs) e.setAttribute(k, attrs[k]);
    if (text != null) e.textContent = text;
    return e;
  }

  // settings: {hidden: [..], activation, output, loss, bias, inputs, classes}
  function draw(svg, caption, s) {
    svg.textContent = "";
    const sizes = [s.inputs].concat(s.hidden).concat([s.classes]);
    const W = 560, H = 120, n = sizes.length, gap = (W - 80) / Math.max(1, n - 1);
    const xs = sizes.map((_, i) => 40 + i * gap);
    const hs = sizes.map((v) => Math.max(10, Math.min(80, 14 * Math.log10(Math.max(1, v)) + 4)));
    for (let i = 0; i + 1 < n; i++) {
      // a few lines stand for every weight between two layers
      for (let a = -1; a <= 1; a++) {
        for (let b = -1; b <= 1; b++) {
          svg.appendChild(el("line", { x1: xs[i] + 9, y1: 52 + a * hs[i] / 3, x2: xs[i + 1] - 9, y2: 52 + b * hs[i + 1] / 3,
            stroke: "#bbb", "stroke-width": 0.7 }));
        }
      }
      const fn = i + 2 === n ? (s.output || s.activation) : s.activation;
      svg.appendChild(el("text", { x: (xs[i] + xs[i + 1]) / 2, y: 108, "text-anchor": "middle", "font-size": 11,
        fill: "#a03000" }, (s.bias ? "W\u00b7a + b \u2192 " : "W\u00b7a \u2192 ") + fn));
      svg.appendChild(el("text", { x: (xs[i] + xs[i + 1]) / 2, y: 119, "text-anchor": "middle", "font-size": 9,
        fill: "#777" }, sizes[i].toLocaleString("en") + "\u00d7" + sizes[i + 1].toLocaleString("en") + " weights"
          + (s.bias ? " + " + sizes[i + 1] + " biases" : "")));
    }
    sizes.forEach((v, i) => {
      const kind = i === 0 ? "input" : i + 1 === n ? "output" : "hidden";
      svg.appendChild(el("rect", { x: xs[i] - 9, y: 52 - hs[i] / 2, width: 18, height: hs[i], rx: 5,
        fill: kind === "input" ? "#ddd" : kind === "output" ? "#cfe3f5" : "#f5e3c8", stroke: "#666" }));
      svg.appendChild(el("text", { x: xs[i], y: 10, "text-anchor": "middle", "font-size": 11, "font-weight": "bold" },
        v.toLocaleString("en")));
      svg.appendChild(el("text", { x: xs[i], y: 94, "text-anchor": "middle", "font-size": 10, fill: "#444" },
        kind === "input" ? "pixels" : kind === "output" ? "classes" : "hidden"));
    });
    const shape = sizes.join("-");
    caption.textContent = "The network: " + shape + ", " + s.activation
      + (s.output && s.output !== s.activation ? " (output: " + s.output + ")" : "") + ", "
      + (s.bias ? "with biases" : "no biases (the book's)") + ", loss " + s.loss + ". Columns: layers and their sizes.";
    svg.dataset.shape = shape;
  }

  return { draw };
})();

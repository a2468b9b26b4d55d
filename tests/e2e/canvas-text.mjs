// Where canvases draw their text: an init script wraps fillText to record each string's box
// (page CSS pixels, from measureText's actual bounds and the context's transform), per canvas,
// since the canvas was last cleared whole. Tests then check that labels do not overlap.

/** Installs the recorder; call before page.goto (openPage's options.init or page.addInitScript). */
export async function recordCanvasText(page) {
  await page.addInitScript(() => {
    const texts = new WeakMap();   // canvas → [{ text, left, top, right, bottom }] in canvas CSS px
    const proto = CanvasRenderingContext2D.prototype;
    const { fillText, clearRect } = proto;
    const scale = (ctx) => ctx.canvas.width / (ctx.canvas.clientWidth || ctx.canvas.width);
    proto.clearRect = function (x, y, w, h) {
      const m = this.getTransform();
      if (m.e + x * m.a <= 0 && m.f + y * m.d <= 0 && (x + w) * m.a >= this.canvas.width && (y + h) * m.d >= this.canvas.height) texts.set(this.canvas, []);
      return clearRect.call(this, x, y, w, h);
    };
    proto.fillText = function (text, x, y, ...rest) {
      const t = this.measureText(text);
      const m = this.getTransform();
      const ratio = scale(this);
      const corners = [[x - t.actualBoundingBoxLeft, y - t.actualBoundingBoxAscent], [x + t.actualBoundingBoxRight, y - t.actualBoundingBoxAscent],
        [x - t.actualBoundingBoxLeft, y + t.actualBoundingBoxDescent], [x + t.actualBoundingBoxRight, y + t.actualBoundingBoxDescent]]
        .map(([px, py]) => [(m.a * px + m.c * py + m.e) / ratio, (m.b * px + m.d * py + m.f) / ratio]);
      const xs = corners.map((c) => c[0]), ys = corners.map((c) => c[1]);
      if (!texts.has(this.canvas)) texts.set(this.canvas, []);
      texts.get(this.canvas).push({ text: String(text), left: Math.min(...xs), right: Math.max(...xs), top: Math.min(...ys), bottom: Math.max(...ys) });
      return fillText.call(this, text, x, y, ...rest);
    };
    window.__canvasText = (selector) => texts.get(document.querySelector(selector)) ?? [];
  });
}

/** The text boxes the canvas matched by `selector` holds now. */
export const canvasTexts = (page, selector) => page.evaluate((s) => window.__canvasText(s), selector);

/** Whether two boxes ({left, top, right, bottom}) share any pixel. */
export const boxesOverlap = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** Pairs of overlapping text boxes, as "a / b" strings (empty when every label stands alone). */
export function overlappingTexts(texts) {
  const pairs = [];
  for (let i = 0; i < texts.length; i++) {
    for (let j = i + 1; j < texts.length; j++) {
      if (boxesOverlap(texts[i], texts[j])) pairs.push(`${texts[i].text} / ${texts[j].text}`);
    }
  }
  return pairs;
}

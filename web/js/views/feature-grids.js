// The input features over the drawing grid, computed in JavaScript: they are fixed
// functions of the point (data/features.h), so no engine call is needed to draw them.
import { FEATURES } from '../ground/catalog.js';

const FORMULAS = {
  x1: (x) => x,
  x2: (x, y) => y,
  x1_squared: (x) => x * x,
  x2_squared: (x, y) => y * y,
  x1_x2: (x, y) => x * y,
  sin_x1: (x) => Math.sin(x),
  sin_x2: (x, y) => Math.sin(y),
};

/** One Float32Array(res·res) per feature (catalog order); cell row 0 is the top. */
export function featureGrids(bounds, res) {
  return FEATURES.map((f) => {
    const out = new Float32Array(res * res);
    const fn = FORMULAS[f.id];
    for (let cy = 0; cy < res; cy++) {
      const y = bounds.yMax - ((cy + 0.5) / res) * (bounds.yMax - bounds.yMin);
      for (let cx = 0; cx < res; cx++) {
        const x = bounds.xMin + ((cx + 0.5) / res) * (bounds.xMax - bounds.xMin);
        out[cy * res + cx] = fn(x, y);
      }
    }
    return out;
  });
}

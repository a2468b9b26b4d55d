// A ring round the training point the step-through follows, laid over the output surface
// (an element above its canvases, placed with the surface's own data → screen mapping).
import { el } from '../views/form.js';

export class PointMarker {
  /** surface: the SurfaceView (its element and toScreen(x, y) in CSS px of the plot) */
  constructor(surface) {
    this.surface = surface;
    this.ring = el('span', { class: 'traced-marker', hidden: true, 'aria-hidden': 'true' });
    surface.overlay.parentElement.append(this.ring);
  }

  /** Rings the point (x, y) in data units; show(null) hides the ring. */
  show(x, y) {
    if (x === null || x === undefined || !this.surface.bounds || !this.surface.size?.plot) { this.ring.hidden = true; return; }
    const [sx, sy] = this.surface.toScreen(x, y);
    this.ring.style.left = `${sx}px`;
    this.ring.style.top = `${sy}px`;
    this.ring.hidden = false;
  }
}

// Where a tooltip goes: beside its control, never over the control itself nor over what the
// learner is watching (the readout the control changes, an open dialog). DOM-free: rectangles
// in viewport pixels ({ left, top, right, bottom }), so it is tested without a browser.

const MARGIN = 4;   // px kept free at the viewport's edges

/** The area (px²) two rectangles share. */
export function overlapArea(a, b) {
  const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
  const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
  return w > 0 && h > 0 ? w * h : 0;
}

const clamp = (v, lo, hi) => Math.max(lo, Math.min(hi, v));

/**
 * tip: { width, height }; target: the control's rectangle; avoid: more rectangles to keep
 * clear; viewport: { width, height }. Tries below, above, right and left of the control, then
 * below and above each rectangle to keep clear (each slid inside the viewport), and takes the
 * first that covers nothing; when all cover something, the one that covers least.
 * Returns { left, top, side }.
 */
export function placeTip(tip, target, avoid, viewport, gap = 6) {
  const maxLeft = Math.max(MARGIN, viewport.width - tip.width - MARGIN);
  const maxTop = Math.max(MARGIN, viewport.height - tip.height - MARGIN);
  const centreX = clamp((target.left + target.right) / 2 - tip.width / 2, MARGIN, maxLeft);
  const centreY = clamp((target.top + target.bottom) / 2 - tip.height / 2, MARGIN, maxTop);
  const candidates = [
    { side: 'below', left: centreX, top: target.bottom + gap },
    { side: 'above', left: centreX, top: target.top - gap - tip.height },
    { side: 'right', left: target.right + gap, top: centreY },
    { side: 'left', left: target.left - gap - tip.width, top: centreY },
    // Past what must stay clear, e.g. below a readout that sits under the control (phones).
    ...avoid.flatMap((r) => [
      { side: 'below', left: centreX, top: r.bottom + gap },
      { side: 'above', left: centreX, top: r.top - gap - tip.height },
    ]),
  ];
  const keepClear = [target, ...avoid];
  let best = null;
  for (const c of candidates) {
    // A side without room is slid back inside the viewport (it may then cover something).
    const left = clamp(c.left, MARGIN, maxLeft), top = clamp(c.top, MARGIN, maxTop);
    const box = { left, top, right: left + tip.width, bottom: top + tip.height };
    const covered = keepClear.reduce((sum, r) => sum + overlapArea(box, r), 0);
    if (covered === 0) return { left, top, side: c.side };
    if (!best || covered < best.covered) best = { left, top, side: c.side, covered };
  }
  return { left: best.left, top: best.top, side: best.side };
}

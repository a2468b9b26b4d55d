// Pictures of what the page shows, as canvases ready for PNG: the output surface (heat map,
// points and axes) and the network diagram (links, neuron thumbnails, node frames, labels),
// each with a caption line underneath. They are composed from the views' own canvases at
// their device-pixel size, so the PNG matches the screen (no pixel read-back).

const LINE_PX = 16;      // CSS pixels per caption line (the strip has 6 px of padding)
const FONT = 'system-ui, "DejaVu Sans", sans-serif';

/** The output surface. root: the #surface element. */
export function surfaceImage(root, caption) {
  const heat = root.querySelector('.surface-heat');
  const points = root.querySelector('.surface-points');
  if (!heat.width || !heat.height) throw new Error('the surface is not on screen');
  const ratio = heat.width / Math.max(1, heat.getBoundingClientRect().width);
  const lines = captionLines(caption, heat.width / ratio);
  const { canvas, ctx } = blank(heat.width, heat.height, ratio, lines.length);
  ctx.drawImage(heat, 0, 0);
  ctx.drawImage(points, 0, 0);
  drawCaption(ctx, lines, heat.height, ratio);
  return canvas;
}

/** The network diagram. root: the #diagram element. */
export function networkImage(root, caption) {
  const stage = root.querySelector('.diagram-stage');
  const links = root.querySelector('canvas.links');
  const thumbs = root.querySelector('canvas.thumbs');
  const box = stage?.getBoundingClientRect();
  if (!stage || !links.width || !box.width) throw new Error('the network diagram is not on screen');
  const ratio = links.width / box.width;
  const lines = captionLines(caption, links.width / ratio);
  const { canvas, ctx } = blank(links.width, links.height, ratio, lines.length);
  ctx.drawImage(links, 0, 0);
  ctx.drawImage(thumbs, 0, 0);
  ctx.save();
  ctx.scale(ratio, ratio);
  const at = (node) => {
    const r = node.getBoundingClientRect();
    return { x: r.left - box.left, y: r.top - box.top, w: r.width, h: r.height };
  };
  for (const node of stage.querySelectorAll('.node')) {
    const r = at(node);
    const style = getComputedStyle(node);
    const width = parseFloat(style.borderTopWidth) || 1;
    ctx.strokeStyle = style.borderTopColor;
    ctx.lineWidth = width;
    ctx.setLineDash(style.borderTopStyle === 'dashed' ? [3, 2] : []);
    ctx.strokeRect(r.x + width / 2, r.y + width / 2, r.w - width, r.h - width);
  }
  ctx.setLineDash([]);
  ctx.fillStyle = '#333';
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  ctx.font = `12px ${FONT}`;
  for (const label of stage.querySelectorAll('.node-label')) {
    const r = at(label);
    ctx.fillText(label.textContent, r.x, r.y + r.h / 2);
  }
  ctx.textAlign = 'center';
  for (const head of stage.querySelectorAll('.col-head')) {
    const r = at(head);
    const small = head.querySelector('small');
    const title = [...head.childNodes].filter((n) => n !== small).map((n) => n.textContent).join('').trim();
    ctx.font = `600 12px ${FONT}`;
    ctx.fillStyle = '#1d2330';
    ctx.fillText(title, r.x + r.w / 2, r.y + 8);
    if (small) {
      ctx.font = `11px ${FONT}`;
      ctx.fillStyle = '#5a6272';
      ctx.fillText(small.textContent, r.x + r.w / 2, r.y + 24);
    }
  }
  ctx.restore();
  drawCaption(ctx, lines, links.height, ratio);
  return canvas;
}

/** A white canvas with room for `lines` caption lines below a width × height picture. */
function blank(width, height, ratio, lines) {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height + Math.round((lines * LINE_PX + 6) * ratio);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  return { canvas, ctx };
}

/** The caption's " · "-separated parts packed into at most two lines of the given width. */
function captionLines(caption, width) {
  const ctx = document.createElement('canvas').getContext('2d');
  ctx.font = `11px ${FONT}`;
  const max = width - 12;
  const lines = [];
  for (const part of caption.split(' · ')) {
    const joined = lines.length ? `${lines.at(-1)} · ${part}` : part;
    if (lines.length && ctx.measureText(joined).width <= max) lines[lines.length - 1] = joined;
    else lines.push(part);
  }
  if (lines.length > 2) lines.splice(1, lines.length, lines.slice(1).join(' · '));
  return lines.map((line) => {
    let text = line;
    while (text.length > 4 && ctx.measureText(text).width > max) text = `${text.slice(0, -2)}…`;
    return text;
  });
}

function drawCaption(ctx, lines, top, ratio) {
  ctx.save();
  ctx.scale(ratio, ratio);
  ctx.fillStyle = '#5a6272';
  ctx.font = `11px ${FONT}`;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  lines.forEach((line, i) => ctx.fillText(line, 6, top / ratio + 3 + LINE_PX * (i + 0.5)));
  ctx.restore();
}

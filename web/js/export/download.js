// Getting things out of the page: a file saved through a temporary link to a Blob (works from
// file:// too), and text copied to the clipboard.

/** Starts the download of `blob` as `name`; its address stays valid for `keepMs` (large files want longer). */
export function downloadBlob(name, blob, keepMs = 1000) {
  const url = URL.createObjectURL(blob);
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), keepMs);
}

export function downloadText(name, text, type = 'text/plain') {
  downloadBlob(name, new Blob([text], { type: `${type};charset=utf-8` }));
}

/** A canvas as PNG bytes. */
export function canvasToPng(canvas) {
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the picture could not be encoded as PNG'))), 'image/png'));
}

/** Copies text to the clipboard; false where the page may not (no permission, or not a secure context). */
export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

// The embed parameters of a page address: ?embed (or embed=1) turns on embed mode, show=
// lists the parts that stay visible, lock= makes settings read-only, origins= lists the host
// origins the postMessage API obeys (origin= is the older one-origin spelling). They are read here, apart from the playground's
// state parameters (url-state.js), and written back after them so a reload keeps the mode.
// Reading never throws: an unknown part is named in `problems` and ignored.

/** The parts an author can show. `lockable` parts change the configuration when used. */
export const EMBED_PARTS = [
  { id: 'playback', label: 'Playback controls', tip: 'Play/Pause, Step epoch, Step batch, Reset, speed and the epoch counter', lockable: false },
  { id: 'surface', label: 'Output surface', tip: 'The decision surface with the data points', lockable: true },
  { id: 'readouts', label: 'Loss and accuracy numbers', tip: 'Training and test loss and accuracy, steps, measured speed', lockable: false },
  { id: 'chart', label: 'Charts', tip: 'The loss and accuracy curves over the epochs', lockable: false },
  { id: 'network', label: 'Network diagram', tip: 'The network with its neuron thumbnails and the layer controls', lockable: true },
  { id: 'settings', label: 'Training settings', tip: 'Learning rate, optimizer, batch size, regularization…', lockable: true },
  { id: 'data', label: 'Data panel', tip: 'Data set gallery, noise, number of points, point editing', lockable: true },
];
const PART_IDS = EMBED_PARTS.map((p) => p.id);
const LOCKABLE = EMBED_PARTS.filter((p) => p.lockable).map((p) => p.id);

/** What embed mode shows when the link does not say: the essentials, no configuration panels. */
export const DEFAULT_SHOW = ['playback', 'surface', 'readouts', 'chart', 'network'];

/** Parameters this module owns (url-state.js must not see them). */
export const EMBED_KEYS = ['embed', 'show', 'lock', 'origins', 'origin'];

/**
 * @param {string} search location.search
 * @returns {{enabled: boolean, show: Set<string>, lock: Set<string>, origins: string[]|null,
 *            problems: string[], search: string, suffix: string}}
 *   `origins`: the host origins the author allowed, or null when the link names none (then
 *   the host API trusts only the embedding parent's origin, see host-origins.js).
 *   `search` is the query without the embed parameters (for readUrlState); `suffix` is
 *   "&embed=1&…" to append to a rewritten address ("" outside embed mode).
 */
export function readEmbedOptions(search) {
  let params;
  try {
    params = new URLSearchParams(search);
  } catch {
    params = new URLSearchParams();
  }
  const problems = [];
  const rest = new URLSearchParams();
  for (const [key, value] of params) if (!EMBED_KEYS.includes(key)) rest.append(key, value);
  const flag = params.get('embed');
  const enabled = flag !== null && flag !== '0' && flag !== 'false';
  if (flag !== null && !['', '1', '0', 'true', 'false'].includes(flag)) problems.push(`"embed" should be 1 or 0, got "${flag}"; embed mode was turned on.`);

  const list = (key, allowed, fallback) => {
    if (!params.has(key)) return new Set(fallback);
    const items = params.get(key).split(',').map((s) => s.trim()).filter(Boolean);
    const bad = items.filter((s) => !allowed.includes(s));
    if (bad.length) problems.push(`"${key}": ${bad.map((b) => `"${b}"`).join(', ')} ${bad.length === 1 ? 'is' : 'are'} not one of ${allowed.join(', ')} and ${bad.length === 1 ? 'was' : 'were'} ignored.`);
    return new Set(items.filter((s) => allowed.includes(s)));
  };
  const show = list('show', PART_IDS, DEFAULT_SHOW);
  let lock;
  const lockText = params.get('lock');
  if (lockText === null || lockText === '0' || lockText === '') lock = new Set();
  else if (lockText === '1' || lockText === 'all') lock = new Set(LOCKABLE);
  else lock = list('lock', LOCKABLE, []);

  const origins = readOrigins([...params.getAll('origins'), ...params.getAll('origin')], problems);
  const options = { enabled, show, lock, origins };
  return { ...options, problems, search: rest.toString(), suffix: enabled ? `&${writeEmbedParams(options)}` : '' };
}

/**
 * The origins listed in origins=/origin= values (comma-separated), checked one by one; null
 * when none was given. "null" is kept as written: it allows host pages opened from a file.
 */
function readOrigins(values, problems) {
  if (values.length === 0) return null;
  const out = [];
  for (const item of values.flatMap((v) => v.split(',')).map((s) => s.trim()).filter(Boolean)) {
    const origin = item === 'null' ? 'null' : originOf(item);
    if (origin === null) {
      problems.push(`"origins": "${item.slice(0, 80)}" is not an origin such as https://school.example and was ignored.`);
    } else if (!out.includes(origin)) {
      out.push(origin);
    }
  }
  if (out.length === 0) problems.push('"origins" names no usable origin: the postMessage API obeys no host page.');
  return out;
}

/** "https://a.example" for "https://a.example" or "https://a.example/"; null for anything else. */
function originOf(text) {
  try {
    const parsed = new URL(text);
    if (!/^https?:$/.test(parsed.protocol) || parsed.origin !== text.replace(/\/$/, '')) return null;
    return parsed.origin;
  } catch {
    return null;
  }
}

/** "embed=1&show=…&lock=…&origins=…" for options {show, lock, origins}. */
export function writeEmbedParams({ show, lock, origins = null }) {
  const parts = ['embed=1', `show=${PART_IDS.filter((p) => show.has(p)).join(',')}`];
  const locked = LOCKABLE.filter((p) => lock.has(p));
  if (locked.length === LOCKABLE.length) parts.push('lock=1');
  else if (locked.length) parts.push(`lock=${locked.join(',')}`);
  if (origins) parts.push(`origins=${origins.map(encodeURIComponent).join(',')}`);
  return parts.join('&');
}

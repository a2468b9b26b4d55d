// Reading numbers a learner typed (or a link carried): each reader returns
// { ok: true, value } or { ok: false, message } with a message that names the setting,
// repeats what was given and says what is allowed.

/**
 * @param {string} text what was typed
 * @param {{name: string, min?: number, max?: number, integer?: boolean, minExclusive?: boolean, maxExclusive?: boolean}} rule
 */
export function readNumber(text, rule) {
  const { name, min = -Infinity, max = Infinity, integer = false, minExclusive = false } = rule;
  const raw = String(text ?? '').trim();
  const shown = raw === '' ? 'nothing' : `"${raw.length > 24 ? raw.slice(0, 24) + '…' : raw}"`;
  const allowed = describeRange(rule);
  if (raw === '') return { ok: false, message: `${name}: enter ${allowed}.` };
  // Number('') is 0 and Number('1e') is NaN; accept a decimal comma too (many locales type one).
  const value = Number(raw.replace(/^([+-]?\d*),(\d+)$/, '$1.$2'));
  if (Number.isNaN(value)) return { ok: false, message: `${name}: ${shown} is not a number; enter ${allowed}.` };
  if (!Number.isFinite(value)) return { ok: false, message: `${name}: ${shown} is not finite; enter ${allowed}.` };
  if (integer && !Number.isInteger(value)) return { ok: false, message: `${name}: ${shown} is not a whole number; enter ${allowed}.` };
  if (value < min || (minExclusive && value === min) || value > max || (rule.maxExclusive && value === max)) {
    return { ok: false, message: `${name}: ${shown} is out of range; enter ${allowed}.` };
  }
  return { ok: true, value };
}

export function describeRange({ min = -Infinity, max = Infinity, integer = false, minExclusive = false, maxExclusive = false }) {
  const kind = integer ? 'a whole number' : 'a number';
  if (min > -Infinity && max < Infinity) {
    const upper = maxExclusive ? `below ${max}` : minExclusive ? `at most ${max}` : `to ${max}`;
    return minExclusive ? `${kind} above ${min} and ${upper}` : `${kind} from ${min} ${maxExclusive ? 'and ' : ''}${upper}`;
  }
  if (min > -Infinity) return minExclusive ? `${kind} above ${min}` : `${kind} ≥ ${min}`;
  if (max < Infinity) return `${kind} ≤ ${max}`;
  return kind;
}

/** Compact display of a number for read-outs: 3 significant digits, exponent when tiny/huge. */
export function formatNumber(value, digits = 3) {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  const a = Math.abs(value);
  if (a !== 0 && (a < 1e-3 || a >= 1e5)) return value.toExponential(digits - 1).replace('e+', 'e');
  return Number(value.toPrecision(digits)).toString();
}

/** Number as a learner would type it back (shortest exact form). */
export function plainNumber(value) {
  return String(Number(value));
}

// The command-line options the WASM benchmark scripts share (bench.mjs, peers-cnn.mjs,
// peers-sequence.mjs): --reps N, --min-time S, --quick, --only IDS, --json and --help, each
// checked the same way, plus the flags of each script (`extra`: flag → handler).

/**
 * @param {string[]} argv the arguments after the script's name
 * @param {{script: string, hint?: string, defaults: object, quick: object, help: () => string,
 *   extra?: Record<string, (o: object, next: () => string | undefined, tools: {usage, number}) => void>}} spec
 * @returns {{options: object, usage: (message: string) => never}}
 */
export function readOptions(argv, { script, hint = '', defaults, quick, help, extra = {} }) {
  const options = { only: new Set(), json: false, ...defaults };
  const usage = (message) => {
    process.stderr.write(`${script}: ${message}\n${hint}`);
    process.exit(2);
  };
  const number = (flag, text, low, high) => {
    const v = Number(text);
    if (text === undefined || text === '' || !Number.isFinite(v) || v < low || v > high) {
      usage(`${flag} must be a number between ${low} and ${high}, got "${text}"`);
    }
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => argv[++i];
    if (a === '--help' || a === '-h') { process.stdout.write(help()); process.exit(0); }
    else if (a === '--reps') options.reps = Math.round(number(a, next(), 1, 1000));
    else if (a === '--min-time') options.minSeconds = number(a, next(), 0.001, 60);
    else if (a === '--quick') Object.assign(options, quick);
    else if (a === '--only') for (const id of (next() ?? '').split(',')) { if (id) options.only.add(id); }
    else if (a === '--json') options.json = true;
    else if (Object.hasOwn(extra, a)) extra[a](options, next, { usage, number });
    else usage(`unknown option "${a}"`);
  }
  return { options, usage };
}

/** The leading comment of a script (its usage), for --help. */
export function leadingComment(text, lines) {
  return text.split('\n').filter((l) => l.startsWith('//')).slice(0, lines).map((l) => l.slice(3)).join('\n') + '\n';
}

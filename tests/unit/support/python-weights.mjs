// Reading the scripts nnplay exports (web/js/export/python-sequence.js) with Python's own
// parser, for the unit and browser tests of the sequence export.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The WEIGHTS table of a script, read with Python's ast: {key: [shape, base64]}. */
export async function weightsOf(path) {
  const code = `import ast, json, sys
tree = ast.parse(open(sys.argv[1], encoding="utf-8").read())
for node in tree.body:
    if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == "WEIGHTS":
        print(json.dumps({k: [list(s), t] for k, (s, t) in ast.literal_eval(node.value).items()}))
`;
  return JSON.parse((await run('python3', ['-c', code, path])).stdout);
}

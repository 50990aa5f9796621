// Usage: node explorer_check.cjs SPEC.json
// Opens mlkg's HTML explorer (SPEC.file) from the file system in headless Chromium and uses it the
// way a reader would: search, click a node, read the panel, find a path (and mistype one), filter,
// zoom. SPEC says what to expect (the C++ test derives it from mlkg's own answers). Prints one line
// per check and exits 1 on any failure. Fails too on any network request, any dialog (alert), any
// script error.
const fs = require('fs');
const path = require('path');
const { pathToFileURL } = require('url');
const { launch } = require('./browser.cjs');

const spec = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const failures = [];
function check(ok, what, detail) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}${ok || detail === undefined ? '' : ': ' + detail}`);
  if (!ok) failures.push(what);
}

// The <g class="node"> Graphviz drew for node `id` (its <title> is the id).
async function nodeGroup(page, id) {
  const titles = await page.$$eval('#canvas g.node > title', (ts) => ts.map((t) => t.textContent));
  const i = titles.indexOf(id);
  if (i < 0) throw new Error(`no node ${id} in the drawing`);
  return page.locator('#canvas g.node').nth(i);
}

async function main() {
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const requests = [];
    const dialogs = [];
    const errors = [];
    page.on('request', (r) => {
      if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) requests.push(r.url());
    });
    page.on('dialog', async (d) => {
      dialogs.push(d.message());
      await d.dismiss();
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });

    await page.goto(pathToFileURL(path.resolve(spec.file)).href);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 10000 });
    check(true, 'page loads from the file system');
    const drawn = await page.locator('#canvas g.node').count();
    check(drawn === spec.nodes, `the SVG draws ${spec.nodes} nodes`, `${drawn} drawn`);

    if (spec.resolve) {
      const names = Object.keys(spec.resolve);
      const got = await page.evaluate((ns) => ns.map((n) => window.mlkgExplorer.resolve(n).sort()), names);
      const differ = names.filter((n, i) => JSON.stringify(got[i]) !== JSON.stringify([...spec.resolve[n]].sort()));
      check(differ.length === 0, `${names.length} names resolve as the CLI resolves them`,
            differ.slice(0, 5).map((n) => `"${n}": page ${JSON.stringify(got[names.indexOf(n)])}, CLI ${JSON.stringify(spec.resolve[n])}`).join('; '));
    }
    if (spec.search) {
      await page.fill('#search', spec.search.text);
      const first = (await page.locator('#matches li').first().textContent()) || '';
      check(first.includes(spec.search.first), `search "${spec.search.text}" lists ${spec.search.first} first`, first);
    }
    if (spec.typo) {
      await page.fill('#search', spec.typo.text);
      const text = (await page.locator('#matches').textContent()) || '';
      check(text.includes('did you mean') && text.includes(spec.typo.suggests),
            `search "${spec.typo.text}" suggests ${spec.typo.suggests}`, text);
    }

    if (spec.click) {
      await (await nodeGroup(page, spec.click.id)).click();
      const panel = (await page.locator('#panel').textContent()) || '';
      const heading = (await page.locator('#panel h2').textContent()) || '';
      check(heading === spec.click.heading, `clicking ${spec.click.id} opens its panel`, heading);
      for (const text of spec.click.panel) check(panel.includes(text), `the panel shows "${text}"`, panel.slice(0, 300));
      const neighbours = await page.$$eval('#canvas g.node.neighbour title', (ts) => ts.map((t) => t.textContent).sort());
      check(JSON.stringify(neighbours) === JSON.stringify(spec.click.neighbours), 'its neighbours are highlighted',
            JSON.stringify(neighbours));
      const selected = await page.locator('#canvas g.node.selected').count();
      check(selected === 1, 'the node itself is marked selected', String(selected));
      if (spec.click.screenshot) await page.screenshot({ path: spec.click.screenshot });
    }

    if (spec.path) {
      await page.fill('#path-from', spec.path.from);
      await page.fill('#path-to', spec.path.to);
      await page.click('#path-form button');
      const result = (await page.locator('#path-result').textContent()) || '';
      check(result === spec.path.expect.join(' → '), `path ${spec.path.from} → ${spec.path.to} is mlkg's`, result);
      const onPath = await page.$$eval('#canvas g.node.on-path title', (ts) => ts.map((t) => t.textContent).sort());
      check(JSON.stringify(onPath) === JSON.stringify([...spec.path.expect].sort()), 'the path\'s nodes are highlighted',
            JSON.stringify(onPath));
      const edges = await page.locator('#canvas g.edge.on-path').count();
      check(edges >= spec.path.expect.length - 1, 'the path\'s edges are highlighted', String(edges));
      const faded = await page.locator('#canvas g.node.faded').count();
      check(faded === spec.nodes - spec.path.expect.length, 'everything else is faded', String(faded));
      if (spec.screenshot) await page.screenshot({ path: spec.screenshot });
    }
    // Names the path form cannot take, each after a path is shown: the exact message, as text, and
    // the last path's marks gone.
    for (const bad of spec.pathErrors || []) {
      await page.fill('#path-from', bad.from);
      await page.fill('#path-to', bad.to);
      await page.click('#path-form button');
      const result = (await page.locator('#path-result').textContent()) || '';
      check(result === bad.expect, `path "${bad.from}" → "${bad.to}" says «${bad.expect}»`, result);
      const onPath = await page.locator('#canvas .on-path').count();
      check(onPath === 0, '  and marks nothing as on the path', String(onPath));
      const stale = await page.locator('#panel h2').count();
      const hint = await page.locator('#panel #panel-empty').count();
      check(stale === 0 && hint === 1, '  and puts the hint back in the side panel', `${stale} headings, ${hint} hints`);
      const made = await page.locator('#path-result *').count();
      check(made === 0, '  and makes no element of what was typed', String(made));
      if (bad.screenshot) await page.screenshot({ path: bad.screenshot });
    }

    if (spec.filter) {
      await page.selectOption('#filter-type', spec.filter.type);
      const shown = await page.$$eval('#canvas g.node:not(.filtered-out) title', (ts) => ts.map((t) => t.textContent));
      check(shown.length === spec.filter.count, `filtering by type ${spec.filter.type} leaves ${spec.filter.count}`,
            String(shown.length));
      await page.selectOption('#filter-type', '');
    }

    const before = await page.$eval('#canvas svg', (s) => s.viewBox.baseVal.width);
    await page.click('#zoom-in');
    const after = await page.$eval('#canvas svg', (s) => s.viewBox.baseVal.width);
    check(after < before, 'zoom in narrows the view', `${before} -> ${after}`);
    const legend = await page.locator('#legend-list li').count();
    check(legend === spec.legend, `the legend lists ${spec.legend} kinds of node`, String(legend));
    if (spec.legendShapes) {
      // Each kind is drawn in the shape the diagrams give it.
      const shapes = await page.$$eval('#legend-list li', (items) => items.map((li) => {
        const icon = li.querySelector('svg.swatch');
        const outline = icon && icon.firstElementChild;
        return [li.textContent.replace(/ \(\d+\)$/, ''), icon ? icon.getAttribute('data-shape') : '',
                outline ? outline.tagName : ''];
      }));
      const drawn = Object.fromEntries(shapes.map(([name, shape, tag]) => [name, shape + ' ' + tag]));
      for (const [name, expected] of Object.entries(spec.legendShapes))
        check(drawn[name] === expected, `the legend draws ${name} as ${expected}`, String(drawn[name]));
    }

    if (spec.hostile) {
      await page.fill('#search', spec.hostile.search);
      const match = (await page.locator('#matches li').first().textContent()) || '';
      check(match.includes(spec.hostile.label), 'the hostile label is listed as text', match);
      await (await nodeGroup(page, spec.hostile.id)).click();
      const heading = (await page.locator('#panel h2').textContent()) || '';
      check(heading === spec.hostile.label, 'the hostile label heads its panel as text', heading);
      const svgText = (await (await nodeGroup(page, spec.hostile.id)).textContent()) || '';
      // The diagrams wrap long labels over several lines.
      check(svgText.replace(/\s+/g, ' ').includes(spec.hostile.label), 'the drawing shows the hostile label as text',
            svgText);
      const injected = await page.$$eval('img, #panel script, #matches script, #canvas script', (els) => els.length);
      check(injected === 0, 'no element was made from graph text', String(injected));
      if (spec.hostile.screenshot) await page.screenshot({ path: spec.hostile.screenshot });
    }

    check(dialogs.length === 0, 'no script from the graph ran (no dialog)', dialogs.join(' | '));
    check(requests.length === 0, 'nothing was fetched from the network', requests.join(' '));
    check(errors.length === 0, 'no script errors', errors.join(' | '));
  } finally {
    await browser.close();
  }
  if (failures.length) {
    console.log(`${failures.length} checks failed`);
    process.exit(1);
  }
}

main().catch((e) => {
  console.log('FAIL ' + ((e && e.stack) || e));
  process.exit(1);
});

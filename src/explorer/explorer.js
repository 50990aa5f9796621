// The explorer's behaviour. Reads the graph from the JSON island #mlkg-data and works on the inline
// Graphviz SVG. Every string from the graph goes through textContent, never innerHTML.
(function () {
  'use strict';
  const data = JSON.parse(document.getElementById('mlkg-data').textContent);
  const nodes = data.nodes;
  const edges = data.edges;
  const $ = (id) => document.getElementById(id);
  const svg = document.querySelector('#canvas svg');

  // ---- names: the CLI's rules (src/core/names.cpp, src/core/resolve.cpp), ported ----
  // A name is first spelled as the CLI's key_text() spells it, in UTF-8 bytes held one to a character, so
  // that lengths and edit distances count what the CLI's count: a Latin letter as its base letters (the
  // page carries the CLI's table), full-width ASCII as ASCII, Greek and Cyrillic capitals in lower case,
  // punctuation and symbols as a space, combining marks as nothing, other letters as they are.
  const between = (c, first, last) => c >= first && c <= last;
  const isSeparator = (c) => c < 0xC0 || c === 0xD7 || c === 0xF7 || between(c, 0x2B0, 0x2FF) ||
    between(c, 0x2000, 0x2BFF) || between(c, 0x2E00, 0x2E7F) || between(c, 0x3000, 0x303F) ||
    between(c, 0xFE10, 0xFE6F) || between(c, 0xFF00, 0xFF0F) || between(c, 0xFF1A, 0xFF20) ||
    between(c, 0xFF3B, 0xFF40) || between(c, 0xFF5B, 0xFF65) || between(c, 0xFFF0, 0xFFFF) ||
    between(c, 0x1F000, 0x1FAFF) || between(c, 0xD800, 0xDFFF);
  const isMark = (c) => between(c, 0x300, 0x36F) || between(c, 0xFE00, 0xFE0F) || between(c, 0xE0000, 0xE007F);
  const encoder = new TextEncoder();
  const utf8 = (c) => String.fromCharCode(...encoder.encode(String.fromCodePoint(c)));
  const latinFolds = data.latin_folds;
  const lower = (c) => (c >= 'A' && c <= 'Z' ? c.toLowerCase() : c);
  function keyText(name) {
    let out = '';
    for (const ch of name) {
      const c = ch.codePointAt(0);
      if (c < 0x80) out += ch;
      else if (isMark(c)) continue;
      else if (isSeparator(c)) out += ' ';
      else if (between(c, 0xC0, 0xC0 + latinFolds.length - 1) && latinFolds[c - 0xC0]) out += latinFolds[c - 0xC0];
      else if (between(c, 0xFF10, 0xFF19) || between(c, 0xFF21, 0xFF3A) || between(c, 0xFF41, 0xFF5A)) {
        out += lower(String.fromCharCode(c - 0xFF00 + 0x20));
      } else if (between(c, 0x391, 0x3A9) || between(c, 0x410, 0x42F)) out += utf8(c + 0x20);
      else if (between(c, 0x400, 0x40F)) out += utf8(c + 0x50);
      else out += utf8(c);
    }
    return out;
  }
  const isAlnum = (c) => /^[A-Za-z0-9\x80-\xff]$/.test(c);
  // Lower-case words; an underscore inside a word is kept (code names); no leading Amazon/AWS.
  function keyWords(original) {
    const name = keyText(original);
    const out = [];
    let word = '';
    for (let i = 0; i < name.length; i++) {
      const c = name[i];
      const joins = c === '_' && word !== '' && i + 1 < name.length && isAlnum(name[i + 1]);
      if (isAlnum(c) || joins) word += lower(c);
      else if (word) {
        out.push(word);
        word = '';
      }
    }
    if (word) out.push(word);
    if (out.length > 1 && (out[0] === 'amazon' || out[0] === 'aws')) out.shift();
    return out;
  }
  function singular(word) {
    if (word.length <= 3 || !word.endsWith('s') || word === 'series') return word;
    if (word.endsWith('ies')) return word.slice(0, -3) + 'y';
    for (const tail of ['sses', 'shes', 'ches', 'xes']) if (word.endsWith(tail)) return word.slice(0, -2);
    if (word.endsWith('ss') || word.endsWith('us') || word.endsWith('is')) return word;
    return word.slice(0, -1);
  }
  const spellings = [['isation', 'ization'], ['ise', 'ize'], ['ised', 'ized'], ['iser', 'izer'],
    ['ising', 'izing'], ['elling', 'eling'], ['elled', 'eled'], ['bour', 'bor']];
  function looseWord(word) {
    word = singular(word);
    for (const [british, us] of spellings) {
      if (word.endsWith(british) && word.length > british.length + 2) word = word.slice(0, -british.length) + us;
    }
    return word;
  }
  const normalize = (name) => keyWords(String(name)).join('');
  const looseWords = (name) => keyWords(String(name)).map(looseWord);
  const loose = (name) => looseWords(name).join('');
  const spaced = (name) => looseWords(name).join(' ');
  function words(text) {
    return keyText(String(text)).replace(/[A-Z]/g, lower).split(/[^a-z0-9\x80-\xff]+/).filter((w) => w.length > 0);
  }
  function editDistance(a, b) {
    let row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      let diagonal = row[0];
      row[0] = i;
      for (let j = 1; j <= b.length; j++) {
        const above = row[j];
        row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
        diagonal = above;
      }
    }
    return row[b.length];
  }
  const byId = new Map();
  const exact = new Map(); // labels and aliases as written
  const byKey = new Map(); // normalize()
  const byLoose = new Map(); // loose()
  const byWords = []; // [spaced words, node index]
  const allNames = []; // [name, node index]
  function addTo(map, key, i) {
    if (!map.has(key)) map.set(key, []);
    if (!map.get(key).includes(i)) map.get(key).push(i);
  }
  nodes.forEach((n, i) => {
    byId.set(n.id, i);
    for (const name of [n.label].concat(n.aliases, [n.id])) {
      if (name !== n.id) addTo(exact, name, i);
      addTo(byKey, normalize(name), i);
      addTo(byLoose, loose(name), i);
      byWords.push([spaced(name), i]);
      allNames.push([name, i]);
    }
  });
  function leadingWords(text) {
    const w = spaced(text);
    if (!w) return [];
    const prefix = w + ' ';
    const found = [];
    for (const [name, i] of byWords) if (name.startsWith(prefix) && !found.includes(i)) found.push(i);
    return found;
  }
  // The nodes a typed name picks out, as `mlkg show` resolves it: the first rule that finds any
  // decides (id; label or alias as written; normalised; loose; each with underscores as spaces; leading words).
  function resolve(text) {
    text = String(text);
    if (byId.has(text)) return [byId.get(text)];
    if (exact.has(text)) return exact.get(text);
    const forms = text.includes('_') ? [text, text.replace(/_/g, ' ')] : [text];
    for (const form of forms) {
      const found = byKey.get(normalize(form)) || byLoose.get(loose(form));
      if (found) return found;
    }
    for (const form of forms) {
      const found = leadingWords(form);
      if (found.length) return found;
    }
    return [];
  }
  // "line 211" or "lines 46, 54", as the CLI says it.
  const cited = (lines) => (/^\d+$/.test(lines) ? 'line ' : 'lines ') + lines;
  function closest(text, count) {
    const key = normalize(text);
    const limit = Math.max(2, Math.floor((key.length + 1) / 2));
    const scored = [];
    for (const [name, i] of allNames) {
      const candidate = normalize(name);
      let d = editDistance(key, candidate);
      if (key.length >= 3 && candidate.startsWith(key)) d = Math.min(d, 1);
      if (d <= limit) scored.push([d, name, i]);
    }
    scored.sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
    // As the CLI: nothing more than 2 further than the nearest.
    const out = [];
    for (const [d, , i] of scored) if (out.length < count && d <= scored[0][0] + 2 && !out.includes(i)) out.push(i);
    return out;
  }
  // Nodes with a name holding the typed words as whole words in a row, as the CLI's NameIndex::containing ranks
  // them: fewest other words, then the shorter name, then by id.
  function containing(text, count) {
    const w = spaced(text);
    if (!w) return [];
    const wordCount = (s) => s.split(' ').length;
    const best = new Map(); // node index -> [other words, length] of its best-fitting name
    for (const [name, i] of byWords) {
      if (!(' ' + name + ' ').includes(' ' + w + ' ')) continue;
      const fit = [wordCount(name) - wordCount(w), name.length];
      const had = best.get(i);
      if (!had || fit[0] < had[0] || (fit[0] === had[0] && fit[1] < had[1])) best.set(i, fit);
    }
    const idOrder = (a, b) => (nodes[a].id < nodes[b].id ? -1 : nodes[a].id > nodes[b].id ? 1 : 0);
    const ranked = Array.from(best).sort((a, b) => a[1][0] - b[1][0] || a[1][1] - b[1][1] || idOrder(a[0], b[0]));
    return ranked.slice(0, count).map(([i]) => i);
  }
  // What "did you mean" offers, as the CLI's NameIndex::suggestions: containing(), then closest(), at most 5.
  function suggestions(text) {
    const out = containing(text, 5);
    for (const i of closest(text, 3)) if (out.length < 5 && !out.includes(i)) out.push(i);
    return out;
  }
  // Ranked matches for the search box: exact names first, then names that start with or contain
  // the words typed, then summaries and facts.
  function search(text) {
    const exact = resolve(text);
    const query = words(text).join(' ');
    if (!query) return [];
    const scored = [];
    nodes.forEach((n, i) => {
      let score = exact.includes(i) ? 1000 : 0;
      for (const name of [n.id, n.label].concat(n.aliases)) {
        const w = words(name).join(' ');
        if (w.startsWith(query)) score = Math.max(score, 500);
        else if (w.includes(query)) score = Math.max(score, 300);
      }
      if (!score && words(n.summary + ' ' + n.facts.join(' ')).join(' ').includes(query)) score = 10;
      if (score) scored.push([score, n.id, i]);
    });
    scored.sort((a, b) => b[0] - a[0] || (a[1] < b[1] ? -1 : 1));
    return scored.map((s) => s[2]);
  }

  // ---- the SVG: which element draws which node and edge ----
  const nodeElements = new Map(); // node index -> <g class="node">
  const edgeElements = new Map(); // "from->to" (node indices) -> [<g class="edge">]
  // The diagrams give each node's group the id "node-<id>"; its <title> is the DOT name otherwise.
  function drawnId(g) {
    if (g.id.startsWith('node-') && byId.has(g.id.slice(5))) return g.id.slice(5);
    const title = g.querySelector('title');
    return title ? title.textContent : '';
  }
  for (const g of svg.querySelectorAll('g.node')) {
    const i = byId.get(drawnId(g));
    if (i === undefined) continue;
    nodeElements.set(i, g);
    g.addEventListener('click', (event) => {
      event.stopPropagation();
      select(i);
    });
  }
  for (const g of svg.querySelectorAll('g.edge')) {
    const title = g.querySelector('title');
    const ends = title ? title.textContent.split(/->|--/) : [];
    if (ends.length !== 2 || !byId.has(ends[0]) || !byId.has(ends[1])) continue;
    const key = byId.get(ends[0]) + '->' + byId.get(ends[1]);
    if (!edgeElements.has(key)) edgeElements.set(key, []);
    edgeElements.get(key).push(g);
  }
  function edgeGroups(e) {
    return (edgeElements.get(e.from + '->' + e.to) || []).concat(edgeElements.get(e.to + '->' + e.from) || []);
  }
  const incident = nodes.map(() => []);
  edges.forEach((e, k) => {
    incident[e.from].push(k);
    incident[e.to].push(k);
  });

  // ---- highlighting ----
  function clearMarks() {
    for (const el of svg.querySelectorAll('.selected, .neighbour, .on-path, .faded')) {
      el.classList.remove('selected', 'neighbour', 'on-path', 'faded');
    }
  }
  function fadeAllBut(keepNodes, keepEdges) {
    for (const [i, g] of nodeElements) if (!keepNodes.has(i)) g.classList.add('faded');
    for (const list of edgeElements.values()) for (const g of list) if (!keepEdges.has(g)) g.classList.add('faded');
  }

  // ---- the side panel ----
  function el(tag, text, className) {
    const e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (className) e.className = className;
    return e;
  }
  function nodeLink(i) {
    const a = el('a', nodes[i].label, 'node-link');
    a.href = '#';
    a.addEventListener('click', (event) => {
      event.preventDefault();
      select(i);
    });
    return a;
  }
  const panelHint = Array.from($('panel').childNodes); // shown again when what the panel showed is undone
  function showPanel(parts) {
    const panel = $('panel');
    panel.replaceChildren(...parts);
    panel.hidden = false;
  }
  function reading(e, from) {
    return e.from === from || e.symmetric ? e.rel : e.inverse;
  }
  function select(i) {
    const n = nodes[i];
    clearMarks();
    const keepNodes = new Set([i]);
    const keepEdges = new Set();
    const parts = [el('h2', n.label), el('p', n.type + ' · ' + n.section + ' · ' + n.id, 'meta')];
    if (n.aliases.length) parts.push(el('p', 'Also: ' + n.aliases.join(', '), 'aliases'));
    if (n.summary) parts.push(el('p', n.summary, 'summary'));
    if (n.source) parts.push(el('p', 'Notes ' + cited(n.source), 'source'));
    if (n.facts.length) {
      parts.push(el('h3', 'Facts'));
      const ul = el('ul');
      for (const f of n.facts) ul.append(el('li', f));
      parts.push(ul);
    }
    const rows = incident[i]
      .map((k) => edges[k])
      .map((e) => ({ e, other: e.from === i ? e.to : e.from, reading: reading(e, i) }))
      .sort((a, b) => (a.reading + nodes[a.other].label < b.reading + nodes[b.other].label ? -1 : 1));
    if (rows.length) {
      parts.push(el('h3', 'Relations'));
      const ul = el('ul', undefined, 'relations');
      for (const { e, other, reading: r } of rows) {
        const li = el('li');
        li.append(el('span', r + ' ', 'rel'), nodeLink(other));
        if (e.note) li.append(el('span', ' (' + e.note + ')', 'note'));
        if (e.source) li.append(el('span', ' · notes ' + cited(e.source), 'source'));
        ul.append(li);
        keepNodes.add(other);
        for (const g of edgeGroups(e)) keepEdges.add(g);
        const g = nodeElements.get(other);
        if (g) g.classList.add('neighbour');
      }
      parts.push(ul);
    }
    showPanel(parts);
    const g = nodeElements.get(i);
    if (g) g.classList.add('selected');
    focusOn(Array.from(keepNodes, (k) => nodeElements.get(k)).filter(Boolean), 900);
    fadeAllBut(keepNodes, keepEdges);
  }

  // ---- search box ----
  function showMatches(text) {
    const box = $('matches');
    box.replaceChildren();
    if (!text.trim()) return;
    const found = search(text).slice(0, 8);
    if (found.length) {
      for (const i of found) {
        const li = el('li');
        li.append(nodeLink(i), el('span', ' ' + nodes[i].type, 'meta'));
        box.append(li);
      }
      return;
    }
    const near = suggestions(text);
    const li = el('li', 'No node matches “' + text + '”' + (near.length ? '; did you mean ' : '.'));
    near.forEach((i, k) => {
      if (k) li.append(k + 1 === near.length ? ' or ' : ', ');
      li.append(nodeLink(i));
    });
    if (near.length) li.append('?');
    box.append(li);
  }
  $('search').addEventListener('input', (event) => showMatches(event.target.value));
  $('search').addEventListener('keydown', (event) => {
    if (event.key !== 'Enter') return;
    const found = search(event.target.value);
    if (found.length) select(found[0]);
  });

  // ---- path box: the CLI's default path order ----
  // Flow edges walked forward first, then walks both ways over relations that link things, then any
  // walk; among the shortest, the one with the smallest node ids hop by hop.
  function shortestPath(from, to, usable, forwardOnly) {
    const step = (at, k) => {
      const e = edges[k];
      if (!usable(e)) return -1;
      if (e.from === at) return e.to;
      return forwardOnly && !e.symmetric ? -1 : e.from;
    };
    const back = (at, k) => {
      const e = edges[k];
      if (!usable(e)) return -1;
      if (e.to === at) return e.from;
      return forwardOnly && !e.symmetric ? -1 : e.to;
    };
    const dist = new Map([[to, 0]]);
    const queue = [to];
    for (let q = 0; q < queue.length && !dist.has(from); q++) {
      const at = queue[q];
      for (const k of incident[at]) {
        const next = back(at, k);
        if (next >= 0 && !dist.has(next)) {
          dist.set(next, dist.get(at) + 1);
          queue.push(next);
        }
      }
    }
    if (!dist.has(from)) return null;
    const path = { nodes: [from], edges: [] };
    for (let at = from; at !== to; ) {
      let best = null;
      for (const k of incident[at]) {
        const next = step(at, k);
        if (next < 0 || dist.get(next) !== dist.get(at) - 1) continue;
        if (!best || nodes[next].id < nodes[best.next].id) best = { next, k };
      }
      path.edges.push(best.k);
      path.nodes.push(best.next);
      at = best.next;
    }
    return path;
  }
  function findPath(from, to) {
    return (
      shortestPath(from, to, (e) => e.flow, true) ||
      shortestPath(from, to, (e) => e.paths, false) ||
      shortestPath(from, to, () => true, false)
    );
  }
  // The node a box's text names, or an Error in the CLI's words (src/core/resolve.cpp) led by the box:
  // "start: “athina” names no node (did you mean athena?)", "end: “kinesis” names several nodes: a, b",
  // "end: “” is not a node name: it has no letters or digits".
  // The message is shown with textContent, so what was typed stays text.
  function resolveOne(text, field) {
    if (!normalize(text)) throw new Error(field + ': “' + text + '” is not a node name: it has no letters or digits');
    const found = resolve(text);
    if (found.length === 1) return found[0];
    const named = field + ': “' + text + '” names ';
    if (found.length) {
      const ids = found.map((i) => nodes[i].id);
      const more = ids.length > 10 ? ' and ' + (ids.length - 10) + ' more' : ''; // as the CLI lists them
      throw new Error(named + 'several nodes: ' + ids.slice(0, 10).join(', ') + more);
    }
    const near = suggestions(text).map((i) => nodes[i].id);
    const listed = near.length > 1 ? near.slice(0, -1).join(', ') + ' or ' + near[near.length - 1] : near.join('');
    throw new Error(named + 'no node' + (near.length ? ' (did you mean ' + listed + '?)' : ''));
  }
  $('path-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const result = $('path-result');
    clearMarks();
    try {
      const from = resolveOne($('path-from').value, 'start');
      const to = resolveOne($('path-to').value, 'end');
      if (from === to) throw new Error('start and end are the same node');
      const path = findPath(from, to);
      if (!path) throw new Error('no path from ' + nodes[from].label + ' to ' + nodes[to].label);
      const keepNodes = new Set(path.nodes);
      const keepEdges = new Set();
      const parts = [el('h2', 'Path: ' + path.edges.length + (path.edges.length === 1 ? ' hop' : ' hops'))];
      const ol = el('ol', undefined, 'path');
      const start = el('li');
      start.append(nodeLink(path.nodes[0]));
      ol.append(start);
      path.edges.forEach((k, h) => {
        const e = edges[k];
        for (const g of edgeGroups(e)) {
          g.classList.add('on-path');
          keepEdges.add(g);
        }
        const li = el('li');
        li.append(el('span', reading(e, path.nodes[h]) + ' ', 'rel'), nodeLink(path.nodes[h + 1]));
        if (e.source) li.append(el('span', ' · notes ' + cited(e.source), 'source'));
        ol.append(li);
      });
      for (const i of path.nodes) {
        const g = nodeElements.get(i);
        if (g) g.classList.add('on-path');
      }
      fadeAllBut(keepNodes, keepEdges);
      focusOn(Array.from(keepNodes, (k) => nodeElements.get(k)).filter(Boolean), 900);
      parts.push(ol);
      showPanel(parts);
      result.textContent = path.nodes.map((i) => nodes[i].id).join(' → ');
    } catch (error) {
      result.textContent = error.message;
      showPanel(panelHint); // the marks are cleared: a path or node left in the panel would no longer be drawn
    }
  });

  // ---- filters ----
  function fillSelect(select, values) {
    for (const v of values) select.append(new Option(v, v));
  }
  fillSelect($('filter-section'), data.sections);
  fillSelect($('filter-type'), data.types);
  function applyFilters() {
    const section = $('filter-section').value;
    const type = $('filter-type').value;
    for (const [i, g] of nodeElements) {
      const n = nodes[i];
      g.classList.toggle('filtered-out', (section && n.section !== section) || (type && n.type !== type));
    }
  }
  $('filter-section').addEventListener('change', applyFilters);
  $('filter-type').addEventListener('change', applyFilters);

  // ---- legend: the diagrams' styles ----
  // A kind of node drawn small in its shape (the diagrams' Graphviz shapes; the rarer ones as a box).
  const SVG_NS = 'http://www.w3.org/2000/svg';
  function shapeSwatch(shape, fill, stroke) {
    const icon = document.createElementNS(SVG_NS, 'svg');
    icon.setAttribute('class', 'swatch');
    icon.setAttribute('viewBox', '0 0 20 14');
    const outlines = {
      ellipse: ['ellipse', { cx: 10, cy: 7, rx: 9, ry: 6 }],
      octagon: ['polygon', { points: '5,1 15,1 19,5 19,9 15,13 5,13 1,9 1,5' }],
      hexagon: ['polygon', { points: '5,1 15,1 19,7 15,13 5,13 1,7' }],
      rounded: ['rect', { x: 1, y: 1, width: 18, height: 12, rx: 4 }],
    };
    const [tag, attributes] = outlines[shape] || ['rect', { x: 1, y: 1, width: 18, height: 12 }];
    const outline = document.createElementNS(SVG_NS, tag);
    for (const [name, value] of Object.entries(attributes)) outline.setAttribute(name, String(value));
    outline.setAttribute('fill', fill);
    outline.setAttribute('stroke', stroke);
    outline.setAttribute('stroke-width', '1.5');
    icon.setAttribute('data-shape', shape);
    icon.append(outline);
    return icon;
  }
  for (const t of data.legend) {
    const li = el('li');
    li.append(shapeSwatch(t.shape, t.fill, t.stroke), el('span', t.name + ' (' + t.count + ')'));
    $('legend-list').append(li);
  }
  for (const r of data.relations) {
    const li = el('li');
    const line = el('span', undefined, 'line');
    line.style.borderTop = '2px ' + r.line + ' ' + r.colour;
    const head = el('span', r.head, 'head');
    head.style.color = r.colour;
    li.append(line, head, el('span', r.name));
    $('legend-relations').append(li);
  }

  // ---- pan and zoom, on the SVG's viewBox ----
  const full = svg.viewBox.baseVal;
  const home = { x: full.x, y: full.y, w: full.width, h: full.height };
  let view = Object.assign({}, home);
  svg.removeAttribute('width');
  svg.removeAttribute('height');
  function applyView() {
    svg.setAttribute('viewBox', view.x + ' ' + view.y + ' ' + view.w + ' ' + view.h);
  }
  function zoom(factor, cx, cy) {
    const w = Math.min(home.w * 4, Math.max(home.w / 50, view.w * factor));
    const h = (view.h * w) / view.w;
    view.x = cx - ((cx - view.x) * w) / view.w;
    view.y = cy - ((cy - view.y) * h) / view.h;
    view.w = w;
    view.h = h;
    applyView();
  }
  function toGraph(clientX, clientY) {
    const r = svg.getBoundingClientRect();
    const scale = Math.max(view.w / r.width, view.h / r.height);
    const ox = (r.width * scale - view.w) / 2;
    const oy = (r.height * scale - view.h) / 2;
    return { x: view.x - ox + (clientX - r.left) * scale, y: view.y - oy + (clientY - r.top) * scale, scale };
  }
  // The box, in the SVG's own coordinates, around some drawn elements (Graphviz draws inside a
  // translated group, so each element's box is mapped through its transform).
  function boxAround(elements) {
    const toSvg = svg.getScreenCTM().inverse();
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const g of elements) {
      const b = g.getBBox();
      const m = toSvg.multiply(g.getScreenCTM());
      for (const [x, y] of [[b.x, b.y], [b.x + b.width, b.y + b.height]]) {
        const p = new DOMPoint(x, y).matrixTransform(m);
        x0 = Math.min(x0, p.x);
        y0 = Math.min(y0, p.y);
        x1 = Math.max(x1, p.x);
        y1 = Math.max(y1, p.y);
      }
    }
    return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
  }
  // Shows the elements, zoomed in no closer than `minWidth` drawing units across.
  function focusOn(elements, minWidth) {
    if (!elements.length) return;
    const box = boxAround(elements);
    const r = svg.getBoundingClientRect();
    const aspect = r.height / r.width;
    const w = Math.min(home.w * 1.2, Math.max(minWidth, box.w * 1.3, (box.h * 1.3) / aspect));
    view = { x: box.x + box.w / 2 - w / 2, y: box.y + box.h / 2 - (w * aspect) / 2, w, h: w * aspect };
    applyView();
  }
  svg.addEventListener(
    'wheel',
    (event) => {
      event.preventDefault();
      const p = toGraph(event.clientX, event.clientY);
      zoom(event.deltaY > 0 ? 1.2 : 1 / 1.2, p.x, p.y);
    },
    { passive: false }
  );
  let drag = null;
  let dragged = false; // the last pointer press panned rather than clicked
  svg.addEventListener('pointerdown', (event) => {
    drag = { x: event.clientX, y: event.clientY, view: Object.assign({}, view), moved: false };
  });
  window.addEventListener('pointermove', (event) => {
    if (!drag) return;
    const { scale } = toGraph(event.clientX, event.clientY);
    const dx = event.clientX - drag.x;
    const dy = event.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
    view.x = drag.view.x - dx * scale;
    view.y = drag.view.y - dy * scale;
    if (drag.moved) applyView();
  });
  window.addEventListener('pointerup', () => {
    dragged = !!drag && drag.moved;
    drag = null;
  });
  $('zoom-in').addEventListener('click', () => zoom(1 / 1.5, view.x + view.w / 2, view.y + view.h / 2));
  $('zoom-out').addEventListener('click', () => zoom(1.5, view.x + view.w / 2, view.y + view.h / 2));
  $('zoom-fit').addEventListener('click', () => {
    view = Object.assign({}, home);
    applyView();
  });
  svg.addEventListener('click', () => {
    if (!dragged) clearMarks();
  });
  applyView();
  // For tests: the page's name resolution, to compare with the CLI's.
  window.mlkgExplorer = { resolve: (text) => resolve(text).map((i) => nodes[i].id) };
  document.body.dataset.ready = 'true';
})();

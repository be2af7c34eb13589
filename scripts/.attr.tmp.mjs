import { readFileSync } from 'node:fs';
import { SourceMapConsumer } from 'source-map-js';
const file = process.argv[2];
const code = readFileSync(file, 'utf8');
const map = new SourceMapConsumer(JSON.parse(readFileSync(file + '.map', 'utf8')));
const lines = code.split('\n');
const bytes = {};
let prev = null;
const mappings = [];
map.eachMapping((m) => mappings.push(m));
mappings.sort((a, b) => a.generatedLine - b.generatedLine || a.generatedColumn - b.generatedColumn);
for (let i = 0; i < mappings.length; i++) {
  const m = mappings[i], n = mappings[i + 1];
  const end = n && n.generatedLine === m.generatedLine ? n.generatedColumn : lines[m.generatedLine - 1].length;
  const src = (m.source || '?').replace(/.*\/src\//, '').replace(/.*node_modules\//, 'nm/');
  bytes[src] = (bytes[src] || 0) + (end - m.generatedColumn);
}
const total = code.length;
for (const [k, v] of Object.entries(bytes).sort((a, b) => b[1] - a[1])) console.log(String(v).padStart(6), k);
console.log(total, 'total');

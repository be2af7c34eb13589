#!/usr/bin/env node
// Regenerates the fixtures in ./html/ from definitions.mjs (README.md in this folder says why).
// Usage: node test/mautic-double/forms/build.mjs
//
// Mautic never sends the Twig output as it is: FormModel::getContent() parses it with PHP's DOM
// extension (libxml2's HTML parser, no implied <html>/<body>), removes every <script> element
// and serialises it again with libxml2's HTML serialiser. That pass is what puts spaces between
// the attributes the templates print back to back, drops the `/` of void elements, and strips
// scripts from custom-HTML fields. We apply the same libxml2 pass here through Python's lxml
// (Debian: `apt-get install python3-lxml`), so the fixtures are libxml2's own output.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEFINITIONS } from './definitions.mjs';
import { VERSIONS, fixtureLine, renderRaw } from './render.mjs';

const PASS = `
import json, sys
import lxml.etree as etree
out = []
for html in json.load(sys.stdin):
    root = etree.fromstring('<div>' + html + '</div>', etree.HTMLParser()).find('.//body/div')
    for script in list(root.iter('script')):
        parent = script.getparent()
        tail = script.tail or ''
        prev = script.getprevious()
        if prev is not None: prev.tail = (prev.tail or '') + tail
        else: parent.text = (parent.text or '') + tail
        parent.remove(script)
    out.append((root.text or '') + ''.join(etree.tostring(c, method='html', encoding=str, with_tail=True) for c in root))
json.dump(out, sys.stdout)
`;

const dir = fileURLToPath(new URL('./html/', import.meta.url));
mkdirSync(dir, { recursive: true });
const jobs = [];
for (const [id, definition] of Object.entries(DEFINITIONS)) {
  for (const version of Object.keys(VERSIONS)) {
    // A line that renders like an earlier one gets no file of its own (index.mjs serves the earlier one).
    if (fixtureLine(version) !== version) continue;
    jobs.push({ file: `${id}-${version}.html`, raw: renderRaw({ ...definition, id }, version, definition.messages) });
  }
}
const python = process.env.PYTHON ?? '/usr/bin/python3';
const done = JSON.parse(execFileSync(python, ['-c', PASS], { input: JSON.stringify(jobs.map((j) => j.raw)), encoding: 'utf8' }));
jobs.forEach((job, i) => writeFileSync(dir + job.file, done[i].trim() + '\n'));
console.log(`wrote ${jobs.length} fixtures to ${dir}`);

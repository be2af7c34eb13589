#!/usr/bin/env node
// Example consent-log receiver: stores the receipts mautic-consent sends (data-consent-log-url)
// in an SQLite database (sql.js: SQLite compiled to WebAssembly, saved to a file), and answers
// "show me the proof for record id X".
//   POST /receipts              one receipt (JSON, sent as text/plain by the SDK) → 201
//   GET  /receipts/{recordId}   every receipt of that record, oldest first → 200 | 404
// Run: node examples/consent-log/receiver.mjs [--port 8081] [--file consent-log.sqlite]
import { createServer } from 'node:http';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import initSqlJs from 'sql.js';

const ID = /^[\w-]{21}$/;
const TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;
const SOURCES = ['user', 'api', 'cmp', 'dnc'];

/** The receipt if it is one the SDK could have sent, else a reason it is not. */
function validate(r) {
  if (!r || typeof r !== 'object') return 'not a JSON object';
  if (!ID.test(r.recordId)) return 'recordId';
  if (r.version !== 1) return 'version';
  if (!['granted', 'denied'].includes(r.decision)) return 'decision';
  if (!SOURCES.includes(r.source)) return 'source';
  if (!TIME.test(r.decidedAt) || !TIME.test(r.updatedAt)) return 'times';
  if (!Number.isSafeInteger(r.revision) || r.revision < 0) return 'revision';
  if (typeof r.signals?.gpc !== 'boolean' || typeof r.signals?.dnt !== 'boolean') return 'signals';
  if (typeof r.page !== 'string' || r.page.length > 2048 || /[?#]/.test(r.page)) return 'page';
  return null;
}

export async function startReceiver({ port = 8081, file = 'consent-log.sqlite', host = '127.0.0.1' } = {}) {
  const SQL = await initSqlJs();
  const db = existsSync(file) ? new SQL.Database(readFileSync(file)) : new SQL.Database();
  db.run(`CREATE TABLE IF NOT EXISTS receipts (
    id INTEGER PRIMARY KEY,
    record_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    decision TEXT NOT NULL CHECK (decision IN ('granted', 'denied')),
    source TEXT NOT NULL,
    decided_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    revision INTEGER NOT NULL,
    gpc INTEGER NOT NULL,
    dnt INTEGER NOT NULL,
    page TEXT NOT NULL,
    received_at TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS receipts_record ON receipts (record_id);`);
  const save = () => writeFileSync(file, Buffer.from(db.export()));

  const send = (res, status, body, origin) =>
    res
      .writeHead(status, { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': origin ?? '*', Vary: 'Origin' })
      .end(JSON.stringify(body));

  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const origin = req.headers.origin;
    if (req.method === 'POST' && url.pathname === '/receipts') {
      let raw = '';
      req.setEncoding('utf8');
      req.on('data', (c) => {
        raw += c;
        if (raw.length > 4096) req.destroy();
      });
      req.on('end', () => {
        let receipt;
        try {
          receipt = JSON.parse(raw);
        } catch {
          return send(res, 400, { error: 'body is not JSON' }, origin);
        }
        const bad = validate(receipt);
        if (bad) return send(res, 400, { error: `invalid ${bad}` }, origin);
        db.run(
          'INSERT INTO receipts (record_id, version, decision, source, decided_at, updated_at, revision, gpc, dnt, page, received_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)',
          [receipt.recordId, receipt.version, receipt.decision, receipt.source, receipt.decidedAt, receipt.updatedAt, receipt.revision,
            receipt.signals.gpc ? 1 : 0, receipt.signals.dnt ? 1 : 0, receipt.page, new Date().toISOString()],
        );
        save();
        send(res, 201, { stored: true }, origin);
      });
      return;
    }
    const proof = /^\/receipts\/([\w-]{21})$/.exec(url.pathname);
    if (req.method === 'GET' && proof) {
      const stmt = db.prepare('SELECT * FROM receipts WHERE record_id = ? ORDER BY id');
      stmt.bind([proof[1]]);
      const rows = [];
      while (stmt.step()) rows.push(stmt.getAsObject());
      stmt.free();
      if (!rows.length) return send(res, 404, { error: 'no receipt for this record id' }, origin);
      return send(res, 200, {
        recordId: proof[1],
        receipts: rows.map((r) => ({
          decision: r.decision, source: r.source, decidedAt: r.decided_at, updatedAt: r.updated_at, revision: r.revision,
          signals: { gpc: !!r.gpc, dnt: !!r.dnt }, page: r.page, receivedAt: r.received_at,
        })),
      }, origin);
    }
    send(res, 404, { error: 'not found' }, origin);
  });
  await new Promise((done) => server.listen(port, host, done));
  return {
    port: server.address().port,
    close: () => new Promise((done) => server.close(() => { db.close(); done(); })),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name, fallback) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : fallback);
  const receiver = await startReceiver({ port: Number(arg('--port', 8081)), file: arg('--file', 'consent-log.sqlite') });
  console.log(`consent log on http://127.0.0.1:${receiver.port}/receipts (POST), proofs at /receipts/{recordId}`);
}

// node fake-k6/run.js <script.js> <summary-data.json>: loads a k6 script on the fakes of modules.js
// (with __ENV = the environment and k6's open(), relative to the script), runs one iteration and
// handleSummary(<summary-data>), and prints what happened as JSON.
import { register } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

register('./hooks.js', import.meta.url);
const [script, summaryData] = process.argv.slice(2).map((p) => path.resolve(p));
globalThis.__ENV = { ...process.env };
globalThis.open = (file, mode) => readFileSync(path.resolve(path.dirname(script), file), mode === 'b' ? undefined : 'utf8');

const { calls } = await import('./modules.js');
const k6Script = await import(pathToFileURL(script).href);
const initCalls = calls.splice(0);
k6Script.default();
const iterationCalls = calls.splice(0);
const summary = k6Script.handleSummary(JSON.parse(readFileSync(summaryData, 'utf8')));
process.stdout.write(JSON.stringify({ options: k6Script.options, initCalls, iterationCalls, summary }));

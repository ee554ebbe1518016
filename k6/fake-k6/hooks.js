// Node module hooks: `import … from 'k6/…'` gets the fakes of modules.js.
const MODULES = new URL('./modules.js', import.meta.url).href;
const SOURCES = {
  k6: `export { check, sleep } from '${MODULES}';`,
  'k6/http': `import { http } from '${MODULES}'; export default http;`,
  'k6/metrics': `export { Counter } from '${MODULES}';`,
  'k6/execution': `import { execution } from '${MODULES}'; export default execution;`,
  'k6/data': `export { SharedArray } from '${MODULES}';`,
};

export async function resolve(specifier, context, next) {
  return specifier in SOURCES ? { url: `fake-k6:${specifier}`, shortCircuit: true } : next(specifier, context);
}

export async function load(url, context, next) {
  return url.startsWith('fake-k6:')
    ? { format: 'module', source: SOURCES[url.slice('fake-k6:'.length)], shortCircuit: true }
    : next(url, context);
}

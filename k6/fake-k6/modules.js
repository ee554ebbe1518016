// Fakes of the k6 modules the scripts import, recording every call in `calls`, so Node can run a
// script's init code and one iteration (see run.js). Not a k6 emulation: no load, no timing.
export const calls = [];

export function check(value, checks, tags) {
  const results = Object.fromEntries(Object.entries(checks).map(([name, fn]) => [name, Boolean(fn(value))]));
  calls.push({ fn: 'check', results, tags });
  return Object.values(results).every(Boolean);
}

export function sleep(seconds) {
  calls.push({ fn: 'sleep', seconds });
}

export const http = {
  get(url, params) {
    calls.push({ fn: 'http.get', url, params });
    return { status: 200, body: '{}' };
  },
  post(url, body, params) {
    calls.push({ fn: 'http.post', url, body, params });
    // The status the service answers a well-formed request with: 201 for an upload, 200 for a batch.
    return { status: new URL(url).pathname === '/images' ? 201 : 200, body: '{}' };
  },
  file(data, filename, contentType) {
    return { fake: 'http.file', bytes: data.length, filename, contentType };
  },
};

export class Counter {
  constructor(name) {
    this.name = name;
    calls.push({ fn: 'new Counter', name });
  }

  add(value, tags) {
    calls.push({ fn: 'Counter.add', name: this.name, value, tags });
  }
}

export const execution = { instance: { currentTestRunDuration: Number(process.env.FAKE_ELAPSED_MS || 0) } };

export class SharedArray {
  constructor(name, load) {
    return load();
  }
}

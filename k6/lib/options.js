// A scenarios.json definition (+ environment overrides) -> what one run does and k6's `options`.
import { formatDuration, parseDuration } from './duration.js';
import { STATUS_KEYS, statusMetric } from './status.js';

export const DEFAULT_BASE_URL = 'http://localhost:8080';
export const SUMMARY_TREND_STATS = ['avg', 'min', 'med', 'p(90)', 'p(95)', 'p(99)', 'max'];
const TAG_VALUE = /^[0-9A-Za-z_-]+$/; // safe in a k6 scenario name and in a `metric{step:…}` threshold key

/**
 * The definition as a run executes it: env overrides applied (BASE_URL, DURATION, VUS,
 * THINK_MIN/THINK_MAX, BATCH_MIN/BATCH_MAX), every stage named, baseUrl added. Throws on bad values.
 */
export function resolveDefinition(definition, env = {}) {
  if (!definition || !Array.isArray(definition.stages) || definition.stages.length === 0) {
    throw new Error('a scenario definition needs a non-empty "stages" list');
  }
  const set = (key) => env[key] !== undefined && env[key] !== '';
  let stages = definition.stages.map((stage) => ({ ...stage }));
  if (set('DURATION')) {
    if (!(parseDuration(env.DURATION) > 0)) throw new Error(`DURATION must be positive, got ${env.DURATION}`);
    stages = stages.map((stage) => ({ ...stage, duration: env.DURATION }));
  }
  if (set('VUS')) stages = scaleTargets(stages, integer('VUS', env.VUS, 1));
  for (const stage of stages) {
    parseDuration(stage.duration);
    integer('stage target', stage.target, definition.rampUp ? 0 : 1);
  }
  integer('imageCount', definition.imageCount, 1);
  if (definition.staggerS !== undefined && !(Number.isFinite(definition.staggerS) && definition.staggerS >= 0)) {
    throw new Error(`staggerS must be a number of seconds >= 0, got ${definition.staggerS}`);
  }
  const resolved = {
    ...definition,
    baseUrl: (set('BASE_URL') ? env.BASE_URL : DEFAULT_BASE_URL).replace(/\/+$/, ''),
    stages: nameStages(stages),
    thinkTimeS: range('THINK', definition.thinkTimeS, env, Number, 0),
    batchSize: range('BATCH', definition.batchSize, env, (v) => integer('batch size', v, 1), 1),
  };
  if (resolved.batchSize.max > resolved.imageCount) {
    throw new Error(`batch size max ${resolved.batchSize.max} exceeds imageCount ${resolved.imageCount}`);
  }
  return resolved;
}

/** k6 `options` for the scenario called `name`. */
export function buildOptions(definition, name, env = {}) {
  if (!TAG_VALUE.test(name)) throw new Error(`invalid scenario name ${JSON.stringify(name)}`);
  const def = resolveDefinition(definition, env);
  return {
    scenarios: persistentVus(def) ? rampingScenario(def, name) : constantScenario(def, name),
    thresholds: thresholds(def),
    summaryTrendStats: [...SUMMARY_TREND_STATS],
  };
}

/** The name of the stage running `elapsedMs` after the start (the last stage after the end). */
export function stageAt(definition, elapsedMs) {
  const stages = nameStages(definition.stages);
  let end = 0;
  for (const stage of stages) {
    end += parseDuration(stage.duration);
    if (elapsedMs < end) return stage.name;
  }
  return stages[stages.length - 1].name;
}

/**
 * Request tags: the `name` that groups dynamic URLs, plus `step` under ramping-vus. With
 * constant-vus stages the scenario's own `step` tag already marks every metric.
 */
export function requestTags(definition, elapsedMs, name) {
  return persistentVus(definition) ? { name, step: stageAt(definition, elapsedMs) } : { name };
}

/**
 * Whether the run is one ramping-vus scenario whose VUs persist from stage to stage (ramped stages, several
 * held stages, or staggered starts) rather than a single constant-vus stage. The Java driver's VuSchedule
 * starts and stops its VUs at the same moments.
 */
export function persistentVus(definition) {
  return Boolean(definition.rampUp) || definition.stages.length > 1 || staggerMs(definition) > 0;
}

/** `staggerS`: the VUs a held stage adds start evenly over this many seconds, not all at once (0: at once). */
export function staggerMs(definition) {
  return Math.round(1000 * (definition.staggerS || 0));
}

/**
 * Thresholds that always pass, one per per-step metric: they make k6 keep (and report in
 * handleSummary's data) the sub-metrics `metric{step:<name>}`.
 */
export function stepProbes(step) {
  return [
    [`http_req_duration{step:${step}}`, 'max>=0'],
    [`http_req_failed{step:${step}}`, 'rate>=0'],
    [`http_reqs{step:${step}}`, 'count>=0'],
    ...STATUS_KEYS.map((key) => [`${statusMetric(key)}{step:${step}}`, 'count>=0']),
  ];
}

/** Stages with a unique `name`: the given one, else the target ("30", or "30_3" when repeated). */
export function nameStages(stages) {
  const seen = new Set();
  return stages.map((stage, i) => {
    let name = stage.name ? String(stage.name) : String(stage.target);
    if (!stage.name && seen.has(name)) name = `${name}_${i + 1}`;
    if (!TAG_VALUE.test(name)) throw new Error(`stage name ${JSON.stringify(name)} may hold only letters, digits, _ and -`);
    if (seen.has(name)) throw new Error(`stage name ${JSON.stringify(name)} is used twice`);
    seen.add(name);
    return { ...stage, name };
  });
}

function constantScenario(def, name) {
  const [stage] = def.stages;
  return {
    [`${name}_${stage.name}`]: { executor: 'constant-vus', vus: stage.target, duration: stage.duration, startTime: '0s', tags: { step: stage.name } },
  };
}

/**
 * One ramping-vus scenario. Ramped stages (`rampUp`) go linearly from the previous target, starting at the first.
 * Held stages start from 0 VUs: a stage above the current level ramps up over `staggerS` (within the stage's own
 * duration), one below drops at once (k6 lets each stopped VU finish its iteration), then the level is held. So
 * the VUs persist from step to step and a step only adds its new ones, staggered: no synchronized burst of
 * VUs × batch size at every step boundary. VuSchedule (load-driver) computes the same starts.
 */
function rampingScenario(def, name) {
  if (def.rampUp) {
    return {
      [name]: {
        executor: 'ramping-vus',
        startVUs: def.stages[0].target,
        stages: def.stages.map(({ duration, target }) => ({ duration, target })),
      },
    };
  }
  const stagger = staggerMs(def);
  const stages = [];
  let level = 0;
  for (const stage of def.stages) {
    const ms = parseDuration(stage.duration);
    const ramp = stage.target > level ? Math.min(stagger, ms) : 0;
    if (stage.target !== level) stages.push({ duration: formatDuration(ramp), target: stage.target });
    if (ms - ramp > 0) stages.push({ duration: formatDuration(ms - ramp), target: stage.target });
    level = stage.target;
  }
  return { [name]: { executor: 'ramping-vus', startVUs: 0, stages } };
}

function thresholds(def) {
  const result = {};
  const add = (metric, expression) => {
    result[metric] = result[metric] || [];
    if (!result[metric].includes(expression)) result[metric].push(expression);
  };
  for (const [metric, expressions] of Object.entries(def.thresholds || {})) expressions.forEach((e) => add(metric, e));
  for (const stage of def.stages) stepProbes(stage.name).forEach(([metric, expression]) => add(metric, expression));
  return result;
}

// VUS: the single stage's target, or every target scaled to peak at VUS (rounded, at least 1), as the Java driver does.
function scaleTargets(stages, vus) {
  if (stages.length === 1) return [{ ...stages[0], target: vus }];
  const peak = Math.max(...stages.map((stage) => stage.target));
  return stages.map((stage) => ({ ...stage, target: Math.max(1, Math.round((stage.target * vus) / peak)) }));
}

// {min, max} from the definition, each overridable by <PREFIX>_MIN / <PREFIX>_MAX.
function range(prefix, base, env, parse, lowest) {
  const pick = (key, fallback) => {
    const raw = env[key] !== undefined && env[key] !== '' ? env[key] : fallback;
    const value = parse(raw);
    if (!Number.isFinite(value) || value < lowest) throw new Error(`${key} must be a number >= ${lowest}, got ${raw}`);
    return value;
  };
  const min = pick(`${prefix}_MIN`, base && base.min);
  const max = pick(`${prefix}_MAX`, base && base.max);
  if (min > max) throw new Error(`${prefix}_MIN (${min}) is greater than ${prefix}_MAX (${max})`);
  return { min, max };
}

function integer(what, raw, lowest) {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < lowest) throw new Error(`${what} must be an integer >= ${lowest}, got ${raw}`);
  return value;
}

#!/usr/bin/env node
/**
 * Applies scripts/content-additions.json to data/services/*.json: conditions, objects and phrases
 * appended to duties, and aliases appended to services. Idempotent: what a file already has is skipped,
 * so the script can run again after other changes to the same files (a duty moved to another topic
 * entry is found wherever it sits: by service id and duty id).
 *
 *   node scripts/apply-content-additions.mjs            apply, rewriting only the files that change
 *   node scripts/apply-content-additions.mjs --check    change nothing; exit 1 if something is missing
 *   node scripts/apply-content-additions.mjs --data DIR another data directory (default: ../data)
 *
 * Per duty: `objects` and `phrases` (strings), `conditions` (whole conditions, as in the schema) and
 * `conditionPhrases` (more phrases for a condition the duty already has, by its `when`). A condition is
 * matched to an existing one by its `when` (case and spacing ignored); a match gets the phrases it lacks
 * and keeps its own text, owner and sources. A duty that cannot be found, or is found
 * twice, or an object that another duty of the same service with a different owner already has, is an
 * error: nothing is written and the script exits 1.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const check = args.includes('--check');
const dataAt = args.indexOf('--data');
const dataDir = resolve(dataAt >= 0 ? (args[dataAt + 1] ?? '') : join(here, '..', 'data'));
const additionsFile = join(here, 'content-additions.json');

/** The order of a duty's fields in the schema (src/kb/schema.ts), so a field added reads in place. */
const DUTY_KEYS = [
  'id',
  'label',
  'owner',
  'actions',
  'objects',
  'phrases',
  'default',
  'conditions',
  'aws',
  'customer',
  'controls',
  'securityHub',
  'sources',
];

const norm = (s) => s.trim().toLowerCase().replace(/\s+/g, ' ');

/** Appends the strings of `add` that `list` lacks; returns how many. */
function appendMissing(list, add) {
  const have = new Set(list.map(norm));
  let n = 0;
  for (const a of add) {
    if (have.has(norm(a))) continue;
    list.push(a);
    have.add(norm(a));
    n++;
  }
  return n;
}

/** The duty with its array field `key` present (created empty, in schema order, when missing). */
function withField(duty, key) {
  if (Array.isArray(duty[key])) return duty;
  const out = {};
  for (const k of DUTY_KEYS) {
    if (k === key) out[k] = [];
    else if (k in duty) out[k] = duty[k];
  }
  for (const k of Object.keys(duty)) if (!(k in out)) out[k] = duty[k];
  return out;
}

/** Every place a duty id occurs in a service: [entry, index] pairs. */
function findDuty(service, id) {
  const found = [];
  for (const entry of Object.values(service.topics ?? {})) {
    if (!entry || !Array.isArray(entry.duties)) continue;
    entry.duties.forEach((d, i) => {
      if (d.id === id) found.push([entry, i]);
    });
  }
  return found;
}

const additions = JSON.parse(readFileSync(additionsFile, 'utf8'));
const errors = [];
const changes = [];
const files = new Map();

for (const [serviceId, add] of Object.entries(additions.services ?? {})) {
  const file = join(dataDir, 'services', `${serviceId}.json`);
  let service;
  try {
    service = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    errors.push(`${serviceId}: cannot read ${file}: ${e.message}`);
    continue;
  }
  let changed = 0;
  if (add.aliases?.length) {
    const n = appendMissing(service.aliases, add.aliases);
    if (n) changes.push(`${serviceId}: +${n} aliases`);
    changed += n;
  }
  // Every duty of the service with its owner, for the object check.
  const owners = new Map();
  for (const entry of Object.values(service.topics ?? {}))
    for (const d of entry?.duties ?? [])
      for (const o of d.objects ?? []) {
        const set = owners.get(norm(o)) ?? new Map();
        set.set(d.id, d.owner);
        owners.set(norm(o), set);
      }
  for (const [dutyId, dutyAdd] of Object.entries(add.duties ?? {})) {
    const places = findDuty(service, dutyId);
    if (places.length !== 1) {
      errors.push(`${serviceId}.${dutyId}: found ${places.length} times (expected once)`);
      continue;
    }
    const [entry, index] = places[0];
    let duty = entry.duties[index];
    const before = changed;
    if (dutyAdd.objects?.length) {
      for (const o of dutyAdd.objects) {
        const others = [...(owners.get(norm(o)) ?? new Map())].filter(
          ([id, owner]) => id !== dutyId && owner !== duty.owner,
        );
        if (others.length)
          errors.push(
            `${serviceId}.${dutyId}: object "${o}" is already an object of ${others.map(([id, owner]) => `${id} (${owner})`).join(', ')}`,
          );
      }
      duty = withField(duty, 'objects');
      const n = appendMissing(duty.objects, dutyAdd.objects);
      if (n) changes.push(`${serviceId}.${dutyId}: +${n} objects`);
      changed += n;
    }
    if (dutyAdd.phrases?.length) {
      duty = withField(duty, 'phrases');
      const n = appendMissing(duty.phrases, dutyAdd.phrases);
      if (n) changes.push(`${serviceId}.${dutyId}: +${n} phrases`);
      changed += n;
    }
    for (const [when, phrases] of Object.entries(dutyAdd.conditionPhrases ?? {})) {
      const same = (duty.conditions ?? []).find((x) => norm(x.when) === norm(when));
      if (!same) {
        errors.push(`${serviceId}.${dutyId}: no condition "${when}" to add phrases to`);
        continue;
      }
      const n = appendMissing(same.phrases, phrases);
      if (n) changes.push(`${serviceId}.${dutyId}: +${n} phrases for condition "${when}"`);
      changed += n;
    }
    for (const c of dutyAdd.conditions ?? []) {
      duty = withField(duty, 'conditions');
      const same = duty.conditions.find((x) => norm(x.when) === norm(c.when));
      if (same) {
        if (same.owner !== c.owner)
          errors.push(
            `${serviceId}.${dutyId}: condition "${c.when}" is ${same.owner} in the data, ${c.owner} here`,
          );
        const n = appendMissing(same.phrases, c.phrases);
        if (n) changes.push(`${serviceId}.${dutyId}: +${n} phrases for condition "${c.when}"`);
        changed += n;
      } else {
        duty.conditions.push(structuredClone(c));
        changes.push(`${serviceId}.${dutyId}: + condition "${c.when}" (${c.owner})`);
        changed++;
      }
    }
    if (changed !== before) entry.duties[index] = duty;
  }
  if (changed) files.set(file, service);
}

if (errors.length) {
  for (const e of errors) console.error(`error: ${e}`);
  console.error(`${errors.length} error(s); nothing written`);
  process.exit(1);
}
for (const c of changes) console.log(c);
if (check) {
  console.log(files.size ? `${files.size} file(s) would change` : 'nothing to add');
  process.exit(files.size ? 1 : 0);
}
for (const [file, service] of files) writeFileSync(file, `${JSON.stringify(service, null, 2)}\n`);
console.log(files.size ? `${files.size} file(s) written` : 'nothing to add');

import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import type { z } from 'zod';
import { type KbProblem, KnowledgeBaseError } from './errors.js';
import {
  type Control,
  controlsFileSchema,
  type Duty,
  type GeneralDuty,
  generalDutiesFileSchema,
  linkTitlesFileSchema,
  type ModelFile,
  modelFileSchema,
  type OtherService,
  otherServicesFileSchema,
  type Service,
  type ServiceModelsFile,
  serviceModelsFileSchema,
  serviceSchema,
  type Topic,
  topicsFileSchema,
  type Vocabulary,
  vocabularyFileSchema,
} from './schema.js';

/** The whole knowledge base, validated. */
export interface KnowledgeBase {
  model: ModelFile;
  controls: Control[];
  serviceModels: ServiceModelsFile;
  topics: Topic[];
  services: Service[];
  /** Services it does not cover, by name only. */
  otherServices: OtherService[];
  /** Link text for cited URLs, from every service's docs list and `link-titles.json`. */
  linkTitles: ReadonlyMap<string, string>;
  /** Model-level duties (data/duties.json). */
  generalDuties: GeneralDuty[];
  /** The matcher's vocabulary (data/vocabulary.json). */
  vocabulary: Vocabulary;
}

/**
 * A value that matches no branch of a union (a topic entry that is neither a full entry nor a
 * not-applicable marker) gives zod's bare "Invalid input" at the union's path. Report the branch
 * that came closest instead (fewest problems), so the error names the field that is wrong.
 */
function closestIssues(
  issue: z.core.$ZodIssue,
  prefix: PropertyKey[],
): { path: PropertyKey[]; message: string }[] {
  const path = [...prefix, ...issue.path];
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return [{ path, message: issue.message }];
  const best = issue.errors.reduce((a, b) => (b.length < a.length ? b : a));
  return best.flatMap((inner) => closestIssues(inner, path));
}

/** Reads a JSON file and validates it; problems are appended, never thrown, so all are reported. */
export function readValidated<S extends z.ZodType>(
  file: string,
  schema: S,
  problems: KbProblem[],
  root: string,
): z.infer<S> | undefined {
  const shown = relative(root, file) || file;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    problems.push({ file: shown, field: '', message: `cannot read as JSON: ${reason}` });
    return undefined;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues.flatMap((i) => closestIssues(i, []))) {
      problems.push({ file: shown, field: issue.path.map(String).join('.'), message: issue.message });
    }
    return undefined;
  }
  return parsed.data;
}

function checkService(s: Service, shown: string, problems: KbProblem[]): void {
  if (basename(shown, '.json') !== s.id) {
    problems.push({ file: shown, field: 'id', message: `must match the file name (${basename(shown)})` });
  }
  s.securityHub.forEach((c, i) => {
    const entry = s.topics[c.topic];
    if (!entry || 'notApplicable' in entry) {
      problems.push({
        file: shown,
        field: `securityHub.${i}.topic`,
        message: `topic "${c.topic}" has no responsibility entry in this file`,
      });
    }
  });
}

/** A duty names action classes the vocabulary defines, and Security Hub ids its service lists. */
function checkDuties(
  duties: { d: Duty; field: string }[],
  vocabulary: Vocabulary | undefined,
  shown: string,
  problems: KbProblem[],
  securityHub?: ReadonlySet<string>,
): void {
  const ids = new Map<string, string>();
  for (const { d, field } of duties) {
    const prev = ids.get(d.id);
    if (prev)
      problems.push({ file: shown, field: `${field}.id`, message: `"${d.id}" is already used at ${prev}` });
    else ids.set(d.id, field);
    d.actions.forEach((a, i) => {
      if (vocabulary && !(a in vocabulary.actions)) {
        problems.push({
          file: shown,
          field: `${field}.actions.${i}`,
          message: `"${a}" is not an action class in data/vocabulary.json`,
        });
      }
    });
    d.objects.forEach((o, i) => {
      if (vocabulary && o.startsWith('@') && !(o.slice(1) in vocabulary.actions)) {
        problems.push({
          file: shown,
          field: `${field}.objects.${i}`,
          message: `"${o}" names no action class in data/vocabulary.json`,
        });
      }
    });
    if (d.objects.length === 0 && d.phrases.length === 0 && !d.default) {
      problems.push({
        file: shown,
        field: field,
        message: 'a duty needs objects, phrases, or "default": true, or nothing can name it',
      });
    }
    d.securityHub.forEach((id, i) => {
      if (securityHub && !securityHub.has(id)) {
        problems.push({
          file: shown,
          field: `${field}.securityHub.${i}`,
          message: `"${id}" is not in this service's securityHub list`,
        });
      }
    });
  }
}

/** Cross-file rules: aliases must be unique across services, ids unique. */
function checkAcrossServices(services: { s: Service; shown: string }[], problems: KbProblem[]): void {
  const owners = new Map<string, string>();
  for (const { s, shown } of services) {
    for (const [i, alias] of [s.id, ...s.aliases].entries()) {
      const prev = owners.get(alias);
      if (prev && prev !== s.id) {
        problems.push({
          file: shown,
          field: i === 0 ? 'id' : `aliases.${i - 1}`,
          message: `"${alias}" is already used by service ${prev}`,
        });
      } else {
        owners.set(alias, s.id);
      }
    }
  }
}

/** A name in the not-covered list must not be a name of a covered service. */
function checkOtherServices(
  others: OtherService[],
  services: { s: Service }[],
  problems: KbProblem[],
  shown: string,
): void {
  const covered = new Map<string, string>();
  for (const { s } of services) for (const a of [s.id, ...s.aliases]) covered.set(a, s.id);
  others.forEach((o, i) => {
    o.aliases.forEach((a, k) => {
      const id = covered.get(a);
      if (id)
        problems.push({
          file: shown,
          field: `services.${i}.aliases.${k}`,
          message: `"${a}" is service ${id}`,
        });
    });
  });
}

/**
 * Loads and validates `data/`. Throws a KnowledgeBaseError naming every bad file and field; the bot
 * refuses to start on a broken knowledge base rather than answer from part of it.
 */
export function loadKnowledgeBase(dataDir: string, root = process.cwd()): KnowledgeBase {
  const problems: KbProblem[] = [];
  const model = readValidated(join(dataDir, 'model.json'), modelFileSchema, problems, root);
  const controls = readValidated(join(dataDir, 'controls.json'), controlsFileSchema, problems, root);
  const serviceModels = readValidated(
    join(dataDir, 'service-models.json'),
    serviceModelsFileSchema,
    problems,
    root,
  );
  const topics = readValidated(join(dataDir, 'topics.json'), topicsFileSchema, problems, root);
  const others = readValidated(join(dataDir, 'other-services.json'), otherServicesFileSchema, problems, root);
  const titles = readValidated(join(dataDir, 'link-titles.json'), linkTitlesFileSchema, problems, root);
  const vocabulary = readValidated(join(dataDir, 'vocabulary.json'), vocabularyFileSchema, problems, root);
  const general = readValidated(join(dataDir, 'duties.json'), generalDutiesFileSchema, problems, root);
  if (general) {
    checkDuties(
      general.duties.map((d, i) => ({ d, field: `duties.${i}` })),
      vocabulary,
      relative(root, join(dataDir, 'duties.json')),
      problems,
    );
  }
  const serviceDir = join(dataDir, 'services');
  const loaded: { s: Service; shown: string }[] = [];
  let names: string[] = [];
  try {
    names = readdirSync(serviceDir)
      .filter((n) => n.endsWith('.json'))
      .sort();
  } catch {
    problems.push({ file: relative(root, serviceDir), field: '', message: 'folder is missing' });
  }
  for (const name of names) {
    const file = join(serviceDir, name);
    const s = readValidated(file, serviceSchema, problems, root);
    if (s) {
      const shown = relative(root, file);
      checkService(s, shown, problems);
      checkDuties(
        Object.entries(s.topics).flatMap(([t, e]) =>
          e && 'duties' in e ? e.duties.map((d, i) => ({ d, field: `topics.${t}.duties.${i}` })) : [],
        ),
        vocabulary,
        shown,
        problems,
        new Set(s.securityHub.map((c) => c.id)),
      );
      loaded.push({ s, shown });
    }
  }
  if (vocabulary) {
    for (const [list, ids] of [
      ['serviceAsTopic', Object.keys(vocabulary.serviceAsTopic)],
      ['serviceNouns', Object.keys(vocabulary.serviceNouns)],
    ] as const) {
      for (const id of ids) {
        if (!loaded.some((l) => l.s.id === id)) {
          problems.push({
            file: relative(root, join(dataDir, 'vocabulary.json')),
            field: `${list}.${id}`,
            message: `"${id}" is not a service in data/services/`,
          });
        }
      }
    }
  }
  checkAcrossServices(loaded, problems);
  if (others)
    checkOtherServices(
      others.services,
      loaded,
      problems,
      relative(root, join(dataDir, 'other-services.json')),
    );
  if (
    problems.length > 0 ||
    !model ||
    !controls ||
    !serviceModels ||
    !topics ||
    !others ||
    !titles ||
    !vocabulary ||
    !general
  ) {
    throw new KnowledgeBaseError(problems);
  }
  return {
    model,
    controls: controls.controls,
    serviceModels,
    topics: topics.topics,
    services: loaded.map((l) => l.s),
    otherServices: others.services,
    generalDuties: general.duties,
    vocabulary,
    linkTitles: new Map([
      ...Object.entries(titles.titles),
      ...loaded.flatMap(({ s }) => s.docs.map((d): [string, string] => [d.url, d.title])),
    ]),
  };
}

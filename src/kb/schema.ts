import { z } from 'zod';
import { CONTROLS, OWNERS, SERVICE_MODELS, TOPICS } from './ids.js';

/**
 * The knowledge base's file formats. Every fact carries at least one https source URL; `srm validate`
 * and the loader report a failure as `file: field.path: problem`.
 */

/** An https URL with a host; a pattern rather than a full URL parse, which costs most of the start-up
 * validation time on a knowledge base of a thousand duties. */
const url = z
  .string()
  .regex(/^https:\/\/[a-z0-9.-]+\.[a-z]{2,}(\/[^\s]*)?$/i, 'must be an https URL (https://host/path)');
const sources = z.array(url).min(1, 'needs at least one source URL');
const text = z.string().trim().min(10, 'must be a sentence (10 characters or more)').max(900);
const owner = z.enum(OWNERS);
const controlId = z.enum(CONTROLS);
const topicId = z.enum(TOPICS);
const alias = z
  .string()
  .trim()
  .min(2)
  .refine((a) => a === a.toLowerCase(), 'aliases are written in lower case');

export const linkSchema = z.object({ title: z.string().min(2), url }).strict();

const kebab = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lowercase words joined by hyphens');
const shortText = z.string().trim().min(3).max(120);

/**
 * A choice the customer made that moves a duty to another owner (RDS Custom instead of RDS, a custom
 * Lambda runtime, the EC2 launch type of an ECS task). Named in a message by one of its phrases.
 */
export const dutyConditionSchema = z
  .object({
    /** "RDS Custom for Oracle", shown beside the owner. */
    when: shortText,
    phrases: z.array(alias).min(1),
    owner,
    /** What changes, in a sentence. */
    text,
    sources,
  })
  .strict();

/**
 * A duty: one action on one object, with the one owner who does it (RESPONSIBILITY.md section 1).
 * The matcher finds it by an action class (data/vocabulary.json) together with one of its objects,
 * or by a whole phrase; `default` marks the duty that answers the action alone ("who patches EC2").
 */
export const dutySchema = z
  .object({
    id: kebab,
    /** "Choosing the maintenance window": a gerund phrase, read as the answer's subject. */
    label: shortText,
    owner,
    /** Action classes from data/vocabulary.json (patch, choose, enable, encrypt, review…). */
    actions: z.array(kebab).min(1),
    /** What the action is done to, in the words engineers use ("maintenance window", "guest os");
     * "@patch" takes any word of that action class as the object ("schedule" × "@patch"). */
    objects: z.array(alias).default([]),
    /** Whole phrasings that name the duty whatever the action words ("auto minor version upgrade"). */
    phrases: z.array(alias).default([]),
    /** Answers the action when no object of another duty is named ("who patches rds"). */
    default: z.boolean().default(false),
    conditions: z.array(dutyConditionSchema).default([]),
    /** What each side does for this duty, where the area's text does not already say it. */
    aws: text.optional(),
    customer: text.optional(),
    controls: z.array(controlId).optional(),
    /** Security Hub control ids (RDS.13) that check this duty. */
    securityHub: z.array(z.string().regex(/^[A-Za-z0-9]+\.\d+$/, 'looks like RDS.13')).default([]),
    sources,
  })
  .strict();

/** One responsibility entry: who owns a topic for a service, and what each side does. */
export const topicEntrySchema = z
  .object({
    owner,
    aws: text,
    customer: text,
    controls: z.array(controlId).default([]),
    sources,
    note: text.optional(),
    /** The duties that make up this area, each with its own owner. */
    duties: z.array(dutySchema).default([]),
  })
  .strict();

/** A topic that does not apply to a service, with the reason, so it is never silently missing. */
export const notApplicableSchema = z.object({ notApplicable: text }).strict();

export const securityHubControlSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9]+\.\d+$/, 'looks like RDS.13'),
    title: z.string().min(5),
    topic: topicId,
    url,
  })
  .strict();

export const serviceSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lowercase words joined by hyphens'),
    name: z.string().min(2),
    aliases: z.array(alias).min(1),
    model: z.enum(SERVICE_MODELS),
    summary: text,
    docs: z.array(linkSchema).min(1),
    notes: z.array(z.object({ text, sources }).strict()).default([]),
    topics: z.partialRecord(topicId, z.union([topicEntrySchema, notApplicableSchema])),
    securityHub: z.array(securityHubControlSchema).default([]),
  })
  .strict();

export const topicSchema = z
  .object({
    id: topicId,
    name: z.string().min(2),
    /** Words and phrases that point at this topic; matched after stemming. */
    synonyms: z.array(alias).min(2),
    controls: z.array(controlId),
    /** The model-level answer when no service is named ("who handles physical security?"). */
    general: z.object({ owner, aws: text, customer: text, sources }).strict(),
    /** The general answer holds for every service (awareness & training, incident response): it is
     * given, with the service's remark, where a service has no entry of its own for the topic. */
    appliesToEveryService: z.boolean().default(false),
  })
  .strict();
export const topicsFileSchema = z.object({ topics: z.array(topicSchema).min(1) }).strict();

/** AWS services the knowledge base does not cover: named so the bot can say "I don't know X yet". */
export const otherServicesFileSchema = z
  .object({
    about: text,
    source: url,
    services: z.array(z.object({ name: z.string().min(2), aliases: z.array(alias).min(1) }).strict()).min(1),
  })
  .strict();
export type OtherService = z.infer<typeof otherServicesFileSchema>['services'][number];

/** Link text for cited pages that no service's `docs` list names (URL → page title). */
export const linkTitlesFileSchema = z
  .object({
    about: text,
    titles: z.record(url, z.string().trim().min(3).max(120)),
  })
  .strict();

export const controlSchema = z
  .object({
    id: controlId,
    name: z.string().min(2),
    kind: z.enum(['inherited', 'shared', 'customer-specific']),
    /** For a concrete control (patch-management), the kind it belongs to (shared). */
    parent: controlId.optional(),
    synonyms: z.array(alias).min(1),
    summary: text,
    aws: text,
    customer: text,
    examples: z.array(text).default([]),
    sources,
  })
  .strict();
export const controlsFileSchema = z.object({ controls: z.array(controlSchema).min(8) }).strict();

const sideSchema = z
  .object({ title: z.string().min(2), summary: text, items: z.array(text).min(3), sources })
  .strict();
export const modelFileSchema = z
  .object({
    name: z.string().min(2),
    summary: text,
    ofTheCloud: sideSchema,
    inTheCloud: sideSchema,
    advice: z.array(text).default([]),
    sources,
  })
  .strict();

export const serviceModelSchema = z
  .object({
    id: z.enum(SERVICE_MODELS),
    name: z.string().min(2),
    synonyms: z.array(alias).min(1),
    summary: text,
    aws: text,
    customer: text,
    examples: z.array(z.string()),
    sources,
  })
  .strict();
export const serviceModelsFileSchema = z
  .object({ models: z.array(serviceModelSchema).min(4), shift: text, sources })
  .strict();

/**
 * A model-level duty (data/duties.json): holds with no service named ("who patches the hypervisor"),
 * and for every service of the listed service models unless the service has its own duty.
 */
export const generalDutySchema = dutySchema
  .extend({
    topic: topicId,
    /** Service models it holds for when a service is named; absent: every service. */
    models: z.array(z.enum(SERVICE_MODELS)).min(1).optional(),
    /** Whether it answers a question that names no service (the IaaS reading of "guest os"). */
    whenNoService: z.boolean().default(true),
  })
  .strict();
export const generalDutiesFileSchema = z
  .object({ about: text, duties: z.array(generalDutySchema).min(1) })
  .strict();

/** The matcher's vocabulary: words that are not knowledge but the wording of questions. */
export const vocabularyFileSchema = z
  .object({
    about: text,
    /** Action classes: a duty names the classes whose words express its action. */
    actions: z.record(kebab, z.array(alias).min(1)),
    /** Words that ask about responsibility without naming an action ("responsible for", "owns"):
     * every duty accepts them, with a lower weight than its own actions. */
    anyAction: z.array(alias).min(1),
    /** Words that ask who owns what follows ("responsible for", "on us"). They count as a generic
     * action too; when what follows is only an area's name ("responsible for backups on rds"), the
     * question is about the area, so a duty found by its action word alone does not answer it. */
    ownership: z.array(alias).min(1),
    /** Cue phrases: the wording of questions, not knowledge. `action` and `followUp` count only at the
     * start of a message (an action also after a request prefix). */
    cues: z
      .object({
        compare: z.array(alias).min(1),
        model: z.array(alias).min(1),
        controls: z.array(alias).min(1),
        overview: z.array(alias).min(1),
        pronoun: z.array(alias).min(1),
        otherCloud: z.array(alias).min(1),
        /** Systems outside AWS: out of scope when no AWS service is named beside them. */
        onPremises: z.array(alias).min(1),
        offTopic: z.array(alias).min(1),
        /** Troubleshooting ("is down", "getting an error"): out of scope when nothing asks who. */
        trouble: z.array(alias).default([]),
        /** Limits and quotas ("how many", "max"): out of scope when nothing asks whose, as trouble. */
        limits: z.array(alias).default([]),
        /** How-to requests ("how do I restore a snapshot"): out of scope unless they ask whose; about the
         * bot itself ("how do I use you") they ask for help. */
        howTo: z.array(alias).default([]),
        action: z.array(alias).min(1),
        followUp: z.array(alias).min(1),
        /** Asking what something is ("what is", "explain"): a bare control name ("Patch management",
         * exam wording) asks its owner; with one of these it asks what the control is. */
        explain: z.array(alias).min(1),
      })
      .strict(),
    /** Words of a question about who does what ("who", "we", "ours", "secure"): "what is <service>"
     * without any of them asks nothing about responsibility. Read as words, never as phrases that
     * cover words. */
    asksWho: z.array(alias).min(1),
    /** Words that join services listed together ("ec2 and rds", "ec2 or rds"): two services with only
     * these between them are both asked about; with other words between, one may say where the other's
     * task is. Read as words. */
    listWords: z.array(alias).default([]),
    /** Words that may stand between "who" and the verb of the question ("who has to actually stop",
     * "who is supposed to rotate"): that verb is the question's main action. Read as words. */
    whoFillers: z.array(alias).default([]),
    /** The grammar of questions, read as words: `asking` opens the question of an exam's stem ("A company
     * uses RDS. Which task is AWS's?"); `yesNo` opens a yes/no question ("is compliance shared?");
     * `asksOwner` asks whose something is beside troubleshooting ("the app is down, who is responsible?");
     * `modelNouns` are the model's nouns after which an action word is an adjective ("a shared
     * responsibility"). */
    questionWords: z
      .object({
        asking: z.array(alias).default([]),
        yesNo: z.array(alias).default([]),
        asksOwner: z.array(alias).default([]),
        modelNouns: z.array(alias).default([]),
        /** Phrases that name no side though a side's word is in them ("which AWS service is used"). */
        notSides: z.array(alias).default([]),
        /** Words that turn an exam question around ("which is NOT AWS's job", "all of these EXCEPT"). */
        negations: z.array(alias).default([]),
        /** Words that name the bot itself ("you", "bot"): "how do I use you" asks for help. */
        bot: z.array(alias).default([]),
        /** Asking the last question again of something new ("would that change if we moved to Fargate?"). */
        asksAgain: z.array(alias).default([]),
      })
      .strict()
      .default({
        asking: [],
        yesNo: [],
        asksOwner: [],
        modelNouns: [],
        notSides: [],
        negations: [],
        bot: [],
        asksAgain: [],
      }),
    /** The words that name each side in an exam's "which of the following is <side>'s responsibility". */
    sides: z
      .object({ aws: z.array(alias).min(1), customer: z.array(alias).min(1), shared: z.array(alias).min(1) })
      .strict()
      .optional(),
    /** Words that turn what follows into a request to act: "can you", "please". */
    requestPrefixes: z.array(alias).min(1),
    /** Everyday words within an edit or two of a name, never typo-matched ("blue" is not Glue). */
    neverFuzzy: z.array(alias).default([]),
    /** Words that name something only as written, not by stem ("workspaces", not "workspace"). */
    surfaceOnly: z.array(alias).default([]),
    /** Products after which a surface-only word is theirs, not AWS's ("terraform workspaces"). */
    notAfter: z.array(alias).default([]),
    /** Three-letter words one swap from a service abbreviation that mean something else ("aim"). */
    notATransposition: z.array(alias).default([]),
    /** Services that stand for a topic next to another service ("iam for rds" asks about IAM). */
    serviceAsTopic: z.record(kebab, topicId),
    /** Things only one service has ("bucket" is S3's, "state machine" Step Functions'): a question that
     * names no service but one of these is about that service. */
    serviceNouns: z.record(kebab, z.array(alias).min(1)).default({}),
    /** The shared controls that are also topics ("patch management for rds"). */
    controlTopics: z.partialRecord(controlId, topicId),
    /** The area the other controls cover, for reporting an exam's chosen control ("physical and
     * environmental" → physical security); not read as topics in messages. */
    controlAreas: z.partialRecord(controlId, topicId).default({}),
    /** broad topics lose to specific ones; layers are what an activity is done to. */
    topicRoles: z
      .object({ broad: z.array(topicId), layer: z.array(topicId), activity: z.array(topicId) })
      .strict(),
    /** Verbs that make a question about an activity's topic whatever layer its duty sits in ("who
     * patches the hypervisor" is a patching question about an AWS duty; RESPONSIBILITY.md section 1). */
    activityVerbs: z.partialRecord(topicId, z.array(alias).min(1)).default({}),
    /** Words whose Porter stem names something else, with the stem to use ("engineers" is no "engine"). */
    stemAs: z.record(z.string().regex(/^[a-z0-9]+$/), z.string().regex(/^[a-z0-9]+$/)).default({}),
    /** Small-talk words by reply. */
    smalltalk: z
      .object({ thanks: z.array(alias).min(1), bye: z.array(alias).min(1), greeting: z.array(alias).min(1) })
      .strict(),
  })
  .strict();

export type Duty = z.infer<typeof dutySchema>;
export type DutyCondition = z.infer<typeof dutyConditionSchema>;
export type GeneralDuty = z.infer<typeof generalDutySchema>;
export type Vocabulary = z.infer<typeof vocabularyFileSchema>;
export type TopicEntry = z.infer<typeof topicEntrySchema>;
export type NotApplicable = z.infer<typeof notApplicableSchema>;
export type Service = z.infer<typeof serviceSchema>;
export type Topic = z.infer<typeof topicSchema>;
export type Control = z.infer<typeof controlSchema>;
export type ModelFile = z.infer<typeof modelFileSchema>;
export type ServiceModel = z.infer<typeof serviceModelSchema>;
export type ServiceModelsFile = z.infer<typeof serviceModelsFileSchema>;
export type Link = z.infer<typeof linkSchema>;
export type SecurityHubControl = z.infer<typeof securityHubControlSchema>;

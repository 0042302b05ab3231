import { z } from 'zod';

/**
 * The ownership file's format (`org.yaml`): the company's teams, the rules that give each customer or
 * shared duty a team, the services the company uses and a default team. Ids of duties, services and
 * topics are checked against the knowledge base after parsing (src/org/load.ts), so every problem is
 * reported as `file: field.path: problem`, like the knowledge base's.
 */

const kebab = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lowercase words joined by hyphens');
const https = z
  .string()
  .regex(/^https:\/\/[a-z0-9.-]+\.[a-z]{2,}(:\d+)?(\/[^\s]*)?$/i, 'must be an https URL (https://host/path)');

/** `#db-platform` (a channel name, lower case as Slack writes it) or a channel id (`C0123ABCD`). */
export const SLACK_CHANNEL = /^(#[a-z0-9][a-z0-9._-]{0,79}|[CG][A-Z0-9]{8,})$/;
/** A channel link copied from Teams ("Get link to channel"). */
export const TEAMS_CHANNEL_LINK = /^https:\/\/teams\.microsoft\.com\/l\/channel\/[^/\s]+\/[^\s]*$/;
/** A channel's conversation id. */
export const TEAMS_CHANNEL_ID = /^19:[A-Za-z0-9_-]+@thread\.(tacv2|skype)$/;

const oneOrMany = <T extends z.ZodType>(item: T) =>
  z.union([item, z.array(item).min(1)]).transform((v): z.infer<T>[] => (Array.isArray(v) ? v : [v]));

export const teamSchema = z
  .object({
    name: z.string().trim().min(2).max(80),
    slack: z
      .string()
      .regex(SLACK_CHANNEL, 'a Slack channel: #name in lower case, or a channel id such as C0123ABCD')
      .optional(),
    teams: z
      .string()
      .refine(
        (v) => TEAMS_CHANNEL_LINK.test(v) || TEAMS_CHANNEL_ID.test(v),
        'a Teams channel link (https://teams.microsoft.com/l/channel/…) or id (19:…@thread.tacv2)',
      )
      .optional(),
    contact: z.string().trim().min(2).max(200).optional(),
    runbook: https.optional(),
  })
  .strict();

export const ruleSchema = z
  .object({
    /** Duty keys: `rds.maintenance-window`, `model.guest-os-patching`. */
    duty: oneOrMany(z.string()).optional(),
    /** Service ids (`rds`, `aurora`). */
    service: oneOrMany(z.string()).optional(),
    /** Topic ids (`backup`, `encryption-at-rest`). */
    topic: oneOrMany(z.string()).optional(),
    team: kebab,
    /** Replaces the team's own runbook for the duties of this rule. */
    runbook: https.optional(),
  })
  .strict()
  .refine((r) => r.duty || r.service || r.topic, 'a rule needs a duty, a service or a topic')
  .refine((r) => !(r.duty && (r.service || r.topic)), {
    message: 'a duty rule names its duties only (a duty key already says its service and topic)',
    path: ['duty'],
  });

export const orgFileSchema = z
  .object({
    /** The company's name, shown in the gap report. */
    company: z.string().trim().min(1).max(120).optional(),
    teams: z.record(kebab, teamSchema).refine((t) => Object.keys(t).length > 0, 'name at least one team'),
    /** The team asked when no rule names one (usually security). */
    default: kebab.optional(),
    /** The AWS services the company uses (the gap report covers these). */
    services: z.array(z.string()).default([]),
    rules: z.array(ruleSchema).default([]),
  })
  .strict();

export type OrgFile = z.infer<typeof orgFileSchema>;
export type OrgRule = z.infer<typeof ruleSchema>;
export type OrgTeam = z.infer<typeof teamSchema>;

import type { ControlId, IntentId, Owner, TopicId } from '../kb/ids.js';

/**
 * What the core answers: a tagged union, so every renderer's `switch` is checked by the compiler and
 * "did not understand" is a normal result, not an exception. Nothing here knows Slack or Teams.
 */

export interface Link {
  title: string;
  url: string;
}

/** Labels that identify what was answered (used by `srm batch`, feedback records and tests). */
export interface ReplyMeta {
  intent: IntentId;
  service: string | null;
  topic: TopicId | null;
  owner: Owner | null;
  control: ControlId | null;
  /** The duty answered (`rds.maintenance-window`, `model.hypervisor-patching`), when one was. */
  duty?: string | null;
  /** 0..1: how sure the matcher is that it understood the question. */
  confidence: number;
}

export interface ControlRef {
  id: ControlId;
  name: string;
  kind: 'inherited' | 'shared' | 'customer-specific';
  summary: string;
}

export interface SecurityHubRef {
  id: string;
  title: string;
  url: string;
}

/** A follow-up or choice button: `label` is shown, `text` is asked when it is clicked. */
export interface Suggestion {
  label: string;
  text: string;
  /** For a "did you mean" choice: the service it stands for. */
  service?: string;
}

interface Base {
  meta: ReplyMeta;
  /** The user's text as it was understood (normalized), for logs and feedback records. */
  question: string;
}

/** The duty a question asked about: one action on one object, with its one owner. */
export interface DutyAnswer {
  id: string;
  label: string;
  owner: Owner;
  /** The condition the question stated that set this owner ("RDS Custom for Oracle"). */
  condition: { when: string; text: string } | null;
  /** Conditions the question did not state that would change the owner, named so none is hidden. */
  exceptions: { when: string; owner: Owner; text: string }[];
}

/** The area a duty belongs to (a service × topic entry, or a topic's general rule), for context. */
export interface AreaSplit {
  name: string;
  owner: Owner;
  aws: string;
  customer: string;
}

/**
 * Who owns a duty (or, when no duty fits, an area) for one service or in general. `owner` is the
 * headline; `aws` and `customer` are each side's part of the duty; `area` is the area's split.
 */
export interface AnswerReply extends Base {
  kind: 'answer';
  owner: Owner;
  duty: DutyAnswer | null;
  area: AreaSplit | null;
  title: string;
  headline: string;
  aws: string;
  customer: string;
  notes: string[];
  controls: ControlRef[];
  securityHub: SecurityHubRef[];
  docs: Link[];
  followUps: Suggestion[];
  /** The company's own team for this duty (from its ownership file), when the owner is the customer or
   * shared and the company has one; absent without an ownership file. */
  ours?: OurTeam;
}

/** One of the company's own teams, as an answer names it ("On our side: Database Platform"). */
export interface OurTeam {
  id: string;
  name: string;
  /** A Slack channel as written in the file: `#db-platform` or an id (`C0123ABCD`). */
  slackChannel: string | null;
  /** A Teams channel link (`https://teams.microsoft.com/l/channel/…`) or id (`19:…@thread.tacv2`). */
  teamsChannel: string | null;
  /** An on-call or contact, as written (an address, an alias, a pager link). */
  contact: string | null;
  runbook: Link | null;
  /** No rule names a team for this duty: this is the file's default team. */
  isDefault: boolean;
}

export interface OverviewRow {
  topic: TopicId;
  topicName: string;
  owner: Owner | null;
  /** The customer's part, or the reason the topic does not apply. */
  text: string;
}

/** A service's whole responsibility table. */
export interface OverviewReply extends Base {
  kind: 'overview';
  title: string;
  summary: string;
  rows: OverviewRow[];
  securityHub: SecurityHubRef[];
  docs: Link[];
  followUps: Suggestion[];
}

export interface CompareColumn {
  service: string;
  name: string;
  owner: Owner | null;
  aws: string;
  customer: string;
}

/** Two or more services side by side on one topic. */
export interface CompareReply extends Base {
  kind: 'compare';
  title: string;
  topicName: string;
  columns: CompareColumn[];
  docs: Link[];
  followUps: Suggestion[];
}

export interface Section {
  heading: string;
  text: string;
  owner?: Owner;
}

/** An explanation of the model, a control or a service model. */
export interface ExplainReply extends Base {
  kind: 'explain';
  title: string;
  summary: string;
  sections: Section[];
  docs: Link[];
  followUps: Suggestion[];
}

/** "Did you mean …?" when the match is weak. */
export interface ClarifyReply extends Base {
  kind: 'clarify';
  text: string;
  choices: Suggestion[];
}

/** An honest "I can't answer that", with what the bot can answer. */
export interface FallbackReply extends Base {
  kind: 'fallback';
  reason: 'out_of_scope' | 'unknown_service' | 'empty' | 'too_long' | 'not_applicable';
  text: string;
  examples: Suggestion[];
}

/** Help and small talk. */
export interface MessageReply extends Base {
  kind: 'message';
  text: string;
  followUps: Suggestion[];
}

/**
 * What the bot is and does, built from the knowledge base: renderers show it as Slack's App Home, a
 * Teams welcome card or the terminal's greeting, and never read the data files themselves.
 */
export interface WelcomeReply extends Base {
  kind: 'welcome';
  title: string;
  intro: string;
  /** The model at a glance: its summary and its two layers (of the cloud: AWS; in the cloud: you). */
  model: { name: string; summary: string; layers: Required<Section>[] };
  examples: Suggestion[];
  /** Onboarding: the tour and the quiz, as Start buttons. */
  start: Suggestion[];
  commands: { usage: string; what: string }[];
  /** "I know 40 AWS services: …" */
  services: string;
}

/** One step of the onboarding tour (src/core/onboarding/tour.ts): Next / Back are in `nav`. */
export interface TourReply extends Base {
  kind: 'tour';
  /** 1-based. */
  index: number;
  total: number;
  title: string;
  text: string;
  /** Short lines under the text, each optionally with the owner it is about. */
  points: { text: string; owner?: Owner }[];
  nav: Suggestion[];
}

/** Running score of a quiz player. */
export interface QuizScore {
  right: number;
  answered: number;
  streak: number;
}

/** A quiz question: a duty from the knowledge base, with AWS / You / Shared as `choices`. */
export interface QuizQuestionReply extends Base {
  kind: 'quiz_question';
  /** 1-based position in the round, and the round's size. */
  index: number;
  total: number;
  level: string;
  prompt: string;
  /** "Comes back from an earlier round" when it is a repeat of a missed one. */
  review: boolean;
  /** Said above the question: why it is shown again (a click from a round that has moved on). */
  notice?: string;
  choices: Suggestion[];
  score: QuizScore;
}

/** The verdict on one quiz answer, with the owner, the reason, the control and a source. */
export interface QuizResultReply extends Base {
  kind: 'quiz_result';
  correct: boolean;
  chosen: Owner;
  owner: Owner;
  headline: string;
  reason: string;
  control: ControlRef | null;
  source: Link;
  score: QuizScore;
  /** Set when this answer ended the round. */
  summary: string | null;
  next: Suggestion[];
}

/** A player's onboarding progress. */
export interface ProgressReply extends Base {
  kind: 'progress';
  title: string;
  lines: string[];
  followUps: Suggestion[];
}

export type Reply =
  | TourReply
  | QuizQuestionReply
  | QuizResultReply
  | ProgressReply
  | AnswerReply
  | OverviewReply
  | CompareReply
  | ExplainReply
  | ClarifyReply
  | FallbackReply
  | MessageReply
  | WelcomeReply;

/** Replies that answered something (and so get feedback buttons); clarify, fallback and message do not. */
export function isAnswered(reply: Reply): reply is AnswerReply | OverviewReply | CompareReply | ExplainReply {
  return (
    reply.kind === 'answer' ||
    reply.kind === 'overview' ||
    reply.kind === 'compare' ||
    reply.kind === 'explain'
  );
}

/** One inbound message, already stripped of platform details by its adapter. */
export interface Inbound {
  text: string;
  /** Identifies the conversation for follow-ups: platform + user + channel/thread. */
  conversationKey: string;
  /** Milliseconds since the epoch; defaults to Date.now(). */
  now?: number;
}

import type { Owner } from '../../kb/ids.js';
import type { Suggestion } from '../reply.js';

/** Every user-visible sentence of the core, in one place. */

/**
 * Emoji in the core's sentences are neutral tokens (`{thumbs_up}`), never a platform's codes: each
 * renderer maps every token to what its platform shows (`withEmoji`), and the compiler checks it maps
 * them all.
 */
export const EMOJI_TOKENS = ['thumbs_up'] as const;
export type EmojiToken = (typeof EMOJI_TOKENS)[number];
const emoji = (name: EmojiToken): string => `{${name}}`;

/** A core sentence with its emoji tokens replaced by the platform's emoji. */
export function withEmoji(text: string, shown: Readonly<Record<EmojiToken, string>>): string {
  return text.replace(/\{([a-z_]+)\}/g, (token, name: string) =>
    (EMOJI_TOKENS as readonly string[]).includes(name) ? shown[name as EmojiToken] : token,
  );
}

/** Labels and sentences every renderer shows the same way (Slack, Teams); platform words stay there. */
export const REPLY_LABELS = Object.freeze({
  notApplicable: 'Does not apply',
  awsSide: 'What AWS does',
  yourSide: 'What you do',
  /** Above the area's split, under a duty's answer: "The area: Patching on Amazon RDS · AWS". */
  area: (name: string, owner: Owner) => `The area: ${name} · ${OWNER_LABEL[owner]}`,
  control: 'Control',
  controlKind: (kind: string) => `${kind} control`,
  securityHub: 'Security Hub',
  apology: (id: string) =>
    `Sorry, something went wrong on my side while answering. Please try again in a moment. (Reference: ${id})`,
  title: 'srm-bot: who is responsible for what on AWS',
  examples: 'Try asking',
  commands: 'Commands',
});

export const OWNER_LABEL: Record<Owner, string> = {
  aws: 'AWS',
  customer: 'You (the customer)',
  shared: 'Shared',
};

export function headline(owner: Owner, topicName: string, serviceName: string | null): string {
  const where = serviceName ? ` on ${serviceName}` : '';
  const topic = topicName.charAt(0).toLowerCase() + topicName.slice(1);
  switch (owner) {
    case 'aws':
      return `AWS is responsible for ${topic}${where}.`;
    case 'customer':
      return `You (the customer) are responsible for ${topic}${where}.`;
    case 'shared':
      return `${topicName}${where} is shared between AWS and you.`;
  }
}

/** The headline of a duty answer: the task first, then whose job it is. */
export function dutyHeadline(owner: Owner, label: string, serviceName: string | null): string {
  const task = `${label}${serviceName ? ` on ${serviceName}` : ''}`;
  switch (owner) {
    case 'aws':
      return `${task} is AWS's job.`;
    case 'customer':
      return `${task} is your job (the customer's).`;
    case 'shared':
      return `${task} is shared: AWS and you each do part of it.`;
  }
}

export const DUTY_NOTES = {
  condition: (when: string, text: string) => `Because you said ${when}: ${text}`,
  exception: (when: string, owner: Owner, text: string) =>
    `Except with ${when} (${OWNER_LABEL[owner]}): ${text}`,
  /** An area answer where the duties inside it have different owners. */
  depends: (area: string, tasks: string[]) =>
    `Who does it depends on the task within ${area.toLowerCase()}: ${tasks.join('; ')}. Ask about one of them for its owner.`,
  area: 'The area as a whole',
  /** Which option of a multiple-choice question the answer is. */
  option: (letter: string, text: string) => `Option ${letter}: ${text}`,
};

export const GENERAL_NOTE =
  'No service was named, so this is the general rule of the model; ask about a specific service for its split.';
export const GENERAL_FOR_SERVICE = (serviceName: string) =>
  `Nothing here is specific to ${serviceName}: this is the general rule of the model, which holds for every service.`;
export const CONTEXT_NOTE = (what: string) => `Carried over from your previous question: ${what}.`;

export const EXAMPLES: Suggestion[] = [
  { label: 'Who patches RDS?', text: 'who patches RDS?' },
  { label: 'Do I patch my EC2 instances?', text: 'do I have to patch my ec2 instances' },
  { label: 'What am I responsible for with S3?', text: 'what am I responsible for with S3' },
  { label: 'What are inherited controls?', text: 'what are inherited controls' },
  { label: 'EC2 vs RDS patching', text: 'ec2 vs rds patching' },
];

/** What the bot does: the first thing help, the Slack App Home and the Teams welcome say. */
export const INTRO =
  'I answer questions about the AWS Shared Responsibility Model: for a service and a topic, who owns it ' +
  '(AWS, you, or both), what each side does, the IT control it falls under, and links to the AWS ' +
  'documentation and Security Hub controls.';

/**
 * The commands, written once: help, the Slack App Home and the Teams welcome list them, and the engine's
 * command parser is built from them (a command with `arg` takes the rest of the message). `/srm` in
 * Slack and the Teams command menu offer the same words.
 */
export const COMMANDS = [
  { name: 'help', usage: 'help', what: 'what I can do', arg: false },
  {
    name: 'service',
    usage: 'service <name>',
    what: 'the whole responsibility table of a service',
    arg: true,
  },
  { name: 'model', usage: 'model', what: 'the model and its layers', arg: false },
  { name: 'controls', usage: 'controls', what: 'the three kinds of IT control, with examples', arg: false },
  { name: 'tour', usage: 'tour', what: 'a seven-step tour of the model for newcomers', arg: true },
  { name: 'quiz', usage: 'quiz', what: 'a quiz on who owns what (`quiz 10` for a longer round)', arg: true },
  { name: 'progress', usage: 'progress', what: 'your quiz score, level and what comes back', arg: false },
] as const;

export const HELP_TEXT = [
  INTRO,
  'Ask in your own words, for example "who patches RDS?", "is S3 encryption on us?", "ec2 vs lambda patching". ' +
    'Follow-ups work too: after a question, "and lambda?" or "what about backups?".',
  `Commands: ${COMMANDS.map((c) => `\`${c.usage}\` (${c.what})`).join(', ')}.`,
].join('\n\n');

/** The welcome reply (Slack's App Home, Teams' welcome card, the terminal's greeting). */
export const WELCOME = {
  title: REPLY_LABELS.title,
  intro: INTRO,
  services: (names: string[]) => `I know ${names.length} AWS services: ${names.join(', ')}.`,
};

export const SMALLTALK = {
  thanks: "You're welcome! Ask me anything else about who owns what on AWS.",
  greeting: 'Hi! I answer "who is responsible for …?" questions about AWS services. Try one of these:',
  ack: `${emoji('thumbs_up')} Glad it helped. Ask me anything else about who owns what on AWS.`,
  bye: 'Bye! I\'m here whenever the question "is that on us?" comes up.',
  other: "I'm srm-bot: I answer questions about the AWS Shared Responsibility Model. Try one of these:",
};

export const FALLBACK = {
  out_of_scope:
    'I can only answer questions about the AWS Shared Responsibility Model: who is responsible for what on ' +
    'an AWS service. Here are questions I can answer:',
  unknown_service: (name?: string) =>
    `I don't know ${name ?? 'that service'} yet, so I won't guess who owns what on it. I can answer for these services: `,
  empty: "I didn't get a question there. Ask me who is responsible for something on AWS, for example:",
  too_long: (n: number, max: number) =>
    `That message is ${n.toLocaleString('en-US')} characters long; I read questions of up to ` +
    `${max.toLocaleString('en-US')} characters. Ask one question at a time, for example:`,
  not_applicable: (topicName: string, serviceName: string, reason: string | null) =>
    reason === null
      ? `I have no entry for ${topicName.toLowerCase()} on ${serviceName} yet, so I won't guess who owns it.`
      : `${topicName} is not a separate topic for ${serviceName}. ${reason}`,
};

export const CLARIFY = {
  whichDuty: (labels: string[]) =>
    `Which task do you mean: ${labels.join(', or ')}? They have different owners.`,
  didYouMean: (labels: string[]) => `I'm not sure I understood. Did you mean: ${labels.join(', or ')}?`,
  besideUnknown: (unknown: string, labels: string[]) =>
    `I don't know ${unknown} yet, so I won't answer for it. Did you mean: ${labels.join(', or ')}?`,
};

/** The duty search (a compose-box search in Teams): what it says when nothing matches. */
export const SEARCH = {
  none: (query: string) =>
    query
      ? `No duty matches "${query}". Search for a service and a task ("rds patch", "s3 encryption", "mfa"), or ask me a question such as:`
      : 'Search for a service and a task ("rds patch", "s3 encryption", "mfa"), or ask me a question such as:',
};

/** The canonical wording of a question, used for buttons: asking it again must give that answer. */
export const ASK = {
  /** A button that answers one duty: the engine reads it as a command. */
  duty: (key: string) => `duty ${key}`,
  whoOwns: (topicName: string, serviceAlias: string) =>
    `who is responsible for ${topicName.toLowerCase()} on ${serviceAlias}`,
  overview: (serviceAlias: string) => `what am I responsible for with ${serviceAlias}`,
  generalTopic: (topicName: string) => `who is responsible for ${topicName.toLowerCase()}`,
  control: (controlName: string) => `what is ${controlName.toLowerCase()}`,
  model: (serviceAlias: string) => `is ${serviceAlias} iaas or paas`,
};

/** Words of the onboarding tour and quiz (src/core/onboarding/); the facts come from data/. */
export const ONBOARDING = {
  tour: {
    next: 'Next',
    back: 'Back',
    startQuiz: 'Start the quiz',
    longQuiz: 'A round of 10',
    step: (i: number, n: number) => `Step ${i} of ${n}`,
    ofAndIn: {
      title: 'Security of the cloud, security in the cloud',
    },
    layers: {
      title: 'The layers, from the ground up',
      text: 'Each layer has an owner in general. Which layers are yours depends on the service.',
    },
    line: {
      title: 'How the line moves: IaaS, managed, abstracted',
      example: (service: string, model: string, owner: string, topic: string) =>
        `${service} (${model}): ${topic.toLowerCase()} is ${owner}.`,
    },
    controls: {
      title: 'The three kinds of IT control',
      text: 'Auditors sort controls three ways, by who operates them:',
    },
    yourWork: {
      title: 'Where your work is',
      text: 'Whatever the service, these stay with you:',
    },
    ask: {
      title: 'How to ask me',
      text:
        'Ask in your own words, in a channel (mention me), a direct message or with the command. ' +
        'Name the service and the task for the most precise answer. Follow-ups keep the topic.',
      command: (usage: string, what: string) => `${usage}: ${what}`,
    },
    end: {
      title: 'Ready for the quiz?',
      text:
        'The quiz asks who does a task, drawn from the same knowledge base, only where the owner is certain. ' +
        'Missed questions come back in later rounds until you get them right.',
    },
  },
  owner: { aws: 'AWS', customer: 'You', shared: 'Shared' } as Record<Owner, string>,
  levels: {
    model: 'The model in general',
    iaas: 'Infrastructure (IaaS)',
    managed: 'Managed services',
    abstracted: 'Abstracted and serverless services',
    mixed: 'Mixed',
  },
  prompt: (label: string, service: string | null) =>
    service ? `Who does this on ${service}: ${label}?` : `Who does this: ${label}?`,
  review: 'A question you missed earlier',
  right: 'Right!',
  wrong: (owner: string) => `Not quite: it is ${owner}.`,
  headline: (owner: Owner) =>
    owner === 'aws'
      ? "AWS's job."
      : owner === 'customer'
        ? "Your job (the customer's)."
        : 'Shared: AWS and you each do part.',
  score: (right: number, answered: number, streak: number) => `Score ${right}/${answered} · streak ${streak}`,
  roundDone: (right: number, total: number, level: string, next: string | null) =>
    `Round over: ${right} of ${total} right on "${level}".` +
    (next ? ` Next level unlocked: ${next}.` : ' Missed questions come back in your next round.'),
  nextQuestion: 'Next question',
  newRound: 'New round',
  progress: 'My progress',
  malformed:
    "I couldn't read that quiz answer, so nothing was scored. Use the AWS / You / Shared buttons, or type `quiz` to carry on.",
  stale:
    'That question was from an earlier round, which has moved on; nothing was scored. Here is where you are:',
  already: (said: string) => `You already answered that question (you said ${said}); it counts once.`,
  noRound: 'There is no quiz round going on. Type `quiz` to start one.',
  unavailable:
    'The quiz keeps a score per person, which this conversation cannot do. Try it in Slack, Teams or `srm chat`.',
  progressTitle: 'Your onboarding progress',
  progressLines: (p: {
    seen: number;
    right: number;
    missed: number;
    level: string;
    best: number;
    due: number;
    lastPlayed: string | null;
  }) => [
    `Questions answered: ${p.seen} (${p.right} right, ${p.missed} missed)`,
    `Level: ${p.level}`,
    `Best streak: ${p.best}`,
    `Missed questions waiting to come back: ${p.due}`,
    p.lastPlayed ? `Last played: ${p.lastPlayed}` : 'Not played yet: type `quiz` to start.',
  ],
  continueQuiz: 'Continue the quiz',
  /** The Start button of the Slack App Home and the Teams welcome card. */
  startTour: 'Start the tour',
  newHere: 'New here? A seven-step tour of the model, then a quiz on who owns what.',
  takeTour: 'Take the tour',
};

/** The company's own side, from its ownership file (src/org): answers, "Ask <team>" and `owners <service>`. */
export const ORG = {
  onOurSide: 'On our side',
  /** After the default team's name: no rule names a team for this duty. */
  defaultNote: 'no team named for this duty; the default contact',
  runbook: 'runbook',
  contact: 'contact',
  ask: (team: string) => `Ask ${team}`,
  /** The message posted in the team's channel (the asker's mention is added by each platform). */
  askedHeading: (team: string) => `A question for ${team}`,
  asked: 'asked',
  botAnswered: 'The bot answered',
  /** Told to the asker once the question is posted. */
  sent: (team: string, where: string) => `Sent to ${team} in ${where}. They will answer there.`,
  notSent: (team: string) =>
    `I could not post to ${team}'s channel. Ask them directly, or tell your administrator to check the ownership file.`,
  unknownTeam: 'That team is no longer in the ownership file; ask your question again.',
  ownersTitle: (service: string) => `Our owners for ${service}`,
  ownersNone: (service: string) => `No team of ours owns a duty of ${service} yet.`,
  unowned: (n: number) => `Owned by no team (${n})`,
  ownersUsage: 'Name a service, for example: owners rds',
} as const;

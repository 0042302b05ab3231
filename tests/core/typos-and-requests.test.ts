import { describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/reply.js';
import { engine, freshEngine } from '../helpers/engine.js';

let n = 0;
const ask = (text: string): Reply => engine().respond({ text, conversationKey: `tr${n++}` });

describe('a misspelt word inside a multi-word phrase', () => {
  it.each([
    ['whos responsible for securty groups on opensearch', 'opensearch', 'network-security'],
    ['do we need to encrpyt dynamodb tables ourselves?', 'dynamodb', 'encryption-at-rest'],
    ['who handles the secuirty groups on ec2', 'ec2', 'network-security'],
  ])('%s → %s / %s', (q, service, topic) => {
    const r = ask(q);
    expect(r.meta).toMatchObject({ service, topic });
  });

  it('ordinary words are not "corrected" into a topic', () => {
    // "inside" is one edit from nothing we know; "usage" must not become SageMaker's "sage".
    expect(ask('usage').meta.service).toBeNull();
    const r = ask('who protects the data inside our lambda functions');
    expect(r.meta.topic).toBe('data');
  });
});

describe('requests to do something are out of scope, questions are not', () => {
  it.each([
    'can you restart the staging rds instance for me',
    'please delete the old s3 bucket',
    'write a terraform snippet for an s3 bucket with versioning',
    'could you enable encryption on our ebs volumes',
  ])('%s → the honest fallback', (q) => {
    const r = ask(q);
    expect(r.kind).toBe('fallback');
    expect(r.meta.owner).toBeNull();
  });

  it.each([
    ['can you tell me who patches rds', 'rds'],
    ['please explain who encrypts s3', 's3'],
    ['do I need to enable encryption on ebs', 'ebs'],
  ])('%s → answered', (q, service) => {
    const r = ask(q);
    expect(r.kind).toBe('answer');
    expect(r.meta.service).toBe(service);
  });
});

describe('red-team traps', () => {
  it('"what traffic can reach" is network security, not encryption in transit', () => {
    expect(ask('who controls what traffic can reach our RDS instance?').meta).toMatchObject({
      service: 'rds',
      topic: 'network-security',
      owner: 'customer',
    });
  });
  it.each([
    'please turn on encryption for my bucket',
    "who's on call for the RDS outage tonight?",
    'who pays for our s3 storage',
  ])('%s → the honest fallback', (q) => {
    expect(ask(q).kind).toBe('fallback');
  });
  it('"version" is not "versioning" (backup)', () => {
    expect(ask('who picks the Redis version on ElastiCache?').meta.topic).not.toBe('backup');
    expect(ask('who turns on s3 versioning').meta.topic).toBe('backup');
  });
});

describe('another form of a known word is no typo', () => {
  it.each([
    ['picking the rds maintenance window — us or aws?', 'customer'],
    ['who is picking the maintenance window for rds', 'customer'],
  ])('%s → %s ("picking" is "pick", not "kicking")', (q, owner) => {
    const r = ask(q);
    expect(r.kind === 'answer' ? r.owner : r.kind).toBe(owner);
  });
});

describe('how-to and pricing asked about a service are outside the model', () => {
  it.each(['how do i enable PITR with the cli?', 'which region is cheapest for ec2 spot?'])('%s', (q) => {
    expect(ask(q).meta.intent).toBe('out_of_scope');
  });
  it('asking how to use the bot is still help', () => {
    expect(ask('how do I use this bot').meta.intent).toBe('help');
  });
});

describe('troubleshooting is outside the model unless it asks who is responsible', () => {
  it.each([
    'RDS says storage full and the app is down, help!!',
    'lambda keeps timing out when calling rds',
    'our ec2 is unreachable, pls help',
    'is rds faster than aurora?',
  ])('%s → out of scope', (q) => {
    expect(ask(q).meta.intent).toBe('out_of_scope');
  });
  it('"our app is down after an AZ outage, who is responsible for surviving that?" is a question of ownership', () => {
    const r = ask('our app is down after an AZ outage, who is responsible for surviving that?');
    expect(r.kind === 'answer' ? r.owner : r.kind).toBe('customer');
  });
});

describe('limits and quotas are outside the model unless a duty is asked whose', () => {
  it.each([
    'how many security groups can one ENI have?',
    "what's the max payload size for an sns message?",
    'getting throttled on kinesis since lunch, any idea why',
  ])('%s → out of scope', (text) => {
    expect(ask(text).meta.intent).toBe('out_of_scope');
  });
  it.each([
    ['who decides how many days of automated snapshots redshift keeps?', 'redshift'],
    ['who sets the maximum number of days point in time recovery goes back on dynamodb?', 'dynamodb'],
  ])('%s → a who-question about %s', (text, service) => {
    const r = ask(text);
    expect(r.meta.intent).toBe('who_owns');
    expect(r.meta.service).toBe(service);
  });
});

describe('thanks that asks nothing is small talk', () => {
  it.each(['thanks, exactly what I was after', 'cheers, super useful'])('%s → small talk', (text) => {
    expect(ask(text).meta.intent).toBe('smalltalk');
  });
  it('thanks followed by a question answers the question', () => {
    expect(ask('thanks! and who patches elasticache?').meta.intent).toBe('who_owns');
  });
});

describe('performance tuning is outside the model; "different" is not "difference"', () => {
  it.each(['our lambda cold starts are hurting p99 latency, how do we cut them?'])(
    '%s → out of scope',
    (text) => {
      expect(ask(text).meta.intent).toBe('out_of_scope');
    },
  );
  it('"different accounts" in a who-question asks no comparison or explanation', () => {
    const r = ask('who keeps lambda execution environments of different customers apart?');
    expect(r.meta.intent).toBe('who_owns');
    expect(r.kind === 'answer' ? r.owner : null).toBe('aws');
  });
  it('"how do our responsibilities differ between lambda and ecs?" still compares', () => {
    expect(ask('how do our security responsibilities differ between lambda and ecs?').meta.intent).toBe(
      'compare',
    );
  });
  it('"we don\'t pay for shield advanced" is no pricing question', () => {
    const r = ask(
      'who protects our cloudfront distribution from syn floods? we do not pay for shield advanced',
    );
    expect(r.kind === 'answer' ? r.owner : r.kind).toBe('aws');
  });
});

describe('how-to requests are outside the model; how to use the bot is help', () => {
  it.each([
    'how do I restore a dynamodb table from a backup',
    'how can we rotate an access key with the sdk',
  ])('%s → out of scope', (text) => expect(ask(text).meta.intent).toBe('out_of_scope'));
  it('"how do I use you" → help', () => expect(ask('how do i use you').meta.intent).toBe('help'));
  it('a how-to that asks whose is still answered', () =>
    expect(ask('how do I find out who patches elasticache?').meta.intent).toBe('who_owns'));
  it.each(['our glue job is stuck in STARTING for an hour, any idea?'])(
    '%s → out of scope (troubleshooting)',
    (text) => expect(ask(text).meta.intent).toBe('out_of_scope'),
  );
});

describe('greetings and a follow-up naming only another area of the model', () => {
  it.each(['good morning srm-bot', 'hello there'])('%s → small talk', (text) =>
    expect(ask(text).meta.intent).toBe('smalltalk'),
  );
  it('"what about training?" after a question about physical security → the training area', () => {
    const e = freshEngine();
    e.respond({ text: 'who handles physical security?', conversationKey: 'g' });
    const r = e.respond({ text: 'what about training?', conversationKey: 'g' });
    expect(r.meta.intent).toBe('who_owns');
    expect(r.meta.topic).toBe('training');
  });
});

describe('a misspelt long word of a task object is corrected', () => {
  it.each([
    ['who patchs the hypervisior under our ec2 instances', 'aws'],
    ['who desides if optional os updates get aplied on rds?', 'customer'],
  ])('%s → %s', (text, expected) => {
    const r = ask(text);
    expect(r.kind === 'answer' ? r.owner : r.kind).toBe(expected);
  });
  it('"supposed" is no misspelt "supported"', () => {
    const r = ask("eks control plane logs aren't in cloudwatch. who's supposed to turn them on?");
    expect(r.kind === 'answer' ? r.owner : r.kind).toBe('customer');
  });
});

describe('a service name right after a word that makes it something else is none', () => {
  it('"the firewall config on my servers" is a firewall\'s configuration, not AWS Config', () => {
    const r = ask('who is responsible for the firewall config on my servers in aws?');
    expect(r.meta.service).not.toBe('config');
    expect(r.kind === 'answer' ? r.owner : r.kind).toBe('customer');
  });
  it('"who picks the window?" after Aurora stays with Aurora', () => {
    const e = freshEngine();
    e.respond({ text: 'who patches aurora', conversationKey: 'w' });
    expect(e.respond({ text: 'who picks the window?', conversationKey: 'w' }).meta.service).toBe('aurora');
  });
});

describe('a follow-up naming only who, in an area of the model', () => {
  it('"and AWS employees?" after "who trains our staff?" → AWS', () => {
    const e = freshEngine();
    e.respond({ text: 'who trains our staff on cloud security?', conversationKey: 't' });
    const r = e.respond({ text: 'and AWS employees?', conversationKey: 't' });
    expect(r.meta.topic).toBe('training');
    expect(r.kind === 'answer' ? r.owner : r.kind).toBe('aws');
  });
});

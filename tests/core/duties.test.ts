import { describe, expect, it } from 'vitest';
import type { AnswerReply, Reply } from '../../src/core/reply.js';
import { engine, freshEngine } from '../helpers/engine.js';

/**
 * The classes of mistake issue 11 stands for (RESPONSIBILITY.md): the headline owner is the owner of
 * the task asked, not of the area it belongs to. Each class is checked on several services and
 * phrasings, so no single sentence carries a test.
 */
let n = 0;
const ask = (text: string, key = `d${n++}`): Reply => engine().respond({ text, conversationKey: key });
const owner = (r: Reply) => (r.kind === 'answer' ? r.owner : r.kind);
const answer = (r: Reply): AnswerReply => {
  expect(r.kind, `${r.question}: ${r.kind}`).toBe('answer');
  return r as AnswerReply;
};

describe('layer vs activity: patching a layer AWS runs is AWS, whatever service is named', () => {
  it.each([
    'who patches the hypervisor',
    'who patches the hypervisor under our EC2 instances',
    'who keeps the host operating system patched',
    'who updates the firmware on the physical servers',
  ])('%s → AWS', (q) => {
    const r = answer(ask(q));
    expect(r.owner).toBe('aws');
    expect(r.duty).not.toBeNull();
  });

  it.each([
    ['who patches the guest OS', 'customer'],
    ['who applies OS updates on our EC2 fleet', 'customer'],
    ['who patches the operating system under RDS', 'aws'],
  ])('%s → %s (the guest OS follows the service model)', (q, expected) => {
    expect(owner(ask(q))).toBe(expected);
  });
});

describe('choosing or enabling vs operating', () => {
  it.each([
    ['who patches RDS', 'aws'],
    ['who picks the RDS maintenance window', 'customer'],
    ['who schedules when RDS applies its patches', 'customer'],
    ['who turns on auto minor version upgrade for rds', 'customer'],
    ['who enables encryption on RDS', 'customer'],
    ['who turns on encryption for an EFS file system', 'customer'],
  ])('%s → %s', (q, expected) => {
    const r = answer(ask(q));
    expect(r.owner).toBe(expected);
    expect(r.meta.duty).toMatch(/^[a-z0-9-]+\.[a-z0-9-]+$/);
  });

  it('names the duty and its owner in the headline, and gives the area split for context', () => {
    const r = answer(ask('who chooses the maintenance window for rds'));
    expect(r.headline).toMatch(/maintenance window/i);
    expect(r.headline).toMatch(/your job/);
    expect(r.area?.name).toMatch(/Amazon RDS/);
    expect(r.area?.owner).toBe('aws');
  });
});

describe('always-on protection vs optional settings', () => {
  it.each([
    ['is DynamoDB data encrypted at rest', 'aws'],
    ['who rotates AWS managed KMS keys', 'aws'],
    ['who turns on rotation for our customer managed KMS keys', 'customer'],
    ['who turns on versioning for S3 buckets', 'customer'],
  ])('%s → %s', (q, expected) => {
    expect(owner(ask(q))).toBe(expected);
  });
});

describe('managed runtimes vs what you bundle', () => {
  it.each([
    ['who updates the Lambda runtime', 'aws'],
    ['who updates the packages bundled in my lambda function', 'customer'],
  ])('%s → %s', (q, expected) => {
    expect(owner(ask(q))).toBe(expected);
  });
});

describe('conditions change the owner and are named', () => {
  it('states the condition the question gave', () => {
    const r = answer(ask('on RDS Custom for Oracle, who patches the operating system?'));
    expect(r.owner).toBe('customer');
    expect(r.duty?.condition?.when).toMatch(/RDS Custom/);
  });
  it('gives the common case and names the exception when the question gives none', () => {
    const r = answer(ask('who patches rds'));
    expect(r.owner).toBe('aws');
    expect(r.duty?.exceptions.map((e) => e.when).join(' ')).toMatch(/RDS Custom/);
  });
});

describe('follow-ups do not steal the question', () => {
  it('a new question that names its own subject keeps it', () => {
    const e = freshEngine();
    e.respond({ text: 'who manages IAM users for RDS?', conversationKey: 'c1' });
    const r = e.respond({ text: 'who enables GuardDuty?', conversationKey: 'c1' });
    expect(r.meta.service).toBe('guardduty');
    expect(r.meta.topic).toBe('logging-monitoring');
    expect(owner(r)).toBe('customer');
    expect(answer(r).notes.join(' ')).not.toMatch(/Carried over/);
  });
  it('an out-of-scope turn ends the carried context', () => {
    const e = freshEngine();
    e.respond({ text: 'who enforces TLS for RDS connections', conversationKey: 'c2' });
    expect(e.respond({ text: 'how much does rds cost', conversationKey: 'c2' }).kind).toBe('fallback');
    const r = e.respond({ text: 'who rotates KMS keys?', conversationKey: 'c2' });
    expect(r.meta.service).toBe('kms');
    expect(r.meta.topic).not.toBe('encryption-in-transit');
  });
  it('carries the previous duty to another service when the new message has none', () => {
    const e = freshEngine();
    e.respond({ text: 'who picks the maintenance window for rds', conversationKey: 'c3' });
    const r = answer(e.respond({ text: 'and aurora?', conversationKey: 'c3' }));
    expect(r.meta.service).toBe('aurora');
    expect(r.owner).toBe('customer');
    expect(r.headline).toMatch(/maintenance window/i);
    expect(r.notes.join(' ')).toMatch(/Carried over/);
  });
  it('carries the service on a pronoun and answers the new task', () => {
    const e = freshEngine();
    e.respond({ text: 'who patches our ec2 instances', conversationKey: 'c4' });
    const r = answer(e.respond({ text: 'who backs it up?', conversationKey: 'c4' }));
    expect(r.meta).toMatchObject({ service: 'ec2', topic: 'backup', owner: 'customer' });
  });
});

describe('when two duties with different owners fit equally', () => {
  it('asks which one was meant, and each choice answers its duty', () => {
    // Found generally: any clarification between duties must offer choices that resolve.
    const qs = ['who handles rds patches and the window', 'rds updates and maintenance?'];
    for (const q of qs) {
      const r = ask(q);
      if (r.kind !== 'clarify') continue;
      expect(r.choices.length).toBe(2);
      const owners = r.choices.map((c) => owner(ask(c.text)));
      expect(new Set(owners).size).toBe(2);
    }
  });
  it('a duty button names the duty by its key', () => {
    const r = answer(ask('duty rds.maintenance-window'));
    expect(r.meta.duty).toBe('rds.maintenance-window');
    expect(r.owner).toBe('customer');
  });
});

describe('areas and shared control categories', () => {
  it.each(['who is responsible for patch management?', 'is configuration management shared?'])(
    '%s → shared (a whole category)',
    (q) => {
      expect(owner(ask(q))).toBe('shared');
    },
  );
});

describe('context as data (a shared store keeps it between replicas and restarts)', () => {
  it('carries the previous duty from one engine to another through the returned context', () => {
    const first = freshEngine();
    const one = first.respondWith(
      { text: 'who picks the maintenance window for rds', conversationKey: 'r' },
      null,
    );
    expect(one.context?.duty).toBe('rds.maintenance-window');
    // Another process (a second replica, or this one after a restart) with only the stored context.
    const second = freshEngine();
    const two = second.respondWith({ text: 'and aurora?', conversationKey: 'r' }, one.context);
    expect(two.reply.meta.service).toBe('aurora');
    expect(owner(two.reply)).toBe('customer');
  });
  it('returns null after an out-of-scope turn, so the store forgets the subject', () => {
    const e = freshEngine();
    const one = e.respondWith({ text: 'who patches rds', conversationKey: 'o' }, null);
    const two = e.respondWith({ text: 'how much does rds cost', conversationKey: 'o' }, one.context);
    expect(two.reply.kind).toBe('fallback');
    expect(two.context).toBeNull();
  });
});

describe('statements vs questions about a control or the model (exam wording)', () => {
  it.each([
    ['Patch management', 'shared'],
    ['Configuration management', 'shared'],
    ['Awareness and training', 'shared'],
    ['Physical and environmental controls', 'aws'],
    ['Security of the cloud', 'aws'],
    ['who is responsible for security in the cloud?', 'customer'],
  ])('the bare statement "%s" asks its owner: %s', (q, expected) => {
    const r = answer(ask(q));
    expect(r.owner).toBe(expected);
  });

  it.each([
    'what is patch management',
    'why is configuration management a shared control?',
    'is patch management a shared control or a customer one?',
  ])('"%s" asks what the control is', (q) => {
    const r = ask(q);
    expect(r.kind).toBe('explain');
    expect(r.meta.intent).toBe('explain_control');
  });

  it('the model explained on request is shared as a whole; given for want of an anchor it names no owner', () => {
    expect(ask('explain the shared responsibility model').meta.owner).toBe('shared');
    const vague = ask('who is responsible for it all');
    expect(vague.meta.intent).toBe('explain_model');
    expect(vague.meta.owner).toBeNull();
  });
});

describe('a follow-up that names no service asks about the previous one', () => {
  const talk = (...texts: string[]) => {
    const e = freshEngine();
    return texts.map((text) => e.respond({ text, conversationKey: 'f' }));
  };

  it.each([
    ['who patches EKS self-managed nodes?', 'and in auto mode?', 'eks', 'aws'],
    ['who patches the OS under lambda', 'and with a custom runtime?', 'lambda', 'customer'],
  ])('only a condition: %s → %s moves the owner', (first, next, service, expected) => {
    const [, r] = talk(first, next);
    const a = answer(r as Reply);
    expect(a.meta.service).toBe(service);
    expect(a.owner).toBe(expected);
  });

  it.each([
    ['who runs the automated backups on rds?', 'and who chooses the backup retention period?', 'rds'],
    ['who patches Redshift?', 'and who picks the maintenance window?', 'redshift'],
  ])('its own task: %s → %s', (first, next, service) => {
    const [, r] = talk(first, next);
    const a = answer(r as Reply);
    expect(a.meta.service).toBe(service);
    expect(a.owner).toBe('customer');
  });

  it('a request, a cost or another cloud is still out of scope, and ends the subject', () => {
    const [, cost, next] = talk('who patches RDS?', 'how much does it cost?', 'who rotates KMS keys');
    expect(cost?.kind).toBe('fallback');
    expect(next?.meta.service).toBe('kms');
  });
});

describe('the activity asked names the topic, the duty names the owner', () => {
  it.each([
    ['who patches the hypervisor', 'patching', 'aws'],
    ['who updates the firmware on the physical servers', 'patching', 'aws'],
    ['who maintains the hypervisor', 'virtualization', 'aws'],
  ])('%s → topic %s, owner %s', (q, topic, owner) => {
    const r = answer(ask(q));
    expect(r.meta.topic).toBe(topic);
    expect(r.owner).toBe(owner);
  });
});

describe('a service that stands for a topic qualifies the service whose thing is named', () => {
  it.each([
    ['we want SSE-KMS with our own key on our buckets, who sets it up?', 's3'],
    ['who turns on SSE-KMS for the cloudtrail logs', 'cloudtrail'],
    ['who writes the queue policies that only allow our VPC endpoint', 'sqs'],
  ])('%s → %s', (q, service) => {
    const r = answer(ask(q));
    expect(r.meta.service).toBe(service);
    expect(r.owner).toBe('customer');
  });
});

describe('a service named in a question about something else than responsibility', () => {
  it.each([
    'what is Amazon Kinesis used for?',
    "what's the difference between SQS standard and FIFO queues?",
  ])('"%s" is out of scope (RESPONSIBILITY.md section 5)', (q) => {
    expect(ask(q).meta.intent).toBe('out_of_scope');
  });
  it.each(['what do we have to manage ourselves with kinesis?', 'what does AWS cover for S3?'])(
    '"%s" asks for the service\'s split',
    (q) => {
      expect(ask(q).meta.intent).toBe('service_overview');
    },
  );
});

describe('a service model named instead of a service', () => {
  it.each([
    ['who patches the guest OS on IaaS?', 'customer'],
    ['with a PaaS-style managed service, who patches the OS underneath?', 'aws'],
  ])("%s → %s (the model's duty)", (q, owner) => {
    expect(answer(ask(q)).owner).toBe(owner);
  });
  it('"what is IaaS" still explains the model', () => {
    expect(ask('what is IaaS').meta.intent).toBe('service_model');
  });
});

describe('two services, no "vs": the thing only one of them has names the subject', () => {
  it.each([
    'on ECS with the EC2 launch type, who patches the OS of the container instances?',
    'who updates the os on ec2 container instances for ecs',
  ])('%s → ECS, yours', (q) => {
    const r = answer(ask(q));
    expect(r.meta.service).toBe('ecs');
    expect(r.owner).toBe('customer');
  });
});

describe('what a follow-up carries', () => {
  const talk = (...texts: string[]) => {
    const e = freshEngine();
    return texts.map((text) => e.respond({ text, conversationKey: 'k' }));
  };
  it('a "which task?" question keeps the service for the next message', () => {
    const [first, next] = talk('who patches eks managed node groups?', 'and who encrypts the node volumes?');
    expect(first?.kind).toBe('clarify');
    expect(next?.meta.service).toBe('eks');
    // Without it, the same follow-up has no service to carry.
    expect(talk('and who encrypts the node volumes?')[0]?.meta.service).not.toBe('eks');
  });
  it('a thing only another service has moves the subject there, unless the carried service has it too', () => {
    const [, nacl] = talk('who configures security groups on ec2?', 'and NACLs?');
    expect(nacl?.meta.service).toBe('vpc');
    const [, volumes] = talk('who patches workspaces?', 'and encrypting the user volumes?');
    expect(volumes?.meta.service).toBe('workspaces');
  });
});

describe('a follow-up naming only a service that stands for a topic', () => {
  it('"and who picks which KMS key it uses?" after an FSx question stays on FSx', () => {
    const e = freshEngine();
    e.respond({ text: 'who backs up our fsx file systems?', conversationKey: 'kms' });
    const r = e.respond({ text: 'and who picks which KMS key it uses?', conversationKey: 'kms' });
    expect(r.meta.service).toBe('fsx');
    expect(r.kind === 'answer' ? r.owner : r.kind).toBe('customer');
  });
});

describe('an exam multiple-choice question', () => {
  it.each([
    [
      "Which of the following is AWS's responsibility? A) customer data B) IAM policies C) the hypervisor D) security group rules",
      'aws',
      'C',
    ],
    [
      'Which of these is the customer’s job? A) replacing failed disks B) patching the guest OS on EC2 C) securing data centers',
      'customer',
      'B',
    ],
  ])('%s → the one option the asked side owns', (q, owner, letter) => {
    const r = answer(ask(q));
    expect(r.owner).toBe(owner);
    expect(r.notes[0]).toMatch(new RegExp(`^Option ${letter}:`));
  });

  it('options with more than one right answer, or none, are read as any message', () => {
    const r = ask(
      'Which of the following is AWS responsibility? A) the hypervisor B) host hardware C) data centers',
    );
    expect(r.kind === 'answer' && r.notes[0]?.startsWith('Option')).toBe(false);
  });
});

describe('more things only one service has, and product comparisons', () => {
  it.each([
    ['scps for our org - who writes them', 'organizations'],
    ['who turns on multi-az w/ automatic failover for our redis replication group', 'elasticache'],
  ])('%s → %s', (q, service) => {
    expect(ask(q).meta.service).toBe(service);
  });
  it.each(["what's the difference between SNS and SQS?", 'should we use ECS or EKS for the new service?'])(
    '"%s" compares products, not responsibilities: out of scope',
    (q) => {
      expect(ask(q).meta.intent).toBe('out_of_scope');
    },
  );
  it('a comparison of responsibilities is still a comparison', () => {
    expect(ask('ec2 vs lambda patching').meta.intent).toBe('compare');
  });
});

describe('two services named, one read as the topic, a thing of that one named', () => {
  it('the rotation Lambda of a custom secret is a Secrets Manager task, yours', () => {
    const r = answer(
      ask('who writes and maintains the Lambda rotation function for a custom secret in Secrets Manager?'),
    );
    expect(r.meta.service).toBe('secrets-manager');
    expect(r.owner).toBe('customer');
  });
  it('client-side encryption before an S3 upload is yours, not the bucket default', () => {
    expect(
      answer(ask('whose job is it to encrypt data before we upload it to s3 (client-side)?')).owner,
    ).toBe('customer');
  });
});

describe('words a model-level duty has too infer no service', () => {
  it('"who owns the data we put into AWS?" is the model\'s data ownership, not an S3 duty', () => {
    const r = answer(ask('who owns the data we put into AWS?'));
    expect(r.meta.service).toBeNull();
    expect(r.owner).toBe('customer');
  });
});

describe('a follow-up that names only a new service asks the same task there, within the same area', () => {
  it.each([
    ['who enables encryption at rest on EFS?', 'same question for dynamodb', 'dynamodb', 'aws'],
    ['who enables encryption at rest for SQS?', 'and for step functions?', 'step-functions', 'aws'],
  ])('%s → %s', (first, next, service, owner) => {
    const e = freshEngine();
    e.respond({ text: first, conversationKey: 's' });
    const r = answer(e.respond({ text: next, conversationKey: 's' }));
    expect(r.meta.service).toBe(service);
    expect(r.owner).toBe(owner);
  });
});

describe('what you bundle, asked in longer words', () => {
  it.each([
    'who updates the bundled packages in our lambda deployment zip?',
    'a vulnerable library in our lambda function: who updates bundled dependencies like that, AWS or us?',
  ])('%s → yours', (q) => {
    expect(answer(ask(q)).owner).toBe('customer');
  });
});

describe('a deprecated runtime', () => {
  it.each([
    'a runtime is deprecated, who moves the functions',
    'our lambda runtime is deprecated: who migrates the functions?',
  ])('%s → yours (RESPONSIBILITY.md section 1)', (q) => {
    expect(answer(ask(q)).owner).toBe('customer');
  });
});

describe('option letters that repeat', () => {
  it('a message of many "A) B)" is no multiple choice and still gets a reply', () => {
    const r = ask(' A) B) '.repeat(250));
    expect(r.kind === 'answer' && r.notes[0]?.startsWith('Option')).toBe(false);
    expect(['fallback', 'explain', 'answer', 'clarify', 'message']).toContain(r.kind);
  });
});

describe("two services named apart: one says where the other one's task is", () => {
  it.each([
    ['who patches the jump box we run in our vpc? it is an ec2 instance', 'ec2', 'customer'],
    ['who applies os updates to the nat instance in our vpc, an ec2 box', 'ec2', 'customer'],
  ])('%s → %s, %s (only that service has the task)', (q, service, expected) => {
    const r = answer(ask(q));
    expect(r.meta.service).toBe(service);
    expect(r.owner).toBe(expected);
  });

  it.each([
    'who patches ec2 and rds',
    'who encrypts s3 and ebs',
    'contrast efs with fsx when it comes to backups',
  ])('%s → a comparison (listed together, or compared)', (q) => {
    expect(ask(q).kind).toBe('compare');
  });
});

describe('the verb of the who-question is the task asked, not a setting the message describes', () => {
  it.each([
    ['our athena workgroup uses automatic engine upgrades; who upgrades the engine version then?', 'aws'],
    ['who builds the ecs optimized ami with the latest patches?', 'aws'],
    [
      'a company runs postgres on rds. who picks the weekly window in which the engine patches get applied?',
      'customer',
    ],
  ])('%s → %s', (q, expected) => {
    expect(answer(ask(q)).owner).toBe(expected);
  });
});

describe('an exam multiple-choice question: the stem as exam writers word it', () => {
  it.each([
    [
      'Under the AWS shared responsibility model, which of the following is the customer responsibility? A) Physical security of data centers B) Patching the hypervisor C) Managing IAM user permissions D) Replacing failed disks',
      'customer',
      'C',
    ],
    [
      'A company uses Amazon RDS. Which task is performed by AWS? A) Creating database accounts B) Patching the database engine C) Configuring security groups D) Classifying the data',
      'aws',
      'B',
    ],
    [
      "For Amazon S3, which of these is the company's responsibility? A) Durability of stored objects B) Patching the storage fleet C) Writing bucket policies D) Securing the facilities",
      'customer',
      'C',
    ],
    [
      'Which of the following is a customer responsibility? (A) Patching the hypervisor (B) Rotating IAM access keys (C) Replacing failed disks (D) Physical security',
      'customer',
      'B',
    ],
    [
      "which one is AWS's job: a) writing security group rules b) maintaining the host hardware c) encrypting our data on the client",
      'aws',
      'B',
    ],
  ])(
    '%s → %s, option %s (model and service names name no side; the stem names the service)',
    (q, owner, letter) => {
      const r = answer(ask(q));
      expect(r.owner).toBe(owner);
      expect(r.notes[0]).toMatch(new RegExp(`^Option ${letter}:`));
    },
  );

  it.each([
    [
      'Which of these is a customer-specific control? A) Patch management B) Zone security C) Physical and environmental D) Awareness and training',
      'zone-security',
    ],
    [
      'Which one is an inherited control? A) Configuration management B) Physical and environmental controls C) Service and communications protection',
      'inherited',
    ],
  ])('%s → explains %s (a control of the kind asked)', (q, control) => {
    const r = ask(q);
    expect(r.kind).toBe('explain');
    expect(r.meta.control).toBe(control);
  });
});

describe('a follow-up naming only a thing asks who owns it; naming only a variant asks the same task', () => {
  const talk = (...texts: string[]) => {
    const e = freshEngine();
    return texts.map((text) => e.respond({ text, conversationKey: 'k' })).at(-1) as Reply;
  };
  it.each([
    [['does aws keep s3 objects durable across AZs?', 'and versioning?'], 's3', 'customer'],
    [['who backs up dynamodb tables', 'and point in time recovery?'], 'dynamodb', 'customer'],
  ])('%j → a task of %s, %s', (texts, service, expected) => {
    const r = answer(talk(...texts));
    expect(r.meta.service).toBe(service);
    expect(r.duty).not.toBeNull();
    expect(r.owner).toBe(expected);
  });

  it('"and auto mode?" after self-managed EKS nodes keeps the patching task, under its condition', () => {
    const r = answer(talk('who patches the nodes of our self-managed eks node groups?', 'and auto mode?'));
    expect(r.meta.topic).toBe('patching');
    expect(r.owner).toBe('aws');
  });
});

describe('"keep" is keeping for a time (retention), not classifying; "across 3 AZs" is replication', () => {
  it.each([
    ['does aws keep 6 copies of our aurora data across 3 azs, or do we set that up?', 'aws'],
    ['is keeping rds backups for 35 days on us?', 'customer'],
  ])('%s → %s', (q, expected) => {
    const r = answer(ask(q));
    expect(r.duty).not.toBeNull();
    expect(r.owner).toBe(expected);
  });
});

describe('an object named with words of ownership asks whose it is', () => {
  it.each([
    ['who is responsible for the files we keep on EFS?', 'efs', 'customer'],
    ['whose responsibility is the firmware on cloudhsm', 'cloudhsm', 'aws'],
  ])('%s → a task of %s, %s', (q, service, expected) => {
    const r = answer(ask(q));
    expect(r.meta.service).toBe(service);
    expect(r.duty).not.toBeNull();
    expect(r.owner).toBe(expected);
  });
});

describe('incidents: in AWS infrastructure AWS, in your account you (RESPONSIBILITY.md section 4)', () => {
  it.each([
    ['if there is a breach in an aws data center, who handles the incident response?', 'aws'],
    ['who handles security incidents in our aws account?', 'customer'],
  ])("%s → %s, no service inferred from the area's name", (q, expected) => {
    const r = answer(ask(q));
    expect(r.meta.service).toBeNull();
    expect(r.meta.topic).toBe('incident-response');
    expect(r.owner).toBe(expected);
  });
});

describe('a follow-up naming only a thing of another service moves there, the longest thing deciding', () => {
  const talk = (...texts: string[]) => {
    const e = freshEngine();
    return texts.map((text) => e.respond({ text, conversationKey: 'k' })).at(-1) as Reply;
  };
  it.each([
    [['who turns on encryption for our ebs volumes?', 'and the instance store volumes?'], 'ec2', 'aws'],
    [['who encrypts ebs snapshots?', 'and instance store?'], 'ec2', 'aws'],
  ])('%j → %s, %s', (texts, service, expected) => {
    const r = answer(talk(...texts));
    expect(r.meta.service).toBe(service);
    expect(r.owner).toBe(expected);
  });
});

describe('words that stem alike are not the same thing ("general" is not "generators")', () => {
  it.each([
    ["who's responsible for patching in aws generally?", 'patching'],
    ['compliance in general, whose responsibility is it?', 'compliance'],
  ])('%s → %s, not physical security', (q, topic) => {
    const r = ask(q);
    expect(r.meta.topic).toBe(topic);
  });
});

describe('no service named, a thing only one service has names the task there', () => {
  it.each([
    ['do we need to turn on imdsv2 ourselves or is that aws?', 'ec2', 'customer'],
    ['our kcl consumer app keeps failing, who has to make the workers recover?', 'kinesis', 'customer'],
  ])('%s → %s, %s', (q, service, expected) => {
    const r = answer(ask(q));
    expect(r.meta.service).toBe(service);
    expect(r.owner).toBe(expected);
  });
});

describe('one service named beside a thing only another service has', () => {
  it.each([
    ['who configures origin access control so our s3 origin stays private?', 'cloudfront', 'customer'],
    ['is step functions execution data encrypted at rest by aws?', 'step-functions', 'aws'],
  ])('%s → %s, %s (things inside a service name are not things)', (q, service, expected) => {
    const r = answer(ask(q));
    expect(r.meta.service).toBe(service);
    expect(r.owner).toBe(expected);
  });
});

describe('"is <area> a shared responsibility?" asks the area\'s owner, yes or no', () => {
  it.each([
    ['is patching a shared responsibility?', 'patching', 'shared'],
    ['is compliance a shared responsibility overall?', 'compliance', 'shared'],
    ['is physical security a shared responsibility?', 'physical-security', 'aws'],
  ])('%s → %s, %s (no "file shares" read into "shared")', (q, topic, expected) => {
    const r = answer(ask(q));
    expect(r.meta.service).toBeNull();
    expect(r.meta.topic).toBe(topic);
    expect(r.owner).toBe(expected);
  });
});

describe('a long message: the sentence that asks decides between the tasks its context names', () => {
  it.each([
    [
      'We run ECS with the EC2 launch type on 30 container instances built from the ECS-optimized AMI. The AMI is half a year old. Who patches the OS on those container instances?',
      'customer',
    ],
    [
      'Our Postgres runs on Amazon RDS and the security team wants engine patches applied quickly. Legal asked about downtime. Who picks the weekly maintenance window?',
      'customer',
    ],
  ])('%s → %s', (q, expected) => {
    expect(answer(ask(q)).owner).toBe(expected);
  });
  it('a sentence that points back ("do we bump them?") is read with the rest', () => {
    const r = ask(
      'Our Lambda functions are Python. The requests library in our deployment packages has CVEs. Does AWS update those with the runtime, or do we bump them?',
    );
    expect(r.kind === 'answer' ? r.owner : r.kind).not.toBe('aws');
  });
});

describe('at equal scores, the duty the message asks with its own verb leads one it only names', () => {
  it('who backs up our cloudhsm cluster, keys and users included? → the automatic backups (AWS)', () => {
    const r = answer(ask('who backs up our cloudhsm cluster, keys and users included?'));
    expect(r.meta.topic).toBe('backup');
    expect(r.owner).toBe('aws');
  });
});

describe("a follow-up with only a verb does it to the previous task's object", () => {
  const talk = (...texts: string[]) => {
    const e = freshEngine();
    return texts.map((text) => e.respond({ text, conversationKey: 'k' })).at(-1) as Reply;
  };
  it.each([
    [['who patches aurora?', 'who decides when?'], 'aurora'],
    [['who patches elasticache?', 'ok and who picks when that happens'], 'elasticache'],
    [['who patches opensearch domains?', 'who chooses when it happens?'], 'opensearch'],
  ])('%j → scheduling the patching on %s is yours', (texts, service) => {
    const r = answer(talk(...texts));
    expect(r.meta.service).toBe(service);
    expect(r.meta.topic).toBe('patching');
    expect(r.owner).toBe('customer');
  });

  it('a follow-up asking no owner carries no task ("how do I write that in terraform?")', () => {
    const r = talk('who patches aurora?', 'cool, how do i write that in terraform?');
    expect(r.kind).not.toBe('answer');
  });
});

describe('a follow-up asking for the whole breakdown of "it" gives the previous service\'s table', () => {
  const talk = (...texts: string[]) => {
    const e = freshEngine();
    return texts.map((text) => e.respond({ text, conversationKey: 'k' })).at(-1) as Reply;
  };
  it.each([
    [['who patches dynamodb?', 'can you give me the whole breakdown for it?'], 'dynamodb'],
    [['who encrypts sqs queues?', "what's the big picture for that one?"], 'sqs'],
  ])('%j → the overview of %s', (texts, service) => {
    const r = talk(...texts);
    expect(r.meta.intent).toBe('service_overview');
    expect(r.meta.service).toBe(service);
  });

  it('the big picture of the model itself is still the model', () => {
    const r = talk('who patches dynamodb?', "what's the big picture of the shared responsibility model?");
    expect(r.meta.intent).toBe('explain_model');
  });
});

describe('a service model named as background does not turn a who-question into one about the model', () => {
  it.each([
    [
      'Multi-tenant SaaS on DynamoDB: who writes the fine-grained IAM conditions for each tenant?',
      'dynamodb',
    ],
    ['we sell a SaaS product on RDS and IAM - who creates the database users?', 'rds'],
  ])('%s → a task of %s', (text, service) => {
    const r = answer(ask(text));
    expect(r.meta.intent).toBe('who_owns');
    expect(r.meta.service).toBe(service);
    expect(r.owner).toBe('customer');
  });
  it('"is lightsail iaas like ec2?" still asks about the model', () => {
    expect(ask('is lightsail iaas like ec2?').meta.intent).toBe('service_model');
  });
});

describe('no service named, a who-question about a thing only one service has, in words of another task', () => {
  it.each([
    ['who tests a managed rule group in count mode first?', 'waf'],
    ['who picks the authorizer (IAM, Cognito, Lambda) for each API Gateway route?', 'api-gateway'],
  ])('%s → %s, yours', (text, service) => {
    const r = answer(ask(text));
    expect(r.meta.service).toBe(service);
    expect(r.owner).toBe('customer');
  });
});

describe('an exam question with numbered or bulleted options', () => {
  it.each([
    [
      'Which task falls to AWS?\n1. Guest OS updates\n2. Host OS patching\n3. Classifying customer data\n4. Security group rules',
      'aws',
    ],
    [
      "Which is the customer's job?\n- Replacing failed disks\n- Writing IAM policies\n- Patching the hypervisor",
      'customer',
    ],
    [
      'Which of these does AWS do?\n* Training our staff\n* Destroying old storage media\n* Rotating our access keys',
      'aws',
    ],
    [
      'Pick the duty that stays with the customer whichever AWS service is used: 1) Hypervisor patching 2) Customer data 3) Physical security',
      'customer',
    ],
  ])('%s → %s', (text, expected) => {
    const r = answer(ask(text));
    expect(r.owner).toBe(expected);
    expect(r.notes.join(' ')).toMatch(/^Option /);
  });
});

describe('a control named with words that ask whose it is gets its owner; asked what it is, an explanation', () => {
  it.each([
    ['physical and environmental controls are inherited from whom?', 'physical-security', 'aws'],
    ['zone security: inherited, shared or customer-specific? who owns it?', 'network-security', 'customer'],
    [
      'Which is an inherited control? A) Patch management B) Physical and environmental controls C) Zone security',
      'physical-security',
      'aws',
    ],
  ])('%s → %s, %s', (text, topic, expected) => {
    const r = ask(text);
    expect(r.meta.intent).toBe('who_owns');
    expect(r.meta.topic).toBe(topic);
    expect(r.kind === 'answer' ? r.owner : r.meta.owner).toBe(expected);
  });
  it.each([
    'what is an inherited control?',
    'explain the patching control in the shared responsibility model',
  ])('%s → explains the control', (text) => expect(ask(text).meta.intent).toBe('explain_control'));
});

describe('applying an update is its own verb: the side that applies, where AWS publishes and you apply', () => {
  it.each([
    ['EKS managed node groups: AWS ships the patched AMI; who rolls it out to our nodes?', 'customer'],
    ['who applies patches to our sagemaker notebook instances?', 'customer'],
    ['who applies patches to the hypervisor?', 'aws'],
    ['auto minor version upgrade is on for our rds instance. who applies the minor versions then?', 'aws'],
  ])('%s → %s', (text, expected) => {
    expect(owner(ask(text))).toBe(expected);
  });
});

describe('what AWS maintains inside a thing you choose, and durability against a failed disk', () => {
  it.each([
    ['who keeps the AWS managed rule groups up to date?', 'waf', 'aws'],
    ['who turns on the aws managed rules in waf?', 'waf', 'customer'],
    ['who replicates an ebs volume inside its az so one failed disk loses nothing?', 'ebs', 'aws'],
  ])('%s → %s, %s', (text, service, expected) => {
    const r = answer(ask(text));
    expect(r.meta.service).toBe(service);
    expect(r.owner).toBe(expected);
  });
});

describe('an explained control carries the area it covers; two kinds named get the kinds side by side', () => {
  it.each([
    ['what does zone security mean in the srm?', 'network-security'],
    ['why is patch management a shared control?', 'patching'],
    ['what are physical and environmental controls?', 'physical-security'],
  ])('%s → explains a control of %s', (text, topic) => {
    const r = ask(text);
    expect(r.meta.intent).toBe('explain_control');
    expect(r.meta.topic).toBe(topic);
  });
  it('inherited vs shared controls: the kinds, no one area', () => {
    const r = ask('inherited vs shared controls - what is the difference?');
    expect(r.meta.intent).toBe('explain_control');
    expect(r.meta.topic).toBeNull();
  });
});

describe('a who-question naming a task only one service has is answered there, not as the model in general', () => {
  it.each([
    ['who decides which accounts go in which OU?', 'organizations'],
    ['who chooses which OUs our accounts sit in?', 'organizations'],
  ])('%s → %s', (text, service) => {
    const r = answer(ask(text));
    expect(r.meta.service).toBe(service);
    expect(r.owner).toBe('customer');
  });
  it('a question about the model itself stays the model', () => {
    expect(
      ask('does the shared responsibility model change depending on which aws services we use?').meta.intent,
    ).toBe('explain_model');
  });
  it('TLS between our own services is ours', () => {
    expect(owner(ask('turning on TLS between our microservices'))).toBe('customer');
  });
});

describe('of two services named apart, the one named first heads the phrase when their tasks tie', () => {
  it.each([
    ['who turns on cloudtrail data events for our s3 objects?', 'cloudtrail'],
    [
      'cloudtrail log files delivered to s3 get encrypted by default, right? whose job is that?',
      'cloudtrail',
    ],
  ])('%s → %s', (text, service) => {
    expect(ask(text).meta.service).toBe(service);
  });
});

describe('words inside a stated condition are the condition, not an action', () => {
  const talk = (...texts: string[]) => {
    const e = freshEngine();
    return texts.map((text) => e.respond({ text, conversationKey: 'k' })).at(-1) as Reply;
  };
  it('"they\'re managed node groups" keeps the node patching task', () => {
    const r = answer(talk('who patches the OS on our EKS worker nodes?', "they're managed node groups"));
    expect(r.meta.topic).toBe('patching');
  });
  it('then "and if we turn on auto mode?" is AWS', () => {
    const r = answer(
      talk(
        'who patches the OS on our EKS worker nodes?',
        "they're managed node groups",
        'and if we turn on auto mode?',
      ),
    );
    expect(r.owner).toBe('aws');
  });
});

describe('exam questions turned around (NOT, EXCEPT) and options bulleted on one line', () => {
  it.each([
    [
      "Which of these is NOT the customer's job? A) Writing IAM policies B) Patching the hypervisor C) Classifying our data",
      'aws',
    ],
    [
      'AWS does all of the following EXCEPT: A. replacing failed disks B. destroying old storage media C. rotating our IAM access keys',
      'customer',
    ],
    [
      "Which of these is the customer's job? - Maintaining the hypervisor - Writing security group rules - Replacing failed disks",
      'customer',
    ],
  ])('%s → %s', (text, expected) => {
    const r = answer(ask(text));
    expect(r.owner).toBe(expected);
    expect(r.notes.join(' ')).toMatch(/^Option /);
  });
});

describe('a who-question naming a task object in any verb; a service name inside a phrase names no object', () => {
  it.each([
    ['who manages the firmware on cloudhsm', 'aws'],
    ['who ships new Elastic Beanstalk platform versions?', 'aws'],
    ['who patches Elastic Beanstalk platforms?', 'shared'],
    ['who picks the KMS key for an AWS Backup vault', 'customer'],
  ])('%s → %s', (text, expected) => {
    expect(owner(ask(text))).toBe(expected);
  });
});

describe('stems that name something else, and areas named as a task object', () => {
  it('"engineers" is no database "engine"', () => {
    const r = answer(ask('who decides which engineers can edit records in our route 53 hosted zones?'));
    expect(r.owner).toBe('customer');
    expect(r.meta.topic).not.toBe('patching');
  });
  it('"who restricts which accounts are allowed to publish to our SNS topic" is access, not TLS', () => {
    expect(
      answer(ask('who restricts which accounts are allowed to publish to our SNS topic')).meta.topic,
    ).toBe('iam');
  });
});

describe("who backs up a managed database: the automatic backups are AWS's, how long they are kept is yours", () => {
  it.each([
    ['who backs up RDS?', 'aws'],
    ['who backs up aurora clusters?', 'aws'],
    ['who sets the backup retention on rds?', 'customer'],
    ['is keeping rds backups for 35 days on us?', 'customer'],
  ])('%s → %s', (text, expected) => expect(owner(ask(text))).toBe(expected));
});

describe('what a message says AWS does is context; the who-question asks the other part', () => {
  it.each([
    [
      'Our functions run from container images on the AWS base image. When AWS publishes a patched base image, who gets it into our functions?',
      'customer',
    ],
    ['our sagemaker notebook instance has pending OS patches. who gets them applied?', 'customer'],
  ])('%s → %s', (text, expected) => expect(owner(ask(text))).toBe(expected));
});

describe('asking the last question again of something new', () => {
  const talk = (...texts: string[]) => {
    const e = freshEngine();
    return texts.map((text) => e.respond({ text, conversationKey: 'k' })).at(-1) as Reply;
  };
  it.each([
    [
      ['who patches the os on our ecs container instances?', 'would that change if we moved to fargate?'],
      'fargate',
      'aws',
    ],
    [['who configures security groups for ecs tasks?', 'is it the same on fargate?'], 'fargate', 'customer'],
  ])('%j → %s, %s', (texts, service, expected) => {
    const r = answer(talk(...texts));
    expect(r.meta.service).toBe(service);
    expect(r.owner).toBe(expected);
  });
});

describe('exam options marked in roman numerals, with letter-dashes or as checkboxes', () => {
  it.each([
    [
      'Which control does a customer fully inherit from AWS?\ni) Configuration management\nii) Physical and environmental\niii) Awareness & training',
      'aws',
    ],
    [
      "Which is the customer's job on DynamoDB?\nA- Encrypting data at rest\nB- Managing IAM access to tables\nC- Patching the servers",
      'customer',
    ],
    [
      'On EC2, which is AWS responsible for?\n[ ] guest OS updates\n[ ] the virtualization layer\n[ ] encrypting our data',
      'aws',
    ],
  ])('%s → %s', (text, expected) => {
    const r = ask(text);
    expect(r.kind === 'answer' ? r.owner : r.meta.owner).toBe(expected);
  });
});

describe('an exam statement after a service question keeps its own task', () => {
  const talk = (...texts: string[]) => {
    const e = freshEngine();
    return texts.map((text) => e.respond({ text, conversationKey: 'k' })).at(-1) as Reply;
  };
  it('"Encrypting data on the client-side" after a Lambda question → the customer, not Lambda\'s encryption', () => {
    const r = answer(talk('who patches lambda runtimes', 'Encrypting data on the client-side'));
    expect(r.owner).toBe('customer');
    expect(r.meta.service).toBeNull();
  });
  it('"Patching guest OS and applications" after a Lambda question → the customer', () => {
    expect(answer(talk('who patches lambda runtimes', 'Patching guest OS and applications')).owner).toBe(
      'customer',
    );
  });
  it('"who backs it up?" after EC2 still asks about EC2', () => {
    expect(answer(talk('who patches ec2 instances?', 'who backs it up?')).meta.service).toBe('ec2');
  });
});

import { describe, expect, it } from 'vitest';
import type { TopicId } from '../../src/kb/ids.js';
import { loadKnowledgeBase } from '../../src/kb/load.js';
import type { Service, TopicEntry } from '../../src/kb/schema.js';
import { DATA_DIR } from './helpers.js';

/**
 * The facts issue 3 lists as "often answered wrong": each must hold in the knowledge base, so a later
 * edit cannot quietly flip an owner or drop the caveat.
 */

const kb = loadKnowledgeBase(DATA_DIR);

function service(id: string): Service {
  const s = kb.services.find((x) => x.id === id);
  if (!s) throw new Error(`no service ${id}`);
  return s;
}

function entry(id: string, topic: TopicId): TopicEntry {
  const e = service(id).topics[topic];
  if (!e || 'notApplicable' in e) throw new Error(`${id}/${topic} has no entry`);
  return e;
}

/** Both sides and the note of an entry, as one text to search. */
function textOf(id: string, topic: TopicId): string {
  const e = entry(id, topic);
  return [e.aws, e.customer, e.note ?? ''].join(' ');
}

function notesOf(id: string): string {
  return service(id)
    .notes.map((n) => n.text)
    .join(' ');
}

describe('RDS and Aurora', () => {
  it.each(['rds', 'aurora'])(
    '%s patching is owned by AWS (product decision), with the customer part spelt out',
    (id) => {
      const e = entry(id, 'patching');
      expect(e.owner).toBe('aws');
      expect(e.customer).toMatch(/maintenance window/i);
      expect(e.customer).toMatch(/auto minor version upgrade/i);
      expect(e.customer).toMatch(/major version upgrades/i);
    },
  );

  it('rds notes explain that RDS Custom moves OS and database patching towards the customer', () => {
    expect(notesOf('rds')).toMatch(/RDS Custom/);
    expect(notesOf('rds')).toMatch(/RDS Custom for Oracle[^.]*OS patching your job/);
    expect(textOf('rds', 'patching')).toMatch(/RDS Custom/);
  });
});

describe('Elastic Beanstalk', () => {
  it('patching is shared and names managed platform updates as optional', () => {
    const e = entry('elastic-beanstalk', 'patching');
    expect(e.owner).toBe('shared');
    expect(e.aws).toMatch(/managed platform updates/i);
    expect(e.aws).toMatch(/optional/i);
    expect(e.customer).toMatch(/major/i);
    expect(notesOf('elastic-beanstalk')).toMatch(/Managed platform updates are optional/);
  });
});

describe('guest operating systems AWS does not patch', () => {
  it('EMR: staying patched means newer releases or custom AMIs', () => {
    expect(entry('emr', 'patching').owner).toBe('shared');
    expect(entry('emr', 'patching').customer).toMatch(/custom AMI/);
    expect(entry('emr', 'patching').customer).toMatch(/release/);
    expect(notesOf('emr')).toMatch(/EC2 instances running in your account/);
  });

  it('Lightsail: after launch the instance OS is yours; managed databases are Lightsail’s', () => {
    const e = entry('lightsail', 'patching');
    expect(e.customer).toMatch(/neither AWS nor Lightsail patches its OS/);
    expect(e.aws).toMatch(/managed databases/i);
  });

  it('EC2: the guest OS is the customer’s', () => {
    expect(entry('ec2', 'patching').owner).toBe('customer');
  });

  it('WorkSpaces: the customer keeps the desktop OS patched', () => {
    const e = entry('workspaces', 'patching');
    expect(e.customer).toMatch(/Keeping the desktop OS and applications patched is yours/);
    expect(notesOf('workspaces')).toMatch(/customer must keep each WorkSpace's operating system/);
  });
});

describe('containers', () => {
  it('ECS patching separates the EC2 launch type from Fargate', () => {
    const text = textOf('ecs', 'patching');
    expect(text).toMatch(/Fargate/);
    expect(text).toMatch(/EC2 launch type/);
    expect(entry('ecs', 'patching').customer).toMatch(/container instances/);
    expect(notesOf('ecs')).toMatch(/EC2 launch type[^.]*yours/);
  });

  it('Fargate: AWS patches the hosts, the customer the images', () => {
    const e = entry('fargate', 'patching');
    expect(e.aws).toMatch(/AWS keeps the Fargate hosts and their OS patched/);
    expect(e.customer).toMatch(/container images/);
  });

  it('EKS patching separates the control plane from node groups', () => {
    const e = entry('eks', 'patching');
    expect(e.aws).toMatch(/control plane/);
    expect(e.customer).toMatch(/self-managed nodes/i);
    expect(e.customer).toMatch(/managed node groups/i);
    expect(notesOf('eks')).toMatch(/Fargate: AWS patches the node OS/);
    expect(notesOf('eks')).toMatch(/Auto Mode/);
  });
});

describe('encryption at rest', () => {
  it('S3 encrypts new objects by default since January 2023', () => {
    const e = entry('s3', 'encryption-at-rest');
    expect(e.aws).toMatch(/January 2023/);
    expect(e.aws).toMatch(/by default/i);
    expect(e.aws).toMatch(/SSE-S3/);
  });

  it('DynamoDB encryption at rest is always on and owned by AWS', () => {
    const e = entry('dynamodb', 'encryption-at-rest');
    expect(e.owner).toBe('aws');
    expect(e.aws).toMatch(/cannot be switched off/);
  });

  it('KMS rotation: automatic for AWS managed keys, opt-in for customer managed keys', () => {
    const e = entry('kms', 'encryption-at-rest');
    expect(e.aws).toMatch(/rotates AWS managed keys yearly/);
    expect(e.customer).toMatch(/Rotation of customer managed keys is opt-in/);
    expect(notesOf('kms')).toMatch(/AWS managed keys are rotated by AWS every year/);
    expect(notesOf('kms')).toMatch(/customer managed keys, automatic rotation is off until you enable it/);
  });
});

describe('CloudHSM', () => {
  it('AWS runs the hardware but cannot use the keys; keys, users and high availability are the customer’s', () => {
    expect(entry('cloudhsm', 'iam').owner).toBe('customer');
    expect(entry('cloudhsm', 'iam').aws).toMatch(/cannot view or change your HSM users or keys/);
    expect(entry('cloudhsm', 'availability').owner).toBe('customer');
    expect(notesOf('cloudhsm')).toMatch(/at least two HSMs, each in a different Availability Zone/);
  });
});

describe('awareness and training', () => {
  it('every service that marks training not applicable still says AWS trains its staff and you train yours', () => {
    const silent = kb.services.filter((s) => {
      const t = s.topics.training;
      return t && 'notApplicable' in t && !/AWS trains its own staff/.test(t.notApplicable);
    });
    expect(silent.map((s) => s.id)).toEqual([]);
    const training = kb.topics.find((t) => t.id === 'training');
    expect(training?.general.owner).toBe('shared');
    expect(training?.appliesToEveryService).toBe(true);
  });
});

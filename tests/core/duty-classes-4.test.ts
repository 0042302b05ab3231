import { describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/reply.js';
import { engine } from '../helpers/engine.js';

/**
 * A fourth review of task classes whose owner was wrong (RESPONSIBILITY.md sections 1 to 4), fixed in data/ the way
 * tests/core/duty-classes.test.ts describes: each class asked in several phrasings (terse, slang, negation, long),
 * none of these sentences a phrase in data/, with the neighbouring duties of the other owner asked beside them. A
 * service id after the owner is the service the answer must be about (null: no service); a row with a fourth element
 * is a follow-up to that earlier question in the same conversation.
 */
let n = 0;
const owner = (r: Reply) => (r.kind === 'answer' ? r.owner : r.kind);
const ask = (text: string, before?: string): Reply => {
  const conversationKey = `dc4-${n++}`;
  if (before) engine().respond({ text: before, conversationKey });
  return engine().respond({ text, conversationKey });
};

describe('Elastic Beanstalk: AWS releases platform versions with OS and runtime patches; patching the environments as a whole is shared (RESPONSIBILITY.md section 3)', () => {
  it.each<[string, string, (string | null)?, string?]>([
    ['who releases new elastic beanstalk platform versions with os patches', 'aws', 'elastic-beanstalk'],
    ['who ships beanstalk platform versions with the latest runtime patches', 'aws', 'elastic-beanstalk'],
    ['beanstalk platform version releases - whose job', 'aws', 'elastic-beanstalk'],
    ["we don't build the beanstalk platform versions ourselves, right? who does", 'aws', 'elastic-beanstalk'],
    [
      'who publishes patched platform versions for elastic beanstalk when a new os or runtime fix comes out',
      'aws',
      'elastic-beanstalk',
    ],
    ['who patches elastic beanstalk environments', 'shared', 'elastic-beanstalk'],
    ['elastic beanstalk patching', 'shared', 'elastic-beanstalk'],
    ['who keeps our beanstalk environments patched', 'shared', 'elastic-beanstalk'],
    ['who puts out new beanstalk platform versions', 'aws', 'elastic-beanstalk'],
  ])('%s → %s', (text, expected, service, before) => {
    const r = ask(text, before);
    expect(owner(r)).toBe(expected);
    if (service !== undefined) expect(r.meta.service).toBe(service);
  });
});

describe('EMR: AWS builds, tests and publishes the AMI behind each release; picking the release and relaunching on it is yours', () => {
  it.each<[string, string, (string | null)?, string?]>([
    ['who builds the amis behind each emr release', 'aws', 'emr'],
    ['who builds and tests the AMIs for emr releases', 'aws', 'emr'],
    ['emr release ami - who makes and tests it', 'aws', 'emr'],
    ['who publishes the amazon linux amis that each emr release uses', 'aws', 'emr'],
    ["we don't build the emr release amis, aws does, right?", 'aws', 'emr'],
    ['who tests the ami used by a new emr release before it ships', 'aws', 'emr'],
    ['who builds and tests the amis behind each release of emr', 'aws', 'emr'],
    ['who moves our emr clusters to a newer release', 'customer', 'emr'],
    ['who picks the emr release label', 'customer', 'emr'],
    ['who relaunches emr clusters on the latest ami', 'customer', 'emr'],
    ['who patches emr', 'shared', 'emr'],
  ])('%s → %s', (text, expected, service, before) => {
    const r = ask(text, before);
    expect(owner(r)).toBe(expected);
    if (service !== undefined) expect(r.meta.service).toBe(service);
  });
});

describe('EKS: the EBS volumes etcd sits on are encrypted by AWS; envelope encryption of Kubernetes secrets with your own KMS key is yours', () => {
  it.each<[string, string, (string | null)?, string?]>([
    ['who encrypts the volumes etcd runs on in eks', 'aws', 'eks'],
    ['eks etcd volume encryption', 'aws', 'eks'],
    ['is the storage under the eks control plane encrypted, and by whom', 'aws', 'eks'],
    ['who encrypts the ebs volumes behind etcd on our eks cluster', 'aws', 'eks'],
    ["we don't have to encrypt the etcd disks on eks ourselves, right?", 'aws', 'eks'],
    ['who encrypts kubernetes secrets with a kms key on eks', 'customer', 'eks'],
    ['eks envelope encryption of secrets - whose job', 'customer', 'eks'],
    ['who turns on envelope encryption for secrets in our eks cluster', 'customer', 'eks'],
    ['we want our k8s secrets encrypted with our own kms key in eks, who sets that up', 'customer', 'eks'],
    ['who encrypts the disks under etcd for an eks cluster', 'aws', 'eks'],
    ['k8s secrets kms encryption on eks who', 'customer', 'eks'],
    ['who encrypts persistent volumes in eks', 'customer', 'eks'],
    ['who picks the kms key for eks secrets', 'customer', 'eks'],
    ['are kubernetes secrets encrypted by default on eks', 'aws', 'eks'],
  ])('%s → %s', (text, expected, service, before) => {
    const r = ask(text, before);
    expect(owner(r)).toBe(expected);
    if (service !== undefined) expect(r.meta.service).toBe(service);
  });
});

describe("tenant isolation on shared hosts is AWS's; choosing dedicated tenancy, and isolating your own tasks, stay yours", () => {
  it.each<[string, string, (string | null)?, string?]>([
    ['who isolates tenants from each other', 'aws'],
    ['who isolates tenants from each other on shared hosts', 'aws'],
    ['tenant isolation on shared physical hosts', 'aws'],
    ['who applies redshift maintenance updates to the cluster', 'aws', 'redshift'],
    ['who keeps tenants apart on a shared physical host', 'aws'],
    ['tenants isolated from one another - us or aws?', 'aws'],
    ["we don't have to isolate ourselves from other tenants on shared servers, right?", 'aws'],
    ['who chooses dedicated tenancy for our instances', 'customer'],
    ['who decides whether we need dedicated hosts', 'customer'],
    ['who isolates ecs tasks from each other', 'customer', 'ecs'],
    ['who isolates containers from each other on ecs with ec2 launch type', 'customer', 'ecs'],
    ['who isolates fargate tasks from each other', 'aws', 'fargate'],
    ['who chooses the redshift maintenance window', 'customer', 'redshift'],
  ])('%s → %s', (text, expected, service, before) => {
    const r = ask(text, before);
    expect(owner(r)).toBe(expected);
    if (service !== undefined) expect(r.meta.service).toBe(service);
  });
});

describe('awareness and training: training your own people on secure cloud practices is yours, AWS trains its staff, the control as a whole is shared', () => {
  it.each<[string, string, (string | null)?, string?]>([
    ['who trains our own devs on secure cloud practices', 'customer'],
    ['who trains our developers on secure coding in the cloud', 'customer'],
    ['our people need training on secure aws practices, who does that', 'customer'],
    ['security awareness training for our own engineers - whose job', 'customer'],
    ["aws doesn't train our devs on secure cloud practices, right?", 'customer'],
    ['training our own people on secure cloud practices - us or aws', 'customer'],
    ['who teaches our own engineers secure aws practices', 'customer'],
    ['secure cloud practices training for our own team, whose responsibility', 'customer'],
    ['who handles awareness and training', 'shared'],
    ['who trains aws data center staff', 'aws'],
  ])('%s → %s', (text, expected, service, before) => {
    const r = ask(text, before);
    expect(owner(r)).toBe(expected);
    if (service !== undefined) expect(r.meta.service).toBe(service);
  });
});

describe("Config: incidents in the service itself are AWS's, incidents in your resources are yours, also as a follow-up", () => {
  it.each<[string, string, (string | null)?, string?]>([
    [
      "and the Config service's own incident response?",
      'aws',
      'config',
      'who is responsible for config rules evaluation',
    ],
    ['and incident response for the config service itself?', 'aws', 'config', 'who writes aws config rules'],
    ['who handles incidents in the aws config service itself', 'aws', 'config'],
    ["and the Config service's own incident response?", 'aws', 'config', 'who enables aws config recording'],
    ["the config service's own incident response - whose job", 'aws', 'config'],
    ['aws config own incidents who handles them', 'aws', 'config'],
    ['who responds to a security incident in our account flagged by aws config', 'customer', 'config'],
    ['who handles incidents in our resources that config detected', 'customer', 'config'],
    ['and incidents in our own resources?', 'customer', 'config', 'who writes aws config rules'],
    ['who configures our redshift cluster parameter groups', 'customer', 'redshift'],
  ])('%s → %s', (text, expected, service, before) => {
    const r = ask(text, before);
    expect(owner(r)).toBe(expected);
    if (service !== undefined) expect(r.meta.service).toBe(service);
  });
});

describe('EBS: data moving between an instance and an attached encrypted volume is encrypted by AWS; turning on EBS encryption is yours', () => {
  it.each<[string, string, (string | null)?, string?]>([
    ['who encrypts data moving between an ec2 instance and an attached encrypted ebs volume', 'aws', 'ebs'],
    ['is data in transit between ec2 and an encrypted ebs volume encrypted', 'aws', 'ebs'],
    ['ebs encryption between instance and volume, who does it', 'aws', 'ebs'],
    ['who encrypts the traffic between my instance and its encrypted ebs volume', 'aws', 'ebs'],
    [
      'and the data moving between the instance and an encrypted volume?',
      'aws',
      'ebs',
      'who turns on ebs encryption',
    ],
    [
      'and the data moving between the instance and an encrypted volume?',
      'aws',
      'ebs',
      'who encrypts ebs volumes',
    ],
    ['data between an instance and its encrypted ebs volume - encrypted in transit by whom', 'aws', 'ebs'],
    [
      'we have to encrypt the link between our ec2 instance and its encrypted ebs volume ourselves, right?',
      'aws',
      'ebs',
    ],
    ['who encrypts data in transit between ec2 and an unencrypted ebs volume', 'customer', 'ebs'],
    ['who turns on ebs encryption', 'customer', 'ebs'],
    ['who encrypts ebs volumes', 'customer', 'ebs'],
    ['who encrypts data between an ec2 instance and its encrypted volume', 'aws', 'ec2'],
    ['ec2 to encrypted volume traffic encryption - who', 'aws', 'ec2'],
  ])('%s → %s', (text, expected, service, before) => {
    const r = ask(text, before);
    expect(owner(r)).toBe(expected);
    if (service !== undefined) expect(r.meta.service).toBe(service);
  });
});

describe('Redshift: AWS applies engine and OS patches to the cluster (also with a typo); the maintenance window and cluster settings are yours', () => {
  it.each<[string, string, (string | null)?, string?]>([
    ['who applies patches to our redshift cluster', 'aws', 'redshift'],
    ['who appplies patches to our redshift cluster', 'aws', 'redshift'],
    ['who patches redshift', 'aws', 'redshift'],
    ['redshift cluster patching whose job', 'aws', 'redshift'],
    ["we don't patch our redshift cluster ourselves, right?", 'aws', 'redshift'],
    ['who aplies patches to the redshift cluster', 'aws', 'redshift'],
    ['patches on redshift - aws or us?', 'aws', 'redshift'],
    ['who decides when redshift applies patches', 'customer', 'redshift'],
    ['who changes the redshift cluster settings', 'customer', 'redshift'],
  ])('%s → %s', (text, expected, service, before) => {
    const r = ask(text, before);
    expect(owner(r)).toBe(expected);
    if (service !== undefined) expect(r.meta.service).toBe(service);
  });
});

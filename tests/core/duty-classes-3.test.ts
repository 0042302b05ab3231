import { describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/reply.js';
import { engine } from '../helpers/engine.js';

/**
 * A third review of task classes whose owner, service or "which task?" was wrong (RESPONSIBILITY.md sections 1, 3,
 * 4 and 6), fixed in data/ the way tests/core/duty-classes.test.ts describes: each class asked on several services
 * and in several phrasings (terse, slang, long, "AWS does X for us, right?"), none of these sentences a phrase in
 * data/. A row with a third element is a follow-up to that earlier question in the same conversation; a service id
 * after the owner is the service the answer must be about.
 */
let n = 0;
const owner = (r: Reply) => (r.kind === 'answer' ? r.owner : r.kind);
const ask = (text: string, before?: string): Reply => {
  const conversationKey = `dc3-${n++}`;
  if (before) engine().respond({ text: before, conversationKey });
  return engine().respond({ text, conversationKey });
};

describe("EKS managed node groups: AWS publishes patched AMIs, you roll node groups onto them, the nodes as a whole are shared; control plane patching is AWS's", () => {
  it.each<[string, string, string?, string?]>([
    ['who rolls the new AMI release out to our EKS managed node groups', 'customer', 'eks'],
    ['who updates our managed node groups to the latest eks ami', 'customer', 'eks'],
    ['managed node group ami update whose job', 'customer', 'eks'],
    ['aws moves our managed node groups onto new AMIs automatically, right?', 'customer', 'eks'],
    ['who gets our running eks nodes onto the new ami release', 'customer', 'eks'],
    [
      'we have eks managed node groups and a new optimized ami came out, who upgrades the nodes to it',
      'customer',
      'eks',
    ],
    ['who updates the ami version of an eks managed node group', 'customer', 'eks'],
    ['who builds the patched eks optimized amis', 'aws', 'eks'],
    ['who publishes new eks-optimized ami releases', 'aws', 'eks'],
    ['eks optimized ami with security patches, who makes it', 'aws', 'eks'],
    ['who patches the worker nodes in a managed node group', 'shared', 'eks'],
    ['EKS control plane patching', 'aws', 'eks'],
    ['eks control plane patches', 'aws', 'eks'],
    ['and rolling them onto the nodes?', 'customer', 'eks', 'who publishes the patched eks amis'],
    ['eks mng new ami out - who rolls it?', 'customer', 'eks'],
    ['who upgrades our eks node groups to the new release version', 'customer', 'eks'],
    ['who patches the kubernetes control plane on eks', 'aws', 'eks'],
  ])('%s → %s', (text, expected, service, before) => {
    const r = ask(text, before);
    expect(owner(r)).toBe(expected);
    if (service) expect(r.meta.service).toBe(service);
  });
});

describe('a stated condition settles the owner: Lambda runtime update mode, Beanstalk managed platform updates, Athena automatic engine upgrades, RDS auto minor version upgrade', () => {
  it.each<[string, string, string?, string?]>([
    ['our lambda runtime update mode is set to manual, who applies runtime updates', 'customer', 'lambda'],
    ['lambda runtime management set to manual, who updates the runtime', 'customer', 'lambda'],
    ['lambda runtime update mode auto, who updates the runtime', 'aws', 'lambda'],
    ['with runtime updates on auto, who patches the lambda runtime', 'aws', 'lambda'],
    [
      'we pinned lambda runtime updates to manual mode - aws still updates the runtime, right?',
      'customer',
      'lambda',
    ],
    ['who chooses the lambda runtime update mode', 'customer', 'lambda'],
    [
      'we turned off managed platform updates on elastic beanstalk, who patches the os',
      'customer',
      'elastic-beanstalk',
    ],
    ['beanstalk managed updates disabled, who applies platform updates', 'customer', 'elastic-beanstalk'],
    [
      'managed platform updates are off in our beanstalk environment, who updates the runtime',
      'customer',
      'elastic-beanstalk',
    ],
    ['with managed platform updates enabled, who applies beanstalk patches', 'aws', 'elastic-beanstalk'],
    ['beanstalk managed updates on, who updates the platform', 'aws', 'elastic-beanstalk'],
    ['who turns on managed platform updates in elastic beanstalk', 'customer', 'elastic-beanstalk'],
    ['our athena workgroup uses automatic engine upgrades, who upgrades the engine', 'aws', 'athena'],
    ['athena workgroup pinned to engine version 3, who upgrades it', 'customer', 'athena'],
    ['rds auto minor version upgrade is enabled, who applies minor version upgrades', 'aws', 'rds'],
    ['with auto minor version upgrade on, who upgrades the rds minor version', 'aws', 'rds'],
    ['who decides whether auto minor version upgrade is enabled', 'customer'],
    ['who turns on auto minor version upgrade on rds', 'customer', 'rds'],
    ['auto minor version upgrade off on rds, who applies minor upgrades', 'customer', 'rds'],
    [
      'auto minor version upgrade is on for our aurora cluster, who applies the minor upgrades',
      'aws',
      'aurora',
    ],
    ['auto minor version upgrade is off, who applies minor version upgrades on rds', 'customer', 'rds'],
    [
      'runtime update mode manual on our lambda function - who updates the runtime then',
      'customer',
      'lambda',
    ],
    ['lambda with the runtime update mode on auto, aws updates the runtime right?', 'aws', 'lambda'],
    [
      'we disabled managed platform updates in beanstalk, aws still patches the os right?',
      'customer',
      'elastic-beanstalk',
    ],
    [
      'elastic beanstalk with managed updates on, who applies minor platform updates',
      'aws',
      'elastic-beanstalk',
    ],
    ['athena workgroup on automatic engine version upgrades, who does the upgrade', 'aws', 'athena'],
    [
      'auto minor version upgrade enabled on our rds instance, aws applies the minor upgrades right?',
      'aws',
      'rds',
    ],
  ])('%s → %s', (text, expected, service, before) => {
    const r = ask(text, before);
    expect(owner(r)).toBe(expected);
    if (service) expect(r.meta.service).toBe(service);
  });
});

describe('named tasks answer without asking which task: automated backups vs retention, CloudTrail event history, AWS Backup jobs vs plans, SSE with our own key, RDS CA and optional OS updates, DynamoDB capacity, host firmware, Lightsail WordPress, EMR release AMIs vs kernel updates', () => {
  it.each<[string, string, string?, string?]>([
    ['who runs rds automated backups', 'aws', 'rds'],
    ['who takes the automated backups on rds', 'aws', 'rds'],
    ['who runs aurora automated backups', 'aws', 'aurora'],
    ['aws runs our rds automated backups, right?', 'aws', 'rds'],
    ['who sets the backup retention on rds', 'customer', 'rds'],
    ['who sets the backup retention period for aurora', 'customer', 'aurora'],
    ['who runs the backups?', 'aws', 'rds', 'who sets the backup retention period on rds'],
    ['who keeps the 90-day cloudtrail event history', 'aws', 'cloudtrail'],
    ['who records the last 90 days of management events in cloudtrail event history', 'aws', 'cloudtrail'],
    ['who runs the scheduled backup jobs in aws backup once the plan exists', 'aws', 'backup'],
    ['aws backup runs our backup jobs on schedule, who does that', 'aws', 'backup'],
    ['who writes the backup plan in aws backup', 'customer', 'backup'],
    ['who defines the aws backup plan and schedule', 'customer', 'backup'],
    ['who manages sse-kms with our own key on sqs', 'customer', 'sqs'],
    ['who sets up sse-kms with our own kms key on sns topics', 'customer', 'sns'],
    ['kinesis stream encryption with our own kms key, whose job', 'customer', 'kinesis'],
    ['who configures sse-kms with a customer managed key for kinesis data streams', 'customer', 'kinesis'],
    ['rds ca cert rotation, who updates the instances', 'customer', 'rds'],
    ['who updates client trust stores for the rds ca rotation', 'customer', 'rds'],
    ['there is a pending optional os update on our rds instance, who applies it', 'customer', 'rds'],
    ['optional rds os update pending, who decides', 'customer', 'rds'],
    ['who applies required rds os updates', 'aws', 'rds'],
    ['who chooses dynamodb capacity mode', 'customer', 'dynamodb'],
    ['who configures dynamodb auto scaling', 'customer', 'dynamodb'],
    ['dynamodb on-demand vs provisioned, who decides', 'customer', 'dynamodb'],
    ['who sets up auto scaling for our dynamodb tables', 'customer', 'dynamodb'],
    ['we never do firmware on the hosts ourselves, right?', 'aws'],
    ['who updates the host firmware for ec2', 'aws', 'ec2'],
    ['ec2 host firmware updates, aws or us', 'aws', 'ec2'],
    ['who updates wordpress plugins on lightsail', 'customer', 'lightsail'],
    ['lightsail wordpress plugin updates whose job', 'customer', 'lightsail'],
    ['who updates the wordpress app on our lightsail instance', 'customer', 'lightsail'],
    ['who builds the emr release amis', 'aws', 'emr'],
    ['who publishes new emr releases', 'aws', 'emr'],
    ['who gets kernel updates onto our emr nodes', 'customer', 'emr'],
    ['who applies kernel updates to running emr nodes', 'customer', 'emr'],
    ['who takes the automated snapshots for opensearch?', 'aws', 'opensearch'],
    ['who enables sse-kms encryption on the trail', 'customer', 'cloudtrail'],
    ['who turns on cloudtrail event history', 'aws', 'cloudtrail'],
    ['is the cloudtrail event history on by default or do we enable it', 'aws', 'cloudtrail'],
    ['who creates the cloudtrail trail to keep logs beyond 90 days', 'customer', 'cloudtrail'],
    ['we need cloudtrail events older than 90 days, who sets that up', 'customer', 'cloudtrail'],
    ['sns topic encrypted with our own cmk, who manages that', 'customer', 'sns'],
    ['who rotates the sqs owned keys', 'aws', 'sqs'],
    ['who turns on encryption for a kinesis stream with our own kms key', 'customer', 'kinesis'],
    ['we never update firmware on the ec2 hosts ourselves, right?', 'aws', 'ec2'],
    ['who chooses which emr release our cluster uses', 'customer', 'emr'],
    ['who moves our emr cluster to a newer release', 'customer', 'emr'],
    ['emr release amis with security patches, who builds them', 'aws', 'emr'],
    ['who deletes our ebs snapshots', 'customer', 'ebs'],
    ['who performs the failover to the standby on rds multi-az', 'aws', 'rds'],
    ['who takes the automated backups for aurora', 'aws', 'aurora'],
    ['who picks how long aurora keeps automated backups', 'customer', 'aurora'],
    ['the cloudtrail 90 day event history, who keeps that', 'aws', 'cloudtrail'],
    ['once our backup plan exists, who runs the backup jobs on schedule', 'aws', 'backup'],
    ['who creates the backup plans in aws backup', 'customer', 'backup'],
    ['sns sse with our own kms key, whose job', 'customer', 'sns'],
    ["rds certificate authority rotation, who updates our app's trust store", 'customer', 'rds'],
    ['rds pending optional os update, aws applies it for us right?', 'customer', 'rds'],
    ['who picks provisioned or on-demand capacity for dynamodb', 'customer', 'dynamodb'],
    ['host firmware on ec2, we never touch it ourselves right?', 'aws', 'ec2'],
    ['wordpress plugins on our lightsail instance, aws updates them right?', 'customer', 'lightsail'],
    ['kernel updates onto running emr nodes, aws does that right?', 'customer', 'emr'],
    ['who enables server-side encryption on sqs queues', 'customer', 'sqs'],
  ])('%s → %s', (text, expected, service, before) => {
    const r = ask(text, before);
    expect(owner(r)).toBe(expected);
    if (service) expect(r.meta.service).toBe(service);
  });
});

describe("media destruction and hardware in AWS's facilities, in everyday words, also with a service named beside them", () => {
  it.each<[string, string, string?, string?]>([
    ['who destroys old disks when they are decommissioned', 'aws'],
    ['who shreds old drives', 'aws'],
    ['who physically destroys the disks behind ebs at end of life', 'aws'],
    ['who physically destroys ebs disks at end of life', 'aws', 'ebs'],
    ['who replaces failed hard drives in aws data centers', 'aws'],
    ['who replaces failed servers in aws data centers', 'aws'],
    ['who replaces failed hardware under our ec2 instances', 'aws', 'ec2'],
    ['who shreds the old drives behind s3 when they are decommissioned', 'aws', 's3'],
    ['old storage media in aws facilities, who wipes it', 'aws'],
    ['who destroys the disks under rds when decommissioned', 'aws', 'rds'],
    ['ebs volumes end of life, who wipes and destroys the physical disks', 'aws', 'ebs'],
    ['who replaces a failed hard drive in the host under our ec2 instance', 'aws', 'ec2'],
    ["disk destruction at end of life is aws's job, right?", 'aws'],
    ['who shreds decommissioned hard drives', 'aws'],
    ['when aws retires a disk, who destroys it', 'aws'],
    ['who destroys the physical disks under our ebs volumes when they wear out', 'aws', 'ebs'],
    ['who replaces a broken server under our ec2 instances', 'aws', 'ec2'],
  ])('%s → %s', (text, expected, service, before) => {
    const r = ask(text, before);
    expect(owner(r)).toBe(expected);
    if (service) expect(r.meta.service).toBe(service);
  });
});

describe('isolation AWS does: anti-spoofing at the host, Lambda execution environments, tenants on shared hardware', () => {
  it.each<[string, string, string?, string?]>([
    ['who prevents an ec2 instance from sending spoofed ip traffic', 'aws', 'ec2'],
    ['who stops instances spoofing mac addresses at the host level', 'aws'],
    ['ip spoofing protection on ec2 hosts, who does it', 'aws', 'ec2'],
    ['who isolates lambda execution environments of different customers', 'aws', 'lambda'],
    ['lambda isolation between customers, whose job', 'aws', 'lambda'],
    ['who isolates customers on shared hosts', 'aws'],
    ['can our ec2 instance send traffic with a spoofed source ip, who prevents that', 'aws', 'ec2'],
    [
      "are our lambda functions isolated from other customers' functions, do we have to do anything",
      'aws',
      'lambda',
    ],
    ['who keeps other accounts out of our lambda execution environment', 'aws', 'lambda'],
    ['who isolates our lambda functions in a vpc', 'customer', 'lambda'],
    ["who isolates our ec2 instances from other customers' instances on the same host", 'aws', 'ec2'],
    ['who prevents ip spoofing from ec2 instances at the hypervisor', 'aws', 'ec2'],
    ['lambda execution environments are isolated between customers by aws, right?', 'aws', 'lambda'],
    ['who is responsible for tenant isolation on shared hardware', 'aws'],
    ['who keeps tenants separated on shared physical servers', 'aws'],
    ['who separates customers on shared hardware', 'aws'],
  ])('%s → %s', (text, expected, service, before) => {
    const r = ask(text, before);
    expect(owner(r)).toBe(expected);
    if (service) expect(r.meta.service).toBe(service);
  });
});

describe('always-on replication and encryption AWS guarantees, asked in long or doubting wording', () => {
  it.each<[string, string, string?, string?]>([
    ['aurora keeps six copies of our data across three azs, who takes care of that', 'aws', 'aurora'],
    [
      'we heard aurora stores six copies across three availability zones - is that something we have to configure, or does aws do it?',
      'aws',
      'aurora',
    ],
    ['we never turned anything on, is our dynamodb data encrypted anyway', 'aws', 'dynamodb'],
    [
      'does aws guarantee that dynamodb tables are encrypted at rest even if we did nothing',
      'aws',
      'dynamodb',
    ],
    ['are cloudtrail log files encrypted by default if we have no kms key configured', 'aws', 'cloudtrail'],
    ['cloudtrail logs encrypted with sse-s3 by default, who does that', 'aws', 'cloudtrail'],
    ['we never set a kms key for our trail, are the log files encrypted anyway?', 'aws', 'cloudtrail'],
    ['who configures sse-kms for cloudtrail log files', 'customer', 'cloudtrail'],
    ['who encrypts cloudtrail log files by default', 'aws', 'cloudtrail'],
    ['who chooses our own kms key for cloudtrail log files', 'customer', 'cloudtrail'],
    ['aurora storage six copies across 3 azs, do we need to configure anything?', 'aws', 'aurora'],
    ['does aws guarantee dynamodb encryption at rest even if we never configured it', 'aws', 'dynamodb'],
    ['are our cloudtrail log files encrypted if we never picked a kms key', 'aws', 'cloudtrail'],
  ])('%s → %s', (text, expected, service, before) => {
    const r = ask(text, before);
    expect(owner(r)).toBe(expected);
    if (service) expect(r.meta.service).toBe(service);
  });
});

describe('availability design is yours: one-AZ apps, RDS Custom HA, KCL consumers, CloudHSM HSMs in several AZs', () => {
  it.each<[string, string, string?, string?]>([
    ['cloudtrail event history 90 days, do we have to turn that on', 'aws', 'cloudtrail'],
    ['sqs encryption with our customer managed key, who handles it', 'customer', 'sqs'],
    ['who handles rds ca certificate rotation', 'customer', 'rds'],
    ['our app runs on three instances all in one AZ, who makes sure it survives losing the AZ', 'customer'],
    ['who makes our ec2 app highly available across azs', 'customer', 'ec2'],
    ['who is responsible for high availability on rds custom', 'customer', 'rds'],
    ['who makes our kcl consumer workers recover from failures', 'customer', 'kinesis'],
    ['kinesis consumer failure recovery, whose job', 'customer', 'kinesis'],
    ['who makes our cloudhsm cluster highly available', 'customer', 'cloudhsm'],
    ['cloudhsm high availability, aws handles it right?', 'customer', 'cloudhsm'],
    ['who adds hsms in multiple azs for cloudhsm', 'customer', 'cloudhsm'],
    ['kcl workers keep crashing on our kinesis consumer, aws restarts them right?', 'customer', 'kinesis'],
    ['cloudhsm cluster with a single hsm, who makes it highly available', 'customer', 'cloudhsm'],
    ['we deployed everything in a single az, who is responsible if that az goes down', 'customer'],
    ['our whole app sits in one availability zone, who makes it survive an az outage', 'customer'],
    ['high availability for rds custom, aws or us?', 'customer', 'rds'],
    ['who handles failures of our kinesis consumer applications', 'customer', 'kinesis'],
    ['cloudhsm ha - do we need more than one hsm, whose job', 'customer', 'cloudhsm'],
  ])('%s → %s', (text, expected, service, before) => {
    const r = ask(text, before);
    expect(owner(r)).toBe(expected);
    if (service) expect(r.meta.service).toBe(service);
  });
});

describe('services recognised by their things, and follow-ups that name them', () => {
  it.each<[string, string, string?, string?]>([
    ['who replicates our secrets to another region', 'customer', 'secrets-manager'],
    ['replicate our secrets to us-west-2, whose job', 'customer', 'secrets-manager'],
    ['and the manual ones?', 'customer', 'opensearch', 'who takes the automated snapshots for opensearch?'],
    ['and manual snapshots?', 'customer', 'opensearch', 'who takes the automated snapshots for opensearch?'],
    ['and the manual ones?', 'customer', 'rds', 'who takes the automated backups on rds'],
    ['who encrypts instance store volumes on nitro instances', 'aws', 'ec2'],
    ['and instance store?', 'aws', 'ec2', 'who turns on ebs encryption'],
    ['who sets up secrets manager replication to a second region', 'customer', 'secrets-manager'],
    [
      'and replicating them to another region?',
      'customer',
      'secrets-manager',
      'who rotates our secrets in secrets manager',
    ],
    ['who replicates secrets to another region in secrets manager', 'customer', 'secrets-manager'],
    [
      'and the manual snapshots?',
      'customer',
      'opensearch',
      'who takes the automated snapshots for opensearch?',
    ],
  ])('%s → %s', (text, expected, service, before) => {
    const r = ask(text, before);
    expect(owner(r)).toBe(expected);
    if (service) expect(r.meta.service).toBe(service);
  });
});

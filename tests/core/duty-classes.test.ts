import { describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/reply.js';
import { engine } from '../helpers/engine.js';

/**
 * Classes of task whose owner was wrong, or that asked "which task?" though the question named it (RESPONSIBILITY.md
 * sections 1, 3 and 4). Each class is asked on several services and in several phrasings (terse, slang, long), so no
 * single sentence carries a test; none of these sentences is a phrase in data/.
 */
let n = 0;
const ask = (text: string): Reply => engine().respond({ text, conversationKey: `dc${n++}` });
const owner = (r: Reply) => (r.kind === 'answer' ? r.owner : r.kind);

describe('version upgrades: a major/engine upgrade is yours to start, minor versions AWS applies (with the setting on)', () => {
  it.each([
    ['who upgrades the redshift cluster to a new version', 'aws'],
    ['redshift version upgrade who does it', 'aws'],
    ['who decides whether redshift can apply version upgrades', 'customer'],
    ['who picks the redshift maintenance track', 'customer'],
    ['who kicks off the Postgres 13 → 16 upgrade on rds', 'customer'],
    ['k8s 1.29 -> 1.30 upgrade on eks, is that on us', 'customer'],
    ['opensearch 1.3 -> 2.x upgrade, do we start it', 'customer'],
    ['who does the major version upgrade of our RDS MySQL database', 'customer'],
    ['rds major version upgrade who', 'customer'],
    ['aurora postgres 14 to 15 upgrade - us or aws?', 'customer'],
    ['who upgrades the aurora engine version', 'customer'],
    ['who upgrades our elasticache redis from 6.2 to 7.1', 'customer'],
    ['elasticache engine version upgrade whose job', 'customer'],
    ['who upgrades the kubernetes version of our eks cluster', 'customer'],
    ['eks control plane version bump, who does it', 'customer'],
    ['who is responsible for upgrading the opensearch engine version of our domain', 'customer'],
    [
      'our team wants to know whether AWS will automatically upgrade our RDS for PostgreSQL instance from major version 12 to 15 or whether we need to start that ourselves',
      'customer',
    ],
    ['who upgrades the athena engine version when automatic upgrades are on', 'aws'],
    ['athena engine version pinned, who upgrades it', 'customer'],
    ['who applies rds minor version upgrades once auto minor version upgrade is enabled', 'aws'],
    ['who turns on auto minor version upgrade on rds', 'customer'],
    ['rds pg upgrade 14→16 whose job', 'customer'],
    [
      "who's on the hook for moving our RDS instance to a new major engine version before the old one hits end of standard support",
      'customer',
    ],
    ['aurora mysql v2 to v3 upgrade who owns it', 'customer'],
    ['who upgrades aurora to the latest version', 'customer'],
    ['redis 6 to 7 upgrade on elasticache - aws or us', 'customer'],
    ['elasticache valkey upgrade who', 'customer'],
    ['upgrading eks from 1.28 to 1.29, who does that', 'customer'],
    ['eks cluster upgrade whose responsibility', 'customer'],
    ['does aws upgrade our eks cluster kubernetes version or do we', 'customer'],
    ['opensearch domain upgrade to 2.13 who', 'customer'],
    ['who is responsible for upgrading our opensearch domain from elasticsearch 7.10', 'customer'],
    ['who applies minor version upgrades on aurora when auto minor version upgrade is enabled', 'aws'],
    ['who applies minor version upgrades on rds with auto minor version upgrade turned off', 'customer'],
    ['does aws upgrade our athena engine automatically', 'aws'],
    ['athena workgroup pinned to engine version 2, who moves it to version 3', 'customer'],
    ['who patches the rds engine', 'aws'],
    ['who patches rds', 'aws'],
    ['who picks the rds maintenance window', 'customer'],
    ['who patches the opensearch nodes', 'aws'],
  ])('%s → %s', (q, expected) => {
    expect(owner(ask(q))).toBe(expected);
  });
});

describe('shared-by-design rollouts: AWS publishes, you roll out', () => {
  it.each([
    ['who publishes patched EKS optimized AMIs', 'aws'],
    ['who rolls our eks managed node groups onto the new AMI', 'customer'],
    ['who updates the managed node group to the latest ami version', 'customer'],
    ['eks managed nodegroup ami update who', 'customer'],
    ['who publishes patched AMIs for emr', 'aws'],
    ['emr kernel update needs a reboot, who gets it onto our running cluster', 'customer'],
    ['who relaunches the emr cluster on a newer release to pick up security patches', 'customer'],
    ['who applies OS patches on elastic beanstalk with managed platform updates turned off', 'customer'],
    ['who applies platform updates on elastic beanstalk with managed updates enabled', 'aws'],
    ['beanstalk managed updates off - who patches the OS', 'customer'],
    ['who chooses the maintenance window for beanstalk managed platform updates', 'customer'],
    ['who patches the fargate platform', 'aws'],
    ['who patches the libraries in our container image on fargate', 'customer'],
    ['who updates openssl inside our container images running on fargate', 'customer'],
    ['a standalone fargate task was retired for patching, who restarts it', 'customer'],
    ['who replaces fargate service tasks retired for patching', 'aws'],
    ['eks node group ami upgrade - us?', 'customer'],
    ['who updates our eks managed node groups when a new eks optimized ami comes out', 'customer'],
    ['who builds the eks optimized amis', 'aws'],
    ['eks auto mode node patching who', 'aws'],
    ['self-managed eks nodes, who patches them', 'customer'],
    ['emr cluster kernel patch that needs reboot, whose job', 'customer'],
    ['elastic beanstalk managed updates are disabled, who applies the platform patches', 'customer'],
    ['beanstalk with managed platform updates on, who installs the patches', 'aws'],
    ['who turns on beanstalk managed platform updates', 'customer'],
    ['who restarts sagemaker notebook instances to pick up updates', 'customer'],
    ['who releases sagemaker notebook instance software updates', 'aws'],
    ['who updates python packages in our fargate container image', 'customer'],
    ['who patches the os under fargate', 'aws'],
    ['ecs service tasks on fargate retired for maintenance, who replaces them', 'aws'],
    ['standalone fargate tasks get retired, who relaunches them', 'customer'],
  ])('%s → %s', (q, expected) => {
    expect(owner(ask(q))).toBe(expected);
  });
});

describe("AWS's own operations stated as such", () => {
  it.each([
    ['security incident in the AWS Config service itself, who responds', 'aws'],
    ['who handles incident response for a security incident in the DynamoDB service itself', 'aws'],
    ['who trains the staff who work in AWS data centers', 'aws'],
    ['who encrypts traffic on the AWS backbone between data centers', 'aws'],
    ['who isolates our VPC traffic from other customers', 'aws'],
    ["who makes sure a new EBS volume holds no other customer's leftover data", 'aws'],
    ['who wipes ebs storage before it is reused by another customer', 'aws'],
    ['who stores IAM user passwords securely', 'aws'],
    ['who replicates EBS volumes within an availability zone', 'aws'],
    ['who ensures s3 eleven nines durability', 'aws'],
    ["who keeps aurora's six copies of the data", 'aws'],
    ['who keeps the 90 day cloudtrail event history', 'aws'],
    ['who runs the backup jobs on schedule once an AWS Backup plan exists', 'aws'],
    ['who writes the aws backup plan and retention', 'customer'],
    ['who handles a security incident in the s3 service itself', 'aws'],
    ['incident in the aws lambda service itself, who responds', 'aws'],
    ['who responds to a security incident in our aws account', 'customer'],
    ['who does security training for aws data center employees', 'aws'],
    ['who trains our developers on secure coding', 'customer'],
    ['is traffic between aws data centers encrypted, and by whom', 'aws'],
    ['who wipes ebs volumes before another customer gets the storage', 'aws'],
    ["who makes sure we don't get someone else's data on a new ebs volume", 'aws'],
    ['how does aws store iam passwords, who secures them', 'aws'],
    ['who replicates s3 objects across azs for durability', 'aws'],
    ['who replicates aurora storage six ways across three azs', 'aws'],
    ['who keeps cloudtrail event history for 90 days', 'aws'],
    ['who creates a cloudtrail trail to keep logs longer than 90 days', 'customer'],
    ['once we have an aws backup plan, who actually runs the backup jobs', 'aws'],
    ['who defines the backup plan schedule and retention in aws backup', 'customer'],
  ])('%s → %s', (q, expected) => {
    expect(owner(ask(q))).toBe(expected);
  });
});

describe("designing for the loss of an AZ is yours; running the AZs is AWS's", () => {
  it.each([
    ['who designs our workload to survive the loss of an Availability Zone', 'customer'],
    ['our app is on 3 instances in one AZ, who makes sure it survives an AZ outage', 'customer'],
    ['who architects our app to be multi-az', 'customer'],
    ['who makes our ec2 app resilient to an availability zone failure', 'customer'],
    ['who runs the availability zones', 'aws'],
    ["who architects our app so an az outage doesn't take it down", 'customer'],
    ['our whole app lives in us-east-1a, who is supposed to make it survive if that az dies', 'customer'],
    ['who makes our rds database survive an availability zone failure', 'customer'],
    ['who spreads our ec2 instances across availability zones', 'customer'],
    ['who keeps availability zones isolated from each other', 'aws'],
    ['who builds the aws regions and availability zones', 'aws'],
  ])('%s → %s', (q, expected) => {
    expect(owner(ask(q))).toBe(expected);
  });
});

describe("accidental deletion and overwrite are yours; durability is AWS's", () => {
  it.each([
    ['who protects our s3 data against accidental deletion', 'customer'],
    ['who turns on s3 object lock', 'customer'],
    ['who enables mfa delete on the bucket', 'customer'],
    ['who protects s3 objects from being overwritten by mistake', 'customer'],
    ['who enables point in time recovery on dynamodb', 'customer'],
    ['who turns on deletion protection for a dynamodb table', 'customer'],
    ['who enables deletion protection on rds', 'customer'],
    ['who sets the waiting period for kms key deletion', 'customer'],
    ['someone deleted our dynamodb table by accident, whose job was it to prevent that', 'customer'],
    ['who is responsible for s3 durability', 'aws'],
    ['who turns on versioning to protect against accidental overwrites in s3', 'customer'],
    ['who protects our s3 bucket from accidental deletes', 'customer'],
    ['who enables s3 replication to another region', 'customer'],
    ['who turns on pitr on dynamodb', 'customer'],
    ['who protects our dynamodb tables from accidental deletion', 'customer'],
    ['who turns on deletion protection for our aurora cluster', 'customer'],
    ['kms key scheduled for deletion, who picks the waiting period', 'customer'],
    ["is s3 durability aws's job", 'aws'],
    ['who makes sure deleted s3 objects can be recovered', 'customer'],
  ])('%s → %s', (q, expected) => {
    expect(owner(ask(q))).toBe(expected);
  });
});

describe('tasks named in the question need no "which task?"', () => {
  it.each([
    ['who runs automated backups on rds', 'aws'],
    ['who chooses the rds backup window', 'customer'],
    ['who sets the backup retention period on aurora', 'customer'],
    ['who takes automated snapshots of opensearch domains', 'aws'],
    ['who runs automated snapshots on redshift', 'aws'],
    ['who sets the retention period for redshift automated snapshots', 'customer'],
    ['who sets the dynamodb pitr retention period', 'customer'],
    ['who performs the multi-az failover on rds', 'aws'],
    ['who enables multi-az on rds', 'customer'],
    ['who fails over an aurora cluster to a replica when the writer fails', 'aws'],
    ['who chooses dynamodb capacity mode', 'customer'],
    ['who sets up dynamodb auto scaling', 'customer'],
    ['who applies elasticache service updates that are not flagged for auto update', 'customer'],
    ['who manages the zone signing keys for route 53 dnssec', 'aws'],
    ['who manages the key signing key for route 53 dnssec', 'customer'],
    ['who rotates the rds ca certificate', 'customer'],
    ['rds certificate authority rotation, who updates the instances and clients', 'customer'],
    ['who takes the rds automated backups', 'aws'],
    ['who sets the aurora backup window', 'customer'],
    ['who takes the daily automated snapshots of our opensearch domain', 'aws'],
    ['who decides how long redshift keeps automated snapshots', 'customer'],
    ['who turns on dynamodb point in time recovery', 'customer'],
    ['who does the failover when the rds primary fails', 'aws'],
    ['who turns on multi-az for rds', 'customer'],
    ['who chooses between on-demand and provisioned capacity for dynamodb', 'customer'],
    ['who applies the self-service updates on elasticache', 'customer'],
    ['who rotates the route 53 dnssec zone signing key', 'aws'],
    ['who rotates the ksk for route 53 dnssec', 'customer'],
    ['who updates rds instances to the new ca certificate', 'customer'],
    ['rds ca cert rotation whose job', 'customer'],
  ])('%s → %s', (q, expected) => {
    expect(owner(ask(q))).toBe(expected);
  });
});

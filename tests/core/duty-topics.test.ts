import { describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/reply.js';
import { engine } from '../helpers/engine.js';

/**
 * The area an answer reports is the area the task belongs to: the one an engineer, an auditor or an exam writer
 * would file it under (replicating data is availability, not backup; acting on a finding is incident response, not
 * logging; writing Config rules is configuration; log integrity is logging; edge locations are physical security,
 * power is infrastructure; TLS is encryption in transit; who can reach a resource is network security; scanning for
 * vulnerabilities is the application's; wiping storage before reuse is data). Each class is asked on several services
 * and in several phrasings, with neighbouring tasks of the other area beside them; none of these sentences is a
 * phrase in data/. Each row: the question, the topic the answer reports, its owner.
 */
let n = 0;
const ask = (text: string): Reply => engine().respond({ text, conversationKey: `dt${n++}` });
const owner = (r: Reply) => (r.kind === 'answer' ? r.owner : r.kind);

type Row = [question: string, topic: string, owner: string];
const check = ([q, topic, expected]: Row) => {
  const r = ask(q);
  expect(owner(r), q).toBe(expected);
  expect(r.meta.topic, q).toBe(topic);
};

describe('replicas, durability, Multi-AZ and failover are availability; backups, snapshots and restores are backup', () => {
  it.each<Row>([
    ['who replicates each ebs volume across several servers in its az', 'availability', 'aws'],
    ["s3's eleven nines of durability, is that on aws or us?", 'availability', 'aws'],
    ['aurora stores six copies over three AZs, whose responsibility is that', 'availability', 'aws'],
    ['who makes sure our S3 objects survive if a whole availability zone goes down', 'availability', 'aws'],
    ['who turns on multi-az for our rds postgres instance', 'availability', 'customer'],
    ['primary rds instance dies at 3am, who fails it over to the standby', 'availability', 'aws'],
    ['who spreads our ec2 web servers over several AZs', 'availability', 'customer'],
    ['who sets up cross-region replication on our s3 buckets', 'availability', 'customer'],
    ['who promotes a replica when the elasticache redis primary fails', 'availability', 'aws'],
    ['who replaces a failed primary node on an emr cluster', 'availability', 'aws'],
    ['who takes snapshots of our ebs volumes', 'backup', 'customer'],
    ['who sets the automated backup retention period for rds', 'backup', 'customer'],
    ['who turns on point in time recovery for our dynamodb tables', 'backup', 'customer'],
    ['who decides whether to lock our aws backup vault with vault lock', 'backup', 'customer'],
    ['who makes sure we can restore s3 objects that were deleted by mistake', 'backup', 'customer'],
  ])('%s → %s, %s', (...row) => check(row));
});

describe('responding to findings, alerts, incidents and leaked credentials is incident response; turning detection on is logging', () => {
  it.each<Row>([
    ['our iam access keys were leaked, who deals with it', 'incident-response', 'customer'],
    ['who investigates a compromised ec2 instance', 'incident-response', 'customer'],
    ['guardduty findings come in every morning, who triages them', 'incident-response', 'customer'],
    [
      'a guardduty finding says one of our instances talks to a bitcoin mining pool, who handles it',
      'incident-response',
      'customer',
    ],
    ['who responds when a cloudwatch alarm fires at night', 'incident-response', 'customer'],
    ['who disables a compromised cognito user and revokes their tokens', 'incident-response', 'customer'],
    [
      'aws sent us an abuse report about one of our ip addresses, who has to answer it',
      'incident-response',
      'customer',
    ],
    ['who isolates a compromised pod in our eks cluster', 'incident-response', 'customer'],
    ['who handles a security incident in our elastic beanstalk environment', 'incident-response', 'customer'],
    ['suspicious traffic showing up in our vpc, who investigates', 'incident-response', 'customer'],
    ['our lightsail instance got hacked, who cleans it up', 'incident-response', 'customer'],
    ['a container in one of our ecs tasks is compromised, who contains it', 'incident-response', 'customer'],
    ['who responds to a security incident inside an aws data center', 'incident-response', 'aws'],
    ['who turns on guardduty in every region', 'logging-monitoring', 'customer'],
    ['who creates the cloudwatch alarms on our cpu and error metrics', 'logging-monitoring', 'customer'],
  ])('%s → %s, %s', (...row) => check(row));
});

describe('writing Config rules and conformance packs, fixing what they flag and hardening to a benchmark are configuration; recording is logging', () => {
  it.each<Row>([
    ['who writes custom rules for aws config', 'configuration', 'customer'],
    ['who writes the aws config rules that check our accounts', 'configuration', 'customer'],
    ['config rules across the whole org, who deploys them', 'configuration', 'customer'],
    ['who deploys conformance packs in aws config', 'configuration', 'customer'],
    ['aws config flags non-compliant resources, who fixes them', 'configuration', 'customer'],
    ['who writes and maintains the aws managed config rules', 'configuration', 'aws'],
    ['who hardens our ec2 instances to the cis benchmark', 'configuration', 'customer'],
    ['cis hardening for eks worker nodes, whose job', 'configuration', 'customer'],
    ['who checks our s3 buckets for configuration drift', 'configuration', 'customer'],
    ['who audits our dynamodb table configuration for drift', 'configuration', 'customer'],
    ['who sets up tag policies across our aws organization', 'configuration', 'customer'],
    ['who catches configuration drift across our accounts', 'configuration', 'customer'],
    ['who remediates noncompliant resources', 'configuration', 'customer'],
    ['who turns on the aws config recorder', 'logging-monitoring', 'customer'],
    ['who records the configuration history of our resources', 'logging-monitoring', 'customer'],
  ])('%s → %s, %s', (...row) => check(row));
});

describe("log integrity and validation are logging; choosing the logs' KMS key is encryption at rest", () => {
  it.each<Row>([
    ['who turns on cloudtrail log file validation', 'logging-monitoring', 'customer'],
    ['who signs the cloudtrail digest files', 'logging-monitoring', 'aws'],
    ["who validates that our cloudtrail logs weren't tampered with", 'logging-monitoring', 'customer'],
    ['who protects cloudtrail log files from being deleted', 'logging-monitoring', 'customer'],
    ['who keeps our cloudtrail log integrity', 'logging-monitoring', 'customer'],
    ['who keeps cloudtrail logs for seven years', 'logging-monitoring', 'customer'],
    ['who sets cloudwatch logs retention', 'logging-monitoring', 'customer'],
    ['who turns on s3 server access logging', 'logging-monitoring', 'customer'],
    ['who enables vpc flow logs', 'logging-monitoring', 'customer'],
    ['who chooses sse-kms with our own key for cloudtrail log files', 'encryption-at-rest', 'customer'],
    ['who attaches a customer managed kms key to a cloudwatch log group', 'encryption-at-rest', 'customer'],
  ])('%s → %s, %s', (...row) => check(row));
});

describe('edge locations, sites and guards are physical security; power, uplinks, capacity and hosts are infrastructure; the hypervisor is virtualization', () => {
  it.each<Row>([
    ['who secures cloudfront edge locations', 'physical-security', 'aws'],
    ['who secures the edge locations', 'physical-security', 'aws'],
    [
      'who provides physical security for the site our outposts rack sits in',
      'physical-security',
      'customer',
    ],
    ['who guards aws data centers', 'physical-security', 'aws'],
    ['who provides cooling for our outposts rack', 'physical-security', 'customer'],
    ['who provides power for our outposts rack', 'infrastructure', 'customer'],
    ['who provides power to the data centers', 'infrastructure', 'aws'],
    ['who provides the network uplink for an outpost', 'infrastructure', 'customer'],
    ['who plans capacity on our outposts rack', 'infrastructure', 'customer'],
    ['who monitors outposts hardware health', 'infrastructure', 'aws'],
    ['who replaces failed hardware under rds', 'infrastructure', 'aws'],
    ['who runs the servers under fargate', 'infrastructure', 'aws'],
    ['who operates the availability zones', 'infrastructure', 'aws'],
    ['who maintains the hypervisor under ec2', 'virtualization', 'aws'],
    ["who isolates our lambda functions from other customers' functions", 'virtualization', 'aws'],
  ])('%s → %s, %s', (...row) => check(row));
});

describe('encrypting traffic is encryption in transit; encrypting stored data is encryption at rest', () => {
  it.each<Row>([
    ['who mounts efs with tls', 'encryption-in-transit', 'customer'],
    ['who enforces https on our s3 bucket', 'encryption-in-transit', 'customer'],
    ['who makes our s3 bucket reject plain http requests', 'encryption-in-transit', 'customer'],
    ['who encrypts traffic between aws data centers', 'encryption-in-transit', 'aws'],
    ['who enables in-transit encryption for elasticache redis', 'encryption-in-transit', 'customer'],
    ['who signs the api requests our scripts send to lambda', 'encryption-in-transit', 'customer'],
    ['who requires ssl for client connections to redshift', 'encryption-in-transit', 'customer'],
    ['who sets up https for our beanstalk environment', 'encryption-in-transit', 'customer'],
    ['who turns on opensearch node-to-node encryption', 'encryption-in-transit', 'customer'],
    ['who encrypts the outposts service link', 'encryption-in-transit', 'aws'],
    ['who encrypts data between an ec2 instance and its ebs volume', 'encryption-in-transit', 'aws'],
    ['who encrypts the data stored in our efs file system', 'encryption-at-rest', 'customer'],
  ])('%s → %s, %s', (...row) => check(row));
});

describe('who can reach a resource over the network is network security', () => {
  it.each<Row>([
    ['who decides whether our rds instance is publicly accessible', 'network-security', 'customer'],
    ['who writes the security group rules for our redshift cluster', 'network-security', 'customer'],
    ['who keeps s3 block public access on', 'network-security', 'customer'],
    ['who keeps emr block public access turned on', 'network-security', 'customer'],
    ['who changes the default port of our rds database', 'network-security', 'customer'],
    ['who limits which vpc endpoints can call kms', 'network-security', 'customer'],
    ['who sets up vpc endpoints for secrets manager', 'network-security', 'customer'],
    ['who sets up privatelink for secrets manager', 'network-security', 'customer'],
    ['who makes the eks api endpoint private', 'network-security', 'customer'],
    ['who switches our lightsail managed database to public mode', 'network-security', 'customer'],
    ['who opens port 22 on our ec2 instances', 'network-security', 'customer'],
  ])('%s → %s, %s', (...row) => check(row));
});

describe("scanning images and code for vulnerabilities is the application's (or patching); AWS's managed rule groups are configuration", () => {
  it.each<Row>([
    ['who turns on ecr image scanning', 'application', 'customer'],
    ['who maintains the vulnerability database for ecr basic scanning', 'application', 'aws'],
    ['who runs vulnerability scans on our ec2 instances', 'application', 'customer'],
    ['who does vulnerability scanning', 'application', 'customer'],
    ['who scans our code for vulnerabilities', 'application', 'customer'],
    ['who scans the marketplace model containers in sagemaker', 'application', 'aws'],
    ['who fixes the cves ecr scanning found in our images', 'patching', 'customer'],
    ['who updates the aws managed rule groups in waf', 'configuration', 'aws'],
    ['who chooses which waf managed rule groups we use', 'configuration', 'customer'],
    ['who updates the aws managed config rules', 'configuration', 'aws'],
  ])('%s → %s, %s', (...row) => check(row));
});

describe("wiping storage before another customer gets it is data (AWS's); destroying old media is physical", () => {
  it.each<Row>([
    ['who wipes ebs blocks before another customer gets them', 'data', 'aws'],
    ['can another customer read leftover data from a disk we used on ec2? who prevents that', 'data', 'aws'],
    ['who wipes storage before it is reused by another customer', 'data', 'aws'],
    ["who makes sure a new ebs volume has none of another customer's data", 'data', 'aws'],
    ["who wipes reused storage so the next customer can't read our data", 'data', 'aws'],
    ['who wipes s3 storage before reuse', 'data', 'aws'],
    [
      'who wipes the instance store of our ec2 instances before another customer gets the host',
      'data',
      'aws',
    ],
    ['who destroys old disks at the end of their life', 'physical-security', 'aws'],
    ['who cleans up old ebs snapshots we no longer need', 'data', 'customer'],
  ])('%s → %s, %s', (...row) => check(row));
});

describe('certificates for TLS, on servers and in clients, are encryption in transit', () => {
  it.each<Row>([
    ['who rotates the rds ca certificate on our clients', 'encryption-in-transit', 'customer'],
    ['who updates the ca bundle our apps use to connect to aurora', 'encryption-in-transit', 'customer'],
    ['who switches our aurora cluster to the new certificate authority', 'encryption-in-transit', 'customer'],
    ['who handles certificate renewal for our cloudfront distribution', 'encryption-in-transit', 'aws'],
    [
      'who provides the tls certificate for our api gateway custom domain',
      'encryption-in-transit',
      'customer',
    ],
    ['who signs the cloudhsm cluster certificate', 'encryption-in-transit', 'customer'],
    ['who rotates service connect tls certificates in ecs', 'encryption-in-transit', 'aws'],
    ['who renews our tls certificates', 'encryption-in-transit', 'customer'],
    ['who issues the rds server certificates', 'encryption-in-transit', 'aws'],
    ['who supplies the certificates for emr in-transit encryption', 'encryption-in-transit', 'customer'],
    ['who provides the certificate for our cognito custom domain', 'encryption-in-transit', 'customer'],
  ])('%s → %s, %s', (...row) => check(row));
});

describe('reviewing logs and findings is logging & monitoring; triaging and investigating is incident response; who may read our data is IAM', () => {
  const ask = (text: string) => engine().respond({ text, conversationKey: `tp${Math.random()}` });
  it.each([
    ['who looks through our cloudtrail logs for suspicious activity?', 'logging-monitoring'],
    ['who triages the guardduty findings in our account?', 'incident-response'],
    ['who investigates a compromised instance in our own account?', 'incident-response'],
    ['who decides who can read the files we keep on aws?', 'iam'],
  ])('%s → %s, yours', (text, topic) => {
    const r = ask(text);
    expect(r.meta.topic).toBe(topic);
    expect(r.kind === 'answer' ? r.owner : null).toBe('customer');
  });
});

describe('a layer duty asked with an activity verb is that activity (patching, configuration)', () => {
  const ask = (text: string) => engine().respond({ text, conversationKey: `ac${Math.random()}` });
  it.each([
    ['Configuring the network devices in AWS data centers', 'configuration', 'aws'],
    ['who patches the hypervisor?', 'patching', 'aws'],
    ['who runs the routers and switches in AWS data centers?', 'infrastructure', 'aws'],
  ])('%s → %s, %s', (text, topic, owner) => {
    const r = ask(text);
    expect(r.meta.topic).toBe(topic);
    expect(r.kind === 'answer' ? r.owner : null).toBe(owner);
  });
});

describe('audits of AWS data centers are compliance, not physical security', () => {
  const ask = (text: string) => engine().respond({ text, conversationKey: `au${Math.random()}` });
  it.each([
    'who has the AWS data centers audited against ISO 27001?',
    'who gets SOC 2 audits of the aws data centres done?',
  ])('%s → compliance, AWS', (text) => {
    const r = ask(text);
    expect(r.meta.topic).toBe('compliance');
    expect(r.kind === 'answer' ? r.owner : null).toBe('aws');
  });
});

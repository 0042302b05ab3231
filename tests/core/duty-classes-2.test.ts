import { describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/reply.js';
import { engine } from '../helpers/engine.js';

/**
 * More classes of task whose owner was wrong (RESPONSIBILITY.md sections 1, 3 and 4), fixed in data/ the way
 * tests/core/duty-classes.test.ts describes: each class asked on several services and in several phrasings (terse,
 * slang, long, "AWS does X for us, right?"), none of these sentences a phrase in data/. A row with a third element is
 * a follow-up to that earlier question in the same conversation.
 */
let n = 0;
const owner = (r: Reply) => (r.kind === 'answer' ? r.owner : r.kind);
const ask = (text: string, before?: string): Reply => {
  const conversationKey = `dc2-${n++}`;
  if (before) engine().respond({ text: before, conversationKey });
  return engine().respond({ text, conversationKey });
};

describe("EKS add-ons are yours to update (AWS's under Auto Mode); control plane patches within a version are AWS's, Kubernetes version upgrades yours", () => {
  it.each<[string, string, string?]>([
    ['who updates the vpc cni on eks', 'customer'],
    ['who upgrades the VPC CNI add-on on our EKS cluster', 'customer'],
    ['eks coredns update - us or aws?', 'customer'],
    ['kube-proxy version bump on eks whose job', 'customer'],
    ['our eks cluster runs an old coredns, aws updates add-ons for us, right?', 'customer'],
    ['who updates eks add-ons like vpc cni coredns and kube-proxy', 'customer'],
    ['who updates the eks managed add-ons', 'customer'],
    ['in eks auto mode, who updates the vpc cni', 'aws'],
    ['eks auto mode coredns updates who', 'aws'],
    ['who patches the eks control plane', 'aws'],
    ['who applies security patches to the eks control plane within a kubernetes version', 'aws'],
    ['eks control plane patch version updates, who does those', 'aws'],
    ['who upgrades our eks cluster to kubernetes 1.31', 'customer'],
    ['kubernetes version upgrade on eks whose responsibility', 'customer'],
    ['does aws patch the kubernetes api server on eks', 'aws'],
    ['who maintains the etcd and api servers for eks', 'aws'],
    ['who updates the amazon vpc cni plugin for kubernetes', 'customer'],
    ['who updates the ebs csi driver add-on', 'customer'],
    ['who updates the eks platform version of our cluster', 'aws'],
    ['eks platform version updates, do we have to do them?', 'aws'],
  ])('%s → %s', (q, expected, before) => {
    expect(owner(ask(q, before))).toBe(expected);
  });
});

describe('Fargate: standalone tasks scheduled for retirement are yours to restart, service tasks ECS replaces; the image is yours', () => {
  it.each<[string, string, string?]>([
    ['our standalone fargate task is scheduled for retirement, who restarts it', 'customer'],
    ['fargate task retirement notice for a standalone task, who has to stop and start it', 'customer'],
    ["aws will restart our standalone fargate tasks when they're retired, right?", 'customer'],
    ['who replaces ecs service tasks on fargate when they are retired', 'aws'],
    ['fargate service tasks retirement who replaces them', 'aws'],
    ["who patches what's inside our fargate container image", 'customer'],
    ['who is responsible for the software in the container image we run on fargate', 'customer'],
    ['vulnerabilities in our container image on fargate, aws fixes those right?', 'customer'],
    ['who scans our fargate container images for cves', 'customer'],
    ['who patches the base image of our fargate containers', 'customer'],
    ['who patches fargate', 'aws'],
    ['standalone task on fargate got a retirement notice - aws handles it?', 'customer'],
    ['who stops and starts standalone fargate tasks before the retirement date', 'customer'],
    ['who relaunches a runtask fargate task that is scheduled for retirement', 'customer'],
    ['who restarts a standalone ecs task on fargate that is scheduled for retirement', 'customer'],
    ['ecs fargate task retirement, standalone task, who restarts it', 'customer'],
    ['and standalone tasks?', 'customer', 'who replaces fargate service tasks retired for patching'],
  ])('%s → %s', (q, expected, before) => {
    expect(owner(ask(q, before))).toBe(expected);
  });
});

describe("EMR: reboot-requiring (kernel) updates reach a running cluster only when you relaunch; boot-time updates and patched AMIs are AWS's", () => {
  it.each<[string, string, string?]>([
    ['who applies kernel updates on a running emr cluster', 'customer'],
    ['emr kernel patches who', 'customer'],
    ['emr kernel fix that needs a reboot, who gets it on the cluster', 'customer'],
    ["there's a CVE in the kernel on our emr nodes, who patches it", 'customer'],
    ['who applies the updates that emr installs at boot', 'aws'],
    ['emr security updates at instance boot, who applies them', 'aws'],
    ['who publishes patched amis for emr', 'aws'],
    ['who relaunches our emr cluster on a newer release to get kernel updates', 'customer'],
    ['aws patches the kernel on our long-running emr cluster, right?', 'customer'],
    ['kernel updates?', 'customer', 'who patches the OS on emr clusters?'],
    ['and kernel patches?', 'customer', 'who publishes patched amis for emr?'],
    ['what about a CVE in the kernel', 'customer', 'who applies os updates on our emr cluster'],
    ['who patches the os on emr', 'shared'],
    ['kernel fix?', 'customer', 'who patches emr'],
    ['who installs security updates when emr nodes boot', 'aws'],
    ['emr nodes pull security updates at first boot, who does that', 'aws'],
    ['kernel cve on emr - whose problem', 'customer'],
    ['long-running emr cluster, kernel vulnerability announced, who handles it', 'customer'],
  ])('%s → %s', (q, expected, before) => {
    expect(owner(ask(q, before))).toBe(expected);
  });
});

describe('always-on protections AWS guarantees, asked in long or doubting wording', () => {
  it.each<[string, string, string?]>([
    ['is dynamodb data encrypted at rest', 'aws'],
    ['we never turned anything on for dynamodb, is our data encrypted at rest anyway?', 'aws'],
    ['do we have to set up encryption at rest for dynamodb ourselves?', 'aws'],
    ['dynamodb encryption at rest, do we have to enable it?', 'aws'],
    ['who encrypts dynamodb tables at rest', 'aws'],
    ['is s3 data encrypted at rest by default', 'aws'],
    ['we never turned on encryption for our s3 buckets, is the data encrypted anyway?', 'aws'],
    ['do we have to set up encryption for new s3 objects?', 'aws'],
    ['who enables s3 default encryption', 'customer'],
    ['who chooses sse-kms for our s3 bucket', 'customer'],
    ["who keeps aurora's six copies across three azs", 'aws'],
    [
      'aurora replicates our data six ways across three availability zones, do we have to set that up?',
      'aws',
    ],
    ['is aurora storage replicated across azs automatically or do we do that', 'aws'],
    ['who replicates ebs volumes within an az', 'aws'],
    ['ebs volumes are replicated inside the availability zone, do we have to configure that?', 'aws'],
    ['who updates aws managed iam policies when new actions come out', 'aws'],
    ['aws managed policies get new permissions when services add actions, who updates them', 'aws'],
    ['do we have to update aws managed policies ourselves when new api actions appear?', 'aws'],
    ["who encrypts traffic on aws's backbone between data centers", 'aws'],
    ['is traffic between aws facilities encrypted, do we have to set that up?', 'aws'],
    ['who encrypts data moving between aws regions on the aws network', 'aws'],
    ['who isolates our vpc network traffic from other customers', 'aws'],
    ['how is our vpc traffic kept separate from other aws customers, who does that', 'aws'],
    ['we never configured anything, is our vpc traffic isolated from other tenants anyway?', 'aws'],
    ['who handles a security incident inside an aws data center', 'aws'],
    ["who responds to an incident in aws's own infrastructure", 'aws'],
    ["incident in AWS's own infrastructure, whose job is it", 'aws'],
    ['security incident in the aws data center hosting our ec2 instances, who responds', 'aws'],
    ['who responds to a security incident in our own aws account', 'customer'],
    [
      'nobody here ever configured encryption on our buckets - is s3 data encrypted at rest anyway or is that on us?',
      'aws',
    ],
    ['who encrypts our s3 data at rest', 'aws'],
    ['who chooses between sse-s3 and sse-kms for a bucket', 'customer'],
    ['dynamodb: we did nothing about encryption. is the table encrypted at rest?', 'aws'],
    ['aurora six copies across three azs, aws does that for us, right?', 'aws'],
    ['is ebs data replicated within the az automatically', 'aws'],
    ['aws updates its managed policies when services add new actions, right?', 'aws'],
    ['is traffic between aws regions encrypted on the aws backbone automatically', 'aws'],
    ['who keeps our vpc isolated from other aws accounts', 'aws'],
    ['who responds to a breach in aws infrastructure', 'aws'],
    ['who responds to an incident in our aws account', 'customer'],
    ['who handles a security incident on our ec2 instances', 'customer'],
    ['ebs replication within the az - do we need to configure it?', 'aws'],
    ['is our dynamodb table encrypted by default or do we have to turn that on', 'aws'],
    ['who makes sure s3 objects are encrypted at rest when nobody set anything', 'aws'],
  ])('%s → %s', (q, expected, before) => {
    expect(owner(ask(q, before))).toBe(expected);
  });
});

describe('Athena engine versions: AWS upgrades automatic workgroups, pinned ones are yours to move', () => {
  it.each<[string, string, string?]>([
    ['who upgrades the athena engine version', 'aws'],
    ['athena engine version automatic upgrade, who does it', 'aws'],
    ['our athena workgroup is set to automatic engine upgrades, who upgrades it', 'aws'],
    ['we pinned athena engine version 2 on a workgroup, who moves us to version 3', 'customer'],
    ['athena engine version manually chosen, who upgrades it', 'customer'],
    ['aws upgrades our athena engine even when we pinned a version, right?', 'customer'],
    ['who chooses the athena engine version for a workgroup', 'customer'],
    ['who sets athena workgroups to automatic or manual engine upgrades', 'customer'],
    ['athena engine upgrades - do we have to do them?', 'aws'],
    ['who patches athena', 'aws'],
  ])('%s → %s', (q, expected, before) => {
    expect(owner(ask(q, before))).toBe(expected);
  });
});

describe('KMS imported key material: the copy outside AWS is yours', () => {
  it.each<[string, string, string?]>([
    ['who keeps a copy of imported key material for kms', 'customer'],
    ['kms imported key material expired, who has a copy to re-import', 'customer'],
    ['aws keeps a copy of the key material we imported into kms, right?', 'customer'],
    ['we imported our own key material into kms, who stores a copy outside aws', 'customer'],
    ['who is responsible for backing up byok key material in kms', 'customer'],
    ['who sets the expiration of imported key material', 'customer'],
    ['who protects kms keys in hsms', 'aws'],
    ['byok in kms: if the imported material expires, does aws have a copy we can get back?', 'customer'],
    ['who keeps the original key material after importing it into kms', 'customer'],
    ['who stores kms key material durably', 'aws'],
  ])('%s → %s', (q, expected, before) => {
    expect(owner(ask(q, before))).toBe(expected);
  });
});

describe("AWS Backup: the vault's KMS key is yours to choose", () => {
  it.each<[string, string, string?]>([
    ['who chooses the kms key for an aws backup vault', 'customer'],
    ['aws backup vault encryption key, who picks it', 'customer'],
    ['who encrypts backups in aws backup vault', 'aws'],
    ['who decides which kms key protects the backup vault', 'customer'],
    ['aws backup picks the vault key for us, right?', 'customer'],
    ['which kms key encrypts our backup vault, who decides', 'customer'],
    ['who chooses the encryption key for backup vaults', 'customer'],
  ])('%s → %s', (q, expected, before) => {
    expect(owner(ask(q, before))).toBe(expected);
  });
});

describe("compliance: shared as a whole, your workload's compliance yours, audits of AWS AWS's", () => {
  it.each<[string, string, string?]>([
    ['who is responsible for compliance overall', 'shared'],
    ['who is responsible for compliance?', 'shared'],
    ['compliance - aws or us?', 'shared'],
    ['who makes our workload hipaa compliant', 'customer'],
    ['who makes our application pci compliant on aws', 'customer'],
    ['who is responsible for making our workload compliant', 'customer'],
    ["who audits aws's infrastructure", 'aws'],
    ['who gets the soc 2 audits of aws done', 'aws'],
    ['aws takes care of our compliance since they are certified, right?', 'customer'],
    ['who makes our application compliant with pci dss', 'customer'],
    ['our auditors ask who makes our systems compliant - aws?', 'customer'],
    ['who is in charge of compliance on aws', 'shared'],
    ['who makes sure our workloads comply with gdpr', 'customer'],
    ["who keeps aws's infrastructure certified for iso 27001", 'aws'],
  ])('%s → %s', (q, expected, before) => {
    expect(owner(ask(q, before))).toBe(expected);
  });
});

describe('awareness & training: shared as a control, training our own people is ours', () => {
  it.each<[string, string, string?]>([
    ['who does security awareness training for our staff', 'customer'],
    ['security awareness training for our developers, whose job', 'customer'],
    ['who trains our engineers on security', 'customer'],
    ['aws gives our devs security training, right?', 'customer'],
    ['who runs phishing awareness training for our employees', 'customer'],
    ['who is responsible for awareness and training', 'shared'],
    ['who handles security awareness training', 'shared'],
    ['security awareness training for our staff - aws or us?', 'customer'],
    ['who provides security training to our new hires', 'customer'],
    ['security training for aws data center staff, who does it', 'aws'],
    ['who is responsible for security awareness training', 'shared'],
  ])('%s → %s', (q, expected, before) => {
    expect(owner(ask(q, before))).toBe(expected);
  });
});

describe("RDS Custom high availability is yours; standard RDS failover is AWS's once Multi-AZ is on", () => {
  it.each<[string, string, string?]>([
    ['who sets up high availability on rds custom', 'customer'],
    ['rds custom multi-az who configures it', 'customer'],
    ['rds custom for oracle high availability, whose job', 'customer'],
    ['rds custom for sql server multi-az, who sets it up', 'customer'],
    ['aws handles failover on rds custom, right?', 'customer'],
    ['who performs the multi-az failover on rds', 'aws'],
    ['who enables multi-az on rds', 'customer'],
    ['who fails over our standard rds instance to the standby', 'aws'],
  ])('%s → %s', (q, expected, before) => {
    expect(owner(ask(q, before))).toBe(expected);
  });
});

describe('SageMaker notebook instances: updates arrive when you stop and restart them', () => {
  it.each<[string, string, string?]>([
    ['who restarts the sagemaker notebook instance to get security updates', 'customer'],
  ])('%s → %s', (q, expected, before) => {
    expect(owner(ask(q, before))).toBe(expected);
  });
});

describe('security group rules for managed database clusters are yours', () => {
  it.each<[string, string, string?]>([
    ['who writes the security group rules for our aurora cluster', 'customer'],
    ['security group rules for our aurora cluster', 'customer'],
    ['who configures security groups for redshift clusters', 'customer'],
    ['who manages the security group rules of our elasticache cluster', 'customer'],
    ['who sets the security groups on our opensearch domain', 'customer'],
    ['who writes the security groups for our rds instance', 'customer'],
    ['who opens port 5432 on the aurora cluster security group', 'customer'],
    ['who configures inbound rules for the redshift cluster', 'customer'],
  ])('%s → %s', (q, expected, before) => {
    expect(owner(ask(q, before))).toBe(expected);
  });
});

describe('enabling encryption when creating a database cluster is yours', () => {
  it.each<[string, string, string?]>([
    ['who enables encryption when creating an aurora cluster', 'customer'],
    ['who turns on encryption at rest for rds when creating the instance', 'customer'],
    ['who enables encryption on a redshift cluster', 'customer'],
    ['who enables encrytion for our elasticache cluster at creation', 'customer'],
    ['who turns on at-rest encryption for the opensearch domain', 'customer'],
    ['who enables encription on our aurora cluster', 'customer'],
    ['aurora cluster encryption at creation, who does it', 'customer'],
    ['who encrypts our rds database at rest', 'customer'],
    ['who enables encyrption on an aurora cluster', 'customer'],
    ['who turns on encrpytion for a new rds instance', 'customer'],
    ['aurora encrypts our cluster automatically, right?', 'customer'],
  ])('%s → %s', (q, expected, before) => {
    expect(owner(ask(q, before))).toBe(expected);
  });
});

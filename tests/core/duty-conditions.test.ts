import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/app/boot.js';
import { normalize, words } from '../../src/core/match/normalize.js';
import { stem } from '../../src/core/match/stem.js';
import type { AnswerReply, Reply } from '../../src/core/reply.js';
import type { Duty, DutyCondition } from '../../src/kb/schema.js';
import { engine, freshEngine } from '../helpers/engine.js';

/**
 * A duty whose owner moves with a choice the customer made (RESPONSIBILITY.md section 4) answers for the
 * choice the conversation names last: the exception ("auto mode", "RDS Custom") and the default case
 * named as such ("managed node groups", "plain RDS") alike, so a follow-up can switch back. And a
 * follow-up that names only the short form of a thing ("and the rules?") asks who owns that thing on
 * the service already being discussed. None of these sentences is a phrase in data/.
 */

/** Each message of a conversation, on an engine of its own. */
const talk = (...texts: string[]): Reply[] => {
  const e = freshEngine();
  return texts.map((text) => e.respond({ text, conversationKey: 'dc' }));
};
const answer = (r: Reply | undefined): AnswerReply => {
  expect(r?.kind, `${r?.question}: ${r?.kind}`).toBe('answer');
  return r as AnswerReply;
};
/** "customer eks.node-patching", the owner and the duty of an answer. */
const said = (r: Reply | undefined) => {
  const a = answer(r);
  return `${a.owner} ${a.meta.duty}`;
};

type Turns = [string, string][];

describe('the default case of a condition switches the owner back', () => {
  const conversations: [string, Turns][] = [
    // EKS: nodes you run, managed node groups, Auto Mode.
    [
      'EKS node OS patching',
      [
        [
          'eks worker nodes we run ourselves, self-managed: who keeps their OS patched?',
          'customer eks.node-patching',
        ],
        ['what about managed node groups?', 'shared eks.node-patching'],
      ],
    ],
    [
      'EKS node OS patching, Auto Mode and back',
      [
        ['who patches eks nodes in auto mode?', 'aws eks.node-patching'],
        ['and with managed node groups instead?', 'shared eks.node-patching'],
        ['and back to auto mode?', 'aws eks.node-patching'],
      ],
    ],
    [
      'EKS node OS patching, three node types',
      [
        ['who patches eks self-managed nodes?', 'customer eks.node-patching'],
        ['and managed node groups?', 'shared eks.node-patching'],
        ['and self-managed?', 'customer eks.node-patching'],
      ],
    ],
    [
      'EKS node group AMI rollout',
      [
        [
          'who rolls our eks node groups onto a new AMI when the cluster uses auto mode?',
          'aws eks.node-group-ami-update',
        ],
        ['and with managed node groups?', 'customer eks.node-group-ami-update'],
      ],
    ],
    [
      'EKS add-ons',
      [
        ['who updates coredns and kube-proxy in eks auto mode?', 'aws eks.add-on-updates'],
        ['and without auto mode?', 'customer eks.add-on-updates'],
        ['and auto mode again?', 'aws eks.add-on-updates'],
      ],
    ],
    [
      'EKS node hardening',
      [
        ['who hardens the kubelet settings of eks nodes in auto mode?', 'aws eks.node-configuration'],
        ['and on self-managed nodes?', 'customer eks.node-configuration'],
      ],
    ],
    [
      'EKS node volume encryption',
      [
        ['who encrypts eks node root volumes in auto mode?', 'aws eks.node-and-volume-encryption'],
        ['and with managed node groups?', 'customer eks.node-and-volume-encryption'],
      ],
    ],
    [
      'EKS version upgrades at end of support',
      [
        [
          'who upgrades the eks kubernetes version once it reaches end of extended support?',
          'aws eks.kubernetes-version-upgrades',
        ],
        ['and while it is still supported?', 'customer eks.kubernetes-version-upgrades'],
      ],
    ],
    // ECS: EC2 launch type, Fargate, ECS Managed Instances.
    [
      'ECS container instance OS',
      [
        ['who patches the OS of ecs container instances on fargate?', 'aws ecs.container-instance-os'],
        ['and if we switch to the EC2 launch type?', 'customer ecs.container-instance-os'],
      ],
    ],
    [
      'ECS container agent',
      [
        ['who updates the ecs container agent with the ec2 launch type?', 'customer ecs.container-agent'],
        ['and with ecs managed instances?', 'aws ecs.container-agent'],
        ['and back on the ec2 launch type?', 'customer ecs.container-agent'],
      ],
    ],
    [
      'ECS task isolation',
      [
        ['who isolates ecs tasks from each other when they run on fargate?', 'aws ecs.task-isolation'],
        ['and with the ec2 launch type?', 'customer ecs.task-isolation'],
      ],
    ],
    [
      'ECS retired tasks',
      [
        ['on ecs, who replaces retired tasks that are standalone?', 'customer ecs.task-replacement'],
        ['and service tasks?', 'aws ecs.task-replacement'],
        ['and standalone ones again?', 'customer ecs.task-replacement'],
      ],
    ],
    [
      'Fargate retired tasks',
      [
        [
          'who replaces fargate tasks retired for patching if they are standalone tasks?',
          'customer fargate.task-replacement',
        ],
        ['and service tasks?', 'aws fargate.service-task-replacement'],
      ],
    ],
    // Lambda: managed runtimes, container images, update modes.
    [
      'Lambda runtime packaging',
      [
        [
          'who patches the runtime of a lambda function packaged as a container image?',
          'customer lambda.runtime-patching',
        ],
        ['and with a managed runtime?', 'aws lambda.runtime-patching'],
        ['and as a container image?', 'customer lambda.runtime-patching'],
      ],
    ],
    [
      'Lambda runtime update modes',
      [
        [
          'who patches the lambda runtime with runtime updates set to manual?',
          'customer lambda.runtime-patching',
        ],
        ['and in auto mode?', 'aws lambda.runtime-patching'],
        ['and function update mode?', 'customer lambda.runtime-patching'],
      ],
    ],
    // RDS vs RDS Custom, Region vs Outposts, auto minor version upgrade.
    [
      'RDS engine patching',
      [
        ['who patches the database engine on rds custom for oracle?', 'customer rds.engine-os-patching'],
        ['and plain RDS, not Custom?', 'aws rds.engine-os-patching'],
        ['and rds custom again?', 'customer rds.engine-os-patching'],
      ],
    ],
    [
      'RDS automated backups',
      [
        ['who takes the automated backups on rds custom?', 'shared rds.automated-backups'],
        ['and on standard rds?', 'aws rds.automated-backups'],
      ],
    ],
    [
      'RDS failover',
      [
        ['who handles failover to the standby on rds custom?', 'customer rds.automatic-failover'],
        ['and on regular rds?', 'aws rds.automatic-failover'],
      ],
    ],
    [
      'RDS Multi-AZ on Outposts',
      [
        ['who chooses multi-az for rds on outposts?', 'shared rds.multi-az-choice'],
        ['and in the region?', 'customer rds.multi-az-choice'],
      ],
    ],
    [
      'Aurora minor versions',
      [
        [
          'who applies aurora minor version upgrades with auto minor version upgrade off?',
          'customer aurora.minor-version-upgrades',
        ],
        ['and if auto minor version upgrade is on?', 'aws aurora.minor-version-upgrades'],
      ],
    ],
    // Elastic Beanstalk: managed platform updates on or off, custom AMI.
    [
      'Beanstalk managed updates',
      [
        [
          'who applies platform updates on beanstalk with managed updates off?',
          'customer elastic-beanstalk.platform-updates',
        ],
        ['with managed platform updates on?', 'aws elastic-beanstalk.platform-updates'],
        ['and with managed updates disabled?', 'customer elastic-beanstalk.platform-updates'],
      ],
    ],
    [
      'Beanstalk custom AMI',
      [
        [
          'who patches the beanstalk instances when we run a custom ami?',
          'customer elastic-beanstalk.platform-updates',
        ],
        ['and with the default platform ami?', 'shared elastic-beanstalk.platform-updates'],
      ],
    ],
    // Serverless options: ElastiCache, Redshift, OpenSearch, EMR.
    [
      'ElastiCache encryption at rest',
      [
        [
          'who turns on encryption at rest on an elasticache serverless cache?',
          'aws elasticache.at-rest-encryption',
        ],
        ['and node-based clusters?', 'customer elasticache.at-rest-encryption'],
        ['and serverless again?', 'aws elasticache.at-rest-encryption'],
      ],
    ],
    [
      'ElastiCache service updates',
      [
        [
          'who applies elasticache service updates on a serverless cache?',
          'aws elasticache.self-service-updates',
        ],
        ['and on node-based clusters?', 'customer elasticache.self-service-updates'],
      ],
    ],
    [
      'ElastiCache Multi-AZ',
      [
        ['who sets up multi-az failover for elasticache serverless?', 'aws elasticache.multi-az-failover'],
        ['and for node-based clusters?', 'customer elasticache.multi-az-failover'],
      ],
    ],
    [
      'Redshift encryption',
      [
        ['who encrypts a redshift serverless namespace at rest?', 'aws redshift.cluster-encryption'],
        ['and provisioned clusters?', 'customer redshift.cluster-encryption'],
      ],
    ],
    [
      'Redshift maintenance window',
      [
        [
          'who picks the redshift maintenance window for provisioned clusters?',
          'customer redshift.maintenance-window',
        ],
        ['and if it is serverless?', 'aws redshift.maintenance-window'],
        ['and provisioned clusters again?', 'customer redshift.maintenance-window'],
      ],
    ],
    [
      'OpenSearch encryption at rest',
      [
        [
          'who turns on encryption at rest for opensearch serverless collections?',
          'aws opensearch.at-rest-encryption',
        ],
        ['and provisioned domains?', 'customer opensearch.at-rest-encryption'],
        ['and serverless collections?', 'aws opensearch.at-rest-encryption'],
      ],
    ],
    [
      'OpenSearch version upgrades',
      [
        [
          'who upgrades the engine version of opensearch serverless collections?',
          'aws opensearch.engine-version-upgrade',
        ],
        ['and managed domains?', 'customer opensearch.engine-version-upgrade'],
      ],
    ],
    [
      'EMR node patching',
      [
        ['who patches emr cluster nodes with emr serverless?', 'aws emr.node-os-patching'],
        ['and emr on ec2?', 'shared emr.node-os-patching'],
      ],
    ],
    // Lightsail instances vs managed databases; SageMaker notebook instances vs Studio.
    [
      'Lightsail patching',
      [
        ['who patches the OS on our lightsail instances?', 'customer lightsail.instance-os-patching'],
        ['and a managed database?', 'aws lightsail.instance-os-patching'],
        ['and the instances again?', 'customer lightsail.instance-os-patching'],
      ],
    ],
    [
      'Lightsail snapshots',
      [
        ['who takes snapshots of lightsail managed databases?', 'aws lightsail.instance-snapshots'],
        ['and the instances themselves?', 'customer lightsail.instance-snapshots'],
      ],
    ],
    [
      'SageMaker notebooks',
      [
        ['who patches sagemaker notebooks in studio?', 'customer sagemaker.notebook-patching'],
        ['and classic notebook instances?', 'shared sagemaker.notebook-patching'],
      ],
    ],
    // One Region vs another Region.
    [
      'DynamoDB replication',
      [
        ['who replicates dynamodb data across azs?', 'aws dynamodb.multi-az-replication'],
        ['and across regions?', 'customer dynamodb.multi-az-replication'],
        ['and within one region?', 'aws dynamodb.multi-az-replication'],
      ],
    ],
    [
      'Kinesis replication',
      [
        ['who keeps kinesis stream data across azs?', 'aws kinesis.multi-az-storage'],
        ['and to another region?', 'customer kinesis.multi-az-storage'],
      ],
    ],
    [
      'S3 availability',
      [
        ['does aws keep s3 available through the loss of an availability zone?', 'aws s3.az-resilience'],
        ['and cross-region?', 'customer s3.az-resilience'],
        ['and within a single region?', 'aws s3.az-resilience'],
      ],
    ],
    // Other choices that move the owner.
    [
      'DynamoDB DAX encryption',
      [
        ['who encrypts dynamodb data at rest in a dax cluster?', 'customer dynamodb.table-encryption'],
        ['and the base tables without dax?', 'aws dynamodb.table-encryption'],
      ],
    ],
    [
      'EBS volume link',
      [
        [
          'on ebs, who encrypts data moving between the instance and the volume when the volume is not encrypted?',
          'customer ebs.host-volume-link',
        ],
        ['and when the volume is encrypted?', 'aws ebs.host-volume-link'],
      ],
    ],
    [
      'KMS key material',
      [
        ['does aws keep kms key material durable?', 'aws kms.key-material-durability'],
        ['and imported key material?', 'customer kms.key-material-durability'],
        ['and key material generated by kms?', 'aws kms.key-material-durability'],
      ],
    ],
    [
      'KMS key stores',
      [
        ['who keeps kms available in a region?', 'aws kms.service-availability'],
        ['and with a custom key store?', 'customer kms.service-availability'],
        ['and without a custom key store?', 'aws kms.service-availability'],
      ],
    ],
    [
      'WAF managed rule versions',
      [
        [
          'who updates aws managed rules in waf when we pin a static version?',
          'customer waf.managed-rules-maintenance',
        ],
        ['and on the default version?', 'aws waf.managed-rules-maintenance'],
      ],
    ],
    [
      'GuardDuty agent',
      [
        [
          'who updates the guardduty security agent when we manage the agent manually?',
          'customer guardduty.security-agent',
        ],
        ['and if guardduty manages the agent automatically?', 'aws guardduty.security-agent'],
      ],
    ],
    [
      'Secrets Manager rotation function',
      [
        [
          'in secrets manager, who maintains the rotation function for a secret with managed rotation?',
          'aws secrets-manager.rotation-function',
        ],
        ['and for secrets without managed rotation?', 'customer secrets-manager.rotation-function'],
      ],
    ],
    [
      'AWS Backup encryption',
      [
        [
          'who encrypts aws backup recovery points of resource types that are not fully managed?',
          'customer backup.backup-encryption',
        ],
        ['and fully managed resource types?', 'aws backup.backup-encryption'],
      ],
    ],
    [
      'FSx automatic backups',
      [
        [
          'who takes automatic backups of an fsx for lustre scratch file system?',
          'customer fsx.automatic-backups',
        ],
        ['and persistent file systems?', 'aws fsx.automatic-backups'],
      ],
    ],
    [
      'Outposts hardware',
      [
        ['who replaces failed hardware on an outposts server?', 'customer outposts.hardware-replacement'],
        ['and on an outposts rack?', 'aws outposts.hardware-replacement'],
      ],
    ],
    [
      'Athena engine upgrades',
      [
        [
          'who upgrades a workgroup engine version in athena when it is pinned?',
          'customer athena.engine-version-auto-upgrade',
        ],
        ['and with automatic upgrades?', 'aws athena.engine-version-auto-upgrade'],
      ],
    ],
    [
      'Shield Response Team',
      [
        [
          'does the shield response team help us during a ddos attack without shield advanced?',
          'customer shield.srt-support',
        ],
        ['and with shield advanced?', 'aws shield.srt-support'],
      ],
    ],
    [
      'CloudFront certificates',
      [
        [
          'who renews expiring certificates for cloudfront distributions?',
          'aws cloudfront.certificate-renewal',
        ],
        ['and an imported certificate?', 'customer cloudfront.certificate-renewal'],
      ],
    ],
  ];

  it.each(conversations)('%s', (_name, turns) => {
    const replies = talk(...turns.map(([text]) => text));
    expect(replies.map(said)).toEqual(turns.map(([, expected]) => expected));
  });

  it('a stated default is the condition of the answer: it names it, and lists no exception as its own', () => {
    const [, r] = talk('who patches eks auto mode nodes?', 'and managed node groups?');
    const a = answer(r);
    expect(a.duty?.condition?.when).toBe('managed node groups');
    expect(a.duty?.exceptions).toEqual([]);
  });

  it('a question naming no condition gives the common case and names the exceptions, not the common case', () => {
    const a = answer(
      engine().respond({ text: 'who patches the nodes of our eks cluster?', conversationKey: 'dc-x' }),
    );
    expect(a.owner).toBe('shared');
    expect(a.duty?.condition).toBeNull();
    const exceptions = a.duty?.exceptions.map((e) => e.when) ?? [];
    expect(exceptions).toEqual(expect.arrayContaining(['self-managed nodes', 'EKS Auto Mode']));
    expect(exceptions).not.toContain('managed node groups');
  });
});

describe('a follow-up that names only a short form of a thing asks about it on the same service', () => {
  const followUps: [string, string, string, string][] = [
    ['who enforces mfa for iam users?', 'and removing the accounts of people who left?', 'iam', 'customer'],
    ['who requires mfa on our aws accounts iam users?', 'and offboarding?', 'iam', 'customer'],
    ['who turns on the aws config recorder?', 'and the rules?', 'config', 'customer'],
    ['who protects api gateway apis with waf?', 'and the authorizers?', 'api-gateway', 'customer'],
    ['who turns on rotation for customer managed kms keys?', 'and key policies?', 'kms', 'customer'],
    ['who turns on point in time recovery for dynamodb?', 'and across regions?', 'dynamodb', 'customer'],
    ['who turns on versioning for s3 buckets?', 'and the lifecycle?', 's3', 'customer'],
    ['who encrypts sqs queues?', 'and dead letters?', 'sqs', 'customer'],
    ['who encrypts sns topics?', 'and the signatures?', 'sns', 'customer'],
    ['who patches the eks control plane?', 'and the add-ons?', 'eks', 'customer'],
    ['who patches the lambda runtime?', 'and the deps?', 'lambda', 'customer'],
    ['who patches rds?', 'and the master password?', 'rds', 'customer'],
    ['who patches aurora?', 'and the readers?', 'aurora', 'customer'],
    ['who patches redshift?', 'and the users?', 'redshift', 'customer'],
    ['who takes cloudhsm backups?', 'and the users?', 'cloudhsm', 'customer'],
    ['who patches ecr?', 'and immutability?', 'ecr', 'customer'],
    ['who runs the cloudfront edge network?', 'and geo-blocking?', 'cloudfront', 'customer'],
    ['who patches cognito?', 'and the tokens?', 'cognito', 'customer'],
    ['who patches guardduty?', 'and suppression?', 'guardduty', 'customer'],
    ['who patches the waf engine?', 'and rule groups?', 'waf', 'customer'],
    ['who runs the route 53 dns servers?', 'and the dns entries?', 'route53', 'customer'],
    ['who patches elastic beanstalk platforms?', 'and the config?', 'elastic-beanstalk', 'customer'],
    ['who patches elasticache nodes?', 'and auth?', 'elasticache', 'customer'],
    ['who patches emr clusters?', 'and the kernels?', 'emr', 'customer'],
    ['who patches the fargate hosts?', 'and the retirements?', 'fargate', 'customer'],
    ['who patches lightsail instances?', 'and the ssh?', 'lightsail', 'customer'],
    ['who patches opensearch domains?', 'and dedicated masters?', 'opensearch', 'customer'],
    ['who patches the hardware of our outposts?', 'and the links?', 'outposts', 'customer'],
    ['who patches sagemaker notebook instances?', 'and the containers?', 'sagemaker', 'customer'],
    ['who patches windows on amazon workspaces?', 'and the gpos?', 'workspaces', 'customer'],
    ['who turns on cloudtrail?', 'and the digests?', 'cloudtrail', 'customer'],
    ['who sets cloudwatch alarms?', 'and the agents?', 'cloudwatch', 'customer'],
    ['who configures aws backup plans?', 'and immutability?', 'backup', 'customer'],
    ['who patches the glue job environment?', 'and the modules?', 'glue', 'customer'],
    ['who writes scps in aws organizations?', 'and the ou layout?', 'organizations', 'customer'],
    ['who rotates secrets in secrets manager?', 'and the replicas?', 'secrets-manager', 'customer'],
    ['who subscribes to shield advanced?', 'and the contact list?', 'shield', 'customer'],
    ['who writes step functions state machine definitions?', 'and the role?', 'step-functions', 'customer'],
    ['who writes vpc security group rules?', 'and the acls?', 'vpc', 'customer'],
    ['who patches the fsx file servers?', 'and the ntfs permissions?', 'fsx', 'customer'],
    ['who patches athena?', 'and the workgroup config?', 'athena', 'customer'],
    ['who encrypts efs file systems at rest?', 'and the access point root?', 'efs', 'customer'],
    ['who patches ec2 guest os?', 'and the jump boxes?', 'ec2', 'customer'],
    ['who encrypts ebs volumes?', 'and orphaned volumes?', 'ebs', 'customer'],
    ['who patches ecs container instances?', 'and the task iam roles?', 'ecs', 'customer'],
    ['who rotates customer managed kms keys?', 'and imported key material?', 'kms', 'customer'],
    ['who patches the os of our outposts instances?', 'and the firmware?', 'outposts', 'aws'],
  ];

  it.each(followUps)('%s → %s: %s, %s', (first, next, service, expected) => {
    const [, r] = talk(first, next);
    const a = answer(r);
    expect(a.meta.service).toBe(service);
    expect(a.meta.duty).not.toBeNull();
    expect(a.owner).toBe(expected);
  });
});

/** The additions script and its data (scripts/content-additions.json), checked against data/. */
describe('content additions', () => {
  interface Additions {
    services: Record<
      string,
      {
        aliases?: string[];
        duties: Record<
          string,
          {
            objects?: string[];
            phrases?: string[];
            conditions?: DutyCondition[];
            conditionPhrases?: Record<string, string[]>;
          }
        >;
      }
    >;
  }
  const script = join(PACKAGE_ROOT, 'scripts/apply-content-additions.mjs');
  const additions = JSON.parse(
    readFileSync(join(PACKAGE_ROOT, 'scripts/content-additions.json'), 'utf8'),
  ) as Additions;
  const kb = engine().kb;
  const dutiesOf = (serviceId: string): Duty[] => {
    const s = kb.services.find((x) => x.id === serviceId);
    return Object.values(s?.topics ?? {}).flatMap((e) => (e && 'duties' in e ? e.duties : []));
  };
  const key = (text: string) => words(normalize(text)).map(stem).join(' ');
  const norm = (text: string) => text.trim().toLowerCase();

  it('everything it lists is in data/ (the script has been run)', () => {
    const missing: string[] = [];
    for (const [serviceId, add] of Object.entries(additions.services)) {
      const service = kb.services.find((s) => s.id === serviceId);
      for (const a of add.aliases ?? [])
        if (!service?.aliases.includes(a)) missing.push(`${serviceId} alias ${a}`);
      for (const [dutyId, d] of Object.entries(add.duties)) {
        const duty = dutiesOf(serviceId).find((x) => x.id === dutyId);
        if (!duty) {
          missing.push(`${serviceId}.${dutyId}`);
          continue;
        }
        for (const o of d.objects ?? [])
          if (!duty.objects.map(norm).includes(norm(o))) missing.push(`${dutyId} ${o}`);
        for (const p of d.phrases ?? [])
          if (!duty.phrases.map(norm).includes(norm(p))) missing.push(`${dutyId} ${p}`);
        const conditions = [
          ...(d.conditions ?? []).map((c) => [c.when, c.phrases, c.owner] as const),
          ...Object.entries(d.conditionPhrases ?? {}).map(
            ([when, phrases]) => [when, phrases, null] as const,
          ),
        ];
        for (const [when, phrases, owner] of conditions) {
          const c = duty.conditions.find((x) => norm(x.when) === norm(when));
          if (!c || (owner && c.owner !== owner)) missing.push(`${dutyId} condition ${when}`);
          for (const p of phrases)
            if (!c?.phrases.map(norm).includes(norm(p))) missing.push(`${dutyId} ${when}: ${p}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('adds no object that another duty of the service with a different owner already has', () => {
    const clashes: string[] = [];
    for (const [serviceId, add] of Object.entries(additions.services)) {
      const all = dutiesOf(serviceId);
      for (const [dutyId, d] of Object.entries(add.duties)) {
        const mine = all.find((x) => x.id === dutyId);
        for (const o of d.objects ?? []) {
          const k = key(o);
          const other = all.filter(
            (x) => x.id !== dutyId && x.owner !== mine?.owner && x.objects.some((y) => key(y) === k),
          );
          if (other.length)
            clashes.push(`${serviceId}.${dutyId} "${o}" ~ ${other.map((x) => x.id).join(', ')}`);
        }
      }
    }
    expect(clashes).toEqual([]);
  });

  it('gives no phrase to two conditions of a duty with different owners', () => {
    const clashes: string[] = [];
    for (const s of kb.services)
      for (const d of dutiesOf(s.id)) {
        const owners = new Map<string, Set<string>>();
        for (const c of d.conditions)
          for (const p of c.phrases) owners.set(key(p), (owners.get(key(p)) ?? new Set()).add(c.owner));
        for (const [p, o] of owners) if (o.size > 1) clashes.push(`${s.id}.${d.id}: ${p}`);
      }
    expect(clashes).toEqual([]);
  });

  describe('apply-content-additions.mjs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'srm-additions-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const run = (...args: string[]) =>
      execFileSync(process.execPath, [script, '--data', dir, ...args], { encoding: 'utf8' });
    const read = (id: string) => JSON.parse(readFileSync(join(dir, 'services', `${id}.json`), 'utf8'));

    it('finds a duty wherever it sits, adds what is missing, and is idempotent', () => {
      cpSync(join(PACKAGE_ROOT, 'data/services'), join(dir, 'services'), { recursive: true });
      // Take some of the additions out again, and move the duty to another topic entry.
      const eks = read('eks');
      const from = eks.topics.patching;
      const at = from.duties.findIndex((d: Duty) => d.id === 'node-patching');
      const [duty] = from.duties.splice(at, 1);
      duty.conditions = duty.conditions.filter((c: DutyCondition) => c.when !== 'managed node groups');
      eks.topics.configuration.duties.push(duty);
      const ecs = read('ecs');
      ecs.aliases = ecs.aliases.filter((a: string) => a !== 'ec2 launch type');
      writeFileSync(join(dir, 'services/eks.json'), `${JSON.stringify(eks, null, 2)}\n`);
      writeFileSync(join(dir, 'services/ecs.json'), `${JSON.stringify(ecs, null, 2)}\n`);

      expect(() => run('--check')).toThrow();
      expect(run()).toMatch(/eks\.node-patching: \+ condition "managed node groups"/);
      const moved = read('eks').topics.configuration.duties.find((d: Duty) => d.id === 'node-patching');
      expect(moved.conditions.map((c: DutyCondition) => c.when)).toContain('managed node groups');
      expect(read('ecs').aliases).toContain('ec2 launch type');
      expect(run()).toMatch(/nothing to add/);
      expect(run('--check')).toMatch(/nothing to add/);
    });
  });
});

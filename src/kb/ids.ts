/** The fixed identifiers the knowledge base, the matcher and `srm batch` share. */

export const OWNERS = ['aws', 'customer', 'shared'] as const;
export type Owner = (typeof OWNERS)[number];

export const TOPICS = [
  'physical-security',
  'infrastructure',
  'virtualization',
  'patching',
  'configuration',
  'network-security',
  'encryption-at-rest',
  'encryption-in-transit',
  'iam',
  'data',
  'backup',
  'availability',
  'logging-monitoring',
  'application',
  'training',
  'compliance',
  'incident-response',
] as const;
export type TopicId = (typeof TOPICS)[number];

export const CONTROLS = [
  'inherited',
  'shared',
  'customer-specific',
  'patch-management',
  'configuration-management',
  'awareness-training',
  'service-communications-protection',
  'zone-security',
] as const;
export type ControlId = (typeof CONTROLS)[number];
/** The three kinds of control; the others are shared or customer-specific controls of one kind. */
export const CONTROL_KINDS: ReadonlySet<ControlId> = new Set(['inherited', 'shared', 'customer-specific']);

export const SERVICE_MODELS = ['iaas', 'managed', 'abstracted', 'saas'] as const;
export type ServiceModelId = (typeof SERVICE_MODELS)[number];

export const INTENTS = [
  'who_owns',
  'service_overview',
  'service_model',
  'explain_model',
  'explain_control',
  'compare',
  'help',
  'smalltalk',
  'out_of_scope',
] as const;
export type IntentId = (typeof INTENTS)[number];

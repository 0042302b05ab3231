/**
 * One checker for every Block Kit payload the tests see (rendered directly, posted to the fake Web API,
 * sent to a response_url or published as a view), against Slack's documented limits
 * (docs.slack.dev/reference/block-kit). It returns every problem, so a failing test lists them all.
 */

export type Surface = 'message' | 'home';

const LIMITS = {
  message: { blocks: 50 },
  home: { blocks: 100 },
  fallbackText: 40_000,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  textObject: 3000,
  actionsElements: 25,
  contextActionsElements: 5,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  blockId: 255,
  url: 3000,
} as const;

const KNOWN_BLOCKS = new Set([
  'section',
  'header',
  'context',
  'context_actions',
  'actions',
  'divider',
  'image',
  'rich_text',
]);

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * `<` in mrkdwn may only open what the renderer means to emit: a link to http(s) or mailto, or a user
 * mention. Anything else (`<!channel>`, `<!here>`, `<#C…>`, `<script>`) means text was not escaped.
 */
function badAngle(text: string): string | undefined {
  const m = text.match(/<(?!https?:\/\/|mailto:|@[UW][A-Z0-9]+>)[^>]*>?/);
  return m?.[0];
}

function checkText(obj: unknown, where: string, max: number, problems: string[], plainOnly = false): void {
  if (!isObj(obj)) {
    problems.push(`${where}: missing text object`);
    return;
  }
  if (obj.type !== 'plain_text' && obj.type !== 'mrkdwn')
    problems.push(`${where}: text type ${String(obj.type)}`);
  if (plainOnly && obj.type !== 'plain_text') problems.push(`${where}: must be plain_text`);
  const text = obj.text;
  if (typeof text !== 'string' || text.length === 0) {
    problems.push(`${where}: empty text`);
    return;
  }
  if (text.length > max) problems.push(`${where}: ${text.length} characters (max ${max})`);
  const bad = badAngle(text);
  if (bad) problems.push(`${where}: unescaped markup ${JSON.stringify(bad)}`);
}

function checkBlocks(blocks: unknown, surface: Surface, problems: string[]): void {
  if (!Array.isArray(blocks)) {
    problems.push('blocks: not an array');
    return;
  }
  const max = LIMITS[surface].blocks;
  if (blocks.length > max) problems.push(`blocks: ${blocks.length} blocks (max ${max} in a ${surface})`);
  const blockIds = new Set<string>();
  const actionIds = new Set<string>();
  for (const [i, block] of blocks.entries()) {
    const at = `blocks[${i}]`;
    if (!isObj(block)) {
      problems.push(`${at}: not an object`);
      continue;
    }
    const type = String(block.type);
    if (!KNOWN_BLOCKS.has(type)) problems.push(`${at}: unknown block type ${type}`);
    if (typeof block.block_id === 'string') {
      if (block.block_id.length > LIMITS.blockId) problems.push(`${at}: block_id too long`);
      if (blockIds.has(block.block_id)) problems.push(`${at}: duplicate block_id ${block.block_id}`);
      blockIds.add(block.block_id);
    }
    switch (type) {
      case 'header':
        checkText(block.text, `${at}.text`, LIMITS.headerText, problems, true);
        break;
      case 'section': {
        if (block.text === undefined && block.fields === undefined)
          problems.push(`${at}: section without text or fields`);
        if (block.text !== undefined) checkText(block.text, `${at}.text`, LIMITS.sectionText, problems);
        if (block.fields !== undefined) {
          const fields = Array.isArray(block.fields) ? block.fields : [];
          if (fields.length === 0) problems.push(`${at}.fields: empty`);
          if (fields.length > LIMITS.sectionFields) problems.push(`${at}.fields: ${fields.length} (max 10)`);
          for (const [j, f] of fields.entries())
            checkText(f, `${at}.fields[${j}]`, LIMITS.fieldText, problems);
        }
        break;
      }
      case 'context': {
        const els = Array.isArray(block.elements) ? block.elements : [];
        if (els.length === 0 || els.length > LIMITS.contextElements) {
          problems.push(`${at}.elements: ${els.length} (1 to ${LIMITS.contextElements})`);
        }
        for (const [j, e] of els.entries()) checkText(e, `${at}.elements[${j}]`, LIMITS.textObject, problems);
        break;
      }
      case 'actions': {
        const els = Array.isArray(block.elements) ? block.elements : [];
        if (els.length === 0 || els.length > LIMITS.actionsElements) {
          problems.push(`${at}.elements: ${els.length} (1 to ${LIMITS.actionsElements})`);
        }
        for (const [j, e] of els.entries()) {
          const w = `${at}.elements[${j}]`;
          if (!isObj(e)) {
            problems.push(`${w}: not an object`);
            continue;
          }
          if (e.type !== 'button') problems.push(`${w}: unexpected element ${String(e.type)}`);
          checkText(e.text, `${w}.text`, LIMITS.buttonText, problems, true);
          const id = e.action_id;
          if (typeof id !== 'string' || id.length === 0 || id.length > LIMITS.actionId)
            problems.push(`${w}: bad action_id`);
          else {
            if (actionIds.has(id)) problems.push(`${w}: duplicate action_id ${id}`);
            actionIds.add(id);
          }
          if (e.value !== undefined && (typeof e.value !== 'string' || e.value.length > LIMITS.buttonValue)) {
            problems.push(`${w}: value over ${LIMITS.buttonValue} characters`);
          }
          if (e.url !== undefined && (typeof e.url !== 'string' || e.url.length > LIMITS.url))
            problems.push(`${w}: bad url`);
          if (e.style !== undefined && e.style !== 'primary' && e.style !== 'danger')
            problems.push(`${w}: bad style`);
        }
        break;
      }
      case 'context_actions': {
        if (surface !== 'message') problems.push(`${at}: context_actions is for messages only`);
        const els = Array.isArray(block.elements) ? block.elements : [];
        if (els.length === 0 || els.length > LIMITS.contextActionsElements) {
          problems.push(`${at}.elements: ${els.length} (1 to ${LIMITS.contextActionsElements})`);
        }
        for (const [j, e] of els.entries()) {
          const w = `${at}.elements[${j}]`;
          if (!isObj(e) || e.type !== 'feedback_buttons') {
            problems.push(`${w}: unexpected element ${isObj(e) ? String(e.type) : typeof e}`);
            continue;
          }
          const id = e.action_id;
          if (typeof id !== 'string' || id.length === 0 || id.length > LIMITS.actionId)
            problems.push(`${w}: bad action_id`);
          else {
            if (actionIds.has(id)) problems.push(`${w}: duplicate action_id ${id}`);
            actionIds.add(id);
          }
          for (const side of ['positive_button', 'negative_button'] as const) {
            const b = e[side];
            if (!isObj(b)) {
              problems.push(`${w}.${side}: missing`);
              continue;
            }
            checkText(b.text, `${w}.${side}.text`, LIMITS.buttonText, problems, true);
            if (typeof b.value !== 'string' || b.value.length === 0 || b.value.length > LIMITS.buttonValue)
              problems.push(`${w}.${side}: value must be 1 to ${LIMITS.buttonValue} characters`);
            if (
              b.accessibility_label !== undefined &&
              (typeof b.accessibility_label !== 'string' || b.accessibility_label.length > LIMITS.buttonText)
            )
              problems.push(`${w}.${side}: accessibility_label over ${LIMITS.buttonText} characters`);
          }
        }
        break;
      }
      default:
        break;
    }
  }
}

/** Problems with a message (`{ text, blocks }`): empty means Slack would accept it. */
export function messageProblems(message: { text?: unknown; blocks?: unknown }): string[] {
  const problems: string[] = [];
  if (message.blocks !== undefined) {
    checkBlocks(message.blocks, 'message', problems);
    if (typeof message.text !== 'string' || message.text.trim() === '') {
      problems.push('text: a plain-text fallback is required beside blocks');
    }
  }
  if (message.text !== undefined) {
    if (typeof message.text !== 'string') problems.push('text: not a string');
    else {
      if (message.text.length > LIMITS.fallbackText) problems.push(`text: ${message.text.length} characters`);
      const bad = badAngle(message.text);
      if (bad) problems.push(`text: unescaped markup ${JSON.stringify(bad)}`);
    }
  }
  return problems;
}

/** Problems with an App Home view. */
export function homeViewProblems(view: unknown): string[] {
  const problems: string[] = [];
  if (!isObj(view)) return ['view: not an object'];
  if (view.type !== 'home') problems.push(`view.type: ${String(view.type)}`);
  checkBlocks(view.blocks, 'home', problems);
  return problems;
}

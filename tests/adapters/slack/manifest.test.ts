import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { SLACK_EVENTS_PATH, SLACK_OAUTH_REDIRECT_PATH } from '../../../src/adapters/slack/index.js';
import { SLACK_TEXT } from '../../../src/adapters/slack/render/text.js';
import { COMMANDS } from '../../../src/core/answer/messages.js';

interface Manifest {
  display_information: {
    name: string;
    description: string;
    long_description: string;
    background_color: string;
  };
  features: {
    assistant_view?: {
      assistant_description: string;
      suggested_prompts?: { title: string; message: string }[];
    };
    app_home: {
      home_tab_enabled: boolean;
      messages_tab_enabled: boolean;
      messages_tab_read_only_enabled: boolean;
    };
    bot_user: { display_name: string; always_online: boolean };
    slash_commands: Array<{
      command: string;
      description: string;
      usage_hint: string;
      should_escape: boolean;
      url?: string;
    }>;
  };
  oauth_config: { redirect_urls?: string[]; scopes: { bot: string[]; user?: string[] } };
  settings: {
    event_subscriptions: { bot_events: string[]; user_events?: string[]; request_url?: string };
    interactivity: { is_enabled: boolean; request_url?: string };
    socket_mode_enabled: boolean;
  };
}

const read = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Manifest;
const manifest = read('manifest.json');
const httpManifest = read('manifest.http.json');

/**
 * Slack's published app manifest schema (JSON Schema draft-07), vendored from slackapi/manifest-schema
 * `schemas/manifest.schema.1.0.0.json` at commit c50cfa8508ff1017344550a5e5fb29a1416e5b98 (2026-07-21,
 * MIT licence), so the check runs offline. Slack has no npm package for it.
 */
const schema = JSON.parse(readFileSync('tests/fixtures/slack/manifest.schema.1.0.0.json', 'utf8')) as object;
const ajv = new Ajv.default({ allErrors: true, strict: false });
addFormats.default(ajv);
const validate = ajv.compile(schema);

describe.each([
  ['manifest.json', manifest],
  ['manifest.http.json', httpManifest],
])("%s against Slack's published manifest schema", (_name, m) => {
  it('is valid', () => {
    validate(m);
    expect(validate.errors ?? []).toEqual([]);
  });

  it('fails the schema when broken, so the check can fail', () => {
    const broken = structuredClone(m) as unknown as Record<string, Record<string, unknown>>;
    (broken.features as Record<string, unknown>).assistant_view = { suggested_prompts: [] };
    expect(validate(broken)).toBe(false);
  });
});

describe('manifest.http.json', () => {
  it('is manifest.json in HTTP mode: Socket Mode off, one placeholder request URL everywhere', () => {
    const url = httpManifest.settings.event_subscriptions.request_url ?? '';
    expect(url).toMatch(new RegExp(`^https://YOUR-HOST\\.example\\.com${SLACK_EVENTS_PATH}$`));
    expect(httpManifest.settings.interactivity.request_url).toBe(url);
    expect(httpManifest.features.slash_commands.map((c) => c.url)).toEqual([url]);
    expect(httpManifest.settings.socket_mode_enabled).toBe(false);
    // Many workspaces (OAuth) need Slack to know where to send the browser back after the install.
    expect(httpManifest.oauth_config.redirect_urls).toEqual([
      `https://YOUR-HOST.example.com${SLACK_OAUTH_REDIRECT_PATH}`,
    ]);
    // Everything else is the same as the Socket Mode manifest.
    const strip = (m: Manifest) => {
      const c = structuredClone(m);
      delete c.oauth_config.redirect_urls;
      delete c.settings.event_subscriptions.request_url;
      delete c.settings.interactivity.request_url;
      for (const cmd of c.features.slash_commands) delete cmd.url;
      c.settings.socket_mode_enabled = true;
      return c;
    };
    expect(strip(httpManifest)).toEqual(strip(manifest));
  });
});

describe('the assistant panel in manifest.json', () => {
  it('turns on the assistant view with the same suggested prompts the app sets on a new thread', () => {
    const view = manifest.features.assistant_view;
    expect(view?.assistant_description.length).toBeGreaterThan(0);
    expect(view?.suggested_prompts).toEqual(SLACK_TEXT.assistant.prompts);
  });
});

describe('manifest.json', () => {
  it('has display information within Slack limits', () => {
    const d = manifest.display_information;
    expect(d.name.length).toBeLessThanOrEqual(35);
    expect(d.description.length).toBeLessThanOrEqual(140);
    expect(d.long_description.length).toBeGreaterThanOrEqual(175);
    expect(d.long_description.length).toBeLessThanOrEqual(4000);
    expect(d.background_color).toMatch(/^#[0-9a-f]{6}$/i);
  });

  it('declares the bot user, /srm with a description and usage hint, and App Home with both tabs', () => {
    expect(manifest.features.bot_user.display_name).toBe('srm');
    const [srm, ...others] = manifest.features.slash_commands;
    expect(others).toEqual([]);
    expect(srm?.command).toBe('/srm');
    expect(srm?.description.length).toBeGreaterThan(0);
    // Every command of the core, by its first word.
    for (const c of COMMANDS) expect(srm?.usage_hint).toContain(c.name);
    expect(manifest.features.app_home).toEqual({
      home_tab_enabled: true,
      messages_tab_enabled: true,
      messages_tab_read_only_enabled: false,
    });
  });

  it('asks for exactly the bot scopes the listeners need, and no user scopes', () => {
    // app_mention → app_mentions:read; message.im → im:history; /srm → commands; answers → chat:write;
    // the assistant panel (its events, setTitle / setSuggestedPrompts / setStatus) → assistant:write.
    // views.publish, auth.test and response URLs need no scope.
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([
      'app_mentions:read',
      'assistant:write',
      'chat:write',
      'commands',
      'im:history',
    ]);
    expect(manifest.oauth_config.scopes.user).toBeUndefined();
  });

  it('subscribes to the events the app listens to, with interactivity and Socket Mode on', () => {
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual([
      'app_home_opened',
      'app_mention',
      // Many workspaces (OAuth): an uninstall deletes the workspace's installation.
      'app_uninstalled',
      'assistant_thread_context_changed',
      'assistant_thread_started',
      'message.im',
      'tokens_revoked',
    ]);
    expect(manifest.settings.event_subscriptions.user_events).toBeUndefined();
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
  });
});

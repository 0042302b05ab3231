import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../src/core/answer/messages.js';

interface Manifest {
  display_information: {
    name: string;
    description: string;
    long_description: string;
    background_color: string;
  };
  features: {
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
    }>;
  };
  oauth_config: { scopes: { bot: string[]; user?: string[] } };
  settings: {
    event_subscriptions: { bot_events: string[]; user_events?: string[] };
    interactivity: { is_enabled: boolean };
    socket_mode_enabled: boolean;
  };
}

const manifest = JSON.parse(readFileSync('manifest.json', 'utf8')) as Manifest;

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
    // app_mention → app_mentions:read; message.im → im:history; /srm → commands; answers → chat:write.
    // views.publish, auth.test and response URLs need no scope.
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([
      'app_mentions:read',
      'chat:write',
      'commands',
      'im:history',
    ]);
    expect(manifest.oauth_config.scopes.user).toBeUndefined();
  });

  it('subscribes to the three events the app listens to, with interactivity and Socket Mode on', () => {
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual([
      'app_home_opened',
      'app_mention',
      'message.im',
    ]);
    expect(manifest.settings.event_subscriptions.user_events).toBeUndefined();
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
  });
});

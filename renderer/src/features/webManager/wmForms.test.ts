import { describe, expect, it } from 'vitest';
import { SPEECH_DEFAULTS, type VaProfileRow } from '../../../../electron/contract';
import {
  actionBlank,
  parseActionForm,
  parseClipForm,
  parseProfileForm,
  parseRestForm,
  parseSpeechForm,
  PROFILE_BLANK,
  stableJson,
  profileValueOf,
  toActionForm,
  toProfileForm,
  toRestForm,
  toSpeechForm,
} from './wmForms';

describe('Web Manager record forms', () => {
  it('REST SDK client: Client Name mandatory, at most 32; the token only when typed, at least 16', () => {
    expect(parseRestForm(toRestForm({ name: 'rest sdk' }))).toEqual({ ok: true, value: { name: 'rest sdk' } });
    expect(parseRestForm({ name: 'x'.repeat(33), token: '' })).toMatchObject({
      ok: false,
      errors: { name: expect.stringContaining('at most 32 characters') },
    });
    expect(parseRestForm({ name: 'a', token: 'short' })).toMatchObject({
      ok: false,
      errors: { token: 'Client Token is at least 16 characters' },
    });
    expect(parseRestForm({ name: 'a', token: 'f'.repeat(128) })).toEqual({
      ok: true,
      value: { name: 'a', token: 'f'.repeat(128) },
    });
  });

  it('CLIP: Number digits only, Name mandatory', () => {
    expect(parseClipForm({ number: '+49 30 1234', name: 'Berlin' })).toMatchObject({
      ok: false,
      errors: { number: 'Number is a string of numbers and no special characters' },
    });
    expect(parseClipForm({ number: '49301234', name: '' })).toMatchObject({
      ok: false,
      errors: { name: 'Name is mandatory' },
    });
    expect(parseClipForm({ number: '49301234', name: 'Berlin' })).toEqual({
      ok: true,
      value: { number: '49301234', name: 'Berlin' },
    });
  });

  it('profile: a saved profile reads back unchanged (not dirty); secrets only when typed, for their type', () => {
    const row = {
      id: 1,
      version: 4,
      profile: { ...PROFILE_BLANK, name: 'VA', projectId: 'ccm-bot-123456', fallbackMessage: 'Sorry.', url: '' },
    } as unknown as VaProfileRow;
    const saved = profileValueOf(row);
    const form = toProfileForm(saved);
    const parsed = parseProfileForm(form);
    expect(parsed.ok).toBe(true);
    expect(parsed.ok && stableJson(parsed.value)).toBe(stableJson(saved));
    expect(parseProfileForm({ ...form, sessionTimeoutMin: '' })).toMatchObject({
      ok: false,
      errors: { sessionTimeoutMin: expect.any(String) },
    });
    expect(parseProfileForm({ ...form, sessionTimeoutMin: '0' })).toMatchObject({
      ok: false,
      errors: { sessionTimeoutMin: 'Session Inactivity Timeout is at least 1 minute' },
    });
    const withSecrets = parseProfileForm({
      ...form,
      clientToken: 'ignored-for-dialogflow-v2',
      keyFile: { name: 'k.json', text: '{}' },
      defaultAgentPassword: 'Virtual#2026',
    });
    expect(withSecrets).toMatchObject({ ok: true, value: { keyFile: '{}', defaultAgentPassword: 'Virtual#2026' } });
    expect(withSecrets.ok && 'clientToken' in withSecrets.value).toBe(false);
  });

  it('speech: checked with its profile (CMS address mandatory when enabled); port as typed', () => {
    const profile = { ...PROFILE_BLANK, name: 'VA', projectId: 'ccm-bot-123456', fallbackMessage: 'Sorry.' };
    const form = toSpeechForm(SPEECH_DEFAULTS);
    expect(form.cmsPort).toBe('6017');
    expect(parseSpeechForm({ ...form, enabled: true }, profile)).toMatchObject({
      ok: false,
      errors: { cmsAddress: 'CMS address is mandatory when speech is enabled' },
    });
    expect(parseSpeechForm({ ...form, enabled: true, cmsAddress: 'cms1' }, profile)).toMatchObject({
      ok: true,
      value: { enabled: true, cmsAddress: 'cms1', cmsPort: 6017 },
    });
  });

  it('action: only the chosen kind’s fields are sent; each mandatory', () => {
    const fieldsOf = (k: string) =>
      k === 'callback' ? ['callbackQueue', 'phoneParameter', 'scheduleTimeParameter'] : ['requeueQueue'];
    const form = { ...toActionForm(actionBlank), name: 'requeue', requeueQueue: 'Support' };
    expect(parseActionForm(form, fieldsOf)).toEqual({
      ok: true,
      value: { kind: 'requeueOpenMedia', name: 'requeue', requeueQueue: 'Support' },
    });
    expect(parseActionForm({ ...form, kind: 'callback' }, fieldsOf)).toMatchObject({
      ok: false,
      errors: { callbackQueue: expect.stringContaining('mandatory') },
    });
  });
});

import { describe, expect, it } from 'vitest';
import { initialState, transition } from '../../src/consent/machine';
import type { ConsentRecord } from '../../src/types';

const none = { gpc: false, dnt: false };
const both = { gpc: true, dnt: true };
const record = (decision: 'granted' | 'denied', signals = none): ConsentRecord => ({
  version: 1, id: 'a'.repeat(21), decision, source: 'user',
  decidedAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', revision: 0, signals,
});

describe('initialState', () => {
  it('is unset without record or signal', () => {
    expect(initialState(null, none, both)).toEqual({ tracking: 'unset', source: 'default' });
  });
  it('is denied by GPC, then DNT, when respected', () => {
    expect(initialState(null, { gpc: true, dnt: true }, both)).toEqual({ tracking: 'denied', source: 'gpc' });
    expect(initialState(null, { gpc: false, dnt: true }, both)).toEqual({ tracking: 'denied', source: 'dnt' });
  });
  it('ignores signals the site chose not to respect', () => {
    expect(initialState(null, { gpc: true, dnt: false }, { gpc: false, dnt: true })).toEqual({ tracking: 'unset', source: 'default' });
    expect(initialState(null, { gpc: true, dnt: true }, { gpc: false, dnt: true })).toEqual({ tracking: 'denied', source: 'dnt' });
  });
  it('follows a stored decision', () => {
    expect(initialState(record('granted'), none, both)).toEqual({ tracking: 'granted', source: 'user' });
    expect(initialState(record('denied'), none, both)).toEqual({ tracking: 'denied', source: 'user' });
  });
  it('keeps a grant made while the signal was on: an explicit override', () => {
    expect(initialState(record('granted', { gpc: true, dnt: false }), { gpc: true, dnt: false }, both))
      .toEqual({ tracking: 'granted', source: 'user' });
  });
  it('lets a signal switched on after the grant win, without touching the record', () => {
    expect(initialState(record('granted'), { gpc: true, dnt: false }, both)).toEqual({ tracking: 'denied', source: 'gpc' });
    expect(initialState(record('granted', { gpc: true, dnt: false }), { gpc: false, dnt: true }, both))
      .toEqual({ tracking: 'denied', source: 'dnt' });
  });
});

describe('transition', () => {
  const unset = { tracking: 'unset', source: 'default' } as const;
  it('grant from unset persists and flushes', () => {
    const { state, effects } = transition(unset, { type: 'grant', source: 'user' });
    expect(state).toEqual({ tracking: 'granted', source: 'user' });
    expect(effects).toEqual({ persist: true, flush: true, purge: false });
  });
  it('deny from unset persists and purges, never flushes', () => {
    const { state, effects } = transition(unset, { type: 'deny', source: 'api' });
    expect(state).toEqual({ tracking: 'denied', source: 'api' });
    expect(effects).toEqual({ persist: true, flush: false, purge: true });
  });
  it('deny from granted is a revoke: purges', () => {
    const { effects } = transition({ tracking: 'granted', source: 'user' }, { type: 'deny', source: 'user' });
    expect(effects.purge).toBe(true);
  });
  it('repeating the same decision changes nothing stored', () => {
    const { effects } = transition({ tracking: 'granted', source: 'user' }, { type: 'grant', source: 'user' });
    expect(effects).toEqual({ persist: false, flush: false, purge: false });
  });
  it('an explicit choice over a signal is recorded as such', () => {
    const gpc = { tracking: 'denied', source: 'gpc' } as const;
    expect(transition(gpc, { type: 'deny', source: 'user' }).effects.persist).toBe(true);
    const grant = transition(gpc, { type: 'grant', source: 'user' });
    expect(grant.state).toEqual({ tracking: 'granted', source: 'user' });
    expect(grant.effects).toEqual({ persist: true, flush: true, purge: false });
  });
});

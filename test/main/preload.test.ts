import { describe, expect, it, vi } from 'vitest';
import type { CrackProgress, JarChange, LabBridge, WireEntry } from '../../contract';
// Loading the preload is what exposes the bridge, as in a real window.
import '../../main/preload';
import { contextBridge, ipcRenderer, mockEvent } from '../support/electron-mock';

// The mock module is loaded through the factory: vi.mock is hoisted above the imports.
vi.mock('electron', async () => (await import('../support/electron-mock.js')).electron);

const bridge = contextBridge.exposed.get('sessionLab') as LabBridge;

describe('the preload', () => {
  it('exposes one object, window.sessionLab, and nothing else', () => {
    expect([...contextBridge.exposed.keys()]).toEqual(['sessionLab']);
    expect(contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
  });

  it('the object holds only the named functions of the contract', () => {
    expect(Object.keys(bridge).sort()).toEqual(
      [
        'clearCookies',
        'deleteCookie',
        'inspectSession',
        'listCookies',
        'auditJar',
        'onJarChanged',
        'onWire',
        'setCookieValue',
        'experimentsState',
        'forgeSession',
        'crackSessionKey',
        'startWeakKeyDemo',
        'restoreStoredKeys',
        'addSigningKey',
        'dropOlderKeys',
        'onCrackProgress',
        'serverLabState',
        'setServerExpiry',
        'advanceLabClock',
        'setCookieAttributes',
        'startSecondInstance',
        'stopSecondInstance',
        'restoreServerDefaults',
        'inspectServerSession',
        'putCookieBack',
        'sessionKindsState',
        'startServerSideScaleOut',
        'stopServerSideScaleOut',
        // The Your app tab.
        'openTarget',
        'targetBack',
        'targetForward',
        'targetReload',
        'targetStop',
        'targetState',
        'setTargetBounds',
        'inspectTarget',
        'setTargetKey',
        'forgetTargetKey',
        'crackTargetKeys',
        'stopTargetCrack',
        'clearTarget',
        'exportTargetReport',
        'onTargetState',
        'onTargetLog',
        'onTargetJarChanged',
        'onTargetWire',
        'onTargetCrackProgress',
        'onTargetFocusAddress',
        // The Decoder.
        'decodeCookies',
        'decoderReading',
        'setDecoderKey',
        'forgetDecoderKey',
        'crackDecoded',
        'stopDecoderCrack',
        'onDecoderCrackProgress',
      ].sort(),
    );
    for (const value of Object.values(bridge)) expect(typeof value).toBe('function');
  });

  it('never hands out ipcRenderer itself', () => {
    expect(Object.values(bridge)).not.toContain(ipcRenderer);
    expect(Object.values(bridge)).not.toContain(ipcRenderer.invoke);
  });

  it.each([
    ['listCookies', [], 'session-lab:listCookies'],
    ['auditJar', [], 'session-lab:auditJar'],
    ['deleteCookie', ['lab_session'], 'session-lab:deleteCookie'],
    ['clearCookies', [], 'session-lab:clearCookies'],
    ['setCookieValue', ['lab_session', 'forged'], 'session-lab:setCookieValue'],
    ['inspectSession', [], 'session-lab:inspectSession'],
    ['experimentsState', [], 'session-lab:experimentsState'],
    ['forgeSession', [{ username: 'admin' }, 'server'], 'session-lab:forgeSession'],
    ['crackSessionKey', [], 'session-lab:crackSessionKey'],
    ['startWeakKeyDemo', ['tutorial'], 'session-lab:startWeakKeyDemo'],
    ['restoreStoredKeys', [], 'session-lab:restoreStoredKeys'],
    ['addSigningKey', [], 'session-lab:addSigningKey'],
    ['dropOlderKeys', [], 'session-lab:dropOlderKeys'],
    ['serverLabState', [], 'session-lab:serverLabState'],
    ['setServerExpiry', [true], 'session-lab:setServerExpiry'],
    ['advanceLabClock', [960_000], 'session-lab:advanceLabClock'],
    ['setCookieAttributes', [{ httpOnly: false, sameSite: 'strict', maxAgeMs: null }], 'session-lab:setCookieAttributes'],
    ['startSecondInstance', [false], 'session-lab:startSecondInstance'],
    ['stopSecondInstance', [], 'session-lab:stopSecondInstance'],
    ['restoreServerDefaults', [], 'session-lab:restoreServerDefaults'],
    ['inspectServerSession', [], 'session-lab:inspectServerSession'],
    ['putCookieBack', ['lab_sid', 's%3Aid.sig'], 'session-lab:putCookieBack'],
    ['sessionKindsState', [], 'session-lab:sessionKindsState'],
    ['startServerSideScaleOut', [true], 'session-lab:startServerSideScaleOut'],
    ['stopServerSideScaleOut', [], 'session-lab:stopServerSideScaleOut'],
    ['decodeCookies', ['session=abc'], 'session-lab:decodeCookies'],
    ['setDecoderKey', ['k', 'hex'], 'session-lab:setDecoderKey'],
    ['crackDecoded', ['file'], 'session-lab:crackDecoded'],
  ] as const)('%s invokes %s', async (method, args, channel) => {
    ipcRenderer.invoke.mockClear();
    ipcRenderer.invoke.mockResolvedValueOnce('answer');
    const call = bridge[method] as (...a: readonly unknown[]) => Promise<unknown>;
    await expect(call(...args)).resolves.toBe('answer');
    expect(ipcRenderer.invoke).toHaveBeenCalledExactlyOnceWith(channel, ...args);
  });

  it("a handler's refusal reaches the page as its own sentence, without Electron's wrapping", async () => {
    // What Electron's ipcRenderer.invoke rejects with when the handler in main threw.
    ipcRenderer.invoke.mockRejectedValueOnce(
      new Error("Error invoking remote method 'session-lab:deleteCookie': InvalidArgumentError: A cookie name cannot be empty."),
    );
    const refusal = bridge.deleteCookie('');
    await expect(refusal).rejects.toThrow(/^A cookie name cannot be empty\.$/);
    await expect(refusal).rejects.toMatchObject({ name: 'InvalidArgumentError' });
    // Anything else (the IPC itself failed) is passed on as it is.
    const broken = new Error('Render frame was disposed before WebFrameMain could be accessed');
    ipcRenderer.invoke.mockRejectedValueOnce(broken);
    await expect(bridge.listCookies()).rejects.toBe(broken);
  });

  it('a jar subscription gets the changes only, never the IPC event', () => {
    const listener = vi.fn<(changes: JarChange[]) => void>();
    bridge.onJarChanged(listener);
    const changes: JarChange[] = [{ time: 1, name: 'lab_session', domain: '127.0.0.1', kind: 'added', cause: 'inserted', value: 'v', previousValue: null }];
    ipcRenderer.emit('session-lab:onJarChanged', mockEvent({ sender: ipcRenderer }), changes);
    expect(listener).toHaveBeenCalledExactlyOnceWith(changes);
  });

  it('a wire subscription hears wire entries only, and unsubscribing stops them', () => {
    const listener = vi.fn<(entry: WireEntry) => void>();
    const unsubscribe = bridge.onWire(listener);
    const entry: WireEntry = {
      id: '1.1',
      time: 1,
      method: 'GET',
      path: '/',
      status: 200,
      cookieSent: null,
      setCookies: [],
      labHeaders: ['Session-Lab-Instance: B'],
    };
    ipcRenderer.emit('session-lab:onJarChanged', mockEvent(), []);
    ipcRenderer.emit('session-lab:onWire', mockEvent(), entry);
    unsubscribe();
    ipcRenderer.emit('session-lab:onWire', mockEvent(), entry);
    expect(listener).toHaveBeenCalledExactlyOnceWith(entry);
    expect(ipcRenderer.listenerCount('session-lab:onWire')).toBe(0);
  });
});

describe('crack progress', () => {
  it('reaches the subscriber as the payload alone', () => {
    const listener = vi.fn<(progress: CrackProgress) => void>();
    const unsubscribe = bridge.onCrackProgress(listener);
    const progress: CrackProgress = { tried: 1000, total: 49309, elapsedMs: 4.2 };
    ipcRenderer.emit('session-lab:onCrackProgress', mockEvent({ sender: ipcRenderer }), progress);
    unsubscribe();
    ipcRenderer.emit('session-lab:onCrackProgress', mockEvent(), progress);
    expect(listener).toHaveBeenCalledExactlyOnceWith(progress);
  });
});

describe('the preload bundle', () => {
  it('requires nothing but electron, as a sandboxed preload must', async () => {
    const { build } = await import('esbuild');
    // The same bundling scripts/build.mjs does for dist/main/preload.js.
    const result = await build({
      entryPoints: ['main/preload.ts'],
      bundle: true,
      external: ['electron'],
      platform: 'node',
      format: 'cjs',
      write: false,
      logLevel: 'silent',
    });
    const text = result.outputFiles[0]!.text;
    const required = [...text.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect(required).toEqual(['electron']);
  });
});

// What each verb of the Your app tab does: the view (address, history, bounds)
// and the inspector for its partition.
import type { TargetVerb } from '../../contract';
import type { InvokeHandlers } from './ipc';
import type { TargetInspector } from '../target/target-inspector';
import type { TargetTab } from '../target/target-tab';

export function targetHandlers(tab: TargetTab, inspector: TargetInspector): InvokeHandlers<TargetVerb> {
  return {
    openTarget: (url) => tab.open(url),
    targetBack: () => tab.back(),
    targetForward: () => tab.forward(),
    targetReload: () => tab.reload(),
    targetStop: () => tab.stop(),
    targetState: () => tab.state(),
    setTargetBounds: (rect) => tab.setBounds(rect),
    inspectTarget: () => inspector.inspect(),
    setTargetKey: (key, encoding) => inspector.setKey(key, encoding),
    forgetTargetKey: () => inspector.forgetKey(),
    crackTargetKeys: () => inspector.crack(),
    stopTargetCrack: () => inspector.stopCrack(),
    async clearTarget() {
      await inspector.clear();
      tab.forgetVisits();
      tab.note('cleared', 'Cleared the partition: every cookie and every origin’s storage.');
      return tab.state();
    },
    async exportTargetReport(format) {
      const outcome = await inspector.exportReport(format);
      if (outcome.saved) tab.note('saved', `Saved the report as ${outcome.fileName} (${outcome.cookies} cookies, ${outcome.bytes} bytes).`);
      return outcome;
    },
  };
}

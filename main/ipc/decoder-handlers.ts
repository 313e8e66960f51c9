// What each verb of the Decoder tab does: read what was pasted, check it with a
// typed key, crack it with a list.
import type { DecoderVerb } from '../../contract';
import type { Decoder } from '../decoder/decoder';
import type { InvokeHandlers } from './ipc';

export function decoderHandlers(decoder: Decoder): InvokeHandlers<DecoderVerb> {
  return {
    decodeCookies: (text) => decoder.decode(text),
    decoderReading: () => decoder.reading(),
    setDecoderKey: (key, encoding) => decoder.setKey(key, encoding),
    forgetDecoderKey: () => decoder.forgetKey(),
    crackDecoded: (list) => decoder.crack(list),
    stopDecoderCrack: () => decoder.stop(),
  };
}

import { grown } from './grown.js';
import { FNV_BASIS, FNV_PRIME, OpenHashIndex } from './open-hash-index.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Numbers for texts, each text kept once as UTF-8 bytes in one growable buffer (an
 * OpenHashIndex): for an import's millions of references and ids, which as strings and `Map`
 * entries took about 285 bytes of V8 heap each, and here take their length plus about 20 bytes,
 * off the heap. A text asked for is encoded once into a scratch buffer, hashed and compared there.
 */
export class PackedTextIndex extends OpenHashIndex<string> {
  /** The texts' bytes, one after another. */
  private bytes = new Uint8Array(16 * 1024);
  /** Per number: where its text's bytes end (they start where the previous number's end). */
  private ends = new Uint32Array(1024);
  /** The text last hashed, encoded. */
  private scratch = new Uint8Array(256);
  private scratchLength = 0;

  /** The text numbered `n`. */
  textOf(n: number): string {
    if (!(n >= 0 && n < this.size)) throw new RangeError(`no text is numbered ${n}`);
    return decoder.decode(this.bytes.subarray(this.startOf(n), this.ends[n]));
  }

  /**
   * FNV-1a of the text's UTF-8 bytes, encoded into the scratch buffer in the same pass: each code
   * unit is read from the string once, then compared and kept from the buffer.
   */
  protected hashOf(text: string): number {
    const length = text.length;
    // UTF-8 takes at most three bytes per UTF-16 code unit.
    if (this.scratch.length < 3 * length) this.scratch = new Uint8Array(3 * length);
    const { scratch } = this;
    let h = FNV_BASIS;
    for (let i = 0; i < length; i++) {
      const c = text.charCodeAt(i);
      // Not ASCII (references and ids are): encoded as UTF-8 and hashed from the start.
      if (c >= 0x80) return this.hashEncoded(text);
      scratch[i] = c;
      h = Math.imul(h ^ c, FNV_PRIME);
    }
    this.scratchLength = length;
    return h >>> 0;
  }

  /** Compares the bytes of number `n` with the scratch buffer, which `hashOf` just filled with the text's. */
  protected holds(n: number): boolean {
    const { bytes, scratch, scratchLength } = this;
    const start = this.startOf(n);
    if (this.ends[n]! - start !== scratchLength) return false;
    for (let i = 0; i < scratchLength; i++) if (bytes[start + i] !== scratch[i]) return false;
    return true;
  }

  /** Appends the scratch buffer (the text just hashed) as number `n`. */
  protected keep(_text: string, n: number): void {
    const start = this.startOf(n);
    const end = start + this.scratchLength;
    if (end > MAX_BYTES) throw new RangeError(`an index holds at most ${MAX_BYTES} bytes of text`);
    this.bytes = grown(this.bytes, end);
    this.bytes.set(this.scratch.subarray(0, this.scratchLength), start);
    this.ends = grown(this.ends, n + 1);
    this.ends[n] = end;
  }

  private startOf(n: number): number {
    return n === 0 ? 0 : this.ends[n - 1]!;
  }

  /** hashOf for a text that is not ASCII: its UTF-8 bytes. */
  private hashEncoded(text: string): number {
    const { scratch } = this;
    const length = (this.scratchLength = encoder.encodeInto(text, scratch).written);
    let h = FNV_BASIS;
    for (let i = 0; i < length; i++) h = Math.imul(h ^ scratch[i]!, FNV_PRIME);
    return h >>> 0;
  }
}

/** The ends are 32-bit. */
const MAX_BYTES = 2 ** 32 - 1;

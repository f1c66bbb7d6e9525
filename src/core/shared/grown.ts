/** The typed arrays the packed structures grow. */
type Growable = Int32Array | Uint32Array | Uint8Array;

/**
 * `array` if it has room for `length` elements, else a copy at least twice as long (new
 * elements zero): doubling keeps the copying to about one more pass over what is held.
 */
export function grown<T extends Growable>(array: T, length: number): T {
  if (length <= array.length) return array;
  const wider = new (array.constructor as new (length: number) => T)(Math.max(length, 2 * array.length));
  wider.set(array);
  return wider;
}

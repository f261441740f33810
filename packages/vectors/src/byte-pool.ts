/**
 * Keeps many small byte strings in a few large buffers. Every Uint8Array with a buffer of
 * its own costs the runtime a backing store (a few hundred bytes beyond its content on
 * V8); a file of 250,000 tiny vectors made half a million of them, most of a gigabyte.
 * Views into shared slabs cost only the view.
 *
 * @module
 */

/** Byte strings up to this size are copied into a slab; larger ones keep their own buffer. */
const SMALL_BYTES = 4096;
/** The size of one slab. */
const SLAB_BYTES = 1024 * 1024;

/**
 * A pool for the byte strings of one load. The views it returns share buffers: never write
 * to them (vectors are read-only everywhere).
 *
 * @example
 * ```ts
 * const pool = new BytePool();
 * const body = pool.keep(new TextEncoder().encode('{"a":1}')); // a view into a shared slab
 * ```
 */
export class BytePool {
  #slab = new Uint8Array(0);
  #used = 0;

  /**
   * `bytes` itself when large, else a copy in a shared slab.
   *
   * @throws Never.
   */
  keep(bytes: Uint8Array): Uint8Array {
    if (bytes.length > SMALL_BYTES) return bytes;
    if (this.#used + bytes.length > this.#slab.length) {
      this.#slab = new Uint8Array(SLAB_BYTES);
      this.#used = 0;
    }
    const view = this.#slab.subarray(this.#used, this.#used + bytes.length);
    view.set(bytes);
    this.#used += bytes.length;
    return view;
  }
}

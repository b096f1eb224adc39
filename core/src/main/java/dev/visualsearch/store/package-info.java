/**
 * Building blocks for the on-disk formats of indexes and collections, for index implementers.
 *
 * <p>Every file starts with a header — magic number, codec name, format version — and ends with a
 * footer carrying a CRC32 of everything before it; numbers are little-endian. {@link
 * dev.visualsearch.store.FormatInput} verifies the checksum of the whole file before the first
 * byte is parsed, and tells a corrupt file, one too old and one too new apart by exception type.
 * {@link dev.visualsearch.store.AtomicFile} writes a file under a temporary name, forces it to
 * disk and moves it into place, so a crash never leaves a half-written file under the final
 * name. {@link dev.visualsearch.store.Unmapper} releases a memory-mapped file when an index that
 * opened one is closed.
 */
package dev.visualsearch.store;

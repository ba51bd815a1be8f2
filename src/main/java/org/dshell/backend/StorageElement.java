package org.dshell.backend;

import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.function.Consumer;

import org.dshell.core.LfnPath;

/**
 * A storage element: holds the bytes of replicas under physical file names (PFNs). New bytes are
 * written through an {@link Upload}, invisible until published, so a crash leaves at most temporary
 * files behind, which {@link #scan} reports.
 */
public interface StorageElement {

    String name();

    /** Whether replicas may be read from this SE. */
    boolean readable();

    /** Whether new replicas may be written to this SE. */
    boolean writable();

    /** Where this SE keeps its bytes, for people (a directory, a URL). */
    String location();

    /** What kind of storage this is, for people: {@code dir}, {@code webdav}. */
    default String kind() {
        return "dir";
    }

    /** Null when the SE answers now, else why not in one line; quick (a few seconds at most), for listings. */
    default String unreachable() {
        return null;
    }

    /** Starts writing new bytes for {@code lfn}; nothing appears under a PFN before {@link Upload#publish}. */
    Upload upload(LfnPath lfn) throws IOException;

    /**
     * As {@link #upload(LfnPath)}, knowing that exactly {@code size} bytes will be written: a remote SE
     * can then send them with a length (some servers mishandle chunked uploads).
     */
    default Upload upload(LfnPath lfn, long size) throws IOException {
        return upload(lfn);
    }

    /** Opens the bytes of a PFN for reading. */
    ReadableByteChannel open(String pfn) throws IOException;

    /** Bytes being read, with their size as the SE stated it when it opened them (-1: not stated). */
    record Reading(ReadableByteChannel channel, long size) {
    }

    /**
     * Opens the bytes of a PFN with their size, or returns null when nothing is there: what a download
     * needs before its first byte. A remote SE answers both with one request (the GET's status and
     * length), where {@link #size} then {@link #open} would cost two, and a one-shot command a second
     * connection.
     */
    default Reading read(String pfn) throws IOException {
        long size = size(pfn);
        return size < 0 ? null : new Reading(open(pfn), size);
    }

    /** The size of the bytes at a PFN, or -1 when nothing is there. */
    long size(String pfn) throws IOException;

    /** Deletes the bytes at a PFN; true when there was something to delete. */
    boolean delete(String pfn) throws IOException;

    /** Bytes stored on this SE (replicas and temporary files), or -1 when the SE does not say. */
    long usedSpace() throws IOException;

    /** Bytes that may still be written (free space, or what is left of a quota), or -1 when the SE does not say. */
    long freeSpace() throws IOException;

    /** Visits everything stored below the PFN prefix {@code under} (a directory PFN such as an LFN directory). */
    void scan(String under, Consumer<StoredObject> sink) throws IOException;

    /**
     * Something found by {@link #scan}: a replica's bytes or a temporary file left by an unfinished
     * upload. For a temporary file whose upload got as far as publishing, {@code publishedAs} is the
     * PFN its bytes were published under (else null): whether that upload finished is the catalog's call.
     */
    record StoredObject(String pfn, long size, boolean temporary, String publishedAs) {
    }

    /**
     * New bytes on their way into the SE. Write to {@link #channel}, then {@link #publish} (durable,
     * visible under the returned PFN), register the replica, then {@link #release}. Closing an upload
     * that was not released removes everything it wrote, published bytes included.
     */
    interface Upload extends AutoCloseable {

        WritableByteChannel channel();

        /**
         * Whether the copy into {@link #channel} should read and sum the next chunk on a second thread
         * while this one is written. Yes for a disk, whose writes wait on the device. No for a TLS
         * connection: its writer is busy encrypting, and a second busy thread only takes a core from
         * the rest of the machine (a 1 GiB put to a local XRootD server took 0.4 s longer that way,
         * docs/BENCHMARKS.md).
         */
        default boolean readsAhead() {
            return true;
        }

        /**
         * Says that every byte has been written to {@link #channel}, and their Adler32 as the writer
         * summed it while copying (so the SE need not sum them again). A remote SE ends its request
         * here and checks the server's digest against it, so that its connection serves the next
         * upload while this one waits to be published in a batch. Call it before {@link #publish}.
         */
        default void finish(String adler32) throws IOException {
        }

        /** Makes the bytes durable and visible under a PFN that held nothing before, and returns that PFN. */
        String publish() throws IOException;

        /** Ends the upload: the replica is registered, the bytes stay. */
        void release() throws IOException;

        /** Removes what was written unless released. */
        @Override
        void close();
    }
}

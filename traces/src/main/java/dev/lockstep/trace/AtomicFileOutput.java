package dev.lockstep.trace;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes to a hidden temporary file next to the target and moves it into place on close, so a reader never
 * sees a half-written file under the target name. After any failed write the close discards the temporary
 * file instead of publishing it. Unbuffered: callers buffer.
 */
final class AtomicFileOutput extends OutputStream {
    private final Path target;
    private final Path temp;
    private final OutputStream out;
    private boolean failed;
    private boolean closed;

    private AtomicFileOutput(Path target, Path temp, OutputStream out) {
        this.target = target;
        this.temp = temp;
        this.out = out;
    }

    static AtomicFileOutput create(Path target) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Path temp = dir.resolve("." + abs.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1) + ".part");
        OutputStream out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return new AtomicFileOutput(target, temp, out);
    }

    @Override
    public void write(int b) throws IOException {
        try {
            out.write(b);
        } catch (IOException e) {
            failed = true;
            throw e;
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            failed = true;
            throw e;
        }
    }

    @Override
    public void flush() throws IOException {
        try {
            out.flush();
        } catch (IOException e) {
            failed = true;
            throw e;
        }
    }

    /** Marks the output as unusable: close will delete it rather than publish it. */
    void fail() {
        failed = true;
    }

    /**
     * Closes {@code writer}, which writes to {@code out}, without publishing: an atomic output deletes
     * its temporary file (its "not written" report is what we asked for); any other stream just closes.
     */
    static void discard(OutputStream out, Closeable writer) {
        if (out instanceof AtomicFileOutput a) {
            a.fail();
        }
        try {
            writer.close();
        } catch (IOException e) {
            // Expected from a failed atomic output: it reports that it published nothing.
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.close();
        } catch (IOException e) {
            failed = true;
            Files.deleteIfExists(temp);
            throw e;
        }
        if (failed) {
            Files.deleteIfExists(temp);
            throw new IOException(target + ": not written, an earlier write failed");
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}

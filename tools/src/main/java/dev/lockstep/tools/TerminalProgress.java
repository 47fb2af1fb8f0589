package dev.lockstep.tools;

import java.io.Console;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress for long runs, on stderr and only on a terminal: piped or redirected output stays the
 * result alone, so scripts can parse it.
 */
final class TerminalProgress {
    private final PrintWriter err;
    private final boolean terminal;
    private final long start = System.nanoTime();
    private boolean lineOpen;

    TerminalProgress(PrintWriter err) {
        this.err = err;
        Console c = System.console();
        this.terminal = c != null && c.isTerminal();
    }

    /** A step of a multi-step job, on a line of its own. */
    void step(String what) {
        if (terminal) {
            endLine();
            err.printf(Locale.ROOT, "[%5.1f s] %s%n", elapsedSeconds(), what);
        }
    }

    /** Overwrites the current line with cycles done out of total. */
    void cycles(String what, long done, long total) {
        if (terminal) {
            err.printf(Locale.ROOT, "\r%s: %,d / %,d cycles (%d%%), %.1f s", what, done, total, 100 * done / total,
                    elapsedSeconds());
            err.flush();
            lineOpen = true;
        }
    }

    /** Ends an open progress line so the next output starts clean. */
    void endLine() {
        if (lineOpen) {
            err.println();
            lineOpen = false;
        }
    }

    private double elapsedSeconds() {
        return (System.nanoTime() - start) / 1e9;
    }
}

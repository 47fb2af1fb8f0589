package dev.lockstep.tools;

import dev.lockstep.sim.BadInput;
import dev.lockstep.trace.TraceFormatException;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Turns what escapes a command into one line and an exit code: bad input is the user's to fix (2, no
 * stack trace); anything else is our bug (3, with the stack trace so it can be reported).
 */
final class Failures implements CommandLine.IExecutionExceptionHandler {
    private final PrintWriter err;

    Failures(PrintWriter err) {
        this.err = err;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
        Throwable t = ex instanceof UncheckedIOException u ? u.getCause() : ex;
        if (isInputError(t)) {
            err.println("lockstep " + cmd.getCommandName() + ": " + oneLine(t));
            return ExitCodes.BAD_INPUT;
        }
        err.println("lockstep " + cmd.getCommandName() + ": internal error: " + t);
        t.printStackTrace(err);
        return ExitCodes.INTERNAL_ERROR;
    }

    static boolean isInputError(Throwable t) {
        // Every model's exception for bad input implements BadInput; traces sit below sim-core, so
        // their format error is named here, as are the JDK's file errors.
        return t instanceof BadInput
                || t instanceof InputException
                || t instanceof TraceFormatException
                || t instanceof NoSuchFileException
                || t instanceof AccessDeniedException
                || t instanceof FileAlreadyExistsException
                || t instanceof NotDirectoryException;
    }

    private static String oneLine(Throwable t) {
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        if (t instanceof NoSuchFileException) {
            m = "no such file: " + m;
        } else if (t instanceof AccessDeniedException) {
            m = "permission denied: " + m;
        } else if (t instanceof NotDirectoryException) {
            m = "not a directory: " + m;
        } else if (t instanceof FileAlreadyExistsException) {
            m = "already exists: " + m;
        } else if (t instanceof IOException && !(t.getClass().getName().startsWith("dev.lockstep"))) {
            m = t.getClass().getSimpleName() + ": " + m;
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}

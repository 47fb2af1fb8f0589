package dev.lockstep.tools;

import dev.lockstep.cosim.CosimException;
import dev.lockstep.fabric.device.TfdException;
import dev.lockstep.fabric.frame.FrameException;
import dev.lockstep.fabric.pt5.Pt5FormatException;
import dev.lockstep.fabric.residency.ResidencyException;
import dev.lockstep.fabric.runtime.DeviceException;
import dev.lockstep.fabric.tile.TileException;
import dev.lockstep.kpu.scalesim.ScaleSimFormatException;
import dev.lockstep.memory.MemoryAccessException;
import dev.lockstep.sim.config.ConfigException;
import dev.lockstep.trace.TraceFormatException;
import dev.lockstep.tools.regress.BaselineException;
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
        return t instanceof InputException
                || t instanceof NoSuchFileException
                || t instanceof AccessDeniedException
                || t instanceof FileAlreadyExistsException
                || t instanceof NotDirectoryException
                || t instanceof TraceFormatException
                || t instanceof ConfigException
                || t instanceof CosimException
                || t instanceof Pt5FormatException
                || t instanceof TfdException
                || t instanceof ResidencyException
                || t instanceof DeviceException
                || t instanceof TileException
                || t instanceof MemoryAccessException
                || t instanceof FrameException
                || t instanceof BaselineException
                || t instanceof ScaleSimFormatException;
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

package dev.lockstep.tools;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One command line run through the CLI in-process, as the tools tests do: its exit code and output. */
record Run(int exit, String out, String err) {

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = LockstepCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }
}

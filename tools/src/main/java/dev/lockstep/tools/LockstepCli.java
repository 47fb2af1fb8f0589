package dev.lockstep.tools;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** The `lockstep` launcher: one command line for every Lockstep job. */
@Command(name = "lockstep",
        mixinStandardHelpOptions = true,
        versionProvider = VersionCommand.Provider.class,
        description = "Cycle-accurate simulation of AI accelerators, with RTL co-simulation under Verilator.",
        subcommands = {
                VersionCommand.class,
                DemoCommand.class,
                CosimCommand.class,
                FabricCommand.class,
                KpuCommand.class,
                TraceCommand.class,
                BenchCommand.class,
                RegressCommand.class,
                ReportCommand.class,
                MemCommand.class,
                ConfigCommand.class,
                ScaleSimCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"",
                "Run the whole test suite, RTL co-simulation included, with: ./lockstep test",
                "Exit codes: 0 success, 1 the design failed a check, 2 bad usage or input, 3 internal error."})
public final class LockstepCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required; see lockstep --help");
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one command line; separated from main so tests can check output and exit codes. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new LockstepCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((ex, a) -> {
            err.println("lockstep: " + ex.getMessage());
            return ExitCodes.BAD_INPUT;
        });
        cli.setExecutionExceptionHandler(new Failures(err));
        return cli.execute(args);
    }
}

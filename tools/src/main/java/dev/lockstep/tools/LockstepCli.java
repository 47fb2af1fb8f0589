package dev.lockstep.tools;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.List;

/** The `lockstep` launcher: one command line for every Lockstep job. */
@Command(name = "lockstep",
        mixinStandardHelpOptions = true,
        versionProvider = VersionCommand.Provider.class,
        description = "Cycle-accurate simulation of AI accelerators, with RTL co-simulation under Verilator.",
        footer = {"",
                "Run the whole test suite, RTL co-simulation included, with: ./lockstep test",
                "Exit codes: 0 success, 1 the design failed a check, 2 bad usage or input, 3 internal error."})
public final class LockstepCli implements Runnable {
    /** The top-level commands, in the order --help lists them. */
    static final List<Class<?>> COMMANDS = List.of(
            VersionCommand.class,
            DemoCommand.class,
            CosimCommand.class,
            FabricCommand.class,
            KpuCommand.class,
            ScaleSimCommand.class,
            MemCommand.class,
            ConfigCommand.class,
            TraceCommand.class,
            ReportCommand.class,
            RegressCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class);

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
        // picocli reflects over every registered command up front, which loads their classes and
        // libraries (Jackson, JFreeChart...). A command line naming one command gets only that one,
        // which keeps start-up, most of a short command's time, small; anything else (help, no
        // command, a typo) gets them all.
        String first = args.length > 0 ? args[0] : "";
        List<Class<?>> named = first.equals("help") ? List.of() : COMMANDS.stream()
                .filter(c -> c.getAnnotation(Command.class).name().equals(first)).toList();
        for (Class<?> command : named.isEmpty() ? COMMANDS : named) {
            cli.addSubcommand(command);
        }
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

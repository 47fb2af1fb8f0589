package dev.lockstep.tools;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** `lockstep fabric ...`: the ternary fabric (TFMBS) at transaction or register level. */
@Command(name = "fabric", description = "Run frames and kernels on the ternary fabric (TFMBS).",
        subcommands = {FabricRunCommand.class, FabricGemvCommand.class})
final class FabricCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: run or gemv");
    }
}

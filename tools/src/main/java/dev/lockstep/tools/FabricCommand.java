package dev.lockstep.tools;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** `lockstep fabric ...`: the ternary fabric (TFMBS): descriptors, frames, kernels. */
@Command(name = "fabric", description = "Work with the ternary fabric (TFMBS).",
        subcommands = {FabricTfdCommand.class})
final class FabricCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a subcommand is required; see lockstep fabric --help");
    }
}

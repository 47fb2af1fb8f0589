package dev.lockstep.tools;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** `lockstep fabric ...`: the ternary fabric (TFMBS): descriptors, frames and kernels at transaction or register level. */
@Command(name = "fabric", description = "Work with the ternary fabric (TFMBS): descriptors, frames, kernels.",
        subcommands = {FabricTfdCommand.class, FabricRunCommand.class, FabricGemvCommand.class})
final class FabricCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a subcommand is required: " + String.join(", ", spec.subcommands().keySet()));
    }
}

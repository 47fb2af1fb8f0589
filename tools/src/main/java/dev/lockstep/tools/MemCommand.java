package dev.lockstep.tools;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** `lockstep mem ...`: the memory hierarchy (external memory, DMA, L3, BlockMover, L2, Streamer, L1). */
@Command(name = "mem", description = "The KPU memory hierarchy.", subcommands = {MemBenchCommand.class})
final class MemCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a subcommand is required: " + String.join(", ", spec.subcommands().keySet()));
    }
}

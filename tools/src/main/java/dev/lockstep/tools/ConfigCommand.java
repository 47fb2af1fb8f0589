package dev.lockstep.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.lockstep.memory.config.HierarchyConfig;
import dev.lockstep.memory.config.OffChipConfig;
import dev.lockstep.memory.config.Presets;
import dev.lockstep.sim.config.ConfigReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** `lockstep config show PRESET` and `lockstep config check FILE`: memory-hierarchy configurations. */
@Command(name = "config", description = "Show or check a memory-hierarchy configuration.",
        subcommands = {ConfigCommand.Show.class, ConfigCommand.Check.class})
final class ConfigCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a subcommand is required: " + String.join(", ", spec.subcommands().keySet()));
    }

    /**
     * The configuration as the simulator uses it, defaults filled in (every clock with its period and
     * phase), as YAML that {@code config check} and {@code --config FILE} read back unchanged.
     */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Print a preset's (or file's) effective configuration as YAML.")
    static final class Show implements Callable<Integer> {
        private static final YAMLMapper YAML = YAMLMapper.builder(new YAMLFactory())
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .build();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "PRESET|FILE", description = "minimal, edge_ai, embodied_ai, datacenter, or a .yaml/.json file")
        String name;

        @Override
        public Integer call() throws JsonProcessingException {
            spec.commandLine().getOut().print(YAML.writeValueAsString(load(name)));
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
    }

    /** Validates a file: one OK line and exit 0, or the one-line error (file:line: path: problem) and exit 2. */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Validate a memory-hierarchy configuration file.")
    static final class Check implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "a .yaml, .yml or .json file")
        Path file;

        @Override
        public Integer call() {
            HierarchyConfig c = ConfigReader.read(file, HierarchyConfig.class);
            OffChipConfig ext = c.external();
            spec.commandLine().getOut().printf(Locale.ROOT, "OK %s: hierarchy '%s', %d clocks, %d regions, external %d x %d MiB %s%n",
                    file, c.name(), c.clocks().size(), c.spans().size(), ext.count(), ext.mb(),
                    OffChipConfig.DRAM.equals(ext.kind()) ? ext.dramPreset() + " DRAM" : "simple");
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
    }

    static HierarchyConfig load(String name) {
        return Presets.NAMES.contains(name) ? Presets.load(name) : ConfigReader.read(Path.of(name), HierarchyConfig.class);
    }
}

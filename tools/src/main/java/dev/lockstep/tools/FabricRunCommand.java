package dev.lockstep.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.fabric.frame.FrameException;
import dev.lockstep.fabric.frame.FrameRegisters;
import dev.lockstep.fabric.frame.FrameResult;
import dev.lockstep.fabric.frame.FrameTiming;
import dev.lockstep.fabric.kernel.FabricBackend;
import dev.lockstep.fabric.pt5.Pt5Mapping;
import dev.lockstep.sim.config.ConfigReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * `lockstep fabric run FRAME.json`: loads the banks a frame file gives, runs its frames in order on the
 * chosen fidelity and prints per tile and lane the results and every profiling counter.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the frames of a frame file (docs/fabric-kernels.md) and print results and counters.")
final class FabricRunCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FRAME.json", description = "the frame file")
    Path file;

    @Option(names = "--fidelity", paramLabel = "LEVEL", defaultValue = "tile",
            description = "pe (register level), tile (transaction level) or rtl (not yet); default ${DEFAULT-VALUE}")
    String fidelity;

    @Option(names = "--skip-compaction", description = "tile level only: the skip-compaction timing experiment")
    boolean skipCompaction;

    @Option(names = "--json", description = "print JSON (the format of docs/fabric-kernels.md)")
    boolean json;

    @Override
    public Integer call() throws Exception {
        FabricFrameFile f = ConfigReader.read(file, FabricFrameFile.class);
        FabricBackend backend = FabricFidelity.backend(fidelity, f.tiles(), f.lanes(),
                Pt5Mapping.valueOf(f.mapping()), skipCompaction ? FrameTiming.SKIP_COMPACTION : FrameTiming.HARDWARE);
        for (int b = 0; b < f.sram().size(); b++) {
            FabricFrameFile.Bank bank = f.sram().get(b);
            for (int i = 0; i < bank.words().size(); i++) {
                String where = "sram[" + b + "].words[" + i + "]";
                int word;
                try {
                    word = bank.word(i, f.mapping());
                } catch (dev.lockstep.sim.config.ConfigException e) {
                    throw new InputException(file + ": " + where + ": " + e.problem());
                }
                try {
                    if (bank.bank().equals("weights")) {
                        backend.loadWeight(bank.tile(), bank.base() + i, word);
                    } else {
                        backend.loadInput(bank.tile(), bank.base() + i, word);
                    }
                } catch (FrameException e) {
                    throw new InputException(file + ": " + where + ": " + e.getMessage());
                }
            }
        }
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("fidelity", backend.fidelity());
        root.put("timing", skipCompaction ? "skip-compaction" : "hardware");
        root.put("tiles", f.tiles());
        root.put("lanes", f.lanes());
        ArrayNode frames = root.putArray("frames");
        PrintWriter out = spec.commandLine().getOut();
        for (int k = 0; k < f.frames().size(); k++) {
            FrameRegisters regs = registers(f.frames().get(k), k);
            FrameResult r = backend.run(regs);
            ObjectNode fr = frames.addObject();
            fr.put("frame", k);
            fr.put("cycles", r.cycles());
            fr.put("edges", r.edges());
            fr.put("utilization", r.totalUtilization());
            ArrayNode tiles = fr.putArray("tiles");
            for (int t = 0; t < f.tiles(); t++) {
                ObjectNode tn = tiles.addObject();
                tn.put("tile", t);
                tn.put("utilization", r.utilization(t));
                ArrayNode res = tn.putArray("result");
                ArrayNode skip = tn.putArray("skip");
                ArrayNode active = tn.putArray("active");
                ArrayNode ovf = tn.putArray("overflow");
                for (int l = 0; l < f.lanes(); l++) {
                    res.add(r.result(t, l));
                    skip.add(r.skipCount(t, l));
                    active.add(r.activeCycles(t, l));
                    ovf.add((r.overflowMask(t) >>> l & 1) != 0);
                }
            }
            if (!json) {
                out.printf(Locale.ROOT, "frame %d: cycles %d, START->DONE %d edges, utilization %d%n",
                        k, r.cycles(), r.edges(), r.totalUtilization());
                for (int t = 0; t < f.tiles(); t++) {
                    out.printf(Locale.ROOT, "  tile %d result  %s%n", t, lanes(r, t, 0, f.lanes()));
                    out.printf(Locale.ROOT, "         skip    %s%n", lanes(r, t, 1, f.lanes()));
                    out.printf(Locale.ROOT, "         active  %s%n", lanes(r, t, 2, f.lanes()));
                    out.printf(Locale.ROOT, "         overflow 0x%04X, utilization %d%n", r.overflowMask(t), r.utilization(t));
                }
            }
        }
        if (json) {
            out.println(mapper.writeValueAsString(root));
        }
        return ExitCodes.OK;
    }

    private FrameRegisters registers(FabricFrameFile.Frame fr, int k) {
        try {
            return new FrameRegisters((int) fr.value("base", fr.base(), 0), (int) fr.value("depth", fr.depth(), 0),
                    (int) fr.value("stride", fr.stride(), 1), (int) fr.value("hints", fr.hints(), 0),
                    (int) fr.value("laneCount", fr.laneCount(), 15), fr.value("laneMask", fr.laneMask(), 0x7FFF),
                    (int) fr.value("tileMask", fr.tileMask(), 1));
        } catch (FrameException e) {
            throw new InputException(file + ": frames[" + k + "]: " + e.getMessage());
        }
    }

    private static String lanes(FrameResult r, int tile, int what, int lanes) {
        StringBuilder b = new StringBuilder();
        for (int l = 0; l < lanes; l++) {
            int v = switch (what) {
                case 0 -> r.result(tile, l);
                case 1 -> r.skipCount(tile, l);
                default -> r.activeCycles(tile, l);
            };
            b.append(String.format(Locale.ROOT, "%7d", v));
        }
        return b.toString();
    }
}

package dev.lockstep.tools;

import dev.lockstep.fabric.frame.FrameTiming;
import dev.lockstep.fabric.kernel.FabricBackend;
import dev.lockstep.fabric.kernel.PeBackend;
import dev.lockstep.fabric.kernel.TileBackend;
import dev.lockstep.fabric.pt5.InvalidBytes;
import dev.lockstep.fabric.pt5.Pt5Mapping;
import dev.lockstep.fabric.pt5.Pt5Options;

/** The --fidelity of the fabric commands: which backend runs the frames. */
final class FabricFidelity {
    private FabricFidelity() {
    }

    static FabricBackend backend(String fidelity, int tiles, int lanes, Pt5Mapping mapping, FrameTiming timing) {
        Pt5Options options = new Pt5Options(mapping, InvalidBytes.REJECT);
        return switch (fidelity) {
            case "tile" -> new TileBackend(tiles, lanes, options, timing);
            case "pe" -> {
                if (timing != FrameTiming.HARDWARE) {
                    throw new InputException("--skip-compaction is a tile-level timing experiment; use --fidelity tile");
                }
                yield new PeBackend(tiles, lanes, options);
            }
            case "rtl" -> throw new InputException(
                    "--fidelity rtl is not available yet: the fabric top RTL is not wired to this command; use pe or tile");
            default -> throw new InputException("--fidelity must be pe, tile or rtl, got '" + fidelity + "'");
        };
    }
}

package dev.lockstep.tools;

import dev.lockstep.cosim.RtlFabricBackend;
import dev.lockstep.fabric.frame.FrameTiming;
import dev.lockstep.fabric.kernel.FabricBackend;
import dev.lockstep.fabric.kernel.FabricTopBackend;
import dev.lockstep.fabric.kernel.TileBackend;
import dev.lockstep.fabric.pt5.InvalidBytes;
import dev.lockstep.fabric.pt5.Pt5Mapping;
import dev.lockstep.fabric.pt5.Pt5Options;
import dev.lockstep.fabric.tile.Tile;
import dev.lockstep.fabric.top.FabricRegisterMap;
import dev.lockstep.fabric.top.FabricTop;

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
                if (tiles > FabricRegisterMap.MAX_TILES) {
                    throw new InputException("--fidelity pe runs the fabric top, which has 1.." + FabricRegisterMap.MAX_TILES
                            + " tiles (its AXI windows address four); got " + tiles + " tiles, use --fidelity tile");
                }
                yield FabricTopBackend.pe(tiles, lanes, mapping);
            }
            case "rtl" -> {
                if (timing != FrameTiming.HARDWARE) {
                    throw new InputException("--skip-compaction is a tile-level timing experiment; use --fidelity tile");
                }
                if (tiles != FabricTop.DEFAULT_TILES || lanes != Tile.MAX_LANES || mapping != Pt5Mapping.A) {
                    throw new InputException("--fidelity rtl runs fabric_top.v as built: " + FabricTop.DEFAULT_TILES
                            + " tiles x " + Tile.MAX_LANES + " lanes, PT-5 mapping A; got " + tiles + " x " + lanes
                            + ", mapping " + mapping);
                }
                yield RtlFabricBackend.open();
            }
            default -> throw new InputException("--fidelity must be pe, tile or rtl, got '" + fidelity + "'");
        };
    }

    /** Frees what a backend holds outside the heap (the verilated model of {@code rtl}). */
    static void release(FabricBackend backend) {
        if (backend instanceof RtlFabricBackend rtl) {
            rtl.close();
        }
    }
}

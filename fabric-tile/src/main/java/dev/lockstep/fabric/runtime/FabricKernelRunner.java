package dev.lockstep.fabric.runtime;

import dev.lockstep.fabric.Hints;
import dev.lockstep.fabric.frame.FrameTiming;
import dev.lockstep.fabric.kernel.FabricBackend;
import dev.lockstep.fabric.kernel.FabricSession;
import dev.lockstep.fabric.kernel.FabricTopBackend;
import dev.lockstep.fabric.kernel.TernaryGemm;
import dev.lockstep.fabric.kernel.TileBackend;
import dev.lockstep.fabric.pt5.Pt5Mapping;
import dev.lockstep.fabric.pt5.Pt5Options;
import dev.lockstep.fabric.telemetry.KernelTelemetry;

import java.util.Arrays;

/**
 * The device's kernels run by the kernel mappers at a chosen fidelity: each descriptor is y = acc + W x
 * (the device contract, docs/fabric-device.md) mapped by {@link TernaryGemm} onto a fabric of
 * popcount(TILE_MASK) tiles of LANE_COUNT lanes, with the descriptor's ZERO_SKIP. Frames run as TGEMM
 * whatever the kernel ID: every ID the device accepts is a matrix-vector product over W's rows, and the
 * CONV IDs would otherwise change the controller's address step under the GEMV schedule. Under BIAS_EN
 * the carried values are added on the host: the fabric has no path to preload accumulators, and adding
 * them gives what the lanes would hold had the previous kernel left them there.
 *
 * <p>Each request gets a fresh backend, so a kernel's counters are its own and no state leaks between
 * tasks. Telemetry comes from {@link KernelTelemetry#of}.
 */
public final class FabricKernelRunner implements KernelRunner {
    /** Makes a backend of the given tiles and lanes per tile. */
    @FunctionalInterface
    public interface Backends {
        FabricBackend create(int tiles, int lanes);
    }

    private final Backends backends;

    public FabricKernelRunner(Backends backends) {
        this.backends = backends;
    }

    /** Transaction level, hardware timing. */
    public static FabricKernelRunner tile() {
        return new FabricKernelRunner((tiles, lanes) -> new TileBackend(tiles, lanes, Pt5Options.DEFAULT, FrameTiming.HARDWARE));
    }

    /** Register level: the fabric top driven through AXI (1..4 tiles). */
    public static FabricKernelRunner pe() {
        return new FabricKernelRunner((tiles, lanes) -> FabricTopBackend.pe(tiles, lanes, Pt5Mapping.A));
    }

    @Override
    public KernelResult run(KernelRequest q) {
        int tiles = Integer.bitCount(q.tfd().tileMask());
        FabricSession session = new FabricSession(backends.create(tiles, q.tfd().laneCount()));
        int[][] w = new int[q.rows()][];
        for (int r = 0; r < q.rows(); r++) {
            w[r] = Arrays.copyOfRange(q.weights(), r * q.cols(), (r + 1) * q.cols());
        }
        int hints = Hints.OP_TGEMM | (q.tfd().hints().zeroSkip() ? Hints.ZERO_SKIP : 0);
        int[] y = new TernaryGemm(session).gemv(w, q.inputs(), hints, null);
        if (q.tfd().hints().biasEnabled()) {
            for (int r = 0; r < y.length; r++) {
                y[r] += q.accumulators()[r];
            }
        }
        return new KernelResult(y, KernelTelemetry.of(session.stats(), q.rows()));
    }
}

package dev.lockstep.fabric.runtime;

import dev.lockstep.fabric.device.ExecHints;
import dev.lockstep.fabric.telemetry.KernelTelemetry;

/**
 * The reference the device is tested with until the kernel mappers are plugged in: plain integer
 * y = acc + W x on unpacked trits (acc = the carried values under BIAS_EN, else 0). Counters: total R·C;
 * skips = MACs with a zero operand when ZERO_SKIP_EN is set, else 0; reads = ceil(R·C/5) + ceil(C/5)
 * PT-5 bytes; writes = 4R; no broadcasts; cycles = ceil(R / (lane_count · tiles)) passes of C + 3
 * cycles each (a frame takes D + 3 edges from START to DONE, docs/tile.md).
 */
final class PlainKernelRunner implements KernelRunner {
    static final int FRAME_OVERHEAD = 3;

    @Override
    public KernelResult run(KernelRequest q) {
        ExecHints h = q.tfd().hints();
        int[] y = new int[q.rows()];
        long skips = 0;
        for (int r = 0; r < q.rows(); r++) {
            int acc = h.biasEnabled() ? q.accumulators()[r] : 0;
            for (int c = 0; c < q.cols(); c++) {
                int p = q.weights()[r * q.cols() + c] * q.inputs()[c];
                acc += p;
                if (p == 0 && h.zeroSkip()) {
                    skips++;
                }
            }
            y[r] = acc;
        }
        long total = (long) q.rows() * q.cols();
        int lanes = q.tfd().laneCount() * Integer.bitCount(q.tfd().tileMask());
        long passes = (q.rows() + lanes - 1) / lanes;
        KernelTelemetry t = new KernelTelemetry(total, skips, (total + 4) / 5 + (q.cols() + 4) / 5,
                4L * q.rows(), 0, 0, 0, passes * (q.cols() + FRAME_OVERHEAD));
        return new KernelResult(y, t);
    }
}

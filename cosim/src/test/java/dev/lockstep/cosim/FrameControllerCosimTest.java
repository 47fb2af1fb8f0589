package dev.lockstep.cosim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.fabric.Hints;
import dev.lockstep.fabric.device.DeviceStatus;
import dev.lockstep.fabric.tile.FrameController;
import dev.lockstep.fabric.tile.FrameState;
import dev.lockstep.rtl.RtlSources;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * frame_controller.v against the Java {@link FrameController}, every output every edge, under random
 * START pulses: valid frames (depth 1..256, stride 0..255, DOT, CONV2D and CONV3D with s = 1..4,
 * other ops, base up to the last fitting word) and refused ones (DEPTH 0, DEPTH above 65535, STRIDE
 * above 255, base or last word past 4095, START while busy), register values changing between
 * STARTs and now and then a reset. The test also counts what the stimulus reached, so a stimulus
 * that stopped producing some case fails here instead of passing vacuously.
 */
class FrameControllerCosimTest {
    static final CosimSchema SCHEMA = new CosimSchema("frame_controller",
            List.of(new SignalSpec("rst", 1), new SignalSpec("start", 1), new SignalSpec("base", 32),
                    new SignalSpec("depth", 32), new SignalSpec("stride", 32), new SignalSpec("hints", 32)),
            List.of(new SignalSpec("state", 2), new SignalSpec("busy", 1), new SignalSpec("done", 1),
                    new SignalSpec("error", 3), new SignalSpec("read_enable", 1),
                    new SignalSpec("read_address", 12), new SignalSpec("engine_enable", 1),
                    new SignalSpec("clear", 1), new SignalSpec("cycles", 32), new SignalSpec("step", 12),
                    new SignalSpec("frame_hints", 32)));

    private static final int CYCLES = 100_000;

    static RtlDesign design(String source) {
        return RtlDesign.of("frame_controller", Map.of("frame_controller.v", source));
    }

    /** What the Java side saw, counted at each edge between evaluate and commit. */
    static final class Coverage {
        int accepted;
        int conv2d;
        int conv3d;
        int refusedAddr;
        int refusedBusy;
        int done;
        int maxStep;
        int lastWord;
    }

    static CosimModel model(FrameController fc, Coverage seen) {
        return new CosimModel() {
            @Override
            public void apply(long[] in) {
                fc.setReset(in[0] != 0);
                fc.setStart(in[1] != 0);
                fc.setBase((int) in[2]);
                fc.setDepth((int) in[3]);
                fc.setStride((int) in[4]);
                fc.setHints((int) in[5]);
            }

            @Override
            public void step() {
                FrameState before = fc.state();
                boolean wasDone = fc.done();
                fc.evaluate();
                DeviceStatus refusal = fc.refusal();
                fc.commit();
                if (refusal == DeviceStatus.ERR_ADDR) {
                    seen.refusedAddr++;
                } else if (refusal == DeviceStatus.ERR_BUSY) {
                    seen.refusedBusy++;
                }
                if (fc.state() == FrameState.FILL && before != FrameState.FILL) {
                    seen.accepted++;
                    int op = Hints.op(fc.frameHints());
                    seen.conv2d += op == Hints.OP_CONV2D ? 1 : 0;
                    seen.conv3d += op == Hints.OP_CONV3D ? 1 : 0;
                    seen.maxStep = Math.max(seen.maxStep, fc.step());
                }
                if (fc.readEnable() && fc.readAddress() == 4095) {
                    seen.lastWord++;
                }
                if (fc.done() && !wasDone) {
                    seen.done++;
                }
            }

            @Override
            public void sample(long[] out) {
                out[0] = fc.state().ordinal();
                out[1] = fc.busy() ? 1 : 0;
                out[2] = fc.done() ? 1 : 0;
                out[3] = fc.error();
                out[4] = fc.readEnable() ? 1 : 0;
                out[5] = fc.readAddress();
                out[6] = fc.engineEnable() ? 1 : 0;
                out[7] = fc.clear() ? 1 : 0;
                out[8] = fc.cycles() & 0xFFFF_FFFFL;
                out[9] = fc.step();
                out[10] = fc.frameHints() & 0xFFFF_FFFFL;
            }
        };
    }

    /**
     * Open loop, seeded: reset at cycles 0-1 and for 1-3 cycles about every 5,000; a START pulse
     * about every 60 cycles, so with depths up to 256 some land while a frame runs. Each START
     * carries a new register set (70 % a frame that fits, the rest one refusal kind each); between
     * STARTs the registers are sometimes scrambled, which must not matter to a running frame.
     */
    static Stimulus stimulus(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        long[] regs = new long[4];   // base, depth, stride, hints
        return new Stimulus() {
            private int resetLeft;

            @Override
            public void next(long cycle, long[] in) {
                if (cycle < 2) {
                    resetLeft = (int) (2 - cycle);
                } else if (resetLeft == 0 && rnd.nextInt(5_000) == 0) {
                    resetLeft = 1 + rnd.nextInt(3);
                }
                in[0] = resetLeft > 0 ? 1 : 0;
                if (resetLeft > 0) {
                    resetLeft--;
                }
                boolean start = rnd.nextInt(60) == 0;
                if (start) {
                    frame(rnd, regs);
                } else if (rnd.nextInt(200) == 0) {
                    for (int i = 0; i < regs.length; i++) {
                        regs[i] = rnd.nextLong() & 0xFFFF_FFFFL;
                    }
                }
                in[1] = start ? 1 : 0;
                System.arraycopy(regs, 0, in, 2, regs.length);
            }
        };
    }

    private static final int[] OPS = {Hints.OP_DOT, Hints.OP_CONV2D, Hints.OP_CONV3D};

    /** One START's registers; the step follows tfmbs.md 2.4 (x s for CONV2D, x s^2 for CONV3D). */
    private static void frame(SplittableRandom rnd, long[] regs) {
        int op = rnd.nextInt(4) == 0 ? rnd.nextInt(256) : OPS[rnd.nextInt(OPS.length)];
        int sMinus1 = rnd.nextInt(4);
        int hints = op | sMinus1 << 20 | (rnd.nextInt() & ~(0xFF | 0b11 << 20));
        int s = sMinus1 + 1;
        int depth = rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(8) : 1 + rnd.nextInt(256);
        int stride;
        long step;
        do {
            stride = switch (rnd.nextInt(4)) {
                case 0 -> 0;
                case 1 -> 1 + rnd.nextInt(4);
                case 2 -> rnd.nextInt(256);
                default -> 4095 / Math.max(1, depth - 1) / 16 + rnd.nextInt(3);
            };
            step = op == Hints.OP_CONV2D ? (long) stride * s : op == Hints.OP_CONV3D ? (long) stride * s * s : stride;
        } while (stride > 255 || (depth - 1) * step > 4095);
        long lastBase = 4095 - (depth - 1) * step;
        long base = rnd.nextInt(5) == 0 ? lastBase : rnd.nextLong(lastBase + 1);
        long stride32 = stride;
        long depth32 = depth;
        switch (rnd.nextInt(10)) {
            case 0 -> depth32 = 0;                                              // ERR_ADDR: DEPTH 0
            case 1 -> base = switch (rnd.nextInt(3)) {                         // past 4095
                case 0 -> lastBase + 1 + rnd.nextInt(4);
                case 1 -> lastBase + 1 + rnd.nextInt(1 << 20);
                default -> rnd.nextLong(1L << 31, 1L << 32);                   // bit 31 set
            };
            case 2 -> stride32 = 256 + rnd.nextInt(rnd.nextBoolean() ? 4 : 1 << 30);        // STRIDE > 255
            case 3 -> depth32 = rnd.nextBoolean() ? 65_536 : rnd.nextLong(65_536, 1L << 32); // DEPTH > 65535
            default -> { }                                                      // fits
        }
        regs[0] = base;
        regs[1] = depth32;
        regs[2] = stride32;
        regs[3] = hints & 0xFFFF_FFFFL;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void randomFramesAndRefusalsAgree(long seed) {
        Coverage seen = new Coverage();
        CosimHarness h = new CosimHarness(SCHEMA, design(RtlSources.frameController()), stimulus(seed),
                model(new FrameController(), seen), seed);
        CosimResult r = LockstepRunner.run(h, CYCLES, CosimOptions.defaults());
        System.out.println(r.report());
        System.out.printf("seed %d: %d accepted (%d CONV2D, %d CONV3D), %d done, %d ERR_ADDR, %d ERR_BUSY, "
                        + "max step %d, word 4095 issued %d times%n", seed, seen.accepted, seen.conv2d, seen.conv3d,
                seen.done, seen.refusedAddr, seen.refusedBusy, seen.maxStep, seen.lastWord);
        assertEquals(CYCLES, r.cycles());
        assertTrue(r.passed(), r::report);
        // About 1,650 STARTs in 100,000 cycles; the floors are far below what any seed gives.
        assertTrue(seen.accepted > 300, "accepted " + seen.accepted);
        assertTrue(seen.conv2d > 50 && seen.conv3d > 50, "CONV2D " + seen.conv2d + ", CONV3D " + seen.conv3d);
        assertTrue(seen.done > 300, "done " + seen.done);
        assertTrue(seen.refusedAddr > 100, "ERR_ADDR " + seen.refusedAddr);
        assertTrue(seen.refusedBusy > 100, "ERR_BUSY " + seen.refusedBusy);
        assertTrue(seen.maxStep > 255, "a step wider than 8 bits, max " + seen.maxStep);
        assertTrue(seen.lastWord > 0, "word 4095 reached");
    }

    /**
     * The comparison must see a wrong RTL: each mutant is the real source with one known bug, and
     * the random run must diverge on it.
     */
    @ParameterizedTest
    @ValueSource(strings = {"busy refusal dropped", "step truncated to 8 bits"})
    void aMutantRtlDiverges(String mutant) {
        String source = RtlSources.frameController();
        String mutated = switch (mutant) {
            case "busy refusal dropped" -> source.replace("if (start) error <= ERR_BUSY;", "");
            // The original's truncation (tfmbs.md 2.4): the step keeps its low 8 bits.
            case "step truncated to 8 bits" -> source.replace("step          <= new_step;",
                    "step          <= {4'd0, new_step[7:0]};");
            default -> throw new IllegalArgumentException(mutant);
        };
        assertFalse(mutated.equals(source), "the mutation applies to the current source");
        CosimHarness h = new CosimHarness(SCHEMA, design(mutated), stimulus(1), model(new FrameController(),
                new Coverage()), 1);
        CosimResult r = LockstepRunner.run(h, CYCLES, CosimOptions.defaults());
        System.out.println(r.report());
        assertFalse(r.passed(), mutant + " went unnoticed");
    }
}

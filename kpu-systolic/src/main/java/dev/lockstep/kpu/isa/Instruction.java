package dev.lockstep.kpu.isa;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.lockstep.sim.config.Check;
import dev.lockstep.sim.config.ConfigException;
import dev.lockstep.sim.config.Defaulted;
import dev.lockstep.kpu.vector.Activation;
import dev.lockstep.kpu.vector.Requantize;
import dev.lockstep.kpu.vector.VectorEngine;

/**
 * One instruction. Fields an operation does not use are absent in JSON (null here). Blocks are
 * {@code rows x cols} elements of {@code elem} bytes, rows {@code src_pitch} / {@code dst_pitch}
 * elements apart. COMPUTE: A ({@code rows x depth}) at {@code src}, B ({@code depth x cols}) at
 * {@code src2}, C accumulators ({@code rows x cols}, as wide as the program's dtype accumulates) at {@code dst};
 * {@code elem} is the operand width.
 * FEED_PATCHES: {@code rows} patch rows of {@code cols} elements gathered from the input band at
 * {@code src} (image rows {@code src_pitch} elements apart) as {@code patches} describes, written
 * like FEED_ROWS's block at {@code dst}.
 * BM_DEQUANT: {@code rows x cols} weight codes at {@code src} (packed as {@code dequant} says, the
 * rows contiguous: {@code src_pitch} = cols) and their scales at {@code src2}, both in L3, become a
 * rows x cols tile of {@code elem}-byte operands at {@code dst} (L2, {@code dst_pitch} apart); to int8
 * operands (elem 1) the codes are written unscaled and {@code src2} is absent.
 * SIGNAL/WAIT name a queue by {@code unit} ("dma", "bm", "str", "tile", "drain") and {@code engine}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Instruction(
        Op op,
        @Defaulted Integer engine,
        @Defaulted Long src,
        @Defaulted Long src2,
        @Defaulted Long dst,
        @Defaulted Integer rows,
        @Defaulted Integer cols,
        @Defaulted Integer depth,
        @Defaulted Integer elem,
        @JsonProperty("src_pitch") @Defaulted Integer srcPitch,
        @JsonProperty("dst_pitch") @Defaulted Integer dstPitch,
        @Defaulted Boolean accumulate,
        @Defaulted String epilogue,
        @Defaulted Integer flag,
        @Defaulted String unit,
        @Defaulted Patches patches,
        @Defaulted Dequant dequant,
        @Defaulted Long bias,
        @Defaulted Float scale) {

    /** A drain with no epilogue. */
    public static final String NO_EPILOGUE = "none";
    /**
     * Bias add and ReLU on the drain path, through the vector engine ({@code BiasActivation}): it reads
     * the bias (cols accumulators at {@code src2}, in L3) and costs {@link #epilogueCycles}. Another
     * activation is named {@code bias_gelu}, {@code bias_silu}, {@code bias_sigmoid}, {@code bias_tanh},
     * {@code bias_relu} or {@code bias_none} (bias add only).
     */
    public static final String BIAS_ACTIVATION = "bias_act";
    private static final String BIAS_PREFIX = "bias_";
    /**
     * The int8 array's group scaling on the drain path (quantized weights, docs/kpu-top.md): the
     * rows x cols int32 accumulators at {@code src} (one weight group's partial sums) times that
     * group's scale row ({@code cols} fp16 at {@code src2}, in L3) become fp32 at {@code dst} (L3):
     * written when {@code accumulate} is false (the first group), added to the fp32 partial sums
     * already there when true. Costs {@link #drainStreamCycles} like a bias epilogue, plus the read
     * of the partial tile when accumulating. {@code scale_acc_} followed by a bias epilogue's name
     * ({@code scale_acc_bias_gelu}, ...) is the last group's drain of a layer with a bias: it then
     * also adds the bias ({@code cols} fp32 at {@code bias}, in L3) and applies the activation, a
     * second pass of the vector engine over the tile.
     */
    public static final String SCALE_ACCUMULATE = "scale_acc";
    /**
     * A bias epilogue's name followed by this ({@code bias_gelu_q}, {@code bias_act_q}, ...) requantizes
     * on int8 programs: the int32 accumulators at {@code src} ({@code elem} 4) go through bias + act as
     * the bias epilogue does, then {@code Requantize} with the layer's fp32 {@code scale}, and the tile
     * is written as int8 operands (one byte an element, {@code dst_pitch} elements apart) into L3.
     */
    public static final String REQUANT_SUFFIX = "_q";
    /** The drain path's vector engine: the reference's (kpu.md 2.5: 8 lanes, 3 stages, SFU 2). */
    public static final VectorEngine DRAIN_VECTOR_ENGINE = VectorEngine.reference();

    public Instruction {
        Check.present("op", op);
        switch (op) {
            case DMA_LOAD, DMA_STORE, BM_MOVE, BM_TRANSPOSE, BM_DEQUANT, FEED_ROWS, FEED_COLS, FEED_PATCHES, DRAIN -> {
                need("engine", engine, 0);
                need("src", src);
                need("dst", dst);
                need("rows", rows, 1);
                need("cols", cols, 1);
                need("elem", elem, 1);
                Check.range("elem", elem, 1, 8);
                need("src_pitch", srcPitch, op == Op.FEED_PATCHES ? 1 : cols);
                need("dst_pitch", dstPitch, op == Op.BM_TRANSPOSE ? rows : cols);
                if (op == Op.FEED_PATCHES) {
                    Check.present("patches", patches);
                    patches.check(rows, cols, srcPitch);
                } else if (patches != null) {
                    throw new ConfigException("patches", "is only for FEED_PATCHES, not " + op);
                }
                if (op == Op.BM_DEQUANT) {
                    Check.present("dequant", dequant);
                    if (srcPitch.intValue() != cols.intValue()) {
                        throw new ConfigException("src_pitch", "value " + srcPitch + " is not allowed, BM_DEQUANT reads contiguous"
                                + " code rows, allowed " + cols + " (cols)");
                    }
                    // the array's operands: int8 codes (1 byte, unscaled), bf16 (2) or fp32 (4) weights
                    if (elem != 1 && elem != 2 && elem != 4) {
                        throw new ConfigException("elem", "value " + elem + " is not allowed, BM_DEQUANT writes int8, bf16 or fp32"
                                + " operands, allowed 1, 2, 4");
                    }
                    if (elem == 1 && src2 != null) {
                        // the int8 array multiplies the codes; their scales are applied by scale_acc drains
                        throw new ConfigException("src2", "is not allowed: BM_DEQUANT to int8 operands (elem 1) writes the codes"
                                + " unscaled and reads no scales");
                    }
                    if (elem != 1) {
                        need("src2", src2);
                    }
                } else if (dequant != null) {
                    throw new ConfigException("dequant", "is only for BM_DEQUANT, not " + op);
                }
                if (op == Op.DRAIN) {
                    epilogue = epilogue == null ? NO_EPILOGUE : epilogue;
                    if (epilogue.startsWith(SCALE_ACCUMULATE)) {
                        if (!SCALE_ACCUMULATE.equals(epilogue)) {
                            // scale_acc_<bias epilogue>: the last group's drain also adds the bias and activates
                            if (!epilogue.startsWith(SCALE_ACCUMULATE + "_")) {
                                epilogueActivation(epilogue);   // throws, naming every allowed value
                            }
                            epilogueActivation(epilogue.substring(SCALE_ACCUMULATE.length() + 1));
                            need("bias", bias);
                        } else if (bias != null) {
                            throw new ConfigException("bias", "is only for a scale_acc_bias_* drain, not scale_acc");
                        }
                        need("src2", src2);
                        Check.present("accumulate", accumulate);
                        // int32 accumulators in, fp32 partial sums out: both 4 bytes a slot
                        Check.range("elem", elem, 4, 4);
                    } else {
                        if (!NO_EPILOGUE.equals(epilogue)) {
                            epilogueActivation(stripRequant(epilogue));
                        }
                        if (epilogue.endsWith(REQUANT_SUFFIX)) {
                            Check.present("scale", scale);
                            if (!(scale > 0) || Float.isInfinite(scale)) {
                                throw new ConfigException("scale", "value " + scale + " is not allowed, a requantizing drain needs a"
                                        + " finite scale > 0");
                            }
                            // int32 accumulators in; int8 operands out
                            Check.range("elem", elem, 4, 4);
                        } else if (scale != null) {
                            throw new ConfigException("scale", "is only for a requantizing drain (bias_<act>_q), not epilogue "
                                    + epilogue);
                        }
                        if (accumulate != null) {
                            throw new ConfigException("accumulate", "is only for COMPUTE and scale_acc drains, not a drain with epilogue "
                                    + epilogue);
                        }
                        noBias(op, bias);
                        if (!NO_EPILOGUE.equals(epilogue)) {
                            need("src2", src2);
                            // the epilogue writes fp32 results into the accumulator slots
                            Check.range("elem", elem, 4, 8);
                        }
                    }
                } else {
                    if (accumulate != null) {
                        throw new ConfigException("accumulate", "is only for COMPUTE and scale_acc drains, not " + op);
                    }
                    noBias(op, bias);
                    noScale(op, scale);
                }
            }
            case COMPUTE -> {
                need("engine", engine, 0);
                need("src", src);
                need("src2", src2);
                need("dst", dst);
                need("rows", rows, 1);
                need("cols", cols, 1);
                need("depth", depth, 1);
                need("elem", elem, 1);
                Check.range("elem", elem, 1, 8);
                Check.present("accumulate", accumulate);
                noDequant(op, dequant);
                noBias(op, bias);
                noScale(op, scale);
            }
            case SIGNAL, WAIT -> {
                noDequant(op, dequant);
                noBias(op, bias);
                noScale(op, scale);
                need("engine", engine, 0);
                need("flag", flag, 0);
                Check.present("unit", unit);
                try {
                    Op.Unit u = Op.Unit.valueOf(unit.toUpperCase(java.util.Locale.ROOT));
                    if (u == Op.Unit.CTRL) {
                        throw new IllegalArgumentException();
                    }
                } catch (IllegalArgumentException e) {
                    throw new ConfigException("unit", "value '" + unit + "' is not a queue, allowed dma, bm, str, tile, drain");
                }
            }
            case BARRIER -> {
                noDequant(op, dequant);
                noBias(op, bias);
                noScale(op, scale);
            }
        }
    }

    private static void noDequant(Op op, Dequant dequant) {
        if (dequant != null) {
            throw new ConfigException("dequant", "is only for BM_DEQUANT, not " + op);
        }
    }

    private static void noBias(Op op, Long bias) {
        if (bias != null) {
            throw new ConfigException("bias", "is only for a scale_acc_bias_* drain, not " + op);
        }
    }

    private static void noScale(Op op, Float scale) {
        if (scale != null) {
            throw new ConfigException("scale", "is only for a requantizing drain (bias_<act>_q), not " + op);
        }
    }

    private static String stripRequant(String epilogue) {
        return epilogue.endsWith(REQUANT_SUFFIX) ? epilogue.substring(0, epilogue.length() - REQUANT_SUFFIX.length()) : epilogue;
    }

    private static void need(String field, Long value) {
        Check.present(field, value);
    }

    private static void need(String field, Integer value, int min) {
        Check.present(field, value);
        Check.range(field, value, min, Integer.MAX_VALUE);
    }

    public static Instruction block(Op op, int engine, long src, long dst, int rows, int cols, int elem, int srcPitch, int dstPitch) {
        return new Instruction(op, engine, src, null, dst, rows, cols, null, elem, srcPitch, dstPitch, null,
                op == Op.DRAIN ? NO_EPILOGUE : null, null, null, null, null, null, null);
    }

    public static Instruction compute(int tile, long a, long b, long c, int m, int n, int k, int operandElem, boolean accumulate) {
        return new Instruction(Op.COMPUTE, tile, a, b, c, m, n, k, operandElem, null, null, accumulate, null, null, null, null, null, null, null);
    }

    public static Instruction barrier() {
        return new Instruction(Op.BARRIER, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    public static Instruction sync(Op op, String unit, int engine, int flag) {
        return new Instruction(op, engine, null, null, null, null, null, null, null, null, null, null, null, flag, unit, null, null, null, null);
    }

    /** A drain with the bias + ReLU epilogue ({@code bias_act}): its bias at {@code bias} (L3). */
    public static Instruction drainWithBias(int tile, long src, long dst, int rows, int cols, int accElem, long bias) {
        return drainWithBias(tile, src, dst, rows, cols, accElem, bias, Activation.RELU);
    }

    /** A drain with bias add and {@code act} on the drain path: its bias at {@code bias} (L3). */
    public static Instruction drainWithBias(int tile, long src, long dst, int rows, int cols, int accElem, long bias,
            Activation act) {
        return new Instruction(Op.DRAIN, tile, src, bias, dst, rows, cols, null, accElem, cols, cols, null,
                epilogueName(act), null, null, null, null, null, null);
    }

    /**
     * A requantizing drain ({@link #REQUANT_SUFFIX}): the rows x cols int32 accumulators at {@code src}
     * (L1) through bias ({@code bias}, L3, cols accumulators) + {@code act}, times {@code scale},
     * rounded and saturated to int8 at {@code dst} (L3, {@code dstPitch} elements apart).
     */
    public static Instruction drainRequantized(int tile, long src, long dst, int rows, int cols, int dstPitch, long bias,
            Activation act, float scale) {
        return new Instruction(Op.DRAIN, tile, src, bias, dst, rows, cols, null, 4, cols, dstPitch, null,
                epilogueName(act) + REQUANT_SUFFIX, null, null, null, null, null, scale);
    }

    /**
     * A patch feed: {@code rows} patch rows of {@code cols} elements from the band at {@code band} (L2,
     * image rows {@code bandPitch} elements apart) into the rows x cols block at {@code dst} (L1).
     */
    public static Instruction feedPatches(int engine, long band, long dst, int rows, int cols, int elem, int bandPitch,
            Patches patches) {
        return new Instruction(Op.FEED_PATCHES, engine, band, null, dst, rows, cols, null, elem, bandPitch, cols, null, null,
                null, null, patches, null, null, null);
    }

    /**
     * A dequantizing move: the rows x cols codes at {@code codes} and their scales at {@code scales}
     * (L3) into a tile of {@code operandElem}-byte operands at {@code dst} (L2, {@code dstPitch} apart).
     */
    public static Instruction dequant(int engine, long codes, long scales, long dst, int rows, int cols, int operandElem,
            int dstPitch, Dequant format) {
        return new Instruction(Op.BM_DEQUANT, engine, codes, scales, dst, rows, cols, null, operandElem, cols, dstPitch, null, null,
                null, null, null, format, null, null);
    }

    /**
     * A dequantizing move to int8 operands: the rows x cols codes at {@code codes} (L3) written
     * unscaled, int4 sign-extended, as int8 at {@code dst} (L2, {@code dstPitch} apart); no scales.
     */
    public static Instruction expandCodes(int engine, long codes, long dst, int rows, int cols, int dstPitch, Dequant format) {
        return new Instruction(Op.BM_DEQUANT, engine, codes, null, dst, rows, cols, null, 1, cols, dstPitch, null, null,
                null, null, null, format, null, null);
    }

    /** The epilogue name for bias add + {@code act}: {@code bias_act} for ReLU, else {@code bias_<act>}. */
    public static String epilogueName(Activation act) {
        return act == Activation.RELU ? BIAS_ACTIVATION : BIAS_PREFIX + act.lowerName();
    }

    /** The activation of a bias epilogue, null for {@code none} and the scale_acc drains ({@link #scaleActivation}). */
    public Activation epilogueActivation() {
        return epilogue == null || NO_EPILOGUE.equals(epilogue) || epilogue.startsWith(SCALE_ACCUMULATE) ? null
                : epilogueActivation(stripRequant(epilogue));
    }

    /** Whether this drain requantizes to int8 operands ({@link #REQUANT_SUFFIX}). */
    public boolean requantizes() {
        return op == Op.DRAIN && epilogue.endsWith(REQUANT_SUFFIX);
    }

    /** Bytes an element takes where this instruction writes: 1 for a requantizing drain, else {@code elem}. */
    public int dstElem() {
        return requantizes() ? 1 : elem;
    }

    /** Bytes written at {@code dst}: rows x cols x {@link #dstElem}. */
    public long writtenBytes() {
        return (long) rows * cols * dstElem();
    }

    /** Whether this is a drain that scales a weight group's int32 partial sums ({@link #SCALE_ACCUMULATE}, with or without bias). */
    public boolean scalesGroup() {
        return op == Op.DRAIN && epilogue.startsWith(SCALE_ACCUMULATE);
    }

    /** The activation a scale_acc_bias_* drain applies after the bias, null for plain scale_acc (and other ops). */
    public Activation scaleActivation() {
        return scalesGroup() && !SCALE_ACCUMULATE.equals(epilogue)
                ? epilogueActivation(epilogue.substring(SCALE_ACCUMULATE.length() + 1)) : null;
    }

    /** The epilogue name of a scale_acc drain that also adds the bias and applies {@code act} (null: none of that). */
    public static String scaleEpilogueName(Activation act) {
        return act == null ? SCALE_ACCUMULATE : SCALE_ACCUMULATE + "_" + epilogueName(act);
    }

    /**
     * A {@link #SCALE_ACCUMULATE} drain: the rows x cols int32 accumulators at {@code src} (L1) times
     * the group's scale row at {@code scales} (L3) into the fp32 tile at {@code dst} (L3, {@code dstPitch}
     * apart), written for the first group, added for the others ({@code accumulate}).
     */
    public static Instruction scaleDrain(int tile, long src, long scales, long dst, int rows, int cols, int dstPitch,
            boolean accumulate) {
        return scaleDrain(tile, src, scales, dst, rows, cols, dstPitch, accumulate, null, null);
    }

    /**
     * The same, and when {@code act} is not null (a layer's last group) the bias at {@code bias} (L3,
     * cols fp32) added and {@code act} applied: epilogue {@code scale_acc_bias_<act>}.
     */
    public static Instruction scaleDrain(int tile, long src, long scales, long dst, int rows, int cols, int dstPitch,
            boolean accumulate, Long bias, Activation act) {
        return new Instruction(Op.DRAIN, tile, src, scales, dst, rows, cols, null, 4, cols, dstPitch, accumulate,
                scaleEpilogueName(act), null, null, null, null, act == null ? null : bias, null);
    }

    private static Activation epilogueActivation(String epilogue) {
        if (BIAS_ACTIVATION.equals(epilogue)) {
            return Activation.RELU;
        }
        if (epilogue.startsWith(BIAS_PREFIX)) {
            try {
                return Activation.parse(epilogue.substring(BIAS_PREFIX.length()));
            } catch (IllegalArgumentException e) {
                // fall through to the error naming every allowed value
            }
        }
        throw new ConfigException("epilogue", "value '" + epilogue
                + "' is not available, allowed none, bias_act, bias_none, bias_relu, bias_gelu, bias_silu, bias_sigmoid,"
                + " bias_tanh, a bias_ name followed by _q (int8 requantizing), scale_acc, or scale_acc_ followed by a bias_ name");
    }

    /**
     * Array cycles the vector engine takes for this drain's epilogue on its own: its beats plus its
     * pipeline fill, rows x ceil(cols / 8) + 3, + 2 when the activation goes through the SFU table
     * (kpu.md 2.5; {@code BiasActivation.cycles}); 0 for none and for the scale_acc drains (their
     * beats are in {@link #scaleDrainStreamCycles}). On the drain path it is pipelined
     * with the drain ({@link #drainStreamCycles}), not added to it.
     */
    public long epilogueCycles() {
        Activation act = epilogueActivation();
        return act == null ? 0 : epilogueCycles(rows, cols, act);
    }

    /** The cycles of a bias + {@code act} epilogue on a rows x cols tile, alone. */
    public static long epilogueCycles(int rows, int cols, Activation act) {
        return DRAIN_VECTOR_ENGINE.elementwiseCycles(rows, cols, act.usesTable());
    }

    /**
     * The streaming part of this drain in array cycles, pipelined ({@link #drainStreamCycles(long, long,
     * int, int, Activation)}); the caller adds the L3 latency.
     */
    public long drainStreamCycles(long wavefrontSteps, long portCycles) {
        return scalesGroup() ? scaleDrainStreamCycles(wavefrontSteps, portCycles, rows, cols, scaleActivation())
                : drainStreamCycles(wavefrontSteps, portCycles, rows, cols, epilogueActivation(), requantizes());
    }

    /**
     * A {@link #SCALE_ACCUMULATE} drain's streaming part: the same three-stage pipeline as a bias
     * epilogue without the table (one multiply-add a beat, rows x ceil(cols / 8) beats, depth 3), its
     * {@code portCycles} counting every L3 byte it moves ({@link #drainL3Bytes}). With a bias and
     * activation ({@code act} not null) each element passes the engine twice, the scaling
     * multiply-add then bias + act (2 rows x ceil(cols / 8) beats), and the SFU table's depth joins
     * the fill when act uses it. The caller adds the L3 latency, twice when the drain accumulates (the
     * partial tile's read must return before the first add).
     */
    public static long scaleDrainStreamCycles(long wavefrontSteps, long portCycles, int rows, int cols, Activation act) {
        VectorEngine ve = DRAIN_VECTOR_ENGINE;
        long beats = rows * ve.beats(cols) * (act == null ? 1 : 2);
        long fill = ve.depth() + (act != null && act.usesTable() ? ve.sfuDepth() : 0);
        return Math.max(Math.max(wavefrontSteps, portCycles), beats) + fill;
    }

    /**
     * Bytes a drain moves through the L3 ports: the tile written; for {@link #SCALE_ACCUMULATE} also
     * the scale row read and, when accumulating, the fp32 partial tile read (the bias of a bias
     * epilogue is not counted here, as before: cols values fetched ahead).
     */
    public long drainL3Bytes() {
        return scalesGroup() ? scaleDrainL3Bytes(rows, cols, accumulate) : writtenBytes();
    }

    /** The L3 bytes of a scale_acc drain of a rows x cols tile ({@link #drainL3Bytes}). */
    public static long scaleDrainL3Bytes(long rows, long cols, boolean accumulate) {
        return rows * cols * 4 * (accumulate ? 2 : 1) + cols * Dequant.SCALE_BYTES;
    }

    /**
     * A drain's stages run as one pipeline (docs/kpu-top.md, Timing): the result rows leave the array
     * in the wavefront ({@code wavefrontSteps}), stream through the vector engine ({@code rows x
     * ceil(cols / W)} beats, one per array cycle) and are written through the L3 ports
     * ({@code portCycles}). Each stage takes its input as the one before delivers it (the accumulator
     * buffer holds the whole tile, so a slower stage is never starved nor overrun), so the slowest
     * stage sets the pace and the others add only their fill: the vector engine's pipeline depth, and
     * the SFU table's when {@code act} uses it. Without an epilogue ({@code act} null) the vector
     * engine is bypassed: max(wavefront, port). The L3 latency comes on top (the caller's).
     */
    public static long drainStreamCycles(long wavefrontSteps, long portCycles, int rows, int cols, Activation act) {
        return drainStreamCycles(wavefrontSteps, portCycles, rows, cols, act, false);
    }

    /**
     * The same; a requantizing epilogue ({@code requant}) adds its multiply-round-saturate stage to the
     * vector engine's depth ({@code Requantize.STAGES}), no beats (one element a lane a beat, as before);
     * its smaller writes (one byte an element) are the caller's {@code portCycles}.
     */
    public static long drainStreamCycles(long wavefrontSteps, long portCycles, int rows, int cols, Activation act, boolean requant) {
        long stream = Math.max(wavefrontSteps, portCycles);
        if (act == null) {
            return stream;
        }
        VectorEngine ve = DRAIN_VECTOR_ENGINE;
        long beats = rows * ve.beats(cols);
        long fill = ve.depth() + (act.usesTable() ? ve.sfuDepth() : 0) + (requant ? Requantize.STAGES : 0);
        return Math.max(stream, beats) + fill;
    }

    /** Bytes from the source address to one past the last source element (BM_DEQUANT: its codes). */
    public long sourceSpan() {
        if (op == Op.BM_DEQUANT) {
            return dequant.codeBytes(rows, cols);
        }
        if (op == Op.FEED_PATCHES) {
            return ((long) (patches.bandRows() - 1) * srcPitch + (long) patches.w() * patches.channels()) * elem;
        }
        return ((long) (rows - 1) * srcPitch + cols) * elem;
    }

    /** Rows and columns written: transposed for BM_TRANSPOSE. */
    public long destinationSpan() {
        int outRows = op == Op.BM_TRANSPOSE ? cols : rows;
        int outCols = op == Op.BM_TRANSPOSE ? rows : cols;
        return ((long) (outRows - 1) * dstPitch + outCols) * dstElem();
    }

    /** Bytes written (BM_DEQUANT: the operand tile; it reads {@link #packedBytes}). */
    public long bytes() {
        return (long) rows * cols * elem;
    }

    /** BM_DEQUANT: the codes and scales it reads from L3 (to int8 operands the codes only). */
    public long packedBytes() {
        return dequant.codeBytes(rows, cols) + scaleBytesRead();
    }

    /** BM_DEQUANT: the scale bytes it reads at {@code src2}; none when it writes int8 codes (elem 1). */
    public long scaleBytesRead() {
        return elem == 1 ? 0 : dequant.scaleBytes(rows, cols);
    }

    /**
     * Bytes a DMA engine or BlockMover streams for this instruction at its rate: the block, or for
     * BM_DEQUANT the larger of what it reads and what it writes (docs/kpu-top.md, Timing).
     */
    public long streamedBytes() {
        return op == Op.BM_DEQUANT ? Math.max(packedBytes(), bytes()) : bytes();
    }
}

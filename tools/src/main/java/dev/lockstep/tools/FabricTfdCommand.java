package dev.lockstep.tools;

import dev.lockstep.fabric.device.ExecHints;
import dev.lockstep.fabric.device.FabricShape;
import dev.lockstep.fabric.device.Tfd;
import dev.lockstep.fabric.device.TfdException;
import dev.lockstep.fabric.device.TfdField;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * `lockstep fabric tfd FILE`: decodes a 40-byte Ternary Frame Descriptor and validates it as the
 * device would (docs/device.md). The fields are printed even when the device refuses them, so the
 * user sees what the file holds; the refusal then ends the command as bad input (exit 2).
 */
@Command(name = "tfd", mixinStandardHelpOptions = true,
        description = {"Decode and validate a 40-byte Ternary Frame Descriptor (tfmbs_tfd_t).",
                "Exit code 0 when the device accepts it, 2 when a field is refused or the file is not 40 bytes."})
final class FabricTfdCommand implements Callable<Integer> {
    private static final String[] PACKINGS = {"", "PT5", "T2B", "RAW"};
    private static final String[] FLAG_NAMES = {"READ", "WRITE", "COHERENT", "CRITICAL", "PINNED"};
    private static final String[] POOL_OPS = {"MAX", "MIN", "AVG", "3"};

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "the descriptor, exactly 40 bytes")
    Path file;

    @Option(names = "--json", description = "print one JSON object (stable keys, documented in docs/fabric-blocks.md)")
    boolean json;

    @Override
    public Integer call() throws IOException {
        long size = Files.size(file);
        if (size != Tfd.SIZE) {
            // Checked before reading, so a large file by mistake is not read whole.
            throw new InputException(file + ": " + size + " bytes, a TFD is exactly " + Tfd.SIZE + " bytes");
        }
        Tfd tfd = Tfd.parse(Files.readAllBytes(file));
        FabricShape shape = FabricShape.DEFAULT;
        TfdException refusal = null;
        try {
            tfd.validate(shape);
        } catch (TfdException e) {
            refusal = e;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? json(tfd, refusal) : table(tfd, refusal, shape));
        out.flush();
        if (refusal != null) {
            throw refusal;
        }
        return ExitCodes.OK;
    }

    private static String table(Tfd t, TfdException refusal, FabricShape shape) {
        ExecHints h = t.hints();
        StringBuilder s = new StringBuilder();
        s.append(String.format("%-6s %-12s %s%n", "offset", "field", "value"));
        row(s, TfdField.BASE_ADDR, Long.toUnsignedString(t.baseAddr())
                + String.format(" (0x%016X)", t.baseAddr()));
        row(s, TfdField.FRAME_LEN, Long.toString(t.frameLen()));
        row(s, TfdField.PACKING_FMT, t.packingFmt() + packingName(t.packingFmt()));
        row(s, TfdField.LANE_COUNT, Integer.toString(t.laneCount()));
        row(s, TfdField.LANE_STRIDE, Long.toString(t.laneStride()));
        row(s, TfdField.FLAGS, String.format("0x%08X", t.flags())
                + (t.flags() == 0 ? "" : " (" + String.join(" ", flagNames(t.flags())) + ")"));
        row(s, TfdField.EXEC_HINTS, String.format("0x%08X", h.raw()));
        hint(s, "[7:0]", "KERNEL_ID", String.format("0x%02X %s", h.kernel(), h.knownKernel() ? h.kernelName() : "(unknown)"));
        hint(s, "[15:8]", "QUANT", Integer.toString(h.quant()));
        hint(s, "[16]", "BIAS_EN", bit(h.biasEnabled()));
        hint(s, "[17]", "ZERO_SKIP_EN", bit(h.zeroSkip()));
        hint(s, "[18]", "FREE_NEG_EN", bit(h.freeNeg()));
        hint(s, "[19]", "WEIGHT_BRDCST", bit(h.weightBroadcast()));
        hint(s, "[21:20]", "STRIDE", "s = " + h.convStride());
        hint(s, "[23:22]", "PAD", Integer.toString(h.pad()));
        hint(s, "[25:24]", "KSIZE", Integer.toString(h.kernelSize()));
        hint(s, "[26]", "DILATION_EN", bit(h.dilation()));
        hint(s, "[28:27]", "POOL_WIN", Integer.toString(h.poolWindow()));
        hint(s, "[30:29]", "POOL_OP", h.poolOp() + " (" + POOL_OPS[h.poolOp()] + ")");
        hint(s, "[31]", "reserved", bit((h.raw() >>> 31) != 0));
        row(s, TfdField.VERSION, String.format("0x%02X", t.version()));
        row(s, TfdField.TILE_MASK, String.format("0x%02X", t.tileMask()) + tiles(t.tileMask()));
        if (refusal == null) {
            long step = h.addressStep(t.laneStride());
            s.append(String.format("address step %d, words %s..%d%n", step, Long.toUnsignedString(t.baseAddr()),
                    t.baseAddr() + (t.frameLen() - 1) * step));
            s.append(String.format("valid: OK 0 on %d tiles x %d lanes, %d-word banks%n",
                    shape.tiles(), shape.lanesPerTile(), shape.bankWords()));
        } else {
            s.append("refused: ").append(refusal.status()).append(' ').append(refusal.status().code())
                    .append(" at byte ").append(refusal.byteOffset()).append(" (").append(refusal.field()).append(")\n");
        }
        return s.toString();
    }

    private static void row(StringBuilder s, TfdField f, String value) {
        s.append(String.format("%-6d %-12s %s%n", f.offset(), f.cName(), value));
    }

    private static void hint(StringBuilder s, String bits, String name, String value) {
        s.append(String.format("%-6s   %-8s %-14s %s%n", "", bits, name, value));
    }

    private static String bit(boolean b) {
        return b ? "1" : "0";
    }

    private static String packingName(int fmt) {
        return fmt >= 1 && fmt < PACKINGS.length ? " (" + PACKINGS[fmt] + ")" : "";
    }

    private static List<String> flagNames(int flags) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < FLAG_NAMES.length; i++) {
            if ((flags & 1 << i) != 0) {
                names.add(FLAG_NAMES[i]);
            }
        }
        if ((flags & ~Tfd.FLAGS_DEFINED) != 0) {
            names.add(String.format("reserved 0x%08X", flags & ~Tfd.FLAGS_DEFINED));
        }
        return names;
    }

    private static String tiles(int mask) {
        if (mask == 0) {
            return "";
        }
        StringBuilder s = new StringBuilder(" (tiles");
        for (int i = 0; i < 8; i++) {
            if ((mask & 1 << i) != 0) {
                s.append(' ').append(i);
            }
        }
        return s.append(')').toString();
    }

    /** Key order is fixed; numbers are the fields' unsigned values (base_addr may exceed 2^53). */
    private static String json(Tfd t, TfdException refusal) {
        ExecHints h = t.hints();
        StringBuilder s = new StringBuilder("{");
        num(s, "base_addr", Long.toUnsignedString(t.baseAddr()));
        num(s, "frame_len", Long.toString(t.frameLen()));
        num(s, "packing_fmt", Integer.toString(t.packingFmt()));
        num(s, "lane_count", Integer.toString(t.laneCount()));
        num(s, "lane_stride", Long.toString(t.laneStride()));
        num(s, "flags", Integer.toUnsignedString(t.flags()));
        num(s, "exec_hints", Integer.toUnsignedString(h.raw()));
        num(s, "version", Integer.toString(t.version()));
        num(s, "tile_mask", Integer.toString(t.tileMask()));
        s.append("\"hints\":{");
        num(s, "kernel_id", Integer.toString(h.kernel()));
        str(s, "kernel", h.knownKernel() ? h.kernelName() : null);
        num(s, "quant", Integer.toString(h.quant()));
        num(s, "bias_en", Boolean.toString(h.biasEnabled()));
        num(s, "zero_skip", Boolean.toString(h.zeroSkip()));
        num(s, "free_neg", Boolean.toString(h.freeNeg()));
        num(s, "weight_broadcast", Boolean.toString(h.weightBroadcast()));
        num(s, "conv_stride", Integer.toString(h.convStride()));
        num(s, "pad", Integer.toString(h.pad()));
        num(s, "ksize", Integer.toString(h.kernelSize()));
        num(s, "dilation", Boolean.toString(h.dilation()));
        num(s, "pool_win", Integer.toString(h.poolWindow()));
        num(s, "pool_op", Integer.toString(h.poolOp()));
        s.setLength(s.length() - 1);
        s.append("},");
        num(s, "valid", Boolean.toString(refusal == null));
        str(s, "status", refusal == null ? "OK" : refusal.status().name());
        num(s, "status_code", Integer.toString(refusal == null ? 0 : refusal.status().code()));
        if (refusal == null) {
            num(s, "error", "null");
        } else {
            s.append("\"error\":{");
            str(s, "field", refusal.field());
            num(s, "byte_offset", Integer.toString(refusal.byteOffset()));
            str(s, "message", refusal.getMessage());
            s.setLength(s.length() - 1);
            s.append("},");
        }
        s.setLength(s.length() - 1);
        return s.append("}\n").toString();
    }

    private static void num(StringBuilder s, String key, String literal) {
        s.append('"').append(key).append("\":").append(literal).append(',');
    }

    private static void str(StringBuilder s, String key, String value) {
        if (value == null) {
            num(s, key, "null");
            return;
        }
        s.append('"').append(key).append("\":\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        s.append(String.format("\\u%04x", (int) c));
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        s.append("\",");
    }
}

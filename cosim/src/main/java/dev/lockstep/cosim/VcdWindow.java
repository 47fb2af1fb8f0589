package dev.lockstep.cosim;

import dev.lockstep.trace.VcdWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the cycles around a divergence as a VCD: scope {@code java.<block>} holds the Java model's
 * view, {@code rtl.<block>} the RTL's, each with the inputs and the outputs, so a waveform viewer
 * shows the two side by side. Time is the cycle number (timescale 1 ns, one unit per cycle).
 */
final class VcdWindow {
    private VcdWindow() {}

    static void write(Path file, CosimSchema schema, List<CycleRecord> rows) {
        int nIn = schema.inputs().size();
        int nOut = schema.outputs().size();
        try {
            // The folder is made only now, so a run that passes leaves nothing behind.
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                java.nio.file.Files.createDirectories(dir);
            }
        } catch (java.io.IOException e) {
            throw new CosimException("cannot create the folder for VCD window " + file + ": " + e.getMessage());
        }
        try (VcdWriter vcd = new VcdWriter(file, "1ns")) {
            int[] javaIds = declare(vcd, "java." + schema.block(), schema);
            int[] rtlIds = declare(vcd, "rtl." + schema.block(), schema);
            CycleRecord previous = null;
            for (CycleRecord row : rows) {
                for (int i = 0; i < nIn; i++) {
                    if (previous == null || row.inputs()[i] != previous.inputs()[i]) {
                        vcd.change(row.cycle(), javaIds[i], row.inputs()[i]);
                        vcd.change(row.cycle(), rtlIds[i], row.inputs()[i]);
                    }
                }
                for (int i = 0; i < nOut; i++) {
                    if (previous == null || row.expected()[i] != previous.expected()[i]) {
                        vcd.change(row.cycle(), javaIds[nIn + i], row.expected()[i]);
                    }
                    if (previous == null || row.actual()[i] != previous.actual()[i]) {
                        vcd.change(row.cycle(), rtlIds[nIn + i], row.actual()[i]);
                    }
                }
                previous = row;
            }
        } catch (IOException e) {
            throw new CosimException("cannot write VCD window " + file + ": " + e.getMessage(), e);
        }
    }

    private static int[] declare(VcdWriter vcd, String scope, CosimSchema schema) {
        int nIn = schema.inputs().size();
        int[] ids = new int[nIn + schema.outputs().size()];
        for (int i = 0; i < nIn; i++) {
            ids[i] = vcd.declare(scope, schema.inputs().get(i).name(), schema.inputs().get(i).width());
        }
        for (int i = 0; i < schema.outputs().size(); i++) {
            SignalSpec s = schema.outputs().get(i);
            ids[nIn + i] = vcd.declare(scope, s.name(), s.width());
        }
        return ids;
    }
}

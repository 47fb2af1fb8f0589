package dev.lockstep.kpu.scalesim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** SCALE-Sim v2's COMPUTE_REPORT.csv: its header, its ", " separators, its trailing commas, Python's number text. */
public final class ComputeReport {
    /** The file name SCALE-Sim gives the report. */
    public static final String FILE_NAME = "COMPUTE_REPORT.csv";
    /** SCALE-Sim v2's header line, byte for byte. */
    public static final String HEADER =
            "LayerID, Total Cycles, Stall Cycles, Overall Util %, Mapping Efficiency %, Compute Util %,\n";

    private ComputeReport() {
    }

    /** The report text, one line per row in order; the LayerID is the row's index. */
    public static String format(List<ComputeRow> rows) {
        StringBuilder b = new StringBuilder(HEADER);
        for (int i = 0; i < rows.size(); i++) {
            ComputeRow r = rows.get(i);
            b.append(i).append(", ").append(r.totalCycles()).append(", ").append(r.stallCycles()).append(", ")
                    .append(PythonFloat.repr(r.overallUtilPercent())).append(", ")
                    .append(PythonFloat.repr(r.mappingEfficiencyPercent())).append(", ")
                    .append(PythonFloat.repr(r.computeUtilPercent())).append(",\n");
        }
        return b.toString();
    }

    /**
     * Writes {@code text} to {@code target} through a temporary file in the same directory, so that a
     * file under the target name is always complete.
     */
    public static void writeAtomically(Path target, String text) throws IOException {
        Path abs = target.toAbsolutePath();
        Path temp = Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".part");
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            try {
                Files.move(temp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}

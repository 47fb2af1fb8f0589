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

    /** Lockstep's own file for {@code --fidelity pe}; SCALE-Sim's report is left exactly as SCALE-Sim writes it. */
    public static final String PE_FILE_NAME = "PE_REPORT.csv";
    /** Header of {@link #PE_FILE_NAME}; columns documented in docs/scalesim.md. */
    public static final String PE_HEADER = "LayerID, Layer Name, M, N, K, Folds, CALC Total Cycles, PE Edges, "
            + "PE Total Cycles, Cycles Match, Product Check,\n";

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

    /** The PE cross-check text: one line per layer, the CALC row beside the register-level run. */
    public static String formatPe(List<TopologyLayer> layers, List<ComputeRow> calc, List<PeRow> pe) {
        StringBuilder b = new StringBuilder(PE_HEADER);
        for (int i = 0; i < pe.size(); i++) {
            ComputeRow c = calc.get(i);
            PeRow p = pe.get(i);
            b.append(i).append(", ").append(layers.get(i).name()).append(", ").append(c.m()).append(", ").append(c.n())
                    .append(", ").append(c.k()).append(", ").append(c.folds()).append(", ").append(c.totalCycles())
                    .append(", ").append(p.peEdges()).append(", ").append(p.peTotalCycles()).append(", ")
                    .append(p.cyclesMatch() ? "yes" : "NO").append(", ").append(p.productOk() ? "ok" : "WRONG")
                    .append(",\n");
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

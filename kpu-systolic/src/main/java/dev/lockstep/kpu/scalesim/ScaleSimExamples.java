package dev.lockstep.kpu.scalesim;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The inputs shipped with Lockstep, so {@code lockstep scalesim} runs without files of one's own: a default
 * config (32 x 32, output stationary, CALC), the five AlexNet convolutions and two GEMMs.
 */
public final class ScaleSimExamples {
    /** Names under which the examples appear in messages and can be listed to users. */
    public static final String CONFIG = "examples/scalesim.cfg";
    public static final String ALEXNET = "examples/alexnet.csv";
    public static final String GEMM = "examples/gemm.csv";

    private ScaleSimExamples() {
    }

    public static ScaleSimConfig config() {
        return ScaleSimConfigReader.parse("(built-in) " + CONFIG, lines(CONFIG));
    }

    public static List<TopologyLayer> alexnet() {
        return TopologyReader.parse("(built-in) " + ALEXNET, lines(ALEXNET), TopologyReader.Kind.CONV);
    }

    public static List<TopologyLayer> gemm() {
        return TopologyReader.parse("(built-in) " + GEMM, lines(GEMM), TopologyReader.Kind.GEMM);
    }

    /** The text of an example, e.g. to copy it out as a starting point. */
    public static String text(String name) {
        try (InputStream in = ScaleSimExamples.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("example resource missing from the build: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(String name) {
        return text(name).lines().toList();
    }
}

package dev.lockstep.cosim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Caching and the errors a user sees for bad RTL or a missing Verilator. */
class ModelBuilderTest {
    private static final String COUNTER = """
            module counter(input clk, input rst, output reg [3:0] n);
              always @(posedge clk) n <= rst ? 4'd0 : n + 4'd1;
            endmodule
            """;

    @Test
    void secondBuildOfTheSameSourcesIsACacheHit() {
        ModelBuilder builder = ModelBuilder.defaults();
        // A comment unique to this run makes the first build a guaranteed miss in a shared cache.
        String source = "// run " + UUID.randomUUID() + "\n" + COUNTER;
        RtlDesign design = RtlDesign.of("counter", Map.of("counter.v", source));
        BuiltModel first = builder.build(design);
        try {
            BuiltModel second = builder.build(design);
            assertFalse(first.fromCache());
            assertTrue(second.fromCache());
            assertEquals(first.library(), second.library());
            try (VerilatedModel m = VerilatedModel.load(second)) {
                m.reset(1);
                for (int i = 0; i < 17; i++) {
                    m.tick();
                }
                assertEquals(1, m.port("n").peek());   // 17 edges of a 4-bit counter: 17 mod 16 = 1
            }
            // Any change of source text is a different key: another miss.
            BuiltModel changed = builder.build(RtlDesign.of("counter", Map.of("counter.v", source + "\n")));
            assertFalse(changed.fromCache());
            ModelBuilder.deleteTree(changed.library().getParent());
        } finally {
            ModelBuilder.deleteTree(first.library().getParent());
        }
    }

    @Test
    void anEmptyCacheDirectoryBuildsRuntimeAndModelFromNothing(@TempDir Path cache) {
        // Regression: on a fresh machine models/ did not exist yet and publishing the build failed.
        ModelBuilder builder = ModelBuilder.withCache(Verilator.locate(), cache);
        BuiltModel built = builder.build(RtlDesign.of("counter", Map.of("counter.v", COUNTER)));
        assertFalse(built.fromCache());
        assertTrue(built.library().startsWith(cache), built.library().toString());
        try (VerilatedModel m = VerilatedModel.load(built)) {
            m.reset(1);
            for (int i = 0; i < 5; i++) {
                m.tick();
            }
            assertEquals(5, m.port("n").peek());   // 5 edges after reset count 0 -> 5
        }
    }

    @Test
    void syntaxErrorCarriesVerilatorsMessageWithFileAndLine() {
        String bad = "module counter(input clk, output reg n);\n  always @(posedge clk) n <= ;\nendmodule\n";
        RtlBuildException e = assertThrows(RtlBuildException.class,
                () -> ModelBuilder.defaults().build(RtlDesign.of("counter", Map.of("counter.v", bad))));
        assertTrue(e.getMessage().startsWith("Verilator rejected design 'counter':"), e.getMessage());
        assertTrue(e.getMessage().contains("%Error: counter.v:2:"), e.getMessage());
    }

    @Test
    void missingTopModuleIsNamed() {
        RtlBuildException e = assertThrows(RtlBuildException.class,
                () -> ModelBuilder.defaults().build(RtlDesign.of("nosuch", Map.of("counter.v", COUNTER))));
        assertTrue(e.getMessage().contains("nosuch"), e.getMessage());
    }

    @Test
    void missingClockPortIsNamed() {
        RtlDesign d = new RtlDesign("counter", Map.of("counter.v", COUNTER), "clock", "rst");
        RtlBuildException e = assertThrows(RtlBuildException.class, () -> ModelBuilder.defaults().build(d));
        assertTrue(e.getMessage().contains("no input 'clock' to use as clock"), e.getMessage());
    }

    @Test
    void missingSourceFileIsNamed(@TempDir Path dir) {
        Path absent = dir.resolve("absent.v");
        RtlBuildException e = assertThrows(RtlBuildException.class,
                () -> RtlDesign.fromPaths("counter", List.of(absent), "clk", "rst"));
        assertEquals("RTL source not found: " + absent, e.getMessage());
    }

    @Test
    void sourcesReadFromDiskBuild(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("counter.v"), COUNTER);
        try (VerilatedModel m = VerilatedModel.open(RtlDesign.fromPaths("counter", List.of(file), "clk", "rst"))) {
            m.reset(1);
            m.tick();
            m.tick();
            assertEquals(2, m.port("n").peek());
        }
    }

    @Test
    void missingVerilatorSaysHowToInstall(@TempDir Path emptyDir) {
        VerilatorMissingException onPath = assertThrows(VerilatorMissingException.class,
                () -> Verilator.locate(name -> name.equals("PATH") ? emptyDir.toString() : null));
        assertTrue(onPath.getMessage().contains("apt-get install -y verilator"), onPath.getMessage());
        VerilatorMissingException byEnv = assertThrows(VerilatorMissingException.class,
                () -> Verilator.locate(name -> name.equals("VERILATOR") ? emptyDir.resolve("verilator").toString() : null));
        assertTrue(byEnv.getMessage().startsWith("VERILATOR=") && byEnv.getMessage().contains("apt-get install -y verilator"),
                byEnv.getMessage());
    }

    @Test
    void locatedVerilatorReportsItsVersion() {
        Verilator v = Verilator.locate();
        assertTrue(v.version().matches("\\d+\\.\\d+"), v.version());
        assertTrue(v.versionLine().startsWith("Verilator " + v.version()), v.versionLine());
    }
}

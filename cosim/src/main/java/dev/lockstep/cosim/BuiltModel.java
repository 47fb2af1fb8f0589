package dev.lockstep.cosim;

import java.nio.file.Path;

/**
 * A verilated design compiled into a shared library in the model cache.
 *
 * @param fromCache true when the library was already cached and nothing was compiled
 */
public record BuiltModel(RtlDesign design, Path library, boolean fromCache) {}

package dev.lockstep.cosim;

/**
 * Everything the lockstep runner needs for one block: the schema, the RTL that implements it, the
 * seeded stimulus and the Java model. The RTL must have exactly the schema's ports (plus its clock).
 *
 * @param seed the stimulus seed, reported so that a divergence can be reproduced
 */
public record CosimHarness(CosimSchema schema, RtlDesign rtl, Stimulus stimulus, CosimModel model, long seed) {}

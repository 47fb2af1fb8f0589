package dev.lockstep.kpu.vector;

/** A transformed rows x cols tile (row-major fp32) and the vector-engine cycles it took. */
public record DrainResult(float[] tile, long cycles) {}

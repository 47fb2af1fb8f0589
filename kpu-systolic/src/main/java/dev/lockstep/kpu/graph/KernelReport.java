package dev.lockstep.kpu.graph;

/**
 * One fused kernel's outcome; JSON keys in this order. Cycles are array cycles; {@code externalBytes}
 * = {@code compulsoryBytes} (the group's inputs read and its output written once, plus an im2col
 * patch matrix's write and read) + the matmul tiling's reloads.
 */
public record KernelReport(String name, String fusion, long cycles, long macs, long compulsoryBytes, long externalBytes,
                           long savedBytes) {
}

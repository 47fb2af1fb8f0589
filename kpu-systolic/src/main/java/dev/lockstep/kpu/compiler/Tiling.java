package dev.lockstep.kpu.compiler;

/**
 * A chosen tiling of an M x N x K matmul and what the cost model predicts for it. {@code buffers} is
 * 2 when every level holds two of each tile (loads overlap compute), 1 when it holds one.
 * Bytes: {@code externalBytes} the program moves off chip, {@code compulsoryBytes} A + B read and C
 * written once each. Cycles are array cycles.
 */
public record Tiling(int ti, int tj, int tk, int buffers, long externalBytes, long compulsoryBytes,
                     long computeCycles, long externalCycles, long moverCycles, long feedCycles,
                     long drainCycles, long estimatedCycles) {
}
